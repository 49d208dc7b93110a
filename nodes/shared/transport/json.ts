/**
 * JSON parsing that keeps large integers exact. Zoho sends some IDs as bare JSON integers with
 * 18 digits (People record IDs), which JSON.parse would round. Any integer literal outside
 * Number.MAX_SAFE_INTEGER is turned into a string before parsing; everything else is unchanged.
 */

const SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER).length; // 16

export function parseJsonKeepingBigIntegers(text: string): unknown {
	return JSON.parse(quoteUnsafeIntegers(text));
}

/** Rewrites unsafe integer literals outside strings as JSON strings; exported for tests. */
export function quoteUnsafeIntegers(text: string): string {
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
					out += text.slice(last, start) + '"' + literal + '"';
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
