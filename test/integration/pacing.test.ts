import type { INodeParameters } from 'n8n-workflow';
import type { World } from './world';
import { jsonOf, useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
});

const creates = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ name: `${prefix}-${i}` }));
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

describe('pacing under Zoho Invoice\'s per-minute limit', () => {
	it('keeps to the limit it is given: no call refused, nothing lost or doubled', async () => {
		// 100 calls per 6 s in the sandbox (Zoho's 100 a minute, ten times faster) = 1000 a minute,
		// told to the node as the plan's limit.
		w.sb.invoice.setLimits({ perMinute: { limit: 100, windowMs: 6000 } });
		const started = Date.now();
		const result = await w.run('oAuth2', createParams({ rateLimitPerMinute: 1000, parallelRequests: 5 }), { items: creates(150, 'paced') });
		const seconds = (Date.now() - started) / 1000;
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(150);
		const posts = w.sb.findRequests({ server: 'api', method: 'POST' });
		expect(posts).toHaveLength(150); // not one 429: every call went through the first time
		expect(created('paced').sort()).toEqual(creates(150, 'paced').map((c) => c.name).sort());
		// 150 calls at 92 % of 16.7 a second after a burst of 5: about 9.5 s; never faster than the limit.
		expect(seconds).toBeGreaterThan(8);
	});

	it('slows down when Zoho throttles anyway, then finishes without losing or doubling an item', async () => {
		w.sb.invoice.setLimits({ perMinute: { limit: 10, windowMs: 1000 } });
		const result = await w.run('oAuth2', createParams({ rateLimitPerMinute: 6000, parallelRequests: 5, maxWaitSeconds: 60 }), {
			items: creates(40, 'adaptive'),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(40);
		const names = created('adaptive');
		expect(names).toHaveLength(40);
		expect(new Set(names).size).toBe(40);
	});

	it('stays within Zoho\'s concurrent-request limit by lowering parallelism', async () => {
		w.sb.invoice.setLimits({ concurrency: { limit: 2 } });
		w.sb.invoice.setLatency(100);
		const result = await w.run('oAuth2', createParams({ parallelRequests: 10 }), { items: creates(30, 'parallel') });
		w.sb.invoice.setLatency(0);
		expect(result.error).toBeUndefined();
		expect(created('parallel')).toHaveLength(30);
		const refused = w.sb.findRequests({ server: 'api', method: 'POST' }).length - 30;
		// The limiter learns from the first 1070 answers; most calls then go through first time.
		expect(refused).toBeLessThan(15);
	});
});
