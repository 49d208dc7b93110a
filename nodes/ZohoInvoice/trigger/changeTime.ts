import type { IDataObject } from 'n8n-workflow';
import { instantOf, parseIsoDate } from '../../shared/dates';

/**
 * A Zoho Invoice time, `yyyy-MM-ddTHH:mm:ss±HHMM` in the organization's time zone (Zoho Books v3
 * OpenAPI examples: invoices "2013-11-18T02:02:51-0800", contacts "2013-10-07T18:24:51+0530"), as
 * epoch ms. Compared as instants, never as text: the offset changes with daylight saving time.
 * Undefined when empty, malformed, or without an offset (its instant would be a guess).
 */
export function zohoInstant(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const date = parseIsoDate(value);
	if (!date || !date.hasTime || date.offsetMinutes === undefined) return undefined;
	return instantOf(date, 'UTC');
}

export interface RowTime {
	at: number;
	/**
	 * Whether the time is the record's modification time, the one the list is sorted by: only such
	 * a time may end a newest-first scan. `created_time` says nothing about later changes.
	 */
	modified: boolean;
}

/**
 * When a listed record last changed. `last_modified_time` is on every documented list row (Zoho
 * Books v3 OpenAPI), but the expenses example leaves it empty ("' '") and the customer payments
 * schema names `updated_time` instead (UNCERTAIN): those come next, then `created_time`, which at
 * least dates new records.
 */
export function rowChangeTime(row: IDataObject): RowTime | undefined {
	for (const field of ['last_modified_time', 'updated_time']) {
		const at = zohoInstant(row[field]);
		if (at !== undefined) return { at, modified: true };
	}
	const created = zohoInstant(row.created_time);
	return created === undefined ? undefined : { at: created, modified: false };
}
