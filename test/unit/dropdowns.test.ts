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
		const dangling = [...dropdowns, ...locators].flatMap((f) =>
			((f.property.typeOptions?.loadOptionsDependsOn ?? []) as string[])
				.filter((d) => !roots.has(d))
				.map((d) => `${f.path}: ${d}`),
		);
		expect(dangling).toEqual([]);
	});
});

describe('Zoho Invoice dropdowns follow the organization', () => {
	it('reloads every organization-scoped list when the organization changes', () => {
		// Every loader but getOrganizations reads organizationId (nodes/ZohoInvoice/methods/loadOptions.ts).
		const scoped = fieldsOf(new ZohoInvoice().description.properties).filter((f) => {
			const loader = f.property.typeOptions?.loadOptionsMethod;
			return loader !== undefined && loader !== 'getOrganizations';
		});
		const stale = scoped.filter(
			(f) =>
				!((f.property.typeOptions?.loadOptionsDependsOn ?? []) as string[]).includes(
					'organizationId',
				),
		);
		expect(stale.map((f) => f.path)).toEqual([]);
		// The line-item Item and Tax dropdowns are among them: create and update of invoices, estimates,
		// credit notes and recurring invoices (the resources with lineItems: true).
		const lineItemLoaders = scoped
			.filter((f) => f.path.startsWith('lineItems > item > '))
			.map((f) => `${f.path}: ${String(f.property.typeOptions?.loadOptionsMethod)}`);
		expect([...new Set(lineItemLoaders)].sort()).toEqual([
			'lineItems > item > itemId: getItems',
			'lineItems > item > taxId: getTaxes',
		]);
		expect(lineItemLoaders).toHaveLength(4 * 2 * 2);
	});
});
