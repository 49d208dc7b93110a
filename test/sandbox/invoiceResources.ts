/**
 * Zoho Invoice v3 resource table: one entry per resource plus small hooks (defaults, validation,
 * derived fields, side effects, actions). The generic engine lives in invoice.ts.
 */
import type { Reply } from './types';

export type Rec = Record<string, unknown>;

/** A Zoho-style failure: `{code, message}` with an HTTP status (400 unless told). Hooks throw it. */
export class ZohoError extends Error {
	constructor(
		readonly code: number,
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

/** A non-JSON answer (e.g. a PDF) returned from a hook. */
export class RawReply {
	constructor(readonly reply: Reply) {}
}

export interface SentEmail {
	orgId: string;
	resource: string;
	/** Id of the record that was emailed. */
	id: string;
	/** invoice_number / estimate_number of that record. */
	number: string;
	to_mail_ids: string[];
	cc_mail_ids: string[];
	subject: string;
	body: string;
	at: string;
}

/** What hooks may use: the organization's tables, ids, the clock. */
export interface HookCtx {
	orgId: string;
	org: OrgData;
	/** Currency of the organization (for defaults). */
	currencyCode: string;
	nextId(): string;
	/** Zoho-style timestamp `YYYY-MM-DDTHH:mm:ss+0000` of the sandbox clock. */
	now(): string;
	/** `YYYY-MM-DD` of the sandbox clock. */
	today(): string;
	recordEmail(e: Omit<SentEmail, 'orgId' | 'at'>): void;
}

/** Body of a successful action, without `code` (the engine adds `code: 0`); or a raw reply. */
export type ActionResult = Rec | RawReply;
export type Action = (
	rec: Rec,
	ctx: HookCtx,
	input: Rec,
	q: Record<string, string>,
) => ActionResult;
export type CollectionRoute = (ctx: HookCtx, input: Rec, q: Record<string, string>) => ActionResult;

export type Method = 'list' | 'get' | 'create' | 'update' | 'delete';

export interface ResourceDef {
	/** Table name and, unless `path` is set, the URL path segment. */
	plural: string;
	/** URL path below /invoice/v3 when it differs from `plural`, e.g. 'settings/taxes'. */
	path?: string;
	/** Envelope key of one record. */
	singular: string;
	/** Envelope key of a list (default: plural). */
	listKey?: string;
	/** Human label used in messages, e.g. 'Contact'. */
	label: string;
	idField: string;
	/** Fields that must be present and non-empty after create/update. */
	required: string[];
	/** Error for a missing required field (default `{code: 4, message: 'Invalid value passed for <field>'}`). */
	requiredErrors?: Record<string, { code: number; message: string }>;
	/** Which CRUD routes exist (default: all five). */
	methods?: Method[];
	/** Fields `search_text` looks in (contains, case-insensitive). */
	searchFields: string[];
	/** Fields filterable as `f` (equal, case-insensitive), `f_startswith`, `f_contains`. */
	filterFields?: string[];
	/** Field `date_start`/`date_end` compare with (YYYY-MM-DD). */
	dateField?: string;
	/**
	 * Date fields (YYYY-MM-DD) filterable as `<f>_start` / `<f>_end` (inclusive) and `<f>_before` /
	 * `<f>_after` (exclusive): the variants Zoho Books v3 documents for invoices' `due_date`.
	 * Inclusive and exclusive are assumptions (the names suggest them; not documented).
	 */
	rangeFields?: string[];
	sortColumn: string;
	/** Auto-numbered field (e.g. invoice_number) and its prefix; numbers must be unique. */
	numbering?: { field: string; prefix: string; pad: number };
	/** Fields a PUT cannot set (besides id, created_time, last_modified_time). */
	readOnlyFields?: string[];
	created: string;
	updated: string;
	deleted: string;
	/** Records every organization starts with (fixed ids). */
	builtin?: Rec[];
	/** Defaults on create only (before validation). */
	defaults?(rec: Rec, ctx: HookCtx): void;
	/** Validation and derived fields on create and update (after merging); throws ZohoError. Must not touch other records. */
	validate?(rec: Rec, ctx: HookCtx, prev: Rec | undefined): void;
	/** Side effects on other records after a successful create/update. */
	afterSave?(rec: Rec, ctx: HookCtx, prev: Rec | undefined): void;
	/** Checks/side effects before deletion. */
	onDelete?(rec: Rec, ctx: HookCtx): void;
	/** `status=` / `filter_by=Status.<x>` predicate (default: rec.status === x). */
	statusMatches?(rec: Rec, status: string, ctx: HookCtx): boolean;
	/** Actions on one record, keyed 'METHOD sub/path', e.g. 'POST status/sent'. */
	actions?: Record<string, Action>;
	/** Routes on the collection that would otherwise look like an id, keyed 'METHOD name', e.g. 'GET me'. */
	collection?: Record<string, CollectionRoute>;
	/** Alternative answer of GET by id (e.g. ?accept=pdf). */
	onGet?(
		rec: Rec,
		ctx: HookCtx,
		q: Record<string, string>,
		headers: Record<string, string>,
	): RawReply | undefined;
	/** Fields of the i-th (0-based) seeded record; may seed what it references. */
	sample?(i: number, ctx: HookCtx, seed: (res: string, n: number) => Rec[]): Rec;
}

/** Per-organization tables and number counters. */
export class OrgData {
	tables = new Map<string, Map<string, Rec>>();
	counters = new Map<string, number>();

	table(res: string): Map<string, Rec> {
		let t = this.tables.get(res);
		if (!t) {
			this.tables.set(res, (t = new Map()));
			const def = RESOURCES.find((d) => d.plural === res);
			for (const b of def?.builtin ?? []) t.set(String(b[def!.idField]), structuredClone(b));
		}
		return t;
	}

	nextNumber(res: string): number {
		const n = (this.counters.get(res) ?? 0) + 1;
		this.counters.set(res, n);
		return n;
	}
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by hooks

export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;
const invalid = (field: string, detail = ''): ZohoError =>
	new ZohoError(4, `Invalid value passed for ${field}${detail}`);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function num(v: unknown, field: string, { min = 0, positive = false } = {}): number {
	const n =
		typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
	if (!Number.isFinite(n) || n < min || (positive && n <= 0)) throw invalid(field);
	return n;
}

function checkDate(rec: Rec, field: string): void {
	if (rec[field] === undefined || rec[field] === '') return;
	if (
		typeof rec[field] !== 'string' ||
		!DATE.test(rec[field] as string) ||
		Number.isNaN(Date.parse(rec[field] as string))
	) {
		throw invalid(field);
	}
}

function contactOf(rec: Rec, ctx: HookCtx): Rec {
	const c = ctx.org.table('contacts').get(String(rec.customer_id));
	if (!c) throw new ZohoError(1002, 'Contact does not exist.');
	rec.customer_id = String(rec.customer_id);
	rec.customer_name = c.contact_name;
	return c;
}

function taxOf(taxId: unknown, ctx: HookCtx): Rec {
	const t = ctx.org.table('taxes').get(String(taxId));
	if (!t) throw new ZohoError(1002, 'Tax does not exist.');
	return t;
}

/**
 * Validates line_items (non-empty; each with item_id or name; quantity default 1; rate, defaulting to
 * the item's) and computes item_total, sub_total, tax_total, taxes and total.
 */
export function priceLines(rec: Rec, ctx: HookCtx): void {
	const raw = rec.line_items;
	if (!Array.isArray(raw) || raw.length === 0)
		throw invalid('line_items', ': add at least one line item');
	if (rec.tax_id !== undefined && rec.tax_id !== '') taxOf(rec.tax_id, ctx);
	const taxes = new Map<string, Rec>();
	let subTotal = 0;
	let taxTotal = 0;
	rec.line_items = raw.map((l: unknown, i: number) => {
		if (!l || typeof l !== 'object' || Array.isArray(l)) throw invalid('line_items');
		const line: Rec = { ...(l as Rec) };
		let item: Rec | undefined;
		if (line.item_id !== undefined && line.item_id !== null && line.item_id !== '') {
			item = ctx.org.table('items').get(String(line.item_id));
			if (!item) throw new ZohoError(1002, 'Item does not exist.');
			line.item_id = String(line.item_id);
			line.name ??= item.name;
			line.rate ??= item.rate;
			line.description ??= item.description ?? '';
		}
		if (!item && (typeof line.name !== 'string' || line.name.trim() === '')) {
			throw invalid('line_items', `: line ${i + 1} needs an item_id or a name`);
		}
		const quantity = num(line.quantity ?? 1, 'quantity');
		const rate = num(line.rate, 'rate');
		line.quantity = quantity;
		line.rate = rate;
		line.line_item_id = line.line_item_id ? String(line.line_item_id) : ctx.nextId();
		line.item_order = i + 1;
		line.item_total = round2(quantity * rate);
		subTotal += line.item_total as number;
		const taxId = line.tax_id ?? rec.tax_id;
		if (taxId !== undefined && taxId !== '') {
			const tax = taxOf(taxId, ctx);
			line.tax_id = String(taxId);
			line.tax_name = tax.tax_name;
			line.tax_percentage = tax.tax_percentage;
			const amount = round2(((line.item_total as number) * Number(tax.tax_percentage)) / 100);
			taxTotal += amount;
			const t = taxes.get(String(taxId)) ?? {
				tax_id: String(taxId),
				tax_name: tax.tax_name,
				tax_amount: 0,
			};
			t.tax_amount = round2((t.tax_amount as number) + amount);
			taxes.set(String(taxId), t);
		} else {
			line.tax_percentage ??= 0;
		}
		return line;
	});
	if (rec.tax_id !== undefined && rec.tax_id !== '') {
		const tax = taxOf(rec.tax_id, ctx);
		rec.tax_id = String(rec.tax_id);
		rec.tax_name = tax.tax_name;
		rec.tax_percentage = tax.tax_percentage;
	}
	rec.sub_total = round2(subTotal);
	rec.tax_total = round2(taxTotal);
	rec.taxes = [...taxes.values()];
	const adjustment =
		rec.adjustment === undefined || rec.adjustment === ''
			? 0
			: num(rec.adjustment, 'adjustment', { min: -Infinity });
	rec.total = round2(subTotal + taxTotal + adjustment);
}

/** Builds status-change actions from a table of target → allowed sources. */
function transitions(
	label: string,
	map: Record<string, { from: string[]; to: string; message: string }>,
): Record<string, Action> {
	const out: Record<string, Action> = {};
	for (const [target, t] of Object.entries(map)) {
		out[`POST status/${target}`] = (rec) => {
			const from = String(rec.status);
			if (!t.from.includes(from)) {
				throw new ZohoError(1088, `${label} status cannot be changed from ${from} to ${t.to}.`);
			}
			rec.status = t.to;
			return { message: t.message };
		};
	}
	return out;
}

/** POST /{res}/{id}/active and /inactive. */
function activeInactive(noun: string): Record<string, Action> {
	return {
		'POST active': (rec) => {
			rec.status = 'active';
			return { message: `The ${noun} has been marked as active.` };
		},
		'POST inactive': (rec) => {
			rec.status = 'inactive';
			return { message: `The ${noun} has been marked as inactive.` };
		},
	};
}

function emailAction(res: string, numberField: string, message: string): Action {
	return (rec, ctx, input) => {
		let to = input.to_mail_ids;
		if (to === undefined) {
			const email = ctx.org.table('contacts').get(String(rec.customer_id))?.email;
			to = email ? [email] : [];
		}
		const list = (v: unknown): string[] | undefined =>
			Array.isArray(v) && v.every((x) => typeof x === 'string' && /^[^@\s]+@[^@\s]+$/.test(x))
				? (v as string[])
				: undefined;
		const toList = list(to);
		if (!toList || toList.length === 0) throw invalid('to_mail_ids');
		const cc = input.cc_mail_ids === undefined ? [] : list(input.cc_mail_ids);
		if (!cc) throw invalid('cc_mail_ids');
		if (rec.status === 'void')
			throw new ZohoError(
				1088,
				`A void ${res === 'invoices' ? 'invoice' : 'estimate'} cannot be emailed.`,
			);
		const number = String(rec[numberField] ?? '');
		ctx.recordEmail({
			resource: res,
			id: String(rec[res === 'invoices' ? 'invoice_id' : 'estimate_id']),
			number,
			to_mail_ids: toList,
			cc_mail_ids: cc,
			subject: typeof input.subject === 'string' ? input.subject : `${number} from ${ctx.orgId}`,
			body: typeof input.body === 'string' ? input.body : '',
		});
		if (rec.status === 'draft') rec.status = 'sent';
		return { message };
	};
}

// --- money applied to invoices (payments and credit notes)

interface Application {
	invoice_id: string;
	amount_applied: number;
}

function applications(v: unknown, field = 'invoices'): Application[] {
	if (v === undefined || v === null) return [];
	if (!Array.isArray(v)) throw invalid(field);
	return v.map((a) => {
		if (!a || typeof a !== 'object') throw invalid(field);
		const r = a as Rec;
		if (r.invoice_id === undefined || r.invoice_id === '') throw invalid('invoice_id');
		return {
			invoice_id: String(r.invoice_id),
			amount_applied: num(r.amount_applied, 'amount_applied', { positive: true }),
		};
	});
}

/** Checks that `apps` fit the invoices' balances, counting back what `prevApps` applied. */
function checkApplications(
	apps: Application[],
	prevApps: Application[],
	ctx: HookCtx,
	customerId?: string,
): void {
	const want = new Map<string, number>();
	for (const a of apps) want.set(a.invoice_id, (want.get(a.invoice_id) ?? 0) + a.amount_applied);
	for (const [id, amount] of want) {
		const inv = ctx.org.table('invoices').get(id);
		if (!inv) throw new ZohoError(1002, 'Invoice does not exist.');
		if (customerId !== undefined && String(inv.customer_id) !== customerId) {
			throw new ZohoError(
				4,
				`Invoice ${String(inv.invoice_number)} does not belong to this customer.`,
			);
		}
		if (inv.status === 'void')
			throw new ZohoError(1088, `Invoice ${String(inv.invoice_number)} is void.`);
		const back = prevApps
			.filter((p) => p.invoice_id === id)
			.reduce((s, p) => s + p.amount_applied, 0);
		if (round2(amount) > round2(Number(inv.balance) + back)) {
			throw new ZohoError(
				4,
				`The amount applied exceeds the balance of invoice ${String(inv.invoice_number)}.`,
			);
		}
	}
}

/** Re-derives balance and status of an invoice from total, payments and credits. */
function settleInvoice(inv: Rec, ctx: HookCtx): void {
	inv.balance = round2(
		Number(inv.total) - Number(inv.payment_made ?? 0) - Number(inv.credits_applied ?? 0),
	);
	const paidSomething = Number(inv.payment_made ?? 0) + Number(inv.credits_applied ?? 0) > 0;
	if (inv.status !== 'void') {
		if (Number(inv.balance) <= 0 && (paidSomething || inv.status !== 'draft')) inv.status = 'paid';
		else if (paidSomething) inv.status = 'partially_paid';
		else if (inv.status === 'paid' || inv.status === 'partially_paid') inv.status = 'sent';
	}
	inv.last_modified_time = ctx.now();
}

function moveMoney(
	apps: Application[],
	field: 'payment_made' | 'credits_applied',
	sign: 1 | -1,
	ctx: HookCtx,
): void {
	for (const a of apps) {
		const inv = ctx.org.table('invoices').get(a.invoice_id);
		if (!inv) continue;
		inv[field] = round2(Number(inv[field] ?? 0) + sign * a.amount_applied);
		settleInvoice(inv, ctx);
	}
}

const describeApps = (apps: Application[], ctx: HookCtx): Rec[] =>
	apps.map((a) => {
		const inv = ctx.org.table('invoices').get(a.invoice_id);
		return {
			invoice_id: a.invoice_id,
			invoice_number: inv?.invoice_number,
			amount_applied: a.amount_applied,
			balance_amount: inv?.balance,
			total: inv?.total,
			date: inv?.date,
		};
	});

// --- PDF

function pdfText(s: string): string {
	return s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
}

/** A small but structurally valid one-page PDF (correct xref offsets), one text line per entry. */
export function pdfDocument(lines: string[]): string {
	const content = [
		'BT',
		'/F1 12 Tf',
		'72 760 Td',
		'14 TL',
		...lines.map((l) => `(${pdfText(l)}) '`),
		'ET',
	].join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return out;
}

export function pdfReply(recs: Rec[], numberField: string, label: string): RawReply {
	const lines: string[] = [];
	for (const r of recs) {
		lines.push(`${label} ${String(r[numberField])}`, `Customer: ${String(r.customer_name ?? '')}`);
		lines.push(`Date: ${String(r.date ?? '')}  Status: ${String(r.status ?? '')}`);
		for (const l of (r.line_items as Rec[] | undefined) ?? []) {
			lines.push(
				`${String(l.name)}  ${String(l.quantity)} x ${String(l.rate)} = ${String(l.item_total)}`,
			);
		}
		lines.push(`Total: ${String(r.currency_code ?? '')} ${String(r.total)}`, '');
	}
	const name = recs.length === 1 ? String(recs[0][numberField]) : `${label.toLowerCase()}s`;
	return new RawReply({
		status: 200,
		body: pdfDocument(lines),
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${pdfText(name)}.pdf"`,
		},
	});
}

const wantsPdf = (q: Record<string, string>, headers: Record<string, string>): boolean =>
	q.accept === 'pdf' || q.print === 'true' || /^application\/pdf/i.test(headers.accept ?? '');

// --- shared parts of transaction documents (invoices, estimates, credit notes, recurring invoices)

const DOC_READ_ONLY = [
	'customer_name',
	'sub_total',
	'tax_total',
	'taxes',
	'total',
	'balance',
	'status',
];

function docDefaults(rec: Rec, ctx: HookCtx): void {
	rec.date ??= ctx.today();
	rec.currency_code ??= ctx.currencyCode;
}

function docValidate(rec: Rec, ctx: HookCtx): void {
	contactOf(rec, ctx);
	checkDate(rec, 'date');
	checkDate(rec, 'due_date');
	checkDate(rec, 'expiry_date');
	priceLines(rec, ctx);
}

/** Seeding sample for documents: customer i, 1–2 lines pointing at seeded items, dates 2024-01-01 + i days. */
function docSample(i: number, ctx: HookCtx, seed: (res: string, n: number) => Rec[]): Rec {
	let customers = [...ctx.org.table('contacts').values()];
	if (customers.length === 0) customers = seed('contacts', 1);
	let items = [...ctx.org.table('items').values()].filter((x) => x.status !== 'inactive');
	if (items.length === 0) items = seed('items', 5);
	const c = customers[i % customers.length];
	const first = items[i % items.length];
	const line_items: Rec[] = [{ item_id: first.item_id, quantity: 1 + (i % 3) }];
	if (i % 2 === 1) line_items.push({ item_id: items[(i + 1) % items.length].item_id, quantity: 1 });
	const date = new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
	return { customer_id: c.contact_id, line_items, date };
}

// ---------------------------------------------------------------------------------------------

const BUILTIN = (n: number): string => (460000000100000000n + BigInt(n)).toString();

const PROJECT_BILLING = [
	'fixed_cost_for_project',
	'based_on_project_hours',
	'based_on_staff_hours',
	'based_on_task_hours',
];
const FREQUENCIES = ['days', 'weeks', 'months', 'years'];
const UNPAID = ['sent', 'partially_paid', 'overdue'];

/** Add a resource with one entry here. */
export const RESOURCES: ResourceDef[] = [
	{
		plural: 'contacts',
		singular: 'contact',
		label: 'Contact',
		idField: 'contact_id',
		required: ['contact_name'],
		requiredErrors: { contact_name: { code: 3013, message: 'Enter a valid contact name' } },
		searchFields: ['contact_name', 'company_name', 'email'],
		filterFields: ['contact_name', 'company_name', 'email', 'contact_type'],
		sortColumn: 'contact_name',
		created: 'The contact has been added.',
		updated: 'Contact information has been saved.',
		deleted: 'The contact has been deleted.',
		defaults: (r) => {
			r.status ??= 'active';
			r.contact_type ??= 'customer';
			r.company_name ??= '';
		},
		validate: (r, ctx) => {
			if (typeof r.contact_name !== 'string')
				throw new ZohoError(3013, 'Enter a valid contact name');
			if (r.email !== undefined && r.email !== '' && !/^[^@\s]+@[^@\s]+$/.test(String(r.email)))
				throw invalid('email');
			if (!['active', 'inactive'].includes(String(r.status))) throw invalid('status');
			r.currency_code ??= ctx.currencyCode;
		},
		actions: activeInactive('contact'),
		sample: (i, ctx) => {
			const k = String(ctx.org.table('contacts').size + 1).padStart(4, '0');
			return {
				contact_name: `Contact ${k}`,
				company_name: `Company ${k}`,
				email: `contact${k}@example.com`,
			};
		},
	},
	{
		plural: 'invoices',
		singular: 'invoice',
		label: 'Invoice',
		idField: 'invoice_id',
		required: ['customer_id', 'line_items'],
		requiredErrors: { customer_id: { code: 4, message: 'Invalid value passed for customer_id' } },
		searchFields: ['invoice_number', 'customer_name', 'reference_number'],
		filterFields: ['customer_id', 'invoice_number', 'reference_number', 'customer_name'],
		dateField: 'date',
		rangeFields: ['due_date'],
		sortColumn: 'created_time',
		numbering: { field: 'invoice_number', prefix: 'INV-', pad: 6 },
		readOnlyFields: [...DOC_READ_ONLY, 'payment_made', 'credits_applied'],
		created: 'The invoice has been created.',
		updated: 'Invoice information has been updated.',
		deleted: 'The invoice has been deleted.',
		defaults: (r, ctx) => {
			docDefaults(r, ctx);
			r.status = 'draft';
			r.payment_made = 0;
			r.credits_applied = 0;
		},
		validate: (r, ctx) => {
			docValidate(r, ctx);
			r.due_date ??= r.date;
			const settled = Number(r.payment_made) + Number(r.credits_applied);
			if (Number(r.total) < settled) {
				throw new ZohoError(
					3009,
					'The invoice total cannot be less than the payments and credits applied to it.',
				);
			}
			r.balance = round2(Number(r.total) - settled);
			if (settled > 0) settleInvoice(r, ctx);
		},
		statusMatches: (r, status, ctx) => {
			const s = String(r.status);
			if (status === 'unpaid') return UNPAID.includes(s) && Number(r.balance) > 0;
			if (status === 'overdue')
				return UNPAID.includes(s) && Number(r.balance) > 0 && String(r.due_date) < ctx.today();
			return s === status;
		},
		actions: {
			...transitions('Invoice', {
				sent: { from: ['draft'], to: 'sent', message: 'Invoice status has been changed to Sent.' },
				void: {
					from: ['draft', 'sent', 'overdue'],
					to: 'void',
					message: 'Invoice status has been changed to Void.',
				},
				draft: {
					from: ['void'],
					to: 'draft',
					message: 'Status of invoice changed from void to draft.',
				},
			}),
			'POST email': emailAction('invoices', 'invoice_number', 'Your invoice has been sent.'),
		},
		collection: {
			'GET pdf': (ctx, _input, q) => {
				const ids = (q.invoice_ids ?? '')
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean);
				if (ids.length === 0) throw invalid('invoice_ids');
				const recs = ids.map((id) => {
					const inv = ctx.org.table('invoices').get(id);
					if (!inv) throw new ZohoError(1002, 'Invoice does not exist.', 404);
					return inv;
				});
				return pdfReply(recs, 'invoice_number', 'Invoice');
			},
		},
		onGet: (r, _ctx, q, h) =>
			wantsPdf(q, h) ? pdfReply([r], 'invoice_number', 'Invoice') : undefined,
		sample: docSample,
	},
	{
		plural: 'estimates',
		singular: 'estimate',
		label: 'Estimate',
		idField: 'estimate_id',
		required: ['customer_id', 'line_items'],
		searchFields: ['estimate_number', 'customer_name', 'reference_number'],
		filterFields: ['customer_id', 'estimate_number', 'reference_number'],
		dateField: 'date',
		sortColumn: 'created_time',
		numbering: { field: 'estimate_number', prefix: 'EST-', pad: 6 },
		readOnlyFields: DOC_READ_ONLY,
		created: 'The estimate has been created.',
		updated: 'Estimate information has been updated.',
		deleted: 'The estimate has been deleted.',
		defaults: (r, ctx) => {
			docDefaults(r, ctx);
			r.status = 'draft';
		},
		validate: docValidate,
		actions: {
			...transitions('Estimate', {
				sent: { from: ['draft'], to: 'sent', message: 'Estimate status has been changed to Sent.' },
				accepted: {
					from: ['sent', 'declined'],
					to: 'accepted',
					message: 'Estimate status has been changed to Accepted.',
				},
				declined: {
					from: ['sent', 'accepted'],
					to: 'declined',
					message: 'Estimate status has been changed to Declined.',
				},
			}),
			'POST email': emailAction('estimates', 'estimate_number', 'Your estimate has been sent.'),
		},
		onGet: (r, _ctx, q, h) =>
			wantsPdf(q, h) ? pdfReply([r], 'estimate_number', 'Estimate') : undefined,
		sample: docSample,
	},
	{
		plural: 'items',
		singular: 'item',
		label: 'Item',
		idField: 'item_id',
		required: ['name', 'rate'],
		searchFields: ['name', 'sku', 'description'],
		filterFields: ['name', 'sku'],
		sortColumn: 'name',
		created: 'The item has been added.',
		updated: 'The item details have been saved.',
		deleted: 'The item has been deleted.',
		defaults: (r) => {
			r.status ??= 'active';
			r.description ??= '';
			r.product_type ??= 'service';
		},
		validate: (r) => {
			r.rate = num(r.rate, 'rate');
			if (!['active', 'inactive'].includes(String(r.status))) throw invalid('status');
		},
		actions: activeInactive('item'),
		sample: (_i, ctx) => {
			const k = ctx.org.table('items').size + 1;
			return {
				name: `Item ${String(k).padStart(3, '0')}`,
				rate: 50 * k,
				sku: `SKU-${k}`,
				description: `Sample item ${k}`,
			};
		},
	},
	{
		plural: 'customerpayments',
		singular: 'payment',
		label: 'Payment',
		idField: 'payment_id',
		required: ['customer_id', 'amount', 'date', 'payment_mode'],
		searchFields: ['payment_number', 'reference_number', 'customer_name'],
		filterFields: ['customer_id', 'payment_mode', 'reference_number'],
		dateField: 'date',
		sortColumn: 'date',
		numbering: { field: 'payment_number', prefix: '', pad: 1 },
		readOnlyFields: ['customer_name', 'unused_amount'],
		created: 'The payment has been created.',
		updated: 'The payment has been updated.',
		deleted: 'The payment has been deleted.',
		validate: (r, ctx, prev) => {
			contactOf(r, ctx);
			r.amount = num(r.amount, 'amount', { positive: true });
			checkDate(r, 'date');
			const apps = applications(r.invoices);
			const applied = round2(apps.reduce((s, a) => s + a.amount_applied, 0));
			if (applied > (r.amount as number))
				throw new ZohoError(4, 'The amount applied to invoices exceeds the payment amount.');
			checkApplications(apps, applications(prev?.invoices), ctx, r.customer_id as string);
			r.invoices = apps;
			r.unused_amount = round2((r.amount as number) - applied);
		},
		afterSave: (r, ctx, prev) => {
			moveMoney(applications(prev?.invoices), 'payment_made', -1, ctx);
			const apps = applications(r.invoices);
			moveMoney(apps, 'payment_made', 1, ctx);
			r.invoices = describeApps(apps, ctx);
		},
		onDelete: (r, ctx) => moveMoney(applications(r.invoices), 'payment_made', -1, ctx),
		sample: (i, ctx, seed) => {
			let customers = [...ctx.org.table('contacts').values()];
			if (customers.length === 0) customers = seed('contacts', 1);
			const c = customers[i % customers.length];
			const date = new Date(Date.UTC(2024, 1, 1 + i)).toISOString().slice(0, 10);
			return { customer_id: c.contact_id, amount: 100 + i, date, payment_mode: 'cash' };
		},
	},
	{
		plural: 'creditnotes',
		singular: 'creditnote',
		label: 'Credit note',
		idField: 'creditnote_id',
		required: ['customer_id', 'line_items'],
		searchFields: ['creditnote_number', 'customer_name', 'reference_number'],
		filterFields: ['customer_id', 'creditnote_number', 'reference_number'],
		dateField: 'date',
		sortColumn: 'created_time',
		numbering: { field: 'creditnote_number', prefix: 'CN-', pad: 6 },
		readOnlyFields: [...DOC_READ_ONLY, 'invoices_credited'],
		created: 'The credit note has been created.',
		updated: 'The credit note has been updated.',
		deleted: 'The credit note has been deleted.',
		defaults: (r, ctx) => {
			docDefaults(r, ctx);
			r.status = 'open';
			r.invoices_credited = [];
		},
		validate: (r, ctx) => {
			docValidate(r, ctx);
			const used = applications(r.invoices_credited).reduce((s, a) => s + a.amount_applied, 0);
			if (Number(r.total) < used)
				throw new ZohoError(3010, 'The credit note total cannot be less than the credits applied.');
			r.balance = round2(Number(r.total) - used);
			if (r.status !== 'void') r.status = Number(r.balance) > 0 ? 'open' : 'closed';
		},
		onDelete: (r, ctx) => moveMoney(applications(r.invoices_credited), 'credits_applied', -1, ctx),
		actions: {
			'POST invoices': (r, ctx, input) => {
				const apps = applications(input.invoices);
				if (apps.length === 0) throw invalid('invoices');
				if (r.status === 'void')
					throw new ZohoError(1088, 'Credits cannot be applied from a void credit note.');
				const total = round2(apps.reduce((s, a) => s + a.amount_applied, 0));
				if (total > Number(r.balance)) {
					throw new ZohoError(4, 'The amount applied exceeds the balance of the credit note.');
				}
				checkApplications(apps, [], ctx, String(r.customer_id));
				moveMoney(apps, 'credits_applied', 1, ctx);
				r.invoices_credited = [...applications(r.invoices_credited), ...apps];
				r.balance = round2(Number(r.balance) - total);
				r.status = Number(r.balance) > 0 ? 'open' : 'closed';
				return {
					message: 'Credits have been applied to the invoice(s).',
					apply_to_invoices: { invoices: describeApps(apps, ctx) },
				};
			},
			'GET invoices': (r, ctx) => ({
				message: 'success',
				invoices_credited: describeApps(applications(r.invoices_credited), ctx).map((x) => ({
					...x,
					creditnote_id: r.creditnote_id,
					creditnote_number: r.creditnote_number,
				})),
			}),
			...transitions('Credit note', {
				void: { from: ['open'], to: 'void', message: 'The credit note has been marked as void.' },
				open: {
					from: ['void'],
					to: 'open',
					message: 'The status of the credit note has been changed to open.',
				},
			}),
		},
		sample: docSample,
	},
	{
		plural: 'expenses',
		singular: 'expense',
		label: 'Expense',
		idField: 'expense_id',
		required: ['account_id', 'amount', 'date'],
		searchFields: ['description', 'reference_number', 'account_name', 'customer_name'],
		filterFields: ['account_id', 'customer_id', 'reference_number'],
		dateField: 'date',
		sortColumn: 'date',
		readOnlyFields: ['customer_name', 'total'],
		created: 'The expense has been recorded.',
		updated: 'Expense information has been updated.',
		deleted: 'The expense has been deleted.',
		defaults: (r, ctx) => {
			r.currency_code ??= ctx.currencyCode;
			r.status ??= 'unbilled';
			r.is_billable ??= false;
		},
		validate: (r, ctx) => {
			r.account_id = String(r.account_id);
			r.amount = num(r.amount, 'amount', { positive: true });
			checkDate(r, 'date');
			if (r.customer_id !== undefined && r.customer_id !== '') contactOf(r, ctx);
			r.total = r.amount;
		},
		sample: (i) => ({
			account_id: '460000000000000999',
			account_name: 'Office Supplies',
			amount: 25 + i,
			date: new Date(Date.UTC(2024, 2, 1 + i)).toISOString().slice(0, 10),
			description: `Expense ${i + 1}`,
		}),
	},
	{
		plural: 'projects',
		singular: 'project',
		label: 'Project',
		idField: 'project_id',
		required: ['project_name', 'customer_id', 'billing_type'],
		searchFields: ['project_name', 'description', 'customer_name'],
		filterFields: ['customer_id', 'project_name', 'billing_type'],
		sortColumn: 'project_name',
		readOnlyFields: ['customer_name'],
		created: 'The project has been created.',
		updated: 'The project details have been updated.',
		deleted: 'The project has been deleted.',
		defaults: (r) => {
			r.status ??= 'active';
			r.description ??= '';
		},
		validate: (r, ctx) => {
			contactOf(r, ctx);
			if (!PROJECT_BILLING.includes(String(r.billing_type))) throw invalid('billing_type');
			if (r.rate !== undefined && r.rate !== '') r.rate = num(r.rate, 'rate');
		},
		actions: activeInactive('project'),
		sample: (i, ctx, seed) => {
			let customers = [...ctx.org.table('contacts').values()];
			if (customers.length === 0) customers = seed('contacts', 1);
			return {
				project_name: `Project ${String(ctx.org.table('projects').size + 1).padStart(3, '0')}`,
				customer_id: customers[i % customers.length].contact_id,
				billing_type: 'based_on_project_hours',
				rate: 80,
			};
		},
	},
	{
		plural: 'recurringinvoices',
		singular: 'recurring_invoice',
		listKey: 'recurring_invoices',
		label: 'Recurring invoice',
		idField: 'recurrence_id',
		required: ['recurrence_name', 'customer_id', 'recurrence_frequency', 'line_items'],
		searchFields: ['recurrence_name', 'customer_name'],
		filterFields: ['customer_id', 'recurrence_name'],
		sortColumn: 'created_time',
		readOnlyFields: DOC_READ_ONLY,
		created: 'The recurring invoice has been created.',
		updated: 'Recurring invoice information has been updated.',
		deleted: 'The recurring invoice has been deleted.',
		defaults: (r, ctx) => {
			r.currency_code ??= ctx.currencyCode;
			r.start_date ??= ctx.today();
			r.repeat_every ??= 1;
			r.status = 'active';
		},
		validate: (r, ctx) => {
			contactOf(r, ctx);
			if (!FREQUENCIES.includes(String(r.recurrence_frequency)))
				throw invalid('recurrence_frequency');
			r.repeat_every = num(r.repeat_every, 'repeat_every', { positive: true });
			checkDate(r, 'start_date');
			checkDate(r, 'end_date');
			priceLines(r, ctx);
		},
		actions: transitions('Recurring invoice', {
			stop: { from: ['active'], to: 'stopped', message: 'The recurring invoice has been stopped.' },
			resume: {
				from: ['stopped'],
				to: 'active',
				message: 'The recurring invoice has been activated.',
			},
		}),
		sample: (i, ctx, seed) => ({
			...docSample(i, ctx, seed),
			date: undefined,
			recurrence_name: `Monthly ${i + 1}`,
			recurrence_frequency: 'months',
			start_date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
		}),
	},
	{
		plural: 'users',
		singular: 'user',
		label: 'User',
		idField: 'user_id',
		required: [],
		methods: ['list', 'get'],
		searchFields: ['name', 'email'],
		filterFields: ['email', 'role'],
		sortColumn: 'name',
		created: '',
		updated: '',
		deleted: '',
		builtin: [
			{
				user_id: BUILTIN(1),
				name: 'Sandbox Admin',
				email: 'admin@sandbox.example',
				role: 'admin',
				status: 'active',
				is_current_user: true,
			},
			{
				user_id: BUILTIN(2),
				name: 'Sandbox Staff',
				email: 'staff@sandbox.example',
				role: 'staff',
				status: 'active',
				is_current_user: false,
			},
		],
		collection: {
			'GET me': (ctx) => ({
				message: 'success',
				user: [...ctx.org.table('users').values()].find((u) => u.is_current_user),
			}),
		},
	},
	{
		plural: 'taxes',
		path: 'settings/taxes',
		singular: 'tax',
		label: 'Tax',
		idField: 'tax_id',
		required: [],
		methods: ['list', 'get'],
		searchFields: ['tax_name'],
		filterFields: ['tax_name'],
		sortColumn: 'tax_name',
		created: '',
		updated: '',
		deleted: '',
		builtin: [
			{
				tax_id: BUILTIN(11),
				tax_name: 'GST18',
				tax_percentage: 18,
				tax_type: 'tax',
				is_default_tax: true,
			},
			{
				tax_id: BUILTIN(12),
				tax_name: 'VAT5',
				tax_percentage: 5,
				tax_type: 'tax',
				is_default_tax: false,
			},
		],
	},
	{
		plural: 'currencies',
		path: 'settings/currencies',
		singular: 'currency',
		label: 'Currency',
		idField: 'currency_id',
		required: [],
		methods: ['list', 'get'],
		searchFields: ['currency_code', 'currency_name'],
		filterFields: ['currency_code'],
		sortColumn: 'currency_code',
		created: '',
		updated: '',
		deleted: '',
		builtin: [
			{
				currency_id: BUILTIN(21),
				currency_code: 'INR',
				currency_name: 'Indian Rupee',
				currency_symbol: '₹',
				price_precision: 2,
				is_base_currency: true,
			},
			{
				currency_id: BUILTIN(22),
				currency_code: 'USD',
				currency_name: 'US Dollar',
				currency_symbol: '$',
				price_precision: 2,
				is_base_currency: false,
			},
			{
				currency_id: BUILTIN(23),
				currency_code: 'EUR',
				currency_name: 'Euro',
				currency_symbol: '€',
				price_precision: 2,
				is_base_currency: false,
			},
		],
	},
];
