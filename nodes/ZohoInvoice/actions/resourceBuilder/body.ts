import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { formatIsoDate, requiredDate } from '../../../shared/dates';
import { idValue, parseUserJson } from '../../../shared/parameters';

/** contactName -> contact_name: n8n field names are camelCase, Zoho's keys snake_case. */
export function toZohoKey(name: string): string {
	return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Fields that hold JSON text in the node and JSON values in Zoho's body. */
const JSON_FIELDS = new Set(['customFields', 'contactPersons', 'billingAddress', 'shippingAddress', 'invoices', 'extraFieldsJson']);

/** Date fields: n8n gives ISO date-times, Zoho wants yyyy-MM-dd. */
const DATE_FIELDS = new Set(['date', 'dueDate', 'expiryDate', 'startDate', 'endDate']);

/** Display names of fields met in several places, for error messages; callers add their own. */
const LABELS: Record<string, string> = {
	extraFieldsJson: 'Extra Fields (JSON)',
	customFields: 'Custom Fields (JSON)',
	itemId: 'Item Name or ID',
	taxId: 'Tax Name or ID',
	currencyId: 'Currency Name or ID',
	customerId: 'Customer Name or ID',
};

/** Fields named …Id hold IDs of other records (customer, item, tax): checked, never objects. */
const isIdField = (name: string) => /[a-z]Id$/.test(name);

/**
 * Turns n8n field values into a Zoho body: snake_case keys, JSON fields parsed (large integers kept
 * exact), dates checked, IDs checked, blanks dropped. `labels` maps field names to display names.
 */
export function toZohoBody(ctx: IExecuteFunctions, values: IDataObject, itemIndex: number, labels: Record<string, string> = {}): IDataObject {
	const body: IDataObject = {};
	const label = (name: string) => labels[name] ?? LABELS[name] ?? name;
	for (const [name, value] of Object.entries(values)) {
		if (value === '' || value === undefined || value === null) continue;
		if (name === 'extraFieldsJson') {
			Object.assign(body, parseUserJson(ctx, value, label(name), itemIndex, { expect: 'object', empty: {} }));
			continue;
		}
		if (JSON_FIELDS.has(name)) body[toZohoKey(name)] = parseUserJson(ctx, value, label(name), itemIndex, { expect: 'objectOrArray' }) as IDataObject;
		else if (DATE_FIELDS.has(name)) body[toZohoKey(name)] = formatIsoDate(requiredDate(ctx, value, label(name), itemIndex));
		else if (isIdField(name)) body[toZohoKey(name)] = idValue(ctx, value, label(name), itemIndex);
		else body[toZohoKey(name)] = value;
	}
	return body;
}

const LINE_ITEM_LABELS: Record<string, string> = { itemId: 'Item Name or ID', taxId: 'Tax Name or ID' };

/** Line items from the fixed collection or from raw JSON; undefined to leave them unchanged. */
export function lineItemsFrom(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] | undefined {
	const mode = ctx.getNodeParameter('lineItemsMode', itemIndex, 'fields') as string;
	if (mode === 'keep') return undefined;
	if (mode === 'json') {
		const raw = ctx.getNodeParameter('lineItemsJson', itemIndex, '[]');
		return parseUserJson(ctx, raw, 'Line Items (JSON)', itemIndex, { expect: 'array', empty: [] }) as IDataObject[];
	}
	const collection = ctx.getNodeParameter('lineItems', itemIndex, {}) as { item?: IDataObject[] };
	return (collection.item ?? []).map((item) => {
		const line = toZohoBody(ctx, item, itemIndex, LINE_ITEM_LABELS);
		// The Rate field cannot be empty in the editor: 0 with an item chosen means "the item's rate".
		if (line.item_id !== undefined && line.item_id !== '' && Number(line.rate) === 0) delete line.rate;
		return line;
	});
}
