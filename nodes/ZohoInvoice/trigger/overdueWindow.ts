import type { IDataObject } from 'n8n-workflow';
import { formatIsoDate, wallClockAt } from '../../shared/dates';
import type { ChangeRecord } from '../../shared/trigger/pollState';
import type { ChangeSource } from '../../shared/trigger/scan';
import type { TriggerLists } from './list';
import { PAGE_SIZE, idOf, sortedBy } from './list';
import { INVOICE_STATUSES, WATCHED } from './resources';

const DAY_MS = 24 * 60 * 60 * 1000;
const OVERDUE = 'overdue';
/** Statuses an invoice cannot be overdue in, whatever a filter says. */
const SETTLED = ['draft', 'paid', 'void'];

/**
 * "An invoice becomes overdue" happens when a due date passes, and Zoho does not document that
 * this changes last_modified_time (UNCERTAIN), so a list sorted by change time may never show it.
 * The trigger reads a window instead (the 'window' listing of nodes/shared/trigger/scan.ts): the
 * overdue invoices due in the last `days` days, `filter_by=Status.OverDue&due_date_start=<day>`
 * sorted by due date, newest first (Zoho Books v3 OpenAPI, invoices: `filter_by` Status.OverDue,
 * `due_date` with the variant `due_date_start`, `sort_column` due_date). An invoice is emitted when
 * it appears in the window, and again only if it leaves it (paid, voided) and comes back.
 *
 * Tolerant of Zoho ignoring any part of the request: rows due before the window are dropped here;
 * the scan stops at the first of them only when Zoho says it sorted by due date, newest first, and
 * the dates came in that order; an invoice counts as overdue when its status says so, or when Zoho
 * says it applied the overdue filter (its status may lag behind: assumption) and it is not settled.
 */
export function overdueSource(lists: TriggerLists, days: number, now: number): ChangeSource {
	// Due dates are days of the organization's time zone, which a poll does not know without a
	// call: the window is counted in UTC days, so its far end may be off by one day.
	const windowStart = formatIsoDate(wallClockAt(now - days * DAY_MS, 'UTC'));
	let ordered = true;
	let previous: { page: number; due: string } | undefined;
	return {
		listing: 'window',
		fingerprintIsChangeTime: false,
		wanted: (record) => record.fingerprint === OVERDUE,
		async readPage(_since, page) {
			const answer = await lists.page(WATCHED.invoice, {
				filter_by: INVOICE_STATUSES.overdue,
				due_date_start: windowStart,
				sort_column: 'due_date',
				sort_order: 'D',
				per_page: PAGE_SIZE,
				page,
			});
			const filtered = /^status\.overdue$/i.test(String(answer.context?.applied_filter ?? ''));
			let last = previous?.page === page - 1 ? previous.due : undefined;
			let pastWindow = false;
			const records: ChangeRecord[] = [];
			for (const row of answer.rows) {
				const id = idOf(row, WATCHED.invoice.idField);
				if (id === undefined) continue;
				const due = typeof row.due_date === 'string' ? row.due_date : '';
				if (/^\d{4}-\d{2}-\d{2}$/.test(due)) {
					if (last !== undefined && due > last) ordered = false;
					last = due;
					if (due < windowStart) {
						pastWindow = true;
						continue;
					}
				}
				records.push({ id, fingerprint: overdueFingerprint(row, filtered), json: row });
			}
			if (last !== undefined) previous = { page, due: last };
			const stop = sortedBy(answer.context, 'due_date') && ordered && pastWindow;
			return { records, hasMore: answer.hasMore && !stop };
		},
	};
}

/** `overdue` for an overdue invoice, else its status (so that becoming overdue changes it). */
function overdueFingerprint(row: IDataObject, filtered: boolean): string {
	const status = String(row.status ?? '');
	if (status === OVERDUE || (filtered && !SETTLED.includes(status))) return OVERDUE;
	return status;
}

/** The manual test's sample: the overdue invoice due most recently. */
export async function latestOverdue(lists: TriggerLists): Promise<ChangeRecord | undefined> {
	const answer = await lists.page(WATCHED.invoice, {
		filter_by: INVOICE_STATUSES.overdue,
		sort_column: 'due_date',
		sort_order: 'D',
		per_page: 1,
		page: 1,
	});
	const row = answer.rows[0];
	const id = row && idOf(row, WATCHED.invoice.idField);
	if (!row || id === undefined) return undefined;
	return { id, fingerprint: OVERDUE, json: row };
}
