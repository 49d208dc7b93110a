import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { dataCenterProperties } from '../../nodes/shared/credentialFields';
import {
	JsonInteger,
	numberParameter,
	optionalId,
	pageOptions,
	parseUserJson,
	requiredId,
	stringifyJson,
} from '../../nodes/shared/parameters';
import {
	parseJsonKeepingBigIntegers,
	parseJsonMarkingBigIntegers,
} from '../../nodes/shared/transport/json';

const node: INode = {
	id: '1',
	name: 'Zoho',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The two context methods the helpers use, over a flat parameter map. */
function ctx(params: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => node,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in params ? params[name] : fallback,
	} as unknown as IExecuteFunctions;
}

function errorOf(fn: () => unknown): NodeOperationError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
}

describe('requiredId / optionalId', () => {
	it('trims text, keeps safe integers as digits', () => {
		expect(requiredId(ctx({ id: '  460000000012345678 ' }), 'id', 0, 'Record ID')).toBe(
			'460000000012345678',
		);
		expect(requiredId(ctx({ id: 42 }), 'id', 0, 'Record ID')).toBe('42');
		expect(optionalId(ctx({}), 'id', 0, 'Record ID')).toBe('');
	});

	it.each<[unknown, string]>([
		['', '"Record ID" is required but was empty'],
		['  \t', '"Record ID" is required but was only spaces'],
		[undefined, '"Record ID" is required but was empty'],
		[{ id: 1 }, '"Record ID" must be text or a number, but it is an object'],
		[['1'], '"Record ID" must be text or a number, but it is a list'],
		[true, '"Record ID" must be text or a number, but it is true'],
		[12.5, '"Record ID" must be an ID, but it is the number 12.5'],
		[NaN, '"Record ID" must be an ID, but it is the number NaN'],
		[
			460000000012345678,
			`"Record ID" is the number ${460000000012345678}, too large to be exact in JavaScript (it may already have lost digits)`,
		],
	])('refuses %p with the field name and the item index', (value, message) => {
		const error = errorOf(() =>
			requiredId(ctx(value === undefined ? {} : { id: value }), 'id', 2, 'Record ID'),
		);
		expect(error.message).toBe(message);
		expect(error.context.itemIndex).toBe(2);
	});

	it('optionalId refuses objects too', () => {
		expect(errorOf(() => optionalId(ctx({ id: {} }), 'id', 0, 'Staff')).message).toBe(
			'"Staff" must be text or a number, but it is an object',
		);
	});
});

describe('numberParameter / pageOptions', () => {
	const opts = { fallback: 1, min: 1, max: 10, integer: true };
	it('accepts numbers and numeric text, uses the fallback when unset', () => {
		expect(numberParameter(ctx({ n: 3 }), 'n', 0, 'N', opts)).toBe(3);
		expect(numberParameter(ctx({ n: ' 4 ' }), 'n', 0, 'N', opts)).toBe(4);
		expect(numberParameter(ctx({}), 'n', 0, 'N', opts)).toBe(1);
	});

	it.each<[unknown, string]>([
		['abc', '"N" must be a number, but it is "abc"'],
		[NaN, '"N" must be a number, but it is NaN'],
		[Infinity, '"N" must be a number, but it is Infinity'],
		[{}, '"N" must be a number, but it is an object'],
		['', '"N" must be a number, but it is empty'],
		[2.5, '"N" must be a whole number, but it is 2.5'],
		[0, '"N" must be between 1 and 10, but it is 0'],
		[11, '"N" must be between 1 and 10, but it is 11'],
	])('refuses %p', (value, message) => {
		expect(errorOf(() => numberParameter(ctx({ n: value }), 'n', 0, 'N', opts)).message).toBe(
			message,
		);
	});

	it('reads Limit only when Return All is off', () => {
		expect(pageOptions(ctx({ returnAll: true, limit: 'abc' }), 0)).toEqual({
			returnAll: true,
			limit: 0,
		});
		expect(pageOptions(ctx({ returnAll: false, limit: 7 }), 0)).toEqual({
			returnAll: false,
			limit: 7,
		});
		expect(
			errorOf(() => pageOptions(ctx({ returnAll: false, limit: NaN }), 3)).context.itemIndex,
		).toBe(3);
	});
});

describe('parseUserJson / stringifyJson', () => {
	const big = '460000000012345678';

	it('writes bare 18-digit integers back exactly as typed, and quoted ones as strings', () => {
		const text = `{"a":${big},"b":"${big}","c":[-${big},1.5,2e3,12],"d":{"e":null,"f":true}}`;
		const parsed = parseUserJson(ctx({}), text, 'F', 0) as Record<string, unknown>;
		expect(parsed.a).toBeInstanceOf(JsonInteger);
		expect(parsed.b).toBe(big);
		expect(stringifyJson(parsed)).toBe(
			`{"a":${big},"b":"${big}","c":[-${big},1.5,2000,12],"d":{"e":null,"f":true}}`,
		);
		// JSON.stringify of the same value still keeps the digits, as a string.
		expect(JSON.stringify(parsed)).toContain(`"a":"${big}"`);
	});

	it('names the field when the JSON is invalid or of the wrong kind', () => {
		const invalid = errorOf(() => parseUserJson(ctx({}), '{"a":', 'Extra Fields (JSON)', 4));
		expect(invalid.message).toBe('"Extra Fields (JSON)" is not valid JSON');
		expect(invalid.context.itemIndex).toBe(4);
		expect(errorOf(() => parseUserJson(ctx({}), '[1]', 'F', 0, { expect: 'object' })).message).toBe(
			'"F" must be a JSON object ({…}), but it is a list',
		);
		expect(errorOf(() => parseUserJson(ctx({}), '{}', 'F', 0, { expect: 'array' })).message).toBe(
			'"F" must be a JSON array ([…]), but it is an object',
		);
		expect(
			errorOf(() => parseUserJson(ctx({}), big, 'F', 0, { expect: 'objectOrArray' })).message,
		).toBe(`"F" must be a JSON object or array, but it is ${big}`);
	});

	it('accepts objects from expressions but refuses unsafe integers in them', () => {
		expect(parseUserJson(ctx({}), { a: [1, { b: 2 }] }, 'F', 0)).toEqual({ a: [1, { b: 2 }] });
		const error = errorOf(() =>
			parseUserJson(ctx({}), { a: [1, { b: 460000000012345678 }] }, 'F', 0),
		);
		expect(error.message).toBe(
			`"F" holds the number ${460000000012345678} at a[1].b, too large to be exact in JavaScript (it may already have lost digits)`,
		);
	});

	it('returns the `empty` value for blank text', () => {
		expect(parseUserJson(ctx({}), '  ', 'F', 0, { empty: {} })).toEqual({});
	});

	it('the marking parser reads the same values as parseJsonKeepingBigIntegers', () => {
		const text = `{"x":[${big},"${big}",9007199254740991,{"y":-${big}}]}`;
		expect(JSON.parse(stringifyJson(parseJsonMarkingBigIntegers(text, (d) => d)))).toEqual(
			parseJsonKeepingBigIntegers(text),
		);
	});
});

describe('credential data-center fields', () => {
	it('give the Bookings path in its real (lowercase) spelling', () => {
		const api = dataCenterProperties.find((p) => p.name === 'customApiUrl')!;
		expect(api.description).toContain('/bookings/v1/json');
		expect(api.description).not.toContain('/bookings/v1/JSON');
	});
});
