/**
 * Measure 4: the node's time per call against raw axios to the same local endpoint, in rounds that
 * alternate the sides so machine noise hits both. (Memory: memory.ts.)
 */
import { client, getContact } from './baseline';
import { gc } from './gc';
import type { Bench } from './world';
import { ORG_ID, UNPACED, assertRan, itemsOf } from './world';

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
	/** axios with a new TCP connection per call, as n8n's request helper does (no keep-alive). */
	baselineNoKeepAliveMsPerCall: number;
	ratio: number;
	ratioVsNoKeepAlive: number;
	ratioFixedId: number;
	/** Median of the per-round node/baseline ratios (rounds are adjacent in time). */
	ratioMedianOfRounds: number;
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function measureOverhead(
	bench: Bench,
	total: number,
	roundSize: number,
	opts: { latencyMs?: number; variants?: boolean } = {},
): Promise<OverheadResult> {
	const variants = opts.variants ?? true;
	const phase = bench.phase(`overhead${opts.latencyMs ? `-latency${opts.latencyMs}` : ''}`);
	const ids = bench.sb.invoice.seedContacts(roundSize).map((c) => String(c.contact_id));
	if (opts.latencyMs) bench.sb.invoice.setLatency(opts.latencyMs);
	const ax = client();
	const axNew = client(false);
	const token = phase.accessToken;
	const params = {
		resource: 'contact',
		operation: 'get',
		organizationId: ORG_ID,
		options: { rateLimitPerMinute: UNPACED },
	};

	const sides: Record<string, (n: number) => Promise<void>> = {
		node: async (n) => {
			const r = await phase.run(
				'zohoInvoice',
				{ ...params, contactId: '={{ $json.id }}' },
				{ items: ids.slice(0, n).map((id) => ({ id })) },
			);
			assertRan(r, 'overhead node');
			if (itemsOf(r).length !== n) throw new Error(`overhead node: ${itemsOf(r).length} items`);
		},
		baseline: async (n) => {
			for (let i = 0; i < n; i++) {
				const res = await getContact(ax, bench.sb, token, ids[i]);
				if (res.status !== 200) throw new Error(`overhead baseline: HTTP ${res.status}`);
			}
		},
	};
	if (variants) {
		sides.nodeFixedId = async (n) => {
			const r = await phase.run(
				'zohoInvoice',
				{ ...params, contactId: ids[0] },
				{ items: Array.from({ length: n }, () => ({})) },
			);
			assertRan(r, 'overhead node (fixed id)');
		};
		sides.baselineNoKeepAlive = async (n) => {
			for (let i = 0; i < n; i++) {
				const res = await getContact(axNew, bench.sb, token, ids[i]);
				if (res.status !== 200)
					throw new Error(`overhead baseline (no keep-alive): HTTP ${res.status}`);
			}
		};
	}
	// Warm-up (JIT, sockets), not counted.
	for (const run of Object.values(sides)) await run(Math.min(100, roundSize));

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
		if (rs.length === 0) return Number.NaN;
		return rs.reduce((a, r) => a + r.ms, 0) / rs.reduce((a, r) => a + r.calls, 0);
	};
	const ratios: number[] = [];
	for (let round = 0; round < nRounds; round++) {
		const inRound = rounds.slice(round * order.length, (round + 1) * order.length);
		ratios.push(
			inRound.find((r) => r.side === 'node')!.msPerCall /
				inRound.find((r) => r.side === 'baseline')!.msPerCall,
		);
	}
	bench.sb.clearRequests();
	bench.sb.invoice.setLatency(0);
	return {
		calls: nRounds * roundSize,
		rounds,
		nodeMsPerCall: perCall('node'),
		baselineMsPerCall: perCall('baseline'),
		nodeFixedIdMsPerCall: perCall('nodeFixedId'),
		baselineNoKeepAliveMsPerCall: perCall('baselineNoKeepAlive'),
		ratio: perCall('node') / perCall('baseline'),
		ratioVsNoKeepAlive: perCall('node') / perCall('baselineNoKeepAlive'),
		ratioFixedId: perCall('nodeFixedId') / perCall('baseline'),
		ratioMedianOfRounds: median(ratios),
	};
}
