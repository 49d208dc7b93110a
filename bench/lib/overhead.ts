/**
 * Measure 4: the node's time per call against raw axios to the same local endpoint, in rounds that
 * alternate the sides so machine noise hits both; and peak memory of Return All over 10,000 records.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { client, getContact, invoiceListAll } from './baseline';
import type { Bench } from './world';
import { ORG_ID, UNPACED, assertRan, itemsOf } from './world';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export interface OverheadRound {
	side: string;
	calls: number;
	ms: number;
	msPerCall: number;
}

export interface OverheadResult {
	calls: number;
	rounds: OverheadRound[];
	nodeMsPerCall: number;
	baselineMsPerCall: number;
	nodeFixedIdMsPerCall: number;
	ratio: number;
	ratioFixedId: number;
	/** Median of the per-round node/baseline ratios (rounds are adjacent in time). */
	ratioMedianOfRounds: number;
}

export interface MemoryResult {
	records: number;
	rounds: Array<{ side: string; peakRssDeltaMb: number; peakHeapDeltaMb: number; heapHeldMb: number; records: number; calls: number }>;
	node: { peakRssDeltaMb: number; peakHeapDeltaMb: number; heapHeldMb: number };
	baseline: { peakRssDeltaMb: number; peakHeapDeltaMb: number; heapHeldMb: number };
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function measureOverhead(bench: Bench, total: number, roundSize: number): Promise<OverheadResult> {
	const phase = bench.phase('overhead');
	const ids = bench.sb.invoice.seedContacts(roundSize).map((c) => String(c.contact_id));
	const ax = client();
	const token = phase.accessToken;
	const params = { resource: 'contact', operation: 'get', organizationId: ORG_ID, options: { rateLimitPerMinute: UNPACED } };

	const sides: Record<string, (n: number) => Promise<void>> = {
		node: async (n) => {
			const r = await phase.run('zohoInvoice', { ...params, contactId: '={{ $json.id }}' }, { items: ids.slice(0, n).map((id) => ({ id })) });
			assertRan(r, 'overhead node');
			if (itemsOf(r).length !== n) throw new Error(`overhead node: ${itemsOf(r).length} items`);
		},
		baseline: async (n) => {
			for (let i = 0; i < n; i++) {
				const res = await getContact(ax, bench.sb, token, ids[i]);
				if (res.status !== 200) throw new Error(`overhead baseline: HTTP ${res.status}`);
			}
		},
		nodeFixedId: async (n) => {
			const r = await phase.run('zohoInvoice', { ...params, contactId: ids[0] }, { items: Array.from({ length: n }, () => ({})) });
			assertRan(r, 'overhead node (fixed id)');
		},
	};
	// Warm-up (JIT, sockets), not counted.
	for (const run of Object.values(sides)) await run(100);

	const rounds: OverheadRound[] = [];
	const order = Object.keys(sides);
	const nRounds = Math.max(1, Math.round(total / roundSize));
	for (let round = 0; round < nRounds; round++) {
		// Rotate the order every round (ABC, BCA, CAB, …) so no side always runs first.
		for (let k = 0; k < order.length; k++) {
			const side = order[(round + k) % order.length];
			bench.sb.clearRequests();
			gc();
			const t0 = process.hrtime.bigint();
			await sides[side](roundSize);
			const ms = Number(process.hrtime.bigint() - t0) / 1e6;
			rounds.push({ side, calls: roundSize, ms, msPerCall: ms / roundSize });
		}
	}
	const perCall = (side: string) => {
		const rs = rounds.filter((r) => r.side === side);
		return rs.reduce((a, r) => a + r.ms, 0) / rs.reduce((a, r) => a + r.calls, 0);
	};
	const ratios: number[] = [];
	for (let round = 0; round < nRounds; round++) {
		const inRound = rounds.slice(round * order.length, (round + 1) * order.length);
		ratios.push(inRound.find((r) => r.side === 'node')!.msPerCall / inRound.find((r) => r.side === 'baseline')!.msPerCall);
	}
	bench.sb.clearRequests();
	return {
		calls: nRounds * roundSize,
		rounds,
		nodeMsPerCall: perCall('node'),
		baselineMsPerCall: perCall('baseline'),
		nodeFixedIdMsPerCall: perCall('nodeFixedId'),
		ratio: perCall('node') / perCall('baseline'),
		ratioFixedId: perCall('nodeFixedId') / perCall('baseline'),
		ratioMedianOfRounds: median(ratios),
	};
}

const MB = 1024 * 1024;

async function sampled<T>(work: () => Promise<T>): Promise<{ value: T; peakRss: number; peakHeap: number; baseRss: number; baseHeap: number; heapAfter: number }> {
	gc();
	gc();
	const base = process.memoryUsage();
	let peakRss = base.rss;
	let peakHeap = base.heapUsed;
	const sample = () => {
		const m = process.memoryUsage();
		peakRss = Math.max(peakRss, m.rss);
		peakHeap = Math.max(peakHeap, m.heapUsed);
	};
	const timer = setInterval(sample, 2);
	try {
		const value = await work();
		sample();
		const heapAfter = process.memoryUsage().heapUsed;
		return { value, peakRss, peakHeap, baseRss: base.rss, baseHeap: base.heapUsed, heapAfter };
	} finally {
		clearInterval(timer);
	}
}

/** One side of the memory measure, in this (fresh) process: see memoryChild in run.ts. */
export async function memoryOneSide(bench: Bench, side: string, records: number): Promise<MemoryResult['rounds'][number]> {
	const phase = bench.phase('memory');
	bench.sb.invoice.seedContacts(records);
	const ax = client();
	// Warm the code paths on a small list first, so the peak is the records and not compilation.
	bench.sb.clearRequests();
	if (side === 'node') {
		assertRan(await phase.run('zohoInvoice', { resource: 'contact', operation: 'getAll', returnAll: false, limit: 5, organizationId: ORG_ID, options: { rateLimitPerMinute: UNPACED } }), 'memory warm-up');
	} else await getContact(ax, bench.sb, phase.accessToken, String(bench.sb.invoice.records('contacts')[0].contact_id));
	bench.sb.clearRequests();
	const m = await sampled(async () => {
		if (side === 'node') {
			const r = await phase.run('zohoInvoice', {
				resource: 'contact',
				operation: 'getAll',
				returnAll: true,
				organizationId: ORG_ID,
				options: { rateLimitPerMinute: UNPACED },
			});
			assertRan(r, 'memory node');
			return itemsOf(r).length;
		}
		return (await invoiceListAll(ax, bench.sb, phase.accessToken)).records.length;
	});
	return {
		side,
		peakRssDeltaMb: (m.peakRss - m.baseRss) / MB,
		peakHeapDeltaMb: (m.peakHeap - m.baseHeap) / MB,
		heapHeldMb: (m.heapAfter - m.baseHeap) / MB,
		records: m.value,
		calls: bench.sb.countRequests({ server: 'api' }),
	};
}

export function summarizeMemory(records: number, rounds: MemoryResult['rounds']): MemoryResult {
	const summary = (side: string) => {
		const rs = rounds.filter((r) => r.side === side);
		return {
			peakRssDeltaMb: median(rs.map((r) => r.peakRssDeltaMb)),
			peakHeapDeltaMb: median(rs.map((r) => r.peakHeapDeltaMb)),
			heapHeldMb: median(rs.map((r) => r.heapHeldMb)),
		};
	};
	return { records, rounds, node: summary('node'), baseline: summary('baseline') };
}
