/**
 * Odd and oversized answers (hardening items 14 and 15): a JSON answer that is not an object never
 * reaches the user as a bare `json: 42`; a 200 KB error text is cut short and does not stall the
 * event loop; `..;` path segments are refused before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import { isolate, ORG, runAs } from './hostileKit';
import { findLeaks } from './secretWalk';
import type { Auth, World } from './world';
import { jsonOf, useWorld } from './world';

const world = useWorld(3);
let w: World;
beforeEach(() => {
	w = world();
});

const flows: Auth[] = ['oAuth2', 'selfClient'];
const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };

const customCall = (extra: IDataObject = {}) => ({
	resource: 'customApiCall',
	operation: 'request',
	method: 'POST',
	path: '/contacts/odd',
	organizationId: ORG,
	bodyFormat: 'none',
	...extra,
});

function apiRequests(): number {
	return w.sb.countRequests({ server: 'api', pathIncludes: '/contacts/odd' });
}

describe.each(flows)('odd JSON answers with %s', (auth) => {
	it.each([
		['42', 'a number'],
		['"just text"', 'a string'],
		['true', 'a boolean'],
		['null', 'null'],
	])('a 200 answer of %s is an error naming what came back, sent once', async (body, kind) => {
		const refs = isolate(w);
		w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/contacts/odd',
			reply: { status: 200, body, headers: JSON_TYPE },
		});
		const result = await runAs(w, refs, auth, customCall(), { continueOnFail: true });
		const [out] = jsonOf(result);
		expect(out.error).toBe(
			`Zoho Invoice: Zoho Invoice answered with ${kind} where a JSON object was expected [HTTP 200]`,
		);
		expect(apiRequests()).toBe(1);
	});

	it('a list answer becomes one item per entry, scalars wrapped as { value }', async () => {
		const refs = isolate(w);
		w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/contacts/odd',
			reply: { status: 200, body: '[{"a":1},2,"x"]', headers: JSON_TYPE },
		});
		const result = await runAs(w, refs, auth, customCall());
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ a: 1 }, { value: 2 }, { value: 'x' }]);
	});
});

describe('oversized error texts', () => {
	const huge = 'x'.repeat(200_000);

	it.each(flows)('a 200 KB API error message is cut short (%s)', async (auth) => {
		const refs = isolate(w);
		w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/contacts/odd',
			reply: { status: 400, body: JSON.stringify({ code: 1, message: huge }), headers: JSON_TYPE },
		});
		const result = await runAs(w, refs, auth, customCall(), { continueOnFail: true });
		const [out] = jsonOf(result);
		expect(String(out.error).length).toBeLessThan(700);
		expect(String(out.description ?? '').length).toBeLessThan(1200);
		expect(JSON.stringify(out).length).toBeLessThan(3000);
	});

	it('a 200 KB `error` field from the token endpoint is cut short and holds no secret (Self Client)', async () => {
		const refs = isolate(w);
		w.sb.injectFault({
			server: 'accounts',
			kind: 'status',
			pathIncludes: '/oauth/v2/token',
			status: 200,
			body: JSON.stringify({ error: `invalid_code ${huge}`, error_description: huge }),
		});
		// The property is "does not stall": the event loop stays free, so a timer fires on time.
		const started = Date.now();
		const result = await runAs(w, refs, 'selfClient', customCall(), { continueOnFail: true });
		expect(Date.now() - started).toBeLessThan(5000);
		const [out] = jsonOf(result);
		expect(String(out.error)).toMatch(/^Zoho Accounts refused the token request: invalid_code x+…/);
		expect(String(out.error).length).toBeLessThan(800);
		expect(findLeaks(result.executionData, w.secrets)).toEqual([]);
		expect(apiRequests()).toBe(0);
	});

	it('a 200 KB answer of repeated quota-like words is classified in linear time', async () => {
		const refs = isolate(w);
		const words = 'limit exceeded per day locked threshold '.repeat(5000);
		w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/contacts/odd',
			reply: { status: 400, body: JSON.stringify({ code: 1, message: words }), headers: JSON_TYPE },
		});
		const started = Date.now();
		const result = await runAs(w, refs, 'oAuth2', customCall(), { continueOnFail: true });
		// The property is "no super-linear regex": a backtracking one would take minutes here.
		expect(Date.now() - started).toBeLessThan(5000);
		expect(jsonOf(result)[0].error).toMatch(/^Zoho Invoice: limit exceeded/);
	});
});

describe('path parameters that hide dot segments', () => {
	it.each(['/contacts/..;/..;/oauth/v2/token', '/..;x/settings', '/contacts/%2e%2e;/x'])(
		'refuses %s with zero requests',
		async (path) => {
			const refs = isolate(w);
			const result = await runAs(
				w,
				refs,
				'oAuth2',
				{ ...customCall(), method: 'GET', path },
				{ continueOnFail: true },
			);
			expect(jsonOf(result)[0].error).toMatch(
				/The path was refused before sending: it contains \. or \.\. segments/,
			);
			expect(w.sb.requests).toHaveLength(0);
		},
	);
});
