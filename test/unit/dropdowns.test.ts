import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { ZohoBookings } from '../../nodes/ZohoBookings/ZohoBookings.node';
import { ZohoInvoice } from '../../nodes/ZohoInvoice/ZohoInvoice.node';
import { ZohoPeople } from '../../nodes/ZohoPeople/ZohoPeople.node';

interface Field {
	/** Where the field sits, e.g. `lineItems > item > itemId`. */
	path: string;
	property: INodeProperties;
}

const isProperty = (o: unknown): o is INodeProperties =>
	typeof o === 'object' && o !== null && 'type' in o && 'name' in o;
const isCollectionGroup = (o: unknown): o is INodePropertyCollection =>
	typeof o === 'object' && o !== null && 'values' in o;

/** Every parameter of a description, inside collections and fixed collections too. */
function fieldsOf(properties: INodeProperties[], prefix = ''): Field[] {
	return properties.flatMap((property): Field[] => {
		const path = `${prefix}${property.name}`;
		const nested = (
			(property.options ?? []) as Array<
				INodeProperties | INodePropertyCollection | INodePropertyOptions
			>
		).flatMap((o) => {
			if (property.type === 'collection' && isProperty(o)) return fieldsOf([o], `${path} > `);
			if (property.type === 'fixedCollection' && isCollectionGroup(o))
				return fieldsOf(o.values, `${path} > ${o.name} > `);
			return [];
		});
		return [{ path, property }, ...nested];
	});
}

const NODES: Array<[string, INodeType]> = [
	['Zoho Invoice', new ZohoInvoice()],
	['Zoho People', new ZohoPeople()],
	['Zoho Bookings', new ZohoBookings()],
];

describe.each(NODES)('%s dropdowns', (_name, node) => {
	const fields = fieldsOf(node.description.properties);
	const dropdowns = fields.filter(
		(f) => f.property.type === 'options' || f.property.type === 'multiOptions',
	);
	const loaderOf = (f: Field) => f.property.typeOptions?.loadOptionsMethod as string | undefined;
	const exported = Object.keys(node.methods?.loadOptions ?? {}).sort();

	it('walks into collections and fixed collections', () => {
		// The walk itself must reach nested fields, or every check below passes vacuously.
		expect(fields.some((f) => f.path.split(' > ').length === 3)).toBe(true);
		expect(fields.some((f) => f.path.split(' > ').length === 2)).toBe(true);
	});

	it('gives every options or multiOptions parameter a list or a loader', () => {
		const empty = dropdowns
			.filter(
				(f) =>
					loaderOf(f) === undefined &&
					!(Array.isArray(f.property.options) && f.property.options.length !== 0),
			)
			.map((f) => f.path);
		expect(empty).toEqual([]);
	});

	it('names only loaders the node has', () => {
		const missing = dropdowns
			.filter((f) => loaderOf(f) !== undefined && !exported.includes(loaderOf(f)!))
			.map((f) => `${f.path}: ${loaderOf(f)}`);
		expect(missing).toEqual([]);
	});

	it('uses every loader it exports in some field', () => {
		const used = [
			...new Set(dropdowns.map(loaderOf).filter((m): m is string => m !== undefined)),
		].sort();
		expect(used).toEqual(exported);
	});

	// Resource locators: their "From list" modes name list-search methods of the node.
	const locators = fields.filter((f) => f.property.type === 'resourceLocator');
	const searchOf = (f: Field) =>
		(f.property.modes ?? [])
			.map((m) => m.typeOptions?.searchListMethod)
			.filter((m): m is string => m !== undefined);
	const searches = Object.keys(node.methods?.listSearch ?? {}).sort();

	it('names only list searches the node has, in every resource locator', () => {
		const missing = locators
			.flatMap((f) => searchOf(f).map((m) => [f.path, m]))
			.filter(([, m]) => !searches.includes(m))
			.map(([path, m]) => `${path}: ${m}`);
		expect(missing).toEqual([]);
	});

	it('uses every list search it exports in some resource locator', () => {
		expect([...new Set(locators.flatMap(searchOf))].sort()).toEqual(searches);
	});

	it('opens every resource locator on a searchable list, with a By ID mode beside it', () => {
		const wrong = locators
			.filter((f) => {
				const modes = f.property.modes ?? [];
				const list = modes.find((m) => m.name === 'list');
				return (
					(f.property.default as { mode?: string })?.mode !== 'list' ||
					list?.type !== 'list' ||
					list.typeOptions?.searchable !== true ||
					!modes.some((m) => m.name === 'id' && m.type === 'string')
				);
			})
			.map((f) => f.path);
		expect(wrong).toEqual([]);
	});

	it('reloads a dropdown only on parameters that exist at the top level', () => {
		const roots = new Set(node.description.properties.map((p) => p.name));
		// A dependency may name a value inside a top-level parameter (organizationId.value: a locator's ID).
		const dangling = [...dropdowns, ...locators].flatMap((f) =>
			((f.property.typeOptions?.loadOptionsDependsOn ?? []) as string[])
				.filter((d) => !roots.has(d.split('.')[0]))
				.map((d) => `${f.path}: ${d}`),
		);
		expect(dangling).toEqual([]);
	});
});

describe('Zoho Invoice dropdowns follow the organization', () => {
	const invoiceFields = fieldsOf(new ZohoInvoice().description.properties);
	const dependsOn = (f: Field) => (f.property.typeOptions?.loadOptionsDependsOn ?? []) as string[];

	it('has record locators and one dropdown (Currency), and the organization is a locator', () => {
		const organization = invoiceFields.filter((f) => f.path === 'organizationId');
		expect(organization.map((f) => f.property.type)).toEqual(['resourceLocator']);
		const loaders = invoiceFields
			.map((f) => f.property.typeOptions?.loadOptionsMethod)
			.filter((m) => m !== undefined);
		expect([...new Set(loaders)]).toEqual(['getCurrencies']);
	});

	it("clears and reloads every organization-scoped list when the organization's ID changes", () => {
		// Every list but the organizations' own reads the organization (methods/listSearch.ts,
		// methods/loadOptions.ts). n8n compares the dependency's value as text, so it names the ID
		// inside the Organization locator (organizationId.value), not the locator object.
		const scoped = invoiceFields.filter(
			(f) =>
				(f.property.type === 'resourceLocator' && f.path !== 'organizationId') ||
				f.property.typeOptions?.loadOptionsMethod !== undefined,
		);
		expect(scoped.length).toBeGreaterThan(40);
		const stale = scoped.filter((f) => dependsOn(f).join() !== 'organizationId.value');
		expect(stale.map((f) => f.path)).toEqual([]);
	});

	it('offers line items active items and the taxes, on every document that has line items', () => {
		const lineItemLocators = invoiceFields
			.filter(
				(f) => f.path.startsWith('lineItems > item > ') && f.property.type === 'resourceLocator',
			)
			.map(
				(f) =>
					`${f.path}: ${String(f.property.modes?.find((m) => m.name === 'list')?.typeOptions?.searchListMethod)}`,
			);
		expect([...new Set(lineItemLocators)].sort()).toEqual([
			'lineItems > item > itemId: searchActiveItems',
			'lineItems > item > taxId: searchTaxes',
		]);
		// Create and update of invoices, estimates, credit notes and recurring invoices.
		expect(lineItemLocators).toHaveLength(4 * 2 * 2);
	});
});
