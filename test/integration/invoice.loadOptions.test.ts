/**
 * The one dropdown of the Zoho Invoice action node left after issue 15: Currency (a setting more
 * than a record). Records are picked with resource locators (invoice.listSearch.test.ts).
 */
import { ZohoInvoice } from '../../nodes/ZohoInvoice/ZohoInvoice.node';
import { loadOptions } from '../harness';
import type { World } from './world';
import { OAUTH_CRED, useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
});

const load = (method: string, organizationId: unknown) =>
	loadOptions({
		nodeType: 'zohoInvoice',
		method,
		parameters: {
			authentication: 'oAuth2',
			resource: 'invoice',
			operation: 'create',
			organizationId: organizationId as string,
		},
		credentials: { zohoRegionalOAuth2Api: OAUTH_CRED },
		store: w.store,
	});

const idOf = (code: string) =>
	String(
		w.sb.invoice.records('currencies', ORG).find((r) => r.currency_code === code)!.currency_id,
	);

describe('Zoho Invoice Currency dropdown', () => {
	it('is the only loader the action node exports', () => {
		expect(Object.keys(new ZohoInvoice().methods.loadOptions)).toEqual(['getCurrencies']);
	});

	it.each([
		['the Organization locator', { __rl: true, mode: 'list', value: ORG }],
		['a plain string (a workflow saved before the locator)', ORG],
	])(
		"lists the currencies of the organization in %s, from one page of Zoho's 200",
		async (_title, organizationId) => {
			expect(await load('getCurrencies', organizationId)).toEqual([
				{ name: 'EUR', value: idOf('EUR'), description: 'Euro' },
				{ name: 'INR', value: idOf('INR'), description: 'Indian Rupee' },
				{ name: 'USD', value: idOf('USD'), description: 'US Dollar' },
			]);
			const calls = w.sb.findRequests({ server: 'api' });
			expect(calls.map((c) => [c.path, c.headers['x-com-zoho-invoice-organizationid']])).toEqual([
				['/invoice/v3/settings/currencies', ORG],
			]);
			expect(calls[0].query).toEqual({ per_page: '200' });
		},
	);

	it("finds the account's only organization itself when none is chosen (one extra call)", async () => {
		await load('getCurrencies', { __rl: true, mode: 'list', value: '' });
		expect(w.sb.findRequests({ server: 'api' }).map((r) => r.path)).toEqual([
			'/invoice/v3/organizations',
			'/invoice/v3/settings/currencies',
		]);
	});
});
