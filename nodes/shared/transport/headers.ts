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
