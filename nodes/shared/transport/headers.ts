import type { IDataObject } from 'n8n-workflow';

/** A response header by name, whatever its case; the first value of a list; undefined when absent or blank. */
export function headerText(headers: IDataObject | undefined, name: string): string | undefined {
	const all = headers ?? {};
	const key = Object.keys(all).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : all[key];
	const text = Array.isArray(value)
		? String(value[0])
		: value === undefined || value === null
			? ''
			: String(value);
	return text.trim() === '' ? undefined : text.trim();
}

/**
 * The file name a `Content-Disposition` header gives (`filename*=UTF-8''…` or `filename="…"`),
 * reduced to a plain name: no folders, no control characters. Undefined when there is none.
 */
export function fileNameFromDisposition(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/.exec(value);
	const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/.exec(value);
	let name: string | undefined;
	if (extended) {
		try {
			name = decodeURIComponent(extended[1].trim());
		} catch {
			name = undefined;
		}
	}
	name ??= plain ? (plain[1] ?? plain[2]) : undefined;
	if (name === undefined) return undefined;
	const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return base && base !== '.' && base !== '..' ? base.slice(0, 200) : undefined;
}
