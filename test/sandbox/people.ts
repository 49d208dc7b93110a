/** Minimal Zoho People emulation (legacy /people/api envelope, errors inside HTTP 200). */
import { flatQuery } from './body';
import { serialize } from './json';
import { jsonReply, type RecordedRequest, type Reply } from './types';

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

/** Keys written as bare integers on the People wire. */
export const PEOPLE_NUMERIC_KEYS: ReadonlySet<string> = new Set(['componentId', 'Zoho_ID', 'recordId', 'pkId']);

const DEFAULT_FORMS: PeopleForm[] = [
	{ formLinkName: 'employee', displayName: 'Employee', componentId: '412762000000035001', PermissionDetails: { Add: 3, Edit: 3, View: 3 }, iscustom: false },
	{ formLinkName: 'department', displayName: 'Department', componentId: '412762000000035009', PermissionDetails: { Add: 3, Edit: 3, View: 3 }, iscustom: false },
	{ formLinkName: 'leave', displayName: 'Leave', componentId: '412762000000035305', PermissionDetails: { Add: 3, Edit: 3, View: 3 }, iscustom: false },
];

export class PeopleService {
	invalidTokenStatus: 200 | 401 = 200;
	forms: PeopleForm[] = DEFAULT_FORMS.map((f) => ({ ...f }));
	records = new Map<string, Array<Record<string, unknown>>>();
	private thresholds: Threshold[] = [];
	private idCounter = 0n;

	constructor(private isValidToken: (authHeader: string | undefined) => boolean) {}

	reset(): void {
		this.invalidTokenStatus = 200;
		this.forms = DEFAULT_FORMS.map((f) => ({ ...f }));
		this.records.clear();
		this.thresholds = [];
		this.idCounter = 0n;
	}

	private nextId(): string {
		this.idCounter += 1n;
		return (412762000000100000n + this.idCounter).toString();
	}

	seedRecords(form: string, n: number): void {
		const list = this.records.get(form) ?? [];
		this.records.set(form, list);
		for (let i = 0; i < n; i++) {
			const k = list.length + 1;
			const id = this.nextId();
			const rec: Record<string, unknown> =
				form === 'employee'
					? {
							EmployeeID: `EMP${String(k).padStart(4, '0')}`,
							FirstName: `First${k}`,
							LastName: `Last${k}`,
							EmailID: `employee${k}@example.com`,
							Employeestatus: 'Active',
							Department: 'Engineering',
						}
					: { Name: `${form} ${k}` };
			rec.Zoho_ID = id;
			list.push(rec);
		}
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

	/** Locks an endpoint right away (as if its threshold had been exceeded). */
	setLock(o: { path: string; lockMs?: number; prefix?: boolean }): void {
		const lockMs = o.lockMs ?? 300000;
		let t = this.thresholds.find((x) => x.path === o.path);
		if (!t) {
			this.setThreshold({ path: o.path, limit: Number.MAX_SAFE_INTEGER, lockMs, prefix: o.prefix });
			t = this.thresholds[this.thresholds.length - 1];
		}
		t.lockedUntil = Date.now() + lockMs;
	}

	private envelope(status: number, response: Record<string, unknown>): Reply {
		return jsonReply(status, serialize({ response }, PEOPLE_NUMERIC_KEYS));
	}

	private error(uri: string, code: number, message: string, status = 200): Reply {
		return this.envelope(status, { status: 1, errors: { code, message }, message: 'Error occurred', uri });
	}

	private ok(uri: string, result: unknown, message = 'Data fetched successfully'): Reply {
		return this.envelope(200, { result, message, uri, status: 0 });
	}

	/** Returns an error reply when the endpoint is locked; otherwise counts the call. */
	private throttled(path: string, uri: string): Reply | undefined {
		const now = Date.now();
		const norm = (x: string): string => (x.startsWith('/people/') ? x.slice('/people'.length) : x);
		const p = norm(path);
		for (const t of this.thresholds) {
			const tp = norm(t.path);
			if (!(p === tp || (t.prefix && p.startsWith(tp)))) continue;
			const blocked = (): Reply =>
				this.error(uri, 7209, 'API access blocked since threshold limit exceeded. Please try after some time');
			if (t.lockedUntil > now) return blocked();
			if (now - t.windowStart >= t.windowMs) {
				t.windowStart = now;
				t.count = 0;
			}
			if (t.count >= t.limit) {
				t.lockedUntil = now + t.lockMs;
				return blocked();
			}
			t.count += 1;
		}
		return undefined;
	}

	handle(r: RecordedRequest): Reply {
		// Both /people/api/... and /api/... are served.
		const path = r.path.startsWith('/people/') ? r.path.slice('/people'.length) : r.path;
		const uri = path;
		if (!path.startsWith('/api/')) return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
		if (!this.isValidToken(r.headers.authorization)) {
			return this.error(uri, 7202, 'Invalid OAuth token', this.invalidTokenStatus);
		}
		const locked = this.throttled(r.path, uri);
		if (locked) return locked;
		const segs = path.split('/').filter(Boolean); // ['api', 'forms', ...]
		const q = flatQuery(r.query);
		if (segs[1] === 'forms' && segs.length === 2 && r.method === 'GET') return this.ok(uri, this.forms);
		if (segs[1] === 'forms' && segs.length === 4 && segs[3] === 'getRecords') return this.getRecords(segs[2], q, uri);
		if (segs[1] === 'forms' && segs[2] === 'json' && segs.length === 5 && r.method === 'POST') {
			return this.write(segs[3], segs[4], r, uri);
		}
		return this.error(uri, 7005, 'Invalid API URL format');
	}

	private formKnown(form: string): boolean {
		return this.forms.some((f) => f.formLinkName === form);
	}

	private getRecords(form: string, q: Record<string, string>, uri: string): Reply {
		if (!this.formKnown(form)) return this.error(uri, 7011, 'Invalid form name');
		const limit = q.limit === undefined ? 200 : Number.parseInt(q.limit, 10);
		if (!Number.isFinite(limit) || limit < 1) return this.error(uri, 7016, 'Invalid input');
		if (limit > 200) return this.error(uri, 7021, 'Maximum record limit 200 exceeded');
		const sIndex = q.sIndex === undefined ? 1 : Number.parseInt(q.sIndex, 10);
		if (!Number.isFinite(sIndex) || sIndex < 1) return this.error(uri, 7016, 'Invalid input');
		let rows = this.records.get(form) ?? [];
		if (q.SearchColumn && q.SearchValue !== undefined) {
			const col = q.SearchColumn === 'EMPLOYEEMAILALIAS' ? 'EmailID' : q.SearchColumn === 'EMPLOYEEID' ? 'EmployeeID' : q.SearchColumn;
			rows = rows.filter((x) => String(x[col] ?? '') === q.SearchValue);
		}
		const slice = rows.slice(sIndex - 1, sIndex - 1 + limit);
		if (slice.length === 0) return this.error(uri, 7024, 'No records found');
		return this.ok(
			uri,
			slice.map((rec) => ({ [String(rec.Zoho_ID)]: [rec] })),
		);
	}

	private write(form: string, op: string, r: RecordedRequest, uri: string): Reply {
		if (!this.formKnown(form)) return this.error(uri, 7011, 'Invalid form name');
		const p = { ...flatQuery(r.query), ...(r.form ?? {}) };
		let input: Record<string, unknown>;
		try {
			const parsed: unknown = JSON.parse(p.inputData ?? '');
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
			input = parsed as Record<string, unknown>;
		} catch {
			return this.error(uri, p.inputData === undefined ? 7019 : 7016, p.inputData === undefined ? 'Missing parameter inputData' : 'Invalid input');
		}
		const list = this.records.get(form) ?? [];
		this.records.set(form, list);
		if (op === 'insertRecord') {
			const id = this.nextId();
			list.push({ ...input, Zoho_ID: id });
			return this.ok(uri, { pkId: id, message: 'Successfully Added' }, 'Data added successfully');
		}
		if (op === 'updateRecord') {
			const rec = list.find((x) => String(x.Zoho_ID) === p.recordId);
			if (!rec) return this.error(uri, 7049, 'Record does not exist');
			Object.assign(rec, input);
			return this.ok(uri, { pkId: p.recordId, message: 'Successfully Updated' }, 'Data updated successfully');
		}
		return this.error(uri, 7005, 'Invalid API URL format');
	}
}
