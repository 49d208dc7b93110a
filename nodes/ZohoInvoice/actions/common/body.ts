import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { parseJsonKeepingBigIntegers } from '../../../shared/transport/json';

/** contactName -> contact_name: n8n field names are camelCase, Zoho's keys snake_case. */
export function toZohoKey(name: string): string {
	return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Fields that hold JSON text in the node and JSON values in Zoho's body. */
const JSON_FIELDS = new Set(['customFields', 'contactPersons', 'billingAddress', 'shippingAddress', 'invoices', 'extraFieldsJson']);

/** Date fields: n8n gives ISO date-times, Zoho wants yyyy-MM-dd. */
const DATE_FIELDS = new Set(['date', 'dueDate', 'expiryDate', 'startDate', 'endDate']);

/** Turns n8n field values into a Zoho body: snake_case keys, JSON fields parsed, blanks dropped. */
export function toZohoBody(ctx: IExecuteFunctions, values: IDataObject, itemIndex: number): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === '' || value === undefined || value === null) continue;
		if (name === 'extraFieldsJson') {
			Object.assign(body, parseJson(ctx, value, 'Extra Fields (JSON)', itemIndex));
			continue;
		}
		if (JSON_FIELDS.has(name)) body[toZohoKey(name)] = parseJson(ctx, value, name, itemIndex);
		else if (DATE_FIELDS.has(name)) body[toZohoKey(name)] = toZohoDate(String(value));
		else body[toZohoKey(name)] = value;
	}
	return body;
}

export function parseJson(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number): IDataObject {
	if (typeof value !== 'string') return value as IDataObject;
	try {
		return parseJsonKeepingBigIntegers(value) as IDataObject;
	} catch {
		throw new NodeOperationError(ctx.getNode(), `The field "${field}" is not valid JSON`, { itemIndex });
	}
}

/** Line items from the fixed collection or from raw JSON; undefined to leave them unchanged. */
export function lineItemsFrom(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] | undefined {
	const mode = ctx.getNodeParameter('lineItemsMode', itemIndex, 'fields') as string;
	if (mode === 'keep') return undefined;
	if (mode === 'json') {
		const parsed = parseJson(ctx, ctx.getNodeParameter('lineItemsJson', itemIndex, '[]'), 'Line Items (JSON)', itemIndex);
		if (!Array.isArray(parsed)) {
			throw new NodeOperationError(ctx.getNode(), 'Line Items (JSON) must be a JSON array', { itemIndex });
		}
		return parsed as IDataObject[];
	}
	const collection = ctx.getNodeParameter('lineItems', itemIndex, {}) as { item?: IDataObject[] };
	return (collection.item ?? []).map((item) => toZohoBody(ctx, item, itemIndex));
}

/** ISO date-time -> Zoho's `yyyy-MM-ddTHH:mm:ss+0000` (UTC). */
export function toZohoDateTime(value: string): string {
	const date = new Date(value);
	if (Number.isNaN(date.getTime())) return value;
	return `${date.toISOString().slice(0, 19)}+0000`;
}

/** ISO date or date-time -> Zoho's `yyyy-MM-dd`, taking the date as written (no time-zone shift). */
export function toZohoDate(value: string): string {
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
	return match ? match[1] : value;
}
