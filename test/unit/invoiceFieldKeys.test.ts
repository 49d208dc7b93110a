import type { INodeProperties } from 'n8n-workflow';
import { ZohoInvoice } from '../../nodes/ZohoInvoice/ZohoInvoice.node';
import { RESOURCES } from '../../nodes/ZohoInvoice/actions/resources';
import { LINE_ITEM_FIELDS } from '../../nodes/ZohoInvoice/actions/resourceBuilder/fields';
import type {
	BodyField,
	FieldKind,
	FilterKind,
	QueryField,
} from '../../nodes/ZohoInvoice/actions/resourceBuilder/types';

/**
 * How body.ts named and classed fields before keys were declared (its toZohoKey, JSON_FIELDS,
 * DATE_FIELDS, isIdField), kept here only to prove the declared keys and kinds send the same wire.
 */
const derivedKey = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function derivedKind(name: string): FieldKind {
	if (name === 'extraFieldsJson') return 'merge';
	if (
		['customFields', 'contactPersons', 'billingAddress', 'shippingAddress', 'invoices'].includes(
			name,
		)
	)
		return 'json';
	if (['date', 'dueDate', 'expiryDate', 'startDate', 'endDate'].includes(name)) return 'date';
	if (/[a-z]Id$/.test(name)) return 'id';
	return 'plain';
}

/** How crud.ts's filterQuery named and classed filters before their keys were declared. */
function derivedFilter(name: string): { key: string; kind: FilterKind } {
	if (name === 'modifiedSince') return { key: 'last_modified_time', kind: 'instant' };
	if (name === 'dateStart' || name === 'dateEnd') return { key: derivedKey(name), kind: 'day' };
	if (name === 'status') return { key: 'status', kind: 'status' };
	return { key: derivedKey(name), kind: /[a-z]Id$/.test(name) ? 'id' : 'plain' };
}

const node = new ZohoInvoice();

/** The node's parameters shown for one resource and operation. */
function shown(resource: string, operation: string): INodeProperties[] {
	return node.description.properties.filter(
		(p) =>
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions.show.operation?.includes(operation),
	);
}

const collectionOptions = (parameter: INodeProperties | undefined) =>
	((parameter?.options ?? []) as INodeProperties[]).map((o) => o.name).sort();
const names = (fields: ReadonlyArray<BodyField | QueryField>) =>
	fields.map((f) => f.property.name).sort();

describe('Zoho Invoice fields sent to Zoho', () => {
	const writable = RESOURCES.filter((r) => r.bodyFields.length > 0);

	it('covers the nine resources that create or update records', () => {
		expect(writable.map((r) => r.option.value)).toEqual([
			'contact',
			'creditNote',
			'customerPayment',
			'estimate',
			'expense',
			'invoice',
			'item',
			'project',
			'recurringInvoice',
		]);
	});

	it.each(writable.map((r) => [r.option.value, r] as const))(
		'%s: every field of Create and Update has a declaration',
		(value, resource) => {
			const create = shown(value, 'create');
			const additional = create.find((p) => p.name === 'additionalFields');
			const required = create
				.filter(
					(p) =>
						!['additionalFields', 'lineItemsMode', 'lineItems', 'lineItemsJson'].includes(p.name),
				)
				.map((p) => p.name);
			expect([...required, ...collectionOptions(additional)].sort()).toEqual(
				names(resource.bodyFields),
			);
			expect(
				collectionOptions(shown(value, 'update').find((p) => p.name === 'updateFields')),
			).toEqual(names(resource.bodyFields));
		},
	);

	it('declares every line item field of the Line Items collection', () => {
		const lineItems = shown('invoice', 'create').find((p) => p.name === 'lineItems');
		const values = (lineItems?.options as Array<{ values: INodeProperties[] }>)[0].values;
		expect(values.map((v) => v.name).sort()).toEqual(names(LINE_ITEM_FIELDS));
	});

	const declared = [
		...RESOURCES.flatMap((r) => r.bodyFields.map((f) => [r.option.value, f] as const)),
		...LINE_ITEM_FIELDS.map((f) => ['lineItem', f] as const),
	];

	it.each(declared.map(([resource, f]) => [`${resource}.${f.property.name}`, f] as const))(
		'%s keeps the Zoho key and kind its name gave it before',
		(_label, f) => {
			expect(f.kind).toBe(derivedKind(f.property.name));
			// A merge field has no key of its own: its JSON object's keys go into the body.
			expect(f.key).toBe(f.kind === 'merge' ? '' : derivedKey(f.property.name));
		},
	);

	it.each(RESOURCES.map((r) => [r.option.value, r] as const))(
		'%s: every filter of Get Many has a declaration',
		(value, resource) => {
			expect(collectionOptions(shown(value, 'getAll').find((p) => p.name === 'filters'))).toEqual(
				names(resource.queryFields),
			);
		},
	);

	it.each(
		RESOURCES.flatMap((r) =>
			r.queryFields.map((f) => [`${r.option.value}.${f.property.name}`, f] as const),
		),
	)('filter %s keeps the query key and kind its name gave it before', (_label, f) => {
		expect({ key: f.key, kind: f.kind }).toEqual(derivedFilter(f.property.name));
	});
});
