/**
 * Zoho Invoice's resource locators (issue 15): the "From list" searches (methods/listSearch.ts)
 * called as n8n's editor calls them, against the sandbox; and executions with every mode (list,
 * ID, URL, and the plain string a workflow saved before the fields were locators), each sending
 * the exact ID. Request counts are exact: a list costs one call per page.
 */
import type { IDataObject, INodeListSearchResult, INodeParameters } from 'n8n-workflow';
import { ONLY_ORGANIZATION } from '../../nodes/ZohoInvoice/actions/resourceBuilder/locators';
import { listSearch } from '../harness';
import { DEFAULT_ORG } from '../sandbox/invoice';
import type { World } from './world';
import { OAUTH_CRED, jsonOf, useWorld } from './world';

const ORG = DEFAULT_ORG.organization_id;
const ORG2 = {
	organization_id: '60023456789',
	name: 'Branch Traders',
	time_zone: 'Europe/Berlin',
	is_default_org: false,
	currency_code: 'EUR',
};
const ORG_HEADER = 'x-com-zoho-invoice-organizationid';

const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
});

/** A locator value as the editor saves it. */
const rl = (mode: 'list' | 'id' | 'url', value: string) => ({ __rl: true, mode, value });

/** The editor's search of a locator's list, in a form whose organization is `organizationId`. */
const search = async (
	method: string,
	opts: { organizationId?: unknown; filter?: string; paginationToken?: string } = {},
): Promise<INodeListSearchResult> =>
	await listSearch({
		nodeType: 'zohoInvoice',
		method,
		parameters: {
			authentication: 'oAuth2',
			resource: 'invoice',
			operation: 'create',
			organizationId: (opts.organizationId ?? rl('list', ORG)) as INodeParameters[string],
		},
		credentials: { zohoRegionalOAuth2Api: OAUTH_CRED },
		store: w.store,
		filter: opts.filter,
		paginationToken: opts.paginationToken,
	});

const apiCalls = () => w.sb.findRequests({ server: 'api' });

/** Contacts straight into the sandbox, by name (and status). */
function contacts(names: string[], status = 'active', org = ORG): IDataObject[] {
	return names.map(
		(contact_name) =>
			w.sb.invoice.create(
				'contacts',
				{ contact_name, email: `${contact_name.split(' ')[0].toLowerCase()}@example.com`, status },
				org,
			) as IDataObject,
	);
}

const byName = (records: Array<Record<string, unknown>>, key: string) =>
	[...records].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

describe('Organization list', () => {
	it("offers the account's only organization first (the empty value), then the organization itself, in one call", async () => {
		const result = await search('searchOrganizations');
		expect(result).toEqual({
			results: [
				{ name: ONLY_ORGANIZATION, value: '', description: 'Currently Sandbox Traders' },
				{ name: 'Sandbox Traders (default)', value: ORG, description: 'Time zone Asia/Kolkata' },
			],
		});
		expect(apiCalls().map((r) => [r.method, r.path, r.headers[ORG_HEADER]])).toEqual([
			['GET', '/invoice/v3/organizations', undefined],
		]);
	});

	it('with two organizations, lists both and not the empty choice (it would fail); typing filters by name', async () => {
		w.sb.invoice.setOrganizations([DEFAULT_ORG, ORG2]);
		expect((await search('searchOrganizations')).results.map((r) => r.value)).toEqual([
			ORG,
			ORG2.organization_id,
		]);
		expect(await search('searchOrganizations', { filter: 'BRANCH' })).toEqual({
			results: [
				{
					name: 'Branch Traders',
					value: ORG2.organization_id,
					description: 'Time zone Europe/Berlin',
				},
			],
		});
		expect(apiCalls()).toHaveLength(2);
	});
});

describe('Customer and contact lists', () => {
	it("lists the organization's active contacts by name, one call with Zoho's page of 200", async () => {
		const [zeta, alpha] = contacts(['Zeta Buyers', 'Alpha Clients']);
		contacts(['Gone Ltd'], 'inactive');
		w.sb.clearRequests();
		expect(await search('searchCustomers')).toEqual({
			results: [
				{ name: 'Alpha Clients', value: alpha.contact_id, description: 'alpha@example.com' },
				{ name: 'Zeta Buyers', value: zeta.contact_id, description: 'zeta@example.com' },
			],
		});
		const calls = apiCalls();
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ method: 'GET', path: '/invoice/v3/contacts' });
		expect(calls[0].headers[ORG_HEADER]).toBe(ORG);
		expect(calls[0].query).toEqual({
			page: '1',
			per_page: '200',
			sort_column: 'contact_name',
			filter_by: 'Status.Active',
		});
		for (const r of [alpha, zeta]) expect(r.contact_id).toMatch(/^\d{18}$/);
	});

	it("sends what was typed as Zoho's contact_name_contains and shows what Zoho answers", async () => {
		const [acme, trading] = contacts(['Acme Ltd', 'Acme Trading', 'Beta Co']);
		w.sb.clearRequests();
		// The sandbox matches contains case-insensitively (assumption: Zoho's documented _contains
		// variant does not say whether case matters).
		const result = await search('searchCustomers', { filter: ' acme ' });
		expect(result.results.map((r) => r.value)).toEqual([acme.contact_id, trading.contact_id]);
		expect(apiCalls().map((r) => r.query)).toEqual([
			{
				page: '1',
				per_page: '200',
				sort_column: 'contact_name',
				filter_by: 'Status.Active',
				contact_name_contains: 'acme',
			},
		]);
	});

	it('pages through 453 contacts with the token: 200, 200, 53, one call each, in name order', async () => {
		w.sb.invoice.seedContacts(450, ORG);
		contacts(['Aaron', 'Zed', 'Mia']);
		const expected = byName(w.sb.invoice.records('contacts', ORG), 'contact_name').map(
			(c) => c.contact_id,
		);
		w.sb.clearRequests();
		const first = await search('searchContacts');
		expect(first.paginationToken).toBe('2');
		const second = await search('searchContacts', { paginationToken: '2' });
		expect(second.paginationToken).toBe('3');
		const third = await search('searchContacts', { paginationToken: '3' });
		expect(third.paginationToken).toBeUndefined();
		expect([first, second, third].map((p) => p.results.length)).toEqual([200, 200, 53]);
		expect([...first.results, ...second.results, ...third.results].map((r) => r.value)).toEqual(
			expected,
		);
		expect(apiCalls().map((r) => r.query.page)).toEqual(['1', '2', '3']);
	});

	it('the contact operations list inactive contacts too (Mark as Active needs them)', async () => {
		const [gone] = contacts(['Gone Ltd'], 'inactive');
		w.sb.clearRequests();
		expect((await search('searchContacts')).results.map((r) => r.value)).toEqual([gone.contact_id]);
		expect(apiCalls()[0].query).toEqual({
			page: '1',
			per_page: '200',
			sort_column: 'contact_name',
		});
	});
});

describe('Item, tax, invoice and estimate lists', () => {
	it("items: active ones for line items, all for the item's own operations; name_contains", async () => {
		const [one, two] = w.sb.invoice.seedItems(2, ORG);
		const retired = w.sb.invoice.create(
			'items',
			{ name: 'Retired item', rate: 5, status: 'inactive' },
			ORG,
		) as IDataObject;
		w.sb.clearRequests();
		expect(await search('searchActiveItems')).toEqual({
			results: [
				{ name: 'Item 001', value: one.item_id, description: 'Rate 50' },
				{ name: 'Item 002', value: two.item_id, description: 'Rate 100' },
			],
		});
		expect((await search('searchItems', { filter: 'retired' })).results).toEqual([
			{ name: 'Retired item', value: retired.item_id, description: 'Rate 5' },
		]);
		expect(apiCalls().map((r) => [r.path, r.query])).toEqual([
			[
				'/invoice/v3/items',
				{ page: '1', per_page: '200', sort_column: 'name', filter_by: 'Status.Active' },
			],
			[
				'/invoice/v3/items',
				{ page: '1', per_page: '200', sort_column: 'name', name_contains: 'retired' },
			],
		]);
	});

	it('taxes: Zoho has no tax search parameter, so what was typed filters the page here (one call)', async () => {
		const taxes = w.sb.invoice.records('taxes', ORG);
		const gst = taxes.find((t) => t.tax_name === 'GST18')!;
		const vat = taxes.find((t) => t.tax_name === 'VAT5')!;
		expect(await search('searchTaxes')).toEqual({
			results: [
				{ name: 'GST18', value: gst.tax_id, description: '18 %' },
				{ name: 'VAT5', value: vat.tax_id, description: '5 %' },
			],
		});
		expect((await search('searchTaxes', { filter: 'vat' })).results.map((r) => r.value)).toEqual([
			vat.tax_id,
		]);
		expect(apiCalls().map((r) => [r.path, r.query])).toEqual([
			['/invoice/v3/settings/taxes', { page: '1', per_page: '200' }],
			['/invoice/v3/settings/taxes', { page: '1', per_page: '200' }],
		]);
	});

	it.each([
		['searchInvoices', 'invoices', 'invoice', 'seedInvoices'],
		['searchEstimates', 'estimates', 'estimate', 'seedEstimates'],
	] as const)(
		"%s: number and customer, searched with Zoho's search_text",
		async (method, plural, noun, seed) => {
			const [, , third] = w.sb.invoice[seed](3, ORG);
			const number = String(third[`${noun}_number`]);
			w.sb.clearRequests();
			const all = await search(method);
			expect(all.results).toHaveLength(3);
			const found = await search(method, { filter: number });
			expect(found).toEqual({
				results: [
					{
						name: `${number} (${String(third.customer_name)})`,
						value: third[`${noun}_id`],
						description: `${String(third.date)} · ${String(third.currency_code)} ${String(third.total)} · ${String(third.status)}`,
					},
				],
			});
			expect(apiCalls().map((r) => [r.path, r.query])).toEqual([
				[`/invoice/v3/${plural}`, { page: '1', per_page: '200' }],
				[`/invoice/v3/${plural}`, { page: '1', per_page: '200', search_text: number }],
			]);
		},
	);
});

describe('The lists follow the organization the form holds', () => {
	beforeEach(() => {
		w.sb.invoice.setOrganizations([DEFAULT_ORG, ORG2]);
	});

	it('switching the organization lists the other one’s records, with its header', async () => {
		const [mine] = contacts(['Main Customer']);
		const [theirs] = contacts(['Branch Customer'], 'active', ORG2.organization_id);
		w.sb.clearRequests();
		expect((await search('searchCustomers')).results.map((r) => r.value)).toEqual([
			mine.contact_id,
		]);
		expect(
			(
				await search('searchCustomers', { organizationId: rl('list', ORG2.organization_id) })
			).results.map((r) => r.value),
		).toEqual([theirs.contact_id]);
		expect(apiCalls().map((r) => r.headers[ORG_HEADER])).toEqual([ORG, ORG2.organization_id]);
	});

	it.each([
		['By ID', rl('id', '60023456789')],
		['By URL', rl('url', 'https://invoice.zohocloud.ca/app/60023456789#/home/dashboard')],
		['a plain string saved before (old workflow)', '60023456789'],
	])('organization %s', async (_title, organizationId) => {
		await search('searchTaxes', { organizationId });
		expect(apiCalls().map((r) => r.headers[ORG_HEADER])).toEqual([ORG2.organization_id]);
	});

	it("the account's only organization (empty): looked up first, and named when there are several", async () => {
		await expect(search('searchCustomers', { organizationId: rl('list', '') })).rejects.toThrow(
			`This Zoho account has 2 organizations; choose one in Organization ID: Sandbox Traders (${ORG}), Branch Traders (60023456789)`,
		);
		w.sb.invoice.setOrganizations([DEFAULT_ORG]);
		w.sb.clearRequests();
		await search('searchCustomers', { organizationId: rl('list', '') });
		expect(apiCalls().map((r) => [r.path, r.headers[ORG_HEADER]])).toEqual([
			['/invoice/v3/organizations', undefined],
			['/invoice/v3/contacts', ORG],
		]);
	});
});

describe('Executions send the exact ID of every locator mode', () => {
	let invoiceId: string;
	beforeEach(() => {
		const [customer] = contacts(['Acme Ltd']);
		invoiceId = String(
			(
				w.sb.invoice.create(
					'invoices',
					{
						customer_id: customer.contact_id,
						line_items: [{ name: 'Work', quantity: 1, rate: 10 }],
					},
					ORG,
				) as IDataObject
			).invoice_id,
		);
		w.sb.clearRequests();
	});

	const get = async (invoiceIdValue: unknown, organizationId: unknown = rl('list', ORG)) =>
		await w.run('oAuth2', {
			resource: 'invoice',
			operation: 'get',
			organizationId: organizationId as INodeParameters[string],
			invoiceId: invoiceIdValue as INodeParameters[string],
		});

	it.each([
		['From list', () => rl('list', invoiceId)],
		['By ID', () => rl('id', invoiceId)],
		[
			'By URL (zoho.com)',
			() => rl('url', `https://invoice.zoho.com/app/${ORG}#/invoices/${invoiceId}`),
		],
		[
			'By URL (zoho.com.au, with /edit)',
			() => rl('url', `https://invoice.zoho.com.au/app/${ORG}#/invoices/${invoiceId}/edit`),
		],
		[
			'By URL (zohocloud.ca, no org segment)',
			() => rl('url', `https://invoice.zohocloud.ca/app#/invoices/${invoiceId}`),
		],
		['a plain string (saved before)', () => invoiceId],
		['an expression', () => '={{ $json.id ?? "' + invoiceId + '" }}'],
	])('%s', async (_title, value) => {
		const result = await get(value());
		expect(result.error).toBeUndefined();
		expect(apiCalls().map((r) => [r.method, r.path, r.headers[ORG_HEADER]])).toEqual([
			['GET', `/invoice/v3/invoices/${invoiceId}`, ORG],
		]);
		expect(jsonOf(result)[0].invoice_id).toBe(invoiceId);
	});

	it('the organization by URL and by a plain string (saved before) reaches Zoho as its ID', async () => {
		await get(rl('id', invoiceId), rl('url', `https://invoice.zoho.in/app/${ORG}#/invoices`));
		await get(rl('id', invoiceId), ORG);
		expect(apiCalls().map((r) => r.headers[ORG_HEADER])).toEqual([ORG, ORG]);
	});

	it("a URL of another kind of record is refused before any request (the mode's validation, checked by n8n)", async () => {
		await expect(
			get(rl('url', `https://invoice.zoho.com/app/${ORG}#/contacts/${invoiceId}`)),
		).rejects.toThrow(
			'The workflow has issues and cannot be executed for that reason. Please fix them first.',
		);
		expect(apiCalls()).toHaveLength(0);
	});
});

describe('Locators inside collections send their exact ID too', () => {
	it('Get Many filter, Update Fields customer, an expense customer and the invoices a credit note pays', async () => {
		const [acme, beta] = contacts(['Acme Ltd', 'Beta Co']);
		const invoice = w.sb.invoice.create(
			'invoices',
			{ customer_id: acme.contact_id, line_items: [{ name: 'A', quantity: 1, rate: 100 }] },
			ORG,
		) as IDataObject;
		const url = (section: string, id: unknown) =>
			`https://invoice.zoho.jp/app/${ORG}#/${section}/${String(id)}`;
		const run = async (params: INodeParameters) => {
			w.sb.clearRequests();
			const result = await w.run('oAuth2', { organizationId: rl('list', ORG), ...params });
			expect(result.error).toBeUndefined();
			const calls = apiCalls();
			expect(calls).toHaveLength(1);
			return calls[0];
		};

		const list = await run({
			resource: 'invoice',
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: rl('url', url('contacts', acme.contact_id)) },
		});
		expect(list.query).toEqual({ customer_id: acme.contact_id, page: '1', per_page: '200' });
		// A filter locator left at its empty default is no filter.
		const unfiltered = await run({
			resource: 'invoice',
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: rl('list', '') },
		});
		expect(unfiltered.query).toEqual({ page: '1', per_page: '200' });

		const update = await run({
			resource: 'invoice',
			operation: 'update',
			invoiceId: rl('id', String(invoice.invoice_id)),
			updateFields: { customerId: rl('url', url('contacts', beta.contact_id)) },
		});
		expect(JSON.parse(update.rawBody)).toEqual({ customer_id: beta.contact_id });

		const expense = await run({
			resource: 'expense',
			operation: 'create',
			accountId: '460000000000001',
			amount: 10,
			date: '2026-11-20',
			additionalFields: { customerId: rl('list', String(acme.contact_id)) },
		});
		expect(JSON.parse(expense.rawBody)).toMatchObject({ customer_id: acme.contact_id });

		await w.run('oAuth2', {
			organizationId: ORG,
			resource: 'invoice',
			operation: 'markSent',
			invoiceId: String(invoice.invoice_id),
		});
		const credit = w.sb.invoice.create(
			'creditnotes',
			{ customer_id: beta.contact_id, line_items: [{ name: 'R', quantity: 1, rate: 40 }] },
			ORG,
		) as IDataObject;
		const apply = await run({
			resource: 'creditNote',
			operation: 'applyToInvoices',
			creditNoteId: String(credit.creditnote_id),
			invoices: {
				invoice: [{ invoiceId: rl('url', url('invoices', invoice.invoice_id)), amount: 40 }],
			},
		});
		expect(apply.path).toBe(`/invoice/v3/creditnotes/${String(credit.creditnote_id)}/invoices`);
		expect(JSON.parse(apply.rawBody)).toEqual({
			invoices: [{ invoice_id: invoice.invoice_id, amount_applied: 40 }],
		});
	});
});

describe('The demo flow: a customer picked from the list or by URL, an invoice with a listed item', () => {
	it('creates the invoice with the exact customer, item and tax IDs', async () => {
		contacts(['Zeta Buyers']);
		w.sb.invoice.seedItems(2, ORG);
		w.sb.clearRequests();
		const [customer] = (await search('searchCustomers', { filter: 'zeta' })).results;
		const items = (await search('searchActiveItems')).results;
		const [gst] = (await search('searchTaxes', { filter: 'gst' })).results;
		expect(apiCalls()).toHaveLength(3);

		const customerUrl = `https://invoice.zoho.eu/app/${ORG}#/contacts/${String(customer.value)}`;
		for (const customerId of [rl('list', String(customer.value)), rl('url', customerUrl)]) {
			w.sb.clearRequests();
			const result = await w.run('oAuth2', {
				resource: 'invoice',
				operation: 'create',
				organizationId: rl('list', ORG),
				customerId,
				lineItemsMode: 'fields',
				lineItems: {
					item: [
						{
							itemId: rl('list', String(items[1].value)),
							taxId: rl('id', String(gst.value)),
							quantity: 2,
							rate: 0,
						},
						// A line without an item: its Item and Tax locators stay at their empty default.
						{ name: 'Setup', quantity: 1, rate: 15 },
					],
				},
			});
			expect(result.error).toBeUndefined();
			const calls = apiCalls();
			expect(calls.map((r) => [r.method, r.path, r.headers[ORG_HEADER]])).toEqual([
				['POST', '/invoice/v3/invoices', ORG],
			]);
			expect(JSON.parse(calls[0].rawBody)).toEqual({
				customer_id: customer.value,
				line_items: [
					{ item_id: items[1].value, tax_id: gst.value, quantity: 2 },
					{ name: 'Setup', quantity: 1, rate: 15 },
				],
			});
			const [invoice] = jsonOf(result);
			expect(invoice.customer_id).toBe(customer.value);
			expect((invoice.line_items as IDataObject[])[0]).toMatchObject({
				item_id: items[1].value,
				name: 'Item 002',
				tax_id: gst.value,
			});
		}
		expect(w.sb.invoice.records('invoices', ORG)).toHaveLength(2);
	});

	it('a workflow saved with the old plain-string parameters still runs and sends the same body', async () => {
		const [customer] = contacts(['Zeta Buyers']);
		const [, item] = w.sb.invoice.seedItems(2, ORG);
		const gst = w.sb.invoice.records('taxes', ORG).find((t) => t.tax_name === 'GST18')!;
		w.sb.clearRequests();
		// Exactly as a workflow of the previous version saved them: dropdown values are plain strings.
		const result = await w.run('oAuth2', {
			resource: 'invoice',
			operation: 'create',
			organizationId: ORG,
			customerId: String(customer.contact_id),
			lineItemsMode: 'fields',
			lineItems: {
				item: [{ itemId: String(item.item_id), taxId: String(gst.tax_id), quantity: 2, rate: 0 }],
			},
			additionalFields: { referenceNumber: 'PO-1' },
		});
		expect(result.error).toBeUndefined();
		const calls = apiCalls();
		expect(calls).toHaveLength(1);
		expect(calls[0].headers[ORG_HEADER]).toBe(ORG);
		expect(JSON.parse(calls[0].rawBody)).toEqual({
			customer_id: customer.contact_id,
			reference_number: 'PO-1',
			line_items: [{ item_id: item.item_id, tax_id: gst.tax_id, quantity: 2 }],
		});
	});
});
