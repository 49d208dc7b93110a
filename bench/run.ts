/**
 * Benchmark of n8n-nodes-zoho-regional against the HTTP Request node pattern (plain axios).
 * Run with `npm run bench` (builds dist first). Everything runs in this process against the local
 * Zoho sandbox, except the memory sides and the require timings, which get fresh child processes.
 *
 *   node bench/run.js [--quick] [--only calls,refresh,throughput,overhead,memory,footprint]
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureCalls } from './lib/calls';
import { measureFootprint } from './lib/footprint';
import type { MemoryResult, SandboxInfo } from './lib/memory';
import { summarizeMemory } from './lib/memory';
import { measureOverhead } from './lib/overhead';
import { measureRefresh } from './lib/refresh';
import type { Row } from './lib/report';
import { fmt, table } from './lib/report';
import { measureThroughput } from './lib/throughput';
import { startBench } from './lib/world';

const ROOT = path.resolve(__dirname, '..');
const MEASURES = ['calls', 'refresh', 'throughput', 'overhead', 'memory', 'footprint'];

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
		if (only.has('calls')) {
			log(`1. calls per job (${cfg.listRecords} records per product)`);
			const calls = await measureCalls(bench, cfg.listRecords);
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
			}
		}

		if (only.has('refresh')) {
			log('2. token refreshes (50 items, tokens expire at the 25th API request)');
			const r = await measureRefresh(bench);
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
			const o = await measureOverhead(bench, cfg.overheadCalls, cfg.overheadRound);
			results.overhead = o;
			rows.push({
				measure: `Time per call, ${fmt.int(o.calls)} GET /contacts/{id} (ID from {{ $json.id }})`,
				node: `${fmt.ms(o.nodeMsPerCall)} (${fmt.x(o.ratio)}; rounds median ${fmt.x(o.ratioMedianOfRounds)})`,
				baseline: fmt.ms(o.baselineMsPerCall),
				target: '≤ 1.15×',
				met: o.ratio <= 1.15,
			});
			rows.push({
				measure: '  same, fixed Contact ID (no expression per item)',
				node: `${fmt.ms(o.nodeFixedIdMsPerCall)} (${fmt.x(o.ratioFixedId)})`,
				baseline: fmt.ms(o.baselineMsPerCall),
				target: '≤ 1.15×',
				met: o.ratioFixedId <= 1.15,
			});
			rows.push({
				measure: "  same, baseline without keep-alive (new connection per call, like n8n's helper)",
				node: `${fmt.ms(o.nodeMsPerCall)} (${fmt.x(o.ratioVsNoKeepAlive)})`,
				baseline: fmt.ms(o.baselineNoKeepAliveMsPerCall),
				target: '—',
				met: null,
			});
			log(
				`4. overhead at ${cfg.latencyMs} ms server latency: ${cfg.latencyCalls} calls per side, rounds of ${cfg.latencyRound}`,
			);
			const l = await measureOverhead(bench, cfg.latencyCalls, cfg.latencyRound, {
				latencyMs: cfg.latencyMs,
				variants: false,
			});
			results.overheadAtLatency = { latencyMs: cfg.latencyMs, ...l };
			rows.push({
				measure: `  same, ${fmt.int(l.calls)} calls with ${cfg.latencyMs} ms sandbox latency (Zoho is slower)`,
				node: `${fmt.ms(l.nodeMsPerCall)} (${fmt.x(l.ratio)})`,
				baseline: fmt.ms(l.baselineMsPerCall),
				target: '≤ 1.15×',
				met: l.ratio <= 1.15,
			});
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

	results.rows = rows;
	results.seconds = (Date.now() - started) / 1000;
	writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	process.stdout.write(
		`\n${table(rows)}\n\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s; details in bench/results.json\n`,
	);
	return 0;
}
