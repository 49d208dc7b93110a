/**
 * Zoho Invoice v3 emulation: a generic engine (routing, envelopes, validation, paging, filters,
 * quotas, latency, numeric id fields) driven by the RESOURCES table in invoiceResources.ts.
 */
import { flatQuery } from './body';
import {
	OrgData,
	RawReply,
	RESOURCES,
	ZohoError,
	type ActionResult,
	type HookCtx,
	type Method,
	type Rec,
	type ResourceDef,
	type SentEmail,
} from './invoiceResources';
import { serialize } from './json';
import { jsonReply, type RecordedRequest, type Reply, type Timers } from './types';

export { OrgData, RawReply, RESOURCES, ZohoError, pdfDocument } from './invoiceResources';
export type {
	Action,
	ActionResult,
	HookCtx,
	Method,
	Rec,
	ResourceDef,
	SentEmail,
} from './invoiceResources';

export interface Organization {
	organization_id: string;
	name: string;
	time_zone: string;
	is_default_org: boolean;
	currency_code: string;
	[extra: string]: unknown;
}

/** In-memory records, per organization and resource. */
export class InvoiceStore {
	orgs = new Map<string, OrgData>();
	private idCounter = 0n;

	org(orgId: string): OrgData {
		let o = this.orgs.get(orgId);
		if (!o) this.orgs.set(orgId, (o = new OrgData()));
		return o;
	}

	/** 18-digit decimal string ids: 460000000000000001, ... */
	nextId(): string {
		this.idCounter += 1n;
		return (460000000000000000n + this.idCounter).toString();
	}

	records(res: string, orgId: string): Rec[] {
		return [...this.org(orgId).table(res).values()];
	}

	get(res: string, id: string, orgId: string): Rec | undefined {
		return this.org(orgId).table(res).get(id);
	}

	clear(): void {
		this.orgs.clear();
		this.idCounter = 0n;
	}
}

export interface InvoiceLimits {
	perMinute?: { limit: number; windowMs?: number };
	perDay?: { limit: number };
	concurrency?: { limit: number };
	omitQuotaCode?: boolean;
}

interface QuotaState {
	minuteStart: number;
	minuteCount: number;
	dayCount: number;
	inFlight: number;
}

export const DEFAULT_ORG: Organization = {
	organization_id: '60012345678',
	name: 'Sandbox Traders',
	time_zone: 'Asia/Kolkata',
	is_default_org: true,
	currency_code: 'INR',
};

const ORG_HEADER = 'x-com-zoho-invoice-organizationid';

/** Zoho-style timestamp: 2024-05-01T10:00:00+0000. */
export function zohoTime(d: Date): string {
	return `${d.toISOString().slice(0, 19)}+0000`;
}

/**
 * Zoho-style timestamp in a time zone, with that zone's offset: 2024-05-01T15:30:00+0530. Zoho
 * writes created_time and last_modified_time so, in the organization's time zone (Zoho Books v3
 * OpenAPI examples: invoices "2013-11-18T02:02:51-0800", contacts "2013-10-07T18:24:51+0530").
 */
export function zohoTimeIn(d: Date, zone: string): string {
	const parts: Record<string, string> = {};
	for (const part of new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(d))
		parts[part.type] = part.value;
	const hour = String(Number(parts.hour) % 24).padStart(2, '0');
	const wall = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(hour),
		Number(parts.minute),
		Number(parts.second),
	);
	const offset = Math.round((wall - Math.floor(d.getTime() / 1000) * 1000) / 60000);
	const abs = Math.abs(offset);
	const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
	return `${parts.year}-${parts.month}-${parts.day}T${hour}:${parts.minute}:${parts.second}${offset < 0 ? '-' : '+'}${hhmm}`;
}

/** Parses ISO or Zoho timestamps (`+0000` offsets) and plain dates; NaN when invalid. */
export function parseTime(s: string): number {
	const t = s
		.trim()
		.replace(' ', '+')
		.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	return /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(t) ? Date.parse(t) : Number.NaN;
}

const STD_METHODS: Method[] = ['list', 'get', 'create', 'update', 'delete'];
const PROTECTED = ['created_time', 'last_modified_time'];
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export class InvoiceService {
	store = new InvoiceStore();
	numericIdFields = new Set<string>();
	/** Every email "sent" through POST /invoices|estimates/{id}/email, oldest first. */
	emails: SentEmail[] = [];
	private organizations: Organization[] = [{ ...DEFAULT_ORG }];
	private limits: InvoiceLimits = {};
	private quotas = new Map<string, QuotaState>();
	private latencyMs = 0;
	private clock: () => Date = () => new Date();
	private timeStyle: 'utc' | 'organization' = 'utc';

	constructor(
		private isValidToken: (authHeader: string | undefined) => boolean,
		private timers: Timers,
	) {}

	reset(): void {
		this.store.clear();
		this.numericIdFields.clear();
		this.emails = [];
		this.organizations = [{ ...DEFAULT_ORG }];
		this.limits = {};
		this.quotas.clear();
		this.latencyMs = 0;
		this.clock = () => new Date();
		this.timeStyle = 'utc';
	}

	/** Replaces the clock used for created_time/last_modified_time and default dates (undefined: real time). */
	setClock(clock?: () => Date): void {
		this.clock = clock ?? (() => new Date());
	}

	/**
	 * How created_time / last_modified_time are written: `+0000` (the default, kept for the tests
	 * written against it) or, as Zoho does, in the organization's time zone with its offset.
	 */
	setTimeStyle(style: 'utc' | 'organization'): void {
		this.timeStyle = style;
	}

	setOrganizations(orgs: Organization[]): void {
		this.organizations = orgs.map((o) => ({ ...o }));
	}

	getOrganizations(): Organization[] {
		return this.organizations;
	}

	defaultOrgId(): string {
		const o = this.organizations.find((x) => x.is_default_org) ?? this.organizations[0];
		if (!o) throw new Error('sandbox: no organizations');
		return o.organization_id;
	}

	/** Records of a resource (table name, e.g. 'customerpayments') in an organization (default org when omitted). */
	records(res: string, orgId = this.defaultOrgId()): Rec[] {
		return this.store.records(res, orgId);
	}

	/** One record by id, or undefined. */
	get(res: string, id: string, orgId = this.defaultOrgId()): Rec | undefined {
		return this.store.get(res, id, orgId);
	}

	setLimits(limits: InvoiceLimits): void {
		this.limits = { ...limits };
		this.quotas.clear();
	}

	setLatency(ms: number): void {
		this.latencyMs = ms;
	}

	private def(res: string): ResourceDef {
		const def = RESOURCES.find((d) => d.plural === res);
		if (!def) throw new Error(`sandbox: unknown resource ${res}`);
		return def;
	}

	ctx(orgId: string): HookCtx {
		const org = this.store.org(orgId);
		const organization = this.organizations.find((o) => o.organization_id === orgId);
		const currencyCode = organization?.currency_code ?? DEFAULT_ORG.currency_code;
		const zone = this.timeStyle === 'organization' ? organization?.time_zone : undefined;
		return {
			orgId,
			org,
			currencyCode,
			nextId: () => this.store.nextId(),
			now: () => (zone ? zohoTimeIn(this.clock(), zone) : zohoTime(this.clock())),
			today: () => this.clock().toISOString().slice(0, 10),
			recordEmail: (e) => {
				this.emails.push({ ...e, orgId, at: zohoTime(this.clock()) });
			},
		};
	}

	/**
	 * Creates a record directly in the store, with the same defaults, validation and side effects as
	 * POST (no quota, no request recorded). Throws on invalid input.
	 */
	create(res: string, fields: Rec, orgId = this.defaultOrgId()): Rec {
		try {
			return this.insert(this.def(res), fields, this.ctx(orgId));
		} catch (e) {
			if (e instanceof ZohoError)
				throw new Error(`sandbox: cannot create ${res}: ${e.code} ${e.message}`);
			throw e;
		}
	}

	/**
	 * Changes a record directly in the store as PUT does (same merge, validation, side effects and
	 * last_modified_time; no quota, no request recorded). Throws on invalid input or an unknown id.
	 */
	modify(res: string, id: string, fields: Rec, orgId = this.defaultOrgId()): Rec {
		const def = this.def(res);
		const ctx = this.ctx(orgId);
		const rec = ctx.org.table(def.plural).get(id);
		if (!rec) throw new Error(`sandbox: no ${res} ${id}`);
		try {
			return this.update(def, rec, fields, ctx);
		} catch (e) {
			if (e instanceof ZohoError)
				throw new Error(`sandbox: cannot modify ${res}: ${e.code} ${e.message}`);
			throw e;
		}
	}

	/**
	 * Runs a record action as its route does, e.g. `act('invoices', id, 'POST status/sent')`
	 * (last_modified_time bumped when the record changed). Throws on a refused action.
	 */
	act(res: string, id: string, action: string, input: Rec = {}, orgId = this.defaultOrgId()): Rec {
		const def = this.def(res);
		const ctx = this.ctx(orgId);
		const rec = ctx.org.table(def.plural).get(id);
		const run = def.actions?.[action];
		if (!rec || !run) throw new Error(`sandbox: no ${res} ${id} or action ${action}`);
		const before = JSON.stringify(rec);
		try {
			run(rec, ctx, input, {});
		} catch (e) {
			if (e instanceof ZohoError)
				throw new Error(`sandbox: ${action} refused: ${e.code} ${e.message}`);
			throw e;
		}
		if (JSON.stringify(rec) !== before) rec.last_modified_time = ctx.now();
		return rec;
	}

	/** Deletes a record as DELETE does (with its side effects, e.g. a payment's money given back). */
	remove(res: string, id: string, orgId = this.defaultOrgId()): void {
		const def = this.def(res);
		const ctx = this.ctx(orgId);
		const table = ctx.org.table(def.plural);
		const rec = table.get(id);
		if (!rec) throw new Error(`sandbox: no ${res} ${id}`);
		def.onDelete?.(rec, ctx);
		table.delete(id);
	}

	/**
	 * Zoho's own overdue job, run when the test says: every sent invoice with a balance whose due
	 * date is before today (sandbox clock, UTC) gets the status `overdue`. Assumption: Zoho stores
	 * that status (its lists show "overdue", Books OAS status values) and does it without a request;
	 * whether it also bumps last_modified_time is not documented, so `touch` chooses. The
	 * `Status.OverDue` filter matches such invoices by date before and after the job.
	 */
	sweepOverdue(opts: { touch?: boolean; orgId?: string } = {}): Rec[] {
		const ctx = this.ctx(opts.orgId ?? this.defaultOrgId());
		const swept: Rec[] = [];
		for (const inv of ctx.org.table('invoices').values()) {
			if (inv.status !== 'sent' || !(Number(inv.balance) > 0)) continue;
			if (!(String(inv.due_date ?? '') < ctx.today())) continue;
			inv.status = 'overdue';
			if (opts.touch) inv.last_modified_time = ctx.now();
			swept.push(inv);
		}
		return swept;
	}

	/** Seeds n sample records of a resource (and whatever they reference when missing). */
	seed(res: string, n: number, orgId = this.defaultOrgId()): Rec[] {
		const def = this.def(res);
		if (!def.sample) throw new Error(`sandbox: ${res} cannot be seeded`);
		const ctx = this.ctx(orgId);
		const out: Rec[] = [];
		for (let i = 0; i < n; i++) {
			out.push(
				this.create(
					res,
					def.sample(i, ctx, (r, k) => this.seed(r, k, orgId)),
					orgId,
				),
			);
		}
		return out;
	}

	seedContacts(n: number, orgId?: string): Rec[] {
		return this.seed('contacts', n, orgId);
	}

	seedInvoices(n: number, orgId?: string): Rec[] {
		return this.seed('invoices', n, orgId);
	}

	seedEstimates(n: number, orgId?: string): Rec[] {
		return this.seed('estimates', n, orgId);
	}

	seedItems(n: number, orgId?: string): Rec[] {
		return this.seed('items', n, orgId);
	}

	seedCustomerPayments(n: number, orgId?: string): Rec[] {
		return this.seed('customerpayments', n, orgId);
	}

	seedCreditNotes(n: number, orgId?: string): Rec[] {
		return this.seed('creditnotes', n, orgId);
	}

	seedExpenses(n: number, orgId?: string): Rec[] {
		return this.seed('expenses', n, orgId);
	}

	seedProjects(n: number, orgId?: string): Rec[] {
		return this.seed('projects', n, orgId);
	}

	seedRecurringInvoices(n: number, orgId?: string): Rec[] {
		return this.seed('recurringinvoices', n, orgId);
	}

	private reply(status: number, body: Rec): Reply {
		return jsonReply(status, serialize(body, this.numericIdFields));
	}

	async handle(r: RecordedRequest): Promise<Reply> {
		const segs = r.path.split('/').filter(Boolean);
		if (segs[0] !== 'invoice' || segs[1] !== 'v3')
			return this.reply(404, { code: 5, message: 'Invalid URL Passed' });
		if (!this.isValidToken(r.headers.authorization)) {
			return this.reply(401, {
				code: 57,
				message: 'You are not authorized to perform this operation',
			});
		}
		const rest = segs.slice(2);
		const q = flatQuery(r.query);
		const isOrgList = rest[0] === 'organizations';
		const orgId = r.headers[ORG_HEADER] ?? q.organization_id;
		const known =
			orgId !== undefined && this.organizations.some((o) => o.organization_id === orgId);
		if (!isOrgList && !known) {
			return this.reply(400, {
				code: 6041,
				message: 'This user is not associated with the organization ID.',
			});
		}
		const quotaOrg = known
			? (orgId as string)
			: this.organizations.length
				? this.defaultOrgId()
				: '';
		const rejected = this.checkQuota(quotaOrg);
		if (rejected) return rejected;
		const state = this.quota(quotaOrg);
		state.inFlight += 1;
		try {
			await this.timers.sleep(this.latencyMs);
			if (isOrgList) return this.organizationsRoute(r.method, rest);
			return this.route(r, rest, q, orgId as string);
		} catch (e) {
			if (e instanceof ZohoError) return this.reply(e.status, { code: e.code, message: e.message });
			throw e;
		} finally {
			state.inFlight -= 1;
		}
	}

	private quota(orgId: string): QuotaState {
		let s = this.quotas.get(orgId);
		if (!s)
			this.quotas.set(orgId, (s = { minuteStart: 0, minuteCount: 0, dayCount: 0, inFlight: 0 }));
		return s;
	}

	private checkQuota(orgId: string): Reply | undefined {
		const s = this.quota(orgId);
		const l = this.limits;
		const now = Date.now();
		const deny = (code: number, message: string): Reply =>
			l.omitQuotaCode ? jsonReply(429, '{}') : this.reply(429, { code, message });
		if (l.concurrency && s.inFlight >= l.concurrency.limit) {
			return deny(
				1070,
				'You have reached the maximum number of in process requests allowed. Kindly try again after some time.',
			);
		}
		if (l.perMinute) {
			const windowMs = l.perMinute.windowMs ?? 60000;
			if (now - s.minuteStart >= windowMs) {
				s.minuteStart = now;
				s.minuteCount = 0;
			}
			if (s.minuteCount >= l.perMinute.limit) {
				return deny(
					44,
					'For security reasons your organization has been blocked as it have exceeded the maximum number of requests per minute that can originate from an organization.',
				);
			}
		}
		if (l.perDay && s.dayCount >= l.perDay.limit) {
			return deny(
				45,
				`The API call for this organization has exceeded the maximum call rate limit of ${l.perDay.limit}.`,
			);
		}
		s.minuteCount += 1;
		s.dayCount += 1;
		return undefined;
	}

	private organizationsRoute(method: string, rest: string[]): Reply {
		if (method !== 'GET') return this.methodNotAllowed(method);
		if (rest.length === 1)
			return this.reply(200, { code: 0, message: 'success', organizations: this.organizations });
		const org = this.organizations.find((o) => o.organization_id === rest[1]);
		if (!org || rest.length > 2) return this.reply(404, { code: 5, message: 'Invalid URL Passed' });
		return this.reply(200, { code: 0, message: 'success', organization: org });
	}

	private methodNotAllowed(method: string): Reply {
		return this.reply(405, {
			code: 37,
			message: `The HTTP method ${method} is not allowed for the requested resource`,
		});
	}

	private notFound(): Reply {
		return this.reply(404, { code: 5, message: 'Invalid URL Passed' });
	}

	private answer(result: ActionResult): Reply {
		if (result instanceof RawReply) return result.reply;
		return this.reply(200, { code: 0, ...result });
	}

	private route(
		r: RecordedRequest,
		rest: string[],
		q: Record<string, string>,
		orgId: string,
	): Reply {
		const def = RESOURCES.find((d) => {
			const p = (d.path ?? d.plural).split('/');
			return p.every((seg, i) => rest[i] === seg);
		});
		if (!def) return this.notFound();
		const sub = rest.slice((def.path ?? def.plural).split('/').length);
		const methods = def.methods ?? STD_METHODS;
		const allowed = (m: Method): boolean => methods.includes(m);
		const ctx = this.ctx(orgId);
		const table = ctx.org.table(def.plural);
		if (sub.length === 0) {
			if (r.method === 'GET' && allowed('list')) return this.list(def, ctx, q);
			if (r.method === 'POST' && allowed('create')) {
				const rec = this.insert(def, this.input(r), ctx);
				return this.reply(201, { code: 0, message: def.created, [def.singular]: rec });
			}
			return this.methodNotAllowed(r.method);
		}
		const route = def.collection?.[`${r.method} ${sub.join('/')}`];
		if (route) return this.answer(route(ctx, this.input(r, true), q));
		const id = sub[0];
		const rec = table.get(id);
		const missing = (): Reply =>
			this.reply(404, { code: 1002, message: `${def.label} does not exist.` });
		if (sub.length === 1) {
			if (r.method === 'GET' && allowed('get')) {
				if (!rec) return missing();
				const alt = def.onGet?.(rec, ctx, q, r.headers);
				if (alt) return alt.reply;
				return this.reply(200, { code: 0, message: 'success', [def.singular]: rec });
			}
			if (r.method === 'PUT' && allowed('update')) {
				if (!rec) return missing();
				const updated = this.update(def, rec, this.input(r), ctx);
				return this.reply(200, { code: 0, message: def.updated, [def.singular]: updated });
			}
			if (r.method === 'DELETE' && allowed('delete')) {
				if (!rec) return missing();
				def.onDelete?.(rec, ctx);
				table.delete(id);
				return this.reply(200, { code: 0, message: def.deleted });
			}
			return this.methodNotAllowed(r.method);
		}
		const action = def.actions?.[`${r.method} ${sub.slice(1).join('/')}`];
		if (!action) {
			const other = Object.keys(def.actions ?? {}).some(
				(k) => k.slice(k.indexOf(' ') + 1) === sub.slice(1).join('/'),
			);
			return other ? this.methodNotAllowed(r.method) : this.notFound();
		}
		if (!rec) return missing();
		const before = JSON.stringify(rec);
		const result = action(rec, ctx, this.input(r, true), q);
		if (JSON.stringify(rec) !== before) rec.last_modified_time = ctx.now();
		return this.answer(result);
	}

	/** Body as JSON, or from the JSONString form/query field. Throws a code 4 error on bad input. */
	private input(r: RecordedRequest, optional = false): Rec {
		let v: unknown = r.body;
		const jsonString = r.form?.JSONString ?? flatQuery(r.query).JSONString;
		const bad = new ZohoError(4, 'Invalid value passed for JSONString');
		if (jsonString !== undefined) {
			try {
				v = JSON.parse(jsonString);
			} catch {
				throw bad;
			}
		}
		if (v === undefined && optional) return {};
		if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad;
		return v as Rec;
	}

	private checkRequired(def: ResourceDef, rec: Rec): void {
		for (const f of def.required) {
			const v = rec[f];
			if (
				v === undefined ||
				v === null ||
				(typeof v === 'string' && v.trim() === '') ||
				(Array.isArray(v) && v.length === 0)
			) {
				const e = def.requiredErrors?.[f] ?? { code: 4, message: `Invalid value passed for ${f}` };
				throw new ZohoError(e.code, e.message);
			}
		}
	}

	private checkNumber(def: ResourceDef, rec: Rec, table: Map<string, Rec>): void {
		if (!def.numbering) return;
		const f = def.numbering.field;
		const clash = [...table.values()].some(
			(x) => x[def.idField] !== rec[def.idField] && x[f] === rec[f],
		);
		if (clash) throw new ZohoError(1001, `${def.label} "${String(rec[f])}" already exists.`);
	}

	private insert(def: ResourceDef, input: Rec, ctx: HookCtx): Rec {
		const now = ctx.now();
		const rec: Rec = {
			...input,
			[def.idField]: ctx.nextId(),
			created_time: now,
			last_modified_time: now,
		};
		this.checkRequired(def, rec);
		def.defaults?.(rec, ctx);
		def.validate?.(rec, ctx, undefined);
		const table = ctx.org.table(def.plural);
		if (
			def.numbering &&
			(rec[def.numbering.field] === undefined || rec[def.numbering.field] === '')
		) {
			const { field, prefix, pad } = def.numbering;
			rec[field] = `${prefix}${String(ctx.org.nextNumber(def.plural)).padStart(pad, '0')}`;
		}
		this.checkNumber(def, rec, table);
		table.set(String(rec[def.idField]), rec);
		def.afterSave?.(rec, ctx, undefined);
		return rec;
	}

	/** PUT: merges writable fields into a copy, re-validates, then commits in place. */
	private update(def: ResourceDef, rec: Rec, input: Rec, ctx: HookCtx): Rec {
		const skip = new Set([def.idField, ...PROTECTED, ...(def.readOnlyFields ?? [])]);
		const prev = structuredClone(rec);
		const next: Rec = structuredClone(rec);
		for (const [k, v] of Object.entries(input)) if (!skip.has(k)) next[k] = v;
		this.checkRequired(def, next);
		def.validate?.(next, ctx, prev);
		this.checkNumber(def, next, ctx.org.table(def.plural));
		next.last_modified_time = ctx.now();
		for (const k of Object.keys(rec)) delete rec[k];
		Object.assign(rec, next);
		def.afterSave?.(rec, ctx, prev);
		return rec;
	}

	private list(def: ResourceDef, ctx: HookCtx, q: Record<string, string>): Reply {
		let rows = [...ctx.org.table(def.plural).values()];
		const lc = (v: unknown): string => String(v ?? '').toLowerCase();
		if (q.search_text) {
			const needle = q.search_text.toLowerCase();
			rows = rows.filter((x) => def.searchFields.some((f) => lc(x[f]).includes(needle)));
		}
		for (const f of def.filterFields ?? []) {
			if (q[f] !== undefined) rows = rows.filter((x) => lc(x[f]) === q[f].toLowerCase());
			if (q[`${f}_startswith`] !== undefined)
				rows = rows.filter((x) => lc(x[f]).startsWith(q[`${f}_startswith`].toLowerCase()));
			if (q[`${f}_contains`] !== undefined)
				rows = rows.filter((x) => lc(x[f]).includes(q[`${f}_contains`].toLowerCase()));
		}
		let applied = 'Status.All';
		const statuses: string[] = [];
		if (q.filter_by) {
			const m = /^Status\.(\w+)$/i.exec(q.filter_by);
			if (!m) throw new ZohoError(4, 'Invalid value passed for filter_by');
			applied = `Status.${cap(m[1])}`;
			statuses.push(m[1]);
		}
		if (q.status) statuses.push(q.status);
		for (const s of statuses.map((x) => x.toLowerCase()).filter((x) => x !== 'all')) {
			rows = rows.filter((x) =>
				def.statusMatches ? def.statusMatches(x, s, ctx) : lc(x.status) === s,
			);
		}
		if (def.dateField && (q.date_start || q.date_end)) {
			for (const k of ['date_start', 'date_end']) {
				if (q[k] && !/^\d{4}-\d{2}-\d{2}$/.test(q[k]))
					throw new ZohoError(4, `Invalid value passed for ${k}`);
			}
			const f = def.dateField;
			if (q.date_start) rows = rows.filter((x) => String(x[f] ?? '') >= q.date_start);
			if (q.date_end) rows = rows.filter((x) => String(x[f] ?? '') <= q.date_end);
		}
		for (const f of def.rangeFields ?? []) {
			const bound = (suffix: string, keep: (value: string, limit: string) => boolean) => {
				const limit = q[`${f}_${suffix}`];
				if (limit === undefined) return;
				if (!/^\d{4}-\d{2}-\d{2}$/.test(limit))
					throw new ZohoError(4, `Invalid value passed for ${f}_${suffix}`);
				rows = rows.filter((x) => x[f] !== undefined && keep(String(x[f]), limit));
			};
			bound('start', (v, l) => v >= l);
			bound('end', (v, l) => v <= l);
			bound('after', (v, l) => v > l);
			bound('before', (v, l) => v < l);
		}
		if (q.last_modified_time) {
			const since = parseTime(q.last_modified_time);
			if (Number.isNaN(since))
				throw new ZohoError(4, 'Invalid value passed for last_modified_time');
			rows = rows.filter((x) => parseTime(String(x.last_modified_time ?? '')) >= since);
		}
		const sortColumn = q.sort_column || def.sortColumn;
		const sortOrder = q.sort_order === 'D' ? 'D' : 'A';
		if (q.sort_column || q.sort_order) {
			const dir = sortOrder === 'D' ? -1 : 1;
			rows = [...rows].sort((a, b) => {
				const x = a[sortColumn];
				const y = b[sortColumn];
				// Times carry their zone's offset: they sort as instants (an empty one first).
				const c = sortColumn.endsWith('_time')
					? (parseTime(String(x ?? '')) || 0) - (parseTime(String(y ?? '')) || 0)
					: typeof x === 'number' && typeof y === 'number'
						? x - y
						: lc(x).localeCompare(lc(y));
				return c * dir;
			});
		}
		let perPage = Number.parseInt(q.per_page ?? '', 10);
		if (!Number.isFinite(perPage) || perPage <= 0 || perPage > 200) perPage = 200;
		let page = Number.parseInt(q.page ?? '', 10);
		if (!Number.isFinite(page) || page < 1) page = 1;
		const slice = rows.slice((page - 1) * perPage, page * perPage);
		return this.reply(200, {
			code: 0,
			message: 'success',
			[def.listKey ?? def.plural]: slice,
			page_context: {
				page,
				per_page: perPage,
				has_more_page: page * perPage < rows.length,
				report_name: def.label.endsWith('y')
					? `${def.label.slice(0, -1)}ies`
					: def.label.endsWith('x')
						? `${def.label}es`
						: `${def.label}s`,
				applied_filter: applied,
				sort_column: sortColumn,
				sort_order: sortOrder,
			},
		});
	}
}
