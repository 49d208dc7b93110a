import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionalId, requiredId } from '../../../shared/parameters';
import { recordLocator } from './locators';
import type { BodyField, FieldKind, FilterKind, QueryField, ResourceSpec } from './types';

/** A field Zoho receives under `key`, its value sent as `kind` says (see BodyField). */
export function field(key: string, kind: FieldKind, property: INodeProperties): BodyField {
	return { property, key, kind };
}

/** A Get Many filter Zoho receives as the query parameter `key`, its value sent as `kind` says (see QueryField). */
export function filter(key: string, kind: FilterKind, property: INodeProperties): QueryField {
	return { property, key, kind };
}

/** The node parameters of fields, in order. */
export function propertiesOf(fields: ReadonlyArray<BodyField | QueryField>): INodeProperties[] {
	return fields.map((f) => f.property);
}

export function show(
	spec: ResourceSpec,
	operations: string[],
): { show: { resource: string[]; operation: string[] } } {
	return { show: { resource: [spec.value], operation: operations } };
}

export function idParameter(spec: ResourceSpec): string {
	return `${spec.value}Id`;
}

function idDisplayName(spec: ResourceSpec): string {
	return spec.locator ? spec.name : `${spec.name} ID`;
}

/** The ID of the record the operation acts on, checked before anything is sent. */
export function recordIdOf(ctx: IExecuteFunctions, spec: ResourceSpec, itemIndex: number): string {
	return requiredId(ctx, idParameter(spec), itemIndex, idDisplayName(spec));
}

/** The chosen organization, '' to look it up; an object from an expression is refused. */
export function organizationIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return optionalId(ctx, 'organizationId', itemIndex, 'Organization');
}

/**
 * The record an operation acts on: a resource locator for the records users pick (contacts,
 * items, invoices, estimates; its name is the ID field's, so saved workflows keep their value),
 * an ID field for the others.
 */
export function idField(spec: ResourceSpec, operations: string[]): INodeProperties {
	if (spec.locator)
		return {
			...recordLocator({
				displayName: idDisplayName(spec),
				name: idParameter(spec),
				searchListMethod: spec.locator.searchListMethod,
				noun: spec.name.toLowerCase(),
				urlSections: spec.locator.urlSections,
				required: true,
				description: `The ${spec.name.toLowerCase()} to act on`,
			}),
			displayOptions: show(spec, operations),
		};
	return {
		displayName: idDisplayName(spec),
		name: idParameter(spec),
		type: 'string',
		required: true,
		default: '',
		displayOptions: show(spec, operations),
		description: `ID of the ${spec.name.toLowerCase()} (${spec.idField})`,
	};
}

/** The customer of a document, from the organization's active contacts. */
export const customerField = field(
	'customer_id',
	'id',
	recordLocator({
		displayName: 'Customer',
		name: 'customerId',
		searchListMethod: 'searchCustomers',
		noun: 'contact',
		urlSections: 'contacts',
		required: true,
		description: 'The customer (contact) of the record',
	}),
);

export const currencyField = field('currency_id', 'id', {
	displayName: 'Currency Name or ID',
	name: 'currencyId',
	type: 'options',
	// The organization's ID sits in its locator's value: n8n compares the dependency as text.
	typeOptions: {
		loadOptionsMethod: 'getCurrencies',
		loadOptionsDependsOn: ['organizationId.value'],
	},
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
});

export const extraFieldsJson = field('', 'merge', {
	displayName: 'Extra Fields (JSON)',
	name: 'extraFieldsJson',
	type: 'json',
	default: '{}',
	description: 'Any other Zoho fields, as a JSON object merged into the request body',
});

/** The organization's tax, chosen from its list: on line items and on items (no page of its own in the web app). */
export const taxIdField: BodyField = field(
	'tax_id',
	'id',
	recordLocator({
		displayName: 'Tax',
		name: 'taxId',
		searchListMethod: 'searchTaxes',
		noun: 'tax',
	}),
);

/**
 * Items' pages: Zoho Books shows them under #/inventory/items/<id>; #/items/<id> is accepted too
 * (assumption: Zoho Invoice's own item page is not documented).
 */
export const ITEM_URL_SECTIONS = 'items|inventory/items';

/** The fields of one line item in the Line Items collection. */
export const LINE_ITEM_FIELDS: BodyField[] = [
	field('description', 'plain', {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	}),
	field(
		'item_id',
		'id',
		recordLocator({
			displayName: 'Item',
			name: 'itemId',
			searchListMethod: 'searchActiveItems',
			noun: 'item',
			urlSections: ITEM_URL_SECTIONS,
		}),
	),
	field('name', 'plain', {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Name, when no item is chosen',
	}),
	field('quantity', 'plain', {
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		default: 1,
	}),
	field('rate', 'plain', {
		displayName: 'Rate',
		name: 'rate',
		type: 'number',
		default: 0,
		description: "Price per unit. Leave 0 to use the chosen item's rate.",
	}),
	taxIdField,
];

/**
 * Line items as a fixed collection, or as raw JSON. The Item and Tax locators list the chosen
 * organization's records (the listSearch methods read it with getCurrentNodeParameter).
 */
export function lineItemFields(spec: ResourceSpec): INodeProperties[] {
	const modes = (operation: string) => [
		{ name: 'Fields', value: 'fields' },
		{ name: 'JSON', value: 'json' },
		...(operation === 'update' ? [{ name: 'Keep Unchanged', value: 'keep' }] : []),
	];
	return ['create', 'update'].flatMap((operation): INodeProperties[] => [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- default depends on the operation
		{
			displayName: 'Line Items Input',
			name: 'lineItemsMode',
			type: 'options',
			options: modes(operation),
			default: operation === 'update' ? 'keep' : 'fields',
			displayOptions: show(spec, [operation]),
		},
		{
			displayName: 'Line Items',
			name: 'lineItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Line Item',
			default: {},
			displayOptions: { show: { ...show(spec, [operation]).show, lineItemsMode: ['fields'] } },
			options: [
				{
					name: 'item',
					displayName: 'Line Item',
					values: propertiesOf(LINE_ITEM_FIELDS),
				},
			],
		},
		{
			displayName: 'Line Items (JSON)',
			name: 'lineItemsJson',
			type: 'json',
			default: '[{"item_id": "", "quantity": 1, "rate": 0}]',
			displayOptions: { show: { ...show(spec, [operation]).show, lineItemsMode: ['json'] } },
			description: "Zoho's line_items array",
		},
	]);
}
