/** Self-test of the local Zoho sandbox over real HTTP. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's JSON answers are read loosely here */
import { RawNumber, RESOURCES, serialize, startSandbox, type Sandbox } from '../sandbox';

const ORG = '60012345678';
const CLIENT = { clientId: '1000.SANDBOXCLIENT', clientSecret: 'sandbox-secret', dc: 'us' };

let sb: Sandbox;
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

async function post(
	url: string,
	params: Record<string, string>,
): Promise<{ status: number; json: any }> {
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
		expect(
			serialize({ contact_id: '460000000000000001', name: '12' }, new Set(['contact_id'])),
		).toBe('{"contact_id":460000000000000001,"name":"12"}');
		expect(serialize({ a: new RawNumber('412762000000035001'), b: undefined, c: [1, null] })).toBe(
			'{"a":412762000000035001,"c":[1,null]}',
		);
	});
});

describe('accounts', () => {
	it('exchanges a Self Client code exactly once', async () => {
		const code = sb.issueGrantCode({
			clientId: CLIENT.clientId,
			scope: 'ZohoInvoice.invoices.READ',
		});
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
		const res = await fetch(`${sb.urls.accounts('us')}/oauth/v2/token`, {
			method: 'POST',
			body: form,
		});
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
		expect((await exchange(code, 'us', { client_secret: 'nope' })).json).toEqual({
			error: 'invalid_client',
		});
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
				error_description:
					'You have made too many requests continuously. Please try again after some time.',
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
			const res = await fetch(`${sb.urls.accounts('eu')}/oauth/v2/auth?${q}`, {
				redirect: 'manual',
			});
			expect(res.status).toBe(302);
			return new URL(res.headers.get('location') as string);
		};
		const tokenFor = (
			code: string,
			redirect = 'http://localhost:5678/rest/oauth2-credential/callback',
		) =>
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
		expect((await tokenFor(code, 'http://evil/cb')).json).toEqual({
			error: 'invalid_redirect_uri',
		});
		expect((await tokenFor(code)).json.refresh_token).toBeDefined(); // first offline grant
		const again = await auth({ access_type: 'offline' });
		expect(again.searchParams.has('state')).toBe(false);
		const second = await tokenFor(again.searchParams.get('code') as string);
		expect(second.json.access_token).toBeDefined();
		expect(second.json).not.toHaveProperty('refresh_token');
		const consent = await auth({ access_type: 'offline', prompt: 'consent' });
		expect(
			(await tokenFor(consent.searchParams.get('code') as string)).json.refresh_token,
		).toBeDefined();
		const online = await auth({});
		expect((await tokenFor(online.searchParams.get('code') as string)).json).not.toHaveProperty(
			'refresh_token',
		);
		const unknown = await fetch(
			`${sb.urls.accounts('us')}/oauth/v2/auth?client_id=web&response_type=code`,
			{
				redirect: 'manual',
			},
		);
		expect(unknown.status).toBe(400);
	});

	it('serves serverinfo and revokes refresh tokens with their access tokens', async () => {
		const info = await j(
			await fetch(`${sb.urls.accounts('us').replace(/\/us$/, '')}/oauth/serverinfo`),
		);
		expect(info.result).toBe('success');
		expect(info.locations.eu).toBe(sb.urls.accounts('eu'));
		const { json } = await exchange(sb.issueGrantCode({ clientId: CLIENT.clientId }));
		expect((await invoiceGet(json.access_token, '/organizations', null)).status).toBe(200);
		const rev = await fetch(
			`${sb.urls.accounts('us')}/oauth/v2/token/revoke?token=${json.refresh_token}`,
			{
				method: 'POST',
			},
		);
		expect(await j(rev)).toEqual({ status: 'success' });
		expect((await invoiceGet(json.access_token, '/organizations', null)).status).toBe(401);
		expect((await refresh(json.refresh_token)).json).toEqual({ error: 'invalid_code' });
	});
});

describe('invoice', () => {
	// Assumption: Zoho Accounts documents Bearer as an alternative; the product pages show only
	// Zoho-oauthtoken (docs/reference/zoho-api.md §2). The sandbox chose to accept both; both node flows send
	// Zoho-oauthtoken, so no node test depends on this choice.
	it('rejects bad tokens with 401 code 57 and accepts Bearer too (assumption)', async () => {
		const bad = await invoiceGet('1000.nope', '/organizations', null);
		expect(bad.status).toBe(401);
		expect(bad.json).toEqual({
			code: 57,
			message: 'You are not authorized to perform this operation',
		});
		const token = await accessToken();
		const res = await fetch(`${sb.urls.api}/invoice/v3/organizations`, {
			headers: { authorization: `Bearer ${token}` },
		});
		expect(res.status).toBe(200);
		expect((await j(res)).organizations[0]).toMatchObject({
			organization_id: ORG,
			name: 'Sandbox Traders',
		});
		sb.expireAccessTokens();
		expect((await invoiceGet(token, '/organizations', null)).status).toBe(401);
	});

	it('honours a short real token TTL while still announcing expires_in 3600', async () => {
		sb.setAccessTokenTtl(50);
		const { json } = await exchange(sb.issueGrantCode({ clientId: CLIENT.clientId }));
		expect(json.expires_in).toBe(3600);
		// 80 ms later, by the sandbox's clock (Date.now), instead of sleeping.
		const realNow = Date.now.bind(Date);
		const later = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 80);
		try {
			expect((await invoiceGet(json.access_token, '/organizations', null)).status).toBe(401);
		} finally {
			later.mockRestore();
		}
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
		const headers = {
			authorization: `Zoho-oauthtoken ${token}`,
			'x-com-zoho-invoice-organizationid': ORG,
		};
		const form = new FormData();
		form.append('JSONString', JSON.stringify({ contact_name: 'Ünïcode GmbH', email: 'a@b.c' }));
		const created = await fetch(`${sb.urls.api}/invoice/v3/contacts`, {
			method: 'POST',
			headers,
			body: form,
		});
		expect(created.status).toBe(201);
		const cj = await j(created);
		expect(cj).toMatchObject({
			code: 0,
			message: 'The contact has been added.',
			contact: { contact_name: 'Ünïcode GmbH' },
		});
		const id = cj.contact.contact_id as string;
		expect(id).toMatch(/^\d{18}$/);
		const urlenc = await fetch(`${sb.urls.api}/invoice/v3/invoices`, {
			method: 'POST',
			headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				JSONString: JSON.stringify({
					customer_id: id,
					line_items: [{ name: 'Work', rate: 5, quantity: 2 }],
				}),
			}),
		});
		const inv = (await j(urlenc)).invoice;
		expect(inv).toMatchObject({
			invoice_number: 'INV-000001',
			status: 'draft',
			customer_id: id,
			total: 10,
		});
		const sent = await fetch(`${sb.urls.api}/invoice/v3/invoices/${inv.invoice_id}/status/sent`, {
			method: 'POST',
			headers,
		});
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
		const del = await fetch(`${sb.urls.api}/invoice/v3/contacts/${id}`, {
			method: 'DELETE',
			headers,
		});
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
		expect(d).toMatchObject({
			status: 429,
			json: {
				code: 45,
				message:
					'The API call for this organization has exceeded the maximum call rate limit of 1.',
			},
		});

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
			headers: {
				authorization: `Zoho-oauthtoken ${token}`,
				'x-com-zoho-invoice-organizationid': ORG,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ contact_name: 'Blocked' }),
		});
		expect(res.status).toBe(429);
		expect(await j(res)).toEqual({});
		expect(sb.invoice.store.records('contacts', ORG).length).toBe(before);
		expect(
			sb.countRequests({ server: 'api', method: 'POST', pathPrefix: '/invoice/v3/contacts' }),
		).toBe(1);
	});
});

describe('people', () => {
	const peopleGet = async (token: string, path: string) => {
		const res = await fetch(`${sb.urls.people}${path}`, {
			headers: { authorization: `Zoho-oauthtoken ${token}` },
		});
		const text = await res.text();
		return { status: res.status, text, json: JSON.parse(text) };
	};

	it('signals invalid tokens inside HTTP 200 (or 401 when configured)', async () => {
		const r = await peopleGet('1000.bad', '/people/api/forms');
		expect(r.status).toBe(200);
		expect(r.json.response).toMatchObject({
			status: 1,
			errors: { code: 7202, message: 'Invalid OAuth token' },
		});
		sb.people.invalidTokenStatus = 401;
		expect((await peopleGet('1000.bad', '/people/api/forms')).status).toBe(401);
	});

	it('lists forms with bare componentId and pages records in People nesting', async () => {
		const token = await accessToken();
		const forms = await peopleGet(token, '/people/api/forms');
		expect(forms.text).toContain('"componentId":412762000000035001');
		expect(forms.json.response).toMatchObject({
			status: 0,
			message: 'Data fetched successfully',
			uri: '/api/forms',
		});
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

	it("searches records with searchParams, in Zoho's JS-style example and in strict JSON", async () => {
		const token = await accessToken();
		sb.people.seedRecords('employee', 12);
		const search = async (searchParams: string) => {
			const r = await peopleGet(
				token,
				`/people/api/forms/employee/getRecords?searchParams=${encodeURIComponent(searchParams)}`,
			);
			const result = (r.json.response.result ?? []) as Array<
				Record<string, Array<{ EmployeeID: string }>>
			>;
			return r.json.response.errors?.code ?? result.map((e) => Object.values(e)[0][0].EmployeeID);
		};
		// Zoho's example style (zoho.com/people/api/forms-api/search-record.html).
		expect(
			await search("{searchField:'FirstName',searchOperator:'Is',searchText:'First1'}"),
		).toEqual(['EMP0001']);
		// Contains by default; AND unless searchCriteria says OR (the sandbox's reading, UNCERTAIN).
		expect(await search('{"searchField":"FirstName","searchText":"first1"}')).toEqual([
			'EMP0001',
			'EMP0010',
			'EMP0011',
			'EMP0012',
		]);
		expect(
			await search(
				'{"searchField":"FirstName","searchText":"first1"}|{"searchField":"LastName","searchText":"last12"}',
			),
		).toEqual(['EMP0012']);
		expect(
			await search(
				'{"searchField":"FirstName","searchText":"first2"}|{"searchField":"EmailID","searchText":"employee3@","searchCriteria":"OR"}',
			),
		).toEqual(['EMP0002', 'EMP0003']);
		expect(await search('{"searchField":"Nope","searchText":"x"}')).toBe(7042);
		expect(await search('{"searchField":"FirstName","searchOperator":"Sounds_Like"}')).toBe(7042);
		expect(await search('{"searchField":"FirstName","searchText":"zzz"}')).toBe(7024);
	});

	it('locks an endpoint after its threshold with 7209 at HTTP 200', async () => {
		const token = await accessToken();
		sb.people.setThreshold({
			path: '/people/api/forms',
			limit: 2,
			windowMs: 60000,
			lockMs: 300000,
		});
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

describe('people endpoints', () => {
	let token: string;
	beforeEach(async () => {
		token = await accessToken();
	});

	interface PeopleReply {
		status: number;
		text: string;
		json: any;
	}

	async function call(
		method: string,
		path: string,
		o: {
			query?: Record<string, string>;
			form?: Record<string, string>;
			multipart?: Record<string, string>;
		} = {},
	): Promise<PeopleReply> {
		const qs = o.query ? `?${new URLSearchParams(o.query).toString()}` : '';
		const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${token}` };
		let body: string | FormData | undefined;
		if (o.form) {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(o.form).toString();
		} else if (o.multipart) {
			const fd = new FormData();
			for (const [k, v] of Object.entries(o.multipart)) fd.append(k, v);
			body = fd;
		}
		const res = await fetch(`${sb.urls.people}${path}${qs}`, { method, headers, body });
		const text = await res.text();
		return { status: res.status, text, json: JSON.parse(text) };
	}
	const get = async (path: string, query?: Record<string, string>) => call('GET', path, { query });
	/** Bare 18-digit ids lose precision in JSON.parse: read them from the raw text. */
	const rawId = (r: PeopleReply, key: string): string => {
		const m = new RegExp(`"${key}":(\\d{18})[,}]`).exec(r.text);
		if (!m) throw new Error(`no bare ${key} in ${r.text}`);
		return m[1];
	};
	const errorOf = (r: PeopleReply) => {
		expect(r.status).toBe(200);
		expect(r.json.response).toMatchObject({ status: 1, message: 'Error occurred' });
		return r.json.response.errors as { code: number; message: string };
	};

	it('lists forms and their fields with bare 18-digit ids', async () => {
		const forms = await get('/people/api/forms');
		expect(forms.json.response.result.map((f: { formLinkName: string }) => f.formLinkName)).toEqual(
			['employee', 'department', 'leave'],
		);
		expect(forms.text).toMatch(/"componentId":412762000000035001,/);
		expect(forms.text).toMatch(/"view_Id":\d{18}[,}]/);
		const comps = await get('/api/forms/employee/components');
		expect(comps.json.response).toMatchObject({ status: 0, uri: '/api/forms/employee/components' });
		const byLabel = Object.fromEntries(
			comps.json.response.result.map((f: { labelname: string }) => [f.labelname, f]),
		);
		expect(Object.keys(byLabel)).toEqual(
			expect.arrayContaining([
				'EmployeeID',
				'FirstName',
				'LastName',
				'EmailID',
				'Department',
				'Designation',
				'Employeestatus',
				'Date_of_joining',
			]),
		);
		expect(byLabel.EmailID).toMatchObject({
			comptype: 'Email',
			displayname: 'Email ID',
			isMandatory: true,
		});
		expect(byLabel.Designation.isMandatory).toBe(false);
		expect(errorOf(await get('/people/api/forms/nope/components')).code).toBe(7011);
	});

	it('pages 450 employees as 200/200/50 with sIndex/limit and nests records by bare Zoho_ID', async () => {
		const seeded = sb.people.seedEmployees(450);
		const sizes: number[] = [];
		for (const sIndex of [1, 201, 401]) {
			const r = await get('/people/api/forms/employee/getRecords', {
				sIndex: String(sIndex),
				limit: '200',
			});
			sizes.push(r.json.response.result.length);
		}
		expect(sizes).toEqual([200, 200, 50]);
		const last = await get('/people/api/forms/employee/getRecords', {
			sIndex: '450',
			limit: '200',
		});
		const [entry] = last.json.response.result;
		const id = String(seeded[449].Zoho_ID);
		expect(Object.keys(entry)).toEqual([id]);
		expect(entry[id][0]).toMatchObject({
			EmployeeID: 'EMP0450',
			EmailID: 'employee450@example.com',
			FirstName: 'First450',
		});
		expect(last.text).toContain(`"Zoho_ID":${id}}`);
		expect(id).toMatch(/^\d{18}$/);
		expect(errorOf(await get('/people/api/forms/employee/getRecords', { sIndex: '451' }))).toEqual({
			code: 7024,
			message: 'No records found',
		});
		expect(errorOf(await get('/people/api/forms/employee/getRecords', { limit: '201' })).code).toBe(
			7021,
		);
		expect(errorOf(await get('/people/api/forms/nope/getRecords')).code).toBe(7011);
	});

	it('searches by EMPLOYEEMAILALIAS / EMPLOYEEID, filters by modifiedtime and gets by id', async () => {
		sb.people.setClock(() => new Date('2024-05-01T00:00:00Z'));
		const [, second] = sb.people.seedEmployees(3);
		const byMail = await get('/people/api/forms/employee/getRecords', {
			SearchColumn: 'EMPLOYEEMAILALIAS',
			SearchValue: 'EMPLOYEE2@example.com',
		});
		expect(byMail.json.response.result).toHaveLength(1);
		expect(Object.keys(byMail.json.response.result[0])).toEqual([String(second.Zoho_ID)]);
		const byId = await get('/people/api/forms/employee/getRecords', {
			SearchColumn: 'EMPLOYEEID',
			SearchValue: 'EMP0003',
		});
		expect(Object.values(byId.json.response.result[0])[0]).toMatchObject([
			{ EmployeeID: 'EMP0003' },
		]);
		expect(
			errorOf(
				await get('/people/api/forms/employee/getRecords', {
					SearchColumn: 'EMPLOYEEID',
					SearchValue: 'NOPE',
				}),
			).code,
		).toBe(7024);

		const cutoff = new Date('2024-05-01T00:00:00Z').getTime();
		sb.people.setClock(() => new Date('2024-05-02T00:00:00Z'));
		await call('POST', '/people/api/forms/json/employee/updateRecord', {
			form: {
				recordId: String(second.Zoho_ID),
				inputData: JSON.stringify({ Designation: 'Lead' }),
			},
		});
		const changed = await get('/people/api/forms/employee/getRecords', {
			modifiedtime: String(cutoff),
		});
		expect(changed.json.response.result.map((x: object) => Object.keys(x)[0])).toEqual([
			String(second.Zoho_ID),
		]);

		const one = await get('/people/api/forms/employee/getDataByID', {
			recordId: String(second.Zoho_ID),
		});
		expect(one.json.response).toMatchObject({
			status: 0,
			result: [{ EmployeeID: 'EMP0002', Designation: 'Lead' }],
		});
		expect(one.text).toContain(`"Zoho_ID":${String(second.Zoho_ID)}`);
		expect(
			errorOf(
				await get('/people/api/forms/employee/getDataByID', { recordId: '412762000009999999' }),
			).code,
		).toBe(7049);
		expect(errorOf(await get('/people/api/forms/employee/getDataByID')).code).toBe(7019);
	});

	it('inserts and updates records (urlencoded, multipart, both prefixes) with Zoho validation codes', async () => {
		const input = {
			EmployeeID: 'N001',
			FirstName: 'Ada',
			LastName: 'Lovelace',
			EmailID: 'ada@example.com',
			Date_of_joining: '01-Feb-2024',
		};
		const added = await call('POST', '/api/forms/json/employee/insertRecord', {
			form: { inputData: JSON.stringify(input) },
		});
		expect(added.json.response).toMatchObject({
			result: { message: 'Successfully Added' },
			message: 'Data added successfully',
			uri: '/api/forms/json/employee/insertRecord',
			status: 0,
		});
		expect(added.text).toMatch(/"pkId":\d{18},/);
		const pkId = rawId(added, 'pkId');
		expect(Number.isSafeInteger(Number(pkId))).toBe(false); // JSON.parse would round it
		expect(sb.people.findEmployee('ada@example.com')).toMatchObject({ EmployeeID: 'N001' });

		const multi = await call('POST', '/people/api/forms/json/employee/insertRecord', {
			multipart: {
				inputData: JSON.stringify({ ...input, EmployeeID: 'N002', EmailID: 'grace@example.com' }),
			},
		});
		expect(multi.json.response.status).toBe(0);

		const bad = async (data: object) =>
			errorOf(
				await call('POST', '/people/api/forms/json/employee/insertRecord', {
					form: { inputData: JSON.stringify(data) },
				}),
			).code;
		expect(await bad({ ...input, EmployeeID: 'N003', EmailID: 'x@example.com', Shoe: '42' })).toBe(
			7013,
		);
		expect(await bad({ EmployeeID: 'N003', FirstName: 'A', LastName: 'B' })).toBe(7052);
		expect(await bad({ ...input, EmployeeID: 'N003', EmailID: 'not-an-email' })).toBe(7053);
		expect(
			await bad({
				...input,
				EmployeeID: 'N003',
				EmailID: 'z@example.com',
				Date_of_joining: '2024-02-01',
			}),
		).toBe(7054);
		expect(await bad({ ...input, EmailID: 'z@example.com' })).toBe(7051);
		expect(
			await bad({
				...input,
				EmployeeID: 'N003',
				EmailID: 'z@example.com',
				Employeestatus: 'Sleeping',
			}),
		).toBe(7050);
		expect(
			errorOf(await call('POST', '/people/api/forms/json/employee/insertRecord', { form: {} }))
				.code,
		).toBe(7019);
		expect(
			errorOf(
				await call('POST', '/people/api/forms/json/employee/insertRecord', {
					form: { inputData: '{oops' },
				}),
			).code,
		).toBe(7016);

		const updated = await call('POST', '/people/api/forms/json/employee/updateRecord', {
			form: { recordId: pkId, inputData: JSON.stringify({ Designation: 'Analyst' }) },
		});
		expect(updated.json.response).toMatchObject({
			message: 'Data updated successfully',
			status: 0,
			result: { message: 'Successfully Updated' },
		});
		expect(updated.text).toContain(`"pkId":${pkId}`);
		expect(sb.people.findEmployee(pkId)?.Designation).toBe('Analyst');
		const missingRec = await call('POST', '/people/api/forms/json/employee/updateRecord', {
			form: { recordId: '412762000009999999', inputData: '{"Designation":"x"}' },
		});
		expect(errorOf(missingRec).code).toBe(7049);
		const failed = await call('POST', '/people/api/forms/json/employee/updateRecord', {
			form: { recordId: pkId, inputData: JSON.stringify({ Designation: 'Nope', EmailID: 'bad' }) },
		});
		expect(errorOf(failed).code).toBe(7053);
		expect(sb.people.findEmployee(pkId)?.Designation).toBe('Analyst');
	});

	it('records attendance check-in/out (query or body) and reports it per day', async () => {
		sb.people.seedEmployees(2);
		const inn = await call('POST', '/people/api/attendance', {
			query: {
				dateFormat: 'dd/MM/yyyy HH:mm:ss',
				checkIn: '03/01/2024 09:00:00',
				empId: 'EMP0001',
				location: 'HQ',
			},
		});
		expect(inn.json.response).toMatchObject({
			status: 0,
			uri: '/api/attendance',
			result: [{ msg: 'Successfully checked in', empId: 'EMP0001' }],
		});
		expect(inn.json.response.result[0].tsecs).toBe(Date.UTC(2024, 0, 3, 9) / 1000);
		const out = await call('POST', '/people/api/attendance', {
			form: { checkOut: '03/01/2024 17:00:00', emailId: 'employee1@example.com' },
		});
		expect(out.json.response.result[0]).toMatchObject({
			msg: 'Successfully checked out',
			punchOut: '03/01/2024 17:00:00',
		});
		expect(sb.people.attendance).toHaveLength(1);

		expect(
			errorOf(
				await call('POST', '/people/api/attendance', {
					query: { checkIn: '2024-01-03 09:00', empId: 'EMP0001' },
				}),
			).code,
		).toBe(7055);
		expect(
			errorOf(
				await call('POST', '/people/api/attendance', {
					query: { checkIn: '03/01/2024 09:00:00', empId: 'EMP9999' },
				}),
			).code,
		).toBe(7048);
		expect(
			errorOf(
				await call('POST', '/people/api/attendance', { query: { checkIn: '03/01/2024 09:00:00' } }),
			).code,
		).toBe(7019);
		expect(
			errorOf(await call('POST', '/people/api/attendance', { query: { empId: 'EMP0001' } })).code,
		).toBe(7019);

		const report = await get('/people/api/attendance/getUserReport', {
			sdate: '2024-01-03',
			edate: '2024-01-06',
			dateFormat: 'yyyy-MM-dd',
			empId: 'EMP0001',
		});
		const [emp] = report.json.response.result;
		expect(emp.employeeDetails).toMatchObject({
			id: 'EMP0001',
			'mail id': 'employee1@example.com',
		});
		expect(emp.attendanceDetails['2024-01-03']).toMatchObject({
			Status: 'Present',
			FirstIn: '09:00',
			LastOut: '17:00',
			TotalHours: '08:00',
		});
		expect(emp.attendanceDetails['2024-01-04']).toMatchObject({
			Status: 'Absent',
			TotalHours: '00:00',
		});
		expect(emp.attendanceDetails['2024-01-06'].Status).toBe('Weekend');
		const all = await get('/people/api/attendance/getUserReport', {
			sdate: '03-Jan-2024',
			edate: '03-Jan-2024',
		});
		expect(all.json.response.result).toHaveLength(2);
		// Everyone: 100 employees per call from a 0-based startIndex.
		sb.people.seedEmployees(248);
		const sizes: number[] = [];
		for (const startIndex of ['0', '100', '200']) {
			sizes.push(
				(
					await get('/people/api/attendance/getUserReport', {
						sdate: '03-Jan-2024',
						edate: '03-Jan-2024',
						startIndex,
					})
				).json.response.result.length,
			);
		}
		expect(sizes).toEqual([100, 100, 50]);
		expect(
			errorOf(
				await get('/people/api/attendance/getUserReport', {
					sdate: '03-Jan-2024',
					edate: '03-Jan-2024',
					startIndex: '250',
				}),
			).code,
		).toBe(7024);
		expect(
			errorOf(await get('/people/api/attendance/getUserReport', { sdate: '03-Jan-2024' })).code,
		).toBe(7019);
		expect(
			errorOf(await get('/people/api/attendance/getUserReport', { sdate: 'x', edate: 'y' })).code,
		).toBe(7055);
	});

	it('serves leave types, applies leave via the leave form, lists v2 records and cancels', async () => {
		sb.people.seedEmployees(2);
		const types = await get('/people/api/leave/getLeaveTypeDetails', {
			userId: 'employee1@example.com',
		});
		expect(types.text).toContain('"Id":412762000000040001,');
		expect(types.json.response.result[0]).toMatchObject({
			Name: 'Casual Leave',
			PermittedCount: 12,
			AvailedCount: 0,
			BalanceCount: 12,
			Unit: 'Days',
		});
		expect(
			errorOf(await get('/people/api/leave/getLeaveTypeDetails', { userId: 'nobody' })).code,
		).toBe(7048);

		const apply = async (data: object) =>
			call('POST', '/people/api/forms/json/leave/insertRecord', {
				form: { inputData: JSON.stringify(data) },
			});
		const ok = await apply({
			Employee_ID: 'EMP0001',
			Leavetype: '412762000000040001',
			From: '08-May-2024',
			To: '09-May-2024',
			Reason: 'Trip',
		});
		expect(ok.json.response.status).toBe(0);
		const leaveId = rawId(ok, 'pkId');
		expect(
			errorOf(
				await apply({
					Employee_ID: 'EMP0001',
					Leavetype: '1',
					From: '08-May-2024',
					To: '09-May-2024',
				}),
			).code,
		).toBe(7104);
		expect(
			errorOf(await apply({ Employee_ID: 'EMP0001', From: '08-May-2024', To: '09-May-2024' })).code,
		).toBe(7103);
		expect(
			errorOf(
				await apply({
					Employee_ID: 'EMP0001',
					Leavetype: '412762000000040001',
					From: '10-May-2024',
					To: '09-May-2024',
				}),
			).code,
		).toBe(7105);
		expect(
			errorOf(
				await apply({
					Employee_ID: 'EMP0404',
					Leavetype: '412762000000040001',
					From: '08-May-2024',
					To: '09-May-2024',
				}),
			).code,
		).toBe(7048);

		const after = await get('/people/api/leave/getLeaveTypeDetails', { userId: 'EMP0001' });
		expect(after.json.response.result[0]).toMatchObject({ AvailedCount: 2, BalanceCount: 10 });

		const list = await get('/api/v2/leavetracker/leaves/records', {
			from: '2024-05-01',
			to: '2024-05-31',
			dateFormat: 'yyyy-MM-dd',
		});
		expect(Object.keys(list.json)).toEqual(['records']);
		expect(list.json.records[leaveId]).toMatchObject({
			Employee: 'First1 Last1',
			Leavetype: 'Casual Leave',
			From: '2024-05-08',
			To: '2024-05-09',
			ApprovalStatus: 'Pending',
			Reason: 'Trip',
			Days: { '2024-05-08': { LeaveCount: '1.0' }, '2024-05-09': { LeaveCount: '1.0' } },
		});
		expect(list.text).toContain(`"Zoho.ID":${leaveId},`);
		expect(list.text).toMatch(/"Employee\.ID":\d{18},/);
		expect(list.text).toContain('"Leavetype.ID":412762000000040001,');
		const approvedOnly = await get('/people/api/v2/leavetracker/leaves/records', {
			from: '01-May-2024',
			to: '31-May-2024',
			approvalStatus: '["APPROVED"]',
		});
		expect(approvedOnly.json).toEqual({ records: {} });
		sb.people.setLeaveStatus(leaveId, 'Approved');
		const approved = await get('/people/api/v2/leavetracker/leaves/records', {
			from: '01-May-2024',
			to: '31-May-2024',
			approvalStatus: '["APPROVED"]',
			employee: '["EMP0001"]',
		});
		expect(Object.keys(approved.json.records)).toEqual([leaveId]);

		const single = await get(`/api/v2/leavetracker/leaves/records/${leaveId}`);
		expect(single.json.record).toMatchObject({ ApprovalStatus: 'Approved', From: '08-May-2024' });

		const cancelled = await call('PATCH', `/api/v2/leavetracker/leaves/records/cancel/${leaveId}`, {
			query: { reason: 'Plans changed' },
		});
		expect(cancelled.json).toEqual({ message: 'Leave Cancelled', status: 'success' });
		expect(
			sb.people.records.get('leave')?.find((l) => String(l.Zoho_ID) === leaveId)?.ApprovalStatus,
		).toBe('Cancelled');
		const again = await call('PATCH', `/api/v2/leavetracker/leaves/records/cancel/${leaveId}`);
		expect(again.status).toBe(200);
		expect(again.json).toMatchObject({
			error: { code: 9001 },
			uri: `/api/v2/leavetracker/leaves/records/cancel/${leaveId}`,
		});
		const missingFrom = await get('/api/v2/leavetracker/leaves/records', { to: '31-May-2024' });
		expect(missingFrom.json.error).toEqual({ code: 7019, message: 'Missing parameter from' });
	});

	it('pages 450 v2 leave records with a 0-based startIndex (200/200/50) and rejects limit > 200', async () => {
		sb.people.seedLeaves(450);
		const sizes: number[] = [];
		for (const startIndex of [0, 200, 400]) {
			const r = await get('/api/v2/leavetracker/leaves/records', {
				from: '01-Jan-2024',
				to: '31-Dec-2025',
				startIndex: String(startIndex),
				limit: '200',
			});
			sizes.push(Object.keys(r.json.records).length);
		}
		expect(sizes).toEqual([200, 200, 50]);
		const tooMany = await get('/api/v2/leavetracker/leaves/records', {
			from: '01-Jan-2024',
			to: '31-Dec-2025',
			limit: '201',
		});
		expect(tooMany.json.error.code).toBe(7021);
	});

	it('adds and lists time logs with a 0-based sIndex, limit and isNextAvailable', async () => {
		sb.people.seedEmployees(2);
		const job = sb.people.jobs[0].jobId;
		const added = await call('POST', '/people/api/timetracker/addtimelog', {
			query: {
				user: 'employee2@example.com',
				workDate: '2024-03-04',
				jobId: job,
				hours: '02:30',
				billingStatus: 'Non-Billable',
				description: 'Review',
			},
		});
		expect(added.json.response).toMatchObject({
			status: 0,
			uri: '/api/timetracker/addtimelog',
			message: 'Data added successfully',
		});
		const timeLogId = added.json.response.result[0].timeLogId as string;
		expect(timeLogId).toMatch(/^\d{18}$/);
		const logs = await get('/people/api/timetracker/gettimelogs', {
			user: 'EMP0002',
			fromDate: '2024-03-01',
			toDate: '2024-03-31',
		});
		expect(logs.json.response.result).toEqual([
			expect.objectContaining({
				timelogId: timeLogId,
				hours: '02:30',
				totaltime: 9000,
				billingStatus: 'non-billable',
				workDate: '2024-03-04',
				jobId: job,
				jobName: 'Development',
				description: 'Review',
			}),
		]);
		const addErr = async (q: Record<string, string>) =>
			errorOf(
				await call('POST', '/people/api/timetracker/addtimelog', {
					query: { user: 'EMP0001', workDate: '2024-03-04', jobId: job, hours: '01:00', ...q },
				}),
			).code;
		expect(await addErr({ hours: '99:00' })).toBe(7016);
		expect(await addErr({ jobId: '1' })).toBe(7050);
		expect(await addErr({ user: 'ghost' })).toBe(7048);
		expect(await addErr({ workDate: '04/03/2024' })).toBe(7055);
		expect(
			errorOf(
				await call('POST', '/people/api/timetracker/addtimelog', { query: { user: 'EMP0001' } }),
			).code,
		).toBe(7019);

		const seeded = sb.people.seedTimeLogs(450, { user: 'EMP0001' });
		const pages: Array<[number, string, boolean | undefined]> = [];
		for (const sIndex of [0, 200, 400]) {
			const r = await get('/people/api/timetracker/gettimelogs', {
				user: 'EMP0001',
				sIndex: String(sIndex),
				limit: '200',
			});
			pages.push([
				r.json.response.result.length,
				r.json.response.result[0].timelogId,
				r.json.response.isNextAvailable,
			]);
		}
		// sIndex counts from 0 ("from which record", default 0); isNextAvailable only while more follow.
		expect(pages).toEqual([
			[200, seeded[0].timelogId, true],
			[200, seeded[200].timelogId, true],
			[50, seeded[400].timelogId, undefined],
		]);
		const first = await get('/people/api/timetracker/gettimelogs', { user: 'EMP0001', limit: '1' });
		expect(first.json.response.result.map((l: { timelogId: string }) => l.timelogId)).toEqual([
			seeded[0].timelogId,
		]);
		expect(
			errorOf(await get('/people/api/timetracker/gettimelogs', { user: 'EMP0001', sIndex: '450' }))
				.code,
		).toBe(7024);
		expect(
			errorOf(await get('/people/api/timetracker/gettimelogs', { user: 'EMP0001', limit: '300' }))
				.code,
		).toBe(7021);
	});

	it('applies documented per-endpoint thresholds (off by default) with settable lock periods', async () => {
		sb.people.seedEmployees(1);
		let now = new Date('2024-06-03T10:00:00Z').getTime();
		sb.people.setClock(() => new Date(now));
		for (let i = 0; i < 35; i++)
			expect(
				(await get('/people/api/leave/getLeaveTypeDetails', { userId: 'EMP0001' })).json.response
					.status,
			).toBe(0);

		sb.people.useDocumentedThresholds({ lockMs: 120000 });
		for (let i = 0; i < 30; i++)
			expect(
				(await get('/people/api/leave/getLeaveTypeDetails', { userId: 'EMP0001' })).json.response
					.status,
			).toBe(0);
		const locked = await get('/api/leave/getLeaveTypeDetails', { userId: 'EMP0001' });
		expect(errorOf(locked)).toEqual({
			code: 7209,
			message: 'API access blocked since threshold limit exceeded. Please try after some time',
		});
		// Other endpoints keep their own counters.
		expect((await get('/people/api/forms')).json.response.status).toBe(0);
		now += 119000;
		expect(
			errorOf(await get('/people/api/leave/getLeaveTypeDetails', { userId: 'EMP0001' })).code,
		).toBe(7209);
		now += 2000;
		expect(
			(await get('/people/api/leave/getLeaveTypeDetails', { userId: 'EMP0001' })).json.response
				.status,
		).toBe(0);

		// An explicit threshold on a v2 path answers with the legacy error envelope too.
		sb.people.setThreshold({
			path: '/api/v2/leavetracker/leaves/records',
			limit: 1,
			lockMs: 60000,
		});
		sb.people.seedLeaves(1);
		expect(
			(await get('/api/v2/leavetracker/leaves/records', { from: '01-Jan-2024', to: '31-Jan-2024' }))
				.json.records,
		).toBeDefined();
		expect(
			errorOf(
				await get('/people/api/v2/leavetracker/leaves/records', {
					from: '01-Jan-2024',
					to: '31-Jan-2024',
				}),
			).code,
		).toBe(7209);
		sb.people.setLock({ path: '/people/api/forms', lockMs: 1000 });
		expect(errorOf(await get('/people/api/forms')).code).toBe(7209);
	});

	// Assumption: People's over-the-daily-cap answer is undocumented; the sandbox chose code 7210.
	it('enforces a settable daily cap with an error inside HTTP 200, reset at midnight (assumption: code 7210)', async () => {
		let now = new Date('2024-06-03T23:59:00Z').getTime();
		sb.people.setClock(() => new Date(now));
		sb.people.setDailyLimit(3);
		for (let i = 0; i < 3; i++)
			expect((await get('/people/api/forms')).json.response.status).toBe(0);
		const capped = await get('/people/api/forms');
		const err = errorOf(capped);
		expect(err.code).toBe(7210);
		expect(err.message).toMatch(/limit for the day/);
		expect(
			errorOf(await call('POST', '/people/api/attendance', { query: { empId: 'x' } })).code,
		).toBe(7210);
		expect(sb.people.dailyCount()).toBe(3);
		now += 120000;
		expect((await get('/people/api/forms')).json.response.status).toBe(0);
		sb.people.setDailyLimit(undefined);
	});

	it('is drivable through the control API', async () => {
		const base = sb.urls.accounts('us').replace(/\/us$/, '');
		const ctl = async (cmd: string, body: object) =>
			j(
				await fetch(`${base}/__sandbox/${cmd}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				}),
			);
		expect((await ctl('people-seed', { form: 'employee', n: 2 })).ids).toHaveLength(2);
		const { ids } = await ctl('people-seed-leaves', { n: 1, status: 'Pending' });
		expect(await ctl('people-leave-status', { id: ids[0], status: 'Rejected' })).toEqual({
			ok: true,
		});
		expect(sb.people.records.get('leave')?.[0].ApprovalStatus).toBe('Rejected');
		expect((await ctl('people-seed-timelogs', { n: 2 })).ids).toHaveLength(2);
		const state = await ctl('people-state', { forms: ['leave'] });
		expect(state.records.leave.map((x: { Zoho_ID: unknown }) => x.Zoho_ID)).toEqual(ids);
		expect(state.timeLogs).toHaveLength(2);
		expect(state.timeLogs[0].workDate).toBe('2024-01-01T00:00:00.000Z');
		expect(state.attendance).toEqual([]);
		await ctl('people-daily-limit', { limit: 0 });
		expect(errorOf(await get('/people/api/forms')).code).toBe(7210);
		await ctl('people-daily-limit', {});
		await ctl('people-documented-thresholds', { on: true, lockMs: 1000 });
		await ctl('people-lock', { path: '/people/api/forms' });
		expect(errorOf(await get('/people/api/forms')).code).toBe(7209);
		expect((await ctl('people-nope', {})).ok).toBe(false);
	});
});

describe('faults and control API', () => {
	it('injects status, html, truncated, reset and slow faults', async () => {
		const token = await accessToken();
		sb.injectFault({ server: 'api', pathIncludes: '/organizations', kind: 'status503', times: 2 });
		for (let i = 0; i < 2; i++) {
			const r503 = await fetch(`${sb.urls.api}/invoice/v3/organizations`, {
				headers: { authorization: `Zoho-oauthtoken ${token}` },
			});
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
		const slow = await fetch(`${sb.urls.people}/people/api/forms`, {
			headers: { authorization: `Zoho-oauthtoken ${token}` },
		});
		expect((await j(slow)).response.status).toBe(0);
		// Answered no sooner than the delay after it arrived (the sandbox's own timestamps).
		const slowRequest = sb
			.findRequests({ server: 'people', pathIncludes: '/people/api/forms' })
			.pop()!;
		expect(slowRequest.answeredAt! - slowRequest.at).toBeGreaterThanOrEqual(120);

		sb.injectFault({ server: 'api', method: 'POST', kind: 'status500' });
		const before = sb.invoice.store.records('contacts', ORG).length;
		const failed = await fetch(`${sb.urls.api}/invoice/v3/contacts`, {
			method: 'POST',
			headers: {
				authorization: `Zoho-oauthtoken ${token}`,
				'x-com-zoho-invoice-organizationid': ORG,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ contact_name: 'Never stored' }),
		});
		expect(failed.status).toBe(500);
		expect(sb.invoice.store.records('contacts', ORG).length).toBe(before);
		expect(sb.countRequests({ server: 'api', method: 'POST' })).toBe(1);
	});

	it('overrides replies persistently, n times, or as a function of the request that may call the real handler', async () => {
		const token = await accessToken();
		const forms = async () =>
			(
				await fetch(`${sb.urls.people}/people/api/forms`, {
					headers: { authorization: `Zoho-oauthtoken ${token}` },
				})
			).text();
		const fixed = {
			status: 200,
			body: '{"fixed":true}',
			headers: { 'content-type': 'application/json' },
		};
		const remove = sb.overrideReplies({ server: 'people', pathIncludes: '/forms', reply: fixed });
		expect([await forms(), await forms(), await forms()]).toEqual([
			'{"fixed":true}',
			'{"fixed":true}',
			'{"fixed":true}',
		]);
		remove();
		expect(JSON.parse(await forms()).response.status).toBe(0);

		sb.overrideReplies({ server: 'people', pathIncludes: '/forms', reply: fixed, times: 1 });
		expect(await forms()).toBe('{"fixed":true}');
		expect(JSON.parse(await forms()).response.status).toBe(0);

		// A function sees the request and may forward a changed one to the real handler, or pass (undefined).
		sb.people.seedEmployees(3);
		sb.overrideReplies({
			server: 'people',
			pathIncludes: '/getRecords',
			reply: (r, real) =>
				r.query.sIndex === 'pass' ? undefined : real({ ...r, query: { ...r.query, sIndex: '1' } }),
		});
		const ids = async (sIndex: string) => {
			const res = await fetch(
				`${sb.urls.people}/people/api/forms/employee/getRecords?sIndex=${sIndex}`,
				{ headers: { authorization: `Zoho-oauthtoken ${token}` } },
			);
			const json = await j(res);
			return json.response.result?.length ?? json.response.errors.code;
		};
		expect(await ids('3')).toBe(3);
		expect(await ids('pass')).toBe(7016);
		expect(sb.countRequests({ server: 'people', pathIncludes: '/getRecords' })).toBe(2);
		sb.overrideReplies({ server: 'people', pathIncludes: '/forms', reply: fixed });
		expect(await forms()).toBe('{"fixed":true}');
		sb.reset(); // clears overrides (and tokens: People now answers its invalid-token error)
		expect(JSON.parse(await forms()).response.errors.code).toBe(7202);
	});

	it('is drivable through /__sandbox/ without recording control calls', async () => {
		const base = sb.urls.accounts('us').replace(/\/us$/, '');
		const call = async (cmd: string, body: unknown) =>
			j(
				await fetch(`${base}/__sandbox/${cmd}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				}),
			);
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
		expect(reqs.map((r: any) => r.path)).toEqual([
			'/in/oauth/v2/token',
			'/invoice/v3/organizations',
		]);
		expect(reqs[0].body.client_id).toBe('ext');
		expect(sb.countRequests({ pathIncludes: '__sandbox' })).toBe(0);
		await call('reset', {});
		expect(sb.requests).toHaveLength(0);
	});
});

describe('invoice resources', () => {
	type Res = { status: number; json: any; text: string; headers: Headers };
	let token: string;
	beforeEach(() => {
		token = sb.issueAccessToken({ clientId: CLIENT.clientId });
	});
	const api = async (method: string, path: string, body?: unknown): Promise<Res> => {
		const headers: Record<string, string> = {
			authorization: `Zoho-oauthtoken ${token}`,
			'x-com-zoho-invoice-organizationid': ORG,
		};
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${sb.urls.api}/invoice/v3${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		const isJson = (res.headers.get('content-type') ?? '').includes('json');
		return {
			status: res.status,
			text,
			json: isJson && text ? JSON.parse(text) : undefined,
			headers: res.headers,
		};
	};
	const ok = (r: Res, status = 200) => {
		expect({ status: r.status, code: r.json?.code, message: r.json?.message }).toMatchObject({
			status,
			code: 0,
		});
		return r.json;
	};
	const fail = (r: Res, status = 400) => {
		expect(r.status).toBe(status);
		expect(r.json.code).not.toBe(0);
		expect(typeof r.json.message).toBe('string');
		return r.json;
	};

	interface Case {
		res: string;
		singular: string;
		listKey: string;
		idField: string;
		create: (ids: { contact: string; item: string; invoice: string }) => Record<string, unknown>;
		update: Record<string, unknown>;
		deleted: string;
	}
	const cases: Case[] = [
		{
			res: 'contacts',
			singular: 'contact',
			listKey: 'contacts',
			idField: 'contact_id',
			create: () => ({ contact_name: 'Round Trip Ltd' }),
			update: { email: 'rt@example.com' },
			deleted: 'The contact has been deleted.',
		},
		{
			res: 'invoices',
			singular: 'invoice',
			listKey: 'invoices',
			idField: 'invoice_id',
			create: (i) => ({ customer_id: i.contact, line_items: [{ item_id: i.item, quantity: 2 }] }),
			update: { reference_number: 'PO-9' },
			deleted: 'The invoice has been deleted.',
		},
		{
			res: 'estimates',
			singular: 'estimate',
			listKey: 'estimates',
			idField: 'estimate_id',
			create: (i) => ({
				customer_id: i.contact,
				line_items: [{ name: 'Consulting', rate: 120, quantity: 1 }],
			}),
			update: { reference_number: 'Q-1' },
			deleted: 'The estimate has been deleted.',
		},
		{
			res: 'items',
			singular: 'item',
			listKey: 'items',
			idField: 'item_id',
			create: () => ({ name: 'Widget', rate: 9.5 }),
			update: { rate: 11 },
			deleted: 'The item has been deleted.',
		},
		{
			res: 'customerpayments',
			singular: 'payment',
			listKey: 'customerpayments',
			idField: 'payment_id',
			create: (i) => ({
				customer_id: i.contact,
				amount: 40,
				date: '2024-06-01',
				payment_mode: 'cash',
			}),
			update: { reference_number: 'R-7' },
			deleted: 'The payment has been deleted.',
		},
		{
			res: 'creditnotes',
			singular: 'creditnote',
			listKey: 'creditnotes',
			idField: 'creditnote_id',
			create: (i) => ({ customer_id: i.contact, line_items: [{ name: 'Refund', rate: 30 }] }),
			update: { reference_number: 'CR-1' },
			deleted: 'The credit note has been deleted.',
		},
		{
			res: 'expenses',
			singular: 'expense',
			listKey: 'expenses',
			idField: 'expense_id',
			create: () => ({ account_id: '460000000000000999', amount: 12.5, date: '2024-06-02' }),
			update: { description: 'Taxi' },
			deleted: 'The expense has been deleted.',
		},
		{
			res: 'projects',
			singular: 'project',
			listKey: 'projects',
			idField: 'project_id',
			create: (i) => ({
				project_name: 'Migration',
				customer_id: i.contact,
				billing_type: 'fixed_cost_for_project',
			}),
			update: { description: 'Phase 2' },
			deleted: 'The project has been deleted.',
		},
		{
			res: 'recurringinvoices',
			singular: 'recurring_invoice',
			listKey: 'recurring_invoices',
			idField: 'recurrence_id',
			create: (i) => ({
				recurrence_name: 'Monthly retainer',
				customer_id: i.contact,
				recurrence_frequency: 'months',
				line_items: [{ item_id: i.item }],
			}),
			update: { recurrence_name: 'Retainer' },
			deleted: 'The recurring invoice has been deleted.',
		},
	];

	const seedRefs = () => {
		const [contact] = sb.invoice.seedContacts(1);
		const [item] = sb.invoice.seedItems(1);
		const [invoice] = sb.invoice.seedInvoices(1);
		return {
			contact: contact.contact_id as string,
			item: item.item_id as string,
			invoice: invoice.invoice_id as string,
		};
	};

	it.each(cases)('$res: create, get, list, update, delete, 404', async (c) => {
		const ids = seedRefs();
		const created = ok(await api('POST', `/${c.res}`, c.create(ids)), 201);
		const rec = created[c.singular];
		const id = rec[c.idField] as string;
		expect(id).toMatch(/^\d{18}$/);
		expect(rec.last_modified_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
		expect(ok(await api('GET', `/${c.res}/${id}`))[c.singular]).toEqual(rec);
		const list = ok(await api('GET', `/${c.res}`));
		expect(list[c.listKey].map((x: any) => x[c.idField])).toContain(id);
		expect(list.page_context).toMatchObject({ page: 1, per_page: 200, has_more_page: false });
		const updated = ok(await api('PUT', `/${c.res}/${id}`, c.update))[c.singular];
		expect(updated).toMatchObject(c.update);
		expect(updated[c.idField]).toBe(id);
		expect(sb.invoice.get(c.res, id)).toMatchObject(c.update);
		expect(ok(await api('DELETE', `/${c.res}/${id}`)).message).toBe(c.deleted);
		const gone = fail(await api('GET', `/${c.res}/${id}`), 404);
		expect(gone.code).toBe(1002);
		expect(gone.message).toMatch(/does not exist\.$/);
		fail(await api('PUT', `/${c.res}/${id}`, c.update), 404);
		fail(await api('DELETE', `/${c.res}/${id}`), 404);
	});

	it.each(cases)(
		'$res: rejects each missing required field and a bad PUT with HTTP 400',
		async (c) => {
			const ids = seedRefs();
			const def = RESOURCES.find((d) => d.plural === c.res)!;
			const body = c.create(ids);
			for (const field of def.required) {
				const without = { ...body };
				delete without[field];
				if (field in body) fail(await api('POST', `/${c.res}`, without));
			}
			const before = sb.invoice.records(c.res).length;
			fail(await api('POST', `/${c.res}`, []));
			expect(sb.invoice.records(c.res).length).toBe(before);
			const stored = ok(await api('POST', `/${c.res}`, body), 201)[c.singular];
			const id = stored[c.idField];
			const blank = def.required[0];
			fail(await api('PUT', `/${c.res}/${id}`, { [blank]: '' }));
			expect(sb.invoice.get(c.res, id)).toEqual(stored); // nothing committed
		},
	);

	it('validates references, numbers and enums', async () => {
		const ids = seedRefs();
		const noContact = fail(
			await api('POST', '/invoices', {
				customer_id: '460000000000099999',
				line_items: [{ name: 'x', rate: 1 }],
			}),
		);
		expect(noContact).toEqual({ code: 1002, message: 'Contact does not exist.' });
		fail(await api('POST', '/invoices', { customer_id: ids.contact, line_items: [] }));
		fail(await api('POST', '/invoices', { customer_id: ids.contact, line_items: [{ rate: 5 }] }));
		fail(
			await api('POST', '/invoices', {
				customer_id: ids.contact,
				line_items: [{ name: 'x', rate: 'abc' }],
			}),
		);
		fail(
			await api('POST', '/invoices', {
				customer_id: ids.contact,
				line_items: [{ item_id: '460000000000099999' }],
			}),
		);
		fail(await api('POST', '/items', { name: 'Bad', rate: -1 }));
		fail(
			await api('POST', '/projects', {
				project_name: 'P',
				customer_id: ids.contact,
				billing_type: 'hourly',
			}),
		);
		fail(
			await api('POST', '/recurringinvoices', {
				recurrence_name: 'R',
				customer_id: ids.contact,
				recurrence_frequency: 'hourly',
				line_items: [{ item_id: ids.item }],
			}),
		);
		fail(await api('POST', '/expenses', { account_id: '1', amount: 10, date: '06/01/2024' }));
		fail(await api('PUT', `/invoices/${ids.invoice}`, { customer_id: '460000000000099999' }));
		const dup = fail(
			await api('POST', '/invoices', {
				customer_id: ids.contact,
				invoice_number: 'INV-000001',
				line_items: [{ name: 'x', rate: 1 }],
			}),
		);
		expect(dup.code).toBe(1001);
		expect(fail(await api('POST', '/contacts', { company_name: 'No name' })).code).toBe(3013);
	});

	it('computes totals with taxes and keeps invoice totals on update', async () => {
		const ids = seedRefs();
		const taxes = ok(await api('GET', '/settings/taxes')).taxes;
		expect(taxes).toHaveLength(2);
		const gst = taxes.find((t: any) => t.tax_percentage === 18);
		const inv = ok(
			await api('POST', '/invoices', {
				customer_id: ids.contact,
				tax_id: gst.tax_id,
				line_items: [
					{ name: 'A', rate: 100, quantity: 2 },
					{ name: 'B', rate: 50 },
				],
			}),
			201,
		).invoice;
		expect(inv).toMatchObject({
			sub_total: 250,
			tax_total: 45,
			total: 295,
			balance: 295,
			status: 'draft',
			tax_percentage: 18,
		});
		expect(inv.line_items[0]).toMatchObject({
			item_total: 200,
			tax_percentage: 18,
			line_item_id: expect.stringMatching(/^\d{18}$/),
		});
		const put = ok(
			await api('PUT', `/invoices/${inv.invoice_id}`, {
				line_items: [{ name: 'C', rate: 10, quantity: 3 }],
				total: 1,
				status: 'paid',
			}),
		).invoice;
		expect(put).toMatchObject({ sub_total: 30, total: 35.4, balance: 35.4, status: 'draft' });
		fail(
			await api('POST', '/invoices', {
				customer_id: ids.contact,
				tax_id: '1',
				line_items: [{ name: 'x', rate: 1 }],
			}),
		);
	});

	it('changes invoice status along valid transitions only', async () => {
		const { invoice: id } = seedRefs();
		const st = (t: string) => api('POST', `/invoices/${id}/status/${t}`);
		const bad = fail(await st('draft'));
		expect(bad.code).toBe(1088);
		expect(bad.message).toMatch(/^Invoice status cannot be changed/);
		expect(ok(await st('sent')).message).toBe('Invoice status has been changed to Sent.');
		fail(await st('sent'));
		expect(ok(await st('void')).message).toBe('Invoice status has been changed to Void.');
		expect(sb.invoice.get('invoices', id)!.status).toBe('void');
		fail(await st('sent'));
		expect(ok(await st('draft')).message).toBe('Status of invoice changed from void to draft.');
		expect(ok(await st('void')).code).toBe(0); // draft → void
		expect((await st('paid')).status).toBe(404);
		expect((await api('GET', `/invoices/${id}/status/sent`)).status).toBe(405);
		expect((await api('POST', '/invoices/460000000000099999/status/sent')).json.code).toBe(1002);
	});

	it('moves estimates and recurring invoices and toggles active/inactive', async () => {
		const [est] = sb.invoice.seedEstimates(1);
		const e = (t: string) => api('POST', `/estimates/${est.estimate_id}/status/${t}`);
		fail(await e('accepted'));
		ok(await e('sent'));
		expect(ok(await e('declined')).message).toBe('Estimate status has been changed to Declined.');
		expect(ok(await e('accepted')).message).toBe('Estimate status has been changed to Accepted.');
		expect(sb.invoice.get('estimates', est.estimate_id as string)!.status).toBe('accepted');
		const [rec] = sb.invoice.seedRecurringInvoices(1);
		const r = (t: string) => api('POST', `/recurringinvoices/${rec.recurrence_id}/status/${t}`);
		fail(await r('resume'));
		expect(ok(await r('stop')).message).toBe('The recurring invoice has been stopped.');
		fail(await r('stop'));
		expect(ok(await r('resume')).message).toBe('The recurring invoice has been activated.');
		const [c] = sb.invoice.seedContacts(1);
		expect(ok(await api('POST', `/contacts/${c.contact_id}/inactive`)).message).toBe(
			'The contact has been marked as inactive.',
		);
		expect(sb.invoice.get('contacts', c.contact_id as string)!.status).toBe('inactive');
		ok(await api('POST', `/contacts/${c.contact_id}/active`));
		const [it] = sb.invoice.seedItems(1);
		expect(ok(await api('POST', `/items/${it.item_id}/inactive`)).message).toBe(
			'The item has been marked as inactive.',
		);
	});

	it('emails invoices and estimates, records them and marks drafts sent', async () => {
		const { invoice: id } = seedRefs();
		const r = ok(
			await api('POST', `/invoices/${id}/email`, {
				to_mail_ids: ['a@x.com', 'b@x.com'],
				subject: 'Your bill',
				body: 'Hi',
			}),
		);
		expect(r).toEqual({ code: 0, message: 'Your invoice has been sent.' });
		expect(sb.invoice.get('invoices', id)!.status).toBe('sent');
		expect(sb.invoice.emails).toEqual([
			expect.objectContaining({
				orgId: ORG,
				resource: 'invoices',
				id,
				number: 'INV-000001',
				to_mail_ids: ['a@x.com', 'b@x.com'],
				subject: 'Your bill',
				body: 'Hi',
			}),
		]);
		fail(await api('POST', `/invoices/${id}/email`, { to_mail_ids: ['not-an-email'] }));
		// Without to_mail_ids the customer's email is used.
		ok(await api('POST', `/invoices/${id}/email`, {}));
		expect(sb.invoice.emails[1].to_mail_ids).toEqual(['contact0001@example.com']);
		const [est] = sb.invoice.seedEstimates(1);
		expect(
			ok(await api('POST', `/estimates/${est.estimate_id}/email`, { to_mail_ids: ['c@x.com'] }))
				.message,
		).toBe('Your estimate has been sent.');
		expect(sb.invoice.get('estimates', est.estimate_id as string)!.status).toBe('sent');
		expect(sb.invoice.emails).toHaveLength(3);
	});

	it('serves invoice PDFs by id and in bulk', async () => {
		const [a, b] = sb.invoice.seedInvoices(2);
		const one = await api('GET', `/invoices/${a.invoice_id}?accept=pdf`);
		expect(one.status).toBe(200);
		expect(one.headers.get('content-type')).toBe('application/pdf');
		expect(one.text.startsWith('%PDF-1.4\n')).toBe(true);
		expect(one.text.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(one.text).toContain('INV-000001');
		const xref = Number(/startxref\n(\d+)/.exec(one.text)![1]);
		expect(one.text.slice(xref, xref + 4)).toBe('xref');
		const bulk = await api('GET', `/invoices/pdf?invoice_ids=${a.invoice_id},${b.invoice_id}`);
		expect(bulk.headers.get('content-type')).toBe('application/pdf');
		expect(bulk.text).toContain('INV-000001');
		expect(bulk.text).toContain('INV-000002');
		expect((await api('GET', '/invoices/pdf?invoice_ids=460000000000099999')).status).toBe(404);
		fail(await api('GET', '/invoices/pdf'));
		expect(ok(await api('GET', `/invoices/${a.invoice_id}`)).invoice.invoice_id).toBe(a.invoice_id);
	});

	it('applies credits to invoices within the credit balance', async () => {
		const [c] = sb.invoice.seedContacts(1);
		const inv = sb.invoice.create('invoices', {
			customer_id: c.contact_id,
			line_items: [{ name: 'Job', rate: 100 }],
		});
		await api('POST', `/invoices/${inv.invoice_id}/status/sent`);
		const cn = ok(
			await api('POST', '/creditnotes', {
				customer_id: c.contact_id,
				line_items: [{ name: 'Return', rate: 60 }],
			}),
			201,
		).creditnote;
		expect(cn).toMatchObject({
			creditnote_number: 'CN-000001',
			status: 'open',
			total: 60,
			balance: 60,
		});
		const over = fail(
			await api('POST', `/creditnotes/${cn.creditnote_id}/invoices`, {
				invoices: [{ invoice_id: inv.invoice_id, amount_applied: 61 }],
			}),
		);
		expect(over.message).toMatch(/balance of the credit note/);
		const applied = ok(
			await api('POST', `/creditnotes/${cn.creditnote_id}/invoices`, {
				invoices: [{ invoice_id: inv.invoice_id, amount_applied: 40 }],
			}),
		);
		expect(applied.message).toBe('Credits have been applied to the invoice(s).');
		expect(applied.apply_to_invoices.invoices).toEqual([
			expect.objectContaining({ invoice_id: inv.invoice_id, amount_applied: 40 }),
		]);
		expect(sb.invoice.get('invoices', inv.invoice_id as string)).toMatchObject({
			balance: 60,
			credits_applied: 40,
			status: 'partially_paid',
		});
		expect(sb.invoice.get('creditnotes', cn.creditnote_id)).toMatchObject({
			balance: 20,
			status: 'open',
		});
		fail(
			await api('POST', `/creditnotes/${cn.creditnote_id}/invoices`, {
				invoices: [{ invoice_id: inv.invoice_id, amount_applied: 25 }],
			}),
		);
		ok(
			await api('POST', `/creditnotes/${cn.creditnote_id}/invoices`, {
				invoices: [{ invoice_id: inv.invoice_id, amount_applied: 20 }],
			}),
		);
		expect(sb.invoice.get('creditnotes', cn.creditnote_id)).toMatchObject({
			balance: 0,
			status: 'closed',
		});
		expect(
			ok(await api('GET', `/creditnotes/${cn.creditnote_id}/invoices`)).invoices_credited,
		).toHaveLength(2);
	});

	it('records payments that reduce balances, mark invoices paid and revert on delete', async () => {
		const [c] = sb.invoice.seedContacts(1);
		const inv = sb.invoice.create('invoices', {
			customer_id: c.contact_id,
			line_items: [{ name: 'Job', rate: 100 }],
		});
		const id = inv.invoice_id as string;
		await api('POST', `/invoices/${id}/status/sent`);
		const body = (amount: number, applied: number) => ({
			customer_id: c.contact_id,
			amount,
			date: '2024-06-01',
			payment_mode: 'banktransfer',
			invoices: [{ invoice_id: id, amount_applied: applied }],
		});
		fail(await api('POST', '/customerpayments', body(50, 60))); // more than the payment
		fail(await api('POST', '/customerpayments', body(150, 150))); // more than the balance
		const p1 = ok(await api('POST', '/customerpayments', body(30, 30)), 201).payment;
		expect(p1).toMatchObject({
			amount: 30,
			unused_amount: 0,
			invoices: [expect.objectContaining({ invoice_id: id, amount_applied: 30 })],
		});
		expect(sb.invoice.get('invoices', id)).toMatchObject({
			balance: 70,
			payment_made: 30,
			status: 'partially_paid',
		});
		const p2 = ok(await api('POST', '/customerpayments', body(80, 70)), 201).payment;
		expect(p2.unused_amount).toBe(10);
		expect(sb.invoice.get('invoices', id)).toMatchObject({ balance: 0, status: 'paid' });
		expect(
			ok(await api('GET', '/invoices?status=paid')).invoices.map((x: any) => x.invoice_id),
		).toEqual([id]);
		ok(
			await api('PUT', `/customerpayments/${p2.payment_id}`, {
				invoices: [{ invoice_id: id, amount_applied: 50 }],
			}),
		);
		expect(sb.invoice.get('invoices', id)).toMatchObject({ balance: 20, status: 'partially_paid' });
		ok(await api('DELETE', `/customerpayments/${p1.payment_id}`));
		ok(await api('DELETE', `/customerpayments/${p2.payment_id}`));
		expect(sb.invoice.get('invoices', id)).toMatchObject({
			balance: 100,
			payment_made: 0,
			status: 'sent',
		});
		// Without payments the total may shrink; with a payment it may not go below the amount paid.
		ok(await api('PUT', `/invoices/${id}`, { line_items: [{ name: 'x', rate: 1 }] }));
		sb.invoice.create('customerpayments', body(1, 1));
		expect(sb.invoice.get('invoices', id)).toMatchObject({ balance: 0, status: 'paid' });
		expect(
			fail(await api('PUT', `/invoices/${id}`, { line_items: [{ name: 'x', rate: 0.5 }] })).code,
		).toBe(3009);
		expect(sb.invoice.get('invoices', id)!.total).toBe(1);
	});

	it('filters invoices by status, customer, date range, search text and last_modified_time', async () => {
		sb.invoice.setClock(() => new Date('2024-07-01T10:00:00Z'));
		const [c1, c2] = sb.invoice.seedContacts(2);
		const invs = sb.invoice.seedInvoices(6); // dates 2024-01-01 .. 2024-01-06, customers alternate
		const idsOf = (r: Res) => r.json.invoices.map((x: any) => x.invoice_number);
		await api('POST', `/invoices/${invs[0].invoice_id}/status/sent`);
		await api('POST', `/invoices/${invs[1].invoice_id}/status/void`);
		expect(idsOf(await api('GET', '/invoices?status=sent'))).toEqual(['INV-000001']);
		expect(idsOf(await api('GET', '/invoices?status=void'))).toEqual(['INV-000002']);
		expect(idsOf(await api('GET', '/invoices?status=draft'))).toHaveLength(4);
		expect(idsOf(await api('GET', '/invoices?status=unpaid'))).toEqual(['INV-000001']);
		expect(idsOf(await api('GET', '/invoices?status=overdue'))).toEqual(['INV-000001']); // due 2024-01-01 < today
		expect(idsOf(await api('GET', '/invoices?filter_by=Status.Draft'))).toHaveLength(4);
		expect(idsOf(await api('GET', `/invoices?customer_id=${c2.contact_id}`))).toEqual([
			'INV-000002',
			'INV-000004',
			'INV-000006',
		]);
		expect(idsOf(await api('GET', '/invoices?date_start=2024-01-02&date_end=2024-01-04'))).toEqual([
			'INV-000002',
			'INV-000003',
			'INV-000004',
		]);
		expect(idsOf(await api('GET', '/invoices?date_end=2024-01-01'))).toEqual(['INV-000001']);
		fail(await api('GET', '/invoices?date_start=01-01-2024'));
		expect(idsOf(await api('GET', '/invoices?search_text=inv-000005'))).toEqual(['INV-000005']);
		expect(
			idsOf(
				await api('GET', `/invoices?search_text=${encodeURIComponent(String(c1.contact_name))}`),
			),
		).toEqual(['INV-000001', 'INV-000003', 'INV-000005']);
		sb.invoice.setClock(() => new Date('2024-07-02T08:30:00Z'));
		await api('PUT', `/invoices/${invs[4].invoice_id}`, { notes: 'changed' });
		await api('POST', `/invoices/${invs[5].invoice_id}/status/sent`);
		expect(sb.invoice.get('invoices', invs[4].invoice_id as string)!.last_modified_time).toBe(
			'2024-07-02T08:30:00+0000',
		);
		expect(
			idsOf(
				await api(
					'GET',
					`/invoices?last_modified_time=${encodeURIComponent('2024-07-02T00:00:00+0000')}`,
				),
			),
		).toEqual(['INV-000005', 'INV-000006']);
		expect(
			idsOf(await api('GET', '/invoices?last_modified_time=2024-07-02T08:30:00.000Z')),
		).toEqual(['INV-000005', 'INV-000006']);
		expect(idsOf(await api('GET', '/invoices?last_modified_time=2024-07-02T08:30:01Z'))).toEqual(
			[],
		);
		fail(await api('GET', '/invoices?last_modified_time=yesterday'));
		expect(
			idsOf(await api('GET', '/invoices?sort_column=invoice_number&sort_order=D&per_page=2')),
		).toEqual(['INV-000006', 'INV-000005']);
	});

	it('serves what the Invoice Trigger reads: due_date ranges, times in the organization zone sorted as instants, the overdue job', async () => {
		sb.invoice.setOrganizations([
			{
				organization_id: ORG,
				name: 'LA',
				time_zone: 'America/Los_Angeles',
				is_default_org: true,
				currency_code: 'USD',
			},
		]);
		sb.invoice.setTimeStyle('organization');
		sb.invoice.setClock(() => new Date('2026-11-01T08:59:30Z')); // 01:59:30 PDT
		const [a, b] = sb.invoice.seedInvoices(2);
		sb.invoice.setClock(() => new Date('2026-11-01T09:00:30Z')); // 01:00:30 PST, later
		sb.invoice.modify('invoices', a.invoice_id as string, { due_date: '2026-10-20' });
		expect(a.last_modified_time).toBe('2026-11-01T01:00:30-0800');
		expect(b.last_modified_time).toBe('2026-11-01T01:59:30-0700');
		const numbers = (r: Res) => r.json.invoices.map((x: any) => x.invoice_number);
		expect(
			numbers(await api('GET', '/invoices?sort_column=last_modified_time&sort_order=D')),
		).toEqual(['INV-000001', 'INV-000002']);
		// b is due 2024-01-02 (its date), a 2026-10-20.
		expect(numbers(await api('GET', '/invoices?due_date_start=2026-10-20'))).toEqual([
			'INV-000001',
		]);
		expect(numbers(await api('GET', '/invoices?due_date_after=2026-10-20'))).toEqual([]);
		expect(numbers(await api('GET', '/invoices?due_date_before=2026-10-20'))).toEqual([
			'INV-000002',
		]);
		expect(numbers(await api('GET', '/invoices?due_date_end=2026-10-20'))).toHaveLength(2);
		fail(await api('GET', '/invoices?due_date_start=20-10-2026'));
		sb.invoice.act('invoices', a.invoice_id as string, 'POST status/sent');
		const overdue = ok(await api('GET', '/invoices?filter_by=Status.OverDue'));
		expect(overdue.page_context.applied_filter).toBe('Status.OverDue');
		expect(overdue.invoices.map((x: any) => x.status)).toEqual(['sent']);
		expect(sb.invoice.sweepOverdue().map((x) => x.invoice_id)).toEqual([a.invoice_id]);
		expect(sb.invoice.get('invoices', a.invoice_id as string)).toMatchObject({
			status: 'overdue',
			last_modified_time: '2026-11-01T01:00:30-0800',
		});
		sb.invoice.remove('invoices', b.invoice_id as string);
		expect(sb.invoice.records('invoices')).toHaveLength(1);
	});

	it('filters contacts by filter_by, name, email, search text and last_modified_time; items by status', async () => {
		sb.invoice.setClock(() => new Date('2024-07-01T10:00:00Z'));
		const cs = sb.invoice.seedContacts(5);
		sb.invoice.setClock(() => new Date('2024-07-03T10:00:00Z'));
		await api('POST', `/contacts/${cs[1].contact_id}/inactive`);
		await api('POST', `/contacts/${cs[3].contact_id}/inactive`);
		const names = (r: Res) => r.json.contacts.map((x: any) => x.contact_name);
		const inactive = await api('GET', '/contacts?filter_by=Status.Inactive');
		expect(names(inactive)).toEqual(['Contact 0002', 'Contact 0004']);
		expect(inactive.json.page_context.applied_filter).toBe('Status.Inactive');
		expect(names(await api('GET', '/contacts?filter_by=Status.Active'))).toEqual([
			'Contact 0001',
			'Contact 0003',
			'Contact 0005',
		]);
		expect(names(await api('GET', '/contacts?filter_by=Status.All'))).toHaveLength(5);
		fail(await api('GET', '/contacts?filter_by=Bogus'));
		expect(names(await api('GET', '/contacts?contact_name=contact%200003'))).toEqual([
			'Contact 0003',
		]);
		expect(names(await api('GET', '/contacts?contact_name_startswith=Contact%20000'))).toHaveLength(
			5,
		);
		expect(names(await api('GET', '/contacts?email=contact0005@example.com'))).toEqual([
			'Contact 0005',
		]);
		expect(names(await api('GET', '/contacts?search_text=company%200001'))).toEqual([
			'Contact 0001',
		]);
		expect(
			names(await api('GET', '/contacts?last_modified_time=2024-07-02T00:00:00%2B0000')),
		).toEqual(['Contact 0002', 'Contact 0004']);
		const items = sb.invoice.seedItems(3);
		await api('POST', `/items/${items[0].item_id}/inactive`);
		const itemNames = (r: Res) => r.json.items.map((x: any) => x.name);
		expect(itemNames(await api('GET', '/items?filter_by=Status.Active'))).toEqual([
			'Item 002',
			'Item 003',
		]);
		expect(
			itemNames(await api('GET', '/items?filter_by=Status.Inactive&search_text=item')),
		).toEqual(['Item 001']);
	});

	it('pages 250 invoices as 200/50 and caps per_page at 200', async () => {
		sb.invoice.seedInvoices(250);
		const p1 = ok(await api('GET', '/invoices?per_page=200&page=1'));
		expect(p1.invoices).toHaveLength(200);
		expect(p1.page_context).toMatchObject({
			page: 1,
			per_page: 200,
			has_more_page: true,
			report_name: 'Invoices',
		});
		const p2 = ok(await api('GET', '/invoices?per_page=200&page=2'));
		expect(p2.invoices).toHaveLength(50);
		expect(p2.page_context.has_more_page).toBe(false);
		expect(ok(await api('GET', '/invoices?per_page=1000')).page_context.per_page).toBe(200);
		const small = ok(await api('GET', '/invoices?per_page=100&page=3'));
		expect(small.invoices).toHaveLength(50);
		expect(small.page_context.has_more_page).toBe(false);
		expect(new Set([...p1.invoices, ...p2.invoices].map((x: any) => x.invoice_id)).size).toBe(250);
	});

	it('serves users, taxes and currencies read-only', async () => {
		const users = ok(await api('GET', '/users'));
		expect(users.users).toHaveLength(2);
		const me = ok(await api('GET', '/users/me')).user;
		expect(me).toMatchObject({ is_current_user: true, user_id: expect.stringMatching(/^\d{18}$/) });
		expect(ok(await api('GET', `/users/${users.users[1].user_id}`)).user.role).toBe('staff');
		expect((await api('POST', '/users', { name: 'x' })).status).toBe(405);
		expect((await api('DELETE', `/users/${me.user_id}`)).status).toBe(405);
		const cur = ok(await api('GET', '/settings/currencies')).currencies;
		expect(cur.map((x: any) => x.currency_code)).toEqual(['INR', 'USD', 'EUR']);
		expect(cur[0]).toEqual(
			expect.objectContaining({
				currency_id: expect.stringMatching(/^\d{18}$/),
				currency_name: 'Indian Rupee',
			}),
		);
		const taxes = ok(await api('GET', '/settings/taxes')).taxes;
		expect(taxes[0]).toEqual(
			expect.objectContaining({
				tax_id: expect.any(String),
				tax_name: 'GST18',
				tax_percentage: 18,
			}),
		);
		expect((await api('GET', '/settings/nope')).status).toBe(404);
	});

	it('applies numericIdFields, quotas and faults to the new resources and keeps organizations apart', async () => {
		sb.invoice.seedInvoices(1);
		sb.invoice.numericIdFields.add('invoice_id');
		sb.invoice.numericIdFields.add('tax_id');
		expect((await api('GET', '/invoices')).text).toMatch(/"invoice_id":\d{18},/);
		expect((await api('GET', '/settings/taxes')).text).toMatch(/"tax_id":\d{18},/);
		sb.injectFault({ server: 'api', pathIncludes: '/estimates', kind: 'status503' });
		expect((await api('GET', '/estimates')).status).toBe(503);
		sb.invoice.setLimits({ perDay: { limit: 1 } });
		expect((await api('GET', '/settings/currencies')).status).toBe(200);
		expect((await api('GET', '/users/me')).json.code).toBe(45);
		sb.invoice.setLimits({});
		sb.invoice.setOrganizations([
			{
				organization_id: ORG,
				name: 'A',
				time_zone: 'UTC',
				is_default_org: true,
				currency_code: 'INR',
			},
			{
				organization_id: '70000000001',
				name: 'B',
				time_zone: 'UTC',
				is_default_org: false,
				currency_code: 'EUR',
			},
		]);
		sb.invoice.seedItems(2, '70000000001');
		expect(sb.invoice.records('items', '70000000001')).toHaveLength(2);
		expect(ok(await api('GET', '/items')).items).toHaveLength(5); // seeded with the invoice in ORG
		const [inv] = sb.invoice.seedInvoices(1, '70000000001');
		expect(inv.currency_code).toBe('EUR');
		expect((await api('GET', `/invoices/${inv.invoice_id}`)).status).toBe(404);
	});

	it('seeds consistent references and is drivable through the control API', async () => {
		const invs = sb.invoice.seed('invoices', 3);
		const contacts = sb.invoice.records('contacts').map((c) => c.contact_id);
		const items = sb.invoice.records('items').map((i) => i.item_id);
		for (const inv of invs) {
			expect(contacts).toContain(inv.customer_id);
			for (const l of inv.line_items as any[]) expect(items).toContain(l.item_id);
		}
		for (const res of [
			'estimates',
			'customerpayments',
			'creditnotes',
			'expenses',
			'projects',
			'recurringinvoices',
		]) {
			expect(sb.invoice.seed(res, 2)).toHaveLength(2);
		}
		const base = sb.urls.accounts('us').replace(/\/us$/, '');
		const seeded = await j(
			await fetch(`${base}/__sandbox/invoice-seed`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ contacts: 2, invoices: 2, projects: 1 }),
			}),
		);
		expect(seeded).toEqual({ ok: true, seeded: { contacts: 2, invoices: 2, projects: 1 } });
		const [inv] = invs;
		await api('POST', `/invoices/${inv.invoice_id}/email`, { to_mail_ids: ['z@x.com'] });
		const emails = await j(await fetch(`${base}/__sandbox/emails`));
		expect(emails).toEqual([
			expect.objectContaining({ id: inv.invoice_id, to_mail_ids: ['z@x.com'] }),
		]);
	});
});

describe('bookings', () => {
	// Monday 03-Jun-2030 09:00 Asia/Kolkata (03:30 UTC); 04-Jun-2030 is a Tuesday, 08-Jun-2030 a Saturday.
	const MONDAY_0900 = new Date('2030-06-03T03:30:00Z');
	const IDS = {
		ws: '4387000000010001',
		consult: '4387000000020001',
		strategy: '4387000000020002',
		asha: '4387000000030001',
		ravi: '4387000000030002',
		meera: '4387000000030003',
		room: '4387000000040001',
	};
	let token: string;

	beforeEach(async () => {
		sb.bookings.setClock(() => MONDAY_0900);
		token = await accessToken();
	});

	type Body = {
		form?: Record<string, string>;
		encoding?: 'multipart' | 'urlencoded';
		raw?: { type: string; text: string };
	};
	async function bk(
		method: 'GET' | 'POST',
		endpoint: string,
		query: Record<string, string> = {},
		body: Body = {},
		auth?: string,
	) {
		const qs = new URLSearchParams(query).toString();
		const headers: Record<string, string> = { authorization: auth ?? `Zoho-oauthtoken ${token}` };
		let payload: string | FormData | undefined;
		if (body.raw) {
			headers['content-type'] = body.raw.type;
			payload = body.raw.text;
		} else if (body.form && body.encoding === 'urlencoded') {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			payload = new URLSearchParams(body.form).toString();
		} else if (body.form) {
			const fd = new FormData();
			for (const [k, v] of Object.entries(body.form)) fd.append(k, v);
			payload = fd;
		}
		const res = await fetch(`${sb.urls.api}/bookings/v1/json/${endpoint}${qs ? `?${qs}` : ''}`, {
			method,
			headers,
			body: payload,
		});
		const text = await res.text();
		return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
	}
	const rv = (r: { json: any }): any => {
		expect(r.json.response.status).toBe('success');
		return r.json.response.returnvalue;
	};
	const customer = (email = 'jane@example.com') =>
		JSON.stringify({ name: 'Jane Roe', email, phone_number: '+15550100' });
	const book = (form: Record<string, string>, encoding?: 'urlencoded') =>
		bk(
			'POST',
			'appointment',
			{},
			{
				form: {
					service_id: IDS.consult,
					staff_id: IDS.asha,
					customer_details: customer(),
					...form,
				},
				encoding,
			},
		);
	const slots = async (q: Record<string, string>) =>
		rv(await bk('GET', 'availableslots', { service_id: IDS.consult, staff_id: IDS.asha, ...q }));

	it('serves the catalog: workspaces, services, staffs, resources with filters', async () => {
		const ws = rv(await bk('GET', 'workspaces'));
		expect(ws.data).toEqual([
			expect.objectContaining({ id: IDS.ws, name: 'Sandbox Clinic', time_zone: 'Asia/Kolkata' }),
		]);
		expect(rv(await bk('GET', 'workspaces', { workspace_id: IDS.ws })).data).toHaveLength(1);
		const services = rv(await bk('GET', 'services', { workspace_id: IDS.ws })).data;
		expect(services.map((s: any) => [s.id, s.name, s.duration])).toEqual([
			[IDS.consult, 'Consultation', '30 mins'],
			[IDS.strategy, 'Strategy Session', '60 mins'],
		]);
		expect(
			rv(await bk('GET', 'services', { workspace_id: IDS.ws, staff_id: IDS.meera })).data.map(
				(s: any) => s.id,
			),
		).toEqual([IDS.consult]);
		expect(
			rv(await bk('GET', 'services', { workspace_id: IDS.ws, service_id: IDS.strategy })).data,
		).toHaveLength(1);
		expect(rv(await bk('GET', 'staffs', { workspace_id: IDS.ws })).data).toHaveLength(3);
		const strategyStaff = rv(await bk('GET', 'staffs', { service_id: IDS.strategy })).data;
		expect(strategyStaff.map((s: any) => s.id)).toEqual([IDS.asha, IDS.ravi]);
		expect(strategyStaff[0]).toEqual(
			expect.objectContaining({
				name: 'Asha Rao',
				email: 'asha@sandbox.example',
				designation: 'Lead Consultant',
			}),
		);
		expect(
			rv(await bk('GET', 'staffs', { staff_email: 'RAVI@sandbox.example' })).data.map(
				(s: any) => s.id,
			),
		).toEqual([IDS.ravi]);
		expect(rv(await bk('GET', 'staffs', { staff_id: IDS.meera })).data).toHaveLength(1);
		expect(rv(await bk('GET', 'resources', { service_id: IDS.consult })).data).toEqual([
			expect.objectContaining({ id: IDS.room, name: 'Meeting Room 1' }),
		]);
		// Unknown filter ids → top-level failure; wrong method → 405; unknown endpoint → 404.
		const bad = await bk('GET', 'services', { workspace_id: '1' });
		expect(bad).toEqual(
			expect.objectContaining({
				status: 200,
				json: { response: { status: 'failure', errormessage: 'Invalid workspace_id' } },
			}),
		);
		expect((await bk('POST', 'workspaces')).status).toBe(405);
		expect((await bk('GET', 'nosuch')).status).toBe(404);
	});

	// Assumption: Bearer acceptance, as for Invoice above.
	it('authenticates like the other products (Bearer too: assumption) and answers invalid tokens 401 (or 200)', async () => {
		expect((await bk('GET', 'workspaces', {}, {}, `Bearer ${token}`)).status).toBe(200);
		const bad = await bk('GET', 'workspaces', {}, {}, 'Zoho-oauthtoken 1000.nope');
		expect(bad.status).toBe(401);
		expect(bad.json).toEqual({
			response: { status: 'failure', errormessage: 'Invalid OAuth token' },
		});
		sb.expireAccessTokens();
		expect((await bk('GET', 'workspaces')).status).toBe(401);
		sb.bookings.invalidTokenStatus = 200;
		const soft = await bk('GET', 'workspaces');
		expect(soft.status).toBe(200);
		expect(soft.json.response.errormessage).toBe('Invalid OAuth token');
		expect(sb.bookings.callsToday).toBe(1); // unauthenticated calls are not counted
	});

	it('computes availability every 30 min within working hours minus booked and past slots', async () => {
		const all = await slots({ selected_date: '04-Jun-2030' });
		expect(all.reponse).toBe(true);
		expect(all.data).toHaveLength(16);
		expect(all.data.slice(0, 3)).toEqual(['09:00', '09:30', '10:00']);
		expect(all.data[15]).toBe('16:30');
		const hour = rv(
			await bk('GET', 'availableslots', {
				service_id: IDS.strategy,
				staff_id: IDS.asha,
				selected_date: '04-Jun-2030',
			}),
		);
		expect(hour.data).toHaveLength(15); // last start 16:00
		sb.bookings.book({
			service_id: IDS.consult,
			staff_id: IDS.asha,
			start: '04-Jun-2030 10:00:00',
		});
		expect((await slots({ selected_date: '04-jun-2030' })).data).not.toContain('10:00');
		const hour2 = rv(
			await bk('GET', 'availableslots', {
				service_id: IDS.strategy,
				staff_id: IDS.asha,
				selected_date: '04-Jun-2030',
			}),
		);
		expect(hour2.data).not.toContain('09:30');
		expect(hour2.data).not.toContain('10:00');
		expect(hour2.data).toContain('10:30');
		expect((await slots({ staff_id: IDS.ravi, selected_date: '04-Jun-2030' })).data).toContain(
			'10:00',
		);
		expect(
			sb.bookings.availableSlots(IDS.consult, { staff_id: IDS.asha }, '04-Jun-2030'),
		).not.toContain('10:00');
		// Past slots today are gone; weekends have none.
		sb.bookings.setClock(() => new Date('2030-06-03T06:40:00Z')); // 12:10 IST
		expect((await slots({ selected_date: '03-Jun-2030' })).data[0]).toBe('12:30');
		const weekend = await slots({ selected_date: '08-Jun-2030' });
		expect(weekend).toEqual({ reponse: false, data: 'Slots Not Available' });
		expect((await slots({ selected_date: '01-Jun-2020' })).reponse).toBe(false);
		// Resources and validation.
		expect(
			(await slots({ staff_id: '', resource_id: IDS.room, selected_date: '04-Jun-2030' })).data,
		).toHaveLength(16);
		expect(
			(
				await bk('GET', 'availableslots', {
					service_id: IDS.consult,
					staff_id: IDS.asha,
					selected_date: '2030-06-04',
				})
			).json.response,
		).toEqual({
			status: 'failure',
			errormessage: 'Invalid selected_date. Expected format dd-MMM-yyyy',
		});
		expect(
			(await bk('GET', 'availableslots', { service_id: IDS.consult, selected_date: '04-Jun-2030' }))
				.json.response.status,
		).toBe('failure');
	});

	it('books from multipart form-data and keeps Zoho envelopes', async () => {
		const res = await book({
			from_time: '04-Jun-2030 10:00:00',
			notes: 'first visit',
			additional_fields: JSON.stringify({ company: 'Acme' }),
		});
		expect(res.status).toBe(200);
		expect(Object.keys(res.json.response)).toEqual(['returnvalue', 'status']);
		const a = rv(res);
		expect(a).toEqual(
			expect.objectContaining({
				booking_id: '#AN-00001',
				status: 'upcoming',
				service_id: IDS.consult,
				service_name: 'Consultation',
				staff_id: IDS.asha,
				staff_name: 'Asha Rao',
				customer_name: 'Jane Roe',
				customer_email: 'jane@example.com',
				customer_contact_no: '+15550100',
				customer_more_info: { company: 'Acme' },
				start_time: '04-Jun-2030 10:00:00',
				end_time: '04-Jun-2030 10:30:00',
				iso_start_time: '2030-06-04T10:00:00+05:30',
				duration: '30 mins',
				time_zone: 'Asia/Kolkata',
				notes: 'first visit',
				summary_url: expect.stringContaining('AN-00001'),
			}),
		);
		const rec = sb.findRequests({ pathPrefix: '/bookings/v1/json/appointment' })[0];
		expect(rec.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(rec.form?.customer_details).toBe(customer());
		expect(sb.bookings.appointments).toHaveLength(1);
		// Urlencoded works too; customer time zone is converted to the workspace zone.
		const london = rv(
			await book(
				{ staff_id: IDS.ravi, from_time: '04-Jun-2030 07:30:00', timezone: 'Europe/London' },
				'urlencoded',
			),
		);
		expect(london).toEqual(
			expect.objectContaining({
				start_time: '04-Jun-2030 12:00:00',
				customer_booking_start_time: '04-Jun-2030 07:30:00',
				customer_booking_time_zone: 'Europe/London',
			}),
		);
		// Resource booking with to_time.
		const room = rv(
			await book({
				staff_id: '',
				resource_id: IDS.room,
				from_time: '04-Jun-2030 13:15:00',
				to_time: '04-Jun-2030 14:45:00',
			}),
		);
		expect(room).toEqual(
			expect.objectContaining({
				resource_id: IDS.room,
				resource_name: 'Meeting Room 1',
				end_time: '04-Jun-2030 14:45:00',
			}),
		);
		expect(
			rv(await book({ staff_id: '', resource_id: IDS.room, from_time: '04-Jun-2030 14:00:00' })),
		).toEqual({
			status: 'failure',
			message: 'Slot not available',
		});
	});

	it('rejects bookings: nested failures for slot/staff, top-level for validation', async () => {
		await book({ from_time: '04-Jun-2030 10:00:00' });
		const nested = (r: { status: number; json: any }) => {
			expect(r.status).toBe(200);
			expect(r.json.response.status).toBe('success');
			return r.json.response.returnvalue;
		};
		expect(nested(await book({ from_time: '04-Jun-2030 10:00:00' }))).toEqual({
			status: 'failure',
			message: 'Slot not available',
		});
		expect(nested(await book({ from_time: '04-Jun-2030 18:00:00' })).message).toBe(
			'Slot not available',
		); // outside hours
		expect(nested(await book({ from_time: '04-Jun-2030 10:15:00' })).message).toBe(
			'Slot not available',
		); // off-grid
		expect(nested(await book({ from_time: '08-Jun-2030 10:00:00' })).message).toBe(
			'Slot not available',
		); // Saturday
		expect(nested(await book({ from_time: '03-Jun-2030 08:30:00' })).message).toBe(
			'Slot not available',
		); // past
		expect(nested(await book({ staff_id: '999', from_time: '04-Jun-2030 11:00:00' }))).toEqual({
			status: 'failure',
			message: 'Invalid staff',
		});
		expect(
			nested(
				await book({
					service_id: IDS.strategy,
					staff_id: IDS.meera,
					from_time: '04-Jun-2030 11:00:00',
				}),
			).status,
		).toBe('failure');
		const top = async (form: Record<string, string>) => {
			const r = await book(form);
			expect(r.status).toBe(200);
			expect(Object.keys(r.json.response)).toEqual(['status', 'errormessage']);
			expect(r.json.response.status).toBe('failure');
			return r.json.response.errormessage as string;
		};
		expect(
			await top({
				from_time: '04-Jun-2030 11:00:00',
				customer_details: JSON.stringify({ name: 'No Mail' }),
			}),
		).toBe('Customer email is mandatory');
		expect(await top({ from_time: '04-Jun-2030 11:00:00', customer_details: '{oops' })).toMatch(
			/customer_details/,
		);
		expect(await top({ from_time: '2030-06-04T11:00:00' })).toMatch(/from_time/);
		expect(await top({ from_time: '04-Jun-2030 11:00:00', service_id: '1' })).toBe(
			'Invalid service_id',
		);
		expect(await top({ from_time: '04-Jun-2030 11:00:00', timezone: 'Mars/Base' })).toBe(
			'Invalid timezone',
		);
		expect(await top({ from_time: '04-Jun-2030 11:00:00', staff_id: '' })).toMatch(
			/staff_id, resource_id or group_id/,
		);
		expect(sb.bookings.appointments).toHaveLength(1);
	});

	it('gets an appointment by URL-encoded booking id', async () => {
		await book({ from_time: '04-Jun-2030 10:00:00' });
		const res = await fetch(
			`${sb.urls.api}/bookings/v1/json/getappointment?booking_id=%23AN-00001`,
			{
				headers: { authorization: `Zoho-oauthtoken ${token}` },
			},
		);
		expect(((await res.json()) as any).response.returnvalue).toEqual(
			expect.objectContaining({ booking_id: '#AN-00001', staff_name: 'Asha Rao' }),
		);
		expect(rv(await bk('GET', 'getappointment', { booking_id: '#AN-00001' })).status).toBe(
			'upcoming',
		);
		expect((await bk('GET', 'getappointment', { booking_id: 'AN-00001' })).json).toEqual({
			response: { status: 'failure', errormessage: 'Invalid booking_id' },
		});
		expect((await bk('GET', 'getappointment')).json.response.status).toBe('failure');
	});

	it('fetches appointments from a multipart `data` JSON field, plain fields or urlencoded, with paging', async () => {
		for (let i = 0; i < 5; i++) {
			const staff = [IDS.asha, IDS.ravi, IDS.meera][i % 3];
			sb.bookings.book({
				staff_id: staff,
				start: `0${4 + Math.floor(i / 3)}-Jun-2030 1${i}:00:00`,
				customer: { name: `Cust ${i}`, email: `c${i}@example.com` },
			});
		}
		const fetchData = async (filters: Record<string, unknown>) =>
			bk('POST', 'fetchappointment', {}, { form: { data: JSON.stringify(filters) } });
		const p1 = rv(
			await fetchData({
				from_time: '04-Jun-2030 00:00:00',
				to_time: '05-Jun-2030 23:59:59',
				page: 1,
				per_page: 2,
			}),
		);
		expect(p1.response.map((a: any) => a.booking_id)).toEqual(['#AN-00001', '#AN-00002']);
		expect(p1).toEqual(expect.objectContaining({ next_page_available: true, page: 1 }));
		expect(p1.response[0].customer_more_info).toBeUndefined();
		const p3 = rv(await fetchData({ from_time: '04-Jun-2030 00:00:00', page: 3, per_page: 2 }));
		expect(p3.response.map((a: any) => a.booking_id)).toEqual(['#AN-00005']);
		expect(p3.next_page_available).toBe(false);
		expect(rv(await fetchData({})).response).toHaveLength(5); // default per_page 50
		expect(rv(await fetchData({ per_page: 500 })).response).toHaveLength(5); // clamped to 100
		expect(rv(await fetchData({ to_time: '04-Jun-2030 23:59:59' })).response).toHaveLength(3);
		expect(
			rv(await fetchData({ staff_id: IDS.ravi })).response.map((a: any) => a.booking_id),
		).toEqual(['#AN-00002', '#AN-00005']);
		expect(
			rv(await fetchData({ customer_email: 'C3@EXAMPLE' })).response.map((a: any) => a.booking_id),
		).toEqual(['#AN-00004']);
		expect(
			rv(await fetchData({ customer_name: 'cust', need_customer_more_info: 'true' })).response[0]
				.customer_more_info,
		).toEqual({});
		// Plain fields (multipart and urlencoded) work as a fallback.
		expect(
			rv(await bk('POST', 'fetchappointment', {}, { form: { staff_id: IDS.meera } })).response,
		).toHaveLength(1);
		expect(
			rv(
				await bk(
					'POST',
					'fetchappointment',
					{},
					{ form: { staff_id: IDS.meera }, encoding: 'urlencoded' },
				),
			).response,
		).toHaveLength(1);
		// Empty page, bad input.
		const none = rv(await fetchData({ from_time: '01-Jan-2031 00:00:00' }));
		expect(none).toEqual({ response: [], next_page_available: false, page: 1 });
		expect((await fetchData({ status: 'WHATEVER' })).json.response).toEqual({
			status: 'failure',
			errormessage: 'Invalid status',
		});
		expect(
			(await bk('POST', 'fetchappointment', {}, { form: { data: '{not json' } })).json.response
				.status,
		).toBe('failure');
		sb.bookings.emptyFetchStatus = 204;
		expect((await fetchData({ from_time: '01-Jan-2031 00:00:00' })).status).toBe(204);
	});

	it('parses a hand-written multipart body with a JSON `data` field', async () => {
		sb.bookings.book({
			start: '04-Jun-2030 09:00:00',
			customer: { name: 'Ünïcode "Q"', email: 'q@example.com' },
		});
		const boundary = '----sandboxBoundary42';
		const data = JSON.stringify({ customer_name: 'ünïcode "q"', per_page: 10 }, null, 2); // contains newlines and quotes
		const text = [
			`--${boundary}`,
			'Content-Disposition: form-data; name="data"',
			'',
			data,
			`--${boundary}--`,
			'',
		].join('\r\n');
		const r = await bk(
			'POST',
			'fetchappointment',
			{},
			{ raw: { type: `multipart/form-data; boundary=${boundary}`, text } },
		);
		expect(rv(r).response.map((a: any) => a.customer_name)).toEqual(['Ünïcode "Q"']);
		expect(sb.findRequests({ pathPrefix: '/bookings/v1/json/fetchappointment' })[0].form).toEqual({
			data,
		});
	});

	it('filters fetchappointment by status, including ONGOING and NO_SHOW', async () => {
		const past = sb.bookings.book({ start: '03-Jun-2030 09:00:00', staff_id: IDS.ravi });
		const now = sb.bookings.book({ start: '03-Jun-2030 09:00:00', staff_id: IDS.asha });
		sb.bookings.book({ start: '04-Jun-2030 09:00:00', status: 'cancel' });
		past.status = 'noshow';
		const by = async (status: string) =>
			rv(
				await bk('POST', 'fetchappointment', {}, { form: { data: JSON.stringify({ status }) } }),
			).response.map((a: any) => a.booking_id);
		expect(await by('NO_SHOW')).toEqual([past.booking_id]);
		expect(await by('ONGOING')).toEqual([now.booking_id]);
		expect(await by('UPCOMING')).toEqual([now.booking_id]);
		expect(await by('CANCEL')).toEqual(['#AN-00003']);
		expect(await by('COMPLETED')).toEqual([]);
	});

	it('updates status by the rules: cancel only upcoming, completed/noshow only after start', async () => {
		const a = rv(await book({ from_time: '04-Jun-2030 10:00:00' }));
		const upd = (action: string, id = a.booking_id) =>
			bk('POST', 'updateappointment', {}, { form: { booking_id: id, action } });
		const early = rv(await upd('completed'));
		expect(early).toEqual({
			status: 'failure',
			message: expect.stringMatching(/only after its start time/),
		});
		expect(rv(await upd('noshow')).status).toBe('failure');
		sb.bookings.setClock(() => new Date('2030-06-04T04:45:00Z')); // 10:15 IST, after the start
		expect(rv(await upd('completed')).status).toBe('completed');
		expect(rv(await upd('noshow')).status).toBe('noshow');
		expect(rv(await upd('cancel'))).toEqual({
			status: 'failure',
			message: expect.stringMatching(/Only upcoming/),
		});
		sb.bookings.setClock(() => MONDAY_0900);
		const b = rv(await book({ from_time: '04-Jun-2030 11:00:00' }));
		expect(rv(await upd('cancel', b.booking_id)).status).toBe('cancel');
		expect(sb.bookings.get(b.booking_id)?.status).toBe('cancel');
		expect(rv(await upd('cancel', b.booking_id)).status).toBe('failure');
		expect(rv(await upd('completed', b.booking_id)).message).toMatch(/cancelled/);
		expect((await slots({ selected_date: '04-Jun-2030' })).data).toContain('11:00'); // cancelled frees the slot
		expect((await upd('archive')).json.response).toEqual({
			status: 'failure',
			errormessage: expect.stringMatching(/Invalid action/),
		});
		expect(rv(await upd('cancel', '#AN-99999'))).toEqual({
			status: 'failure',
			message: 'Invalid booking_id',
		});
	});

	it('reschedules to a free slot or staff, and answers nested failures otherwise', async () => {
		const a = rv(await book({ from_time: '04-Jun-2030 10:00:00' }));
		await book({
			from_time: '04-Jun-2030 11:00:00',
			customer_details: customer('other@example.com'),
		});
		const move = (form: Record<string, string>) =>
			bk('POST', 'rescheduleappointment', {}, { form: { booking_id: a.booking_id, ...form } });
		expect(rv(await move({ start_time: '04-Jun-2030 11:00:00' }))).toEqual({
			status: 'failure',
			message: 'Slot not available',
		});
		expect(rv(await move({ start_time: '04-Jun-2030 17:00:00' })).message).toBe(
			'Slot not available',
		);
		const moved = rv(await move({ start_time: '04-Jun-2030 10:30:00' }));
		expect(moved).toEqual(
			expect.objectContaining({
				booking_id: a.booking_id,
				start_time: '04-Jun-2030 10:30:00',
				end_time: '04-Jun-2030 11:00:00',
			}),
		);
		const slotsNow = (await slots({ selected_date: '04-Jun-2030' })).data;
		expect(slotsNow).toContain('10:00');
		expect(slotsNow).not.toContain('10:30');
		const other = rv(await move({ staff_id: IDS.meera }));
		expect(other).toEqual(
			expect.objectContaining({
				staff_id: IDS.meera,
				staff_name: 'Meera Iyer',
				start_time: '04-Jun-2030 10:30:00',
			}),
		);
		expect(rv(await move({ staff_id: '999' })).message).toBe('Invalid staff');
		expect(rv(await move({})).status).toBe('failure');
		await bk(
			'POST',
			'updateappointment',
			{},
			{ form: { booking_id: a.booking_id, action: 'cancel' } },
		);
		expect(rv(await move({ start_time: '04-Jun-2030 12:00:00' })).message).toMatch(/Only upcoming/);
	});

	// Assumption: Bookings' over-quota answer is undocumented; the sandbox chose these words and shapes.
	it('enforces a daily limit (failure200 by default, http429 optional; assumption: wording); rejected calls change nothing', async () => {
		sb.bookings.setDailyLimit(3);
		await bk('GET', 'workspaces');
		await bk('GET', 'services', { workspace_id: '1' }); // failed calls count too
		await bk('GET', 'nosuch');
		await refresh(sb.issueRefreshToken({ clientId: CLIENT.clientId })); // token endpoint not counted
		const over = await book({ from_time: '04-Jun-2030 10:00:00' });
		expect(over.status).toBe(200);
		expect(over.json).toEqual({
			response: {
				status: 'failure',
				errormessage:
					'API Limit exceeded. You have reached the maximum API calls limit for the day.',
			},
		});
		expect(sb.bookings.appointments).toHaveLength(0);
		expect(sb.bookings.callsToday).toBe(3);
		sb.bookings.quotaStyle = 'http429';
		const r429 = await bk('GET', 'workspaces');
		expect(r429.status).toBe(429);
		expect(r429.json.response.errormessage).toMatch(/API Limit exceeded/);
		// The count resets at midnight (workspace time zone, sandbox clock).
		sb.bookings.setClock(() => new Date('2030-06-03T18:31:00Z')); // 00:01 IST Tuesday
		expect((await bk('GET', 'workspaces')).status).toBe(200);
		expect(sb.bookings.callsToday).toBe(1);
		sb.bookings.setDailyLimit(null);
		for (let i = 0; i < 4; i++) expect((await bk('GET', 'workspaces')).status).toBe(200);
	});

	it('is drivable through the control API and seeds demo data', async () => {
		const base = sb.urls.accounts('us').replace(/\/us$/, '');
		const ctl = async (cmd: string, body?: unknown) =>
			j(
				await fetch(
					`${base}/__sandbox/${cmd}`,
					body === undefined
						? {}
						: {
								method: 'POST',
								headers: { 'content-type': 'application/json' },
								body: JSON.stringify(body),
							},
				),
			);
		expect(await ctl('bookings-clock', { iso: MONDAY_0900.toISOString() })).toEqual({ ok: true });
		expect(await ctl('bookings-seed', { appointments: 4 })).toEqual({
			ok: true,
			appointments: ['#AN-00001', '#AN-00002', '#AN-00003', '#AN-00004'],
		});
		expect(sb.bookings.appointments[0].start_time).toBe('04-Jun-2030 10:00:00');
		const booked = await ctl('bookings-book', {
			start: '05-Jun-2030 15:00:00',
			staff_id: IDS.meera,
		});
		expect(booked.appointment).toEqual(
			expect.objectContaining({ booking_id: '#AN-00005', staff_id: IDS.meera }),
		);
		expect(await ctl('bookings-appointments')).toHaveLength(5);
		await ctl('bookings-daily-limit', { limit: 1, quotaStyle: 'http429' });
		await bk('GET', 'workspaces');
		expect((await bk('GET', 'workspaces')).status).toBe(429);
		expect(await ctl('bookings-stats')).toEqual({
			ok: true,
			callsToday: 1,
			totalCalls: 1,
			dailyLimit: 1,
		});
		await ctl('bookings-invalid-token-status', { status: 200 });
		expect(sb.bookings.invalidTokenStatus).toBe(200);
		expect((await ctl('bookings-nope', {})).ok).toBe(false);
		sb.reset();
		expect(sb.bookings.appointments).toHaveLength(0);
		expect(sb.bookings.services).toHaveLength(2);
		expect(sb.bookings.limit).toBeUndefined();
	});
});

describe('hostile faults', () => {
	const tokenUrl = () => `${sb.urls.accounts('us')}/oauth/v2/token`;
	const form = (params: Record<string, string>): RequestInit => ({
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(params).toString(),
	});

	it('hang: reads the request and never answers, on the API and at the token endpoint; close() drops it', async () => {
		const own = await startSandbox();
		own.injectFault({ server: 'api', kind: 'hang' });
		await expect(
			fetch(`${own.urls.api}/invoice/v3/organizations`, { signal: AbortSignal.timeout(300) }),
		).rejects.toThrow();
		expect(own.countRequests({ server: 'api' })).toBe(1);
		// The fault was one-shot: the next request is answered normally.
		expect((await fetch(`${own.urls.api}/invoice/v3/organizations`)).status).toBe(401);
		own.injectFault({ server: 'accounts', pathIncludes: '/oauth/v2/token', kind: 'hang' });
		const arrived = new Promise<void>((resolve) => (own.onRequest = () => resolve()));
		const outcome = fetch(
			`${own.urls.accounts('us')}/oauth/v2/token`,
			form({ grant_type: 'refresh_token' }),
		).then(
			() => 'answered',
			() => 'dropped',
		);
		await arrived;
		await own.close();
		expect(await outcome).toBe('dropped');
		expect(own.tokenEndpointCalls()).toBe(0);
	});

	it('hang: close() ends a hanging request (the client sees the connection drop)', async () => {
		const own = await startSandbox();
		own.injectFault({ server: 'people', kind: 'hang' });
		const arrived = new Promise<void>((resolve) => (own.onRequest = () => resolve()));
		const outcome = fetch(`${own.urls.people}/people/api/forms`).then(
			() => 'answered',
			() => 'dropped',
		);
		await arrived;
		await own.close();
		expect(await outcome).toBe('dropped');
	});

	it('trickle: headers at once, then a byte at a time, then the real answer', async () => {
		const token = await accessToken();
		sb.injectFault({ server: 'api', kind: 'trickle', intervalMs: 40, totalMs: 400 });
		const res = await fetch(`${sb.urls.api}/invoice/v3/organizations`, {
			headers: { authorization: `Zoho-oauthtoken ${token}` },
		});
		const headersAt = Date.now();
		expect(res.status).toBe(200);
		const text = await res.text();
		const trickled = sb.findRequests({ server: 'api', pathIncludes: '/organizations' }).pop()!;
		// The body took its 10 × 40 ms to finish, and the headers had come long before it ended
		// (sandbox timestamps; the same process clock as the client's).
		expect(trickled.answeredAt! - trickled.at).toBeGreaterThanOrEqual(400);
		expect(trickled.answeredAt! - headersAt).toBeGreaterThanOrEqual(300);
		expect(text.startsWith('          ')).toBe(true);
		expect(JSON.parse(text).organizations).toHaveLength(1);
	});

	it('trickle works at the token endpoint (the exchange happens, the answer is slow)', async () => {
		sb.injectFault({
			server: 'accounts',
			pathIncludes: '/oauth/v2/token',
			kind: 'trickle',
			intervalMs: 30,
			totalMs: 150,
		});
		const { status, json } = await exchange(sb.issueGrantCode({ clientId: CLIENT.clientId }));
		expect(status).toBe(200);
		expect(json.access_token).toMatch(/^1000\./);
		expect(sb.tokenEndpointCalls('authorization_code')).toBe(1);
	});

	it('echo: repeats the Authorization header, the query string and the body in every format', async () => {
		const code = sb.issueGrantCode({ clientId: CLIENT.clientId });
		sb.injectFault({ server: 'accounts', pathIncludes: '/oauth/v2/token', kind: 'echo' });
		const oauth = await fetch(`${tokenUrl()}?probe=q1`, {
			...form({
				grant_type: 'authorization_code',
				client_id: CLIENT.clientId,
				client_secret: CLIENT.clientSecret,
				code,
			}),
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: 'Zoho-oauthtoken 1000.echoed',
			},
		});
		expect(oauth.status).toBe(400);
		const body = await j(oauth);
		for (const field of [body.error, body.error_description]) {
			expect(field).toContain(CLIENT.clientSecret);
			expect(field).toContain(code);
			expect(field).toContain('probe=q1');
			expect(field).toContain('Zoho-oauthtoken 1000.echoed');
		}
		// The fault answered: the code was never exchanged.
		expect(sb.tokenEndpointCalls()).toBe(0);

		const headers = {
			authorization: 'Zoho-oauthtoken 1000.api',
			'content-type': 'application/json',
		};
		sb.injectFault({ server: 'api', kind: 'echo', status: 500 });
		const json = await fetch(`${sb.urls.api}/invoice/v3/contacts?x=1`, {
			method: 'POST',
			headers,
			body: '{"contact_name":"E"}',
		});
		expect(json.status).toBe(500);
		const jb = await j(json);
		expect(jb.code).toBe(4);
		expect(jb.message).toContain('1000.api');
		expect(jb.message).toContain('x=1');
		expect(jb.message).toContain('"contact_name":"E"');

		sb.injectFault({ server: 'api', kind: 'echo', format: 'text', status: 200 });
		const text = await fetch(`${sb.urls.api}/invoice/v3/contacts?y=2`, { headers });
		expect(text.status).toBe(200);
		expect(text.headers.get('content-type')).toContain('text/plain');
		expect(await text.text()).toMatch(/authorization=Zoho-oauthtoken 1000\.api query=y=2 body=$/);

		sb.injectFault({ server: 'people', kind: 'echo' });
		const people = await j(await fetch(`${sb.urls.people}/people/api/forms?z=3`, { headers }));
		expect(people.response.status).toBe(1);
		expect(people.response.errors.message).toContain('z=3');

		sb.injectFault({ server: 'api', kind: 'echo', format: 'bookings', status: 401 });
		const bookings = await fetch(`${sb.urls.api}/bookings/v1/json/workspaces`, { headers });
		expect(bookings.status).toBe(401);
		expect((await j(bookings)).response.errormessage).toContain('1000.api');
	});

	it('status: any status, body, content type and headers (token throttle with HTTP 400)', async () => {
		const denied =
			'{"error":"Access Denied","error_description":"You have made too many requests continuously. Please try again after some time."}';
		sb.injectFault({
			server: 'accounts',
			pathIncludes: '/oauth/v2/token',
			kind: 'status',
			status: 400,
			body: denied,
			headers: { 'x-probe': 'yes' },
			times: 2,
		});
		for (let i = 0; i < 2; i++) {
			const res = await fetch(tokenUrl(), form({ grant_type: 'refresh_token' }));
			expect(res.status).toBe(400);
			expect(res.headers.get('x-probe')).toBe('yes');
			expect(res.headers.get('content-type')).toContain('application/json');
			expect(await res.text()).toBe(denied);
		}
		sb.injectFault({
			server: 'api',
			kind: 'status',
			status: 401,
			body: '{"code":57,"message":"You are not authorized to perform this operation"}',
			times: Infinity,
		});
		for (let i = 0; i < 3; i++)
			expect((await fetch(`${sb.urls.api}/invoice/v3/organizations`)).status).toBe(401);
		sb.injectFault({
			server: 'people',
			kind: 'status',
			status: 502,
			body: '<html>x</html>',
			contentType: 'text/html',
		});
		const html = await fetch(`${sb.urls.people}/people/api/forms`);
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toBe('text/html');
		expect(() => sb.injectFault({ server: 'api', kind: 'nope' as never })).toThrow(
			'unknown fault kind',
		);
	});

	it('the token endpoint takes html (502) and reset faults', async () => {
		sb.injectFault({ server: 'accounts', pathIncludes: '/oauth/v2/token', kind: 'html' });
		const html = await fetch(tokenUrl(), form({ grant_type: 'refresh_token' }));
		expect(html.status).toBe(502);
		expect(await html.text()).toContain('502 Bad Gateway');
		sb.injectFault({ server: 'accounts', pathIncludes: '/oauth/v2/token', kind: 'reset' });
		await expect(fetch(tokenUrl(), form({ grant_type: 'refresh_token' }))).rejects.toThrow();
		expect(sb.findRequests({ server: 'accounts', pathIncludes: '/oauth/v2/token' })).toHaveLength(
			2,
		);
		expect(sb.tokenEndpointCalls()).toBe(0);
	});

	it('enforces People and Bookings scopes when asked (off by default)', async () => {
		const invoiceOnly = sb.issueAccessToken({
			clientId: CLIENT.clientId,
			scope: 'ZohoInvoice.contacts.ALL',
		});
		const withPeople = sb.issueAccessToken({
			clientId: CLIENT.clientId,
			scope: 'ZohoInvoice.contacts.ALL,ZOHOPEOPLE.forms.ALL',
		});
		const withBookings = sb.issueAccessToken({
			clientId: CLIENT.clientId,
			scope: 'zohobookings.data.CREATE',
		});
		const people = (t: string) =>
			fetch(`${sb.urls.people}/people/api/forms`, {
				headers: { authorization: `Zoho-oauthtoken ${t}` },
			});
		const bookings = (t: string) =>
			fetch(`${sb.urls.api}/bookings/v1/json/workspaces`, {
				headers: { authorization: `Zoho-oauthtoken ${t}` },
			});
		expect((await j(await people(invoiceOnly))).response.status).toBe(0);
		expect((await bookings(invoiceOnly)).status).toBe(200);
		sb.people.enforceScopes = true;
		sb.bookings.enforceScopes = true;
		const refused = await people(invoiceOnly);
		expect(refused.status).toBe(401);
		expect((await j(refused)).response.errors).toEqual({
			code: 7218,
			message: 'Invalid oauthscope',
		});
		expect((await j(await people(withPeople))).response.status).toBe(0);
		const bRefused = await bookings(invoiceOnly);
		expect(bRefused.status).toBe(401);
		expect((await j(bRefused)).response.errormessage).toBe('Invalid oauthscope');
		expect((await bookings(withBookings)).status).toBe(200);
		sb.reset();
		expect(sb.people.enforceScopes).toBe(false);
		expect(sb.bookings.enforceScopes).toBe(false);
	});

	it('revokeToken revokes a refresh token and the access tokens it issued', async () => {
		const rt = sb.issueRefreshToken({ clientId: CLIENT.clientId });
		const { json } = await refresh(rt);
		expect((await invoiceGet(json.access_token, '/organizations', null)).status).toBe(200);
		expect(sb.revokeToken(rt)).toBe(true);
		expect((await invoiceGet(json.access_token, '/organizations', null)).status).toBe(401);
		expect((await refresh(rt)).json.error).toBe('invalid_code');
		expect(sb.revokeToken('unknown')).toBe(false);
	});
});
