import {
	parseJsonKeepingBigIntegers,
	quoteUnsafeIntegers,
} from '../../nodes/shared/transport/json';

describe('parseJsonKeepingBigIntegers', () => {
	it('keeps 18-digit integers exact as strings', () => {
		const parsed = parseJsonKeepingBigIntegers(
			'{"recordId":412762000000035001,"n":[460000000000000001,-912345678901234567]}',
		) as { recordId: unknown; n: unknown };
		expect(parsed.recordId).toBe('412762000000035001');
		expect(parsed.n).toEqual(['460000000000000001', '-912345678901234567']);
	});

	it('leaves safe numbers, decimals, exponents and strings alone', () => {
		const text =
			'{"a":9007199254740991,"b":12.5,"c":1e21,"d":"412762000000035001","e":"say \\"99999999999999999999\\"","f":-3}';
		expect(quoteUnsafeIntegers(text)).toBe(text);
		const parsed = parseJsonKeepingBigIntegers(text) as { a: unknown; e: unknown };
		expect(parsed.a).toBe(9007199254740991);
		expect(parsed.e).toBe('say "99999999999999999999"');
	});

	it('turns the first unsafe integer into a string', () => {
		expect(parseJsonKeepingBigIntegers('9007199254740993') as string).toBe('9007199254740993');
	});
});
