/**
 * Measure 4b: peak memory of Return All over 10,000 Invoice contacts (50 pages). Each side runs in
 * a fresh process that holds only the client: the sandbox runs in another process
 * (sandboxChild.ts), and the baseline process never loads n8n.
 *   BENCH_SANDBOX='{"urls":…}' node --require ./test/sandbox/register.js bench/lib/memory.ts node|baseline
 */
import { client, getContact, invoiceListAll } from './baseline';
import { ORG_ID, UNPACED } from './constants';
import { gc } from './gc';

export interface MemorySummary {
	peakRssDeltaMb: number;
	peakRssMb: number;
	peakHeapDeltaMb: number;
	heapHeldMb: number;
}

export interface MemoryResult {
	records: number;
	rounds: Array<{
		side: string;
		peakRssDeltaMb: number;
		peakHeapDeltaMb: number;
		heapHeldMb: number;
		baseRssMb: number;
		peakRssMb: number;
		baseHeapMb: number;
		heapTotalBeforeMb: number;
		heapTotalPeakMb: number;
		records: number;
		calls: number;
	}>;
	node: MemorySummary;
	baseline: MemorySummary;
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const MB = 1024 * 1024;

async function sampled<T>(work: () => Promise<T>): Promise<{
	value: T;
	peakRss: number;
	peakHeap: number;
	baseRss: number;
	baseHeap: number;
	heapAfter: number;
	heapTotalBefore: number;
	heapTotalPeak: number;
}> {
	gc();
	gc();
	const base = process.memoryUsage();
	let peakRss = base.rss;
	let peakHeap = base.heapUsed;
	let heapTotalPeak = base.heapTotal;
	const sample = () => {
		const m = process.memoryUsage();
		peakRss = Math.max(peakRss, m.rss);
		peakHeap = Math.max(peakHeap, m.heapUsed);
		heapTotalPeak = Math.max(heapTotalPeak, m.heapTotal);
	};
	const timer = setInterval(sample, 2);
	try {
		const value = await work();
		sample();
		const heapAfter = process.memoryUsage().heapUsed;
		return {
			value,
			peakRss,
			peakHeap,
			baseRss: base.rss,
			baseHeap: base.heapUsed,
			heapAfter,
			heapTotalBefore: base.heapTotal,
			heapTotalPeak,
		};
	} finally {
		clearInterval(timer);
	}
}

export interface SandboxInfo {
	urls: { accounts: string; api: string; people: string };
	accessToken: string;
	refreshToken: string;
}

/**
 * One side of the memory measure, in a fresh process whose only work is the client: the sandbox
 * runs in another process (sandboxChild.ts), so its 10,000 records are not counted.
 */
export async function memoryOneSide(
	side: string,
	info: SandboxInfo,
): Promise<MemoryResult['rounds'][number]> {
	const urls = { accounts: () => info.urls.accounts, api: info.urls.api, people: info.urls.people };
	const target = { urls };
	let run: () => Promise<number>;
	let warm: () => Promise<unknown>;
	if (side === 'node') {
		// Loaded only on the node side: n8n-core and the package are part of the node's cost.
		/* eslint-disable @typescript-eslint/no-require-imports */
		const { CredentialStore, loadPackage, runNode } =
			require('../../test/harness') as typeof import('../../test/harness');
		const { assertRan, credentialData, itemsOf } = require('./world') as typeof import('./world');
		/* eslint-enable @typescript-eslint/no-require-imports */
		loadPackage();
		const store = new CredentialStore();
		const ref = { id: 'bench-memory', name: 'Zoho bench memory' };
		store.add({
			...ref,
			type: 'zohoRegionalOAuth2Api',
			data: credentialData(urls, info.accessToken, info.refreshToken),
		});
		const list = (extra: Record<string, unknown>) =>
			runNode({
				nodeType: 'zohoInvoice',
				parameters: {
					authentication: 'oAuth2',
					resource: 'contact',
					operation: 'getAll',
					organizationId: ORG_ID,
					options: { rateLimitPerMinute: UNPACED },
					...extra,
				},
				credentials: { zohoRegionalOAuth2Api: ref },
				store,
			});
		warm = async () => assertRan(await list({ returnAll: false, limit: 5 }), 'memory warm-up');
		run = async () => {
			const r = await list({ returnAll: true });
			assertRan(r, 'memory node');
			return itemsOf(r).length;
		};
	} else {
		const ax = client();
		warm = async () => await getContact(ax, target, info.accessToken, '1');
		run = async () => {
			const r = await invoiceListAll(ax, target, info.accessToken);
			return r.records.length;
		};
	}
	// Warm the code paths first, so the peak is the records and not loading or compiling code.
	await warm();
	await warm();
	const control = client();
	const origin = new URL(info.urls.accounts).origin;
	await control.post(`${origin}/__sandbox/clear-requests`, {});
	const m = await sampled(run);
	const stats = await control.post(`${origin}/__sandbox/stats`, {});
	const calls = Number(stats.data.requests);
	return {
		side,
		peakRssDeltaMb: (m.peakRss - m.baseRss) / MB,
		peakHeapDeltaMb: (m.peakHeap - m.baseHeap) / MB,
		heapHeldMb: (m.heapAfter - m.baseHeap) / MB,
		baseRssMb: m.baseRss / MB,
		peakRssMb: m.peakRss / MB,
		baseHeapMb: m.baseHeap / MB,
		heapTotalBeforeMb: m.heapTotalBefore / MB,
		heapTotalPeakMb: m.heapTotalPeak / MB,
		records: m.value,
		calls,
	};
}

export function summarizeMemory(records: number, rounds: MemoryResult['rounds']): MemoryResult {
	const summary = (side: string) => {
		const rs = rounds.filter((r) => r.side === side);
		return {
			peakRssDeltaMb: median(rs.map((r) => r.peakRssDeltaMb)),
			peakRssMb: median(rs.map((r) => r.peakRssMb)),
			peakHeapDeltaMb: median(rs.map((r) => r.peakHeapDeltaMb)),
			heapHeldMb: median(rs.map((r) => r.heapHeldMb)),
		};
	};
	return { records, rounds, node: summary('node'), baseline: summary('baseline') };
}

if (require.main === module) {
	memoryOneSide(process.argv[2], JSON.parse(process.env.BENCH_SANDBOX ?? '{}') as SandboxInfo).then(
		(round) => {
			process.stdout.write(JSON.stringify(round));
			process.exit(0);
		},
		(error: Error) => {
			process.stderr.write(`${error.stack ?? error.message}\n`);
			process.exit(1);
		},
	);
}
