import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { formatIsoDate, requiredDate } from '../../../shared/dates';
import { idValue, optionalId, parseUserJson } from '../../../shared/parameters';
import { LINE_ITEM_FIELDS } from './fields';
import type { BodyField } from './types';

/** A resource locator's value ({ mode, value }), as n8n stores it. */
function isLocatorValue(value: unknown): boolean {
	return typeof value === 'object' && value !== null && 'mode' in value && 'value' in value;
}

/**
 * The ID a field of a collection holds: a resource locator's read with extractValue at its path
 * (e.g. `lineItems.item[0].itemId`), so a URL gives its ID; a plain string (saved before the field
 * was a locator, or from an expression) as it is.
 */
export function collectionId(
	ctx: IExecuteFunctions,
	value: unknown,
	path: string | undefined,
	name: string,
	displayName: string,
	itemIndex: number,
): string {
	if (path !== undefined && isLocatorValue(value))
		return optionalId(ctx, `${path}.${name}`, itemIndex, displayName);
	return idValue(ctx, value, displayName, itemIndex);
}

/**
 * Turns n8n field values into a Zoho body, each value by its field's declared key and kind: JSON
 * fields parsed (large integers kept exact), dates checked, IDs checked, blanks dropped. `fields`
 * are the fields the values come from; error messages name them by their display names. `path`
 * is where the values sit among the node's parameters (e.g. `additionalFields`), for locators.
 */
export function toZohoBody(
	ctx: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
	fields: readonly BodyField[],
	path?: string,
): IDataObject {
	const byName = new Map(fields.map((field) => [field.property.name, field]));
	const body: IDataObject = {};
	for (const [name, raw] of Object.entries(values)) {
		const field = byName.get(name);
		// A locator left empty ({ mode: 'list', value: '' }, a line item's default) is a blank too.
		const value =
			field?.kind === 'id' && isLocatorValue(raw)
				? collectionId(ctx, raw, path, name, field.property.displayName, itemIndex)
				: raw;
		if (value === '' || value === undefined || value === null) continue;
		// Every value comes from one of `fields`; a value without a declaration is a bug, not input to guess at.
		if (!field)
			throw new NodeOperationError(ctx.getNode(), `The field "${name}" has no Zoho key`, {
				itemIndex,
			});
		const label = field.property.displayName;
		if (field.kind === 'merge')
			Object.assign(
				body,
				parseUserJson(ctx, value, label, itemIndex, { expect: 'object', empty: {} }),
			);
		else if (field.kind === 'json')
			body[field.key] = parseUserJson(ctx, value, label, itemIndex, {
				expect: 'objectOrArray',
			}) as IDataObject;
		else if (field.kind === 'date')
			body[field.key] = formatIsoDate(requiredDate(ctx, value, label, itemIndex));
		else if (field.kind === 'id') body[field.key] = idValue(ctx, value, label, itemIndex);
		else body[field.key] = value;
	}
	return body;
}

/** Line items from the fixed collection or from raw JSON; undefined to leave them unchanged. */
export function lineItemsFrom(
	ctx: IExecuteFunctions,
	itemIndex: number,
): IDataObject[] | undefined {
	const mode = ctx.getNodeParameter('lineItemsMode', itemIndex, 'fields') as string;
	if (mode === 'keep') return undefined;
	if (mode === 'json') {
		const raw = ctx.getNodeParameter('lineItemsJson', itemIndex, '[]');
		return parseUserJson(ctx, raw, 'Line Items (JSON)', itemIndex, {
			expect: 'array',
			empty: [],
		}) as IDataObject[];
	}
	const collection = ctx.getNodeParameter('lineItems', itemIndex, {}) as { item?: IDataObject[] };
	return (collection.item ?? []).map((item, row) => {
		const line = toZohoBody(ctx, item, itemIndex, LINE_ITEM_FIELDS, `lineItems.item[${row}]`);
		// The Rate field cannot be empty in the editor: 0 with an item chosen means "the item's rate".
		if (line.item_id !== undefined && line.item_id !== '' && Number(line.rate) === 0)
			delete line.rate;
		return line;
	});
}
