import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { PageOptions } from './transport/pagination';
import { parseJsonMarkingBigIntegers } from './transport/json';

/**
 * Reading what users type, once for all three nodes: record IDs, numbers and JSON. Every check
 * throws a NodeOperationError that names the field (its display name) and the item, before any
 * request is sent. Values from expressions can be anything (objects, NaN, 18-digit JS numbers), so
 * nothing here trusts the parameter's declared type.
 */

type Context = Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>;

/** How a value looks in an error message, short and without dumping objects. */
function shown(value: unknown): string {
	if (typeof value === 'string')
		return value.trim() === ''
			? 'empty'
			: `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (value === undefined || value === null) return 'empty';
	if (value instanceof JsonInteger) return value.digits;
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return String(value);
}

function fail(
	ctx: Context,
	itemIndex: number | undefined,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), message, {
		...(itemIndex === undefined ? {} : { itemIndex }),
		...(description ? { description } : {}),
	});
}

/** An ID as text: strings trimmed, safe integers as digits, anything else refused. '' when empty. */
function idText(ctx: Context, value: unknown, displayName: string, itemIndex: number): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'number') {
		if (Number.isSafeInteger(value)) return String(value);
		if (Number.isInteger(value)) {
			// n8n has already turned the ID into a JS number, which keeps only ~16 digits.
			throw fail(
				ctx,
				itemIndex,
				`"${displayName}" is the number ${value}, too large to be exact in JavaScript (it may already have lost digits)`,
				'Pass the ID as a string: keep it quoted in the JSON it comes from, or read it from a field that holds text.',
			);
		}
		throw fail(ctx, itemIndex, `"${displayName}" must be an ID, but it is the number ${value}`);
	}
	throw fail(
		ctx,
		itemIndex,
		`"${displayName}" must be text or a number, but it is ${shown(value)}`,
		'If it comes from an expression, point it at the ID itself, e.g. {{ $json.id }}, not at the whole record.',
	);
}

/**
 * `extractValue` reads a resource locator (From list / By URL / By ID) as n8n does: the ID itself,
 * taken out of a URL by the mode's regex. A plain string saved before the field was a locator reads
 * as it is. `name` may be a path into a collection, e.g. `lineItems.item[0].itemId`.
 */
export interface IdOptions {
	extractValue?: boolean;
}

function readId(ctx: Context, name: string, itemIndex: number, opts: IdOptions): unknown {
	if (opts.extractValue)
		return ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return ctx.getNodeParameter(name, itemIndex, '') as unknown;
}

/**
 * The ID of the record an operation acts on. Refuses an empty or blank ID (an update must never
 * turn into a create, a get never into a list), objects and lists from expressions, and JS numbers
 * that can no longer hold the ID exactly.
 */
export function requiredId(
	ctx: Context,
	name: string,
	itemIndex: number,
	displayName: string,
	opts: IdOptions = {},
): string {
	const raw = readId(ctx, name, itemIndex, opts);
	const id = idText(ctx, raw, displayName, itemIndex);
	if (id === '')
		throw fail(
			ctx,
			itemIndex,
			`"${displayName}" is required but was ${typeof raw === 'string' && raw !== '' ? 'only spaces' : 'empty'}`,
		);
	return id;
}

/** An optional ID field: '' when empty; objects, lists and unsafe numbers refused as in requiredId. */
export function optionalId(
	ctx: Context,
	name: string,
	itemIndex: number,
	displayName: string,
	opts: IdOptions = {},
): string {
	return idText(ctx, readId(ctx, name, itemIndex, opts), displayName, itemIndex);
}

/** An ID already read (e.g. from a collection), checked like requiredId. */
export function idValue(
	ctx: Context,
	value: unknown,
	displayName: string,
	itemIndex: number,
	required = false,
): string {
	const id = idText(ctx, value, displayName, itemIndex);
	if (required && id === '')
		throw fail(ctx, itemIndex, `"${displayName}" is required but was empty`);
	return id;
}

/**
 * A numeric option or field. Numbers and numeric text are accepted; "abc", NaN, objects and
 * values out of range are errors naming the field, so they never become 0 workers or endless paging.
 * `itemIndex` is undefined for node-wide options.
 */
export function numberParameter(
	ctx: Context,
	name: string,
	itemIndex: number,
	displayName: string,
	opts: { fallback: number; min: number; max?: number; integer?: boolean; forItem?: boolean },
): number {
	const raw = ctx.getNodeParameter(name, itemIndex, opts.fallback) as unknown;
	const errorItem = opts.forItem === false ? undefined : itemIndex;
	let value: number | undefined;
	if (typeof raw === 'number') value = raw;
	else if (typeof raw === 'string' && raw.trim() !== '') value = Number(raw.trim());
	if (value === undefined || !Number.isFinite(value)) {
		throw fail(ctx, errorItem, `"${displayName}" must be a number, but it is ${shown(raw)}`);
	}
	if (opts.integer && !Number.isInteger(value)) {
		throw fail(ctx, errorItem, `"${displayName}" must be a whole number, but it is ${value}`);
	}
	if (value < opts.min || (opts.max !== undefined && value > opts.max)) {
		const range =
			opts.max === undefined ? `at least ${opts.min}` : `between ${opts.min} and ${opts.max}`;
		throw fail(ctx, errorItem, `"${displayName}" must be ${range}, but it is ${value}`);
	}
	return value;
}

/** A whole number ≥ 1 (Limit, Parallel Requests). */
export function positiveInteger(
	ctx: Context,
	name: string,
	itemIndex: number,
	displayName: string,
	opts: { fallback: number; max?: number; forItem?: boolean },
): number {
	return numberParameter(ctx, name, itemIndex, displayName, { ...opts, min: 1, integer: true });
}

/** Return All and Limit of a Get Many; Limit is checked only when it is used. */
export function pageOptions(ctx: Context, itemIndex: number): PageOptions {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as unknown;
	if (returnAll === true || returnAll === 'true') return { returnAll: true, limit: 0 };
	return {
		returnAll: false,
		limit: positiveInteger(ctx, 'limit', itemIndex, 'Limit', { fallback: 50 }),
	};
}

/** An integer literal too large for a JS number, kept as its digits and sent back bare. */
export class JsonInteger {
	constructor(readonly digits: string) {}

	/** Anyone who JSON.stringify-s it still gets the exact digits (as a string). */
	toJSON(): string {
		return this.digits;
	}
}

/** Throws when a value from an expression holds an integer that JS has already rounded. */
function refuseUnsafeNumbers(
	ctx: Context,
	value: unknown,
	displayName: string,
	itemIndex: number,
	path: string,
): void {
	if (typeof value === 'number') {
		if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
			throw fail(
				ctx,
				itemIndex,
				`"${displayName}" holds the number ${value}${path ? ` at ${path}` : ''}, too large to be exact in JavaScript (it may already have lost digits)`,
				'The expression gave an object, so n8n has already turned its numbers into JS numbers. Put large IDs in quotes (as strings), or give the field JSON text instead of an object.',
			);
		}
		return;
	}
	if (Array.isArray(value))
		value.forEach((v, i) => refuseUnsafeNumbers(ctx, v, displayName, itemIndex, `${path}[${i}]`));
	else if (value && typeof value === 'object' && !(value instanceof JsonInteger)) {
		for (const [key, v] of Object.entries(value))
			refuseUnsafeNumbers(ctx, v, displayName, itemIndex, path ? `${path}.${key}` : key);
	}
}

/**
 * The one parser for JSON the user types (JSON fields, Custom API Call bodies, People inputData).
 * Bare integers too large for a JS number become JsonInteger, which stringifyJson writes back bare,
 * so an 18-digit ID goes out exactly as typed. Invalid JSON is an error naming the field; `expect`
 * also refuses the wrong kind of value. An empty string reads as `empty`.
 *
 * When an expression already yields an object (not text) it is accepted as it is; but n8n has
 * already turned its numbers into JS numbers, so an unsafe integer in it is refused with an error
 * asking for a string instead of being sent with lost digits.
 */
export function parseUserJson(
	ctx: Context,
	value: unknown,
	displayName: string,
	itemIndex: number,
	opts: { expect?: 'object' | 'array' | 'objectOrArray'; empty?: unknown } = {},
): unknown {
	let parsed: unknown;
	if (typeof value === 'string') {
		if (value.trim() === '') return opts.empty;
		try {
			parsed = parseJsonMarkingBigIntegers(value, (digits) => new JsonInteger(digits));
		} catch (error) {
			// JSON.parse says where it stopped; its text of our marked copy is not worth showing.
			const detail = (error as Error).message;
			throw fail(
				ctx,
				itemIndex,
				`"${displayName}" is not valid JSON`,
				detail.includes('unsafeInteger') ? undefined : detail.slice(0, 200),
			);
		}
	} else {
		if (value === undefined || value === null) return opts.empty;
		refuseUnsafeNumbers(ctx, value, displayName, itemIndex, '');
		parsed = value;
	}
	const isArray = Array.isArray(parsed);
	const isObject =
		parsed !== null && typeof parsed === 'object' && !isArray && !(parsed instanceof JsonInteger);
	if (opts.expect === 'object' && !isObject)
		throw fail(
			ctx,
			itemIndex,
			`"${displayName}" must be a JSON object ({…}), but it is ${shown(parsed)}`,
		);
	if (opts.expect === 'array' && !isArray)
		throw fail(
			ctx,
			itemIndex,
			`"${displayName}" must be a JSON array ([…]), but it is ${shown(parsed)}`,
		);
	if (opts.expect === 'objectOrArray' && !isObject && !isArray) {
		throw fail(
			ctx,
			itemIndex,
			`"${displayName}" must be a JSON object or array, but it is ${shown(parsed)}`,
		);
	}
	return parsed;
}

/** parseUserJson for a field that must hold a JSON object; `{}` when empty. */
export function parseUserJsonObject(
	ctx: Context,
	value: unknown,
	displayName: string,
	itemIndex: number,
): IDataObject {
	return parseUserJson(ctx, value, displayName, itemIndex, {
		expect: 'object',
		empty: {},
	}) as IDataObject;
}

/** JSON text of a value, with every JsonInteger written as its bare digits. */
export function stringifyJson(value: unknown): string {
	if (value instanceof JsonInteger) return value.digits;
	if (Array.isArray(value)) {
		return `[${value.map((v) => (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : stringifyJson(v))).join(',')}]`;
	}
	if (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { toJSON?: unknown }).toJSON !== 'function'
	) {
		const members: string[] = [];
		for (const [key, v] of Object.entries(value)) {
			if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
			members.push(`${JSON.stringify(key)}:${stringifyJson(v)}`);
		}
		return `{${members.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
