/**
 * Two n8n processes sharing one credential, modelled in one jest process: the second "worker" is
 * the package and n8n-core loaded again in an isolated module registry, so it has its own token
 * gate and limiters (as a separate process has), while both read and write the same credential
 * store (as queue-mode workers share n8n's database). The real queue-mode proof, with n8n's main,
 * two `n8n worker` processes, Redis and PostgreSQL, is test/e2e/queue.e2e.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';
import type * as Harness from '../harness';
import type { World } from './world';
import { SELF_CRED, jsonOf, useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
});

/** The harness (with n8n-core and the built package) loaded afresh: another process's memory. */
function otherProcess(): typeof Harness {
	let harness: typeof Harness | undefined;
	jest.isolateModules(() => {
		// Only require() can load inside isolateModules.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		harness = require('../harness') as typeof Harness;
		// Inside the isolated registry: the package's modules are required while it is in force.
		harness.loadPackage();
	});
	if (!harness) throw new Error('isolated harness did not load');
	return harness;
}

function tokenRequests(grant: string): number {
	return w.sb
		.findRequests({ server: 'accounts', pathIncludes: '/oauth/v2/token' })
		.filter((r) => r.form?.grant_type === grant).length;
}

describe('two workers, one Self Client credential with a fresh grant code', () => {
	it("the code is exchanged once; the worker whose exchange Zoho refuses as used reads the other's tokens back and fails nothing", async () => {
		const other = otherProcess();
		// Both exchanges reach Zoho at the same time: the sandbox holds the first until the second
		// has arrived, so each worker's gate has sent its own exchange.
		let held = 0;
		let release: () => void = () => {};
		const bothArrived = new Promise<void>((resolve) => (release = resolve));
		const answers: string[] = [];
		w.sb.overrideReplies({
			server: 'accounts',
			method: 'POST',
			pathIncludes: '/oauth/v2/token',
			match: (r) => r.form?.grant_type === 'authorization_code',
			times: 2,
			reply: async (r, real) => {
				held++;
				if (held === 2) release();
				// Bounded: a worker that never sends its exchange must fail the test, not hang it.
				let timer: NodeJS.Timeout | undefined;
				await Promise.race([
					bothArrived,
					new Promise((resolve) => (timer = setTimeout(resolve, 5000))),
				]);
				clearTimeout(timer);
				// The real token endpoint answers, one exchange after the other: the first wins.
				const reply = await real(r);
				const body = JSON.parse(reply.body) as IDataObject;
				answers.push(typeof body.error === 'string' ? body.error : 'tokens');
				return reply;
			},
		});
		const params = {
			authentication: 'selfClient',
			resource: 'contact',
			operation: 'create',
			organizationId: ORG,
			contactName: '={{ $json.name }}',
			options: { rateLimitPerMinute: 1_000_000 },
		};
		const items = Array.from({ length: 5 }, (_, i) => ({ name: `contact-${i}` }));
		const [here, there] = await Promise.all([
			w.run('selfClient', params, { items }),
			other.runNode({
				nodeType: 'zohoInvoice',
				parameters: params,
				credentials: { zohoSelfClientApi: SELF_CRED },
				store: w.store,
				inputItems: items,
			}),
		]);
		expect(here.error).toBeUndefined();
		expect(there.error).toBeUndefined();
		expect(jsonOf(here)).toHaveLength(5);
		expect(jsonOf(there)).toHaveLength(5);
		// Zoho saw the code twice (one exchange per process) and issued tokens once.
		expect({ held, answers }).toEqual({ held: 2, answers: expect.any(Array) });
		expect(tokenRequests('authorization_code')).toBe(2);
		expect(answers.sort()).toEqual(['invalid_code', 'tokens']);
		expect(tokenRequests('refresh_token')).toBe(0);
		// Every API call of both workers carried the one token that was issued.
		const stored = w.store.get(SELF_CRED.id).data as IDataObject;
		const calls = w.sb.findRequests({ server: 'api', pathIncludes: '/contacts' });
		expect(calls.map((c) => c.status)).toEqual(Array(10).fill(201));
		expect(new Set(calls.map((c) => c.headers.authorization))).toEqual(
			new Set([`Zoho-oauthtoken ${String(stored.accessToken)}`]),
		);
		expect(String(stored.obtainedRefreshToken)).toMatch(/^1000\./);
	});
});

describe("workers pacing to their share of Zoho Invoice's per-minute limit", () => {
	it('two workers with "Workers Sharing the Rate Limit" 2 stay within the limit together: no call refused', async () => {
		const other = otherProcess();
		// 100 calls per 6 s in the sandbox (Zoho's 100 a minute, ten times faster), told to both
		// workers as the plan's limit: each paces to 500 a minute.
		w.sb.invoice.setLimits({ perMinute: { limit: 100, windowMs: 6000 } });
		const create = (prefix: string) => ({
			resource: 'contact',
			operation: 'create',
			organizationId: ORG,
			contactName: '={{ $json.name }}',
			options: { rateLimitPerMinute: 1000, workersSharingRate: 2, parallelRequests: 5 },
			_items: prefix,
		});
		const items = (prefix: string) =>
			Array.from({ length: 100 }, (_, i) => ({ name: `${prefix}-${i}` }));
		const { _items: _a, ...hereParams } = create('a');
		const { _items: _b, ...thereParams } = create('b');
		const [here, there] = await Promise.all([
			w.run('oAuth2', hereParams, { items: items('a') }),
			other.runNode({
				nodeType: 'zohoInvoice',
				// The other worker uses the Self Client: a separate credential, the same organization.
				parameters: { authentication: 'selfClient', ...thereParams },
				credentials: { zohoSelfClientApi: SELF_CRED },
				store: w.store,
				inputItems: items('b'),
			}),
		]);
		expect(here.error).toBeUndefined();
		expect(there.error).toBeUndefined();
		const posts = w.sb.findRequests({ server: 'api', method: 'POST' });
		// Not one 429 on the wire (each worker paced alone to 1000 a minute gets ~20 refused).
		expect(posts.map((p) => p.status).filter((s) => s !== 201)).toEqual([]);
		expect(posts).toHaveLength(200);
		const names = w.sb.invoice.records('contacts', ORG).map((c) => String(c.contact_name));
		for (const prefix of ['a', 'b'])
			expect(names.filter((n) => n.startsWith(`${prefix}-`)).sort()).toEqual(
				items(prefix)
					.map((i) => i.name)
					.sort(),
			);
		// Together never faster than the limit in any 6 s window, read from the arrival times.
		const busiest = Math.max(
			...posts.map((p) => posts.filter((q) => q.at >= p.at && q.at < p.at + 6000).length),
		);
		expect(busiest).toBeLessThanOrEqual(100);
	});
});
