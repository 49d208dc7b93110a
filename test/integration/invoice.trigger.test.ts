/**
 * The Zoho Invoice Trigger through n8n-core's PollContext (test/harness/run-poll.ts) against the
 * sandbox: exact numbers of emitted items and of API calls per poll. Each runPoll builds a new
 * Workflow from the static data passed in, as n8n does after a restart; passing the static data of
 * the last poll that emitted is what n8n 2.8 keeps across a restart (docs/triggers.md).
 *
 * Time: most tests run on a timeline an hour in the past (`at(s)` sets the sandbox clock to
 * B + s seconds) and start with Include Existing Records Since = B, so every change time is known
 * and whole seconds can be shared on purpose.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runPoll, staticDataOf } from '../harness';
import type { RecordedRequest } from '../sandbox';
import type { Rec } from '../sandbox/invoice';
import { DEFAULT_ORG } from '../sandbox/invoice';
import type { Auth, World } from './world';
import { OAUTH_CRED, SELF_CRED, useWorld } from './world';

const ORG = DEFAULT_ORG.organization_id;
const world = useWorld(0);
let w: World;
/** The test's timeline origin (ms, a whole second an hour ago). */
let B: number;

beforeEach(() => {
	w = world();
	B = Math.floor(Date.now() / 1000) * 1000 - 3600_000;
});

const at = (seconds: number) => w.sb.invoice.setClock(() => new Date(B + seconds * 1000));
const sinceB = () => new Date(B).toISOString();

interface Polled {
	items: IDataObject[];
	staticData: IDataObject;
	/** The API requests this poll made (token requests go to the accounts server). */
	calls: RecordedRequest[];
}

function parametersOf(params: INodeParameters, auth: Auth): INodeParameters {
	return {
		authentication: auth,
		organizationId: ORG,
		...params,
		// The sandbox has no per-minute limit unless a test sets one: the client's pacing is lifted.
		options: { rateLimitPerMinute: 1_000_000, ...((params.options as IDataObject) ?? {}) },
	};
}

const credentialsOf = (auth: Auth): Record<string, { id: string; name: string }> =>
	auth === 'oAuth2' ? { zohoRegionalOAuth2Api: OAUTH_CRED } : { zohoSelfClientApi: SELF_CRED };

const apiSince = (start: number) => w.sb.requests.slice(start).filter((r) => r.server === 'api');

async function poll(
	params: INodeParameters,
	opts: { staticData?: IDataObject; auth?: Auth; manual?: boolean } = {},
): Promise<Polled> {
	const auth = opts.auth ?? 'oAuth2';
	const start = w.sb.requests.length;
	const result = await runPoll({
		nodeType: 'zohoInvoiceTrigger',
		parameters: parametersOf(params, auth),
		credentials: credentialsOf(auth),
		store: w.store,
		staticData: opts.staticData,
		mode: opts.manual ? 'manual' : 'trigger',
	});
	return {
		items: (result.output?.[0] ?? []).map((item) => item.json),
		staticData: result.staticData,
		calls: apiSince(start),
	};
}

async function failingPoll(
	params: INodeParameters,
	opts: { staticData?: IDataObject; auth?: Auth } = {},
): Promise<{
	error: Error & { context?: IDataObject };
	staticData: IDataObject;
	calls: RecordedRequest[];
}> {
	const start = w.sb.requests.length;
	const auth = opts.auth ?? 'oAuth2';
	const error = await runPoll({
		nodeType: 'zohoInvoiceTrigger',
		parameters: parametersOf(params, auth),
		credentials: credentialsOf(auth),
		store: w.store,
		staticData: opts.staticData,
	}).then(
		() => undefined,
		(e: unknown) => e as Error & { context?: IDataObject },
	);
	if (!error) throw new Error('the poll did not fail');
	return { error, staticData: staticDataOf(error) ?? {}, calls: apiSince(start) };
}

const idsOf = (items: IDataObject[], idField: string) =>
	items.map((i) => String(i[idField])).sort();
const ids = (records: Rec[], idField: string) => records.map((r) => String(r[idField])).sort();
/** The trigger's own static data (n8n keys a node's static data as `node:<name>`). */
const nodeData = (staticData: IDataObject) => (staticData['node:Trigger'] ?? {}) as IDataObject;
const pollState = (staticData: IDataObject) => nodeData(staticData).zohoPoll as IDataObject;

/** Rewrites every row of the sandbox's answers to a list (a Zoho that words its rows otherwise). */
function rewriteRows(path: string, edit: (row: Rec) => void): void {
	w.sb.overrideReplies({
		server: 'api',
		method: 'GET',
		match: (r) => r.path === `/invoice/v3${path}`,
		reply: async (r, real) => {
			const answer = await real(r);
			const body = JSON.parse(answer.body) as Record<string, unknown>;
			const rows = Object.values(body).find((v): v is Rec[] => Array.isArray(v)) ?? [];
			for (const row of rows) edit(row);
			return { ...answer, body: JSON.stringify(body) };
		},
	});
}

/** A Zoho that ignores some query parameters of a list. */
function ignoreQuery(path: string, names: string[]): void {
	w.sb.overrideReplies({
		server: 'api',
		method: 'GET',
		match: (r) => r.path === `/invoice/v3${path}`,
		reply: async (r, real) => {
			const query = { ...r.query };
			for (const name of names) delete query[name];
			return await real({ ...r, query });
		},
	});
}

const CONTACTS = { event: 'contact' };

describe('Zoho Invoice Trigger: activation and manual test', () => {
	it('first activation emits nothing and makes no call; the next polls emit only later changes, once', async () => {
		w.sb.invoice.setClock(() => new Date(Date.now() - 86_400_000));
		const history = w.sb.invoice.seedContacts(3);
		w.sb.invoice.setClock();
		const before = Math.floor(Date.now() / 1000) * 1000;
		const first = await poll(CONTACTS);
		const after = Math.floor(Date.now() / 1000) * 1000;
		expect(first.items).toEqual([]);
		expect(first.calls).toHaveLength(0);
		const cursor = pollState(first.staticData).cursor as number;
		expect(cursor).toBeGreaterThanOrEqual(before);
		expect(cursor).toBeLessThanOrEqual(after);

		// Changes in the second after activation (possibly still ahead of the real clock).
		w.sb.invoice.setClock(() => new Date(cursor + 1000));
		const added = w.sb.invoice.seedContacts(1);
		w.sb.invoice.modify('contacts', String(history[1].contact_id), { company_name: 'Moved' });
		const second = await poll(CONTACTS, { staticData: first.staticData });
		expect(idsOf(second.items, 'contact_id')).toEqual(ids([added[0], history[1]], 'contact_id'));
		expect(second.calls.map((r) => r.path)).toEqual(['/invoice/v3/contacts']);
		expect(second.calls[0].query).toMatchObject({
			sort_column: 'last_modified_time',
			sort_order: 'D',
			per_page: '200',
			page: '1',
		});
		// No last_modified_time filter: its meaning is disputed (modified after, or exactly at).
		expect(second.calls[0].query.last_modified_time).toBeUndefined();

		const idle = await poll(CONTACTS, { staticData: second.staticData });
		expect(idle.items).toEqual([]);
		expect(idle.calls).toHaveLength(1);
	});

	it('Include Existing Records Since emits what changed since that date at activation, once', async () => {
		at(-3600);
		w.sb.invoice.seedContacts(4);
		at(5);
		const recent = w.sb.invoice.seedContacts(2);
		const first = await poll({ ...CONTACTS, options: { includeExistingSince: sinceB() } });
		expect(idsOf(first.items, 'contact_id')).toEqual(ids(recent, 'contact_id'));
		expect(first.calls).toHaveLength(1);
		const idle = await poll(CONTACTS, { staticData: first.staticData });
		expect(idle.items).toEqual([]);
		expect(idle.calls).toHaveLength(1);
	});

	it('manual test returns the most recently changed record with one call and leaves static data untouched', async () => {
		at(-3600);
		const history = w.sb.invoice.seedContacts(3);
		const invoices = w.sb.invoice.seedInvoices(3);
		at(5);
		w.sb.invoice.modify('contacts', String(history[1].contact_id), { company_name: 'Latest' });
		w.sb.invoice.act('invoices', String(invoices[0].invoice_id), 'POST status/void');
		const active = await poll(CONTACTS);
		const saved = structuredClone(active.staticData);

		const sample = await poll(CONTACTS, { staticData: active.staticData, manual: true });
		expect(sample.items).toHaveLength(1);
		expect(sample.items[0].contact_id).toBe(history[1].contact_id);
		expect(sample.calls).toHaveLength(1);
		expect(sample.calls[0].query).toMatchObject({
			sort_column: 'last_modified_time',
			sort_order: 'D',
			per_page: '1',
		});
		expect(sample.staticData).toEqual(saved);

		// The status event's sample has the chosen status.
		const voided = await poll(
			{ event: 'invoiceStatus', status: 'void' },
			{ staticData: saved, manual: true },
		);
		expect(voided.items.map((i) => i.invoice_id)).toEqual([invoices[0].invoice_id]);
		expect(voided.calls[0].query).toMatchObject({ filter_by: 'Status.Void', per_page: '1' });
		expect(voided.staticData).toEqual(saved);

		// An empty Organization costs one lookup, which a manual test does not keep.
		const looked = await poll({ ...CONTACTS, organizationId: '' }, { manual: true });
		expect(looked.calls.map((r) => r.path)).toEqual([
			'/invoice/v3/organizations',
			'/invoice/v3/contacts',
		]);
		expect(looked.items).toHaveLength(1);
		expect(looked.staticData).toEqual({});
	});
});

interface EventCase {
	event: string;
	table: string;
	idField: string;
	change: (n: number) => Rec;
	auth: Auth;
}

// Assumptions the sandbox makes here (docs/trigger-invoice.md): every list sorts by
// last_modified_time (documented for contacts only) and every row carries it (customer payments
// and expenses: UNCERTAIN). The variants are tested under "tolerant of what Zoho does not document".
const EVENTS: EventCase[] = [
	{
		event: 'contact',
		table: 'contacts',
		idField: 'contact_id',
		change: (n) => ({ company_name: `Changed ${n}` }),
		auth: 'oAuth2',
	},
	{
		event: 'creditNote',
		table: 'creditnotes',
		idField: 'creditnote_id',
		change: (n) => ({ notes: `Changed ${n}` }),
		auth: 'selfClient',
	},
	{
		event: 'customerPayment',
		table: 'customerpayments',
		idField: 'payment_id',
		change: (n) => ({ reference_number: `R-${n}` }),
		auth: 'oAuth2',
	},
	{
		event: 'estimate',
		table: 'estimates',
		idField: 'estimate_id',
		change: (n) => ({ notes: `Changed ${n}` }),
		auth: 'selfClient',
	},
	{
		event: 'expense',
		table: 'expenses',
		idField: 'expense_id',
		change: (n) => ({ description: `Changed ${n}` }),
		auth: 'oAuth2',
	},
	{
		event: 'invoice',
		table: 'invoices',
		idField: 'invoice_id',
		change: (n) => ({ notes: `Changed ${n}` }),
		auth: 'selfClient',
	},
];

describe.each(EVENTS)('Zoho Invoice Trigger: $event created or updated ($auth)', (c) => {
	it('emits new and updated records exactly once each over several polls, one call a poll', async () => {
		const path = `/invoice/v3/${c.table}`;
		const run = (staticData?: IDataObject, options: INodeParameters = {}) =>
			poll({ event: c.event, options }, { staticData, auth: c.auth });
		at(-3600);
		const history = w.sb.invoice.seed(c.table, 3);
		at(1);
		const anchor = w.sb.invoice.seed(c.table, 1);
		const first = await run(undefined, { includeExistingSince: sinceB() });
		expect(idsOf(first.items, c.idField)).toEqual(ids(anchor, c.idField));

		at(10);
		const created = w.sb.invoice.seed(c.table, 2);
		w.sb.invoice.modify(c.table, String(history[0][c.idField]), c.change(1));
		const second = await run(first.staticData);
		expect(idsOf(second.items, c.idField)).toEqual(ids([...created, history[0]], c.idField));
		expect(second.items.find((i) => i[c.idField] === history[0][c.idField])).toMatchObject(
			c.change(1),
		);

		const third = await run(second.staticData);
		expect(third.items).toEqual([]);

		at(20);
		w.sb.invoice.modify(c.table, String(created[0][c.idField]), c.change(2));
		const fourth = await run(third.staticData);
		expect(idsOf(fourth.items, c.idField)).toEqual(ids([created[0]], c.idField));
		const fifth = await run(fourth.staticData);
		expect(fifth.items).toEqual([]);

		for (const p of [first, second, third, fourth, fifth])
			expect(p.calls.map((r) => r.path)).toEqual([path]);
	});
});

describe('Zoho Invoice Trigger: exactly once at boundaries, page caps and restarts', () => {
	it('several changes in one second, with polls in between, are each emitted once', async () => {
		at(-3600);
		w.sb.invoice.seedContacts(2);
		at(1);
		w.sb.invoice.seedContacts(1);
		let p = await poll({ ...CONTACTS, options: { includeExistingSince: sinceB() } });
		expect(p.items).toHaveLength(1);

		at(10);
		const firstThree = w.sb.invoice.seedContacts(3);
		p = await poll(CONTACTS, { staticData: p.staticData });
		expect(idsOf(p.items, 'contact_id')).toEqual(ids(firstThree, 'contact_id'));
		expect(p.calls).toHaveLength(1);

		// The same second again: the three are read again and not emitted again.
		const nextTwo = w.sb.invoice.seedContacts(2);
		p = await poll(CONTACTS, { staticData: p.staticData });
		expect(idsOf(p.items, 'contact_id')).toEqual(ids(nextTwo, 'contact_id'));

		// A change within the same second is told apart by its content.
		w.sb.invoice.modify('contacts', String(firstThree[1].contact_id), { company_name: 'Same s' });
		p = await poll(CONTACTS, { staticData: p.staticData });
		expect(idsOf(p.items, 'contact_id')).toEqual(ids([firstThree[1]], 'contact_id'));
		expect(p.items[0].company_name).toBe('Same s');

		p = await poll(CONTACTS, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(p.calls).toHaveLength(1);
	});

	it('a scan cut short by Max Pages per Poll goes on at the next polls; records changed meanwhile are emitted once', async () => {
		at(-3600);
		w.sb.invoice.seedContacts(5);
		const burst: Rec[] = [];
		for (let i = 0; i < 450; i++) {
			at(10 + i);
			burst.push(...w.sb.invoice.seedContacts(1));
		}
		const params = { ...CONTACTS, options: { maxPagesPerPoll: 1 } };
		const emitted: string[] = [];
		const counts: number[] = [];
		let p = await poll({
			...CONTACTS,
			options: { maxPagesPerPoll: 1, includeExistingSince: sinceB() },
		});
		const take = (polled: Polled) => {
			emitted.push(...polled.items.map((i) => String(i.contact_id)));
			counts.push(polled.items.length);
			expect(polled.calls).toHaveLength(1);
		};
		take(p);
		expect(pollState(p.staticData).scan).toMatchObject({ page: 2 });
		// One record not read yet (page 3) and one already read (page 1) change between polls.
		at(600);
		w.sb.invoice.modify('contacts', String(burst[10].contact_id), { company_name: 'Later 10' });
		at(601);
		w.sb.invoice.modify('contacts', String(burst[300].contact_id), { company_name: 'Later 300' });
		for (let i = 0; i < 4; i++) {
			p = await poll(params, { staticData: p.staticData });
			take(p);
			// Once the scan is read whole, the cursor is the newest change it read (page 1, poll 1).
			if (i === 1) expect(pollState(p.staticData).cursor).toBe(B + 459_000);
		}
		// Page 1 (200), page 2 of the shifted list (199 new), page 3 (50), then the two changes.
		expect(counts).toEqual([200, 199, 50, 2, 0]);
		expect(new Set(emitted).size).toBe(450);
		const twice = emitted.filter((id, i) => emitted.indexOf(id) !== i);
		expect(twice).toEqual([String(burst[300].contact_id)]);
		expect(pollState(p.staticData).scan).toBeUndefined();
	});

	it('1,000 changes cost 6 calls: 5 pages in one poll (Max Pages per Poll 5), 1 in the next', async () => {
		at(-3600);
		w.sb.invoice.seedContacts(3);
		at(1);
		w.sb.invoice.seedContacts(1);
		const first = await poll({ ...CONTACTS, options: { includeExistingSince: sinceB() } });
		for (let i = 0; i < 1000; i++) {
			at(10 + Math.floor(i / 7)); // several records in most seconds
			w.sb.invoice.seedContacts(1);
		}
		const burst = await poll(CONTACTS, { staticData: first.staticData });
		expect(burst.items).toHaveLength(1000);
		expect(burst.calls.map((r) => r.query.page)).toEqual(['1', '2', '3', '4', '5']);
		const end = await poll(CONTACTS, { staticData: burst.staticData });
		expect(end.items).toEqual([]);
		expect(end.calls.map((r) => r.query.page)).toEqual(['6']);
		const idle = await poll(CONTACTS, { staticData: end.staticData });
		expect(idle.items).toEqual([]);
		expect(idle.calls.map((r) => r.query.page)).toEqual(['1']);
	});

	it('a restart goes on from the static data saved with the last emit (n8n 2.8) or the last poll', async () => {
		at(1);
		w.sb.invoice.seedContacts(1);
		const activation = await poll({ ...CONTACTS, options: { includeExistingSince: sinceB() } });
		at(10);
		const first = w.sb.invoice.seedContacts(1);
		const emitting = await poll(CONTACTS, { staticData: activation.staticData });
		expect(idsOf(emitting.items, 'contact_id')).toEqual(ids(first, 'contact_id'));
		const saved = emitting.staticData; // n8n 2.8 saves static data with each emit
		const quiet = await poll(CONTACTS, { staticData: saved });
		expect(quiet.items).toEqual([]);
		at(20);
		const second = w.sb.invoice.seedContacts(1);
		// n8n 2.8 restarted: the quiet poll's static data was never saved.
		const restarted = await poll(CONTACTS, { staticData: saved });
		expect(idsOf(restarted.items, 'contact_id')).toEqual(ids(second, 'contact_id'));
		expect(restarted.calls).toHaveLength(1);
		// 2.41's durable cursors saved the quiet poll too: the same result.
		const durable = await poll(CONTACTS, { staticData: quiet.staticData });
		expect(idsOf(durable.items, 'contact_id')).toEqual(ids(second, 'contact_id'));
	});
});

describe('Zoho Invoice Trigger: limits and tokens', () => {
	it('a daily limit mid-poll fails the poll with the limit and reset, keeps the cursor, and blocks polls until the reset at no cost', async () => {
		at(-3600);
		w.sb.invoice.seedContacts(5);
		at(1);
		const anchor = w.sb.invoice.seedContacts(1);
		// An empty Organization: looked up once (which also teaches its time zone), then kept.
		const params = { ...CONTACTS, organizationId: '' };
		const first = await poll(
			{ ...params, options: { includeExistingSince: sinceB() } },
			{ auth: 'selfClient' },
		);
		expect(idsOf(first.items, 'contact_id')).toEqual(ids(anchor, 'contact_id'));
		expect(first.calls.map((r) => r.path)).toEqual([
			'/invoice/v3/organizations',
			'/invoice/v3/contacts',
		]);
		expect(nodeData(first.staticData).zohoInvoiceOrganization).toBe(ORG);
		for (let i = 0; i < 450; i++) {
			at(10 + i);
			w.sb.invoice.seedContacts(1);
		}
		w.sb.invoice.setLimits({ perDay: { limit: 2 } });
		const failed = await failingPoll(params, { staticData: first.staticData, auth: 'selfClient' });
		// Pages 1 and 2, then page 3 refused (HTTP 429, code 45); no time-zone lookup: it is known.
		expect(failed.calls.map((r) => [r.path, r.query.page, r.status])).toEqual([
			['/invoice/v3/contacts', '1', 200],
			['/invoice/v3/contacts', '2', 200],
			['/invoice/v3/contacts', '3', 429],
		]);
		const quota = failed.error.context?.quota as IDataObject;
		expect(quota).toMatchObject({ kind: 'daily', limit: 2 });
		const resetsAt = Date.parse(String(quota.resetsAt));
		// The next midnight in the organization's time zone (Asia/Kolkata, UTC+05:30).
		const midnight = (() => {
			const ist = Date.now() + 330 * 60_000;
			return Math.floor(ist / 86_400_000) * 86_400_000 + 86_400_000 - 330 * 60_000;
		})();
		expect(resetsAt).toBe(midnight);
		expect(failed.error.message).toBe(
			'Zoho Invoice: daily API limit of 2 calls for this organization reached (Zoho code 45); resets at 00:00 (Asia/Kolkata)',
		);
		const { blockedUntil, ...kept } = pollState(failed.staticData);
		expect(kept).toEqual(pollState(first.staticData));
		expect(blockedUntil).toBe(resetsAt);

		const blocked = await poll(params, { staticData: failed.staticData, auth: 'selfClient' });
		expect(blocked.items).toEqual([]);
		expect(blocked.calls).toHaveLength(0);

		// Once the limit has reset, nothing was lost.
		w.sb.invoice.setLimits({});
		const reset = structuredClone(failed.staticData);
		pollState(reset).blockedUntil = Date.now() - 1000;
		const after = await poll(params, { staticData: reset, auth: 'selfClient' });
		expect(after.items).toHaveLength(450);
		expect(new Set(after.items.map((i) => i.contact_id)).size).toBe(450);
		expect(after.calls).toHaveLength(3);
		expect(pollState(after.staticData).blockedUntil).toBeUndefined();
	});

	it.each<Auth>(['oAuth2', 'selfClient'])(
		'an expired token (%s) is renewed with exactly one token request; emission is unaffected',
		async (auth) => {
			at(1);
			w.sb.invoice.seedContacts(1);
			const first = await poll(
				{ ...CONTACTS, options: { includeExistingSince: sinceB() } },
				{ auth },
			);
			expect(first.items).toHaveLength(1);
			at(10);
			const added = w.sb.invoice.seedContacts(1);
			w.sb.expireAccessTokens();
			const tokenCalls = w.sb.tokenEndpointCalls();
			const refreshes = w.sb.tokenEndpointCalls('refresh_token');
			const renewed = await poll(CONTACTS, { staticData: first.staticData, auth });
			expect(w.sb.tokenEndpointCalls() - tokenCalls).toBe(1);
			expect(w.sb.tokenEndpointCalls('refresh_token') - refreshes).toBe(1);
			expect(renewed.calls.map((r) => r.status)).toEqual([401, 200]);
			expect(idsOf(renewed.items, 'contact_id')).toEqual(ids(added, 'contact_id'));
		},
	);
});

describe('Zoho Invoice Trigger: Invoice Status Changed', () => {
	const payInFull = (invoice: Rec) =>
		w.sb.invoice.create('customerpayments', {
			customer_id: invoice.customer_id,
			amount: invoice.total,
			date: '2026-01-01',
			payment_mode: 'cash',
			invoices: [{ invoice_id: invoice.invoice_id, amount_applied: invoice.total }],
		});

	// Assumption (sandbox): a payment changes the invoice's last_modified_time.
	it('emits an invoice once each time it reaches the chosen status (Paid)', async () => {
		const params = { event: 'invoiceStatus', status: 'paid' };
		at(-3600);
		const [a, b] = w.sb.invoice.seedInvoices(2);
		for (const inv of [a, b])
			w.sb.invoice.act('invoices', String(inv.invoice_id), 'POST status/sent');
		at(1);
		const draft = w.sb.invoice.seedInvoices(1)[0];
		let p = await poll({ ...params, options: { includeExistingSince: sinceB() } });
		expect(p.items).toEqual([]); // a new draft is not paid

		at(10);
		w.sb.invoice.create('customerpayments', {
			customer_id: a.customer_id,
			amount: 1,
			date: '2026-01-01',
			payment_mode: 'cash',
			invoices: [{ invoice_id: a.invoice_id, amount_applied: 1 }],
		});
		w.sb.invoice.act('invoices', String(draft.invoice_id), 'POST status/sent');
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]); // partially paid, sent

		at(20);
		const rest = Number(w.sb.invoice.get('invoices', String(a.invoice_id))!.balance);
		const payment = w.sb.invoice.create('customerpayments', {
			customer_id: a.customer_id,
			amount: rest,
			date: '2026-01-01',
			payment_mode: 'cash',
			invoices: [{ invoice_id: a.invoice_id, amount_applied: rest }],
		});
		p = await poll(params, { staticData: p.staticData });
		expect(p.items.map((i) => [i.invoice_id, i.status])).toEqual([[a.invoice_id, 'paid']]);

		// Edited while paid: no new status, nothing emitted.
		at(30);
		w.sb.invoice.modify('invoices', String(a.invoice_id), { notes: 'thanks' });
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);

		// The payment is deleted (back to partially paid), then paid again: a second arrival.
		at(40);
		w.sb.invoice.remove('customerpayments', String(payment.payment_id));
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		at(50);
		payInFull({ ...a, total: rest });
		p = await poll(params, { staticData: p.staticData });
		expect(p.items.map((i) => i.invoice_id)).toEqual([a.invoice_id]);
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(p.calls.map((r) => r.path)).toEqual(['/invoice/v3/invoices']);
		// One list for every status: the trigger must see the statuses before the chosen one.
		expect(p.calls[0].query.filter_by).toBeUndefined();
	});

	it.each([
		['sent', 'POST status/sent'],
		['void', 'POST status/void'],
	])('emits an invoice that becomes %s once', async (status, action) => {
		const params = { event: 'invoiceStatus', status };
		at(-3600);
		const [inv, other] = w.sb.invoice.seedInvoices(2);
		at(1);
		w.sb.invoice.modify('invoices', String(other.invoice_id), { notes: 'touched' });
		let p = await poll({ ...params, options: { includeExistingSince: sinceB() } });
		expect(p.items).toEqual([]);
		at(10);
		w.sb.invoice.act('invoices', String(inv.invoice_id), action);
		p = await poll(params, { staticData: p.staticData });
		expect(p.items.map((i) => [i.invoice_id, i.status])).toEqual([[inv.invoice_id, status]]);
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(p.calls).toHaveLength(1);
	});

	it('documented limit: an invoice first seen after activation already in the status is emitted when it changes', async () => {
		const params = { event: 'invoiceStatus', status: 'paid' };
		at(-3600);
		const [inv] = w.sb.invoice.seedInvoices(1);
		w.sb.invoice.act('invoices', String(inv.invoice_id), 'POST status/sent');
		payInFull(inv); // paid long before activation
		at(1);
		w.sb.invoice.seedInvoices(1);
		let p = await poll({ ...params, options: { includeExistingSince: sinceB() } });
		expect(p.items).toEqual([]);
		at(10);
		w.sb.invoice.modify('invoices', String(inv.invoice_id), { notes: 'edited' });
		p = await poll(params, { staticData: p.staticData });
		// Zoho's list has no status history: the trigger cannot tell it was paid before.
		expect(p.items.map((i) => i.invoice_id)).toEqual([inv.invoice_id]);
	});
});

describe('Zoho Invoice Trigger: Invoice Status Changed to Overdue (a window of due dates)', () => {
	const DAY = 86_400_000;
	const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
	const params = { event: 'invoiceStatus', status: 'overdue', overdueWindowDays: 30 };

	function sentInvoice(due: number): Rec {
		const [inv] = w.sb.invoice.seedInvoices(1);
		w.sb.invoice.modify('invoices', String(inv.invoice_id), { due_date: day(due) });
		return w.sb.invoice.act('invoices', String(inv.invoice_id), 'POST status/sent');
	}

	it('reads the window at activation (one call, nothing emitted), then emits each invoice once when it becomes overdue, and again if it comes back', async () => {
		const now = Date.now();
		w.sb.invoice.setClock(() => new Date(now - 5 * DAY));
		const late = sentInvoice(now - 10 * DAY); // overdue already: known at activation
		const soon = sentInvoice(now - 2 * DAY); // becomes overdue when the clock reaches today
		const [old] = w.sb.invoice.seedInvoices(1); // a draft due 40 days ago
		w.sb.invoice.modify('invoices', String(old.invoice_id), { due_date: day(now - 40 * DAY) });
		// Overdue for long: outside the window, more than a page of them.
		for (let i = 0; i < 205; i++) sentInvoice(now - 60 * DAY);

		let p = await poll(params);
		expect(p.items).toEqual([]);
		expect(p.calls).toHaveLength(1);
		expect(p.calls[0].query).toMatchObject({
			filter_by: 'Status.OverDue',
			due_date_start: day(now - 30 * DAY),
			sort_column: 'due_date',
			sort_order: 'D',
			per_page: '200',
		});
		expect(Object.keys(pollState(p.staticData).seen as IDataObject)).toEqual([late.invoice_id]);

		w.sb.invoice.setClock();
		// Sent now, due 40 days ago: overdue at once, but outside the window.
		w.sb.invoice.act('invoices', String(old.invoice_id), 'POST status/sent');
		p = await poll(params, { staticData: p.staticData });
		expect(p.items.map((i) => i.invoice_id)).toEqual([soon.invoice_id]);
		expect(p.calls).toHaveLength(1);
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(p.calls).toHaveLength(1);

		// Paid: it leaves the window's list; the payment is deleted: overdue again, emitted again.
		const payment = w.sb.invoice.create('customerpayments', {
			customer_id: soon.customer_id,
			amount: soon.total,
			date: day(now),
			payment_mode: 'cash',
			invoices: [{ invoice_id: soon.invoice_id, amount_applied: soon.total }],
		});
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		w.sb.invoice.remove('customerpayments', String(payment.payment_id));
		p = await poll(params, { staticData: p.staticData });
		expect(p.items.map((i) => i.invoice_id)).toEqual([soon.invoice_id]);

		// A Zoho that ignores due_date_start: 208 invoices are listed, those before the window are
		// dropped here, and the scan stops at the first of them (sorted by due date): one call.
		ignoreQuery('/invoices', ['due_date_start']);
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(p.calls).toHaveLength(1);

		const sample = await poll(params, { staticData: p.staticData, manual: true });
		expect(sample.items.map((i) => i.invoice_id)).toEqual([soon.invoice_id]);
		expect(sample.calls[0].query).toMatchObject({ filter_by: 'Status.OverDue', per_page: '1' });
	});

	it('assumption: a Zoho that ignores the overdue filter is read by the status it stores (emitted once its job marks the invoice overdue)', async () => {
		const now = Date.now();
		w.sb.invoice.setClock(() => new Date(now - 5 * DAY));
		const soon = sentInvoice(now - 2 * DAY);
		const future = sentInvoice(now + 5 * DAY);
		ignoreQuery('/invoices', ['filter_by']);
		let p = await poll(params);
		expect(p.items).toEqual([]);
		w.sb.invoice.setClock();
		p = await poll(params, { staticData: p.staticData });
		// Past due, but the status field still says "sent" and the filter was not applied.
		expect(p.items).toEqual([]);
		expect(w.sb.invoice.sweepOverdue().map((i) => i.invoice_id)).toEqual([soon.invoice_id]);
		p = await poll(params, { staticData: p.staticData });
		expect(p.items.map((i) => [i.invoice_id, i.status])).toEqual([[soon.invoice_id, 'overdue']]);
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(future.status).toBe('sent');
	});
});

describe('Zoho Invoice Trigger: tolerant of what Zoho does not document', () => {
	function history(n: number, from = -3600): Rec[] {
		const made: Rec[] = [];
		for (let i = 0; i < n; i++) {
			at(from + i);
			made.push(...w.sb.invoice.seedContacts(1));
		}
		return made;
	}

	it('a Zoho that ignores sort_column is read to the end of the list (every page, each change once)', async () => {
		const old = history(450);
		at(1);
		const anchor = w.sb.invoice.seedContacts(1);
		ignoreQuery('/contacts', ['sort_column', 'sort_order']);
		let p = await poll({ ...CONTACTS, options: { includeExistingSince: sinceB() } });
		expect(idsOf(p.items, 'contact_id')).toEqual(ids(anchor, 'contact_id'));
		expect(p.calls).toHaveLength(3);
		at(10);
		w.sb.invoice.modify('contacts', String(old[7].contact_id), { company_name: 'Unsorted' });
		p = await poll(CONTACTS, { staticData: p.staticData });
		expect(idsOf(p.items, 'contact_id')).toEqual(ids([old[7]], 'contact_id'));
		expect(p.calls).toHaveLength(3);
		p = await poll(CONTACTS, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(p.calls).toHaveLength(3); // the price of an unsorted list
	});

	it('a page that claims the sort but is not in newest-first order does not end the scan', async () => {
		const old = history(450);
		at(10);
		w.sb.invoice.modify('contacts', String(old[3].contact_id), { company_name: 'Changed' });
		// Oldest first, while page_context says newest first.
		w.sb.overrideReplies({
			server: 'api',
			method: 'GET',
			match: (r) => r.path === '/invoice/v3/contacts',
			reply: async (r, real) => {
				const answer = await real({ ...r, query: { ...r.query, sort_order: 'A' } });
				const body = JSON.parse(answer.body) as { page_context: Rec };
				body.page_context.sort_order = 'D';
				return { ...answer, body: JSON.stringify(body) };
			},
		});
		const p = await poll({ ...CONTACTS, options: { includeExistingSince: sinceB() } });
		expect(idsOf(p.items, 'contact_id')).toEqual(ids([old[3]], 'contact_id'));
		expect(p.calls).toHaveLength(3);
	});

	it('assumption: customer payments listed with updated_time instead of last_modified_time work alike', async () => {
		const params = { event: 'customerPayment' };
		at(-3600);
		w.sb.invoice.seedCustomerPayments(250);
		at(1);
		w.sb.invoice.seedCustomerPayments(1);
		rewriteRows('/customerpayments', (row) => {
			row.updated_time = row.last_modified_time;
			delete row.last_modified_time;
		});
		let p = await poll({ ...params, options: { includeExistingSince: sinceB() } });
		expect(p.items).toHaveLength(1);
		at(10);
		const added = w.sb.invoice.seedCustomerPayments(1);
		p = await poll(params, { staticData: p.staticData });
		expect(idsOf(p.items, 'payment_id')).toEqual(ids(added, 'payment_id'));
		p = await poll(params, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(p.calls).toHaveLength(1);
	});

	it('assumption: expenses with an empty last_modified_time are dated by created_time (new ones emitted; the scan cannot stop early)', async () => {
		const params = { event: 'expense' };
		at(-3600);
		const old = w.sb.invoice.seedExpenses(250);
		at(1);
		w.sb.invoice.seedExpenses(1);
		rewriteRows('/expenses', (row) => {
			row.last_modified_time = ' ';
		});
		let p = await poll({ ...params, options: { includeExistingSince: sinceB() } });
		expect(p.items).toHaveLength(1);
		expect(p.calls).toHaveLength(2);
		at(10);
		const added = w.sb.invoice.seedExpenses(1);
		w.sb.invoice.modify('expenses', String(old[0].expense_id), { description: 'unseen' });
		p = await poll(params, { staticData: p.staticData });
		// The change to an old expense cannot be dated: only the new expense is emitted.
		expect(idsOf(p.items, 'expense_id')).toEqual(ids(added, 'expense_id'));
		expect(p.calls).toHaveLength(2);
	});

	it('a list without any change time fails the poll with a message that says so', async () => {
		at(-3600);
		w.sb.invoice.seedCustomerPayments(2);
		const p = await poll({ event: 'customerPayment' });
		rewriteRows('/customerpayments', (row) => {
			delete row.last_modified_time;
			delete row.created_time;
		});
		const failed = await failingPoll({ event: 'customerPayment' }, { staticData: p.staticData });
		expect(failed.error.message).toBe(
			'Zoho Invoice listed customer payments without last_modified_time, updated_time or created_time',
		);
		expect(failed.calls).toHaveLength(1);
		expect(pollState(failed.staticData)).toEqual(pollState(p.staticData));
	});

	it('times in the organization time zone are compared as instants, across a daylight saving change', async () => {
		w.sb.invoice.setOrganizations([{ ...DEFAULT_ORG, time_zone: 'America/Los_Angeles' }]);
		w.sb.invoice.setTimeStyle('organization');
		// 2026-11-01 09:00Z: 02:00 PDT becomes 01:00 PST.
		B = Date.UTC(2026, 10, 1, 8, 59, 0);
		at(-3600);
		w.sb.invoice.seedContacts(3);
		at(30);
		const beforeChange = w.sb.invoice.seedContacts(1);
		expect(beforeChange[0].last_modified_time).toBe('2026-11-01T01:59:30-0700');
		let p = await poll({ ...CONTACTS, options: { includeExistingSince: sinceB() } });
		expect(idsOf(p.items, 'contact_id')).toEqual(ids(beforeChange, 'contact_id'));
		at(90);
		const afterChange = w.sb.invoice.seedContacts(1);
		// Earlier as text, later as an instant.
		expect(afterChange[0].last_modified_time).toBe('2026-11-01T01:00:30-0800');
		p = await poll(CONTACTS, { staticData: p.staticData });
		expect(idsOf(p.items, 'contact_id')).toEqual(ids(afterChange, 'contact_id'));
		expect(pollState(p.staticData).cursor).toBe(B + 90_000);
		p = await poll(CONTACTS, { staticData: p.staticData });
		expect(p.items).toEqual([]);
		expect(p.calls).toHaveLength(1);
	});
});
