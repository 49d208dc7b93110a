import type { IDataObject, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { ZohoInvoice } from '../../nodes/ZohoInvoice/ZohoInvoice.node';
import { loadOptions } from '../harness';
import type { World } from './world';
import { OAUTH_CRED, jsonOf, useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(3);
let w: World;
beforeEach(() => {
	w = world();
	// Two more active items and contacts than the filter lets through: one inactive of each.
	w.sb.invoice.seedItems(2, ORG);
	w.sb.invoice.create('items', { name: 'Retired item', rate: 5, status: 'inactive' }, ORG);
	w.sb.invoice.create('contacts', { contact_name: 'Gone Ltd', status: 'inactive' }, ORG);
	w.sb.clearRequests();
});

const load = (method: string, organizationId = '') =>
	loadOptions({
		nodeType: 'zohoInvoice',
		method,
		parameters: {
			authentication: 'oAuth2',
			resource: 'invoice',
			operation: 'create',
			organizationId,
		},
		credentials: { zohoRegionalOAuth2Api: OAUTH_CRED },
		store: w.store,
	});

/** The sandbox's ID of the record of `res` whose name field is `name`. */
const NAME_KEY: Record<string, [string, string]> = {
	contacts: ['contact_name', 'contact_id'],
	items: ['name', 'item_id'],
	taxes: ['tax_name', 'tax_id'],
	currencies: ['currency_code', 'currency_id'],
};
const idOf = (res: string, name: string) =>
	String(
		w.sb.invoice.records(res, ORG).find((r) => r[NAME_KEY[res][0]] === name)![NAME_KEY[res][1]],
	);

describe('Zoho Invoice dropdowns, loaded from the account', () => {
	it('lists organizations', async () => {
		const orgs = await load('getOrganizations');
		expect(orgs).toEqual([
			{ name: 'Sandbox Traders (default)', value: ORG, description: 'Time zone Asia/Kolkata' },
		]);
		expect(w.sb.findRequests({ server: 'api' }).map((r) => r.path)).toEqual([
			'/invoice/v3/organizations',
		]);
	});

	// The sandbox's seeded records: 3 contacts and 2 items (plus one inactive of each), its two
	// built-in taxes and three currencies (test/sandbox/invoiceResources.ts).
	const expected: Record<string, () => IDataObject[]> = {
		getCustomers: () =>
			['0001', '0002', '0003'].map((k) => ({
				name: `Contact ${k}`,
				value: idOf('contacts', `Contact ${k}`),
				description: `contact${k}@example.com`,
			})),
		getItems: () => [
			{ name: 'Item 001', value: idOf('items', 'Item 001'), description: 'Rate 50' },
			{ name: 'Item 002', value: idOf('items', 'Item 002'), description: 'Rate 100' },
		],
		getTaxes: () => [
			{ name: 'GST18', value: idOf('taxes', 'GST18'), description: '18 %' },
			{ name: 'VAT5', value: idOf('taxes', 'VAT5'), description: '5 %' },
		],
		getCurrencies: () => [
			{ name: 'EUR', value: idOf('currencies', 'EUR'), description: 'Euro' },
			{ name: 'INR', value: idOf('currencies', 'INR'), description: 'Indian Rupee' },
			{ name: 'USD', value: idOf('currencies', 'USD'), description: 'US Dollar' },
		],
	};

	it.each([
		['getCustomers', '/invoice/v3/contacts', { filter_by: 'Status.Active' }],
		['getItems', '/invoice/v3/items', { filter_by: 'Status.Active' }],
		['getTaxes', '/invoice/v3/settings/taxes', {}],
		['getCurrencies', '/invoice/v3/settings/currencies', {}],
	])(
		'%s lists the active records of one page of %s, in the chosen organization',
		async (method, path, filter) => {
			const options = await load(method, ORG);
			expect(options).toEqual(expected[method]());
			const calls = w.sb.findRequests({ server: 'api' });
			expect(calls).toHaveLength(1);
			expect(calls[0].path).toBe(path);
			expect(calls[0].headers['x-com-zoho-invoice-organizationid']).toBe(ORG);
			expect(calls[0].query).toEqual({ per_page: '200', ...filter });
		},
	);

	it('finds the only organization itself when none is chosen (one extra call)', async () => {
		const customers = await load('getCustomers');
		expect(customers).toEqual(expected.getCustomers());
		expect(w.sb.findRequests({ server: 'api' }).map((r) => r.path)).toEqual([
			'/invoice/v3/organizations',
			'/invoice/v3/contacts',
		]);
	});
});

/** The Item and Tax fields of the invoice create's line items, as the editor sees them. */
function lineItemField(name: string): INodeProperties {
	const collection = new ZohoInvoice().description.properties.find(
		(p) =>
			p.name === 'lineItems' &&
			p.displayOptions?.show?.resource?.includes('invoice') &&
			p.displayOptions.show.operation?.includes('create'),
	)!;
	const group = (collection.options as INodePropertyCollection[]).find((o) => o.name === 'item')!;
	return group.values.find((v) => v.name === name)!;
}

describe('Zoho Invoice line-item dropdowns', () => {
	it("offer the organization's items and taxes, and what is chosen lands on the invoice", async () => {
		const itemLoader = lineItemField('itemId').typeOptions?.loadOptionsMethod as string;
		const taxLoader = lineItemField('taxId').typeOptions?.loadOptionsMethod as string;
		const items = await load(itemLoader, ORG);
		const taxes = await load(taxLoader, ORG);
		expect(items.map((o) => o.name)).toEqual(['Item 001', 'Item 002']);
		expect(taxes.map((o) => o.name)).toEqual(['GST18', 'VAT5']);

		const customerId = idOf('contacts', 'Contact 0001');
		const result = await w.run('oAuth2', {
			resource: 'invoice',
			operation: 'create',
			organizationId: ORG,
			customerId,
			lineItemsMode: 'fields',
			lineItems: {
				item: [{ itemId: items[1].value, taxId: taxes[0].value, quantity: 2, rate: 120 }],
			},
		});
		expect(result.error).toBeUndefined();
		const [line] = (jsonOf(result)[0].line_items ?? []) as IDataObject[];
		expect(line).toMatchObject({
			item_id: items[1].value,
			name: 'Item 002',
			tax_id: taxes[0].value,
			tax_name: 'GST18',
			rate: 120,
			quantity: 2,
			item_total: 240,
		});
		expect(jsonOf(result)[0].tax_total).toBe(43.2);
		expect(w.sb.invoice.records('invoices', ORG)).toHaveLength(1);
	});

	it("leaves Rate 0 (the editor's default) out when an item is chosen, so Zoho uses the item's rate", async () => {
		const items = await load(lineItemField('itemId').typeOptions?.loadOptionsMethod as string, ORG);
		const itemRate = w.sb.invoice.get('items', items[1].value as string, ORG)?.rate;
		const result = await w.run('oAuth2', {
			resource: 'invoice',
			operation: 'create',
			organizationId: ORG,
			customerId: idOf('contacts', 'Contact 0001'),
			lineItemsMode: 'fields',
			lineItems: {
				item: [
					{ itemId: items[1].value, quantity: 3, rate: 0 },
					{ name: 'Free sample', quantity: 1, rate: 0 },
				],
			},
		});
		expect(result.error).toBeUndefined();
		const sent = JSON.parse(
			w.sb.findRequests({ server: 'api', method: 'POST', pathIncludes: '/invoices' })[0].rawBody,
		) as IDataObject;
		expect(sent.line_items).toEqual([
			{ item_id: items[1].value, quantity: 3 },
			{ name: 'Free sample', quantity: 1, rate: 0 },
		]);
		const [line] = (jsonOf(result)[0].line_items ?? []) as IDataObject[];
		expect(itemRate).toBeGreaterThan(0);
		expect(line).toMatchObject({ item_id: items[1].value, rate: itemRate, quantity: 3 });
	});
});
