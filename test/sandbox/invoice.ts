/** Zoho Invoice v3 emulation: generic resource table, paging, quotas, numeric id fields. */
import { flatQuery } from './body';
import { serialize } from './json';
import { jsonReply, type RecordedRequest, type Reply, type Timers } from './types';

export type Rec = Record<string, unknown>;

export interface Organization {
	organization_id: string;
	name: string;
	time_zone: string;
	is_default_org: boolean;
	currency_code: string;
	[extra: string]: unknown;
}

export interface ResourceDef {
	plural: string;
	singular: string;
	/** Human label used in messages, e.g. 'Contact'. */
	label: string;
	idField: string;
	required: string;
	requiredError: { code: number; message: string };
	searchFields: string[];
	sortColumn: string;
	created: string;
	updated: string;
	deleted: string;
	/** Fills defaults on create; may return an error reply. */
	onCreate?(rec: Rec, org: OrgData): Reply | void;
}

/** Add a resource with one entry here. */
export const RESOURCES: ResourceDef[] = [
	{
		plural: 'contacts', singular: 'contact', label: 'Contact', idField: 'contact_id', required: 'contact_name',
		requiredError: { code: 3013, message: 'Enter a valid contact name' },
		searchFields: ['contact_name', 'company_name', 'email'], sortColumn: 'contact_name',
		created: 'The contact has been added.', updated: 'Contact information has been saved.', deleted: 'The contact has been deleted.',
		onCreate: (r) => {
			r.status ??= 'active';
			r.contact_type ??= 'customer';
			r.company_name ??= '';
		},
	},
	{
		plural: 'invoices', singular: 'invoice', label: 'Invoice', idField: 'invoice_id', required: 'customer_id',
		requiredError: { code: 4, message: 'Invalid value passed for customer_id' },
		searchFields: ['invoice_number', 'customer_name', 'reference_number'], sortColumn: 'created_time',
		created: 'The invoice has been created.', updated: 'Invoice information has been updated.', deleted: 'The invoice has been deleted.',
		onCreate: (r, org) => {
			const customer = org.table('contacts').get(String(r.customer_id));
			if (!customer) return jsonReply(400, serialize({ code: 1002, message: 'Contact does not exist.' }));
			org.invoiceCounter += 1;
			r.invoice_number ??= `INV-${String(org.invoiceCounter).padStart(6, '0')}`;
			r.customer_id = String(r.customer_id);
			r.customer_name = customer.contact_name;
			r.status = 'draft';
			r.date ??= new Date().toISOString().slice(0, 10);
			const lines = Array.isArray(r.line_items) ? (r.line_items as Rec[]) : [];
			r.line_items = lines;
			r.total ??= lines.reduce((s, l) => s + Number(l.rate ?? 0) * Number(l.quantity ?? 1), 0);
			return undefined;
		},
	},
	{
		plural: 'items', singular: 'item', label: 'Item', idField: 'item_id', required: 'name',
		requiredError: { code: 4, message: 'Invalid value passed for name' },
		searchFields: ['name', 'sku', 'description'], sortColumn: 'name',
		created: 'The item has been added.', updated: 'The item details have been saved.', deleted: 'The item has been deleted.',
		onCreate: (r) => {
			r.status ??= 'active';
			r.rate ??= 0;
		},
	},
];

export class OrgData {
	tables = new Map<string, Map<string, Rec>>();
	invoiceCounter = 0;
	table(res: string): Map<string, Rec> {
		let t = this.tables.get(res);
		if (!t) this.tables.set(res, (t = new Map()));
		return t;
	}
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

export class InvoiceService {
	store = new InvoiceStore();
	numericIdFields = new Set<string>();
	private organizations: Organization[] = [{ ...DEFAULT_ORG }];
	private limits: InvoiceLimits = {};
	private quotas = new Map<string, QuotaState>();
	private latencyMs = 0;

	constructor(
		private isValidToken: (authHeader: string | undefined) => boolean,
		private timers: Timers,
	) {}

	reset(): void {
		this.store.clear();
		this.numericIdFields.clear();
		this.organizations = [{ ...DEFAULT_ORG }];
		this.limits = {};
		this.quotas.clear();
		this.latencyMs = 0;
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

	/** Records of a resource in an organization (default org when omitted). */
	records(res: string, orgId = this.defaultOrgId()): Rec[] {
		return this.store.records(res, orgId);
	}

	setLimits(limits: InvoiceLimits): void {
		this.limits = { ...limits };
		this.quotas.clear();
	}

	setLatency(ms: number): void {
		this.latencyMs = ms;
	}

	/** Creates a record directly in the store (no quota, no validation beyond defaults). */
	create(res: string, fields: Rec, orgId = this.defaultOrgId()): Rec {
		const def = RESOURCES.find((d) => d.plural === res);
		if (!def) throw new Error(`sandbox: unknown resource ${res}`);
		const org = this.store.org(orgId);
		const now = new Date().toISOString();
		const rec: Rec = { [def.idField]: this.store.nextId(), ...fields, created_time: now, last_modified_time: now };
		const errReply = def.onCreate?.(rec, org);
		if (errReply) throw new Error(`sandbox: cannot create ${res}: ${errReply.body}`);
		org.table(res).set(String(rec[def.idField]), rec);
		return rec;
	}

	seedContacts(n: number, orgId = this.defaultOrgId()): void {
		const start = this.store.org(orgId).table('contacts').size;
		for (let i = 1; i <= n; i++) {
			const k = String(start + i).padStart(4, '0');
			this.create(
				'contacts',
				{ contact_name: `Contact ${k}`, company_name: `Company ${k}`, email: `contact${k}@example.com` },
				orgId,
			);
		}
	}

	seedInvoices(n: number, orgId = this.defaultOrgId()): void {
		let customers = this.store.records('contacts', orgId);
		if (customers.length === 0) {
			this.seedContacts(1, orgId);
			customers = this.store.records('contacts', orgId);
		}
		for (let i = 0; i < n; i++) {
			const c = customers[i % customers.length];
			this.create(
				'invoices',
				{ customer_id: c.contact_id, line_items: [{ name: `Service ${i + 1}`, rate: 100 + i, quantity: 1 }] },
				orgId,
			);
		}
	}

	private reply(status: number, body: Rec): Reply {
		return jsonReply(status, serialize(body, this.numericIdFields));
	}

	async handle(r: RecordedRequest): Promise<Reply> {
		const segs = r.path.split('/').filter(Boolean);
		if (segs[0] !== 'invoice' || segs[1] !== 'v3') return this.reply(404, { code: 5, message: 'Invalid URL Passed' });
		if (!this.isValidToken(r.headers.authorization)) {
			return this.reply(401, { code: 57, message: 'You are not authorized to perform this operation' });
		}
		const rest = segs.slice(2);
		const q = flatQuery(r.query);
		const isOrgList = rest[0] === 'organizations';
		const orgId = r.headers[ORG_HEADER] ?? q.organization_id;
		const known = orgId !== undefined && this.organizations.some((o) => o.organization_id === orgId);
		if (!isOrgList && !known) {
			return this.reply(400, { code: 6041, message: 'This user is not associated with the organization ID.' });
		}
		const quotaOrg = known ? (orgId as string) : this.organizations.length ? this.defaultOrgId() : '';
		const rejected = this.checkQuota(quotaOrg);
		if (rejected) return rejected;
		const state = this.quota(quotaOrg);
		state.inFlight += 1;
		try {
			await this.timers.sleep(this.latencyMs);
			if (isOrgList) return this.organizationsRoute(r.method, rest);
			return this.route(r, rest, q, orgId as string);
		} finally {
			state.inFlight -= 1;
		}
	}

	private quota(orgId: string): QuotaState {
		let s = this.quotas.get(orgId);
		if (!s) this.quotas.set(orgId, (s = { minuteStart: 0, minuteCount: 0, dayCount: 0, inFlight: 0 }));
		return s;
	}

	private checkQuota(orgId: string): Reply | undefined {
		const s = this.quota(orgId);
		const l = this.limits;
		const now = Date.now();
		const deny = (code: number, message: string): Reply =>
			l.omitQuotaCode ? jsonReply(429, '{}') : this.reply(429, { code, message });
		if (l.concurrency && s.inFlight >= l.concurrency.limit) {
			return deny(1070, 'You have reached the maximum number of in process requests allowed. Kindly try again after some time.');
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
			return deny(45, `The API call for this organization has exceeded the maximum call rate limit of ${l.perDay.limit}.`);
		}
		s.minuteCount += 1;
		s.dayCount += 1;
		return undefined;
	}

	private organizationsRoute(method: string, rest: string[]): Reply {
		if (method !== 'GET') return this.methodNotAllowed(method);
		if (rest.length === 1) return this.reply(200, { code: 0, message: 'success', organizations: this.organizations });
		const org = this.organizations.find((o) => o.organization_id === rest[1]);
		if (!org || rest.length > 2) return this.reply(404, { code: 5, message: 'Invalid URL Passed' });
		return this.reply(200, { code: 0, message: 'success', organization: org });
	}

	private methodNotAllowed(method: string): Reply {
		return this.reply(405, { code: 37, message: `The HTTP method ${method} is not allowed for the requested resource` });
	}

	private route(r: RecordedRequest, rest: string[], q: Record<string, string>, orgId: string): Reply {
		const def = RESOURCES.find((d) => d.plural === rest[0]);
		if (!def || rest.length > 4) return this.reply(404, { code: 5, message: 'Invalid URL Passed' });
		const org = this.store.org(orgId);
		const table = org.table(def.plural);
		if (rest.length === 1) {
			if (r.method === 'GET') return this.list(def, table, q);
			if (r.method === 'POST') return this.createRoute(def, org, r);
			return this.methodNotAllowed(r.method);
		}
		const rec = table.get(rest[1]);
		const missing = (): Reply => this.reply(404, { code: 1002, message: `${def.label} does not exist.` });
		if (rest.length === 2) {
			if (!rec) return missing();
			if (r.method === 'GET') return this.reply(200, { code: 0, message: 'success', [def.singular]: rec });
			if (r.method === 'PUT') {
				const input = this.input(r);
				if (typeof input === 'string') return this.reply(400, { code: 4, message: input });
				if (def.required in input && !input[def.required]) {
					return this.reply(400, { ...def.requiredError });
				}
				for (const [k, v] of Object.entries(input)) if (k !== def.idField) rec[k] = v;
				rec.last_modified_time = new Date().toISOString();
				return this.reply(200, { code: 0, message: def.updated, [def.singular]: rec });
			}
			if (r.method === 'DELETE') {
				table.delete(rest[1]);
				return this.reply(200, { code: 0, message: def.deleted });
			}
			return this.methodNotAllowed(r.method);
		}
		// Actions
		if (r.method !== 'POST') return this.methodNotAllowed(r.method);
		if (!rec) return missing();
		const action = rest.slice(2).join('/');
		if (def.plural === 'invoices' && rest[2] === 'status' && rest.length === 4) {
			const target = rest[3];
			const map: Record<string, [string, string]> = {
				sent: ['sent', 'Invoice status has been changed to Sent.'],
				void: ['void', 'Invoice status has been changed to Void.'],
				draft: ['draft', 'Status of invoice changed from void to draft.'],
			};
			const m = map[target];
			if (!m) return this.reply(404, { code: 5, message: 'Invalid URL Passed' });
			rec.status = m[0];
			return this.reply(200, { code: 0, message: m[1] });
		}
		if ((action === 'active' || action === 'inactive') && def.plural !== 'invoices') {
			rec.status = action;
			return this.reply(200, { code: 0, message: `The ${def.singular} has been marked as ${action}.` });
		}
		return this.reply(404, { code: 5, message: 'Invalid URL Passed' });
	}

	/** Body as JSON, or from the JSONString form field. Returns an error message on bad input. */
	private input(r: RecordedRequest): Rec | string {
		let v: unknown = r.body;
		const jsonString = r.form?.JSONString ?? flatQuery(r.query).JSONString;
		if (jsonString !== undefined) {
			try {
				v = JSON.parse(jsonString);
			} catch {
				return 'Invalid value passed for JSONString';
			}
		}
		if (v === undefined) return 'Invalid value passed for JSONString';
		if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'Invalid value passed for JSONString';
		return v as Rec;
	}

	private createRoute(def: ResourceDef, org: OrgData, r: RecordedRequest): Reply {
		const input = this.input(r);
		if (typeof input === 'string') return this.reply(400, { code: 4, message: input });
		const required = input[def.required];
		if (required === undefined || required === null || String(required).trim() === '') {
			return this.reply(400, { ...def.requiredError });
		}
		const now = new Date().toISOString();
		const rec: Rec = { ...input, [def.idField]: this.store.nextId(), created_time: now, last_modified_time: now };
		const errReply = def.onCreate?.(rec, org);
		if (errReply) return errReply;
		org.table(def.plural).set(String(rec[def.idField]), rec);
		return this.reply(201, { code: 0, message: def.created, [def.singular]: rec });
	}

	private list(def: ResourceDef, table: Map<string, Rec>, q: Record<string, string>): Reply {
		let rows = [...table.values()];
		if (q.search_text) {
			const needle = q.search_text.toLowerCase();
			rows = rows.filter((x) => def.searchFields.some((f) => String(x[f] ?? '').toLowerCase().includes(needle)));
		}
		if (q.status && q.status.toLowerCase() !== 'all') rows = rows.filter((x) => String(x.status) === q.status);
		if (q.customer_id) rows = rows.filter((x) => String(x.customer_id) === q.customer_id);
		let perPage = Number.parseInt(q.per_page ?? '', 10);
		if (!Number.isFinite(perPage) || perPage <= 0 || perPage > 200) perPage = 200;
		let page = Number.parseInt(q.page ?? '', 10);
		if (!Number.isFinite(page) || page < 1) page = 1;
		const slice = rows.slice((page - 1) * perPage, page * perPage);
		return this.reply(200, {
			code: 0,
			message: 'success',
			[def.plural]: slice,
			page_context: {
				page,
				per_page: perPage,
				has_more_page: page * perPage < rows.length,
				report_name: `${def.label}s`,
				applied_filter: 'Status.All',
				sort_column: def.sortColumn,
				sort_order: 'A',
			},
		});
	}
}
