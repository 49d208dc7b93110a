/**
 * The sandbox's `reply-headers` control command: extra headers on the real answers of one role
 * (used by the browser test to show the node's daily-quota hint from Zoho's x-rate-limit-* counter).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's JSON answers are read loosely here */
import { startSandbox, type Sandbox } from '../sandbox';

const ORG = '60012345678';
let sb: Sandbox;
let token: string;

beforeAll(async () => {
	sb = await startSandbox({ seed: true });
});

afterAll(async () => {
	await sb.close();
});

beforeEach(() => {
	sb.reset();
	token = sb.issueAccessToken({ clientId: 'demo-client-id' });
});

async function control(cmd: string, body: object = {}): Promise<any> {
	const res = await fetch(`${new URL(sb.urls.accounts('us')).origin}/__sandbox/${cmd}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(res.status).toBe(200);
	return await res.json();
}

async function invoiceGet(path: string): Promise<Response> {
	return await fetch(`${sb.urls.api}/invoice/v3${path}`, {
		headers: {
			authorization: `Zoho-oauthtoken ${token}`,
			'x-com-zoho-invoice-organizationid': ORG,
		},
	});
}

const COUNTER = { 'X-Rate-Limit-Limit': 5000, 'x-rate-limit-remaining': '412' };

describe('sandbox control reply-headers', () => {
	it('adds the headers to the real answers that match, keeping status and body', async () => {
		await control('reply-headers', { server: 'api', pathIncludes: '/contacts', headers: COUNTER });
		const contacts = await invoiceGet('/contacts?per_page=2');
		expect(contacts.status).toBe(200);
		expect(contacts.headers.get('x-rate-limit-limit')).toBe('5000');
		expect(contacts.headers.get('x-rate-limit-remaining')).toBe('412');
		const body = (await contacts.json()) as any;
		expect(body.code).toBe(0);
		expect(body.contacts.map((c: any) => c.contact_id)).toEqual([
			'460000000000000001',
			'460000000000000002',
		]);
		// Another path of the same role: untouched.
		const items = await invoiceGet('/items');
		expect(items.headers.get('x-rate-limit-remaining')).toBeNull();
		// Every match until cleared.
		expect((await invoiceGet('/contacts')).headers.get('x-rate-limit-remaining')).toBe('412');
		await control('clear-reply-headers');
		expect((await invoiceGet('/contacts')).headers.get('x-rate-limit-remaining')).toBeNull();
	});

	it('answers only the next `times` matches, errors included, and is gone after reset', async () => {
		await control('reply-headers', { headers: COUNTER, times: 1 });
		const missing = await invoiceGet('/contacts/460000000000999999');
		expect(missing.status).toBe(404);
		expect(missing.headers.get('x-rate-limit-remaining')).toBe('412');
		expect((await invoiceGet('/contacts')).headers.get('x-rate-limit-remaining')).toBeNull();

		await control('reply-headers', { headers: COUNTER });
		await control('reset');
		expect((await invoiceGet('/contacts')).headers.get('x-rate-limit-remaining')).toBeNull();
		// The requests were recorded as usual.
		expect(sb.countRequests({ server: 'api' })).toBe(1);
	});

	it('refuses an unknown server', async () => {
		const res = await fetch(`${new URL(sb.urls.accounts('us')).origin}/__sandbox/reply-headers`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ server: 'crm', headers: COUNTER }),
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as any).error).toBe('unknown server crm');
	});
});
