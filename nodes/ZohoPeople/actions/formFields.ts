import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseUserJsonObject, requiredId, stringifyJson } from '../../shared/parameters';

/**
 * The form an operation works on, by its link name (e.g. employee). A resource locator; a workflow
 * saved when this was a dropdown holds the link name as plain text, which still works.
 */
export const formField: INodeProperties = {
	displayName: 'Form',
	name: 'form',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The form, by its link name (e.g. employee)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a form...',
			typeOptions: { searchListMethod: 'searchForms', searchable: true },
		},
		{
			displayName: 'By Link Name',
			name: 'id',
			type: 'string',
			placeholder: 'employee',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '[^\\s/?#]+',
						errorMessage: 'A form link name has no spaces or slashes, e.g. employee',
					},
				},
			],
		},
	],
};

export const recordIdField: INodeProperties = {
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	required: true,
	default: '',
	description: 'ID of the record (18 digits; keep it as text)',
};

/** The record's fields, as key/value pairs or raw JSON; sent as People's `inputData`. */
export const inputDataFields: INodeProperties[] = [
	{
		displayName: 'Fields Input',
		name: 'inputDataMode',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'fields',
	},
	{
		displayName: 'Fields',
		name: 'inputData',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { inputDataMode: ['fields'] } },
		options: [
			{
				name: 'field',
				displayName: 'Field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: "The field's label name, e.g. FirstName",
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Fields (JSON)',
		name: 'inputDataJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { inputDataMode: ['json'] } },
		description: 'Object of field label names and values, sent as inputData',
	},
];

/** The form (link name) an operation works on; never empty, so no path loses its form segment. */
export function formOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return requiredId(ctx, 'form', itemIndex, 'Form');
}

/** inputData as JSON text; typed JSON is sent exactly as written, so long IDs stay exact. */
export function inputDataOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	extra: IDataObject = {},
): string {
	const mode = ctx.getNodeParameter('inputDataMode', itemIndex, 'fields') as string;
	if (mode === 'json') {
		const raw = ctx.getNodeParameter('inputDataJson', itemIndex, '{}') as unknown;
		const parsed = parseUserJsonObject(ctx, raw, 'Fields (JSON)', itemIndex);
		if (typeof raw === 'string' && raw.trim() !== '' && !Object.keys(extra).length) return raw;
		return stringifyJson({ ...parsed, ...extra });
	}
	const rows =
		(
			ctx.getNodeParameter('inputData', itemIndex, {}) as {
				field?: Array<{ name: string; value: string }>;
			}
		).field ?? [];
	const data: IDataObject = {};
	for (const { name, value } of rows) if (name) data[name] = value;
	return JSON.stringify({ ...data, ...extra });
}
