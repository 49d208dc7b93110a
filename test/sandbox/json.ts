/**
 * JSON serializer that can emit bare integers of any length, like some Zoho
 * APIs do (e.g. People's componentId or ids above 2^53).
 *
 * - A `RawNumber` value is written as its digits, unquoted.
 * - A string value whose key is in `numericKeys` and which is all digits is
 *   written unquoted too.
 * Everything else follows JSON.stringify semantics (undefined members skipped).
 */
export class RawNumber {
	constructor(readonly digits: string) {
		if (!/^-?\d+(\.\d+)?$/.test(digits)) throw new Error(`RawNumber: not a number: ${digits}`);
	}

	toJSON(): string {
		return this.digits;
	}
}

const DIGITS = /^-?\d+$/;

export function serialize(value: unknown, numericKeys?: ReadonlySet<string>): string {
	const out = write(value, numericKeys, false);
	return out === undefined ? 'null' : out;
}

function write(
	value: unknown,
	keys: ReadonlySet<string> | undefined,
	bare: boolean,
): string | undefined {
	if (value === undefined || typeof value === 'function' || typeof value === 'symbol')
		return undefined;
	if (value === null) return 'null';
	if (value instanceof RawNumber) return value.digits;
	if (typeof value === 'string') return bare && DIGITS.test(value) ? value : JSON.stringify(value);
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'bigint') return value.toString();
	if (value instanceof Date) return JSON.stringify(value.toJSON());
	if (Array.isArray(value)) {
		return `[${value.map((v) => write(v, keys, bare) ?? 'null').join(',')}]`;
	}
	const parts: string[] = [];
	for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
		const s = write(v, keys, keys !== undefined && keys.has(k));
		if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
	}
	return `{${parts.join(',')}}`;
}
