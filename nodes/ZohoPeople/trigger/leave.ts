import type { IDataObject } from 'n8n-workflow';
import type { ChangePage, ChangeRecord, SeenRecord } from '../../shared/trigger/pollState';
import type { ChangeSource } from '../../shared/trigger/scan';
import { createdTimeOf, modifiedTimeOf, readFormPage, recentFormRecord } from './formRecords';
import type { PeopleSession } from '../transport';

/**
 * Leave requests are records of the `leave` form (the Leave node's Apply writes there). The v2 leave
 * list has no modified-time filter, only leave dates (docs/reference/zoho-api.md §4), so both leave
 * events read the form with getRecords' `modifiedtime`. That the leave form honours `modifiedtime`
 * like any form is UNCERTAIN (research §2.2): where it does not, the records' own change times
 * (when Zoho sends them) keep history out.
 */
export const LEAVE_FORM = 'leave';

/** A leave's approval status, lower case ('' when the record has none). Field name variants are read. */
export function leaveStatusOf(record: IDataObject): string {
	for (const [key, value] of Object.entries(record)) {
		if (key.replace(/_/g, '').toLowerCase() === 'approvalstatus' && typeof value === 'string')
			return value.trim().toLowerCase();
	}
	return '';
}

async function leavePage(
	session: PeopleSession,
	since: number,
	page: number,
	fingerprint: (json: IDataObject) => string,
): Promise<ChangePage> {
	const read = await readFormPage(session, LEAVE_FORM, page, since);
	return {
		records: read.records.map((json): ChangeRecord => ({
			id: String(json.recordId),
			changedAt: modifiedTimeOf(json),
			fingerprint: fingerprint(json),
			json,
		})),
		hasMore: read.hasMore,
	};
}

/**
 * "Leave Requested": a leave record added since the cursor. Each record has one fingerprint, so a
 * later change (approval) never emits it again. New means `CreatedTime` at or after the cursor, so a
 * request older than the cursor that changes is not new; without `CreatedTime`, a record never seen
 * that is Pending is taken for a new request (assumption). A record is forgotten only once its first
 * change time is older than the cursor, and then its creation is older still.
 */
export function leaveRequestedSource(session: PeopleSession): ChangeSource {
	let since = 0;
	return {
		listing: 'changedSinceAnyOrder',
		fingerprintIsChangeTime: true,
		async readPage(from: number, page: number): Promise<ChangePage> {
			since = from;
			return await leavePage(session, from, page, () => 'requested');
		},
		wanted(record: ChangeRecord): boolean {
			const created = createdTimeOf(record.json);
			if (created !== undefined) return created >= since;
			return leaveStatusOf(record.json) === 'pending';
		},
	};
}

/**
 * "Leave Status Changed", optionally only changes to `status`. The fingerprint is the status, so an
 * edit that keeps it emits nothing. Zoho gives no earlier status: a leave seen before is emitted when
 * its status differs from the one seen; a leave never seen (requested before activation) that changed
 * and is not Pending is taken to have left Pending (assumption, docs/trigger-people.md).
 */
export function leaveStatusSource(
	session: PeopleSession,
	previous: Record<string, SeenRecord>,
	status?: string,
): ChangeSource {
	const known = new Map(Object.entries(previous).map(([id, seen]) => [id, seen.f]));
	return {
		listing: 'changedSinceAnyOrder',
		// The last status of each leave must stay to see its next change.
		fingerprintIsChangeTime: false,
		async readPage(since: number, page: number): Promise<ChangePage> {
			return await leavePage(session, since, page, leaveStatusOf);
		},
		wanted(record: ChangeRecord): boolean {
			// Called once per new fingerprint: what was known before it is the earlier status.
			const before = known.get(record.id);
			known.set(record.id, record.fingerprint);
			if (record.fingerprint === '') return false;
			if (status && record.fingerprint !== status) return false;
			return before !== undefined || record.fingerprint !== 'pending';
		},
	};
}

/** The manual test's leave: the latest request, or the latest leave in the chosen status. */
export async function recentLeave(
	session: PeopleSession,
	now: number,
	status?: string,
): Promise<ChangeRecord | undefined> {
	return await recentFormRecord(
		session,
		LEAVE_FORM,
		now,
		status ? (record) => leaveStatusOf(record) === status : undefined,
	);
}
