import type { IDataObject } from 'n8n-workflow';

/** `response.result` of a People answer, as an array. */
export function resultOf(body: unknown): unknown[] {
	const response = ((body ?? {}) as IDataObject).response as IDataObject | undefined;
	const result = response?.result ?? (body as IDataObject)?.result;
	if (Array.isArray(result)) return result;
	return result === undefined || result === null ? [] : [result];
}

/**
 * People nests records as `[{"<recordId>": [{...fields}]}]`; users want `{recordId, ...fields}`.
 * Other shapes pass through unchanged.
 */
export function flattenRecords(result: unknown[]): IDataObject[] {
	const out: IDataObject[] = [];
	for (const entry of result) {
		if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
			const keys = Object.keys(entry);
			const nested =
				keys.length === 1 && /^\d+$/.test(keys[0]) ? (entry as IDataObject)[keys[0]] : undefined;
			if (Array.isArray(nested)) {
				for (const fields of nested) out.push({ recordId: keys[0], ...(fields as IDataObject) });
				continue;
			}
			// Single records (getDataByID) are not nested; their ID is the Zoho_ID field.
			const record = entry as IDataObject;
			out.push(
				record.recordId === undefined && record.Zoho_ID !== undefined
					? { recordId: String(record.Zoho_ID), ...record }
					: record,
			);
		} else {
			out.push({ value: entry as string });
		}
	}
	return out;
}
