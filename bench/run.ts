/**
 * Benchmark of n8n-nodes-zoho-regional against n8n's own HTTP Request node with the same credential
 * (loaded from the n8n 2.8.4 in .cache/) and against plain axios (informational).
 * Run with `npm run bench` (builds dist first). Everything runs in this process against the local
 * Zoho sandbox, except the memory sides and the require timings, which get fresh child processes.
 *
 *   node bench/run.js [--quick] [--only calls,refresh,throughput,overhead,triggers,memory,footprint,queue]
 *                     [--queue-lines 2.8,2.41]
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureCalls } from './lib/calls';
import { measureFootprint } from './lib/footprint';
import { loadHttpRequestNode } from './lib/httpRequestNode';
import type { MemoryResult, SandboxInfo } from './lib/memory';
import { summarizeMemory } from './lib/memory';
import { measureOverhead } from './lib/overhead';
import { measureQueue, queueRows } from './lib/queue';
import { measureRefresh } from './lib/refresh';
import type { Row } from './lib/report';
import { fmt, table } from './lib/report';
import { measureThroughput } from './lib/throughput';
import { measureTriggers } from './lib/triggers';
import { startBench } from './lib/world';

const ROOT = path.resolve(__dirname, '..');
// queue skips itself (with the reason) where Redis, PostgreSQL or n8n are not installed.
const MEASURES = [
	'calls',
	'refresh',
	'throughput',
	'overhead',
	'triggers',
	'memory',
	'footprint',
	'queue',
];

interface Config {
	listRecords: number;
	creates: number;
	overheadCalls: number;
	overheadRound: number;
	memoryRecords: number;
	memoryRounds: number;
	requireRuns: number;
	latencyMs: number;
	latencyCalls: number;
	latencyRound: number;
}

const FULL: Config = {
	listRecords: 1000,
	creates: 1000,
	overheadCalls: 2000,
	overheadRound: 500,
	memoryRecords: 10_000,
	memoryRounds: 3,
	requireRuns: 5,
	latencyMs: 20,
	latencyCalls: 400,
	latencyRound: 100,
};
const QUICK: Config = {
	listRecords: 1000,
	creates: 200,
	overheadCalls: 400,
	overheadRound: 100,
	memoryRecords: 10_000,
	memoryRounds: 1,
	requireRuns: 2,
	latencyMs: 20,
	latencyCalls: 100,
	latencyRound: 50,
};

function log(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}

/** Starts the sandbox in its own process with `records` contacts; resolves with its URLs and tokens. */
async function sandboxProcess(records: number): Promise<{ info: SandboxInfo; stop(): void }> {
	const child = spawn(
		process.execPath,
		[
			'--require',
			path.join(ROOT, 'test/sandbox/register.js'),
			path.join(__dirname, 'lib/sandboxChild.ts'),
			String(records),
		],
		{
			cwd: ROOT,
			stdio: ['pipe', 'pipe', 'inherit'],
		},
	);
	const line = await new Promise<string>((resolve, reject) => {
		let buffer = '';
		child.stdout.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			const nl = buffer.indexOf('\n');
			if (nl >= 0) resolve(buffer.slice(0, nl));
		});
		child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
	});
	return { info: JSON.parse(line) as SandboxInfo, stop: () => void child.kill('SIGTERM') };
}

async function memoryInChildren(records: number, rounds: number): Promise<MemoryResult> {
	const sandbox = await sandboxProcess(records);
	try {
		const results: MemoryResult['rounds'] = [];
		for (let round = 0; round < rounds; round++) {
			for (const side of round % 2 === 0 ? ['node', 'baseline'] : ['baseline', 'node']) {
				const out = execFileSync(
					process.execPath,
					[
						'--require',
						path.join(ROOT, 'test/sandbox/register.js'),
						path.join(__dirname, 'lib/memory.ts'),
						side,
					],
					{
						cwd: ROOT,
						encoding: 'utf8',
						stdio: ['ignore', 'pipe', 'inherit'],
						env: { ...process.env, BENCH_SANDBOX: JSON.stringify(sandbox.info) },
					},
				);
				results.push(JSON.parse(out) as MemoryResult['rounds'][number]);
			}
		}
		return summarizeMemory(records, results);
	} finally {
		sandbox.stop();
	}
}

export async function main(argv: string[]): Promise<number> {
	const quick = argv.includes('--quick');
	const cfg = quick ? QUICK : FULL;
	const onlyAt = argv.indexOf('--only');
	const only = new Set(onlyAt >= 0 ? argv[onlyAt + 1].split(',') : MEASURES);
	const started = Date.now();
	const results: Record<string, unknown> = {
		startedAt: new Date().toISOString(),
		config: { ...cfg, quick },
		machine: {
			node: process.version,
			cpus: os.cpus().length,
			platform: `${os.platform()} ${os.arch()}`,
			loadavg: os.loadavg(),
		},
	};
	const rows: Row[] = [];
	const bench = await startBench();
	try {
		// Loaded only for the measures that compare with it (it pulls in much of n8n-nodes-base).
		const httpNode = ['calls', 'refresh', 'overhead'].some((m) => only.has(m))
			? loadHttpRequestNode()
			: { available: false as const, reason: 'not needed by the chosen measures' };
		results.httpRequestNode = httpNode;
		if (!httpNode.available) log(`HTTP Request node rows skipped: ${httpNode.reason}`);
		const useHttp = httpNode.available;
		const skipped = (measure: string): Row => ({
			measure,
			node: '—',
			baseline: `skipped: ${httpNode.available ? '' : httpNode.reason}`,
			target: '—',
			met: null,
		});

		if (only.has('calls')) {
			log(`1. calls per job (${cfg.listRecords} records per product)`);
			const calls = await measureCalls(bench, cfg.listRecords, undefined, { httpNode: useHttp });
			// People answers with no "more pages" flag: a full last page costs one more call to learn
			// it was the last. One record fewer shows the node's count without that ambiguity.
			calls.push(...(await measureCalls(bench, cfg.listRecords - 1, 'People')));
			results.calls = calls;
			for (const c of calls) {
				if (c.records !== cfg.listRecords) {
					rows.push({
						measure: `Calls: ${c.product}, list ${fmt.int(c.records)} (Return All; no full last page)`,
						node: String(c.nodeAll),
						baseline: String(c.baselineAll),
						target: `= ${c.minimum}`,
						met: c.nodeAll === c.minimum && c.nodeAllRecords === c.records,
					});
					continue;
				}
				const recordsNote = (n: number) => (n === c.records ? '' : ` (${n} records!)`);
				rows.push({
					measure: `Calls: ${c.product}, list ${fmt.int(c.records)} (Return All)`,
					node: `${c.nodeAll}${recordsNote(c.nodeAllRecords)}`,
					baseline: `${c.baselineAll}${recordsNote(c.baselineAllRecords)}`,
					target: `= ${c.minimum} (ceil ${c.records}/${c.maxPage})`,
					met: c.nodeAll === c.minimum && c.nodeAllRecords === c.records,
				});
				rows.push({
					measure: `Calls: ${c.product}, first 5 (Limit 5)`,
					node: `${c.nodeFirst5}${c.nodeFirst5Records === 5 ? '' : ` (${c.nodeFirst5Records} records!)`}`,
					baseline: String(c.baselineFirst5),
					target: '= 1',
					met: c.nodeFirst5 === 1 && c.nodeFirst5Records === 5,
				});
				if (c.product !== 'Invoice contacts') continue;
				const vs = `Calls: ${c.product}, list ${fmt.int(c.records)} (Return All) vs HTTP Request node (Pagination, per_page 200)`;
				if (!c.http) {
					rows.push(skipped(vs));
					continue;
				}
				rows.push({
					measure: vs,
					node: `${c.nodeAll}${recordsNote(c.nodeAllRecords)}`,
					baseline: `${c.http.all}${recordsNote(c.http.allRecords)} (${c.http.allItems} items, one per page)`,
					target: '≤ HTTP Request',
					met: c.nodeAll <= c.http.all && c.nodeAllRecords === c.records,
				});
				rows.push({
					measure: '  first 5 vs HTTP Request node (per_page 5, Limit Pages Fetched 1)',
					node: String(c.nodeFirst5),
					baseline: `${c.http.first5}${c.http.first5Records === 5 ? '' : ` (${c.http.first5Records} records!)`}`,
					target: '≤ HTTP Request',
					met: c.nodeFirst5 <= c.http.first5 && c.nodeFirst5Records === 5,
				});
			}
		}

		if (only.has('refresh')) {
			log('2. token refreshes (50 items, tokens expire at the 25th API request)');
			const r = await measureRefresh(bench, { httpNode: useHttp });
			results.refresh = r;
			rows.push({
				measure: `Token refreshes: ${r.items} items, token expires at request ${r.expireAtRequest}`,
				node: `${r.nodeRefreshes} (${r.nodeParallel} parallel)`,
				baseline: `${r.baselineRefreshes} (${r.baselineConcurrency} concurrent)`,
				target: '= 1',
				met: r.nodeRefreshes === 1,
			});
			rows.push({
				measure: '  items failed in that run',
				node: String(r.nodeFailedItems),
				baseline: `${r.baselineFailedItems}${r.baselineRefreshRefused ? ` (${r.baselineRefreshRefused} refreshes refused: 10/10 min)` : ''}`,
				target: '= 0',
				met: r.nodeFailedItems === 0,
			});
			const outcome = (x: (typeof r.runs)[number]) =>
				`${x.refreshes} refresh${x.refreshes === 1 ? '' : 'es'}${x.refused ? ` (${x.refused} refused)` : ''}, ${x.failedItems} failed`;
			const find = (client: string, credential: string) =>
				r.runs.find((x) => x.client === client && x.credential === credential);
			for (const [credential, label] of [
				['oAuth2', 'OAuth2 (Predefined: zohoRegionalOAuth2Api)'],
				['selfClient', 'Self Client (Predefined: zohoSelfClientApi)'],
			] as const) {
				const measure = `Token refresh vs HTTP Request node, ${label}`;
				const node = find('node', credential);
				const http = find('httpRequest', credential);
				if (!node || !http) {
					rows.push(skipped(measure));
					continue;
				}
				rows.push({
					measure,
					node: `${outcome(node)} (${node.concurrency})`,
					baseline: `${outcome(http)} (${http.concurrency})${http.storedTokenValid ? '' : '; stored token invalid'}`,
					target: '1 refresh, 0 failed',
					met: node.refreshes === 1 && node.failedItems === 0,
				});
			}
			const generic = find('httpRequest', 'genericOAuth2');
			if (generic) {
				rows.push({
					measure: "  HTTP Request, Generic → OAuth2 API (n8n's own credential, Zoho URLs)",
					node: '—',
					baseline: `${outcome(generic)}${generic.storedTokenValid ? '' : '; stored token invalid'}`,
					target: '—',
					met: null,
				});
			}
		}

		if (only.has('throughput')) {
			log(
				`3. throughput: ${cfg.creates} creates under 100 calls / 6 s (node side takes about a minute)`,
			);
			const t = await measureThroughput(bench, cfg.creates);
			results.throughput = t;
			const pacing = t.pacingOption
				? `${t.pacingOption}=${t.pacingValue}`
				: 'no pacing option; defaults';
			rows.push({
				measure: `Throughput: share of allowed rate, ${fmt.int(t.node.intended)} creates (node: ${pacing})`,
				node: `${fmt.pct(t.node.shareOfAllowedRate)} (${t.node.accepted} in ${t.node.seconds.toFixed(1)} s)`,
				baseline: `${fmt.pct(t.baseline.shareOfAllowedRate)} (${t.baseline.accepted} in ${t.baseline.seconds.toFixed(1)} s)`,
				target: '≥ 90 %',
				met: t.node.shareOfAllowedRate >= 0.9,
			});
			rows.push({
				measure: '  429s the user saw (node: error items; baseline: 429 responses)',
				node: `${t.node.user429} (${t.node.wire429} on the wire)`,
				baseline: `${t.baseline.user429} (${t.baseline.wire429} on the wire)`,
				target: '= 0',
				met: t.node.user429 === 0,
			});
			rows.push({
				measure: '  items lost / duplicated',
				node: `${t.node.lost} / ${t.node.duplicated}`,
				baseline: `${t.baseline.lost} / ${t.baseline.duplicated}`,
				target: '0 / 0',
				met: t.node.lost === 0 && t.node.duplicated === 0,
			});
		}

		if (only.has('overhead')) {
			log(
				`4. overhead: ${cfg.overheadCalls} GET /contacts/{id} per side, rounds of ${cfg.overheadRound}, sides rotated`,
			);
			const o = await measureOverhead(bench, cfg.overheadCalls, cfg.overheadRound, {
				httpNode: useHttp,
				nodeParallel: useHttp,
			});
			results.overhead = o;
			const perRound = `${fmt.int(cfg.overheadRound)} Get by ID per round, ${Math.round(o.calls / cfg.overheadRound)} rounds`;
			if (o.http) {
				rows.push({
					measure: `Time per call vs HTTP Request node, same OAuth2 credential (${perRound})`,
					node: `${fmt.ms(o.nodeMsPerCall)} (rounds median ${fmt.x(o.http.ratioMedianOfRounds)}; total ${fmt.x(o.http.ratio)})`,
					baseline: `${fmt.ms(o.http.httpMsPerCall)} (all items at once)`,
					target: '≤ 1.05× (median of rounds)',
					met: o.http.ratioMedianOfRounds <= 1.05,
				});
				if (o.http.nodeParallelMsPerCall !== undefined)
					rows.push({
						measure: '  same, node with Parallel Requests 10',
						node: `${fmt.ms(o.http.nodeParallelMsPerCall)} (rounds median ${fmt.x(o.http.ratioParallelMedianOfRounds!)})`,
						baseline: fmt.ms(o.http.httpMsPerCall),
						target: '—',
						met: null,
					});
			} else {
				rows.push(skipped('Time per call vs HTTP Request node'));
			}
			// Raw axios: informational (no n8n, keep-alive, no per-item parameter resolution).
			rows.push({
				measure: `Time per call vs raw axios, ${fmt.int(o.calls)} GET /contacts/{id} (ID from {{ $json.id }})`,
				node: `${fmt.ms(o.nodeMsPerCall)} (${fmt.x(o.ratio)}; rounds median ${fmt.x(o.ratioMedianOfRounds)})`,
				baseline: `${fmt.ms(o.baselineMsPerCall)} (sequential)`,
				target: '—',
				met: null,
			});
			rows.push({
				measure: '  same, fixed Contact ID (no expression per item)',
				node: `${fmt.ms(o.nodeFixedIdMsPerCall)} (${fmt.x(o.ratioFixedId)})`,
				baseline: fmt.ms(o.baselineMsPerCall),
				target: '—',
				met: null,
			});
			rows.push({
				measure: "  same, axios without keep-alive (new connection per call, like n8n's helper)",
				node: `${fmt.ms(o.nodeMsPerCall)} (${fmt.x(o.ratioVsNoKeepAlive)})`,
				baseline: fmt.ms(o.baselineNoKeepAliveMsPerCall),
				target: '—',
				met: null,
			});
			if (useHttp) {
				log(
					`4. overhead, Self Client credential: ${cfg.overheadCalls} calls per side, rounds of ${cfg.overheadRound}`,
				);
				const sc = await measureOverhead(bench, cfg.overheadCalls, cfg.overheadRound, {
					variants: false,
					httpNode: true,
					credential: 'selfClient',
				});
				results.overheadSelfClient = sc;
				rows.push({
					measure: `  same vs HTTP Request node, Self Client credential (${perRound})`,
					node: `${fmt.ms(sc.nodeMsPerCall)} (rounds median ${fmt.x(sc.http!.ratioMedianOfRounds)}; total ${fmt.x(sc.http!.ratio)})`,
					baseline: `${fmt.ms(sc.http!.httpMsPerCall)} (all items at once)`,
					target: '≤ 1.05× (median of rounds)',
					met: sc.http!.ratioMedianOfRounds <= 1.05,
				});
			}
			log(
				`4. overhead at ${cfg.latencyMs} ms server latency: ${cfg.latencyCalls} calls per side, rounds of ${cfg.latencyRound}`,
			);
			const l = await measureOverhead(bench, cfg.latencyCalls, cfg.latencyRound, {
				latencyMs: cfg.latencyMs,
				variants: false,
				httpNode: useHttp,
				nodeParallel: useHttp,
			});
			results.overheadAtLatency = { latencyMs: cfg.latencyMs, ...l };
			rows.push({
				measure: `  same, ${fmt.int(l.calls)} calls with ${cfg.latencyMs} ms sandbox latency, vs raw axios (sequential)`,
				node: `${fmt.ms(l.nodeMsPerCall)} (${fmt.x(l.ratio)})`,
				baseline: fmt.ms(l.baselineMsPerCall),
				target: '—',
				met: null,
			});
			if (l.http) {
				// Not a like-for-like ratio: HTTP Request overlaps all round trips (and would exceed
				// Zoho's 5/10 concurrent-call limit on a real account); the node paces them.
				rows.push({
					measure: `  same with ${cfg.latencyMs} ms latency vs HTTP Request node (all ${fmt.int(cfg.latencyRound)} at once)`,
					node: `${fmt.ms(l.nodeMsPerCall)}; Parallel Requests 10: ${fmt.ms(l.http.nodeParallelMsPerCall!)}`,
					baseline: fmt.ms(l.http.httpMsPerCall),
					target: '—',
					met: null,
				});
			}
		}
		if (only.has('triggers')) {
			log('6. polling triggers: calls of an idle poll, and of the polls that emit 1,000 changes');
			const triggers = await measureTriggers(bench, 1000);
			results.triggers = triggers;
			for (const t of triggers) {
				rows.push({
					measure: `${t.trigger}: idle poll`,
					node: `${t.idle} call${t.idle === 1 ? '' : 's'}`,
					baseline: '—',
					target: '1 call',
					met: t.idle === 1,
				});
				rows.push({
					measure: `  1,000 changes (emitted ${fmt.int(t.emitted)} in ${t.polls} polls)`,
					node: `${t.burst} calls`,
					baseline: '—',
					target: `≤ ${t.minimum} calls, all emitted once`,
					met: t.burst <= t.minimum && t.emitted === t.changes,
				});
			}
		}
	} finally {
		await bench.close();
	}

	if (only.has('memory')) {
		log(
			`4b. peak memory: Return All over ${fmt.int(cfg.memoryRecords)} contacts, fresh process per side, ${cfg.memoryRounds} rounds`,
		);
		const m = await memoryInChildren(cfg.memoryRecords, cfg.memoryRounds);
		results.memory = m;
		const calls = m.rounds.find((r) => r.side === 'node')?.calls;
		rows.push({
			measure: `Peak RSS Δ, Return All ${fmt.int(m.records)} contacts (${calls} calls)`,
			node: `${fmt.mb(m.node.peakRssDeltaMb)} (peak RSS ${fmt.mb(m.node.peakRssMb)})`,
			baseline: `${fmt.mb(m.baseline.peakRssDeltaMb)} (peak RSS ${fmt.mb(m.baseline.peakRssMb)})`,
			target: '—',
			met: null,
		});
		rows.push({
			measure: '  peak heap Δ / heap held at the end',
			node: `${fmt.mb(m.node.peakHeapDeltaMb)} / ${fmt.mb(m.node.heapHeldMb)}`,
			baseline: `${fmt.mb(m.baseline.peakHeapDeltaMb)} / ${fmt.mb(m.baseline.heapHeldMb)}`,
			target: '—',
			met: null,
		});
	}

	if (only.has('footprint')) {
		log(`5. footprint: npm pack, dependencies, require time (median of ${cfg.requireRuns})`);
		const f = measureFootprint(cfg.requireRuns);
		results.footprint = f;
		rows.push({
			measure: 'Packed tarball (npm pack)',
			node: `${fmt.kb(f.tarball.size)} (${f.tarball.files} files, ${fmt.kb(f.tarball.unpackedSize)} unpacked)`,
			baseline: '—',
			target: '—',
			met: null,
		});
		rows.push({
			measure: 'Runtime dependencies',
			node: String(f.runtimeDependencies),
			baseline: '—',
			target: '= 0',
			met: f.runtimeDependencies === 0,
		});
		rows.push({
			measure: 'Require + instantiate all nodes and credentials (baseline: built-in Zoho CRM node)',
			node: `${fmt.ms(f.require.packageMs)} (+ n8n-workflow ${fmt.ms(f.require.n8nWorkflowMs)})`,
			baseline:
				f.require.builtinZohoMs === undefined
					? 'n/a (.cache/n8n-2.8.4 missing)'
					: fmt.ms(f.require.builtinZohoMs),
			target: '—',
			met: null,
		});
	}

	if (only.has('queue')) {
		const at = argv.indexOf('--queue-lines');
		const lines = at >= 0 ? argv[at + 1].split(',') : ['2.8'];
		log(`7. queue mode (n8n ${lines.join(', ')}): main + 2 workers, about 3–4 minutes per line`);
		const q = await measureQueue(lines, log);
		results.queue = q;
		rows.push(...queueRows(q));
	}

	(results.machine as Record<string, unknown>).loadavgEnd = os.loadavg();
	results.rows = rows;
	results.seconds = (Date.now() - started) / 1000;
	writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	process.stdout.write(
		`\n${table(rows)}\n\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s; details in bench/results.json\n`,
	);
	return 0;
}
