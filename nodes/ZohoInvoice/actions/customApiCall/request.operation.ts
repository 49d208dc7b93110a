import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { checkRelativePath } from '../../../shared/transport/hostGuard';
import { parseJsonKeepingBigIntegers } from '../../../shared/transport/json';
import type { ZohoRequest } from '../../../shared/transport/request';
import type { InvoiceSession } from '../../transport';

const show = { resource: ['customApiCall'], operation: ['request'] };
const bodyMethods = ['POST', 'PUT', 'PATCH', 'DELETE'];

export const description: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		description: 'HTTP method of the Zoho Invoice API call',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		displayOptions: { show },
		default: '/contacts',
		required: true,
		placeholder: '/invoices',
		description:
			'Path relative to the Zoho Invoice API (…/invoice/v3), for example /contacts or /invoices/{invoice_id}. Full URLs and paths that leave the API are refused.',
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show },
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
	},
	{
		displayName: 'Body Format',
		name: 'bodyFormat',
		type: 'options',
		displayOptions: { show: { ...show, method: bodyMethods } },
		options: [
			{ name: 'JSON', value: 'json', description: 'Send the body as application/JSON' },
			{
				name: 'JSONString Form Field',
				value: 'jsonString',
				description: "Send the body as Zoho's legacy JSONString form field",
			},
			{ name: 'None', value: 'none' },
		],
		default: 'json',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'json',
		displayOptions: { show: { ...show, method: bodyMethods, bodyFormat: ['json', 'jsonString'] } },
		default: '{}',
		description: 'The JSON to send. Large numeric IDs are sent exactly as typed.',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: { show: { ...show, method: ['GET'] } },
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { ...show, method: ['GET'], returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
];

function queryOf(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const collection = ctx.getNodeParameter('queryParameters', itemIndex, {}) as {
		parameter?: Array<{ name: string; value: string }>;
	};
	const qs: IDataObject = {};
	for (const { name, value } of collection.parameter ?? []) {
		if (name) qs[name] = value;
	}
	return qs;
}

/** The body as JSON text: typed JSON is kept verbatim so 18-digit IDs are not rounded. */
function bodyText(ctx: IExecuteFunctions, itemIndex: number): string {
	const raw = ctx.getNodeParameter('body', itemIndex, '{}') as unknown;
	if (typeof raw !== 'string') return JSON.stringify(raw);
	try {
		parseJsonKeepingBigIntegers(raw);
	} catch {
		throw new NodeOperationError(ctx.getNode(), 'The Body is not valid JSON', { itemIndex });
	}
	return raw;
}

function pathProblem(path: string): string | undefined {
	try {
		checkRelativePath(path);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

function hasPaging(qs: IDataObject): boolean {
	return 'page' in qs || 'per_page' in qs;
}

export async function execute(
	this: IExecuteFunctions,
	session: InvoiceSession,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const organizationId = this.getNodeParameter('organizationId', itemIndex, '') as string;
	const method = this.getNodeParameter('method', itemIndex) as ZohoRequest['method'];
	const path = this.getNodeParameter('path', itemIndex) as string;
	// Refuse a hostile path before anything is sent, the organization lookup included.
	const unsafe = pathProblem(path);
	if (unsafe) throw new NodeOperationError(this.getNode(), unsafe, { itemIndex });
	const qs = queryOf(this, itemIndex);
	const request: ZohoRequest = { method, path, qs };

	if (bodyMethods.includes(method)) {
		const format = this.getNodeParameter('bodyFormat', itemIndex, 'json') as string;
		if (format === 'json') request.body = bodyText(this, itemIndex);
		if (format === 'jsonString') request.form = { JSONString: bodyText(this, itemIndex) };
	}

	if (method === 'GET' && !hasPaging(qs)) {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
		const result = await session.requestPages(organizationId, request, { returnAll, limit }, itemIndex);
		if ('records' in result) {
			return result.records.map((record) => ({ json: record as IDataObject }));
		}
		return [{ json: (result.notAList.body ?? {}) as IDataObject }];
	}

	const response = await session.request(organizationId, request, itemIndex);
	return [{ json: (response.body ?? { statusCode: response.statusCode }) as IDataObject }];
}
