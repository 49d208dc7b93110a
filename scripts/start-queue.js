#!/usr/bin/env node
'use strict';
/**
 * `npm run start:queue` (= `npm run build && node scripts/start-queue.js`): the `npm start` demo in
 * n8n's queue mode, the way larger self-hosted n8n runs: one main (editor, API, webhooks), two
 * workers that run the executions, PostgreSQL as the shared database and Redis as the queue.
 *
 *  1. Redis and PostgreSQL from Debian's packages (installed with apt-get when missing and root),
 *     each a private process on a free port with its directory in .cache/queue/, nothing kept
 *  2. the Zoho sandbox with demo data (18930-18932, others if busy), as `npm start`
 *  3. n8n (2.8.4; ZOHO_START_LINE=2.41 for 2.41.1 on Node 24) with this package installed once
 *     and linked into every process's user folder under .cache/queue-start/
 *  4. the demo credentials and workflows imported into the new database, then one main and two
 *     workers started; the owner account set up
 *  5. prints the editor URL, the login, and how to watch the workers (PIDs, log files, health
 *     URLs, the executions table); Ctrl-C stops every process it started, by PID.
 *
 * Options (env): ZOHO_START_LINE (2.8 or 2.41), N8N_START_PORT (default 5678), ZOHO_QUEUE_WORKERS
 * (default 2), ZOHO_QUEUE_CONCURRENCY (jobs per worker, default 5), N8N_ENCRYPTION_KEY (replaces
 * the public demo key). Everything (database included) is thrown away at stop; the logs stay in
 * .cache/queue-start/ until the next start.
 */
const fs = require('fs');
const path = require('path');
const rt = require('./n8n-runtime');
const demo = require('./start');
const { findQueueServices, startQueueServices } = require('./queue-services');
const { startQueueMode } = require('./queue-mode');

const LINE = process.env.ZOHO_START_LINE || '2.8';
const ROOT = path.join(rt.CACHE, 'queue-start');
const WORKERS = Number(process.env.ZOHO_QUEUE_WORKERS || 2);
const CONCURRENCY = Number(process.env.ZOHO_QUEUE_CONCURRENCY || 5);

const started = Date.now();
const say = (m) => process.stdout.write(`${m}\n`);
const step = (m) =>
	say(`[start:queue ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${m}`);
const rel = (p) => path.relative(process.cwd(), p) || '.';

let sandbox;
let services;
let queue;
let stopping = false;

async function stopEverything(code) {
	if (stopping) return;
	stopping = true;
	say('');
	step('stopping n8n (main and workers), PostgreSQL, Redis and the Zoho sandbox ...');
	try {
		if (queue) await queue.stop();
		if (services) await services.stop();
		if (sandbox) await sandbox.stop();
		await rt.stopAll();
	} finally {
		step(`stopped. Logs stay in ${rel(ROOT)}/ until the next start.`);
		process.exit(code);
	}
}

function exitWatch(name, handle, logFile) {
	handle.exited.then(({ code, signal }) => {
		if (stopping) return;
		const where = logFile ? `see ${rel(logFile)}` : `its output:\n${handle.out.slice(-2000)}`;
		say(`\n${name} (pid ${handle.pid}) exited (${code ?? signal}); ${where}`);
		stopEverything(1);
	});
}

async function main() {
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stopEverything(0));
	if (!rt.LINES[LINE])
		throw new Error(`ZOHO_START_LINE=${LINE}: use one of ${Object.keys(rt.LINES).join(', ')}`);

	step('checking for Redis and PostgreSQL (Debian packages; installed when missing and root) ...');
	const found = findQueueServices({ log: (m) => step(`  ${m}`) });
	if (found.missing) throw new Error(`queue mode needs Redis and PostgreSQL: ${found.missing}`);

	step('starting the Zoho sandbox (fake Zoho Accounts, Invoice and People with demo data) ...');
	sandbox = await demo.startSandbox();
	step(
		`sandbox: accounts ${sandbox.accounts}, api ${sandbox.api}, people ${sandbox.people} (pid ${sandbox.pid})`,
	);
	exitWatch('the Zoho sandbox', sandbox.handle);

	step(
		`making sure n8n ${rt.LINES[LINE].n8n} is installed in ${rel(rt.installDirOf(LINE))} (first time: ~6 minutes) ...`,
	);
	await rt.ensureN8n(LINE, { log: (m) => step(`  ${m}`) });

	step('starting Redis and PostgreSQL (private processes, nothing persisted) ...');
	services = await startQueueServices({ log: (m) => step(`  ${m}`) });
	exitWatch('redis-server', services.redis.handle, services.redis.logFile);
	exitWatch('postgres', services.postgres.handle, services.postgres.logFile);

	fs.rmSync(ROOT, { recursive: true, force: true });
	step(
		`starting n8n ${rt.LINES[LINE].n8n} in queue mode: a main and ${WORKERS} workers (concurrency ${CONCURRENCY}) ...`,
	);
	const credentials = await demo.demoCredentials(sandbox);
	const workflows = demo.demoWorkflows();
	queue = await startQueueMode(LINE, {
		services,
		root: ROOT,
		workers: WORKERS,
		concurrency: CONCURRENCY,
		preferredPort: Number(process.env.N8N_START_PORT || 5678),
		encryptionKey: process.env.N8N_ENCRYPTION_KEY,
		log: (m) => step(`  ${m}`),
		prepare: async (ctx) => {
			step('  importing the demo credentials and workflows into the new database ...');
			const opts = { env: ctx.env };
			await rt.importCredentials(ctx.n8n, ctx.folder, credentials, opts);
			await rt.importWorkflow(ctx.n8n, ctx.folder, workflows, opts);
		},
	});
	exitWatch('n8n main', queue.main.handle, queue.main.logFile);
	for (const w of queue.workers) exitWatch(`n8n ${w.name}`, w.handle, w.logFile);
	const owner = await demo.ensureOwner(queue.url);

	const db = queue.database;
	const psql =
		`PGPASSWORD=${db.password} psql -h ${db.host} -p ${db.port} -U ${db.user} -d ${db.database} ` +
		`-c 'SELECT id, status, mode, "startedAt", "stoppedAt" FROM execution_entity ORDER BY id DESC LIMIT 10'`;
	say('');
	say('================================================================================');
	say(
		` n8n ${queue.version} in QUEUE MODE with n8n-nodes-zoho-regional, against the local Zoho sandbox`,
	);
	say('');
	say(`   Editor:    ${queue.url}/`);
	say(`   Email:     ${demo.OWNER.email}`);
	say(
		`   Password:  ${demo.OWNER.password}${owner === 'created' ? '   (owner account created just now)' : ''}`,
	);
	say('');
	say(
		'   Demo workflows ("Execute workflow" runs on a worker: OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true):',
	);
	for (const wf of workflows) say(`     - ${wf.name}: ${queue.url}/workflow/${wf.id}`);
	say('');
	say('   Processes (each its own n8n, all on one PostgreSQL database and one Redis):');
	say(`     main       pid ${queue.main.pid}   log ${rel(queue.main.logFile)}`);
	for (const w of queue.workers)
		say(
			`     ${w.name.padEnd(10)} pid ${w.pid}   log ${rel(w.logFile)}   health ${w.healthUrl}/healthz/readiness`,
		);
	say(
		`     postgres   pid ${services.postgres.pid}   127.0.0.1:${services.postgres.port}, database ${db.database}`,
	);
	say(`     redis      pid ${services.redis.pid}   127.0.0.1:${services.redis.port}`);
	say('');
	say('   Watch the workers take the executions ("Worker started execution N"):');
	say(`     tail -f ${queue.workers.map((w) => rel(w.logFile)).join(' ')}`);
	say('   The executions table, newest first:');
	say(`     ${psql}`);
	say('');
	say('   Press Ctrl-C to stop every process started here (by PID).');
	say('================================================================================');
}

main().catch(async (e) => {
	process.stderr.write(`\nnpm run start:queue failed: ${e.stack || e.message}\n`);
	await stopEverything(1);
});
