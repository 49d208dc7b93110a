import { ZohoQuotaError } from '../transport/errors';
import type { ChangeListing, ChangePage, ChangeRecord, PollState, SeenRecord } from './pollState';
import { boundSeen } from './pollState';

/** Most pages one poll follows within one change time (see sameTimeRun). */
const MAX_PAGES_AT_ONE_TIME = 1000;

/** Zoho gives change times in whole seconds (Invoice): a record changed just after a time read as
 * "now" may carry the second before it. */
const CLOCK_RESOLUTION_MS = 1000;

/** How far n8n's clock and Zoho's may differ, where only n8n's clock dates a scan. */
const CLOCK_SKEW_MS = 60_000;

/** What a trigger event reads, and which of the records read it emits. */
export interface ChangeSource {
	listing: ChangeListing;
	/**
	 * Reads page `page` (from 1, at the largest page size) of the records changed at or after
	 * `since` (ms); where Zoho's filter counts "after", the source asks from a second earlier (records
	 * read twice are dropped here). Window sources ignore `since` and read their window.
	 */
	readPage(since: number, page: number): Promise<ChangePage>;
	/** Whether a new or changed record is one this event emits (e.g. it has the chosen status). */
	wanted?(record: ChangeRecord): boolean;
	/**
	 * Whether a fingerprint is the change time, so records older than the cursor can be forgotten:
	 * they are never read again. A status fingerprint must be kept to see the next status change.
	 */
	fingerprintIsChangeTime: boolean;
}

export interface ScanLimits {
	/** Most pages one poll reads; the scan carries on at the next poll. */
	maxPages: number;
	/** No page is started at or after this time (ms); undefined: no time budget. */
	deadline?: number;
	now: () => number;
}

export interface ScanOutcome {
	emitted: ChangeRecord[];
	state: PollState;
	/** Whether the scan read every page; false when the page cap or the budget cut it short. */
	complete: boolean;
	pagesRead: number;
}

/** A wait Zoho asked for that outlasted the poll's budget: the scan stops and keeps what it read. */
function isShortLimit(error: unknown): boolean {
	return error instanceof ZohoQuotaError && error.quota.kind !== 'daily';
}

/**
 * One poll's share of a scan for changes. It never changes `state`: the caller stores the new state
 * only when the poll succeeds, so a daily limit (or any failure) leaves the cursor where it was.
 *
 * Each change is emitted once: a record is emitted when its fingerprint differs from the one
 * remembered for its ID, and the cursor moves only over what was read (see ChangeListing).
 */
export async function scanChanges(
	source: ChangeSource,
	state: PollState,
	limits: ScanLimits,
): Promise<ScanOutcome> {
	const seen: Record<string, SeenRecord> = { ...state.seen };
	const resumed = state.scan;
	const startedAt = resumed?.startedAt ?? limits.now();
	const baseline = resumed?.baseline === true;
	const since = state.cursor;
	const emitted: ChangeRecord[] = [];
	const present = new Set<string>();
	let page = resumed?.page ?? 1;
	let pageSince = since;
	let pagesRead = 0;
	let complete = false;
	let lastTime: number | undefined;
	// Any order: the cursor goes to the newest change the whole scan read, over all its polls.
	let maxTime: number | undefined =
		source.listing === 'changedSinceAnyOrder' ? resumed?.maxTime : undefined;

	// Pages followed by number within one change time (more records than a page at one second)
	// go on past the cap: stopping there would resume by page number, which a change can shift.
	const sameTimeRun = () => source.listing === 'changedSince' && page > 1;
	while (
		pagesRead < Math.max(1, limits.maxPages) ||
		(sameTimeRun() && pagesRead < MAX_PAGES_AT_ONE_TIME)
	) {
		if (pagesRead > 0 && limits.deadline !== undefined && limits.now() >= limits.deadline) break;
		const answer = await source.readPage(pageSince, page).then(
			(read): { read: ChangePage } => ({ read }),
			(error: unknown) => ({ error }),
		);
		if ('error' in answer) {
			// A per-minute wait longer than the budget after some pages: keep them, go on next poll.
			// Anything else (a daily limit) fails the poll, and the cursor stays where it was.
			if (pagesRead > 0 && isShortLimit(answer.error)) break;
			throw answer.error;
		}
		const { read } = answer;
		pagesRead++;
		let pageLast: number | undefined;
		for (const record of read.records) {
			const at = record.changedAt;
			// Zoho ignoring the filter must not emit history.
			if (source.listing !== 'window' && at !== undefined && at < since) continue;
			present.add(record.id);
			if (at !== undefined) {
				pageLast = at;
				lastTime = at;
				maxTime = maxTime === undefined ? at : Math.max(maxTime, at);
			}
			const before = seen[record.id];
			if (before && before.f === record.fingerprint) continue;
			// Re-inserted so that the newest stay when the map is bounded.
			delete seen[record.id];
			seen[record.id] = { t: at ?? null, f: record.fingerprint };
			if (!baseline && (source.wanted?.(record) ?? true)) emitted.push(record);
		}
		if (!read.hasMore || read.records.length === 0) {
			complete = true;
			break;
		}
		// Oldest first: the next page is "changed since the last one read" (a keyset), so a record
		// changed meanwhile, which moves to the end, cannot shift another past the page boundary.
		// Only a page that all shares one change time is followed by page number.
		if (source.listing === 'changedSince' && pageLast !== undefined && pageLast > pageSince) {
			pageSince = pageLast;
			page = 1;
		} else page++;
	}

	const next: PollState = { v: 1, cursor: state.cursor, seen };
	if (source.listing === 'window') {
		// A window has no cursor; records no longer in it are forgotten once a scan read it whole.
		if (complete && !resumed) {
			for (const id of Object.keys(seen)) if (!present.has(id)) delete seen[id];
		}
		if (!complete) next.scan = { page, startedAt, ...(baseline ? { baseline } : {}) };
	} else if (source.listing === 'changedSince') {
		// Oldest first: everything up to the last record read is read, even when cut short.
		const reached = complete ? maxTime : lastTime;
		if (reached !== undefined && reached > state.cursor) next.cursor = reached;
		// Whole pages at one change time give the cursor nowhere to go: resume by page instead.
		else if (!complete) next.scan = { page, startedAt };
	} else {
		// Unknown order: only a whole scan moves the cursor, and not past its start, as a record
		// changed while the scan ran may sit on a page already read.
		// Without change times in the records (Zoho filtered by them itself), the scan's start, less a
		// margin for the two clocks, is the time everything before was read by.
		if (!complete) next.scan = { page, startedAt, ...(maxTime !== undefined ? { maxTime } : {}) };
		else {
			const readBy =
				maxTime === undefined
					? startedAt - CLOCK_SKEW_MS
					: Math.min(maxTime, startedAt - CLOCK_RESOLUTION_MS);
			next.cursor = Math.max(state.cursor, readBy);
		}
	}
	if (source.fingerprintIsChangeTime) {
		// Records at the cursor's own time are read again by the next scan: they stay.
		const forgetBefore = next.cursor;
		for (const id of Object.keys(seen)) {
			const t = seen[id].t;
			if (t !== null && t < forgetBefore) delete seen[id];
		}
	}
	next.seen = boundSeen(seen);
	return { emitted, state: next, complete, pagesRead };
}
