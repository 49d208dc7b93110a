import type { IDataObject } from 'n8n-workflow';
import { testCredential } from '../harness';
import { HOSTILE_PATHS } from '../unit/hostGuard.test';
import type { Auth, World } from './world';
import {
	CLIENT_ID,
	OAUTH_CRED,
	SELF_CRED,
	expectNoSecrets,
	jsonOf,
	listContacts,
	useWorld,
} from './world';

const ORG = '60012345678';

const world = useWorld(450);
let w: World;
beforeEach(() => {
	w = world();
});

const flows: Auth[] = ['oAuth2', 'selfClient'];

describe.each(flows)('Zoho Invoice generic request with %s', (auth) => {
	it('lists 450 contacts with Return All in 3 calls of 200, after one organization lookup', async () => {
		const result = await w.run(auth, listContacts());
		expect(result.error).toBeUndefined();
		const contacts = jsonOf(result);
		expect(contacts).toHaveLength(450);
		expect(new Set(contacts.map((c) => c.contact_id)).size).toBe(450);
		const pages = w.sb.findRequests({ server: 'api', pathIncludes: '/contacts' });
		expect(pages.map((r) => r.query.per_page)).toEqual(['200', '200', '200']);
		expect(pages.map((r) => r.query.page)).toEqual(['1', '2', '3']);
		expect(w.apiCalls('/organizations')).toBe(1);
		for (const r of pages) expect(r.headers['x-com-zoho-invoice-organizationid']).toBe(ORG);
		expect(
			result.output![0].every((item) => (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
	});

	it('signs with the header of its flow', async () => {
		await w.run(auth, listContacts({ returnAll: false, limit: 1, organizationId: ORG }));
		const [request] = w.sb.findRequests({ server: 'api' });
		// The product pages document only Zoho-oauthtoken (docs/reference/zoho-api.md §2.4): both flows sign with it.
		expect(request.headers.authorization).toMatch(/^Zoho-oauthtoken 1000\./);
	});

	it('stops at the limit: a limit of 5 takes one call asking for 5', async () => {
		const result = await w.run(
			auth,
			listContacts({ returnAll: false, limit: 5, organizationId: ORG }),
		);
		expect(jsonOf(result)).toHaveLength(5);
		const calls = w.sb.findRequests({ server: 'api' });
		expect(calls).toHaveLength(1);
		expect(calls[0].query.per_page).toBe('5');
	});

	it('creates a contact with a JSON body and with the JSONString form field', async () => {
		const json = await w.run(auth, {
			resource: 'customApiCall',
			operation: 'request',
			method: 'POST',
			path: '/contacts',
			organizationId: ORG,
			bodyFormat: 'json',
			body: '{"contact_name":"Acme JSON"}',
		});
		expect(json.error).toBeUndefined();
		expect((jsonOf(json)[0].contact as IDataObject).contact_name).toBe('Acme JSON');
		const form = await w.run(auth, {
			resource: 'customApiCall',
			operation: 'request',
			method: 'POST',
			path: 'contacts',
			organizationId: ORG,
			bodyFormat: 'jsonString',
			body: '{"contact_name":"Acme Form"}',
		});
		expect((jsonOf(form)[0].contact as IDataObject).contact_name).toBe('Acme Form');
		const posts = w.sb.findRequests({ server: 'api', method: 'POST' });
		expect(posts[0].headers['content-type']).toContain('application/json');
		expect(posts[1].headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(posts[1].form?.JSONString ?? (posts[1].body as IDataObject).JSONString).toBe(
			'{"contact_name":"Acme Form"}',
		);
	});

	it('keeps 18-digit IDs exact when Zoho sends them as bare integers', async () => {
		w.sb.invoice.numericIdFields.add('contact_id');
		const result = await w.run(
			auth,
			listContacts({ returnAll: false, limit: 3, organizationId: ORG }),
		);
		const wire = w.sb.findRequests({ server: 'api' });
		expect(wire).toHaveLength(1);
		const stored = w.sb.invoice
			.records('contacts', ORG)
			.slice(0, 3)
			.map((c) => c.contact_id);
		expect(stored[0]).toMatch(/^\d{18}$/);
		expect(jsonOf(result).map((c) => c.contact_id)).toEqual(stored);
	});

	it('refuses hostile paths with zero requests sent', async () => {
		// An empty path is refused by n8n itself (required parameter) before the node runs.
		const paths = HOSTILE_PATHS.filter((p) => p !== '');
		expect(paths).toHaveLength(HOSTILE_PATHS.length - 1);
		for (const path of paths) {
			const result = await w.run(auth, listContacts({ path }));
			expect(result.error?.message).toMatch(/refused before sending/);
			expect((result.error as { name?: string }).name).toBe('NodeOperationError');
		}
		expect(w.sb.requests).toHaveLength(0);
	});

	it('fails fast on the daily limit, naming the limit and the reset in the organization time zone', async () => {
		w.sb.invoice.setLimits({ perDay: { limit: 3 } });
		const result = await w.run(
			auth,
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'GET',
				path: '/contacts',
				returnAll: false,
				limit: 1,
			},
			{ items: [{}, {}, {}, {}], continueOnFail: true },
		);
		const out = jsonOf(result);
		expect(out).toHaveLength(4);
		expect(out[0].contact_id).toBeDefined();
		expect(out[2].error).toBe(
			'Zoho Invoice: daily API limit of 3 calls for this organization reached (Zoho code 45); resets at 00:00 (Asia/Kolkata)',
		);
		expect((out[2].quota as IDataObject).kind).toBe('daily');
		expect(out[3].error).toBe(out[2].error);
		// One organization lookup, two calls that pass, one refused call per failed item: a daily
		// limit is never retried.
		expect(w.sb.findRequests({ server: 'api' }).map((r) => [r.path, r.status])).toEqual([
			['/invoice/v3/organizations', 200],
			['/invoice/v3/contacts', 200],
			['/invoice/v3/contacts', 200],
			['/invoice/v3/contacts', 429],
			['/invoice/v3/contacts', 429],
		]);
		expect(result.output![0].map((i) => (i.pairedItem as { item: number }).item)).toEqual([
			0, 1, 2, 3,
		]);
		expectNoSecrets(result, w.secrets);
	});

	it('waits out a per-minute limit within the bound and loses nothing', async () => {
		w.sb.invoice.setLimits({ perMinute: { limit: 2, windowMs: 1500 } });
		const ids = w.sb.invoice
			.records('contacts', ORG)
			.slice(0, 5)
			.map((c) => c.contact_id as string);
		const result = await w.run(
			auth,
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'GET',
				path: '={{ "/contacts/" + $json.id }}',
				organizationId: ORG,
			},
			{ items: ids.map((id) => ({ id })) },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((r) => (r.contact as IDataObject).contact_id)).toEqual(ids);
		// How many calls the window refuses depends on where the wait lands in it; what must hold:
		// each contact read once with success, every other call refused with code 44 and re-sent.
		const calls = w.sb.requests.filter((r) => r.server === 'api');
		const passed = calls.filter((r) => r.status === 200);
		const refused = calls.filter((r) => r.status === 429);
		expect(passed.map((r) => r.path)).toEqual(ids.map((id) => `/invoice/v3/contacts/${id}`));
		expect(refused.length).toBe(calls.length - ids.length);
		// The window holds two calls: the third is the first refused.
		expect(calls.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 429]);
		// A refused call is followed by a call for the same contact (re-sent, not skipped).
		for (const r of refused) expect(calls[calls.indexOf(r) + 1].path).toBe(r.path);
	});

	it('fails with a per-minute error when the wait would exceed the bound', async () => {
		w.sb.invoice.setLimits({ perMinute: { limit: 1, windowMs: 60000 } });
		const result = await w.run(
			auth,
			listContacts({
				returnAll: false,
				limit: 1,
				organizationId: ORG,
				options: { maxWaitSeconds: 0 },
			}),
			{ items: [{}, {}] },
		);
		expect(result.error?.message).toMatch(
			/^Zoho Invoice: per-minute API limit of 100 calls reached \(Zoho code 44\); resets at the next minute/,
		);
	});

	it('renews an expired token once and carries on', async () => {
		// Both flows hold a token first (the Self Client exchanges its grant code for one).
		await w.run(auth, listContacts({ returnAll: false, limit: 1, organizationId: ORG }));
		const codes = w.sb.tokenEndpointCalls('authorization_code');
		expect(codes).toBe(auth === 'selfClient' ? 1 : 0);
		w.sb.expireAccessTokens();
		const result = await w.run(auth, listContacts({ organizationId: ORG }));
		expect(jsonOf(result)).toHaveLength(450);
		expect(w.sb.tokenEndpointCalls('refresh_token')).toBe(1);
		expect(w.sb.tokenEndpointCalls('authorization_code')).toBe(codes);
		expectNoSecrets(result, w.secrets);
	});

	it('renews a token that expires mid-run without losing a page', async () => {
		await w.run(auth, listContacts({ returnAll: false, limit: 1, organizationId: ORG }));
		const tokenCallsBefore = w.sb.tokenEndpointCalls();
		let pages = 0;
		w.sb.onRequest = (r) => {
			if (r.server === 'api' && r.path.endsWith('/contacts') && ++pages === 2)
				w.sb.expireAccessTokens();
		};
		const result = await w.run(auth, listContacts({ organizationId: ORG }));
		w.sb.onRequest = undefined;
		expect(jsonOf(result)).toHaveLength(450);
		expect(w.sb.tokenEndpointCalls() - tokenCallsBefore).toBe(1);
	});

	it('causes one renewal for 20 concurrent items', async () => {
		await w.run(auth, listContacts({ returnAll: false, limit: 1, organizationId: ORG }));
		w.sb.expireAccessTokens();
		const before = w.sb.tokenEndpointCalls();
		const params = listContacts({
			returnAll: false,
			limit: 2,
			organizationId: ORG,
			options: { parallelRequests: 10 },
		});
		const items = Array.from({ length: 10 }, () => ({}));
		// Two executions of 10 parallel items each: 20 requests in flight with the expired token.
		const [a, b] = await Promise.all([
			w.run(auth, params, { items }),
			w.run(auth, params, { items }),
		]);
		expect(jsonOf(a)).toHaveLength(20);
		expect(jsonOf(b)).toHaveLength(20);
		expect(w.sb.tokenEndpointCalls() - before).toBe(1);
	});
});

describe('Self Client credential', () => {
	it('exchanges the grant code once, keeps the refresh token, and spends no token call while the token is valid', async () => {
		const first = await w.run(
			'selfClient',
			listContacts({ returnAll: false, limit: 1, organizationId: ORG }),
		);
		expect(first.error).toBeUndefined();
		const stored = w.store.get(SELF_CRED.id).data as IDataObject;
		expect(stored.obtainedRefreshToken).toMatch(/^1000\./);
		expect(stored.accessToken).toMatch(/^1000\./);
		expect(w.sb.tokenEndpointCalls('authorization_code')).toBe(1);
		await w.run('selfClient', listContacts({ returnAll: false, limit: 1, organizationId: ORG }));
		expect(w.sb.tokenEndpointCalls()).toBe(1);
		w.sb.expireAccessTokens();
		const third = await w.run(
			'selfClient',
			listContacts({ returnAll: false, limit: 1, organizationId: ORG }),
		);
		expect(third.error).toBeUndefined();
		expect(w.sb.tokenEndpointCalls('authorization_code')).toBe(1);
		expect(w.sb.tokenEndpointCalls('refresh_token')).toBe(1);
		const refresh = w.sb
			.findRequests({ server: 'accounts', pathIncludes: '/oauth/v2/token' })
			.pop()!;
		expect(refresh.rawBody).toContain(
			`refresh_token=${encodeURIComponent(stored.obtainedRefreshToken as string)}`,
		);
	});

	it('exchanges 20 concurrent first uses of a grant code once', async () => {
		const result = await w.run(
			'selfClient',
			listContacts({
				returnAll: false,
				limit: 1,
				organizationId: ORG,
				options: { parallelRequests: 10 },
			}),
			{
				items: Array.from({ length: 20 }, () => ({})),
			},
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(20);
		expect(w.sb.tokenEndpointCalls()).toBe(1);
	});

	it('uses a pasted refresh token as it is', async () => {
		w.resetCredentials({ grantCode: false, refreshToken: true });
		const pasted = (w.store.get(SELF_CRED.id).data as IDataObject).refreshToken as string;
		const result = await w.run(
			'selfClient',
			listContacts({ returnAll: false, limit: 1, organizationId: ORG }),
		);
		expect(result.error).toBeUndefined();
		expect(w.sb.tokenEndpointCalls('authorization_code')).toBe(0);
		const [call] = w.sb.findRequests({ server: 'accounts' });
		expect(call.rawBody).toContain(`refresh_token=${encodeURIComponent(pasted)}`);
	});

	it('explains a used grant code', async () => {
		const code = (w.store.get(SELF_CRED.id).data as IDataObject).grantCode as string;
		// Someone else used the code first.
		await fetch(`${w.sb.urls.accounts('us')}/oauth/v2/token`, {
			method: 'POST',
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				client_id: CLIENT_ID,
				client_secret: 'canary-client-secret-7f3a9c2e1b',
				code,
			}),
		});
		const result = await w.run('selfClient', listContacts({ organizationId: ORG }));
		expect(result.error?.message).toMatch(
			/invalid_code.*expired or was already used.*generate a new grant code/i,
		);
		expectNoSecrets(result, w.secrets);
	});

	it('names the data center when the client lives in another one', async () => {
		w.store.add({
			...SELF_CRED,
			type: 'zohoSelfClientApi',
			data: {
				...w.customHosts('eu'),
				clientId: CLIENT_ID,
				clientSecret: 'canary-client-secret-7f3a9c2e1b',
				grantCode: w.sb.issueGrantCode({ clientId: CLIENT_ID }),
			},
		});
		const result = await w.run('selfClient', listContacts({ organizationId: ORG }));
		expect(result.error?.message).toMatch(
			/invalid_client.*Data Center does not match.*you chose Custom \(http:\/\/127\.0\.0\.1:\d+\/eu\)/,
		);
		expect(w.sb.requests.filter((r) => r.server === 'api')).toHaveLength(0);
	});

	it('reports the token-endpoint throttle as its own error kind', async () => {
		w.sb.setTokenThrottle({ limit: 1, windowMs: 600000 });
		const once = listContacts({ returnAll: false, limit: 1, organizationId: ORG });
		await w.run('selfClient', once);
		w.sb.expireAccessTokens();
		expect((await w.run('selfClient', once)).error).toBeUndefined();
		w.sb.expireAccessTokens();
		const result = await w.run('selfClient', once, { continueOnFail: true });
		// The window allows one refresh; the second one is throttled.
		const [out] = jsonOf(result);
		expect(out.error).toMatch(
			/^Zoho Accounts: too many access-token requests for this refresh token/,
		);
		expect((out.quota as IDataObject).kind).toBe('tokenThrottle');
		expectNoSecrets(result, w.secrets);
	});

	it('passes the credential test by getting a token, and keeps it', async () => {
		const result = await testCredential({ store: w.store, id: SELF_CRED.id });
		expect(result.message).toBe('Connection successful!');
		expect(result.status).toBe('OK');
		expect((w.store.get(SELF_CRED.id).data as IDataObject).obtainedRefreshToken).toMatch(/^1000\./);
		const again = await testCredential({ store: w.store, id: SELF_CRED.id });
		expect(again.status).toBe('OK');
		expect(w.sb.tokenEndpointCalls('authorization_code')).toBe(1);
		const run = await w.run(
			'selfClient',
			listContacts({ returnAll: false, limit: 1, organizationId: ORG }),
		);
		expect(run.error).toBeUndefined();
		expect(w.sb.tokenEndpointCalls('authorization_code')).toBe(1);
	});

	it('fails the credential test clearly for a wrong secret', async () => {
		w.store.add({
			...SELF_CRED,
			type: 'zohoSelfClientApi',
			data: {
				...w.customHosts(),
				clientId: CLIENT_ID,
				clientSecret: 'wrong-secret-value-123',
				grantCode: w.sb.issueGrantCode({ clientId: CLIENT_ID }),
			},
		});
		const result = await testCredential({ store: w.store, id: SELF_CRED.id });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/invalid_client/);
		expect(result.message).not.toContain('wrong-secret-value-123');
	});
});

describe('OAuth2 credential', () => {
	it('stops with a clear message when Zoho refused the connection (HTTP 200 with error)', async () => {
		w.store.add({
			...OAUTH_CRED,
			type: 'zohoRegionalOAuth2Api',
			data: {
				dataCenter: 'eu',
				clientId: CLIENT_ID,
				clientSecret: 'canary-client-secret-7f3a9c2e1b',
				oauthTokenData: {
					error: 'invalid_client',
					callbackQueryString: { location: 'us', 'accounts-server': 'https://accounts.zoho.com' },
				},
			},
		});
		const result = await w.run('oAuth2', listContacts());
		expect(result.error?.message).toBe(
			"Zoho refused the connection: invalid_client. Most often the Data Center does not match the one your client was created in; you chose EU. Otherwise check the Client ID and Client Secret (and that the data center is enabled for the client under Settings > Multi DC). Zoho reported your account's data center as US. Reconnect the credential after fixing it.",
		);
		expect(w.sb.requests).toHaveLength(0);
	});

	it('reports a revoked refresh token as needing a reconnect', async () => {
		const stored = w.store.get(OAUTH_CRED.id).data as IDataObject;
		const token = stored.oauthTokenData as IDataObject;
		await fetch(
			`${w.sb.urls.accounts('us')}/oauth/v2/token/revoke?token=${encodeURIComponent(token.refresh_token as string)}`,
			{ method: 'POST' },
		);
		w.sb.expireAccessTokens();
		const result = await w.run('oAuth2', listContacts({ organizationId: ORG }));
		expect(result.error?.message).toMatch(/invalid_code.*revoked/);
		expectNoSecrets(result, w.secrets);
	});

	it("names the right data center when Zoho's api_domain belongs to another one", async () => {
		w.store.add({
			...OAUTH_CRED,
			type: 'zohoRegionalOAuth2Api',
			data: {
				dataCenter: 'us',
				clientId: CLIENT_ID,
				clientSecret: 'canary-client-secret-7f3a9c2e1b',
				oauthTokenData: {
					access_token: '1000.abc',
					refresh_token: '1000.def',
					api_domain: 'https://www.zohoapis.eu',
				},
			},
		});
		const result = await w.run('oAuth2', listContacts());
		expect(result.error?.message).toBe(
			"Zoho says this account's API domain is https://www.zohoapis.eu (data center EU), but the credential's Data Center is US. Choose Europe (zoho.eu) and reconnect.",
		);
		expect(w.sb.requests).toHaveLength(0);
	});

	it("passes n8n's OAuth2 credential check when a token is stored", async () => {
		expect((await testCredential({ store: w.store, id: OAUTH_CRED.id })).status).toBe('OK');
	});
});

describe('organization', () => {
	it('asks the user to choose when the account has several organizations', async () => {
		w.sb.invoice.setOrganizations([
			{
				organization_id: '111',
				name: 'One',
				time_zone: 'Europe/Berlin',
				is_default_org: true,
				currency_code: 'EUR',
			},
			{
				organization_id: '222',
				name: 'Two',
				time_zone: 'Asia/Tokyo',
				is_default_org: false,
				currency_code: 'JPY',
			},
		]);
		const result = await w.run('oAuth2', listContacts(), { items: [{}, {}] });
		expect(result.error?.message).toMatch(
			/2 organizations; choose one in Organization ID: One \(111\), Two \(222\)/,
		);
		expect(w.apiCalls('/organizations')).toBe(1);
	});
});
