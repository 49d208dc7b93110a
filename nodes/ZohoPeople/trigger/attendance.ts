import type { IDataObject } from 'n8n-workflow';
import { MONTHS } from '../../shared/dates';
import type { ChangePage, ChangeRecord } from '../../shared/trigger/pollState';
import type { ChangeSource } from '../../shared/trigger/scan';
import { resultOf } from '../helpers/output';
import type { PeopleSession } from '../transport';

/**
 * "Fetch Last Attendance Entries" (zoho.com/people/api/attendance-fetchlastentries.html): the
 * entries, with regularisation entries, "added/updated within the latest minutes" given as
 * `duration`; admin and data admin only; 30 calls a minute, 5 minutes' lock. One call, no paging.
 */
const LATEST_ENTRIES_PATH = '/api/attendance/fetchLatestAttEntries';

/** The format of the [O] page's request example. Its sample answers `dd-MMM-yyyy HH:mm:ss`: both are read. */
const DATE_TIME_FORMAT = 'dd-MM-yyyy HH:mm:ss';

/** Extra minutes each window reaches back: Zoho's clock against n8n's, and whole minutes. */
export const OVERLAP_MINUTES = 2;

/**
 * Longest window asked for. Zoho documents no maximum `duration` (UNCERTAIN): a day is assumed.
 * Entries older than that when n8n polls again (a longer outage) are not emitted.
 */
export const MAX_WINDOW_MINUTES = 24 * 60;

/** The window for a read at `now` of what changed since `from` (ms), with the overlap, capped. */
export function windowMinutes(now: number, from: number): number {
	const minutes = Math.ceil(Math.max(0, now - from) / 60_000) + OVERLAP_MINUTES;
	return Math.min(MAX_WINDOW_MINUTES, minutes);
}

/** The lists of one day in the answer, as Zoho names them. */
const ENTRY_LISTS = ['attEntries', 'singleRegEntries', 'multiRegEntries'];

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One item per entry: the employee's fields (`firstName`, `lastName`, and where Zoho sends them
 * `erecNo`, `employeeId`, `emailId`), the day, which list it came from (`entryType`) and the entry's
 * own fields (`checkInTime`, `checkOutTime`, locations…), as Zoho wrote them.
 */
export function attendanceEntries(result: unknown[]): IDataObject[] {
	const out: IDataObject[] = [];
	for (const employee of result) {
		if (!isObject(employee)) continue;
		const { entries, ...person } = employee;
		if (!Array.isArray(entries)) continue;
		for (const day of entries) {
			if (!isObject(day)) continue;
			for (const [date, lists] of Object.entries(day)) {
				if (!isObject(lists)) continue;
				for (const entryType of ENTRY_LISTS) {
					const list = lists[entryType];
					// singleRegEntries is one object in the [O] sample; the two others are lists.
					const items = Array.isArray(list) ? list : isObject(list) ? [list] : [];
					for (const entry of items) {
						if (isObject(entry)) out.push({ ...person, date, entryType, ...entry });
					}
				}
			}
		}
	}
	return out;
}

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Who an entry belongs to: the answer has no entry ID, so entries are told apart by their fields. */
function employeeKey(entry: IDataObject): string {
	const id = text(entry.erecNo) || text(entry.erecno) || text(entry.employeeId);
	return id || text(entry.emailId) || `${text(entry.firstName)} ${text(entry.lastName)}`;
}

/**
 * Entries as the scan sees them. The key is the employee, the day, the list and the check-in (a
 * check-out alone: its time; a "replace first check-in / last check-out" regularisation: one per
 * day); the fingerprint is the check-in and check-out. So a check-in is emitted once, and again when
 * its check-out is added.
 */
export function entryChanges(entries: IDataObject[]): ChangeRecord[] {
	const counts = new Map<string, number>();
	return entries.map((json) => {
		const checkIn = text(json.checkInTime);
		const checkOut = text(json.checkOutTime);
		const punch =
			json.entryType === 'singleRegEntries' ? '' : checkIn ? `in ${checkIn}` : `out ${checkOut}`;
		const breakId = text(json.breakId);
		const base = [employeeKey(json), text(json.date), text(json.entryType), punch, breakId].join(
			'|',
		);
		const seen = (counts.get(base) ?? 0) + 1;
		counts.set(base, seen);
		return {
			id: seen === 1 ? base : `${base}#${seen}`,
			fingerprint: `${checkIn}|${checkOut}`,
			json,
		};
	});
}

async function readEntries(session: PeopleSession, minutes: number): Promise<IDataObject[]> {
	const response = await session.request({
		method: 'GET',
		path: LATEST_ENTRIES_PATH,
		qs: { duration: minutes, dateTimeFormat: DATE_TIME_FORMAT },
	});
	// An empty window may be `result: []` or "No records found" (7024): both read as none.
	return attendanceEntries(resultOf(response.body));
}

/**
 * "New Attendance Entry": a window source. Each poll reads the entries changed within `minutes`
 * (the time since the last read, plus the overlap) in one call; `onRead` gets the time the read
 * started once it succeeded, for the next window.
 */
export function attendanceSource(
	session: PeopleSession,
	minutes: number,
	onRead: (startedAt: number) => void,
	now: () => number = Date.now,
): ChangeSource {
	return {
		listing: 'window',
		fingerprintIsChangeTime: false,
		async readPage(_since: number, page: number): Promise<ChangePage> {
			if (page > 1) return { records: [], hasMore: false };
			const startedAt = now();
			const entries = await readEntries(session, minutes);
			onRead(startedAt);
			return { records: entryChanges(entries), hasMore: false };
		},
	};
}

/** `dd-MM-yyyy HH:mm[:ss]` or `dd-MMM-yyyy HH:mm[:ss]` as a wall-clock number, for ordering only. */
function wallClock(value: unknown): number | undefined {
	const m = /^(\d{2})-(\d{2}|[A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text(value));
	if (!m) return undefined;
	const month = /^\d+$/.test(m[2])
		? Number(m[2])
		: MONTHS.findIndex((name) => name.toLowerCase() === m[2].toLowerCase()) + 1;
	if (!month) return undefined;
	return Date.UTC(
		Number(m[3]),
		month - 1,
		Number(m[1]),
		Number(m[4]),
		Number(m[5]),
		Number(m[6] ?? 0),
	);
}

/** The manual test's sample: the latest punch of the last day (the longest window, one call). */
export async function recentAttendanceEntry(
	session: PeopleSession,
): Promise<ChangeRecord | undefined> {
	const changes = entryChanges(await readEntries(session, MAX_WINDOW_MINUTES));
	let best: ChangeRecord | undefined;
	let bestAt = -Infinity;
	for (const change of changes) {
		const at =
			wallClock(change.json.checkOutTime) ?? wallClock(change.json.checkInTime) ?? -Infinity;
		if (best === undefined || at >= bestAt) {
			best = change;
			bestAt = at;
		}
	}
	return best;
}
