/**
 * Zoho People emulation. One route table (`ROUTES`) maps method + path to a handler, an error
 * style and the threshold Zoho documents for it; `handle()` applies auth, the daily cap and the
 * per-endpoint thresholds in front of every route. Both `/people/api/...` and `/api/...` are served.
 *
 * Envelopes:
 * - legacy (forms, attendance, leave types, timetracker):
 *   `{"response":{"result":...,"message":"...","uri":"/api/...","status":0}}`, errors in HTTP 200
 *   `{"response":{"errors":{"code":N,"message":"..."},"message":"Error occurred","uri":"...","status":1}}`.
 * - v2 leave tracker: `{"records":{"<id>":{...}}}`, `{"record":{...}}`, `{"message":"Leave Cancelled","status":"success"}`;
 *   its own validation errors as `{"error":{"code":N,"message":"..."},"uri":"..."}` (HTTP 200).
 *   Auth, threshold and daily-cap errors use the legacy error envelope on every path.
 */
import { flatQuery } from './body';
import { serialize } from './json';
import {
	ATTENDANCE_DATE_FORMAT,
	DAY_MS,
	FORM_DEFS,
	JOBS,
	LEAVE_TYPES,
	ORG_DATE_FORMAT,
	TIMETRACKER_DATE_FORMAT,
	dayStart,
	formatDate,
	hhmm,
	parseDate,
	parseHours,
	validPattern,
	type FieldDef,
	type FormDef,
	type Job,
	type LeaveType,
	type Rec,
} from './peopleData';
import { jsonReply, type RecordedRequest, type Reply } from './types';

export { FORM_DEFS, JOBS, LEAVE_TYPES } from './peopleData';
export type { FieldDef, FormDef, Job, LeaveType } from './peopleData';

export interface PeopleForm {
	formLinkName: string;
	displayName: string;
	/** 18-digit id; written as a bare integer on the wire. */
	componentId: string;
	[extra: string]: unknown;
}

export interface ThresholdSpec {
	/** Path as requested (e.g. '/people/api/forms'); `prefix: true` also matches sub-paths. */
	path: string;
	limit: number;
	windowMs?: number;
	lockMs?: number;
	prefix?: boolean;
}

interface Threshold extends Required<Omit<ThresholdSpec, 'prefix'>> {
	prefix: boolean;
	windowStart: number;
	count: number;
	lockedUntil: number;
}

export type LeaveStatus = 'Pending' | 'Approved' | 'Rejected' | 'Cancelled';

/** Where an attendance entry came from, named as fetchLatestAttEntries names its lists ([O] attendance-fetchlastentries). */
export type AttendanceKind = 'attEntries' | 'singleRegEntries' | 'multiRegEntries';

export interface AttendanceEntry {
	/** Zoho_ID of the employee. */
	erecno: string;
	checkIn?: Date;
	checkOut?: Date;
	location?: string;
	/** Default `attEntries` (check-in/out API); the two others are regularisation entries. */
	kind?: AttendanceKind;
	/** Sandbox clock (ms) when the entry was added or last updated: what fetchLatestAttEntries' `duration` counts back to. */
	modifiedAt?: number;
}

/**
 * How getRecords and getDataByID show a record's times. `CreatedTime` (ms as a string) is in the [O]
 * bulk-records sample; the modification time is not in the captured part of it (research §2.1):
 * `ModifiedTime` (ms string) is an assumption, `null` leaves it out.
 */
export interface RecordTimes {
	modifiedTimeField: string | null;
	/**
	 * `modifiedtime` is "records added & modified after the given time" ([O] bulk-records): strictly
	 * after (`after`, default), inclusive (`atOrAfter`) or not honoured at all (`ignored`) — UNCERTAIN.
	 */
	modifiedtimeFilter: 'after' | 'atOrAfter' | 'ignored';
}

/** fetchLatestAttEntries variants the [O] page leaves open (each UNCERTAIN). */
export interface LatestEntriesStyle {
	/**
	 * `asRequested`: times in the `dateTimeFormat` sent (the parameter's description); `sample`: always
	 * `dd-MMM-yyyy HH:mm:ss`, as the [O] sample answers a request for `dd-MM-yyyy HH:mm:ss`.
	 */
	times: 'asRequested' | 'sample';
	/** Nothing in the window: `result: []` (assumption) or error 7024 "No records found". */
	empty: 'emptyList' | 'noRecords';
}

export interface TimeLog {
	timelogId: string;
	erecno: string;
	jobId: string;
	workDate: Date;
	minutes: number;
	billingStatus: 'billable' | 'non-billable';
	description: string;
}

/** Keys written as bare integers in legacy replies (forms, records). */
export const PEOPLE_NUMERIC_KEYS: ReadonlySet<string> = new Set([
	'componentId',
	'Zoho_ID',
	'recordId',
	'pkId',
	'view_Id',
]);
const LEAVE_TYPE_KEYS: ReadonlySet<string> = new Set(['Id']);
const V2_KEYS: ReadonlySet<string> = new Set(['Zoho.ID', 'Employee.ID', 'Leavetype.ID']);
/** fetchLatestAttEntries: `erecNo` is an int in the [3P] connector's type, so a bare integer here (assumption). */
const LATEST_ENTRIES_KEYS: ReadonlySet<string> = new Set(['erecNo']);

export const THRESHOLD_MESSAGE =
	'API access blocked since threshold limit exceeded. Please try after some time';
/** Daily-cap answer: code and wording are the sandbox's choice (UNCERTAIN, see README). */
export const DAILY_LIMIT_CODE = 7210;

type Style = 'legacy' | 'v2';

/** A Zoho error raised by a handler; rendered in the route's style. */
export class PeopleError extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

interface Ctx {
	r: RecordedRequest;
	/** Normalized path: always starts with /api/. */
	path: string;
	uri: string;
	/** Query and urlencoded/multipart body fields (body wins). */
	p: Record<string, string>;
	m: RegExpExecArray;
}

interface Route {
	name: string;
	methods: string[];
	pattern: RegExp;
	style: Style;
	/** Documented "Threshold Limit N requests | Lock period M minutes" (used by useDocumentedThresholds). */
	threshold?: { limit: number; lockMinutes: number };
	run(s: PeopleService, c: Ctx): Reply;
}

const missing = (name: string): PeopleError => new PeopleError(7019, `Missing parameter ${name}`);
const badDate = (param: string, fmt: string): PeopleError =>
	new PeopleError(7055, `Ensure date is in '${fmt}' format for the parameter '${param}'`);
const noUser = (): PeopleError => new PeopleError(7048, 'Invalid user / No such user found');

/** Table of every People endpoint the sandbox serves. */
export const ROUTES: Route[] = [
	{
		name: 'forms',
		methods: ['GET'],
		pattern: /^\/api\/forms$/,
		style: 'legacy',
		threshold: { limit: 30, lockMinutes: 5 },
		run: (s, c) => s.ok(c.uri, s.formList()),
	},
	{
		name: 'components',
		methods: ['GET'],
		pattern: /^\/api\/forms\/([^/]+)\/components$/,
		style: 'legacy',
		threshold: { limit: 400, lockMinutes: 5 },
		run: (s, c) => s.ok(c.uri, s.components(c.m[1])),
	},
	{
		name: 'getRecords',
		methods: ['GET'],
		pattern: /^\/api\/forms\/([^/]+)\/getRecords$/,
		style: 'legacy',
		threshold: { limit: 400, lockMinutes: 5 },
		run: (s, c) => s.ok(c.uri, s.getRecords(c.m[1], c.p)),
	},
	{
		name: 'getDataByID',
		methods: ['GET'],
		pattern: /^\/api\/forms\/([^/]+)\/getDataByID$/,
		style: 'legacy',
		threshold: { limit: 400, lockMinutes: 5 },
		run: (s, c) => s.ok(c.uri, [s.getById(c.m[1], c.p.recordId)]),
	},
	{
		name: 'insertRecord',
		methods: ['POST', 'GET'],
		pattern: /^\/api\/forms\/json\/([^/]+)\/insertRecord$/,
		style: 'legacy',
		threshold: { limit: 100, lockMinutes: 5 },
		run: (s, c) => {
			const id = s.insert(c.m[1], s.inputData(c.p));
			return s.ok(c.uri, { pkId: id, message: 'Successfully Added' }, 'Data added successfully');
		},
	},
	{
		name: 'updateRecord',
		methods: ['POST', 'GET'],
		pattern: /^\/api\/forms\/json\/([^/]+)\/updateRecord$/,
		style: 'legacy',
		threshold: { limit: 300, lockMinutes: 5 },
		run: (s, c) => {
			const id = s.update(c.m[1], c.p.recordId, s.inputData(c.p));
			return s.ok(
				c.uri,
				{ pkId: id, message: 'Successfully Updated' },
				'Data updated successfully',
			);
		},
	},
	{
		name: 'attendance',
		methods: ['POST'],
		pattern: /^\/api\/attendance$/,
		style: 'legacy',
		threshold: { limit: 100, lockMinutes: 5 },
		run: (s, c) => s.ok(c.uri, s.punch(c.p), 'Data added successfully'),
	},
	{
		// [O] attendance-fetchlastentries.html: admin and data admin only (the sandbox has no roles).
		name: 'fetchLatestAttEntries',
		methods: ['GET'],
		pattern: /^\/api\/attendance\/fetchLatestAttEntries$/,
		style: 'legacy',
		threshold: { limit: 30, lockMinutes: 5 },
		run: (s, c) => s.latestEntriesReply(c.uri, c.p),
	},
	{
		name: 'getUserReport',
		methods: ['GET'],
		pattern: /^\/api\/attendance\/getUserReport$/,
		style: 'legacy',
		run: (s, c) => s.ok(c.uri, s.userReport(c.p)),
	},
	{
		name: 'getLeaveTypeDetails',
		methods: ['GET'],
		pattern: /^\/api\/leave\/getLeaveTypeDetails$/,
		style: 'legacy',
		threshold: { limit: 30, lockMinutes: 5 },
		run: (s, c) =>
			s.ok(c.uri, s.leaveTypes(c.p.userId), 'Data fetched successfully', LEAVE_TYPE_KEYS),
	},
	{
		name: 'leaveRecordsV2',
		methods: ['GET'],
		pattern: /^\/api\/v2\/leavetracker\/leaves\/records$/,
		style: 'v2',
		threshold: { limit: 30, lockMinutes: 5 },
		run: (s, c) => jsonReply(200, serialize({ records: s.leaveRecordsV2(c.p) }, V2_KEYS)),
	},
	{
		name: 'leaveRecordV2',
		methods: ['GET'],
		pattern: /^\/api\/v2\/leavetracker\/leaves\/records\/(\d+)$/,
		style: 'v2',
		threshold: { limit: 300, lockMinutes: 5 },
		run: (s, c) =>
			jsonReply(200, serialize({ record: s.leaveRecordV2(c.m[1], c.p.dateFormat) }, V2_KEYS)),
	},
	{
		name: 'cancelLeave',
		methods: ['PATCH'],
		pattern: /^\/api\/v2\/leavetracker\/leaves\/records\/cancel\/([^/]+)$/,
		style: 'v2',
		threshold: { limit: 30, lockMinutes: 2 },
		run: (s, c) => {
			s.cancelLeave(c.m[1], c.p.reason);
			return jsonReply(200, serialize({ message: 'Leave Cancelled', status: 'success' }));
		},
	},
	{
		name: 'gettimelogs',
		methods: ['GET'],
		pattern: /^\/api\/timetracker\/gettimelogs$/,
		style: 'legacy',
		run: (s, c) => {
			const { result, isNextAvailable } = s.timeLogs(c.p);
			// The time tracker's list flag: present (true) only when more data follows ([O] get-clients; placement
			// for gettimelogs UNCERTAIN).
			return s.ok(
				c.uri,
				result,
				undefined,
				undefined,
				isNextAvailable ? { isNextAvailable: true } : {},
			);
		},
	},
	{
		name: 'addtimelog',
		methods: ['POST', 'GET'],
		pattern: /^\/api\/timetracker\/addtimelog$/,
		style: 'legacy',
		run: (s, c) => s.ok(c.uri, [{ timeLogId: s.addTimeLog(c.p) }], 'Data added successfully'),
	},
];

function formsFrom(defs: FormDef[]): PeopleForm[] {
	return defs.map((d) => ({
		formLinkName: d.formLinkName,
		displayName: d.displayName,
		componentId: d.componentId,
		PermissionDetails: { Add: 3, Edit: 3, View: 3 },
		iscustom: false,
		isVisible: true,
		viewDetails: { view_Id: d.viewId, view_Name: d.viewName },
	}));
}

const norm = (x: string): string => (x.startsWith('/people/') ? x.slice('/people'.length) : x);

export class PeopleService {
	invalidTokenStatus: 200 | 401 = 200;
	forms: PeopleForm[] = formsFrom(FORM_DEFS);
	/** Form records by formLinkName; each has `Zoho_ID` (18-digit string). */
	records = new Map<string, Rec[]>();
	/** mapId (attendance device id) → employee Zoho_ID. */
	mapIds = new Map<string, string>();
	attendance: AttendanceEntry[] = [];
	timeLogList: TimeLog[] = [];
	leaveTypeList: LeaveType[] = LEAVE_TYPES.map((t) => ({ ...t }));
	jobs: Job[] = JOBS.map((j) => ({ ...j }));
	private modified = new Map<string, number>();
	private created = new Map<string, number>();
	recordTimes: RecordTimes = { modifiedTimeField: 'ModifiedTime', modifiedtimeFilter: 'after' };
	latestEntriesStyle: LatestEntriesStyle = { times: 'asRequested', empty: 'emptyList' };
	private cancelReasons = new Map<string, string>();
	private thresholds: Threshold[] = [];
	private documented: { on: boolean; lockMs?: number; windowMs: number } = {
		on: false,
		windowMs: 60000,
	};
	private routeThresholds = new Map<string, Threshold>();
	private daily: { limit?: number; day: string; count: number } = { day: '', count: 0 };
	private idCounter = 0n;
	private clock: () => Date = () => new Date();

	/**
	 * When true, a valid token whose scope names no `ZOHOPEOPLE.` scope is refused with HTTP 401 and
	 * legacy error 7218 "Invalid oauthscope". Assumption: Zoho's People answer to a missing scope is not
	 * in the reference notes; other Zoho APIs answer "Invalid oauthscope" with HTTP 401 (code and status UNCERTAIN).
	 */
	enforceScopes = false;
	/** The scope of the token in an Authorization header (wired by startSandbox). */
	scopeOf: (authHeader: string | undefined) => string | undefined = () => undefined;

	constructor(private isValidToken: (authHeader: string | undefined) => boolean) {}

	reset(): void {
		this.invalidTokenStatus = 200;
		this.enforceScopes = false;
		this.forms = formsFrom(FORM_DEFS);
		this.records.clear();
		this.mapIds.clear();
		this.attendance = [];
		this.timeLogList = [];
		this.leaveTypeList = LEAVE_TYPES.map((t) => ({ ...t }));
		this.jobs = JOBS.map((j) => ({ ...j }));
		this.modified.clear();
		this.created.clear();
		this.recordTimes = { modifiedTimeField: 'ModifiedTime', modifiedtimeFilter: 'after' };
		this.latestEntriesStyle = { times: 'asRequested', empty: 'emptyList' };
		this.cancelReasons.clear();
		this.thresholds = [];
		this.documented = { on: false, windowMs: 60000 };
		this.routeThresholds.clear();
		this.daily = { day: '', count: 0 };
		this.idCounter = 0n;
		this.clock = () => new Date();
	}

	/* ------------------------------------------------------------ controls */

	/** Clock for record modified times, attendance "now", thresholds and the daily cap. */
	setClock(fn?: () => Date): void {
		this.clock = fn ?? (() => new Date());
	}

	private now(): number {
		return this.clock().getTime();
	}

	setThreshold(t: ThresholdSpec): void {
		this.thresholds = this.thresholds.filter((x) => x.path !== t.path);
		this.thresholds.push({
			path: t.path,
			limit: t.limit,
			windowMs: t.windowMs ?? 60000,
			lockMs: t.lockMs ?? 300000,
			prefix: t.prefix ?? false,
			windowStart: 0,
			count: 0,
			lockedUntil: 0,
		});
	}

	/** Removes every threshold set with setThreshold/setLock (documented ones stay as configured). */
	clearThresholds(): void {
		this.thresholds = [];
		this.routeThresholds.clear();
	}

	/** Locks an endpoint right away (as if its threshold had been exceeded). */
	setLock(o: { path: string; lockMs?: number; prefix?: boolean }): void {
		const lockMs = o.lockMs ?? 300000;
		let t = this.thresholds.find((x) => x.path === o.path);
		if (!t) {
			this.setThreshold({ path: o.path, limit: Number.MAX_SAFE_INTEGER, lockMs, prefix: o.prefix });
			t = this.thresholds[this.thresholds.length - 1];
		}
		t.lockedUntil = this.now() + lockMs;
	}

	/**
	 * Turns on the thresholds Zoho documents per endpoint (ROUTES[].threshold), counted per
	 * request path in a 60 s window. `lockMs` overrides every documented lock period. Off by default.
	 */
	useDocumentedThresholds(
		o: boolean | { on?: boolean; lockMs?: number; windowMs?: number } = true,
	): void {
		const spec = typeof o === 'boolean' ? { on: o } : o;
		this.documented = {
			on: spec.on ?? true,
			lockMs: spec.lockMs,
			windowMs: spec.windowMs ?? 60000,
		};
		this.routeThresholds.clear();
	}

	/** Daily cap on authenticated calls (all endpoints together); undefined = no cap. Resets at UTC midnight of the clock. */
	setDailyLimit(limit?: number): void {
		this.daily = { limit, day: this.daily.day, count: this.daily.count };
	}

	/** Calls counted toward the daily cap today. */
	dailyCount(): number {
		return this.daily.day === this.dayKey() ? this.daily.count : 0;
	}

	resetDailyCount(): void {
		this.daily.count = 0;
	}

	private dayKey(): string {
		return this.clock().toISOString().slice(0, 10);
	}

	/* ------------------------------------------------------------ seeding */

	private nextId(): string {
		this.idCounter += 1n;
		return (412762000000100000n + this.idCounter).toString();
	}

	private formDef(form: string): FormDef | undefined {
		return FORM_DEFS.find((f) => f.formLinkName === form);
	}

	private table(form: string): Rec[] {
		let list = this.records.get(form);
		if (!list) {
			list = [];
			this.records.set(form, list);
		}
		return list;
	}

	private store(form: string, fields: Rec): Rec {
		const rec: Rec = { ...fields, Zoho_ID: this.nextId() };
		this.table(form).push(rec);
		this.modified.set(String(rec.Zoho_ID), this.now());
		this.created.set(String(rec.Zoho_ID), this.now());
		return rec;
	}

	/** Seeds n records of any form (sample values from FORM_DEFS); returns them. */
	seedRecords(form: string, n: number): Rec[] {
		if (form === 'employee') return this.seedEmployees(n);
		if (form === 'leave') return this.seedLeaves(n);
		const def = this.formDef(form);
		const out: Rec[] = [];
		for (let i = 0; i < n; i++) {
			const k = this.table(form).length + 1;
			out.push(this.store(form, def ? def.sample(k) : { Name: `${form} ${k}` }));
		}
		return out;
	}

	/** Seeds n employees EMP000k / employee{k}@example.com (mapId M000k); returns them. */
	seedEmployees(n: number): Rec[] {
		const def = this.formDef('employee') as FormDef;
		const out: Rec[] = [];
		for (let i = 0; i < n; i++) {
			const k = this.table('employee').length + 1;
			const rec = this.store('employee', def.sample(k));
			this.mapIds.set(`M${String(k).padStart(4, '0')}`, String(rec.Zoho_ID));
			out.push(rec);
		}
		return out;
	}

	/**
	 * Seeds n leave records (one day each, from 2024-01-01 + i, round-robin over employees and
	 * leave types, seeding 3 employees when none exist); returns them.
	 */
	seedLeaves(n: number, o: { status?: LeaveStatus; from?: string } = {}): Rec[] {
		if (this.table('employee').length === 0) this.seedEmployees(3);
		const emps = this.table('employee');
		const start = o.from ? new Date(`${o.from}T00:00:00Z`) : new Date(Date.UTC(2024, 0, 1));
		const out: Rec[] = [];
		for (let i = 0; i < n; i++) {
			const k = this.table('leave').length;
			const day = formatDate(new Date(start.getTime() + k * DAY_MS), ORG_DATE_FORMAT);
			out.push(
				this.store('leave', {
					Employee_ID: emps[k % emps.length].EmployeeID,
					Leavetype: this.leaveTypeList[k % this.leaveTypeList.length].Id,
					From: day,
					To: day,
					Reasonforleave: `Reason ${k + 1}`,
					ApprovalStatus: o.status ?? 'Approved',
				}),
			);
		}
		return out;
	}

	/** Seeds n time logs of 08:00 (billable, first job) for one employee (default: the first). */
	seedTimeLogs(n: number, o: { user?: string; from?: string } = {}): TimeLog[] {
		if (this.table('employee').length === 0) this.seedEmployees(1);
		const emp = o.user ? this.findEmployee(o.user) : this.table('employee')[0];
		if (!emp) throw new Error(`unknown employee ${o.user}`);
		const start = o.from ? new Date(`${o.from}T00:00:00Z`) : new Date(Date.UTC(2024, 0, 1));
		const out: TimeLog[] = [];
		for (let i = 0; i < n; i++) {
			const log: TimeLog = {
				timelogId: this.nextId(),
				erecno: String(emp.Zoho_ID),
				jobId: this.jobs[0].jobId,
				workDate: new Date(start.getTime() + i * DAY_MS),
				minutes: 480,
				billingStatus: 'billable',
				description: `Work ${i + 1}`,
			};
			this.timeLogList.push(log);
			out.push(log);
		}
		return out;
	}

	/** Approve / reject (no public Zoho API for this is confirmed: in-process and control API only). */
	setLeaveStatus(id: string, status: LeaveStatus): void {
		const rec = this.table('leave').find((x) => String(x.Zoho_ID) === id);
		if (!rec) throw new Error(`unknown leave ${id}`);
		rec.ApprovalStatus = status;
		this.modified.set(id, this.now());
	}

	/** Employee by EmployeeID, email (case-insensitive) or Zoho_ID (erecno). */
	findEmployee(key: string | undefined): Rec | undefined {
		if (key === undefined || key === '') return undefined;
		const k = key.trim();
		return this.table('employee').find(
			(e) =>
				e.EmployeeID === k ||
				String(e.Zoho_ID) === k ||
				String(e.EmailID ?? '').toLowerCase() === k.toLowerCase(),
		);
	}

	/* ------------------------------------------------------------ envelopes */

	ok(
		uri: string,
		result: unknown,
		message = 'Data fetched successfully',
		keys: ReadonlySet<string> = PEOPLE_NUMERIC_KEYS,
		extra: Rec = {},
	): Reply {
		return jsonReply(
			200,
			serialize({ response: { result, message, uri, ...extra, status: 0 } }, keys),
		);
	}

	private error(uri: string, code: number, message: string, status = 200): Reply {
		return jsonReply(
			status,
			serialize({
				response: { errors: { code, message }, message: 'Error occurred', uri, status: 1 },
			}),
		);
	}

	private v2Error(uri: string, code: number, message: string): Reply {
		return jsonReply(200, serialize({ error: { code, message }, uri }));
	}

	/* ------------------------------------------------------------ gatekeeping */

	private thresholdHit(t: Threshold, now: number): boolean {
		if (t.lockedUntil > now) return true;
		if (t.lockedUntil !== 0) {
			// Lock over: start afresh.
			t.lockedUntil = 0;
			t.windowStart = now;
			t.count = 0;
		}
		if (now - t.windowStart >= t.windowMs) {
			t.windowStart = now;
			t.count = 0;
		}
		if (t.count >= t.limit) {
			t.lockedUntil = now + t.lockMs;
			return true;
		}
		t.count += 1;
		return false;
	}

	/** True when the call is blocked by a threshold; otherwise counts it. */
	private throttled(path: string, route: Route | undefined): boolean {
		const now = this.now();
		const p = norm(path);
		let blocked = false;
		for (const t of this.thresholds) {
			const tp = norm(t.path);
			if (!(p === tp || (t.prefix && p.startsWith(tp)))) continue;
			if (this.thresholdHit(t, now)) blocked = true;
		}
		if (this.documented.on && route?.threshold && !blocked) {
			let t = this.routeThresholds.get(p);
			if (!t) {
				t = {
					path: p,
					limit: route.threshold.limit,
					windowMs: this.documented.windowMs,
					lockMs: this.documented.lockMs ?? route.threshold.lockMinutes * 60000,
					prefix: false,
					windowStart: 0,
					count: 0,
					lockedUntil: 0,
				};
				this.routeThresholds.set(p, t);
			}
			if (this.thresholdHit(t, now)) blocked = true;
		}
		return blocked;
	}

	/** True when the daily cap is reached; otherwise counts the call. */
	private overDailyLimit(): boolean {
		const day = this.dayKey();
		if (this.daily.day !== day) this.daily = { ...this.daily, day, count: 0 };
		if (this.daily.limit !== undefined && this.daily.count >= this.daily.limit) return true;
		this.daily.count += 1;
		return false;
	}

	handle(r: RecordedRequest): Reply {
		const path = norm(r.path);
		const uri = path;
		if (!path.startsWith('/api/'))
			return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
		if (!this.isValidToken(r.headers.authorization)) {
			return this.error(uri, 7202, 'Invalid OAuth token', this.invalidTokenStatus);
		}
		if (
			this.enforceScopes &&
			!/(^|[,\s])ZOHOPEOPLE\./i.test(this.scopeOf(r.headers.authorization) ?? '')
		) {
			return this.error(uri, 7218, 'Invalid oauthscope', 401);
		}
		let route: Route | undefined;
		let m: RegExpExecArray | null = null;
		for (const x of ROUTES) {
			m = x.pattern.exec(path);
			if (m && x.methods.includes(r.method)) {
				route = x;
				break;
			}
		}
		if (this.overDailyLimit()) {
			return this.error(
				uri,
				DAILY_LIMIT_CODE,
				`API call limit for the day exceeded. Daily limit of ${this.daily.limit} API calls reached`,
			);
		}
		if (this.throttled(r.path, route)) return this.error(uri, 7209, THRESHOLD_MESSAGE);
		if (!route || !m) return this.error(uri, 7005, 'Invalid API URL format');
		const p = { ...flatQuery(r.query), ...(r.form ?? {}) };
		try {
			return route.run(this, { r, path, uri, p, m });
		} catch (e) {
			if (!(e instanceof PeopleError)) throw e;
			return route.style === 'v2'
				? this.v2Error(uri, e.code, e.message)
				: this.error(uri, e.code, e.message);
		}
	}

	/* ------------------------------------------------------------ forms */

	formList(): PeopleForm[] {
		return this.forms;
	}

	private requireForm(form: string): FormDef {
		const def = this.formDef(form);
		if (!def || !this.forms.some((f) => f.formLinkName === form))
			throw new PeopleError(7011, 'Invalid form name');
		return def;
	}

	components(form: string): Rec[] {
		const def = this.requireForm(form);
		return def.fields.map((f) => ({
			comptype: f.comptype,
			displayname: f.displayname,
			labelname: f.labelname,
			isMandatory: f.isMandatory ?? false,
			...(f.options ? { Options: f.options.map((o) => ({ Value: o })) } : {}),
			...(f.readOnly ? { isReadOnly: true } : {}),
		}));
	}

	/** Employee behind a record: the record itself on the employee form, else its Employee_ID. */
	private employeeOf(form: string, rec: Rec): Rec | undefined {
		return form === 'employee' ? rec : this.findEmployee(String(rec.Employee_ID ?? ''));
	}

	/**
	 * `sIndex`/`limit` paging. `base` is the index of the first record: getRecords counts from 1 (0 is
	 * read as 1, UNCERTAIN), the time tracker from 0 ([O] get-timelogs: "sIndex … default 0").
	 */
	private page(p: Record<string, string>, base: 0 | 1 = 1): { start: number; limit: number } {
		const limit = p.limit === undefined ? 200 : Number(p.limit);
		if (!Number.isInteger(limit) || limit < 1)
			throw new PeopleError(7016, 'Invalid input data for the parameter limit');
		if (limit > 200) throw new PeopleError(7021, 'Maximum record limit 200 exceeded');
		const sIndex = p.sIndex === undefined ? base : Number(p.sIndex);
		if (!Number.isInteger(sIndex) || sIndex < 0)
			throw new PeopleError(7016, 'Invalid input data for the parameter sIndex');
		return { start: Math.max(sIndex - base, 0), limit };
	}

	getRecords(form: string, p: Record<string, string>): Array<Record<string, Rec[]>> {
		const def = this.requireForm(form);
		const { start, limit } = this.page(p);
		let rows = this.table(form);
		if (p.SearchColumn !== undefined && p.SearchValue !== undefined) {
			const col = p.SearchColumn;
			const value = p.SearchValue;
			if (col === 'EMPLOYEEID')
				rows = rows.filter((x) => this.employeeOf(form, x)?.EmployeeID === value);
			else if (col === 'EMPLOYEEMAILALIAS') {
				rows = rows.filter(
					(x) =>
						String(this.employeeOf(form, x)?.EmailID ?? '').toLowerCase() === value.toLowerCase(),
				);
			} else if (def.fields.some((f) => f.labelname === col))
				rows = rows.filter((x) => String(x[col] ?? '') === value);
			else throw new PeopleError(7042, 'Invalid search value');
		}
		if (p.searchParams !== undefined) {
			const conditions = parseSearchParams(p.searchParams, def);
			rows = rows.filter((x) => matchesSearch(x, conditions));
		}
		if (p.modifiedtime !== undefined) {
			if (!/^\d+$/.test(p.modifiedtime))
				throw new PeopleError(7016, 'Invalid input data for the parameter modifiedtime');
			const after = Number(p.modifiedtime);
			const filter = this.recordTimes.modifiedtimeFilter;
			const changed = (x: Rec) => this.modified.get(String(x.Zoho_ID)) ?? 0;
			if (filter === 'after') rows = rows.filter((x) => changed(x) > after);
			else if (filter === 'atOrAfter') rows = rows.filter((x) => changed(x) >= after);
		}
		const slice = rows.slice(start, start + limit);
		if (slice.length === 0) throw new PeopleError(7024, 'No records found');
		return slice.map((rec) => ({ [String(rec.Zoho_ID)]: [this.withTimes(rec)] }));
	}

	/**
	 * The record with its system times first (`Zoho_ID` stays last): `CreatedTime` as in the [O]
	 * bulk-records sample (ms as a string), and the modification time as `recordTimes` says.
	 */
	private withTimes(rec: Rec): Rec {
		const id = String(rec.Zoho_ID);
		const times: Rec = { CreatedTime: String(this.created.get(id) ?? 0) };
		const field = this.recordTimes.modifiedTimeField;
		if (field) times[field] = String(this.modified.get(id) ?? 0);
		return { ...times, ...rec };
	}

	getById(form: string, recordId: string | undefined): Rec {
		this.requireForm(form);
		if (!recordId) throw missing('recordId');
		const rec = this.table(form).find((x) => String(x.Zoho_ID) === recordId);
		if (!rec) throw new PeopleError(7049, 'Missing record for the specified record Id');
		return this.withTimes(rec);
	}

	inputData(p: Record<string, string>): Rec {
		if (p.inputData === undefined) throw missing('inputData');
		let parsed: unknown;
		try {
			parsed = JSON.parse(p.inputData);
		} catch {
			throw new PeopleError(7016, 'Invalid input data');
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
			throw new PeopleError(7016, 'Invalid input data');
		return parsed as Rec;
	}

	/** Field-level checks shared by insert and update; returns the normalized values. */
	private validate(form: string, def: FormDef, input: Rec, existingId?: string): Rec {
		const out: Rec = {};
		for (const [key, raw] of Object.entries(input)) {
			const f: FieldDef | undefined = def.fields.find((x) => x.labelname === key && !x.readOnly);
			if (!f) throw new PeopleError(7013, `Invalid field name: ${key}`);
			const value = raw === null || raw === undefined ? '' : String(raw).trim();
			if (value === '') {
				if (f.isMandatory) throw new PeopleError(7052, `Missing mandatory field values: ${key}`);
				out[key] = '';
				continue;
			}
			if (f.comptype === 'Email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))
				throw new PeopleError(7053, `Invalid email address: ${key}`);
			if (f.comptype === 'Date' && !parseDate(value, ORG_DATE_FORMAT))
				throw new PeopleError(7054, `Invalid date field value: ${key}`);
			if (f.comptype === 'Number' && !/^-?\d+(\.\d+)?$/.test(value))
				throw new PeopleError(7056, `Invalid number field value: ${key}`);
			if (f.options && !f.options.includes(value))
				throw new PeopleError(7050, `Invalid value for the field ${key}`);
			if (f.unique) {
				const clash = this.table(form).find(
					(x) =>
						String(x.Zoho_ID) !== existingId &&
						String(x[key] ?? '').toLowerCase() === value.toLowerCase(),
				);
				if (clash) throw new PeopleError(7051, `Value already exists: ${key}`);
			}
			out[key] = value;
		}
		return out;
	}

	/** Leave-form rules: known employee and leave type, From <= To. */
	private validateLeave(rec: Rec): void {
		if (!this.findEmployee(String(rec.Employee_ID ?? ''))) throw noUser();
		if (!this.leaveType(String(rec.Leavetype ?? '')))
			throw new PeopleError(7104, 'Leave type not applicable');
		const from = parseDate(String(rec.From), ORG_DATE_FORMAT) as Date;
		const to = parseDate(String(rec.To), ORG_DATE_FORMAT) as Date;
		if (from.getTime() > to.getTime()) throw new PeopleError(7105, 'From date is ahead of To date');
	}

	private leaveType(key: string): LeaveType | undefined {
		return this.leaveTypeList.find(
			(t) => t.Id === key || t.Name.toLowerCase() === key.toLowerCase(),
		);
	}

	/** insertRecord (same validation as HTTP); returns the new Zoho_ID. Throws PeopleError. */
	insert(form: string, input: Rec): string {
		const def = this.requireForm(form);
		// "Reason" is accepted as an alias of the leave form's Reasonforleave.
		if (form === 'leave' && 'Reason' in input && !('Reasonforleave' in input)) {
			const { Reason, ...rest } = input;
			input = { ...rest, Reasonforleave: Reason };
		}
		const values = this.validate(form, def, input);
		for (const f of def.fields) {
			if (f.isMandatory && (values[f.labelname] === undefined || values[f.labelname] === '')) {
				if (form === 'leave' && f.labelname === 'Leavetype')
					throw new PeopleError(7103, 'Leave type not chosen');
				throw new PeopleError(7052, `Missing mandatory field values: ${f.labelname}`);
			}
		}
		if (form === 'leave') {
			this.validateLeave(values);
			values.ApprovalStatus = 'Pending';
		}
		const rec = this.store(form, values);
		if (form === 'employee')
			this.mapIds.set(
				`M${String(this.table('employee').length).padStart(4, '0')}`,
				String(rec.Zoho_ID),
			);
		return String(rec.Zoho_ID);
	}

	/** updateRecord: merges the given fields; a failed update changes nothing. */
	update(form: string, recordId: string | undefined, input: Rec): string {
		const def = this.requireForm(form);
		if (!recordId) throw missing('recordId');
		const rec = this.table(form).find((x) => String(x.Zoho_ID) === recordId);
		if (!rec) throw new PeopleError(7049, 'Missing record for the specified record Id');
		const values = this.validate(form, def, input, recordId);
		if (form === 'leave') this.validateLeave({ ...rec, ...values });
		Object.assign(rec, values);
		this.modified.set(recordId, this.now());
		return recordId;
	}

	/* ------------------------------------------------------------ attendance */

	private employeeByParams(p: Record<string, string>): Rec | undefined {
		if (p.empId)
			return this.table('employee').find((e) => e.EmployeeID === p.empId) ?? noUserThrow();
		if (p.emailId) {
			return (
				this.table('employee').find(
					(e) => String(e.EmailID).toLowerCase() === p.emailId.toLowerCase(),
				) ?? noUserThrow()
			);
		}
		if (p.mapId) {
			const id = this.mapIds.get(p.mapId);
			return this.table('employee').find((e) => String(e.Zoho_ID) === id) ?? noUserThrow();
		}
		return undefined;
	}

	private dateFormat(p: Record<string, string>, fallback: string): string {
		const fmt = p.dateFormat ?? fallback;
		if (!validPattern(fmt)) throw new PeopleError(7055, `Invalid date format: ${fmt}`);
		return fmt;
	}

	punch(p: Record<string, string>): Rec[] {
		const fmt = this.dateFormat(p, ATTENDANCE_DATE_FORMAT);
		if (p.checkIn === undefined && p.checkOut === undefined) throw missing('checkIn or checkOut');
		const emp = this.employeeByParams(p);
		if (!emp) throw missing('empId, emailId or mapId');
		const erecno = String(emp.Zoho_ID);
		const checkIn = p.checkIn === undefined ? undefined : parseDate(p.checkIn, fmt);
		if (p.checkIn !== undefined && !checkIn) throw badDate('checkIn', fmt);
		const checkOut = p.checkOut === undefined ? undefined : parseDate(p.checkOut, fmt);
		if (p.checkOut !== undefined && !checkOut) throw badDate('checkOut', fmt);
		if (checkIn && checkOut && checkOut.getTime() <= checkIn.getTime()) {
			throw new PeopleError(7016, 'Invalid input data: checkOut must be after checkIn');
		}
		const result: Rec[] = [];
		const location = p.location;
		if (checkIn) {
			this.attendance.push({ erecno, checkIn, checkOut, location, modifiedAt: this.now() });
			result.push({
				response: 'success',
				msg: 'Successfully checked in',
				punchIn: p.checkIn,
				tsecs: checkIn.getTime() / 1000,
				empId: emp.EmployeeID,
			});
		}
		if (checkOut) {
			if (!checkIn) {
				const day = dayStart(checkOut).getTime();
				const open = [...this.attendance]
					.reverse()
					.find(
						(a) =>
							a.erecno === erecno &&
							a.checkIn &&
							!a.checkOut &&
							dayStart(a.checkIn).getTime() === day &&
							a.checkIn <= checkOut,
					);
				if (open) {
					open.checkOut = checkOut;
					open.modifiedAt = this.now();
				} else this.attendance.push({ erecno, checkOut, location, modifiedAt: this.now() });
			}
			result.push({
				response: 'success',
				msg: 'Successfully checked out',
				punchOut: p.checkOut,
				tsecs: checkOut.getTime() / 1000,
				empId: emp.EmployeeID,
			});
		}
		return result;
	}

	/**
	 * Adds an entry as of the sandbox clock: a regularisation entry, or an `attEntries` entry at given
	 * times (tests; the check-in/out API is `punch`). `employee` is an EmployeeID, email or Zoho_ID.
	 */
	addAttendanceEntry(o: {
		employee: string;
		checkIn?: Date;
		checkOut?: Date;
		kind?: AttendanceKind;
		location?: string;
	}): AttendanceEntry {
		const emp = this.findEmployee(o.employee);
		if (!emp) throw new Error(`unknown employee ${o.employee}`);
		if (!o.checkIn && !o.checkOut) throw new Error('checkIn or checkOut needed');
		const entry: AttendanceEntry = {
			erecno: String(emp.Zoho_ID),
			checkIn: o.checkIn,
			checkOut: o.checkOut,
			location: o.location,
			kind: o.kind ?? 'attEntries',
			modifiedAt: this.now(),
		};
		if (entry.kind === 'singleRegEntries') {
			// "Replace existing first check-in / last check-out entry": one per employee and day.
			const day = dayStart((entry.checkIn ?? entry.checkOut) as Date).getTime();
			this.attendance = this.attendance.filter(
				(a) =>
					!(
						a.kind === 'singleRegEntries' &&
						a.erecno === entry.erecno &&
						dayStart((a.checkIn ?? a.checkOut) as Date).getTime() === day
					),
			);
		}
		this.attendance.push(entry);
		return entry;
	}

	/**
	 * fetchLatestAttEntries ([O] attendance-fetchlastentries.html): the entries added or updated within
	 * the last `duration` minutes of the sandbox clock (inclusive: assumption), per employee, per day
	 * (`yyyy-MM-dd` keys as in the [O] sample), as `attEntries` / `multiRegEntries` (lists) and
	 * `singleRegEntries` (one object). The employee's `erecNo` (bare integer), `employeeId` and `emailId`
	 * are not in the captured part of the [O] sample: they follow a [3P] connector generated from it
	 * (assumption). Employees in erecno order, entries in the order added (assumptions).
	 */
	latestEntriesReply(uri: string, p: Record<string, string>): Reply {
		if (p.duration === undefined || p.duration === '') throw missing('duration');
		if (!/^\d+$/.test(p.duration) || Number(p.duration) < 1)
			throw new PeopleError(7016, 'Invalid input data for the parameter duration');
		const sampleFormat = 'dd-MMM-yyyy HH:mm:ss';
		const fmt =
			this.latestEntriesStyle.times === 'sample'
				? sampleFormat
				: this.dateFormat({ dateFormat: p.dateTimeFormat ?? sampleFormat }, sampleFormat);
		const from = this.now() - Number(p.duration) * 60000;
		const recent = this.attendance.filter((a) => (a.modifiedAt ?? 0) >= from);
		const employees = [...new Set(recent.map((a) => a.erecno))].sort();
		const result = employees.map((erecno) => {
			const emp = this.findEmployee(erecno) ?? {};
			const days = new Map<string, Rec>();
			for (const a of recent.filter((x) => x.erecno === erecno)) {
				const date = formatDate(dayStart((a.checkIn ?? a.checkOut) as Date), 'yyyy-MM-dd');
				const lists = days.get(date) ?? {};
				days.set(date, lists);
				const item: Rec = {};
				if (a.location !== undefined) item.checkInLocation = a.location;
				if (a.location !== undefined && a.checkOut) item.checkOutLocation = a.location;
				if (a.checkOut) item.checkOutTime = formatDate(a.checkOut, fmt);
				if (a.checkIn) item.checkInTime = formatDate(a.checkIn, fmt);
				const kind = a.kind ?? 'attEntries';
				if (kind === 'singleRegEntries') lists[kind] = item;
				else lists[kind] = [...((lists[kind] as Rec[] | undefined) ?? []), item];
			}
			return {
				firstName: emp.FirstName,
				lastName: emp.LastName,
				entries: [...days.entries()].map(([date, lists]) => ({ [date]: lists })),
				erecNo: erecno,
				employeeId: emp.EmployeeID,
				emailId: emp.EmailID,
			};
		});
		if (result.length === 0 && this.latestEntriesStyle.empty === 'noRecords')
			throw new PeopleError(7024, 'No records found');
		return this.ok(uri, result, undefined, LATEST_ENTRIES_KEYS);
	}

	userReport(p: Record<string, string>): Rec[] {
		const fmt = this.dateFormat(p, ORG_DATE_FORMAT);
		if (p.sdate === undefined) throw missing('sdate');
		if (p.edate === undefined) throw missing('edate');
		const from = parseDate(p.sdate, fmt);
		if (!from) throw badDate('sdate', fmt);
		const to = parseDate(p.edate, fmt);
		if (!to) throw badDate('edate', fmt);
		if (from.getTime() > to.getTime())
			throw new PeopleError(7016, 'Invalid input data: sdate is after edate');
		const one = this.employeeByParams(p);
		let emps: Rec[];
		if (one) emps = [one];
		else {
			const startIndex = p.startIndex === undefined ? 0 : Number(p.startIndex);
			if (!Number.isInteger(startIndex) || startIndex < 0)
				throw new PeopleError(7016, 'Invalid input data for the parameter startIndex');
			emps = this.table('employee').slice(startIndex, startIndex + 100);
		}
		if (emps.length === 0) throw new PeopleError(7024, 'No records found');
		return emps.map((emp) => {
			const erecno = String(emp.Zoho_ID);
			const details: Record<string, Rec> = {};
			for (let t = dayStart(from).getTime(); t <= to.getTime(); t += DAY_MS) {
				const entries = this.attendance.filter(
					(a) => a.erecno === erecno && dayStart((a.checkIn ?? a.checkOut) as Date).getTime() === t,
				);
				const ins = entries.map((a) => a.checkIn).filter((x): x is Date => x !== undefined);
				const outs = entries.map((a) => a.checkOut).filter((x): x is Date => x !== undefined);
				const worked = entries.reduce(
					(sum, a) =>
						sum + (a.checkIn && a.checkOut ? a.checkOut.getTime() - a.checkIn.getTime() : 0),
					0,
				);
				const weekday = new Date(t).getUTCDay();
				const firstIn = ins.length ? new Date(Math.min(...ins.map((x) => x.getTime()))) : undefined;
				const lastOut = outs.length
					? new Date(Math.max(...outs.map((x) => x.getTime())))
					: undefined;
				details[formatDate(new Date(t), fmt)] = {
					Status: entries.length
						? 'Present'
						: weekday === 0 || weekday === 6
							? 'Weekend'
							: 'Absent',
					FirstIn: firstIn ? formatDate(firstIn, 'HH:mm') : '-',
					LastOut: lastOut ? formatDate(lastOut, 'HH:mm') : '-',
					TotalHours: hhmm(worked),
					ShiftName: 'General',
				};
			}
			return {
				employeeDetails: {
					id: emp.EmployeeID,
					'first name': emp.FirstName,
					'last name': emp.LastName,
					'mail id': emp.EmailID,
					erecno,
				},
				attendanceDetails: details,
			};
		});
	}

	/* ------------------------------------------------------------ leave */

	private leaveDays(rec: Rec): Date[] {
		const from = parseDate(String(rec.From), ORG_DATE_FORMAT) as Date;
		const to = parseDate(String(rec.To), ORG_DATE_FORMAT) as Date;
		const out: Date[] = [];
		for (let t = from.getTime(); t <= to.getTime(); t += DAY_MS) out.push(new Date(t));
		return out;
	}

	leaveTypes(userId: string | undefined): Rec[] {
		if (!userId) throw missing('userId');
		const emp = this.findEmployee(userId);
		if (!emp) throw noUser();
		const mine = this.table('leave').filter(
			(l) =>
				this.findEmployee(String(l.Employee_ID)) === emp &&
				(l.ApprovalStatus === 'Approved' || l.ApprovalStatus === 'Pending'),
		);
		return this.leaveTypeList.map((t) => {
			const availed = mine
				.filter((l) => this.leaveType(String(l.Leavetype))?.Id === t.Id)
				.reduce((n, l) => n + this.leaveDays(l).length, 0);
			return {
				Name: t.Name,
				PermittedCount: t.PermittedCount,
				AvailedCount: availed,
				Id: t.Id,
				Unit: t.Unit,
				BalanceCount: t.PermittedCount - availed,
			};
		});
	}

	/** A leave record in the v2 shape. */
	private v2Leave(rec: Rec, fmt: string): Rec {
		const emp = this.findEmployee(String(rec.Employee_ID));
		const type = this.leaveType(String(rec.Leavetype));
		const days: Record<string, Rec> = {};
		for (const d of this.leaveDays(rec)) days[formatDate(d, fmt)] = { LeaveCount: '1.0' };
		const id = String(rec.Zoho_ID);
		return {
			'Zoho.ID': id,
			Employee: emp ? `${String(emp.FirstName)} ${String(emp.LastName)}` : String(rec.Employee_ID),
			'Employee.ID': emp ? String(emp.Zoho_ID) : undefined,
			EmployeeId: emp?.EmployeeID,
			Leavetype: type?.Name ?? String(rec.Leavetype),
			'Leavetype.ID': type?.Id,
			Type: type?.Type,
			Unit: type?.Unit ?? 'Days',
			From: formatDate(parseDate(String(rec.From), ORG_DATE_FORMAT) as Date, fmt),
			To: formatDate(parseDate(String(rec.To), ORG_DATE_FORMAT) as Date, fmt),
			Days: days,
			ApprovalStatus: rec.ApprovalStatus,
			Reason: rec.Reasonforleave ?? '',
			DateOfRequest: formatDate(new Date(this.modified.get(id) ?? this.now()), fmt),
			...(this.cancelReasons.has(id) ? { CancelReason: this.cancelReasons.get(id) } : {}),
		};
	}

	/** `employee` / `leavetype` / `approvalStatus` as a JSON array or a comma list. */
	private list(raw: string | undefined): string[] | undefined {
		if (raw === undefined || raw.trim() === '') return undefined;
		try {
			const v: unknown = JSON.parse(raw);
			if (Array.isArray(v)) return v.map(String);
		} catch {
			/* plain value */
		}
		return raw
			.split(',')
			.map((x) => x.trim())
			.filter(Boolean);
	}

	leaveRecordsV2(p: Record<string, string>): Record<string, Rec> {
		const fmt = this.dateFormat(p, ORG_DATE_FORMAT);
		if (p.from === undefined) throw missing('from');
		if (p.to === undefined) throw missing('to');
		const from = parseDate(p.from, fmt);
		if (!from) throw badDate('from', fmt);
		const to = parseDate(p.to, fmt);
		if (!to) throw badDate('to', fmt);
		const limit = p.limit === undefined ? 200 : Number(p.limit);
		if (!Number.isInteger(limit) || limit < 0)
			throw new PeopleError(7016, 'Invalid input data for the parameter limit');
		if (limit > 200) throw new PeopleError(7021, 'Maximum record limit 200 exceeded');
		const startIndex = p.startIndex === undefined ? 0 : Number(p.startIndex);
		if (!Number.isInteger(startIndex) || startIndex < 0)
			throw new PeopleError(7016, 'Invalid input data for the parameter startIndex');
		const employees = this.list(p.employee);
		const types = this.list(p.leavetype);
		const statuses = this.list(p.approvalStatus)?.map((s) => s.toUpperCase());
		const rows = this.table('leave').filter((l) => {
			const days = this.leaveDays(l);
			if (days[0].getTime() > to.getTime() || days[days.length - 1].getTime() < from.getTime())
				return false;
			if (employees) {
				const emp = this.findEmployee(String(l.Employee_ID));
				if (!emp || !employees.some((k) => this.findEmployee(k) === emp)) return false;
			}
			if (
				types &&
				!types.some((k) => this.leaveType(k)?.Id === this.leaveType(String(l.Leavetype))?.Id)
			)
				return false;
			if (statuses && !statuses.includes(String(l.ApprovalStatus).toUpperCase())) return false;
			return true;
		});
		const out: Record<string, Rec> = {};
		for (const rec of rows.slice(startIndex, startIndex + limit))
			out[String(rec.Zoho_ID)] = this.v2Leave(rec, fmt);
		return out;
	}

	leaveRecordV2(id: string, dateFormat?: string): Rec {
		const fmt = this.dateFormat({ dateFormat: dateFormat ?? ORG_DATE_FORMAT }, ORG_DATE_FORMAT);
		const rec = this.table('leave').find((x) => String(x.Zoho_ID) === id);
		if (!rec) throw new PeopleError(7049, 'Missing record for the specified record Id');
		return this.v2Leave(rec, fmt);
	}

	cancelLeave(id: string, reason?: string): void {
		const rec = this.table('leave').find((x) => String(x.Zoho_ID) === id);
		if (!rec) throw new PeopleError(9001, 'Record does not exist');
		if (rec.ApprovalStatus === 'Cancelled' || rec.ApprovalStatus === 'Rejected') {
			throw new PeopleError(
				9001,
				`Sorry. You are not allowed to do this operation (leave is ${String(rec.ApprovalStatus).toLowerCase()})`,
			);
		}
		rec.ApprovalStatus = 'Cancelled';
		this.cancelReasons.set(id, reason ?? '-');
		this.modified.set(id, this.now());
	}

	/* ------------------------------------------------------------ time logs */

	private billing(raw: string | undefined): 'billable' | 'non-billable' | 'all' | undefined {
		const k = (raw ?? '').toLowerCase().replace(/[\s_-]/g, '');
		if (k === 'billable') return 'billable';
		if (k === 'nonbillable') return 'non-billable';
		if (k === 'all') return 'all';
		return undefined;
	}

	timeLogs(p: Record<string, string>): { result: Rec[]; isNextAvailable: boolean } {
		const fmt = this.dateFormat(p, TIMETRACKER_DATE_FORMAT);
		if (!p.user) throw missing('user');
		const emp = p.user.toLowerCase() === 'all' ? undefined : this.findEmployee(p.user);
		if (p.user.toLowerCase() !== 'all' && !emp) throw noUser();
		const from = p.fromDate === undefined ? undefined : parseDate(p.fromDate, fmt);
		if (p.fromDate !== undefined && !from) throw badDate('fromDate', fmt);
		const to = p.toDate === undefined ? undefined : parseDate(p.toDate, fmt);
		if (p.toDate !== undefined && !to) throw badDate('toDate', fmt);
		const billing = p.billingStatus === undefined ? 'all' : this.billing(p.billingStatus);
		if (!billing) throw new PeopleError(7016, 'Invalid input data for the parameter billingStatus');
		const jobId =
			p.jobId === undefined || p.jobId === 'all' || p.jobId === '0' ? undefined : p.jobId;
		const { start, limit } = this.page(p, 0);
		const rows = this.timeLogList.filter(
			(l) =>
				(!emp || l.erecno === String(emp.Zoho_ID)) &&
				(!from || l.workDate.getTime() >= from.getTime()) &&
				(!to || l.workDate.getTime() <= to.getTime()) &&
				(billing === 'all' || l.billingStatus === billing) &&
				(!jobId || l.jobId === jobId),
		);
		const slice = rows.slice(start, start + limit);
		if (slice.length === 0) throw new PeopleError(7024, 'No records found');
		const result = slice.map((l) => {
			const e = this.findEmployee(l.erecno);
			const job = this.jobs.find((j) => j.jobId === l.jobId);
			return {
				erecno: l.erecno,
				timerLog: false,
				employeeMailId: e?.EmailID,
				employeeFirstName: e?.FirstName,
				employeeLastName: e?.LastName,
				isDeleteAllowed: true,
				type: '0',
				workDate: formatDate(l.workDate, fmt),
				fromTime: 0,
				toTime: 0,
				billedStatus: 'not billed',
				jobIsActive: true,
				jobName: job?.jobName ?? '',
				approvalStatus: 'Draft',
				hours: hhmm(l.minutes * 60000),
				jobIsCompleted: 0,
				jobBillableStatus: job?.jobBillableStatus ?? '1',
				isEditAllowed: true,
				billingStatus: l.billingStatus,
				jobId: l.jobId,
				totaltime: l.minutes * 60,
				timelogId: l.timelogId,
				description: l.description,
				commentsCount: 0,
			};
		});
		return { result, isNextAvailable: start + limit < rows.length };
	}

	/** addtimelog; returns the new timelog id (string on the wire). */
	addTimeLog(p: Record<string, string>): string {
		const fmt = this.dateFormat(p, TIMETRACKER_DATE_FORMAT);
		if (!p.user) throw missing('user');
		const emp = this.findEmployee(p.user);
		if (!emp) throw noUser();
		if (!p.workDate) throw missing('workDate');
		const workDate = parseDate(p.workDate, fmt);
		if (!workDate) throw badDate('workDate', fmt);
		if (!p.jobId) throw missing('jobId');
		const job = this.jobs.find((j) => j.jobId === p.jobId);
		if (!job) throw new PeopleError(7050, 'Invalid value for the field jobId');
		if (!p.hours) throw missing('hours');
		const minutes = parseHours(p.hours);
		if (minutes === undefined)
			throw new PeopleError(7016, 'Invalid input data for the parameter hours');
		let billingStatus: 'billable' | 'non-billable' =
			job.jobBillableStatus === '1' ? 'billable' : 'non-billable';
		if (p.billingStatus !== undefined) {
			const b = this.billing(p.billingStatus);
			if (!b || b === 'all')
				throw new PeopleError(7016, 'Invalid input data for the parameter billingStatus');
			billingStatus = b;
		}
		const log: TimeLog = {
			timelogId: this.nextId(),
			erecno: String(emp.Zoho_ID),
			jobId: job.jobId,
			workDate,
			minutes,
			billingStatus,
			description: p.description ?? '',
		};
		this.timeLogList.push(log);
		return log.timelogId;
	}
}

/** One condition of getRecords' `searchParams`. */
interface SearchCondition {
	field: string;
	operator: string;
	text: string;
	criteria: 'AND' | 'OR';
}

/**
 * `searchParams`: '|'-separated objects `{searchField, searchOperator, searchText, searchCriteria}`
 * ([O] forms-api/search-record.html). Zoho's own example writes them JS-style
 * (`{searchField:'Employeestatus',searchOperator:'Is',searchText:'Active'}`); strict JSON is read
 * too. Operator default Contains, criteria default AND ([O]). Unknown field or operator → 7042.
 * UNCERTAIN (the sandbox's choices): '|' is split only outside quotes; each condition's
 * searchCriteria joins it to the conditions before it; text matching is case-insensitive.
 */
function parseSearchParams(raw: string, def: FormDef): SearchCondition[] {
	const parts: string[] = [];
	let current = '';
	let quote = '';
	for (const ch of raw) {
		if (quote) {
			if (ch === quote) quote = '';
		} else if (ch === '"' || ch === "'") quote = ch;
		else if (ch === '|') {
			parts.push(current);
			current = '';
			continue;
		}
		current += ch;
	}
	parts.push(current);
	const invalid = () => new PeopleError(7042, 'Specified search value is invalid');
	return parts.map((part) => {
		let parsed: unknown;
		try {
			parsed = JSON.parse(part);
		} catch {
			// JS-style: bare keys and single-quoted strings, as in Zoho's example.
			const strict = part
				.replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:/g, '$1"$2":')
				.replace(/'((?:[^'\\]|\\.)*)'/g, (_m, text: string) => JSON.stringify(text));
			try {
				parsed = JSON.parse(strict);
			} catch {
				throw invalid();
			}
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
		const c = parsed as Record<string, unknown>;
		const field = String(c.searchField ?? '');
		const operator = String(c.searchOperator ?? 'Contains');
		const criteria = String(c.searchCriteria ?? 'AND').toUpperCase();
		if (!def.fields.some((f) => f.labelname === field)) throw invalid();
		if (!SEARCH_OPERATORS[operator] || (criteria !== 'AND' && criteria !== 'OR')) throw invalid();
		return { field, operator, text: String(c.searchText ?? ''), criteria };
	});
}

const SEARCH_OPERATORS: Record<string, (value: string, text: string) => boolean> = {
	Is: (v, t) => v === t,
	Is_Not: (v, t) => v !== t,
	Contains: (v, t) => v.includes(t),
	Not_Contains: (v, t) => !v.includes(t),
	Starts_With: (v, t) => v.startsWith(t),
	Ends_With: (v, t) => v.endsWith(t),
	Is_Empty: (v) => v === '',
	Is_Not_Empty: (v) => v !== '',
};

function matchesSearch(rec: Rec, conditions: SearchCondition[]): boolean {
	let result = true;
	conditions.forEach((c, i) => {
		const value = String(rec[c.field] ?? '').toLowerCase();
		const hit = SEARCH_OPERATORS[c.operator](value, c.text.toLowerCase());
		result = i === 0 ? hit : c.criteria === 'OR' ? result || hit : result && hit;
	});
	return result;
}

function noUserThrow(): never {
	throw noUser();
}

/**
 * Out-of-process control commands for People (`POST /__sandbox/people-<cmd>` on the accounts port).
 * Returns undefined for commands it does not know.
 */
export function peopleControl(
	people: PeopleService,
	cmd: string,
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- control bodies are free-form JSON
	b: Record<string, any>,
): Record<string, unknown> | undefined {
	switch (cmd) {
		case 'people-threshold':
			people.setThreshold(b as ThresholdSpec);
			return {};
		case 'people-lock':
			people.setLock(b as { path: string; lockMs?: number });
			return {};
		case 'people-documented-thresholds':
			people.useDocumentedThresholds({ on: b.on ?? true, lockMs: b.lockMs, windowMs: b.windowMs });
			return {};
		case 'people-clear-thresholds':
			people.clearThresholds();
			return {};
		case 'people-daily-limit':
			people.setDailyLimit(b.limit === undefined || b.limit === null ? undefined : Number(b.limit));
			return {};
		case 'people-seed': {
			const form = String(b.form ?? 'employee');
			return { ids: people.seedRecords(form, Number(b.n ?? 0)).map((x) => String(x.Zoho_ID)) };
		}
		case 'people-seed-leaves':
			return {
				ids: people
					.seedLeaves(Number(b.n ?? 0), { status: b.status, from: b.from })
					.map((x) => String(x.Zoho_ID)),
			};
		case 'people-seed-timelogs':
			return {
				ids: people
					.seedTimeLogs(Number(b.n ?? 0), { user: b.user, from: b.from })
					.map((x) => x.timelogId),
			};
		case 'people-state': {
			// Read-only view of the stored data for out-of-process tests: records of the forms named in
			// `forms` (Zoho_ID as a quoted string), attendance entries (dates as ISO UTC wall clock) and time logs.
			const forms: string[] = Array.isArray(b.forms) ? b.forms.map(String) : [];
			return {
				records: Object.fromEntries(
					forms.map((f) => [f, (people.records.get(f) ?? []).map((x) => ({ ...x }))]),
				),
				attendance: people.attendance.map((a) => ({ ...a })),
				timeLogs: people.timeLogList.map((l) => ({ ...l })),
			};
		}
		case 'people-leave-status':
			people.setLeaveStatus(String(b.id), b.status as LeaveStatus);
			return {};
		case 'people-record-times':
			people.recordTimes = {
				modifiedTimeField:
					b.modifiedTimeField === undefined
						? people.recordTimes.modifiedTimeField
						: b.modifiedTimeField === null
							? null
							: String(b.modifiedTimeField),
				modifiedtimeFilter: b.modifiedtimeFilter ?? people.recordTimes.modifiedtimeFilter,
			};
			return {};
		case 'people-latest-entries-style':
			people.latestEntriesStyle = { ...people.latestEntriesStyle, ...b };
			return {};
		case 'people-attendance-entry': {
			const entry = people.addAttendanceEntry({
				employee: String(b.employee),
				checkIn: b.checkIn ? new Date(String(b.checkIn)) : undefined,
				checkOut: b.checkOut ? new Date(String(b.checkOut)) : undefined,
				kind: b.kind,
				location: b.location,
			});
			return { erecno: entry.erecno };
		}
		case 'people-clock':
			people.setClock(b.iso ? () => new Date(String(b.iso)) : undefined);
			return {};
		case 'people-invalid-token-status':
			people.invalidTokenStatus = Number(b.status) === 401 ? 401 : 200;
			return {};
		default:
			return undefined;
	}
}
