import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ChangeRecord } from '../../shared/trigger/pollState';
import { changeFingerprint } from '../../shared/trigger/pollState';
import type { ChangeSource } from '../../shared/trigger/scan';
import { rowChangeTime } from './changeTime';
import type { TriggerLists } from './list';
import { PAGE_SIZE, idOf, sortedBy } from './list';
import type { InvoiceStatus, WatchedList } from './resources';
import { INVOICE_STATUSES } from './resources';

/**
 * Newest changes first: `sort_column=last_modified_time&sort_order=D`. `last_modified_time` is a
 * documented sort column of contacts only; third-party syncs use it on invoices, estimates, credit
 * notes and customer payments too, and a 2026 probe found it works on invoices (UNCERTAIN for the
 * others, so the answer is checked, see readPage). The `last_modified_time` filter is not used:
 * sources disagree on whether it means "since" or "exactly at" (Zoho Books v3 OpenAPI says "modified
 * after"; a 2026 probe found an exact match).
 */
const NEWEST_FIRST = { sort_column: 'last_modified_time', sort_order: 'D' };

/** What one event emits from a list sorted by change time. */
export interface ModifiedEvent {
	list: WatchedList;
	/** Each new or changed version (the change time and a hash), or only a status change. */
	fingerprint: 'change' | 'status';
	/** With `status`: the status whose arrival is emitted. */
	status?: InvoiceStatus;
}

/**
 * A ChangeSource over a list sorted newest change first ('changedSinceAnyOrder' in
 * nodes/shared/trigger/scan.ts: newest-first pages resumed by page number, docs/triggers.md).
 *
 * A page ends the scan (hasMore false) at its first record changed before `since`, but only when
 * Zoho says it sorted by last_modified_time and every time read so far in this poll came in
 * non-increasing order: if Zoho ignored the sort, the scan reads on (at most Max Pages per Poll
 * pages a poll, resumed by the next poll) and the shared scan drops the older records.
 */
export function modifiedSource(
	node: INode,
	lists: TriggerLists,
	event: ModifiedEvent,
): ChangeSource {
	let ordered = true;
	let previous: { page: number; at: number } | undefined;
	const statusOf = (row: IDataObject) => String(row.status ?? '');
	return {
		listing: 'changedSinceAnyOrder',
		fingerprintIsChangeTime: event.fingerprint === 'change',
		wanted:
			event.fingerprint === 'status'
				? (record) => statusOf(record.json) === event.status
				: undefined,
		async readPage(since, page) {
			const answer = await lists.page(event.list, { ...NEWEST_FIRST, per_page: PAGE_SIZE, page });
			const sorted = sortedBy(answer.context, 'last_modified_time');
			let last = previous?.page === page - 1 ? previous.at : undefined;
			let reachedOlder = false;
			let timed = 0;
			const records: ChangeRecord[] = [];
			for (const row of answer.rows) {
				const id = idOf(row, event.list.idField);
				const time = rowChangeTime(row);
				if (id === undefined || time === undefined) continue;
				timed++;
				if (time.modified) {
					if (last !== undefined && time.at > last) ordered = false;
					last = time.at;
					if (time.at < since) reachedOlder = true;
				}
				records.push({
					id,
					changedAt: time.at,
					fingerprint:
						event.fingerprint === 'status' ? statusOf(row) : changeFingerprint(time.at, row),
					json: row,
				});
			}
			if (timed === 0 && answer.rows.length > 0) {
				// Without any time the trigger cannot tell old records from new ones.
				throw new NodeOperationError(
					node,
					`Zoho Invoice listed ${event.list.plural} without last_modified_time, updated_time or created_time`,
					{
						description:
							'The trigger needs a change time on every listed record to emit each change once.',
					},
				);
			}
			if (last !== undefined) previous = { page, at: last };
			return { records, hasMore: answer.hasMore && !(sorted && ordered && reachedOlder) };
		},
	};
}

/** The manual test's sample: the most recently changed record (of the chosen status). */
export async function latestRecord(
	lists: TriggerLists,
	event: ModifiedEvent,
): Promise<ChangeRecord | undefined> {
	const qs: IDataObject = { ...NEWEST_FIRST, per_page: 1, page: 1 };
	if (event.fingerprint === 'status' && event.status) qs.filter_by = INVOICE_STATUSES[event.status];
	const answer = await lists.page(event.list, qs);
	const row = answer.rows[0];
	const id = row && idOf(row, event.list.idField);
	if (!row || id === undefined) return undefined;
	return { id, fingerprint: '', json: row };
}
