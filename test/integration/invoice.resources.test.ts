import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { RESOURCES } from '../../nodes/ZohoInvoice/actions/resources';
import type { World } from './world';
import { jsonOf, useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(3);
let w: World;
let customerId: string;
beforeEach(() => {
	w = world();
	customerId = w.sb.invoice.records('contacts', ORG)[0].contact_id as string;
	w.sb.clearRequests();
});

const lineItems = {
	lineItemsMode: 'fields',
	lineItems: { item: [{ name: 'Consulting', quantity: 2, rate: 50 }] },
};

interface Case {
	resource: string;
	sandbox: string;
	idField: string;
	key: string;
	/** Node parameters that create one; a function of the seeded customer. */
	create?: (customer: string) => INodeParameters;
	/** Body Zoho must receive for that create. */
	createBody?: (customer: string) => IDataObject;
	/** Fields to seed a record straight into the sandbox. */
	seed: (customer: string) => IDataObject;
	update?: INodeParameters;
	updateBody?: IDataObject;
	stateChanges?: Array<[string, string]>;
}

const CASES: Case[] = [
	{
		resource: 'contact',
		sandbox: 'contacts',
		idField: 'contact_id',
		key: 'contact',
		create: () => ({
			contactName: 'Acme Ltd',
			additionalFields: { companyName: 'Acme', paymentTerms: 15 },
		}),
		createBody: () => ({ contact_name: 'Acme Ltd', company_name: 'Acme', payment_terms: 15 }),
		seed: () => ({ contact_name: 'Seeded Co' }),
		update: { updateFields: { website: 'https://acme.example' } },
		updateBody: { website: 'https://acme.example' },
		stateChanges: [
			['markInactive', '/inactive'],
			['markActive', '/active'],
		],
	},
	{
		resource: 'invoice',
		sandbox: 'invoices',
		idField: 'invoice_id',
		key: 'invoice',
		create: (c) => ({
			customerId: c,
			...lineItems,
			additionalFields: { date: '2026-11-20T10:00:00', dueDate: '2026-12-20' },
		}),
		createBody: (c) => ({
			customer_id: c,
			date: '2026-11-20',
			due_date: '2026-12-20',
			line_items: [{ name: 'Consulting', quantity: 2, rate: 50 }],
		}),
		seed: (c) => ({ customer_id: c, line_items: [{ name: 'Work', quantity: 1, rate: 10 }] }),
		update: {
			lineItemsMode: 'json',
			lineItemsJson: '[{"name":"Changed","quantity":1,"rate":99}]',
			updateFields: { notes: 'Thanks' },
		},
		updateBody: { notes: 'Thanks', line_items: [{ name: 'Changed', quantity: 1, rate: 99 }] },
		stateChanges: [
			['markSent', '/status/sent'],
			['void', '/status/void'],
			['markDraft', '/status/draft'],
		],
	},
	{
		resource: 'estimate',
		sandbox: 'estimates',
		idField: 'estimate_id',
		key: 'estimate',
		create: (c) => ({ customerId: c, ...lineItems }),
		createBody: (c) => ({
			customer_id: c,
			line_items: [{ name: 'Consulting', quantity: 2, rate: 50 }],
		}),
		seed: (c) => ({ customer_id: c, line_items: [{ name: 'Work', quantity: 1, rate: 10 }] }),
		update: { updateFields: { referenceNumber: 'PO-7' } },
		updateBody: { reference_number: 'PO-7' },
		stateChanges: [
			['markSent', '/status/sent'],
			['markAccepted', '/status/accepted'],
		],
	},
	{
		resource: 'item',
		sandbox: 'items',
		idField: 'item_id',
		key: 'item',
		create: () => ({
			name: 'Widget',
			rate: 12.5,
			additionalFields: { sku: 'W-1', productType: 'goods' },
		}),
		createBody: () => ({ name: 'Widget', rate: 12.5, sku: 'W-1', product_type: 'goods' }),
		seed: () => ({ name: 'Seeded item', rate: 3 }),
		update: { updateFields: { rate: 20 } },
		updateBody: { rate: 20 },
		stateChanges: [
			['markInactive', '/inactive'],
			['markActive', '/active'],
		],
	},
	{
		resource: 'customerPayment',
		sandbox: 'customerpayments',
		idField: 'payment_id',
		key: 'payment',
		create: (c) => ({
			customerId: c,
			amount: 100,
			date: '2026-11-21T00:00:00',
			paymentMode: 'cash',
		}),
		createBody: (c) => ({ customer_id: c, amount: 100, date: '2026-11-21', payment_mode: 'cash' }),
		seed: (c) => ({ customer_id: c, amount: 5, date: '2026-11-01', payment_mode: 'cash' }),
		update: { updateFields: { description: 'Paid by wire' } },
		updateBody: { description: 'Paid by wire' },
	},
	{
		resource: 'creditNote',
		sandbox: 'creditnotes',
		idField: 'creditnote_id',
		key: 'creditnote',
		create: (c) => ({ customerId: c, ...lineItems }),
		createBody: (c) => ({
			customer_id: c,
			line_items: [{ name: 'Consulting', quantity: 2, rate: 50 }],
		}),
		seed: (c) => ({ customer_id: c, line_items: [{ name: 'Refund', quantity: 1, rate: 10 }] }),
		update: { updateFields: { notes: 'Goodwill' } },
		updateBody: { notes: 'Goodwill' },
	},
	{
		resource: 'expense',
		sandbox: 'expenses',
		idField: 'expense_id',
		key: 'expense',
		create: () => ({ accountId: '460000000000000999', amount: 12.5, date: '2026-11-20T08:00:00' }),
		createBody: () => ({ account_id: '460000000000000999', amount: 12.5, date: '2026-11-20' }),
		seed: () => ({ account_id: '460000000000000999', amount: 1, date: '2026-11-01' }),
		update: { updateFields: { isBillable: true } },
		updateBody: { is_billable: true },
	},
	{
		resource: 'project',
		sandbox: 'projects',
		idField: 'project_id',
		key: 'project',
		create: (c) => ({
			projectName: 'Website',
			customerId: c,
			billingType: 'based_on_project_hours',
		}),
		createBody: (c) => ({
			project_name: 'Website',
			customer_id: c,
			billing_type: 'based_on_project_hours',
		}),
		seed: (c) => ({
			project_name: 'Seeded',
			customer_id: c,
			billing_type: 'fixed_cost_for_project',
		}),
		update: { updateFields: { description: 'Phase 2' } },
		updateBody: { description: 'Phase 2' },
	},
	{
		resource: 'recurringInvoice',
		sandbox: 'recurringinvoices',
		idField: 'recurrence_id',
		key: 'recurring_invoice',
		create: (c) => ({
			recurrenceName: 'Monthly retainer',
			customerId: c,
			recurrenceFrequency: 'months',
			...lineItems,
		}),
		createBody: (c) => ({
			recurrence_name: 'Monthly retainer',
			customer_id: c,
			recurrence_frequency: 'months',
			line_items: [{ name: 'Consulting', quantity: 2, rate: 50 }],
		}),
		seed: (c) => ({
			recurrence_name: 'Seeded',
			customer_id: c,
			recurrence_frequency: 'weeks',
			line_items: [{ name: 'Work', quantity: 1, rate: 10 }],
		}),
		update: { updateFields: { repeatEvery: 2 } },
		updateBody: { repeat_every: 2 },
		stateChanges: [
			['stop', '/status/stop'],
			['resume', '/status/resume'],
		],
	},
];

const run = (
	resource: string,
	operation: string,
	params: INodeParameters,
	opts: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) => w.run('oAuth2', { resource, operation, organizationId: ORG, ...params }, opts);

function lastApiRequest() {
	return w.sb.findRequests({ server: 'api' }).pop()!;
}

it('covers every resource of the node that can be created', () => {
	const creatable = RESOURCES.filter((r) => r.operations.create).map((r) => r.option.value);
	expect(CASES.map((c) => c.resource).sort()).toEqual(creatable.sort());
});

describe.each(CASES)('$resource', (c) => {
	const seeded = () => w.sb.invoice.create(c.sandbox, c.seed(customerId), ORG) as IDataObject;

	it('creates: sends the fields as Zoho keys, returns the record', async () => {
		const result = await run(c.resource, 'create', c.create!(customerId));
		expect(result.error).toBeUndefined();
		const request = lastApiRequest();
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/invoice/v3/${c.sandbox}`);
		expect(request.headers['x-com-zoho-invoice-organizationid']).toBe(ORG);
		expect(request.headers['content-type']).toContain('application/json');
		expect(request.body).toMatchObject(c.createBody!(customerId));
		const [record] = jsonOf(result);
		expect(record[c.idField]).toMatch(/^\d{18}$/);
		expect(w.sb.invoice.store.get(c.sandbox, record[c.idField] as string, ORG)).toBeDefined();
	});

	it('gets one by ID, simplified or in full', async () => {
		const record = seeded();
		const id = record[c.idField] as string;
		const simple = await run(c.resource, 'get', { [`${c.resource}Id`]: id });
		expect(jsonOf(simple)[0][c.idField]).toBe(id);
		expect(lastApiRequest().path).toBe(`/invoice/v3/${c.sandbox}/${id}`);
		const full = await run(c.resource, 'get', {
			[`${c.resource}Id`]: id,
			options: { fullResponse: true },
		});
		expect(jsonOf(full)[0].code).toBe(0);
		expect((jsonOf(full)[0][c.key] as IDataObject)[c.idField]).toBe(id);
	});

	it('gets many with a limit in one call, and all of 450 in 3 calls', async () => {
		// Records the organization already holds (the 3 seeded contacts, built-in users, …).
		const before = w.sb.invoice.records(c.sandbox, ORG).length;
		for (let i = 0; i < 450; i++) seeded();
		w.sb.clearRequests();
		const five = await run(c.resource, 'getAll', { returnAll: false, limit: 5 });
		expect(jsonOf(five)).toHaveLength(5);
		expect(w.sb.findRequests({ server: 'api' }).map((r) => r.query.per_page)).toEqual(['5']);
		w.sb.clearRequests();
		const all = await run(c.resource, 'getAll', { returnAll: true });
		expect(jsonOf(all)).toHaveLength(before + 450);
		expect(w.sb.findRequests({ server: 'api' })).toHaveLength(3);
	});

	it('updates only the given fields', async () => {
		const id = seeded()[c.idField] as string;
		const result = await run(c.resource, 'update', { [`${c.resource}Id`]: id, ...c.update });
		expect(result.error).toBeUndefined();
		const request = lastApiRequest();
		expect(request.method).toBe('PUT');
		expect(request.body).toEqual(c.updateBody);
		expect(jsonOf(result)[0][c.idField]).toBe(id);
	});

	it('deletes, answering { deleted: true } with the ID it deleted', async () => {
		const id = seeded()[c.idField] as string;
		const result = await run(c.resource, 'delete', { [`${c.resource}Id`]: id });
		expect(jsonOf(result)).toEqual([{ [c.idField]: id, deleted: true }]);
		expect(lastApiRequest().method).toBe('DELETE');
		expect(w.sb.invoice.store.get(c.sandbox, id, ORG)).toBeUndefined();
	});

	if (c.stateChanges) {
		it.each(c.stateChanges)('%s posts to %s', async (operation, suffix) => {
			const id = seeded()[c.idField] as string;
			for (const [previous] of c.stateChanges!) {
				if (previous === operation) break;
				await run(c.resource, previous, { [`${c.resource}Id`]: id });
			}
			const result = await run(c.resource, operation, { [`${c.resource}Id`]: id });
			expect(result.error).toBeUndefined();
			expect(lastApiRequest()).toMatchObject({
				method: 'POST',
				path: `/invoice/v3/${c.sandbox}/${id}${suffix}`,
			});
			expect(jsonOf(result)[0]).toMatchObject({ success: true, [c.idField]: id });
		});
	}

	const operations = [
		'create',
		'get',
		'getAll',
		'update',
		'delete',
		...(c.stateChanges ?? []).map(([op]) => op),
	];
	it.each(operations)(
		'%s keeps going on failure: one error item per failed input, nothing lost',
		async (operation) => {
			const ids = [seeded(), seeded()].map((r) => r[c.idField] as string);
			// Prepare each record for the state change under test (e.g. void needs a sent invoice).
			for (const [previous] of c.stateChanges ?? []) {
				if (previous === operation) break;
				for (const id of ids) await run(c.resource, previous, { [`${c.resource}Id`]: id });
			}
			const params: INodeParameters =
				operation === 'create'
					? c.create!(customerId)
					: operation === 'getAll'
						? { returnAll: false, limit: 2 }
						: operation === 'update'
							? { [`${c.resource}Id`]: '={{ $json.id }}', ...c.update }
							: { [`${c.resource}Id`]: '={{ $json.id }}' };
			// The middle item names an organization Zoho does not know.
			const result = await w.run(
				'oAuth2',
				{ resource: c.resource, operation, ...params, organizationId: '={{ $json.org }}' },
				{
					items: [
						{ id: ids[0], org: ORG },
						{ id: ids[1], org: '999' },
						{ id: ids[1], org: ORG },
					],
					continueOnFail: true,
				},
			);
			const out = result.output![0];
			const paired = out.map((i) => (i.pairedItem as { item: number }).item);
			expect(new Set(paired)).toEqual(new Set([0, 1, 2]));
			const failed = out.filter((i) => i.json.error);
			expect(failed).toHaveLength(1);
			expect((failed[0].pairedItem as { item: number }).item).toBe(1);
			expect(failed[0].json.error).toMatch(/^Zoho Invoice: .*\(code 6041\) \[HTTP 400\]$/);
			expect(failed[0].json.zohoCode).toBe(6041);
			expect(paired).toEqual([...paired].sort((a, b) => a - b));
		},
	);
});

describe('invoice specials', () => {
	it('filters get many by status, customer, date range, search text and modified since', async () => {
		await run('invoice', 'getAll', {
			returnAll: true,
			filters: {
				status: 'draft',
				customerId,
				dateStart: '2026-11-01T00:00:00',
				dateEnd: '2026-11-30',
				searchText: 'INV',
				modifiedSince: '2026-11-01T12:30:00.000Z',
			},
		});
		expect(lastApiRequest().query).toMatchObject({
			status: 'draft',
			customer_id: customerId,
			date_start: '2026-11-01',
			date_end: '2026-11-30',
			search_text: 'INV',
			last_modified_time: '2026-11-01T12:30:00+0000',
			per_page: '200',
		});
	});

	it('filters contacts by status with filter_by', async () => {
		await run('contact', 'getAll', {
			returnAll: false,
			limit: 10,
			filters: { status: 'Status.Inactive', searchText: 'Co' },
		});
		expect(lastApiRequest().query).toMatchObject({
			filter_by: 'Status.Inactive',
			search_text: 'Co',
		});
	});

	it('emails an invoice to the customer', async () => {
		const invoice = w.sb.invoice.create(
			'invoices',
			{ customer_id: customerId, line_items: [{ name: 'A', quantity: 1, rate: 1 }] },
			ORG,
		) as IDataObject;
		const result = await run('invoice', 'email', {
			invoiceId: invoice.invoice_id as string,
			toEmails: 'ap@acme.example, boss@acme.example',
			emailOptions: { subject: 'Your invoice' },
		});
		expect(result.error).toBeUndefined();
		expect(lastApiRequest()).toMatchObject({
			method: 'POST',
			path: `/invoice/v3/invoices/${invoice.invoice_id as string}/email`,
			body: { to_mail_ids: ['ap@acme.example', 'boss@acme.example'], subject: 'Your invoice' },
		});
	});

	it('downloads the PDF as binary data', async () => {
		const invoice = w.sb.invoice.create(
			'invoices',
			{ customer_id: customerId, line_items: [{ name: 'A', quantity: 1, rate: 1 }] },
			ORG,
		) as IDataObject;
		const result = await run('invoice', 'downloadPdf', {
			invoiceId: invoice.invoice_id as string,
			binaryPropertyName: 'pdf',
		});
		expect(result.error).toBeUndefined();
		const item = result.output![0][0];
		expect(item.binary?.pdf.mimeType).toBe('application/pdf');
		const bytes = Buffer.from(item.binary!.pdf.data, 'base64');
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(bytes.toString('latin1')).toContain(invoice.invoice_number as string);
		expect(lastApiRequest().query.accept).toBe('pdf');
		// Named as Zoho's Content-Disposition says (assumption: the sandbox sends the invoice
		// number; Zoho does not document the header for ?accept=pdf).
		expect(item.binary?.pdf.fileName).toBe(`${String(invoice.invoice_number)}.pdf`);
		expect(item.json.fileName).toBe(`${String(invoice.invoice_number)}.pdf`);
	});

	it('names the PDF after the invoice ID when Zoho gives no file name, and never takes a folder from it', async () => {
		const invoice = w.sb.invoice.create(
			'invoices',
			{ customer_id: customerId, line_items: [{ name: 'A', quantity: 1, rate: 1 }] },
			ORG,
		) as IDataObject;
		const id = String(invoice.invoice_id);
		const names: string[] = [];
		for (const disposition of [undefined, 'attachment; filename="../../etc/passwd"']) {
			const remove = w.sb.overrideReplies({
				server: 'api',
				method: 'GET',
				pathIncludes: `/invoices/${id}`,
				reply: async (r, real) => {
					const reply = await real(r);
					const headers = { ...(reply.headers ?? {}) };
					delete headers['content-disposition'];
					if (disposition) headers['content-disposition'] = disposition;
					return { ...reply, headers };
				},
			});
			const result = await run('invoice', 'downloadPdf', {
				invoiceId: id,
				binaryPropertyName: 'pdf',
			});
			remove();
			expect(result.error).toBeUndefined();
			names.push(String(result.output![0][0].binary?.pdf.fileName));
		}
		expect(names).toEqual([`invoice-${id}.pdf`, 'passwd']);
	});

	it('applies a credit note to invoices', async () => {
		const invoice = w.sb.invoice.create(
			'invoices',
			{ customer_id: customerId, line_items: [{ name: 'A', quantity: 1, rate: 100 }] },
			ORG,
		) as IDataObject;
		await run('invoice', 'markSent', { invoiceId: invoice.invoice_id as string });
		const credit = w.sb.invoice.create(
			'creditnotes',
			{ customer_id: customerId, line_items: [{ name: 'R', quantity: 1, rate: 40 }] },
			ORG,
		) as IDataObject;
		const result = await run('creditNote', 'applyToInvoices', {
			creditNoteId: credit.creditnote_id as string,
			invoices: { invoice: [{ invoiceId: invoice.invoice_id as string, amount: 40 }] },
		});
		expect(result.error).toBeUndefined();
		expect(lastApiRequest().body).toEqual({
			invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 40 }],
		});
	});

	it('gets users', async () => {
		const result = await run('user', 'getAll', { returnAll: true });
		// The sandbox's two built-in users.
		expect(jsonOf(result).map((u) => u.email)).toEqual([
			'admin@sandbox.example',
			'staff@sandbox.example',
		]);
		const id = jsonOf(result)[0].user_id as string;
		const one = await run('user', 'get', { userId: id });
		expect(jsonOf(one)[0].user_id).toBe(id);
	});
});
