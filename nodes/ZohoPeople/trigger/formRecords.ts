import type { IDataObject } from 'n8n-workflow';
import { parseIsoDate } from '../../shared/dates';
import type { ChangePage, ChangeRecord } from '../../shared/trigger/pollState';
import { changeFingerprint } from '../../shared/trigger/pollState';
import type { ChangeSource } from '../../shared/trigger/scan';
import { flattenRecords, resultOf } from '../helpers/output';
import type { PeopleSession } from '../transport';

/** getRecords serves at most 200 records a call (docs/reference/zoho-api.md §4, "Bulk records"). */
export const FORM_PAGE_SIZE = 200;

/**
 * `modifiedtime` fetches "records added & modified after the given time" (zoho.com/people/api/
 * bulk-records.html); whether a record changed exactly then counts is UNCERTAIN, so pages are asked
 * from a second earlier and the scan drops what it has read before.
 */
const AFTER_MARGIN_MS = 1000;

/** How far back the manual test looks for a recent record before it takes any record of the form. */
const SAMPLE_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;

export interface FormPage {
	/** Flattened records: `{recordId, ...fields}`, the ID as the string key Zoho sent. */
	records: IDataObject[];
	hasMore: boolean;
}

/**
 * One page of a form's records (sIndex from 1, 200 a page), changed since `since` (ms) when given.
 * Record order is not documented (UNCERTAIN): a full page may have a successor, a short one ends
 * the list, and "No records found" (7024) is an empty page (the profile reads it so).
 */
export async function readFormPage(
	session: PeopleSession,
	form: string,
	page: number,
	since?: number,
): Promise<FormPage> {
	const qs: IDataObject = { sIndex: (page - 1) * FORM_PAGE_SIZE + 1, limit: FORM_PAGE_SIZE };
	if (since !== undefined)
		qs.modifiedtime = String(Math.max(0, Math.floor(since) - AFTER_MARGIN_MS));
	const response = await session.request({
		method: 'GET',
		path: `/people/api/forms/${encodeURIComponent(form)}/getRecords`,
		qs,
	});
	const result = resultOf(response.body);
	const records = flattenRecords(result).filter(
		(record) => typeof record.recordId === 'string' && record.recordId !== '',
	);
	return { records, hasMore: result.length >= FORM_PAGE_SIZE };
}

/**
 * An instant Zoho gives unambiguously: epoch milliseconds (a number, or digits as `CreatedTime` in
 * the bulk-records sample), or ISO text with an offset. A wall-clock text such as `AddedTime`
 * ("05-Dec-2019 17:38:37", the org's time zone) is not read: a wrong offset would skip records.
 */
function instantOf(value: unknown): number | undefined {
	if (typeof value === 'number')
		return Number.isSafeInteger(value) && value > 1e11 ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d{12,15}$/.test(text)) return Number(text);
	const iso = parseIsoDate(text);
	if (!iso || !iso.hasTime || iso.offsetMinutes === undefined) return undefined;
	return (
		Date.UTC(iso.year, iso.month - 1, iso.day, iso.hour, iso.minute, iso.second) -
		iso.offsetMinutes * 60_000
	);
}

/** The first readable instant among fields whose name, without underscores and case, is one of `names`. */
function timeField(record: IDataObject, names: string[]): number | undefined {
	for (const [key, value] of Object.entries(record)) {
		if (!names.includes(key.replace(/_/g, '').toLowerCase())) continue;
		const at = instantOf(value);
		if (at !== undefined) return at;
	}
	return undefined;
}

/**
 * When a record last changed. The field is not in the captured part of Zoho's sample (UNCERTAIN):
 * `ModifiedTime` in ms like `CreatedTime` is likely; spellings such as `Modified_Time` are read too.
 * Undefined when absent: the scan then dates what it read by its own clock, with a margin.
 */
export function modifiedTimeOf(record: IDataObject): number | undefined {
	return timeField(record, ['modifiedtime', 'lastmodifiedtime']);
}

/** When a record was added: `CreatedTime`, ms as text in the bulk-records sample. */
export function createdTimeOf(record: IDataObject): number | undefined {
	return timeField(record, ['createdtime']);
}

/** A form record as the scan sees it: a new fingerprint for each change (its time and content). */
export function recordChange(json: IDataObject): ChangeRecord {
	const changedAt = modifiedTimeOf(json);
	return {
		id: String(json.recordId),
		changedAt,
		fingerprint: changeFingerprint(changedAt ?? NaN, json),
		json,
	};
}

/**
 * "Record Created or Updated": getRecords with `modifiedtime`, in an order Zoho does not document,
 * so the scan reads every page of a window before it moves the cursor.
 */
export function formRecordSource(session: PeopleSession, form: string): ChangeSource {
	return {
		listing: 'changedSinceAnyOrder',
		fingerprintIsChangeTime: true,
		async readPage(since: number, page: number): Promise<ChangePage> {
			const read = await readFormPage(session, form, page, since);
			return { records: read.records.map(recordChange), hasMore: read.hasMore };
		},
	};
}

/** The record of `records` that changed last (by its times; else the last one Zoho listed). */
function latest(records: IDataObject[]): IDataObject | undefined {
	let best: IDataObject | undefined;
	let bestAt = -Infinity;
	for (const record of records) {
		const at = modifiedTimeOf(record) ?? createdTimeOf(record) ?? -Infinity;
		if (best === undefined || at >= bestAt) {
			best = record;
			bestAt = at;
		}
	}
	return best;
}

/**
 * The manual test's sample: the latest of the records changed in the last 30 days (one call), else
 * of the form's first page (a second call). `pick` narrows the candidates (a leave's status).
 */
export async function recentFormRecord(
	session: PeopleSession,
	form: string,
	now: number,
	pick: (record: IDataObject) => boolean = () => true,
): Promise<ChangeRecord | undefined> {
	let candidates = (await readFormPage(session, form, 1, now - SAMPLE_LOOKBACK_MS)).records.filter(
		pick,
	);
	if (candidates.length === 0)
		candidates = (await readFormPage(session, form, 1)).records.filter(pick);
	const record = latest(candidates);
	return record && recordChange(record);
}
