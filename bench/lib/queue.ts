/**
 * Measure 7 (`--only queue`): issue 14's proof on n8n's real queue mode, reported as figures. Per
 * n8n line (default 2.8; `--queue-lines 2.8,2.41`): one main and two workers (`--concurrency=5`) on
 * PostgreSQL and Redis, the package installed from its tarball, the sandbox in its own process
 * behind two forwarders; the runs are those of test/e2e/queue.e2e.test.ts (bench/lib/queueKit.ts),
 * with the Create node on continue-on-fail so a failed item is counted instead of failing its
 * execution:
 *  1. 20 executions × 25 creates on one OAuth2 credential, every access token expired at the 250th;
 *  2. a Self Client with a fresh grant code, 10 executions at once (both workers' exchanges reach
 *     Zoho together);
 *  3. 1,000 creates (10 executions × 100, five on each worker) under 100 calls per 5 s, the node
 *     told 1,200 a minute, with Workers Sharing the Rate Limit 2, and then 1 (the default).
 * Skipped, with the reason, when Redis/PostgreSQL or the line's n8n are not installed (nothing is
 * installed here: `npm run e2e:install`, apt-get) or dist/ is stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as runtime from '../../scripts/n8n-runtime';
import type { N8nLine } from '../../scripts/n8n-runtime';
import { findQueueServices } from '../../scripts/queue-services';
import type { CreatesRun, QueueLine, QueueWorld } from './queueKit';
import type { Row } from './report';
import { fmt } from './report';
import {
	failedItems,
	selfClientFirstUse,
	sharedRate,
	startQueueLine,
	startQueueWorld,
	tokenExpiry,
} from './queueKit';

const WORKERS = 2;
const CONCURRENCY = 5;
export const RATE = { executions: 10, items: 100, limitPerWindow: 100, windowMs: 5000 };

/** What every run reports: its items that failed, and those lost or duplicated at Zoho. */
interface Outcome {
	perWorker: number[];
	failedItems: number;
	lost: number;
	duplicated: number;
	ms: number;
}

export interface RateFigures extends Outcome {
	workersSharingRate: number;
	/** Creates Zoho stored (201). */
	stored: number;
	elapsedMs: number;
	shareOfAllowedRate: number;
	wire429: number;
	/** Items that failed on a rate limit (error items mentioning 429 / rate limit). */
	userVisible429: number;
	busiestWindow: number;
}

export interface QueueLineFigures {
	line: N8nLine;
	version: string;
	loadavgStart: number[];
	loadavgEnd: number[];
	/** Main + workers started and ready (owner set up). */
	startMs: number;
	seconds: number;
	tokenExpiry: Outcome & {
		executions: number;
		items: number;
		tokenRequests: number;
		authorizationCodeRequests: number;
		wire401: number;
		storedBeforeFirst401: number;
		newTokensOnWire: number;
	};
	selfClient: Outcome & {
		executions: number;
		items: number;
		successfulExchanges: number;
		invalidCodeAnswers: number;
		tokenAnswers: string[];
		race: { maxHeld: number; gaveUp: boolean };
		refreshes: number;
	};
	rate: RateFigures[];
}

export type QueueLineResult =
	| ({ status: 'measured' } & QueueLineFigures)
	| { status: 'skipped' | 'failed'; line: string; reason: string };

/** Why the queue measure cannot run `line` here; undefined when it can. */
export function queueUnavailable(line: string): string | undefined {
	const spec = (runtime.LINES as Record<string, { n8n: string } | undefined>)[line];
	if (!spec) return `unknown n8n line ${line} (use ${Object.keys(runtime.LINES).join(' or ')})`;
	const dir = runtime.installDirOf(line as N8nLine);
	const pkg = path.join(dir, 'node_modules', 'n8n', 'package.json');
	const version = existsSync(pkg)
		? (JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version
		: undefined;
	if (version !== spec.n8n || !existsSync(path.join(dir, '.install-complete.json'))) {
		const where = path.relative(runtime.REPO, dir);
		return `n8n ${spec.n8n} is not installed in ${where.startsWith('..') ? dir : where} (npm run e2e:install)`;
	}
	const services = findQueueServices({ install: false, log: () => undefined });
	if (services.missing) return `queue mode needs Redis and PostgreSQL: ${services.missing}`;
	try {
		runtime.assertFreshDist();
	} catch (e) {
		return (e as Error).message;
	}
	return undefined;
}

function outcome(r: CreatesRun): Outcome {
	return {
		perWorker: r.ran.map((ids) => ids.length),
		failedItems: failedItems(r.answers, r.names).failed,
		lost: r.stored.lost,
		duplicated: r.stored.duplicated,
		ms: r.ms,
	};
}

async function rateRun(l: QueueLine, workersSharingRate: number): Promise<RateFigures> {
	const r = await sharedRate(l, { ...RATE, workersSharingRate, continueOnFail: true });
	return {
		workersSharingRate,
		...outcome(r),
		stored: r.wire['201'] ?? 0,
		elapsedMs: r.elapsedMs,
		shareOfAllowedRate: r.shareOfAllowedRate,
		wire429: r.wire['429'] ?? 0,
		userVisible429: failedItems(r.answers, r.names).rateLimited,
		busiestWindow: r.busiestWindow,
	};
}

async function measureLine(
	world: QueueWorld,
	line: N8nLine,
	log: (m: string) => void,
): Promise<QueueLineFigures> {
	const t0 = Date.now();
	const loadavgStart = os.loadavg();
	const say = (m: string) => log(`queue ${line}: ${m}`);
	say(`starting main + ${WORKERS} workers (concurrency ${CONCURRENCY}) on PostgreSQL and Redis`);
	const l = await startQueueLine(world, line, {
		cred: { type: 'zohoRegionalOAuth2Api', id: 'zohoBenchQueue01', name: 'Zoho OAuth2 (bench)' },
		workers: WORKERS,
		concurrency: CONCURRENCY,
		log: () => undefined,
	});
	const startMs = Date.now() - t0;
	try {
		say('1. token expiry: 20 executions × 25 creates, tokens expire at the 250th');
		const t = await tokenExpiry(l, { executions: 20, items: 25, continueOnFail: true });
		say('2. Self Client first use: fresh grant code, 10 executions at once');
		const s = await selfClientFirstUse(l, { executions: 10, items: 5, continueOnFail: true });
		const rate: RateFigures[] = [];
		for (const w of [WORKERS, 1]) {
			say(`3. shared rate: 1,000 creates, Workers Sharing the Rate Limit ${w} (about a minute)`);
			rate.push(await rateRun(l, w));
		}
		return {
			line,
			version: l.q.version,
			loadavgStart,
			loadavgEnd: os.loadavg(),
			startMs,
			seconds: (Date.now() - t0) / 1000,
			tokenExpiry: {
				executions: t.names.length,
				items: t.names[0].length,
				...outcome(t),
				tokenRequests: t.tokens.refresh_token,
				authorizationCodeRequests: t.tokens.authorization_code,
				wire401: t.wire['401'] ?? 0,
				storedBeforeFirst401: t.storedBeforeFirst401,
				newTokensOnWire: t.newTokensOnWire,
			},
			selfClient: {
				executions: s.names.length,
				items: s.names[0].length,
				...outcome(s),
				successfulExchanges: s.answered.filter((a) => a === 'authorization_code → tokens').length,
				invalidCodeAnswers: s.answered.filter((a) => a.endsWith('→ invalid_code')).length,
				tokenAnswers: s.answered,
				race: s.race,
				refreshes: s.tokens.refresh_token,
			},
			rate,
		};
	} finally {
		await l.q.stop();
	}
}

/** Runs the measure on each line that can run here; the others are reported with the reason. */
export async function measureQueue(
	lines: string[],
	log: (m: string) => void,
): Promise<QueueLineResult[]> {
	const results: QueueLineResult[] = lines.map((line) => {
		const reason = queueUnavailable(line);
		return reason
			? { status: 'skipped', line, reason }
			: { status: 'failed', line, reason: 'not run' };
	});
	if (results.every((r) => r.status === 'skipped')) return results;
	let world: QueueWorld;
	try {
		log('queue: starting the sandbox, Redis and PostgreSQL; packing and installing the package');
		world = await startQueueWorld();
	} catch (e) {
		const reason = `set-up failed: ${(e as Error).message}`;
		return results.map((r) => (r.status === 'skipped' ? r : { ...r, reason }));
	}
	try {
		for (let i = 0; i < results.length; i++) {
			if (results[i].status === 'skipped') continue;
			const line = lines[i] as N8nLine;
			try {
				results[i] = { status: 'measured', ...(await measureLine(world, line, log)) };
			} catch (e) {
				results[i] = { status: 'failed', line, reason: (e as Error).message.slice(0, 2000) };
			}
		}
	} finally {
		await world.close();
	}
	return results;
}

/**
 * The table's rows: per line, the targets (token requests ≤ 2, goal 1; exactly 1 exchange;
 * 0 failed items; 0 user-visible 429s, 0 lost and duplicated, ≥ 85 % of the allowed rate). The
 * shared-rate rows hold Workers Sharing the Rate Limit 2 in the node column and 1 (the default,
 * each worker pacing to the whole limit) in the baseline column.
 */
export function queueRows(results: QueueLineResult[]): Row[] {
	const rows: Row[] = [];
	const items = (o: Outcome) => `${o.failedItems} (${o.lost} / ${o.duplicated})`;
	const clean = (o: Outcome) => o.failedItems === 0 && o.lost === 0 && o.duplicated === 0;
	for (const r of results) {
		if (r.status !== 'measured') {
			rows.push({
				measure: `Queue mode, n8n ${r.line}`,
				node: '—',
				baseline: `${r.status}: ${r.reason.split('\n')[0]}`,
				target: '—',
				met: r.status === 'skipped' ? null : false,
			});
			continue;
		}
		const { tokenExpiry: t, selfClient: s } = r;
		const [shared, alone] = r.rate;
		const creates = fmt.int(RATE.executions * RATE.items);
		rows.push({
			measure: `Queue ${r.version} (main + ${WORKERS} workers): token expires mid-run, ${t.executions} executions × ${t.items} creates, one OAuth2 credential: token requests`,
			node: `${t.tokenRequests} (${t.wire401} 401s re-sent; executions per worker ${t.perWorker.join('/')})`,
			baseline: '—',
			target: '≤ 2 (goal 1)',
			met: t.tokenRequests >= 1 && t.tokenRequests <= 2,
		});
		rows.push({
			measure: '  failed items (lost / duplicated)',
			node: items(t),
			baseline: '—',
			target: '0 (0 / 0)',
			met: clean(t),
		});
		rows.push({
			measure: `Queue ${r.version}: Self Client fresh grant code, ${s.executions} executions at once: authorization_code exchanges that got tokens`,
			node: `${s.successfulExchanges} (${s.invalidCodeAnswers} invalid_code, tokens read back; ${s.refreshes} refreshes${s.race.maxHeld === 2 ? '' : '; the exchanges did not meet'})`,
			baseline: '—',
			target: '= 1',
			met: s.successfulExchanges === 1,
		});
		rows.push({
			measure: '  failed items (lost / duplicated)',
			node: items(s),
			baseline: '—',
			target: '0 (0 / 0)',
			met: clean(s),
		});
		const share = (x: RateFigures) =>
			`${fmt.pct(x.shareOfAllowedRate)} (${fmt.int(x.stored)} in ${(x.elapsedMs / 1000).toFixed(1)} s)`;
		rows.push({
			measure: `Queue ${r.version}: ${creates} creates over ${WORKERS} workers, sandbox ${RATE.limitPerWindow} per ${RATE.windowMs / 1000} s, Rate Limit ${(RATE.limitPerWindow * 60_000) / RATE.windowMs}/min: share of allowed rate (node: Workers Sharing ${shared.workersSharingRate}; baseline: ${alone.workersSharingRate}, the default)`,
			node: share(shared),
			baseline: share(alone),
			target: '≥ 85 %',
			met: shared.shareOfAllowedRate >= 0.85,
		});
		const r429 = (x: RateFigures) => `${x.userVisible429} (${fmt.int(x.wire429)} on the wire)`;
		rows.push({
			measure: '  user-visible 429s (429s on the wire)',
			node: r429(shared),
			baseline: r429(alone),
			target: '= 0',
			met: shared.userVisible429 === 0,
		});
		const lost = (x: RateFigures) => `${x.lost} / ${x.duplicated} (${x.failedItems} failed items)`;
		rows.push({
			measure: '  lost / duplicated (failed items)',
			node: lost(shared),
			baseline: lost(alone),
			target: '0 / 0 (0)',
			met: shared.lost === 0 && shared.duplicated === 0 && shared.failedItems === 0,
		});
		rows.push({
			measure: `  most creates stored in any ${RATE.windowMs / 1000} s (limit ${RATE.limitPerWindow})`,
			node: String(shared.busiestWindow),
			baseline: String(alone.busiestWindow),
			target: '—',
			met: null,
		});
		rows.push({
			measure: `  n8n ${r.version} line: main + workers ready / whole line; load average (1 min) start → end`,
			node: `${(r.startMs / 1000).toFixed(0)} s / ${r.seconds.toFixed(0)} s`,
			baseline: `load ${r.loadavgStart[0].toFixed(2)} → ${r.loadavgEnd[0].toFixed(2)}`,
			target: '—',
			met: null,
		});
	}
	return rows;
}
