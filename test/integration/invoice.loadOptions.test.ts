import { loadOptions } from '../harness';
import type { World } from './world';
import { OAUTH_CRED, useWorld } from './world';

const world = useWorld(3);
let w: World;
beforeEach(() => {
	w = world();
});

const load = (method: string, organizationId = '') =>
	loadOptions({
		nodeType: 'zohoInvoice',
		method,
		parameters: { authentication: 'oAuth2', resource: 'invoice', operation: 'create', organizationId },
		credentials: { zohoRegionalOAuth2Api: OAUTH_CRED },
		store: w.store,
	});

describe('Zoho Invoice dropdowns, loaded from the account', () => {
	it('lists organizations', async () => {
		const orgs = await load('getOrganizations');
		expect(orgs).toEqual([{ name: 'Sandbox Traders (default)', value: '60012345678', description: 'Time zone Asia/Kolkata' }]);
		expect(w.sb.findRequests({ server: 'api' }).map((r) => r.path)).toEqual(['/invoice/v3/organizations']);
	});

	it.each([
		['getCustomers', '/invoice/v3/contacts', 3],
		['getItems', '/invoice/v3/items', 0],
		['getTaxes', '/invoice/v3/settings/taxes', 1],
		['getCurrencies', '/invoice/v3/settings/currencies', 1],
	])('%s reads one page of %s, in the chosen organization', async (method, path, atLeast) => {
		const options = await load(method, '60012345678');
		expect(options.length).toBeGreaterThanOrEqual(atLeast);
		for (const o of options) expect(typeof o.value).toBe('string');
		const calls = w.sb.findRequests({ server: 'api' });
		expect(calls).toHaveLength(1);
		expect(calls[0].path).toBe(path);
		expect(calls[0].headers['x-com-zoho-invoice-organizationid']).toBe('60012345678');
		expect(calls[0].query.per_page).toBe('200');
	});

	it('finds the only organization itself when none is chosen (one extra call)', async () => {
		const customers = await load('getCustomers');
		expect(customers).toHaveLength(3);
		expect(w.sb.findRequests({ server: 'api' }).map((r) => r.path)).toEqual(['/invoice/v3/organizations', '/invoice/v3/contacts']);
	});
});
