import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseUserJsonObject, requiredId, stringifyJson } from '../../shared/parameters';

export const formField: INodeProperties = {
	displayName: 'Form Name or ID',
	name: 'form',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getForms' },
	required: true,
	default: '',
	description:
		'The form (its link name, e.g. employee). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
	return requiredId(ctx, 'form', itemIndex, 'Form Name or ID');
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
