import type { INodeParameters } from 'n8n-workflow';
import type { World } from './world';
import { jsonOf, useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
});

const creates = (n: number, prefix: string) =>
	Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${i}` }));
const createParams = (options: INodeParameters): INodeParameters => ({
	resource: 'contact',
	operation: 'create',
	organizationId: ORG,
	contactName: '={{ $json.name }}',
	options,
});

function created(prefix: string): string[] {
	return w.sb.invoice
		.records('contacts', ORG)
		.map((c) => c.contact_name as string)
		.filter((name) => name.startsWith(prefix));
}

describe("pacing under Zoho Invoice's per-minute limit", () => {
	it('keeps to the limit it is given: no call refused, nothing lost or doubled', async () => {
		// 100 calls per 6 s in the sandbox (Zoho's 100 a minute, ten times faster) = 1000 a minute,
		// told to the node as the plan's limit.
		w.sb.invoice.setLimits({ perMinute: { limit: 100, windowMs: 6000 } });
		const result = await w.run(
			'oAuth2',
			createParams({ rateLimitPerMinute: 1000, parallelRequests: 5 }),
			{ items: creates(150, 'paced') },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(150);
		const posts = w.sb.findRequests({ server: 'api', method: 'POST' });
		// Not one 429: every call went through the first time.
		expect(posts.map((r) => r.status)).toEqual(posts.map(() => 201));
		expect(posts).toHaveLength(150);
		expect(created('paced').sort()).toEqual(
			creates(150, 'paced')
				.map((c) => c.name)
				.sort(),
		);
		// Never faster than the limit, in any 6 s window (not only the sandbox's fixed ones): the
		// bucket allows a burst of 5 plus 92 % of the rate, 5 + 92 = 97 calls. The bound is the
		// property itself, read from the sandbox's arrival times.
		const busiest = Math.max(
			...posts.map((p) => posts.filter((q) => q.at >= p.at && q.at < p.at + 6000).length),
		);
		expect(busiest).toBeLessThanOrEqual(100);
	});

	it('slows down when Zoho throttles anyway, then finishes without losing or doubling an item', async () => {
		w.sb.invoice.setLimits({ perMinute: { limit: 10, windowMs: 1000 } });
		const result = await w.run(
			'oAuth2',
			createParams({ rateLimitPerMinute: 6000, parallelRequests: 5, maxWaitSeconds: 60 }),
			{
				items: creates(40, 'adaptive'),
			},
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(40);
		const names = created('adaptive');
		expect(names).toHaveLength(40);
		expect(new Set(names).size).toBe(40);
		// How many calls the sandbox's windows refuse depends on timing; what must hold: 40 went
		// through, every other call was refused (429, code 44, not processed) and re-sent.
		const statuses = w.sb.findRequests({ server: 'api', method: 'POST' }).map((r) => r.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(40);
		expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
	});

	it("stays within Zoho's concurrent-request limit by lowering parallelism", async () => {
		w.sb.invoice.setLimits({ concurrency: { limit: 2 } });
		w.sb.invoice.setLatency(100);
		const result = await w.run('oAuth2', createParams({ parallelRequests: 10 }), {
			items: creates(30, 'parallel'),
		});
		w.sb.invoice.setLatency(0);
		expect(result.error).toBeUndefined();
		expect(created('parallel')).toHaveLength(30);
		const posts = w.sb.findRequests({ server: 'api', method: 'POST' });
		// The first 10 go out together: 2 pass, 8 are refused (code 1070) and lower the limiter to 2.
		expect(posts.slice(0, 10).map((r) => r.status)).toEqual([201, 201, ...Array(8).fill(429)]);
		expect(posts.map((r) => r.status).filter((s) => s === 201)).toHaveLength(30);
		expect(posts.map((r) => r.status).filter((s) => s !== 201 && s !== 429)).toEqual([]);
		// After that the node keeps to the limit, probing one above it now and then (one more slot
		// every 10 successes): never more than 3 in flight at the sandbox (arrival to answer).
		const later = posts.slice(10);
		const inFlightAt = (t: number) => later.filter((q) => q.at <= t && t < q.answeredAt!).length;
		expect(Math.max(...later.map((r) => inFlightAt(r.at)))).toBeLessThanOrEqual(3);
	});
});
