/**
 * Measure 4: the node's time per call against n8n's HTTP Request node with the same credential
 * (httpRequestNode.ts) and against raw axios to the same local endpoint, in rounds that rotate the
 * sides so machine noise hits all of them. (Memory: memory.ts.)
 */
import { client, getContact } from './baseline';
import { gc } from './gc';
import { getContactParameters } from './httpRequestNode';
import type { Bench, CredentialKind } from './world';
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
	/** n8n's HTTP Request node, same credential (absent when it could not be loaded). */
	http?: {
		credentialType: string;
		/** HTTP Request V3 starts every item's request at once (Promise.allSettled), no option limits it. */
		httpMsPerCall: number;
		ratio: number;
		/** Median of the per-round node/HTTP Request ratios: the figure the 1.05× target is read from. */
		ratioMedianOfRounds: number;
		roundRatios: number[];
		/** The node with Parallel Requests 10 (Zoho's paid-plan concurrency), when measured. */
		nodeParallelMsPerCall?: number;
		ratioParallel?: number;
		ratioParallelMedianOfRounds?: number;
	};
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function measureOverhead(
	bench: Bench,
	total: number,
	roundSize: number,
	opts: {
		latencyMs?: number;
		variants?: boolean;
		/** Add n8n's HTTP Request node as a side (it must be loaded). */
		httpNode?: boolean;
		/** Add the node with Parallel Requests 10 as a side. */
		nodeParallel?: boolean;
		/** The credential both nodes use (default OAuth2). */
		credential?: CredentialKind;
	} = {},
): Promise<OverheadResult> {
	const variants = opts.variants ?? true;
	const phase = bench.phase(
		`overhead${opts.latencyMs ? `-latency${opts.latencyMs}` : ''}`,
		opts.credential,
	);
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
	if (opts.httpNode) {
		const httpParams = getContactParameters(bench.sb.urls.api, phase.credentialType);
		sides.http = async (n) => {
			const r = await phase.runHttp(httpParams, { items: ids.slice(0, n).map((id) => ({ id })) });
			assertRan(r, 'overhead HTTP Request node');
			const out = itemsOf(r);
			const ok = out.filter(
				(j) => (j.contact as { contact_id?: unknown })?.contact_id !== undefined,
			);
			if (ok.length !== n) throw new Error(`overhead HTTP Request node: ${ok.length} contacts`);
		};
	}
	if (opts.nodeParallel) {
		sides.nodeParallel = async (n) => {
			const r = await phase.run(
				'zohoInvoice',
				{
					...params,
					contactId: '={{ $json.id }}',
					options: { ...params.options, parallelRequests: 10 },
				},
				{ items: ids.slice(0, n).map((id) => ({ id })) },
			);
			assertRan(r, 'overhead node (parallel 10)');
			if (itemsOf(r).length !== n)
				throw new Error(`overhead node (parallel 10): ${itemsOf(r).length} items`);
		};
	}
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
	const roundRatios = (a: string, b: string): number[] => {
		const out: number[] = [];
		for (let round = 0; round < nRounds; round++) {
			const inRound = rounds.slice(round * order.length, (round + 1) * order.length);
			out.push(
				inRound.find((r) => r.side === a)!.msPerCall / inRound.find((r) => r.side === b)!.msPerCall,
			);
		}
		return out;
	};
	const ratios = roundRatios('node', 'baseline');
	let http: OverheadResult['http'];
	if (sides.http) {
		const vsHttp = roundRatios('node', 'http');
		http = {
			credentialType: phase.credentialType,
			httpMsPerCall: perCall('http'),
			ratio: perCall('node') / perCall('http'),
			ratioMedianOfRounds: median(vsHttp),
			roundRatios: vsHttp,
			...(sides.nodeParallel
				? {
						nodeParallelMsPerCall: perCall('nodeParallel'),
						ratioParallel: perCall('nodeParallel') / perCall('http'),
						ratioParallelMedianOfRounds: median(roundRatios('nodeParallel', 'http')),
					}
				: {}),
		};
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
		...(http ? { http } : {}),
	};
}
