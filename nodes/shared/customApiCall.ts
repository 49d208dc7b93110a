import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { pageOptions, parseUserJson, stringifyJson } from './parameters';
import { checkRelativePath } from './transport/hostGuard';
import type { ZohoRequest } from './transport/wire';

/**
 * The generic request ("Custom API Call") every Zoho node offers: method, path relative to the
 * product's API, query, a body in one of the product's encodings, and Return All for lists.
 */

export type BodyFormat = 'json' | 'jsonString' | 'form' | 'inputData' | 'multipart' | 'none';

const BODY_FORMATS: Record<BodyFormat, { name: string; description: string }> = {
	json: { name: 'JSON', description: 'Send the body as application/json' },
	jsonString: {
		name: 'JSONString Form Field',
		description: "Send the JSON as Zoho's legacy JSONString form field",
	},
	form: {
		name: 'Form Fields',
		description: 'Send the fields as application/x-www-form-urlencoded',
	},
	inputData: {
		name: 'inputData Form Field',
		description: 'Send the JSON as the inputData form field (People forms)',
	},
	multipart: { name: 'Multipart Form Data', description: 'Send the fields as multipart/form-data' },
	none: { name: 'None', description: 'Send no body' },
};

const show = { resource: ['customApiCall'], operation: ['request'] };
const METHODS: string[] = ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'];
const bodyMethods = ['POST', 'PUT', 'PATCH', 'DELETE'];
const fieldsCollection = (
	name: string,
	displayName: string,
	extraShow: IDataObject,
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	displayOptions: { show: { ...show, ...extraShow } },
	placeholder: 'Add Parameter',
	default: {},
	options: [
		{
			name: 'parameter',
			displayName: 'Parameter',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

export function customApiCallProperties(
	product: string,
	examplePath: string,
	formats: BodyFormat[],
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['customApiCall'] } },
			options: [
				{
					name: 'Make a Request',
					value: 'request',
					action: `Make a ${product} API request`,
					description: `Send any ${product} API request in the data center of the credential, with paging for lists`,
				},
			],
			default: 'request',
		},
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			displayOptions: { show },
			options: METHODS.map((m) => ({ name: m, value: m })),
			default: 'GET',
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			displayOptions: { show },
			default: examplePath,
			required: true,
			placeholder: examplePath,
			description: `Path relative to the ${product} API, for example ${examplePath}. Full URLs and paths that leave the API are refused.`,
		},
		fieldsCollection('queryParameters', 'Query Parameters', {}),
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the product's first format
		{
			displayName: 'Body Format',
			name: 'bodyFormat',
			type: 'options',
			displayOptions: { show: { ...show, method: bodyMethods } },
			// Sorted by name (n8n's options-sorted-alphabetically), whatever order a product lists them in.
			options: formats
				.map((value) => ({ value, ...BODY_FORMATS[value] }))
				.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })),
			default: formats[0],
		},
		{
			displayName: 'Body',
			name: 'body',
			type: 'json',
			displayOptions: {
				show: { ...show, method: bodyMethods, bodyFormat: ['json', 'jsonString', 'inputData'] },
			},
			default: '{}',
			description: 'The JSON to send. Large numeric IDs are sent exactly as typed.',
		},
		fieldsCollection('bodyParameters', 'Body Fields', {
			method: bodyMethods,
			bodyFormat: ['form', 'multipart'],
		}),
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show: { ...show, method: ['GET', 'POST'] } },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, method: ['GET', 'POST'], returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

function pairs(ctx: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const collection = ctx.getNodeParameter(name, itemIndex, {}) as {
		parameter?: Array<{ name: string; value: string }>;
	};
	const out: IDataObject = {};
	for (const { name: key, value } of collection.parameter ?? []) if (key) out[key] = value;
	return out;
}

/** The body as JSON text: typed JSON is checked and sent verbatim, so 18-digit IDs go out as typed. */
function jsonText(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('body', itemIndex, '{}') as unknown;
	const parsed = parseUserJson(ctx, raw, 'Body', itemIndex);
	if (parsed === undefined)
		throw new NodeOperationError(ctx.getNode(), '"Body" is empty; give JSON such as {}', {
			itemIndex,
		});
	return typeof raw === 'string' ? raw : stringifyJson(parsed);
}

function pathProblem(path: string): string | undefined {
	try {
		checkRelativePath(path);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/**
 * Reads the Custom API Call fields into a request, refusing a hostile path before anything else
 * is sent. `paged` says whether list paging applies (the user set no paging parameters).
 */
export function customApiCallRequest(
	ctx: IExecuteFunctions,
	itemIndex: number,
	pagingKeys: string[],
): { request: ZohoRequest; paged: boolean; returnAll: boolean; limit: number } {
	const path = ctx.getNodeParameter('path', itemIndex) as unknown;
	if (typeof path !== 'string') {
		throw new NodeOperationError(ctx.getNode(), '"Path" must be text, such as /contacts', {
			itemIndex,
		});
	}
	const unsafe = pathProblem(path);
	if (unsafe) throw new NodeOperationError(ctx.getNode(), unsafe, { itemIndex });
	const rawMethod = ctx.getNodeParameter('method', itemIndex) as unknown;
	const method = (
		typeof rawMethod === 'string' ? rawMethod.trim().toUpperCase() : ''
	) as ZohoRequest['method'];
	if (!METHODS.includes(method)) {
		throw new NodeOperationError(ctx.getNode(), `The method must be one of ${METHODS.join(', ')}`, {
			itemIndex,
		});
	}
	const qs = pairs(ctx, 'queryParameters', itemIndex);
	const request: ZohoRequest = { method, path, qs };
	if (bodyMethods.includes(method)) {
		const format = ctx.getNodeParameter('bodyFormat', itemIndex, 'json') as BodyFormat;
		if (format === 'json') request.body = jsonText(ctx, itemIndex);
		if (format === 'jsonString') request.form = { JSONString: jsonText(ctx, itemIndex) };
		if (format === 'inputData') request.form = { inputData: jsonText(ctx, itemIndex) };
		if (format === 'form') request.form = pairs(ctx, 'bodyParameters', itemIndex);
		if (format === 'multipart') request.multipart = pairs(ctx, 'bodyParameters', itemIndex);
	}
	const userPages = pagingKeys.some((key) => key in qs || key in (request.multipart ?? {}));
	const pageable = method === 'GET' || (method === 'POST' && request.multipart !== undefined);
	const paged = pageable && !userPages;
	// Limit is only read (and checked) when paging applies; Return All and Limit are hidden otherwise.
	return {
		request,
		paged,
		...(paged ? pageOptions(ctx, itemIndex) : { returnAll: false, limit: 50 }),
	};
}
