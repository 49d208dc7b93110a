/**
 * A deep walk over everything an execution result holds, for secret canaries: every string reachable
 * through own properties (enumerable or not, so an Error's message, description, messages, context,
 * cause, errorResponse, stack and any other own property), symbol keys, Map and Set entries, and
 * Buffers / typed arrays read as UTF-8. Cycles are visited once.
 */

export interface Leak {
	/** Where the secret was found, e.g. `data.resultData.error.cause.message`. */
	path: string;
	/** The first characters of the secret (enough to tell which one). */
	secret: string;
}

export function walkStrings(value: unknown, visit: (text: string, path: string) => void): void {
	const seen = new Set<object>();
	const walk = (v: unknown, path: string): void => {
		if (typeof v === 'string') {
			visit(v, path);
			return;
		}
		if (v === null || typeof v !== 'object') return;
		const obj = v as object;
		if (seen.has(obj)) return;
		seen.add(obj);
		if (Buffer.isBuffer(obj) || ArrayBuffer.isView(obj)) {
			const view = obj as ArrayBufferView;
			visit(Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('utf8'), path);
			return;
		}
		if (obj instanceof ArrayBuffer) {
			visit(Buffer.from(obj).toString('utf8'), path);
			return;
		}
		if (obj instanceof Map) {
			let i = 0;
			for (const [k, val] of obj) {
				walk(k, `${path}<key ${i}>`);
				walk(val, `${path}<${i++}>`);
			}
		}
		if (obj instanceof Set) {
			let i = 0;
			for (const val of obj) walk(val, `${path}<${i++}>`);
		}
		const keys: Array<string | symbol> = [
			...Object.getOwnPropertyNames(obj),
			...Object.getOwnPropertySymbols(obj),
		];
		for (const key of keys) {
			const name = typeof key === 'symbol' ? key.toString() : key;
			visit(name, `${path}<name>`);
			let child: unknown;
			try {
				child = (obj as Record<string | symbol, unknown>)[key];
			} catch {
				continue;
			}
			walk(child, path ? `${path}.${name}` : name);
		}
	};
	walk(value, '');
}

/**
 * The forms a secret may take in text: as it is, URL-encoded, and (for Zoho's `1000.<hex>.<hex>`
 * tokens) each long part on its own, so a half-masked token still counts as a leak.
 */
export function secretForms(secret: string): string[] {
	const forms = new Set<string>([secret, encodeURIComponent(secret)]);
	for (const part of secret.split('.')) if (part.length >= 16) forms.add(part);
	return [...forms];
}

/** Every place one of `secrets` appears in `value`. */
export function findLeaks(value: unknown, secrets: Iterable<string>): Leak[] {
	const forms = [...secrets]
		.filter((s) => s.length >= 8)
		.flatMap((s) => secretForms(s).map((form) => ({ form, secret: s })));
	const leaks: Leak[] = [];
	walkStrings(value, (text, path) => {
		const found = new Set(
			forms.filter(({ form }) => text.includes(form)).map(({ secret }) => secret),
		);
		for (const secret of found) leaks.push({ path, secret: `${secret.slice(0, 8)}…` });
	});
	return leaks;
}
