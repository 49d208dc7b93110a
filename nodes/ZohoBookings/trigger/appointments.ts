import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	formatMonthDateTime,
	fromMonthDateTime,
	instantOf,
	parseIsoDate,
	wallClockAt,
} from '../../shared/dates';
import type { ChangeRecord, SeenRecord } from '../../shared/trigger/pollState';
import { MAX_SEEN } from '../../shared/trigger/pollState';
import type { ChangeSource } from '../../shared/trigger/scan';
import { parseJsonKeepingBigIntegers } from '../../shared/transport/json';
import { isJsonObject } from '../../shared/transport/profile';
import type { ZohoRequest } from '../../shared/transport/wire';
import { withIsoDates } from '../helpers/dates';
import type { BookingsSession } from '../transport';
import { bookingsProfile } from '../transport/profile';

/**
 * Zoho Bookings' `fetchappointment` ([O] https://www.zoho.com/bookings/help/api/v1/fetch-appointment.html,
 * docs/reference/zoho-api.md §5) filters by appointment time (`from_time`/`to_time`), service,
 * staff, status and customer, and has no created or modified filter and no sort. So both events
 * read a window of appointment times on every poll (`window` listing, docs/triggers.md) and tell
 * changes apart by a fingerprint per booking ID.
 */
export type BookingsEvent = 'appointmentBooked' | 'appointmentChanged';

/** Most pages one scan of the window may take: the state remembers MAX_SEEN appointments. */
export const MAX_WINDOW_PAGES = Math.floor(MAX_SEEN / bookingsProfile.maxPageSize);

/** How far Zoho's clock and n8n's may differ when a booking time is compared with activation. */
const CLOCK_SKEW_MS = 60_000;

/** Zoho may stamp `last_updated_time` a little after `booked_on` when it creates a booking. */
const CREATION_SLACK_MS = 60_000;

export interface AppointmentWindow {
	/** `dd-MMM-yyyy HH:mm:ss`, wall-clock time in the window's time zone. */
	from: string;
	to: string;
}

/**
 * Whole days around today in `zone`: from 00:00:00 `lookbackDays` before today to 23:59:59
 * `lookaheadDays` after it. Whole days keep the window (and so its pages) the same all day.
 */
export function appointmentWindow(
	now: number,
	zone: string,
	lookbackDays: number,
	lookaheadDays: number,
): AppointmentWindow {
	const today = wallClockAt(now, zone);
	const day = (offset: number, hour: number, minute: number, second: number) => {
		const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
		return formatMonthDateTime({
			year: date.getUTCFullYear(),
			month: date.getUTCMonth() + 1,
			day: date.getUTCDate(),
			hour,
			minute,
			second,
		});
	};
	return { from: day(-lookbackDays, 0, 0, 0), to: day(lookaheadDays, 23, 59, 59) };
}

function isTimeZone(zone: unknown): zone is string {
	if (typeof zone !== 'string' || zone === '') return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/**
 * A Bookings time as ms. Bookings writes `dd-MMM-yyyy HH:mm:ss` in the workspace's zone (the
 * record's `time_zone`); the format of `booked_on` and `last_updated_time` is UNCERTAIN (seen only
 * in third-party code, research §3), so ISO text and epoch numbers are read too. Undefined when
 * it is none of these.
 */
export function bookingsTime(value: unknown, zone: string): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d{13}$/.test(text)) return Number(text);
	if (/^\d{10}$/.test(text)) return Number(text) * 1000;
	const date = parseIsoDate(fromMonthDateTime(text) ?? text);
	return date ? instantOf(date, zone) : undefined;
}

export interface AppointmentScope {
	workspaceId?: string;
	serviceId?: string;
	staffId?: string;
}

export interface AppointmentSourceOptions {
	event: BookingsEvent;
	window: AppointmentWindow;
	/** The zone of the window, and of record times whose own `time_zone` is missing. */
	zone: string;
	scope: AppointmentScope;
	/** What the state remembered when the poll began: who was seen, with which fingerprint. */
	seenBefore: Record<string, SeenRecord>;
	/**
	 * Include Existing Records Since (ms). A window's cursor is the activation time
	 * (nodes/shared/trigger/poll.ts), so this earlier start is given here.
	 */
	existingSince?: number;
	node: INode;
}

/** An appointment as read, and whether the event emits it when it is new or changed. */
interface AppointmentRecord extends ChangeRecord {
	emit: boolean;
}

/** What a change fingerprint holds, in order. */
const FINGERPRINT_FIELDS = ['status', 'start_time', 'staff_id', 'last_updated_time'] as const;

function fingerprintOf(event: BookingsEvent, raw: IDataObject): string {
	// A new booking is emitted once, whatever happens to it later.
	if (event === 'appointmentBooked') return 'booked';
	// Status, start time and staff (a reschedule moves either, docs/reference/zoho-api.md §5), and
	// the last-update time where Zoho gives it, so other edits count as changes too.
	return JSON.stringify(
		FINGERPRINT_FIELDS.map((key) => {
			const value = key === 'staff_id' ? (raw.staff_id ?? raw.resource_id) : raw[key];
			return value === undefined || value === null ? null : String(value);
		}),
	);
}

/** The values a change fingerprint remembered, to show what an appointment was before. */
function previousOf(fingerprint: string): IDataObject | undefined {
	let values: unknown;
	try {
		values = parseJsonKeepingBigIntegers(fingerprint);
	} catch {
		return undefined;
	}
	if (!Array.isArray(values) || values.length !== FINGERPRINT_FIELDS.length) return undefined;
	const previous: IDataObject = {};
	FINGERPRINT_FIELDS.forEach((key, i) => {
		if (values[i] !== null) previous[key] = values[i] as string;
	});
	return previous;
}

/** Reads the appointments of the window for one trigger event. */
export class AppointmentSource implements ChangeSource {
	readonly listing = 'window';
	readonly fingerprintIsChangeTime = false;

	constructor(
		private readonly session: BookingsSession,
		private readonly o: AppointmentSourceOptions,
	) {}

	private request(page: number): ZohoRequest {
		const data: IDataObject = { from_time: this.o.window.from, to_time: this.o.window.to };
		if (this.o.scope.serviceId) data.service_id = this.o.scope.serviceId;
		if (this.o.scope.staffId) data.staff_id = this.o.scope.staffId;
		// fetchappointment takes its filters as one JSON form field `data`, as the action node sends
		// them (docs/reference/zoho-api.md §5); page and per_page go inside it too.
		return bookingsProfile.withPage(
			{ method: 'POST', path: '/fetchappointment', multipart: { data: JSON.stringify(data) } },
			page,
			bookingsProfile.maxPageSize,
			0,
		);
	}

	/** The appointments of one page of the window, within the scope. */
	private async rows(page: number): Promise<{ rows: IDataObject[]; hasMore: boolean }> {
		const request = this.request(page);
		const response = await this.session.request(request);
		// HTTP 204 or an answer without a list: no appointments (some accounts answer 204).
		const read = bookingsProfile.readPage(response.body, bookingsProfile.maxPageSize, request);
		if (!read) return { rows: [], hasMore: false };
		const { workspaceId, serviceId, staffId } = this.o.scope;
		// Zoho documents no workspace filter, and may ignore the others: the scope is checked here.
		const differs = (row: IDataObject, key: string, wanted?: string) =>
			!!wanted && row[key] !== undefined && row[key] !== null && String(row[key]) !== wanted;
		const rows = read.records
			.filter(isJsonObject)
			.map((row) => row as IDataObject)
			.filter((row) => typeof row.booking_id === 'string' || typeof row.booking_id === 'number')
			.filter(
				(row) =>
					!differs(row, 'workspace_id', workspaceId) &&
					!differs(row, 'service_id', serviceId) &&
					!differs(row, 'staff_id', staffId),
			);
		return { rows, hasMore: read.hasMore };
	}

	private zoneOf(row: IDataObject): string {
		return isTimeZone(row.time_zone) ? row.time_zone : this.o.zone;
	}

	private record(row: IDataObject, since: number): AppointmentRecord {
		const id = String(row.booking_id);
		const fingerprint = fingerprintOf(this.o.event, row);
		const zone = this.zoneOf(row);
		const bookedAt = bookingsTime(row.booked_on, zone);
		const before = this.o.seenBefore[id];
		const json = withIsoDates(row);
		let emit: boolean;
		if (this.o.event === 'appointmentBooked') {
			// Booked before activation (or before Include Existing Records Since): not new, only
			// entering the window as its date comes closer. Without booked_on it counts as new.
			emit = bookedAt === undefined || bookedAt >= since - CLOCK_SKEW_MS;
		} else if (before) {
			emit = true;
			const previous = previousOf(before.f);
			if (previous) json.previous = previous;
		} else {
			// Not seen before (it entered the window, or was booked and changed between two polls):
			// a change only when Zoho says it was updated after it was booked, and after `since`.
			const updatedAt = bookingsTime(row.last_updated_time, zone);
			emit =
				updatedAt !== undefined &&
				updatedAt >= since - CLOCK_SKEW_MS &&
				(bookedAt === undefined || updatedAt > bookedAt + CREATION_SLACK_MS);
		}
		return { id, fingerprint, json, emit };
	}

	/** Bookings (and updates) from this time on are news: activation, or Include Existing's date. */
	private newsSince(since: number): number {
		const existing = this.o.existingSince;
		return existing !== undefined && existing < since ? existing : since;
	}

	async readPage(since: number, page: number) {
		if (page > MAX_WINDOW_PAGES) {
			throw new NodeOperationError(
				this.o.node,
				`The window holds more than ${MAX_WINDOW_PAGES * bookingsProfile.maxPageSize} appointments (page ${page} of fetchappointment); this trigger can follow at most ${MAX_WINDOW_PAGES} pages`,
				{
					description:
						'Shorten Look Back (Days) or Look Ahead (Days), or choose a service or staff member, so the window holds fewer appointments.',
				},
			);
		}
		const { rows, hasMore } = await this.rows(page);
		const from = this.newsSince(since);
		return { records: rows.map((row) => this.record(row, from)), hasMore };
	}

	wanted(record: ChangeRecord): boolean {
		return (record as AppointmentRecord).emit;
	}

	/**
	 * One recent appointment for the editor's "Fetch Test Event": of the window's first page (one
	 * call), the one booked last (Appointment Booked) or updated last (Appointment Changed).
	 */
	async sample(): Promise<ChangeRecord | undefined> {
		const { rows } = await this.rows(1);
		let best: { row: IDataObject; at: number } | undefined;
		for (const row of rows) {
			const zone = this.zoneOf(row);
			const at =
				(this.o.event === 'appointmentChanged'
					? bookingsTime(row.last_updated_time, zone)
					: undefined) ??
				bookingsTime(row.booked_on, zone) ??
				-Infinity;
			if (!best || at >= best.at) best = { row, at };
		}
		if (!best) return undefined;
		return {
			id: String(best.row.booking_id),
			fingerprint: fingerprintOf(this.o.event, best.row),
			json: withIsoDates(best.row),
		};
	}
}
