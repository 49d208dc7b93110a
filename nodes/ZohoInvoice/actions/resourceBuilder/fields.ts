import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { optionalId, requiredId } from '../../../shared/parameters';
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
	return `${spec.name} ID`;
}

/** The ID of the record the operation acts on, checked before anything is sent. */
export function recordIdOf(ctx: IExecuteFunctions, spec: ResourceSpec, itemIndex: number): string {
	return requiredId(ctx, idParameter(spec), itemIndex, idDisplayName(spec));
}

/** The chosen organization, '' to look it up; an object from an expression is refused. */
export function organizationIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return optionalId(ctx, 'organizationId', itemIndex, 'Organization Name or ID');
}

export function idField(spec: ResourceSpec, operations: string[]): INodeProperties {
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

export const customerField = field('customer_id', 'id', {
	displayName: 'Customer Name or ID',
	name: 'customerId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCustomers', loadOptionsDependsOn: ['organizationId'] },
	required: true,
	default: '',
	description:
		'The customer (contact) of the record. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
});

export const currencyField = field('currency_id', 'id', {
	displayName: 'Currency Name or ID',
	name: 'currencyId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCurrencies', loadOptionsDependsOn: ['organizationId'] },
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

/** The organization's tax, chosen from its list: on line items and on items. */
export const taxIdField: BodyField = field('tax_id', 'id', {
	displayName: 'Tax Name or ID',
	name: 'taxId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTaxes', loadOptionsDependsOn: ['organizationId'] },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
});

/** The fields of one line item in the Line Items collection. */
export const LINE_ITEM_FIELDS: BodyField[] = [
	field('description', 'plain', {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	}),
	field('item_id', 'id', {
		displayName: 'Item Name or ID',
		name: 'itemId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getItems', loadOptionsDependsOn: ['organizationId'] },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	}),
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
 * Line items as a fixed collection, or as raw JSON. The Item and Tax dropdowns list the chosen
 * organization's records (loadOptionsDependsOn is a root parameter path: n8n reloads them when the
 * organization changes, and the loaders read it with getCurrentNodeParameter('organizationId')).
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
