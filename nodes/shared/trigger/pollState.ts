import type { IDataObject } from 'n8n-workflow';

/**
 * The cursor of a polling trigger, kept in the node's static data. n8n 2.8 and 2.41 (by default)
 * save static data at activation and with every emit; 2.41's durable poll scheduler saves it with
 * every poll (docs/triggers.md). Plain JSON, small and bounded.
 */
export type PollState = {
	v: 1;
	/** Records changed at or after this time (ms) are read by the next scan. */
	cursor: number;
	/** Records already emitted, by ID: their change time (ms, NaN when unknown) and fingerprint. */
	seen: Record<string, SeenRecord>;
	/**
	 * A scan that a poll cut short (page cap or time budget): where the next poll resumes it, and
	 * (`changedSinceAnyOrder`) the newest change time its earlier polls read.
	 */
	scan?: { page: number; startedAt: number; baseline?: boolean; maxTime?: number };
	/** A daily limit was reached: no call is made before this time (ms). */
	blockedUntil?: number;
};

export type SeenRecord = {
	/** Change time in ms (`null` when the product gives none). */
	t: number | null;
	/** What makes a change worth emitting again: the change time, or a status. */
	f: string;
};

/** A record as a trigger source reads it. */
export interface ChangeRecord {
	/** The record's ID, a string as Zoho sends it (never a JS number). */
	id: string;
	/** When it changed, in ms; undefined when the product gives no such time (Bookings). */
	changedAt?: number;
	/** Emitted again when this differs from the last emitted one (change time, status…). */
	fingerprint: string;
	json: IDataObject;
}

export interface ChangePage {
	records: ChangeRecord[];
	/** Whether Zoho says another page follows. */
	hasMore: boolean;
}

/**
 * How a product lists changes:
 * - `changedSince`: Zoho filters by change time and sorts oldest first, so a scan cut short moves the
 *   cursor to the last record it read;
 * - `changedSinceAnyOrder`: Zoho filters by change time in an order it does not document, so a scan
 *   cut short resumes at its next page, and the cursor moves only when a scan has read every page;
 * - `window`: no change time at all (Bookings); every scan reads the window and compares fingerprints.
 */
export type ChangeListing = 'changedSince' | 'changedSinceAnyOrder' | 'window';

/** Most records the state remembers; the oldest are dropped first. */
export const MAX_SEEN = 2000;

export function initialState(cursor: number): PollState {
	return { v: 1, cursor, seen: {} };
}

/** The stored state when it is one this code wrote; anything else starts over. */
export function readState(stored: IDataObject): PollState | undefined {
	const state = stored.zohoPoll;
	if (!isPollState(state)) return undefined;
	return state;
}

function isPollState(value: unknown): value is PollState {
	if (!value || typeof value !== 'object') return false;
	const state = value as Partial<PollState>;
	return (
		state.v === 1 &&
		typeof state.cursor === 'number' &&
		Number.isFinite(state.cursor) &&
		!!state.seen &&
		typeof state.seen === 'object'
	);
}

export function writeState(stored: IDataObject, state: PollState): void {
	stored.zohoPoll = state;
}

/**
 * Keeps at most MAX_SEEN records, dropping the oldest change times first (records without a time
 * are kept over older timed ones only by insertion order).
 */
export function boundSeen(seen: Record<string, SeenRecord>): Record<string, SeenRecord> {
	const ids = Object.keys(seen);
	if (ids.length <= MAX_SEEN) return seen;
	const order = ids
		.map((id, index) => ({ id, index, t: seen[id].t ?? -Infinity }))
		.sort((a, b) => b.t - a.t || b.index - a.index)
		.slice(0, MAX_SEEN);
	const kept: Record<string, SeenRecord> = {};
	for (const { id } of order.sort((a, b) => a.index - b.index)) kept[id] = seen[id];
	return kept;
}

/**
 * A change's fingerprint: its change time and a hash of the record as Zoho sent it. Zoho's change
 * times have whole seconds, so two changes within one second differ only in content.
 */
export function changeFingerprint(changedAt: number, json: IDataObject): string {
	// FNV-1a, 32 bits: small to store, and a collision only hides a change within the same second.
	let hash = 0x811c9dc5;
	const text = JSON.stringify(json);
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return `${changedAt}:${(hash >>> 0).toString(36)}`;
}
