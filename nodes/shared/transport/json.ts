/**
 * JSON parsing that keeps large integers exact. Zoho sends some IDs as bare JSON integers with
 * 18 digits (People record IDs), which JSON.parse would round. Any integer literal outside
 * Number.MAX_SAFE_INTEGER is turned into a string before parsing; everything else is unchanged.
 */

const SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER).length; // 16

export function parseJsonKeepingBigIntegers(text: string): unknown {
	return JSON.parse(quoteUnsafeIntegers(text));
}

const INTEGER_KEY = '\u0000unsafeInteger';

/**
 * Like parseJsonKeepingBigIntegers, but each unsafe integer literal becomes `integer(literal)`, so
 * a caller can tell a bare 18-digit number from one typed in quotes and send it back bare. (An
 * object whose only key is NUL + "unsafeInteger" would be read the same way; no one types that.)
 */
export function parseJsonMarkingBigIntegers(
	text: string,
	integer: (literal: string) => unknown,
): unknown {
	const marked = quoteUnsafeIntegers(text, (literal) => `{"\\u0000unsafeInteger":"${literal}"}`);
	return JSON.parse(marked, (_key, value: unknown) => {
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			const keys = Object.keys(value);
			if (keys.length === 1 && keys[0] === INTEGER_KEY)
				return integer((value as Record<string, string>)[INTEGER_KEY]);
		}
		return value;
	});
}

/** Rewrites unsafe integer literals outside strings as JSON strings (or as `wrap` makes them); exported for tests. */
export function quoteUnsafeIntegers(
	text: string,
	wrap: (literal: string) => string = (literal) => `"${literal}"`,
): string {
	let out = '';
	let last = 0;
	let i = 0;
	const n = text.length;
	while (i < n) {
		const ch = text.charCodeAt(i);
		if (ch === 34 /* " */) {
			i++;
			while (i < n) {
				const c = text.charCodeAt(i);
				if (c === 92 /* \ */) i += 2;
				else if (c === 34) {
					i++;
					break;
				} else i++;
			}
			continue;
		}
		if (ch === 45 /* - */ || (ch >= 48 && ch <= 57)) {
			const start = i;
			if (ch === 45) i++;
			const digitsStart = i;
			while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
			const digits = i - digitsStart;
			const next = i < n ? text[i] : '';
			const isInteger = next !== '.' && next !== 'e' && next !== 'E';
			if (isInteger && digits >= SAFE_DIGITS) {
				const literal = text.slice(start, i);
				if (!Number.isSafeInteger(Number(literal))) {
					out += text.slice(last, start) + wrap(literal);
					last = i;
				}
			}
			if (!isInteger) {
				while (i < n && /[0-9.eE+-]/.test(text[i])) i++;
			}
			continue;
		}
		i++;
	}
	return last === 0 ? text : out + text.slice(last);
}
