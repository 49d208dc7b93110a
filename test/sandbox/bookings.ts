/**
 * Zoho Bookings API v1 emulation, served on the API-gateway origin under `/bookings/v1/json/<endpoint>`.
 *
 * Envelopes: success `{"response":{"returnvalue":{...},"status":"success"}}`; failures either top-level
 * `{"response":{"status":"failure","errormessage":"..."}}` (validation) or nested inside a success
 * envelope `{"response":{"returnvalue":{"status":"failure","message":"..."},"status":"success"}}`
 * (slot/staff/booking-state problems). See README.md "Zoho Bookings v1" for the full contract.
 */
import { flatQuery } from './body';
import {
	DAY,
	MINUTE,
	convertWall,
	formatHm,
	formatIso,
	formatZohoDate,
	formatZohoDateTime,
	hmToMinutes,
	isValidTimeZone,
	parseZohoDateTime,
	startOfDay,
	utcToWall,
} from './bookingsTime';
import { serialize } from './json';
import { jsonReply, type RecordedRequest, type Reply } from './types';

export { formatZohoDate, formatZohoDateTime, parseZohoDateTime } from './bookingsTime';

export type BookingsQuotaStyle = 'failure200' | 'http429';
/** Stored appointment status (lower case on the wire). */
export type AppointmentStatus =
	| 'upcoming'
	| 'cancel'
	| 'completed'
	| 'noshow'
	| 'pending'
	| 'pending_payment'
	| 'payment_failure';
/** `status` filter values accepted by `fetchappointment`. */
export const FETCH_STATUSES = [
	'UPCOMING',
	'CANCEL',
	'ONGOING',
	'PENDING',
	'COMPLETED',
	'NO_SHOW',
	'PENDING_PAYMENT',
	'PAYMENT_FAILURE',
] as const;

export interface BookingsWorkspace {
	id: string;
	name: string;
	time_zone: string;
	[extra: string]: unknown;
}

export interface BookingsServiceDef {
	id: string;
	name: string;
	workspace_id: string;
	duration_minutes: number;
	price: number;
	currency: string;
	staff_ids: string[];
	resource_ids: string[];
	[extra: string]: unknown;
}

export interface WorkingHours {
	/** 0 = Sunday … 6 = Saturday. */
	working_days: number[];
	/** `HH:mm` in the workspace time zone. */
	start_hour: string;
	end_hour: string;
}

export interface BookingsStaff extends WorkingHours {
	id: string;
	name: string;
	email: string;
	designation: string;
	workspace_id: string;
	[extra: string]: unknown;
}

export interface BookingsResource extends WorkingHours {
	id: string;
	name: string;
	workspace_id: string;
	[extra: string]: unknown;
}

export interface StoredAppointment {
	booking_id: string;
	workspace_id: string;
	service_id: string;
	staff_id?: string;
	resource_id?: string;
	/** Wall-clock ms in the workspace time zone (see bookingsTime.ts). */
	start: number;
	end: number;
	/** `dd-MMM-yyyy HH:mm:ss` in the workspace time zone (kept in sync with start/end). */
	start_time: string;
	end_time: string;
	status: AppointmentStatus;
	customer_name: string;
	customer_email: string;
	customer_contact_no: string;
	customer_more_info: Record<string, unknown>;
	notes: string;
	customer_time_zone: string;
	booked_on: string;
	/**
	 * `dd-MMM-yyyy HH:mm:ss` in the workspace time zone: when the booking was last changed (booked,
	 * status, time, staff, notes). Assumption: the field and its format are seen only in third-party
	 * code that copies every fetchappointment field (research §3); Zoho does not document it.
	 */
	last_updated_time: string;
}

/** What `change()` may change on an appointment, as Zoho's UI or API would. */
export interface AppointmentChange {
	status?: AppointmentStatus;
	/** New start, `dd-MMM-yyyy HH:mm:ss` workspace time or an instant; the duration is kept. */
	start?: string | Date;
	staff_id?: string;
	notes?: string;
}

export interface DirectBooking {
	service_id?: string;
	staff_id?: string;
	resource_id?: string;
	/** `dd-MMM-yyyy HH:mm:ss` in the workspace time zone, or an instant. */
	start: string | Date;
	/** Resource bookings only; default start + service duration. */
	end?: string | Date;
	customer?: { name?: string; email?: string; phone_number?: string };
	status?: AppointmentStatus;
	notes?: string;
	additional_fields?: Record<string, unknown>;
	time_zone?: string;
}

/** Ids of the default seed data (stable across reset()). */
export const BOOKINGS_IDS = {
	workspace: '4387000000010001',
	services: { consultation: '4387000000020001', strategy: '4387000000020002' },
	staff: { asha: '4387000000030001', ravi: '4387000000030002', meera: '4387000000030003' },
	resource: '4387000000040001',
} as const;

export const BOOKINGS_TIME_ZONE = 'Asia/Kolkata';

export const QUOTA_MESSAGE =
	'API Limit exceeded. You have reached the maximum API calls limit for the day.';

const WEEKDAYS = [1, 2, 3, 4, 5];
const SLOT_STEP = 30 * MINUTE;
const NOT_BUSY: ReadonlySet<AppointmentStatus> = new Set(['cancel', 'payment_failure']);

type Params = Record<string, string>;

function defaultCatalog(): {
	workspaces: BookingsWorkspace[];
	services: BookingsServiceDef[];
	staff: BookingsStaff[];
	resources: BookingsResource[];
} {
	const ws = BOOKINGS_IDS.workspace;
	const hours = (): WorkingHours => ({
		working_days: [...WEEKDAYS],
		start_hour: '09:00',
		end_hour: '17:00',
	});
	const s = BOOKINGS_IDS.staff;
	return {
		workspaces: [{ id: ws, name: 'Sandbox Clinic', time_zone: BOOKINGS_TIME_ZONE }],
		services: [
			{
				id: BOOKINGS_IDS.services.consultation,
				name: 'Consultation',
				workspace_id: ws,
				duration_minutes: 30,
				price: 0,
				currency: 'INR',
				staff_ids: [s.asha, s.ravi, s.meera],
				resource_ids: [BOOKINGS_IDS.resource],
			},
			{
				id: BOOKINGS_IDS.services.strategy,
				name: 'Strategy Session',
				workspace_id: ws,
				duration_minutes: 60,
				price: 1500,
				currency: 'INR',
				staff_ids: [s.asha, s.ravi],
				resource_ids: [BOOKINGS_IDS.resource],
			},
		],
		staff: [
			{
				id: s.asha,
				name: 'Asha Rao',
				email: 'asha@sandbox.example',
				designation: 'Lead Consultant',
				workspace_id: ws,
				...hours(),
			},
			{
				id: s.ravi,
				name: 'Ravi Kumar',
				email: 'ravi@sandbox.example',
				designation: 'Consultant',
				workspace_id: ws,
				...hours(),
			},
			{
				id: s.meera,
				name: 'Meera Iyer',
				email: 'meera@sandbox.example',
				designation: 'Associate',
				workspace_id: ws,
				...hours(),
			},
		],
		resources: [
			{ id: BOOKINGS_IDS.resource, name: 'Meeting Room 1', workspace_id: ws, ...hours() },
		],
	};
}

/** Thrown by in-process helpers (`book`) on bad input. */
export class BookingsError extends Error {}

export class BookingsService {
	/** HTTP status for the "Invalid OAuth token" failure body. */
	invalidTokenStatus: 200 | 401 = 401;
	/** How an over-quota call is answered (UNCERTAIN: Zoho does not document it). */
	quotaStyle: BookingsQuotaStyle = 'failure200';
	/** HTTP status for a `fetchappointment` page with no rows (one client saw 204). */
	emptyFetchStatus: 200 | 204 = 200;
	/**
	 * Appointment fields left out of every answer. Variants of undocumented Zoho behaviour:
	 * `booked_on` and `last_updated_time` appear only in third-party code (research §3).
	 */
	omitFields = new Set<string>();
	/**
	 * `fetchappointment` filters this sandbox ignores (variant: Zoho ignoring a filter, e.g.
	 * `service_id`, `staff_id`; the sandbox honours all by default).
	 */
	fetchIgnores = new Set<string>();
	/** Largest `per_page` served (assumption: 100, Maton's figure; variant: 50, Zoho's default). */
	maxPerPage = 100;
	workspaces: BookingsWorkspace[] = [];
	services: BookingsServiceDef[] = [];
	staff: BookingsStaff[] = [];
	resources: BookingsResource[] = [];
	appointments: StoredAppointment[] = [];
	/** Bookings calls counted today (authenticated calls, including failed and unknown endpoints). */
	callsToday = 0;
	/** All counted calls since reset (not reset at midnight). */
	totalCalls = 0;
	private dailyLimit: number | undefined;
	private dayKey = '';
	private seq = 0;
	private clock: () => Date = () => new Date();

	/**
	 * When true, a valid token whose scope names no `zohobookings.` scope is refused with HTTP 401
	 * "Invalid oauthscope". Assumption: Zoho's Bookings answer to a missing scope is not documented
	 * (status and words UNCERTAIN; other Zoho APIs answer "Invalid oauthscope" with HTTP 401).
	 */
	enforceScopes = false;
	/** The scope of the token in an Authorization header (wired by startSandbox). */
	scopeOf: (authHeader: string | undefined) => string | undefined = () => undefined;

	constructor(private isValidToken: (authHeader: string | undefined) => boolean) {
		this.reset();
	}

	reset(): void {
		this.invalidTokenStatus = 401;
		this.enforceScopes = false;
		this.quotaStyle = 'failure200';
		this.emptyFetchStatus = 200;
		this.omitFields = new Set();
		this.fetchIgnores = new Set();
		this.maxPerPage = 100;
		this.dailyLimit = undefined;
		this.callsToday = 0;
		this.totalCalls = 0;
		this.dayKey = '';
		this.clock = () => new Date();
		this.seed();
	}

	/**
	 * Adds catalog entries (test setup only: Zoho Bookings has no API for it), e.g. a second workspace
	 * with its own service and staff. Omitted fields take the seed catalog's defaults (Mon–Fri
	 * 09:00–17:00, 30 min, price 0 INR). Ids must be new; referenced workspaces, staff and resources
	 * must exist. `reset()` / `seed()` restore the default catalog. Returns the catalog's sizes.
	 */
	addToCatalog(add: {
		workspaces?: Array<Partial<BookingsWorkspace>>;
		staff?: Array<Partial<BookingsStaff>>;
		resources?: Array<Partial<BookingsResource>>;
		services?: Array<Partial<BookingsServiceDef>>;
	}): Record<string, number> {
		const taken = new Set(
			[...this.workspaces, ...this.services, ...this.staff, ...this.resources].map((x) => x.id),
		);
		const base = (
			x: { id?: unknown; name?: unknown },
			kind: string,
		): { id: string; name: string } => {
			if (typeof x.id !== 'string' || !x.id || typeof x.name !== 'string' || !x.name)
				throw new BookingsError(`${kind}: id and name (strings) are required`);
			if (taken.has(x.id)) throw new BookingsError(`${kind}: id ${x.id} exists`);
			taken.add(x.id);
			return { id: x.id, name: x.name };
		};
		const inWorkspace = (x: { workspace_id?: unknown }, kind: string): string => {
			const ws = String(x.workspace_id ?? '');
			if (!this.workspaces.some((w) => w.id === ws))
				throw new BookingsError(`${kind}: unknown workspace_id ${ws}`);
			return ws;
		};
		const hours = (): WorkingHours => ({
			working_days: [...WEEKDAYS],
			start_hour: '09:00',
			end_hour: '17:00',
		});
		for (const w of add.workspaces ?? [])
			this.workspaces.push({ time_zone: BOOKINGS_TIME_ZONE, ...w, ...base(w, 'workspace') });
		for (const s of add.staff ?? [])
			this.staff.push({
				...hours(),
				email: '',
				designation: '',
				...s,
				...base(s, 'staff'),
				workspace_id: inWorkspace(s, 'staff'),
			});
		for (const r of add.resources ?? [])
			this.resources.push({
				...hours(),
				...r,
				...base(r, 'resource'),
				workspace_id: inWorkspace(r, 'resource'),
			});
		for (const s of add.services ?? []) {
			const staffIds = s.staff_ids ?? [];
			const resourceIds = s.resource_ids ?? [];
			for (const id of staffIds)
				if (!this.staff.some((x) => x.id === id))
					throw new BookingsError(`service: unknown staff ${id}`);
			for (const id of resourceIds)
				if (!this.resources.some((x) => x.id === id))
					throw new BookingsError(`service: unknown resource ${id}`);
			this.services.push({
				duration_minutes: 30,
				price: 0,
				currency: 'INR',
				...s,
				...base(s, 'service'),
				workspace_id: inWorkspace(s, 'service'),
				staff_ids: [...staffIds],
				resource_ids: [...resourceIds],
			});
		}
		return {
			workspaces: this.workspaces.length,
			services: this.services.length,
			staff: this.staff.length,
			resources: this.resources.length,
		};
	}

	/**
	 * Restores the default catalog (1 workspace, 2 services, 3 staff, 1 resource; Mon–Fri 09:00–17:00
	 * Asia/Kolkata), clears appointments and restarts booking ids at #AN-00001. With `appointments: n`,
	 * books n demo appointments on the next working days (from the sandbox clock), 10:00 onwards.
	 */
	seed(o: { appointments?: number } = {}): StoredAppointment[] {
		const c = defaultCatalog();
		this.workspaces = c.workspaces;
		this.services = c.services;
		this.staff = c.staff;
		this.resources = c.resources;
		this.appointments = [];
		this.seq = 0;
		const made: StoredAppointment[] = [];
		let day = startOfDay(this.wallNow()) + DAY;
		for (let i = 0; i < (o.appointments ?? 0); i++) {
			while (!WEEKDAYS.includes(new Date(day).getUTCDay())) day += DAY;
			const staff = this.staff[i % this.staff.length];
			made.push(
				this.book({
					service_id: BOOKINGS_IDS.services.consultation,
					staff_id: staff.id,
					start: formatZohoDateTime(
						day + (10 * 60 + 30 * Math.floor(i / this.staff.length)) * MINUTE,
					),
					customer: {
						name: `Customer ${i + 1}`,
						email: `customer${i + 1}@example.com`,
						phone_number: `+9198765${String(i + 1).padStart(5, '0')}`,
					},
				}),
			);
		}
		return made;
	}

	/** Replaces the clock used for "now" (past slots, status rules, ONGOING, quota day); undefined = real time. */
	setClock(clock?: () => Date): void {
		this.clock = clock ?? (() => new Date());
	}

	/** Daily call limit for the (single) sandbox user; undefined/null/0 switches it off. Resets today's count. */
	setDailyLimit(n?: number | null): void {
		this.dailyLimit = n ? n : undefined;
		this.callsToday = 0;
		this.dayKey = this.todayKey();
	}

	get limit(): number | undefined {
		return this.dailyLimit;
	}

	get timeZone(): string {
		return this.workspaces[0]?.time_zone ?? BOOKINGS_TIME_ZONE;
	}

	/** Now, as a wall time in the workspace time zone. */
	wallNow(): number {
		return utcToWall(this.clock().getTime(), this.timeZone);
	}

	get(bookingId: string): StoredAppointment | undefined {
		return this.appointments.find((a) => a.booking_id === bookingId);
	}

	/** Wire form of an appointment, as getappointment returns it. */
	wire(a: StoredAppointment, moreInfo = true): Record<string, unknown> {
		const svc = this.services.find((s) => s.id === a.service_id);
		const staff = a.staff_id ? this.staff.find((s) => s.id === a.staff_id) : undefined;
		const res = a.resource_id ? this.resources.find((r) => r.id === a.resource_id) : undefined;
		const ws = this.workspaces.find((w) => w.id === a.workspace_id);
		const tz = ws?.time_zone ?? this.timeZone;
		const custStart = convertWall(a.start, tz, a.customer_time_zone);
		const minutes = Math.round((a.end - a.start) / MINUTE);
		const out: Record<string, unknown> = {
			booking_id: a.booking_id,
			status: a.status,
			workspace_id: a.workspace_id,
			workspace_name: ws?.name,
			service_id: a.service_id,
			service_name: svc?.name,
			staff_id: a.staff_id,
			staff_name: staff?.name,
			staff_email: staff?.email,
			resource_id: a.resource_id,
			resource_name: res?.name,
			customer_name: a.customer_name,
			customer_email: a.customer_email,
			customer_contact_no: a.customer_contact_no,
			customer_more_info: moreInfo ? a.customer_more_info : undefined,
			start_time: a.start_time,
			end_time: a.end_time,
			iso_start_time: formatIso(a.start, tz),
			iso_end_time: formatIso(a.end, tz),
			duration: `${minutes} mins`,
			time_zone: tz,
			customer_booking_start_time: formatZohoDateTime(custStart),
			customer_booking_time_zone: a.customer_time_zone,
			booked_on: a.booked_on,
			last_updated_time: a.last_updated_time,
			notes: a.notes,
			cost: (svc?.price ?? 0).toFixed(2),
			cost_paid: '0.00',
			currency: svc?.currency ?? 'INR',
			payment_status: (svc?.price ?? 0) > 0 ? 'unpaid' : 'free',
			summary_url: `https://bookings.zoho.com/portal-embed#/summary/${encodeURIComponent(a.booking_id)}`,
		};
		for (const key of this.omitFields) delete out[key];
		return out;
	}

	/**
	 * Changes an appointment directly (no HTTP, no quota, no state rules), as a user in Zoho's web
	 * UI would, and stamps `last_updated_time` with the sandbox clock. Throws BookingsError for an
	 * unknown booking, staff or time.
	 */
	change(bookingId: string, c: AppointmentChange): StoredAppointment {
		const a = this.get(bookingId);
		if (!a) throw new BookingsError(`unknown booking ${bookingId}`);
		if (c.start !== undefined) {
			const tz = this.workspaces.find((w) => w.id === a.workspace_id)?.time_zone ?? this.timeZone;
			const start =
				c.start instanceof Date ? utcToWall(c.start.getTime(), tz) : parseZohoDateTime(c.start);
			if (start === undefined || Number.isNaN(start))
				throw new BookingsError(`bad start: ${String(c.start)}`);
			this.setTimes(a, start, start + (a.end - a.start));
		}
		if (c.staff_id !== undefined) {
			if (!this.staff.some((s) => s.id === c.staff_id))
				throw new BookingsError(`unknown staff ${c.staff_id}`);
			a.staff_id = c.staff_id;
		}
		if (c.status !== undefined) a.status = c.status;
		if (c.notes !== undefined) a.notes = c.notes;
		this.touch(a);
		return a;
	}

	/**
	 * Books directly (no HTTP, no quota, no availability/past check — use it to seed past or clashing
	 * appointments). Throws BookingsError for unknown service/staff/resource or bad times.
	 */
	book(o: DirectBooking): StoredAppointment {
		const svc = this.services.find((s) => s.id === (o.service_id ?? this.services[0]?.id));
		if (!svc) throw new BookingsError(`unknown service ${String(o.service_id)}`);
		const tz = this.workspaceOf(svc).time_zone;
		const toWall = (v: string | Date, name: string): number => {
			const w = v instanceof Date ? utcToWall(v.getTime(), tz) : parseZohoDateTime(v);
			if (w === undefined || Number.isNaN(w)) throw new BookingsError(`bad ${name}: ${String(v)}`);
			return w;
		};
		const start = toWall(o.start, 'start');
		let staffId: string | undefined;
		let resourceId: string | undefined;
		if (o.resource_id) {
			if (!this.resources.some((r) => r.id === o.resource_id))
				throw new BookingsError(`unknown resource ${o.resource_id}`);
			resourceId = o.resource_id;
		} else {
			staffId = o.staff_id ?? svc.staff_ids[0];
			if (!this.staff.some((s) => s.id === staffId))
				throw new BookingsError(`unknown staff ${String(staffId)}`);
		}
		const end = o.end !== undefined ? toWall(o.end, 'end') : start + svc.duration_minutes * MINUTE;
		if (end <= start) throw new BookingsError('end must be after start');
		const n = this.appointments.length + 1;
		return this.store({
			svc,
			staffId,
			resourceId,
			start,
			end,
			status: o.status ?? 'upcoming',
			customer: {
				name: o.customer?.name ?? `Customer ${n}`,
				email: o.customer?.email ?? `customer${n}@example.com`,
				phone_number: o.customer?.phone_number ?? '',
			},
			notes: o.notes ?? '',
			more: o.additional_fields ?? {},
			customerTz: o.time_zone ?? tz,
		});
	}

	/** Open slot start times (`HH:mm`) for a service with a staff member or resource on a day (`dd-MMM-yyyy`). */
	availableSlots(
		serviceId: string,
		target: { staff_id?: string; resource_id?: string },
		date: string,
	): string[] {
		const svc = this.services.find((s) => s.id === serviceId);
		const day = parseZohoDateTime(date, true);
		if (!svc || day === undefined) return [];
		const t = target.resource_id
			? ({ kind: 'resource', id: target.resource_id } as const)
			: ({ kind: 'staff', id: target.staff_id ?? '' } as const);
		return this.slots(svc, t, day).map(formatHm);
	}

	// ------------------------------------------------------------------ HTTP

	handle(r: RecordedRequest): Reply {
		const base = '/bookings/v1/json/';
		if (!r.path.startsWith(base)) return this.fail('Invalid URL', 404);
		if (!this.isValidToken(r.headers.authorization))
			return this.fail('Invalid OAuth token', this.invalidTokenStatus);
		if (
			this.enforceScopes &&
			!/(^|[,\s])zohobookings\./i.test(this.scopeOf(r.headers.authorization) ?? '')
		) {
			return this.fail('Invalid oauthscope', 401);
		}
		const over = this.countCall();
		if (over) return over;
		const endpoint = r.path.slice(base.length).replace(/\/+$/, '').toLowerCase();
		const p: Params = { ...flatQuery(r.query), ...(r.form ?? {}) };
		const reads: Record<string, (p: Params) => Reply> = {
			workspaces: (x) => this.listWorkspaces(x),
			services: (x) => this.listServices(x),
			staffs: (x) => this.listStaff(x),
			resources: (x) => this.listResources(x),
			availableslots: (x) => this.availableSlotsRoute(x),
			getappointment: (x) => this.getAppointment(x),
		};
		const writes: Record<string, (p: Params) => Reply> = {
			appointment: (x) => this.bookRoute(x),
			fetchappointment: (x) => this.fetchRoute(x, r),
			updateappointment: (x) => this.updateRoute(x),
			rescheduleappointment: (x) => this.rescheduleRoute(x),
		};
		if (reads[endpoint])
			return r.method === 'GET'
				? reads[endpoint](p)
				: this.fail(`Method ${r.method} not allowed. Use GET`, 405);
		if (writes[endpoint])
			return r.method === 'POST'
				? writes[endpoint](p)
				: this.fail(`Method ${r.method} not allowed. Use POST`, 405);
		return this.fail('Invalid URL', 404);
	}

	private todayKey(): string {
		return formatZohoDate(this.wallNow());
	}

	/** Counts the call; answers the quota failure (counting nothing, changing nothing) when over the limit. */
	private countCall(): Reply | undefined {
		const key = this.todayKey();
		if (key !== this.dayKey) {
			this.dayKey = key;
			this.callsToday = 0;
		}
		if (this.dailyLimit !== undefined && this.callsToday >= this.dailyLimit) {
			return this.fail(QUOTA_MESSAGE, this.quotaStyle === 'http429' ? 429 : 200);
		}
		this.callsToday += 1;
		this.totalCalls += 1;
		return undefined;
	}

	private reply(status: number, response: Record<string, unknown>): Reply {
		return jsonReply(status, serialize({ response }));
	}

	private ok(returnvalue: unknown): Reply {
		return this.reply(200, { returnvalue, status: 'success' });
	}

	/** Top-level failure. */
	private fail(message: string, status = 200): Reply {
		return this.reply(status, { status: 'failure', errormessage: message });
	}

	/** Nested failure inside a success envelope. */
	private nested(message: string): Reply {
		return this.ok({ status: 'failure', message });
	}

	private workspaceOf(svc: BookingsServiceDef): BookingsWorkspace {
		return (
			this.workspaces.find((w) => w.id === svc.workspace_id) ?? {
				id: svc.workspace_id,
				name: '',
				time_zone: this.timeZone,
			}
		);
	}

	// ------------------------------------------------------------------ catalog reads

	private listWorkspaces(p: Params): Reply {
		let rows = this.workspaces;
		if (p.workspace_id) {
			rows = rows.filter((w) => w.id === p.workspace_id);
			if (!rows.length) return this.fail('Invalid workspace_id');
		}
		return this.ok({
			data: rows.map((w) => ({
				...w,
				embed_url: `https://bookings.zoho.com/portal-embed#/workspace/${w.id}`,
			})),
		});
	}

	private listServices(p: Params): Reply {
		let rows = this.services;
		if (p.workspace_id) {
			if (!this.workspaces.some((w) => w.id === p.workspace_id))
				return this.fail('Invalid workspace_id');
			rows = rows.filter((s) => s.workspace_id === p.workspace_id);
		}
		if (p.service_id) {
			rows = rows.filter((s) => s.id === p.service_id);
			if (!rows.length) return this.fail('Invalid service_id');
		}
		if (p.staff_id) {
			if (!this.staff.some((s) => s.id === p.staff_id)) return this.fail('Invalid staff_id');
			rows = rows.filter((s) => s.staff_ids.includes(p.staff_id));
		}
		return this.ok({
			data: rows.map((s) => ({
				id: s.id,
				name: s.name,
				duration: `${s.duration_minutes} mins`,
				service_type: 'APPOINTMENT',
				price: s.price,
				currency: s.currency,
				workspace_id: s.workspace_id,
				assigned_staffs: [...s.staff_ids],
				assigned_resources: [...s.resource_ids],
				let_customer_select_staff: true,
				embed_url: `https://bookings.zoho.com/portal-embed#/service/${s.id}`,
			})),
		});
	}

	private staffWire(s: BookingsStaff): Record<string, unknown> {
		return {
			id: s.id,
			name: s.name,
			email: s.email,
			designation: s.designation,
			workspace_id: s.workspace_id,
			assigned_services: this.services.filter((x) => x.staff_ids.includes(s.id)).map((x) => x.id),
			working_days: s.working_days,
			working_hours: { start: s.start_hour, end: s.end_hour },
			embed_url: `https://bookings.zoho.com/portal-embed#/staff/${s.id}`,
		};
	}

	private listStaff(p: Params): Reply {
		let rows = this.staff;
		if (p.workspace_id) {
			if (!this.workspaces.some((w) => w.id === p.workspace_id))
				return this.fail('Invalid workspace_id');
			rows = rows.filter((s) => s.workspace_id === p.workspace_id);
		}
		if (p.service_id) {
			const svc = this.services.find((s) => s.id === p.service_id);
			if (!svc) return this.fail('Invalid service_id');
			rows = rows.filter((s) => svc.staff_ids.includes(s.id));
		}
		if (p.staff_id) {
			rows = rows.filter((s) => s.id === p.staff_id);
			if (!rows.length) return this.fail('Invalid staff_id');
		}
		if (p.staff_email) {
			rows = rows.filter((s) => s.email.toLowerCase() === p.staff_email.toLowerCase());
			if (!rows.length) return this.fail('Invalid staff_email');
		}
		return this.ok({ data: rows.map((s) => this.staffWire(s)) });
	}

	private listResources(p: Params): Reply {
		let rows = this.resources;
		if (p.service_id) {
			const svc = this.services.find((s) => s.id === p.service_id);
			if (!svc) return this.fail('Invalid service_id');
			rows = rows.filter((r) => svc.resource_ids.includes(r.id));
		}
		if (p.resource_id) {
			rows = rows.filter((r) => r.id === p.resource_id);
			if (!rows.length) return this.fail('Invalid resource_id');
		}
		return this.ok({
			data: rows.map((r) => ({
				id: r.id,
				name: r.name,
				workspace_id: r.workspace_id,
				assigned_services: this.services
					.filter((x) => x.resource_ids.includes(r.id))
					.map((x) => x.id),
			})),
		});
	}

	// ------------------------------------------------------------------ availability

	private busy(kind: 'staff' | 'resource', id: string, exclude?: string): StoredAppointment[] {
		return this.appointments.filter(
			(a) =>
				!NOT_BUSY.has(a.status) &&
				a.booking_id !== exclude &&
				(kind === 'staff' ? a.staff_id === id : a.resource_id === id),
		);
	}

	private hoursOf(kind: 'staff' | 'resource', id: string): WorkingHours | undefined {
		return kind === 'staff'
			? this.staff.find((s) => s.id === id)
			: this.resources.find((r) => r.id === id);
	}

	/** Open slot starts (wall ms) on `day` (wall midnight), every 30 min, minus past and booked ones. */
	private slots(
		svc: BookingsServiceDef,
		t: { kind: 'staff' | 'resource'; id: string },
		day: number,
		exclude?: string,
	): number[] {
		const h = this.hoursOf(t.kind, t.id);
		if (!h || !h.working_days.includes(new Date(day).getUTCDay())) return [];
		const open = day + hmToMinutes(h.start_hour) * MINUTE;
		const close = day + hmToMinutes(h.end_hour) * MINUTE;
		const dur = svc.duration_minutes * MINUTE;
		const now = this.wallNow();
		const busy = this.busy(t.kind, t.id, exclude);
		const out: number[] = [];
		for (let s = open; s + dur <= close; s += SLOT_STEP) {
			if (s < now) continue;
			if (busy.some((a) => a.start < s + dur && s < a.end)) continue;
			out.push(s);
		}
		return out;
	}

	/** Free interval check for resource bookings (any start, within hours, not past, no overlap). */
	private intervalFree(
		kind: 'staff' | 'resource',
		id: string,
		start: number,
		end: number,
		exclude?: string,
	): boolean {
		const h = this.hoursOf(kind, id);
		const day = startOfDay(start);
		if (!h || startOfDay(end - 1) !== day || !h.working_days.includes(new Date(day).getUTCDay()))
			return false;
		if (
			start < day + hmToMinutes(h.start_hour) * MINUTE ||
			end > day + hmToMinutes(h.end_hour) * MINUTE
		)
			return false;
		if (start < this.wallNow()) return false;
		return !this.busy(kind, id, exclude).some((a) => a.start < end && start < a.end);
	}

	private slotFree(
		svc: BookingsServiceDef,
		t: { kind: 'staff' | 'resource'; id: string },
		start: number,
		end: number,
		exclude?: string,
	): boolean {
		if (t.kind === 'resource') return this.intervalFree('resource', t.id, start, end, exclude);
		return (
			end - start === svc.duration_minutes * MINUTE &&
			this.slots(svc, t, startOfDay(start), exclude).includes(start)
		);
	}

	private availableSlotsRoute(p: Params): Reply {
		if (!p.service_id) return this.fail('service_id is mandatory');
		const svc = this.services.find((s) => s.id === p.service_id);
		if (!svc) return this.fail('Invalid service_id');
		if (!p.selected_date) return this.fail('selected_date is mandatory');
		const day = parseZohoDateTime(p.selected_date, true);
		if (day === undefined) return this.fail('Invalid selected_date. Expected format dd-MMM-yyyy');
		let t: { kind: 'staff' | 'resource'; id: string };
		if (p.staff_id) {
			if (!this.staff.some((s) => s.id === p.staff_id)) return this.fail('Invalid staff_id');
			if (!svc.staff_ids.includes(p.staff_id))
				return this.fail('Staff is not assigned to this service');
			t = { kind: 'staff', id: p.staff_id };
		} else if (p.resource_id) {
			if (!this.resources.some((r) => r.id === p.resource_id))
				return this.fail('Invalid resource_id');
			if (!svc.resource_ids.includes(p.resource_id))
				return this.fail('Resource is not assigned to this service');
			t = { kind: 'resource', id: p.resource_id };
		} else if (p.group_id) {
			return this.fail('Invalid group_id');
		} else {
			return this.fail('Any one of staff_id, resource_id or group_id is mandatory');
		}
		const slots = this.slots(svc, t, day).map(formatHm);
		return this.ok(
			slots.length
				? { reponse: true, data: slots }
				: { reponse: false, data: 'Slots Not Available' },
		);
	}

	// ------------------------------------------------------------------ appointments

	private store(o: {
		svc: BookingsServiceDef;
		staffId?: string;
		resourceId?: string;
		start: number;
		end: number;
		status: AppointmentStatus;
		customer: { name: string; email: string; phone_number: string };
		notes: string;
		more: Record<string, unknown>;
		customerTz: string;
	}): StoredAppointment {
		this.seq += 1;
		const a: StoredAppointment = {
			booking_id: `#AN-${String(this.seq).padStart(5, '0')}`,
			workspace_id: o.svc.workspace_id,
			service_id: o.svc.id,
			staff_id: o.staffId,
			resource_id: o.resourceId,
			start: o.start,
			end: o.end,
			start_time: formatZohoDateTime(o.start),
			end_time: formatZohoDateTime(o.end),
			status: o.status,
			customer_name: o.customer.name,
			customer_email: o.customer.email,
			customer_contact_no: o.customer.phone_number,
			customer_more_info: o.more,
			notes: o.notes,
			customer_time_zone: o.customerTz,
			booked_on: formatZohoDateTime(this.wallNow()),
			last_updated_time: formatZohoDateTime(this.wallNow()),
		};
		this.appointments.push(a);
		return a;
	}

	private setTimes(a: StoredAppointment, start: number, end: number): void {
		a.start = start;
		a.end = end;
		a.start_time = formatZohoDateTime(start);
		a.end_time = formatZohoDateTime(end);
	}

	/** Stamps `last_updated_time` with the sandbox clock (assumption: every change does). */
	private touch(a: StoredAppointment): void {
		a.last_updated_time = formatZohoDateTime(this.wallNow());
	}

	private parseJsonObject(text: string): Record<string, unknown> | undefined {
		try {
			const v: unknown = JSON.parse(text);
			return typeof v === 'object' && v !== null && !Array.isArray(v)
				? (v as Record<string, unknown>)
				: undefined;
		} catch {
			return undefined;
		}
	}

	private bookRoute(p: Params): Reply {
		// Validation problems: top-level failure.
		if (!p.service_id) return this.fail('service_id is mandatory');
		const svc = this.services.find((s) => s.id === p.service_id);
		if (!svc) return this.fail('Invalid service_id');
		if (!p.from_time) return this.fail('from_time is mandatory');
		const tz = this.workspaceOf(svc).time_zone;
		const customerTz = p.timezone || p.time_zone || tz;
		if (!isValidTimeZone(customerTz)) return this.fail('Invalid timezone');
		const from = parseZohoDateTime(p.from_time);
		if (from === undefined)
			return this.fail('Invalid from_time. Expected format dd-MMM-yyyy HH:mm:ss');
		let to: number | undefined;
		if (p.to_time) {
			to = parseZohoDateTime(p.to_time);
			if (to === undefined)
				return this.fail('Invalid to_time. Expected format dd-MMM-yyyy HH:mm:ss');
		}
		if (!p.customer_details) return this.fail('customer_details is mandatory');
		const cust = this.parseJsonObject(p.customer_details);
		if (!cust) return this.fail('Invalid customer_details. Expected a JSON object');
		const name = typeof cust.name === 'string' ? cust.name.trim() : '';
		const email = typeof cust.email === 'string' ? cust.email.trim() : '';
		if (!name) return this.fail('Customer name is mandatory');
		if (!email) return this.fail('Customer email is mandatory');
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return this.fail('Invalid customer email');
		let more: Record<string, unknown> = {};
		if (p.additional_fields) {
			const parsed = this.parseJsonObject(p.additional_fields);
			if (!parsed) return this.fail('Invalid additional_fields. Expected a JSON object');
			more = parsed;
		}
		if (!p.staff_id && !p.resource_id && !p.group_id)
			return this.fail('Any one of staff_id, resource_id or group_id is mandatory');
		// Slot/staff problems: nested failure.
		const start = convertWall(from, customerTz, tz);
		let t: { kind: 'staff' | 'resource'; id: string };
		let end: number;
		if (p.staff_id) {
			if (!this.staff.some((s) => s.id === p.staff_id)) return this.nested('Invalid staff');
			if (!svc.staff_ids.includes(p.staff_id))
				return this.nested('Staff is not assigned to this service');
			t = { kind: 'staff', id: p.staff_id };
			end = start + svc.duration_minutes * MINUTE;
		} else if (p.resource_id) {
			if (!this.resources.some((r) => r.id === p.resource_id))
				return this.nested('Invalid resource');
			if (!svc.resource_ids.includes(p.resource_id))
				return this.nested('Resource is not assigned to this service');
			t = { kind: 'resource', id: p.resource_id };
			end =
				to !== undefined ? convertWall(to, customerTz, tz) : start + svc.duration_minutes * MINUTE;
			if (end <= start) return this.fail('to_time must be after from_time');
		} else {
			return this.nested('Invalid group');
		}
		if (!this.slotFree(svc, t, start, end)) return this.nested('Slot not available');
		const phone = cust.phone_number ?? cust.phone;
		const a = this.store({
			svc,
			staffId: t.kind === 'staff' ? t.id : undefined,
			resourceId: t.kind === 'resource' ? t.id : undefined,
			start,
			end,
			status: 'upcoming',
			customer: { name, email, phone_number: phone === undefined ? '' : String(phone) },
			notes: p.notes ?? '',
			more,
			customerTz,
		});
		return this.ok(this.wire(a));
	}

	private getAppointment(p: Params): Reply {
		if (!p.booking_id) return this.fail('booking_id is mandatory');
		const a = this.get(p.booking_id);
		if (!a) return this.fail('Invalid booking_id');
		return this.ok(this.wire(a));
	}

	private fetchRoute(p: Params, r: RecordedRequest): Reply {
		const f: Record<string, unknown> = { ...p };
		if (!r.form && r.body && typeof r.body === 'object' && !Array.isArray(r.body))
			Object.assign(f, r.body);
		if (f.data !== undefined) {
			const parsed =
				typeof f.data === 'object' && f.data !== null
					? (f.data as Record<string, unknown>)
					: this.parseJsonObject(String(f.data));
			if (!parsed) return this.fail('Invalid data. Expected a JSON object');
			delete f.data;
			Object.assign(f, parsed);
		}
		const s = (k: string): string | undefined =>
			f[k] === undefined || f[k] === null || f[k] === '' || this.fetchIgnores.has(k)
				? undefined
				: String(f[k]);
		const tz = this.timeZone;
		let from: number | undefined;
		let to: number | undefined;
		if (s('from_time')) {
			from = parseZohoDateTime(s('from_time'));
			if (from === undefined)
				return this.fail('Invalid from_time. Expected format dd-MMM-yyyy HH:mm:ss');
		}
		if (s('to_time')) {
			to = parseZohoDateTime(s('to_time'));
			if (to === undefined)
				return this.fail('Invalid to_time. Expected format dd-MMM-yyyy HH:mm:ss');
		}
		const page = s('page') === undefined ? 1 : Number(s('page'));
		if (!Number.isInteger(page) || page < 1) return this.fail('Invalid page');
		let perPage = s('per_page') === undefined ? 50 : Number(s('per_page'));
		if (!Number.isInteger(perPage) || perPage < 1) return this.fail('Invalid per_page');
		perPage = Math.min(perPage, this.maxPerPage);
		const status = s('status')?.toUpperCase();
		if (status !== undefined && !(FETCH_STATUSES as readonly string[]).includes(status))
			return this.fail('Invalid status');
		const now = this.wallNow();
		const contains = (v: string, k: string): boolean => {
			const needle = s(k);
			return needle === undefined || v.toLowerCase().includes(needle.toLowerCase());
		};
		const rows = this.appointments
			.filter((a) => {
				const ws = this.workspaces.find((w) => w.id === a.workspace_id);
				const start = convertWall(a.start, ws?.time_zone ?? tz, tz);
				if (from !== undefined && start < from) return false;
				if (to !== undefined && start > to) return false;
				if (s('service_id') && a.service_id !== s('service_id')) return false;
				if (s('staff_id') && a.staff_id !== s('staff_id')) return false;
				if (s('resource_id') && a.resource_id !== s('resource_id')) return false;
				if (s('workspace_id') && a.workspace_id !== s('workspace_id')) return false;
				if (
					!contains(a.customer_name, 'customer_name') ||
					!contains(a.customer_email, 'customer_email')
				)
					return false;
				if (
					!contains(a.customer_contact_no, 'customer_phone_number') ||
					!contains(a.customer_contact_no, 'customer_phone')
				)
					return false;
				if (status !== undefined && !this.statusMatches(a, status, now)) return false;
				return true;
			})
			.sort((x, y) => x.start - y.start || x.booking_id.localeCompare(y.booking_id));
		const slice = rows.slice((page - 1) * perPage, page * perPage);
		if (slice.length === 0 && this.emptyFetchStatus === 204) return { status: 204, body: '' };
		const more = s('need_customer_more_info') === 'true';
		return this.ok({
			response: slice.map((a) => this.wire(a, more)),
			next_page_available: rows.length > page * perPage,
			page,
		});
	}

	private statusMatches(a: StoredAppointment, status: string, now: number): boolean {
		switch (status) {
			case 'ONGOING':
				return a.status === 'upcoming' && a.start <= now && now < a.end;
			case 'NO_SHOW':
				return a.status === 'noshow';
			default:
				return a.status === status.toLowerCase();
		}
	}

	private updateRoute(p: Params): Reply {
		if (!p.booking_id) return this.fail('booking_id is mandatory');
		if (!p.action) return this.fail('action is mandatory');
		const action = p.action.toLowerCase();
		if (!['completed', 'cancel', 'noshow'].includes(action))
			return this.fail('Invalid action. Allowed values: completed, cancel, noshow');
		const a = this.get(p.booking_id);
		if (!a) return this.nested('Invalid booking_id');
		if (action === 'cancel') {
			if (a.status !== 'upcoming')
				return this.nested(
					`Only upcoming appointments can be cancelled; this appointment is ${a.status}`,
				);
			a.status = 'cancel';
			this.touch(a);
			return this.ok(this.wire(a));
		}
		if (a.status === 'cancel')
			return this.nested(`A cancelled appointment cannot be marked as ${action}`);
		if (!['upcoming', 'completed', 'noshow'].includes(a.status)) {
			return this.nested(`An appointment in status ${a.status} cannot be marked as ${action}`);
		}
		if (this.wallNow() < a.start) {
			return this.nested(
				`The appointment can be marked as ${action} only after its start time (${a.start_time})`,
			);
		}
		a.status = action as AppointmentStatus;
		this.touch(a);
		return this.ok(this.wire(a));
	}

	private rescheduleRoute(p: Params): Reply {
		if (!p.booking_id) return this.fail('booking_id is mandatory');
		if (!p.staff_id && !p.start_time && !p.group_id)
			return this.nested('Any one of staff_id, group_id or start_time is mandatory');
		const a = this.get(p.booking_id);
		if (!a) return this.nested('Invalid booking_id');
		if (a.status !== 'upcoming')
			return this.nested(
				`Only upcoming appointments can be rescheduled; this appointment is ${a.status}`,
			);
		if (p.group_id && !p.staff_id) return this.nested('Invalid group');
		const svc = this.services.find((s) => s.id === a.service_id);
		if (!svc) return this.nested('Invalid service');
		let start = a.start;
		if (p.start_time) {
			const w = parseZohoDateTime(p.start_time);
			if (w === undefined)
				return this.nested('Invalid start_time. Expected format dd-MMM-yyyy HH:mm:ss');
			start = w;
		}
		const end = start + (a.end - a.start);
		let t: { kind: 'staff' | 'resource'; id: string };
		if (p.staff_id) {
			if (a.resource_id) return this.nested('Staff cannot be assigned to a resource booking');
			if (!this.staff.some((s) => s.id === p.staff_id)) return this.nested('Invalid staff');
			if (!svc.staff_ids.includes(p.staff_id))
				return this.nested('Staff is not assigned to this service');
			t = { kind: 'staff', id: p.staff_id };
		} else if (a.resource_id) {
			t = { kind: 'resource', id: a.resource_id };
		} else {
			t = { kind: 'staff', id: a.staff_id ?? '' };
		}
		if (!this.slotFree(svc, t, start, end, a.booking_id)) return this.nested('Slot not available');
		this.setTimes(a, start, end);
		if (t.kind === 'staff') a.staff_id = t.id;
		this.touch(a);
		return this.ok(this.wire(a));
	}
}

/**
 * Bookings commands of the control API (`/__sandbox/bookings-*` on the accounts port).
 * Returns undefined for commands that are not Bookings commands.
 */
export function bookingsControl(
	svc: BookingsService,
	method: string,
	cmd: string,
	b: Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
): Reply | undefined {
	if (!cmd.startsWith('bookings-')) return undefined;
	const ok = (extra: Record<string, unknown> = {}): Reply =>
		jsonReply(200, serialize({ ok: true, ...extra }));
	if (method === 'GET' && cmd === 'bookings-appointments')
		return jsonReply(200, serialize(svc.appointments.map((a) => svc.wire(a))));
	if (cmd === 'bookings-stats')
		return ok({
			callsToday: svc.callsToday,
			totalCalls: svc.totalCalls,
			dailyLimit: svc.limit ?? null,
		});
	if (method !== 'POST') return jsonReply(405, serialize({ ok: false, error: 'use POST' }));
	switch (cmd) {
		case 'bookings-seed':
			return ok({
				appointments: svc
					.seed({ appointments: Number(b.appointments ?? 0) })
					.map((a) => a.booking_id),
			});
		case 'bookings-book':
			return ok({ appointment: svc.wire(svc.book(b as DirectBooking)) });
		case 'bookings-clock':
			svc.setClock(b.iso ? () => new Date(String(b.iso)) : undefined);
			return ok();
		case 'bookings-daily-limit':
			svc.setDailyLimit(b.limit === undefined || b.limit === null ? undefined : Number(b.limit));
			if (b.quotaStyle !== undefined)
				svc.quotaStyle = b.quotaStyle === 'http429' ? 'http429' : 'failure200';
			return ok();
		case 'bookings-invalid-token-status':
			svc.invalidTokenStatus = Number(b.status) === 200 ? 200 : 401;
			return ok();
		case 'bookings-empty-fetch-status':
			svc.emptyFetchStatus = Number(b.status) === 204 ? 204 : 200;
			return ok();
		case 'bookings-catalog':
			return ok(svc.addToCatalog(b));
		case 'bookings-change':
			return ok({
				appointment: svc.wire(svc.change(String(b.booking_id), b as AppointmentChange)),
			});
		case 'bookings-variants':
			// Undocumented Zoho behaviour the sandbox can switch (see BookingsService).
			if (Array.isArray(b.omitFields)) svc.omitFields = new Set(b.omitFields.map(String));
			if (Array.isArray(b.fetchIgnores)) svc.fetchIgnores = new Set(b.fetchIgnores.map(String));
			if (b.maxPerPage !== undefined) svc.maxPerPage = Number(b.maxPerPage);
			return ok();
		default:
			return jsonReply(404, serialize({ ok: false, error: `unknown command ${cmd}` }));
	}
}
