/** Self-test of the local Zoho sandbox over real HTTP. */
import { RawNumber, serialize, startSandbox, type Sandbox } from '../sandbox';

const ORG = '60012345678';
const CLIENT = { clientId: '1000.SANDBOXCLIENT', clientSecret: 'sandbox-secret', dc: 'us' };

let sb: Sandbox;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const j = async (res: Response): Promise<any> => res.json();

beforeAll(async () => {
	sb = await startSandbox();
});

afterAll(async () => {
	await sb.close();
});

beforeEach(() => {
	sb.reset();
	sb.registerClient(CLIENT);
});

async function post(url: string, params: Record<string, string>): Promise<{ status: number; json: any }> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(params).toString(),
	});
	return { status: res.status, json: await j(res) };
}

async function exchange(code: string, dc = 'us', extra: Record<string, string> = {}) {
	return post(`${sb.urls.accounts(dc)}/oauth/v2/token`, {
		grant_type: 'authorization_code',
		client_id: CLIENT.clientId,
		client_secret: CLIENT.clientSecret,
		code,
		...extra,
	});
}

async function refresh(refreshToken: string) {
	return post(`${sb.urls.accounts('us')}/oauth/v2/token`, {
		grant_type: 'refresh_token',
		client_id: CLIENT.clientId,
		client_secret: CLIENT.clientSecret,
		refresh_token: refreshToken,
	});
}

async function accessToken(): Promise<string> {
	const { json } = await exchange(sb.issueGrantCode({ clientId: CLIENT.clientId }));
	return json.access_token as string;
}

async function invoiceGet(token: string, path: string, org: string | null = ORG) {
	const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${token}` };
	if (org) headers['x-com-zoho-invoice-organizationid'] = org;
	const res = await fetch(`${sb.urls.api}/invoice/v3${path}`, { headers });
	const text = await res.text();
	return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

describe('json serializer', () => {
	it('writes numeric id fields and RawNumber as bare integers', () => {
		expect(serialize({ contact_id: '460000000000000001', name: '12' }, new Set(['contact_id']))).toBe(
			'{"contact_id":460000000000000001,"name":"12"}',
		);
		expect(serialize({ a: new RawNumber('412762000000035001'), b: undefined, c: [1, null] })).toBe(
			'{"a":412762000000035001,"c":[1,null]}',
		);
	});
});

describe('accounts', () => {
	it('exchanges a Self Client code exactly once', async () => {
		const code = sb.issueGrantCode({ clientId: CLIENT.clientId, scope: 'ZohoInvoice.invoices.READ' });
		const first = await exchange(code);
		expect(first.status).toBe(200);
		expect(first.json).toEqual({
			access_token: expect.stringMatching(/^1000\./),
			refresh_token: expect.stringMatching(/^1000\./),
			scope: 'ZohoInvoice.invoices.READ',
			api_domain: sb.urls.api,
			token_type: 'Bearer',
			expires_in: 3600,
		});
		const second = await exchange(code);
		expect(second.status).toBe(200);
		expect(second.json).toEqual({ error: 'invalid_code' });
		expect(sb.tokenEndpointCalls('authorization_code')).toBe(2);
	});

	it('rejects an expired code and accepts multipart and query parameters', async () => {
		const expired = sb.issueGrantCode({ clientId: CLIENT.clientId, ttlMs: -1 });
		expect((await exchange(expired)).json).toEqual({ error: 'invalid_code' });
		const form = new FormData();
		form.append('grant_type', 'authorization_code');
		form.append('client_id', CLIENT.clientId);
		form.append('client_secret', CLIENT.clientSecret);
		form.append('code', sb.issueGrantCode({ clientId: CLIENT.clientId }));
		const res = await fetch(`${sb.urls.accounts('us')}/oauth/v2/token`, { method: 'POST', body: form });
		expect((await j(res)).access_token).toMatch(/^1000\./);
		const q = new URLSearchParams({
			grant_type: 'authorization_code',
			client_id: CLIENT.clientId,
			client_secret: CLIENT.clientSecret,
			code: sb.issueGrantCode({ clientId: CLIENT.clientId }),
		});
		const res2 = await fetch(`${sb.urls.accounts('us')}/oauth/v2/token?${q}`, { method: 'POST' });
		expect((await j(res2)).access_token).toMatch(/^1000\./);
	});

	it('answers invalid_client for the wrong data center or secret', async () => {
		const code = sb.issueGrantCode({ clientId: CLIENT.clientId });
		expect(await exchange(code, 'eu')).toEqual({ status: 200, json: { error: 'invalid_client' } });
		expect((await exchange(code, 'us', { client_secret: 'nope' })).json).toEqual({ error: 'invalid_client' });
		expect((await exchange(code)).json.access_token).toBeDefined();
		const bad = await post(`${sb.urls.accounts('us')}/oauth/v2/token`, { grant_type: 'password' });
		expect(bad.json).toEqual({ error: 'unsupported_grant_type' });
	});

	it('refreshes without returning a refresh token and throttles with Access Denied at HTTP 200', async () => {
		sb.setTokenThrottle({ limit: 3, windowMs: 60000 });
		const rt = sb.issueRefreshToken({ clientId: CLIENT.clientId });
		for (let i = 0; i < 3; i++) {
			const r = await refresh(rt);
			expect(r.status).toBe(200);
			expect(r.json.access_token).toMatch(/^1000\./);
			expect(r.json).not.toHaveProperty('refresh_token');
			expect(r.json.expires_in).toBe(3600);
		}
		const blocked = await refresh(rt);
		expect(blocked).toEqual({
			status: 200,
			json: {
				error: 'Access Denied',
				error_description: 'You have made too many requests continuously. Please try again after some time.',
				status: 'failure',
			},
		});
		expect(sb.tokenEndpointCalls('refresh_token')).toBe(4);
		expect((await refresh('1000.unknown')).json).toEqual({ error: 'invalid_code' });
	});

	it('runs the web flow: redirect with location and accounts-server, refresh token rules, redirect_uri check', async () => {
		sb.registerClient({ clientId: 'web', clientSecret: 'websecret', dc: 'eu' });
		const auth = async (extra: Record<string, string>) => {
			const q = new URLSearchParams({
				client_id: 'web',
				redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback',
				scope: 'ZohoInvoice.invoices.ALL',
				response_type: 'code',
				...extra,
			});
			const res = await fetch(`${sb.urls.accounts('eu')}/oauth/v2/auth?${q}`, { redirect: 'manual' });
			expect(res.status).toBe(302);
			return new URL(res.headers.get('location') as string);
		};
		const tokenFor = (code: string, redirect = 'http://localhost:5678/rest/oauth2-credential/callback') =>
			post(`${sb.urls.accounts('eu')}/oauth/v2/token`, {
				grant_type: 'authorization_code',
				client_id: 'web',
				client_secret: 'websecret',
				code,
				redirect_uri: redirect,
			});
		const loc = await auth({ access_type: 'offline', state: 'xyz' });
		expect(loc.searchParams.get('location')).toBe('eu');
		expect(loc.searchParams.get('accounts-server')).toBe(sb.urls.accounts('eu'));
		expect(loc.searchParams.get('state')).toBe('xyz');
		const code = loc.searchParams.get('code') as string;
		expect((await tokenFor(code, 'http://evil/cb')).json).toEqual({ error: 'invalid_redirect_uri' });
		expect((await tokenFor(code)).json.refresh_token).toBeDefined(); // first offline grant
		const again = await auth({ access_type: 'offline' });
		expect(again.searchParams.has('state')).toBe(false);
		const second = await tokenFor(again.searchParams.get('code') as string);
		expect(second.json.access_token).toBeDefined();
		expect(second.json).not.toHaveProperty('refresh_token');
		const consent = await auth({ access_type: 'offline', prompt: 'consent' });
		expect((await tokenFor(consent.searchParams.get('code') as string)).json.refresh_token).toBeDefined();
		const online = await auth({});
		expect((await tokenFor(online.searchParams.get('code') as string)).json).not.toHaveProperty('refresh_token');
		const unknown = await fetch(`${sb.urls.accounts('us')}/oauth/v2/auth?client_id=web&response_type=code`, {
			redirect: 'manual',
		});
		expect(unknown.status).toBe(400);
	});

	it('serves serverinfo and revokes refresh tokens with their access tokens', async () => {
		const info = await j(await fetch(`${sb.urls.accounts('us').replace(/\/us$/, '')}/oauth/serverinfo`));
		expect(info.result).toBe('success');
		expect(info.locations.eu).toBe(sb.urls.accounts('eu'));
		const { json } = await exchange(sb.issueGrantCode({ clientId: CLIENT.clientId }));
		expect((await invoiceGet(json.access_token, '/organizations', null)).status).toBe(200);
		const rev = await fetch(`${sb.urls.accounts('us')}/oauth/v2/token/revoke?token=${json.refresh_token}`, {
			method: 'POST',
		});
		expect(await j(rev)).toEqual({ status: 'success' });
		expect((await invoiceGet(json.access_token, '/organizations', null)).status).toBe(401);
		expect((await refresh(json.refresh_token)).json).toEqual({ error: 'invalid_code' });
	});
});

describe('invoice', () => {
	it('rejects bad tokens with 401 code 57 and accepts Bearer too', async () => {
		const bad = await invoiceGet('1000.nope', '/organizations', null);
		expect(bad.status).toBe(401);
		expect(bad.json).toEqual({ code: 57, message: 'You are not authorized to perform this operation' });
		const token = await accessToken();
		const res = await fetch(`${sb.urls.api}/invoice/v3/organizations`, { headers: { authorization: `Bearer ${token}` } });
		expect(res.status).toBe(200);
		expect((await j(res)).organizations[0]).toMatchObject({ organization_id: ORG, name: 'Sandbox Traders' });
		sb.expireAccessTokens();
		expect((await invoiceGet(token, '/organizations', null)).status).toBe(401);
	});

	it('honours a short real token TTL while still announcing expires_in 3600', async () => {
		sb.setAccessTokenTtl(50);
		const { json } = await exchange(sb.issueGrantCode({ clientId: CLIENT.clientId }));
		expect(json.expires_in).toBe(3600);
		await new Promise((r) => setTimeout(r, 80));
		expect((await invoiceGet(json.access_token, '/organizations', null)).status).toBe(401);
	});

	it('requires a known organization id', async () => {
		const token = await accessToken();
		const res = await invoiceGet(token, '/contacts', null);
		expect(res.status).toBe(400);
		expect(res.json.code).toBe(6041);
		const byQuery = await invoiceGet(token, `/contacts?organization_id=${ORG}`, null);
		expect(byQuery.status).toBe(200);
	});

	it('pages 450 contacts as 200/200/50', async () => {
		sb.invoice.seedContacts(450);
		const token = await accessToken();
		const sizes: number[] = [];
		const more: boolean[] = [];
		for (let page = 1; page <= 3; page++) {
			const r = await invoiceGet(token, `/contacts?page=${page}&per_page=500`);
			expect(r.json.code).toBe(0);
			sizes.push(r.json.contacts.length);
			more.push(r.json.page_context.has_more_page);
			expect(r.json.page_context).toMatchObject({ page, per_page: 200 });
		}
		expect(sizes).toEqual([200, 200, 50]);
		expect(more).toEqual([true, true, false]);
		const search = await invoiceGet(token, '/contacts?search_text=contact%200449');
		expect(search.json.contacts.map((c: any) => c.contact_name)).toEqual(['Contact 0449']);
	});

	it('creates from a multipart JSONString field, then reads, updates, acts and deletes', async () => {
		const token = await accessToken();
		const headers = { authorization: `Zoho-oauthtoken ${token}`, 'x-com-zoho-invoice-organizationid': ORG };
		const form = new FormData();
		form.append('JSONString', JSON.stringify({ contact_name: 'Ünïcode GmbH', email: 'a@b.c' }));
		const created = await fetch(`${sb.urls.api}/invoice/v3/contacts`, { method: 'POST', headers, body: form });
		expect(created.status).toBe(201);
		const cj = await j(created);
		expect(cj).toMatchObject({ code: 0, message: 'The contact has been added.', contact: { contact_name: 'Ünïcode GmbH' } });
		const id = cj.contact.contact_id as string;
		expect(id).toMatch(/^\d{18}$/);
		const urlenc = await fetch(`${sb.urls.api}/invoice/v3/invoices`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ JSONString: JSON.stringify({ customer_id: id, line_items: [{ rate: 5, quantity: 2 }] }) }),
		});
		const inv = (await j(urlenc)).invoice;
		expect(inv).toMatchObject({ invoice_number: 'INV-000001', status: 'draft', customer_id: id, total: 10 });
		const sent = await fetch(`${sb.urls.api}/invoice/v3/invoices/${inv.invoice_id}/status/sent`, { method: 'POST', headers });
		expect((await j(sent)).code).toBe(0);
		expect(sb.invoice.store.get('invoices', inv.invoice_id, ORG)?.status).toBe('sent');
		const put = await fetch(`${sb.urls.api}/invoice/v3/contacts/${id}`, {
			method: 'PUT',
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'new@b.c' }),
		});
		expect((await j(put)).contact.email).toBe('new@b.c');
		const invalid = await fetch(`${sb.urls.api}/invoice/v3/contacts`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'x@y.z' }),
		});
		expect(invalid.status).toBe(400);
		expect((await j(invalid)).code).toBe(3013);
		const del = await fetch(`${sb.urls.api}/invoice/v3/contacts/${id}`, { method: 'DELETE', headers });
		expect((await j(del)).code).toBe(0);
		const gone = await invoiceGet(token, `/contacts/${id}`);
		expect(gone.status).toBe(404);
		expect(gone.json).toEqual({ code: 1002, message: 'Contact does not exist.' });
	});

	it('writes numeric id fields as bare 18-digit integers on the wire', async () => {
		sb.invoice.seedContacts(1);
		sb.invoice.numericIdFields.add('contact_id');
		const token = await accessToken();
		const r = await invoiceGet(token, '/contacts');
		expect(r.text).toContain('"contact_id":460000000000000001');
		expect(r.text).not.toContain('"contact_id":"');
	});

	it('enforces per-minute (44), per-day (45) and concurrency (1070) quotas', async () => {
		const token = await accessToken();
		sb.invoice.setLimits({ perMinute: { limit: 2 } });
		expect((await invoiceGet(token, '/contacts')).status).toBe(200);
		expect((await invoiceGet(token, '/organizations', null)).status).toBe(200);
		const m = await invoiceGet(token, '/contacts');
		expect(m.status).toBe(429);
		expect(m.json.code).toBe(44);

		sb.invoice.setLimits({ perDay: { limit: 1 } });
		expect((await invoiceGet(token, '/contacts')).status).toBe(200);
		const d = await invoiceGet(token, '/contacts');
		expect(d).toMatchObject({ status: 429, json: { code: 45, message: 'The API call for this organization has exceeded the maximum call rate limit of 1.' } });

		sb.invoice.setLimits({ concurrency: { limit: 2 } });
		sb.invoice.setLatency(150);
		const results = await Promise.all([1, 2, 3].map(() => invoiceGet(token, '/contacts')));
		const statuses = results.map((x) => x.status).sort();
		expect(statuses).toEqual([200, 200, 429]);
		expect(results.find((x) => x.status === 429)?.json.code).toBe(1070);

		sb.invoice.setLatency(0);
		sb.invoice.setLimits({ perMinute: { limit: 0 }, omitQuotaCode: true });
		const before = sb.invoice.store.records('contacts', ORG).length;
		const res = await fetch(`${sb.urls.api}/invoice/v3/contacts`, {
			method: 'POST',
			headers: { authorization: `Zoho-oauthtoken ${token}`, 'x-com-zoho-invoice-organizationid': ORG, 'content-type': 'application/json' },
			body: JSON.stringify({ contact_name: 'Blocked' }),
		});
		expect(res.status).toBe(429);
		expect(await j(res)).toEqual({});
		expect(sb.invoice.store.records('contacts', ORG).length).toBe(before);
		expect(sb.countRequests({ server: 'api', method: 'POST', pathPrefix: '/invoice/v3/contacts' })).toBe(1);
	});
});

describe('people', () => {
	const peopleGet = async (token: string, path: string) => {
		const res = await fetch(`${sb.urls.people}${path}`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
		const text = await res.text();
		return { status: res.status, text, json: JSON.parse(text) };
	};

	it('signals invalid tokens inside HTTP 200 (or 401 when configured)', async () => {
		const r = await peopleGet('1000.bad', '/people/api/forms');
		expect(r.status).toBe(200);
		expect(r.json.response).toMatchObject({ status: 1, errors: { code: 7202, message: 'Invalid OAuth token' } });
		sb.people.invalidTokenStatus = 401;
		expect((await peopleGet('1000.bad', '/people/api/forms')).status).toBe(401);
	});

	it('lists forms with bare componentId and pages records in People nesting', async () => {
		const token = await accessToken();
		const forms = await peopleGet(token, '/people/api/forms');
		expect(forms.text).toContain('"componentId":412762000000035001');
		expect(forms.json.response).toMatchObject({ status: 0, message: 'Data fetched successfully', uri: '/api/forms' });
		sb.people.seedRecords('employee', 3);
		const recs = await peopleGet(token, '/people/api/forms/employee/getRecords?sIndex=2&limit=200');
		const result = recs.json.response.result as Array<Record<string, unknown[]>>;
		expect(result).toHaveLength(2);
		const [id] = Object.keys(result[0]);
		expect(id).toMatch(/^\d{18}$/);
		expect(recs.text).toContain(`"Zoho_ID":${id}`);
		const empty = await peopleGet(token, '/people/api/forms/employee/getRecords?sIndex=10');
		expect(empty.json.response).toMatchObject({ status: 1, errors: { code: 7024 } });
		const tooMany = await peopleGet(token, '/people/api/forms/employee/getRecords?limit=201');
		expect(tooMany.json.response.errors.code).toBe(7021);
	});

	it('locks an endpoint after its threshold with 7209 at HTTP 200', async () => {
		const token = await accessToken();
		sb.people.setThreshold({ path: '/people/api/forms', limit: 2, windowMs: 60000, lockMs: 300000 });
		expect((await peopleGet(token, '/people/api/forms')).json.response.status).toBe(0);
		expect((await peopleGet(token, '/people/api/forms')).json.response.status).toBe(0);
		const locked = await peopleGet(token, '/people/api/forms');
		expect(locked.status).toBe(200);
		expect(locked.json.response.errors).toEqual({
			code: 7209,
			message: 'API access blocked since threshold limit exceeded. Please try after some time',
		});
	});
});

describe('faults and control API', () => {
	it('injects status, html, truncated, reset and slow faults', async () => {
		const token = await accessToken();
		sb.injectFault({ server: 'api', pathIncludes: '/organizations', kind: 'status503', times: 2 });
		for (let i = 0; i < 2; i++) {
			const r503 = await fetch(`${sb.urls.api}/invoice/v3/organizations`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
			expect(r503.status).toBe(503);
			expect(await r503.text()).toBe('Service Temporarily Unavailable');
		}
		expect((await invoiceGet(token, '/organizations', null)).status).toBe(200);

		sb.injectFault({ server: 'api', kind: 'html' });
		const html = await fetch(`${sb.urls.api}/invoice/v3/organizations`);
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toContain('text/html');
		expect(await html.text()).toContain('502 Bad Gateway');

		sb.injectFault({ server: 'api', kind: 'truncated' });
		const trunc = await fetch(`${sb.urls.api}/invoice/v3/organizations`);
		expect(trunc.status).toBe(200);
		await expect(trunc.json()).rejects.toThrow();

		sb.injectFault({ server: 'accounts', pathIncludes: '/oauth/v2/token', kind: 'reset' });
		await expect(exchange(sb.issueGrantCode({ clientId: CLIENT.clientId }))).rejects.toThrow();

		sb.injectFault({ server: 'people', kind: 'slow', delayMs: 120 });
		const t0 = Date.now();
		const slow = await fetch(`${sb.urls.people}/people/api/forms`, { headers: { authorization: `Zoho-oauthtoken ${token}` } });
		expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
		expect((await j(slow)).response.status).toBe(0);

		sb.injectFault({ server: 'api', method: 'POST', kind: 'status500' });
		const before = sb.invoice.store.records('contacts', ORG).length;
		const failed = await fetch(`${sb.urls.api}/invoice/v3/contacts`, {
			method: 'POST',
			headers: { authorization: `Zoho-oauthtoken ${token}`, 'x-com-zoho-invoice-organizationid': ORG, 'content-type': 'application/json' },
			body: JSON.stringify({ contact_name: 'Never stored' }),
		});
		expect(failed.status).toBe(500);
		expect(sb.invoice.store.records('contacts', ORG).length).toBe(before);
		expect(sb.countRequests({ server: 'api', method: 'POST' })).toBe(1);
	});

	it('is drivable through /__sandbox/ without recording control calls', async () => {
		const base = sb.urls.accounts('us').replace(/\/us$/, '');
		const call = async (cmd: string, body: unknown) =>
			j(await fetch(`${base}/__sandbox/${cmd}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
		await call('register-client', { clientId: 'ext', clientSecret: 'extsecret', dc: 'in' });
		const { code } = await call('grant-code', { clientId: 'ext' });
		const tok = await post(`${sb.urls.accounts('in')}/oauth/v2/token`, {
			grant_type: 'authorization_code',
			client_id: 'ext',
			client_secret: 'extsecret',
			code,
		});
		expect(tok.json.refresh_token).toBeDefined();
		await call('expire-tokens', {});
		expect((await invoiceGet(tok.json.access_token, '/organizations', null)).status).toBe(401);
		const reqs = await j(await fetch(`${base}/__sandbox/requests`));
		expect(reqs.map((r: any) => r.path)).toEqual(['/in/oauth/v2/token', '/invoice/v3/organizations']);
		expect(reqs[0].body.client_id).toBe('ext');
		expect(sb.countRequests({ pathIncludes: '__sandbox' })).toBe(0);
		await call('reset', {});
		expect(sb.requests).toHaveLength(0);
	});
});
