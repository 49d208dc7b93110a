'use strict';
/**
 * n8n's queue mode for one line (2.8 or 2.41): one main (`n8n start`) and N workers (`n8n worker`),
 * each its own process, all on one PostgreSQL database and one Redis, with one encryption key.
 * Used by `npm run start:queue` (scripts/start-queue.js) and test/e2e/queue.e2e.test.ts.
 *
 *   const services = await startQueueServices();          // scripts/queue-services.js
 *   const q = await startQueueMode('2.8', { services });
 *   q.url; q.workers[0].pid; q.workers[0].logFile; await q.cli(['import:workflow', ...]);
 *   await q.stop();                                        // main and workers, by PID
 *
 * Every process gets its own N8N_USER_FOLDER (main/, worker-1/, ...) whose .n8n/nodes is a symlink
 * to one folder where the packed package is installed, as a user installs a community package by
 * hand. Own folders, because n8n keeps per-process files there (crash.journal, which makes a
 * production process that finds another's journal log "Last session crashed" and wait 10 s; the
 * event log; the config file); one nodes folder, because every worker must load the package
 * (a worker runs the node: without the package it fails the execution, "Unrecognized node type").
 *
 * Per process: its own task-runner broker port (N8N_RUNNERS_BROKER_PORT; the default 5679 would
 * clash), the worker its own health port (QUEUE_HEALTH_CHECK_PORT, default 5678 = the editor's).
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const rt = require('./n8n-runtime');
const services = require('./queue-services');

const defaultLog = (m) => process.stderr.write(`[queue] ${m}\n`);

/**
 * The settings every process of one queue-mode n8n shares (see README "Queue mode").
 * `prefix` keeps two instances on one Redis apart (Bull keys and pub/sub channels).
 */
function queueEnv({ db, redis, prefix, encryptionKey }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: db.host,
		DB_POSTGRESDB_PORT: String(db.port),
		DB_POSTGRESDB_DATABASE: db.database,
		DB_POSTGRESDB_USER: db.user,
		DB_POSTGRESDB_PASSWORD: db.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: `bull-${prefix}`,
		N8N_REDIS_KEY_PREFIX: `n8n-${prefix}`,
		// Editor runs ("Execute workflow") go to the workers too, as n8n 3.0 always does.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_ENCRYPTION_KEY: encryptionKey || rt.ENCRYPTION_KEY,
	};
}

function tee(file, also) {
	const stream = fs.createWriteStream(file, { flags: 'a' });
	return (d) => {
		stream.write(d);
		if (also) also(d);
	};
}

/** A user folder whose .n8n/nodes is the shared nodes folder. */
function linkedUserFolder(folder, nodesDir) {
	fs.mkdirSync(path.join(folder, '.n8n'), { recursive: true });
	const link = path.join(folder, '.n8n', 'nodes');
	if (!fs.existsSync(link)) fs.symlinkSync(nodesDir, link, 'dir');
	return folder;
}

/** Waits until a tracked process printed `text` (it fails when the process exits first). */
async function waitForLine(handle, text, what, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (!handle.out.includes(text)) {
		if (handle.exitCode !== undefined)
			throw new Error(`${what} exited (${handle.exitCode}):\n${handle.out.slice(-4000)}`);
		if (Date.now() > deadline)
			throw new Error(
				`${what} did not print "${text}" in ${timeoutMs} ms:\n${handle.out.slice(-4000)}`,
			);
		await rt.sleep(200);
	}
}

/**
 * `n8n worker` in its own user folder. Ready when it printed "n8n worker is now ready" (printed
 * after it subscribed to the Bull queue, on both lines) and /healthz/readiness answers 200.
 */
async function startWorker(n8n, folder, env, opts) {
	const brokerPort = await rt.freePort();
	const healthPort = await rt.freePort();
	const workerEnv = rt.n8nEnv(n8n, folder, {
		...env,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	});
	const handle = rt.spawnTracked(
		n8n.nodeBin,
		[n8n.n8nJs, 'worker', `--concurrency=${opts.concurrency}`],
		{ cwd: folder, env: workerEnv, onOutput: tee(opts.logFile, opts.onOutput) },
	);
	const healthUrl = `http://127.0.0.1:${healthPort}`;
	try {
		await waitForLine(handle, 'n8n worker is now ready', `n8n worker ${opts.name}`, opts.timeoutMs);
		await rt.waitForHttp(`${healthUrl}/healthz/readiness`, {
			timeoutMs: opts.timeoutMs,
			ok: (res) => res.status === 200,
			isAlive: () => handle.exitCode === undefined,
		});
	} catch (e) {
		await handle.stop();
		throw e;
	}
	return {
		name: opts.name,
		pid: handle.pid,
		folder,
		brokerPort,
		healthPort,
		healthUrl,
		logFile: opts.logFile,
		handle,
		stop: () => handle.stop(),
	};
}

/**
 * Starts queue mode for `line`. Options:
 *   services     Redis and PostgreSQL from startQueueServices(); started here (and stopped by
 *                stop()) when absent.
 *   workers      number of workers (default 2); concurrency: jobs per worker (default 5, n8n's
 *                lowest value without a warning).
 *   root         folder for the user folders and logs (default: a new one in <cache>/queue-homes).
 *   tgz          packed package (default: packPackage(), which refuses a stale dist/);
 *   nodesDir     or an installed nodes folder (<user folder>/.n8n/nodes) to link instead.
 *   database     database name (default: a new n8n_<line>_<random>).
 *   prepare      async (ctx) => {} run after the database is migrated and before main and workers
 *                start: ctx.cli(args) runs an n8n CLI command (import:*, publish:workflow) on it.
 *   preferredPort, encryptionKey, env (extra settings for every process), log, onOutput(name, chunk).
 * Resolves { line, url, port, main, workers, database, env, root, cli(args), stop() }.
 */
async function startQueueMode(line, opts = {}) {
	const log = opts.log || defaultLog;
	const timeoutMs = opts.timeoutMs || 240000;
	const n8n = await rt.ensureN8n(line, { log });
	// n8n processes first (all at once: SIGTERM, n8n's graceful shutdown), then the services.
	const owned = [];
	let ownedServices;
	let removeAtStop;
	const stopOwned = async () => {
		await Promise.all(owned.splice(0).map((p) => p.stop().catch(() => undefined)));
		if (ownedServices) await ownedServices.stop().catch(() => undefined);
		ownedServices = undefined;
		if (removeAtStop) fs.rmSync(removeAtStop, { recursive: true, force: true });
		removeAtStop = undefined;
	};
	try {
		let svc = opts.services;
		if (!svc) {
			svc = await services.startQueueServices({ log });
			ownedServices = svc;
		}
		const id = `${line.replace('.', '_')}_${crypto.randomBytes(4).toString('hex')}`;
		const db = await svc.postgres.createDatabase(opts.database || `n8n_${id}`);
		fs.mkdirSync(path.join(rt.CACHE, 'queue-homes'), { recursive: true });
		const root = opts.root || fs.mkdtempSync(path.join(rt.CACHE, 'queue-homes', `${line}-`));
		fs.mkdirSync(root, { recursive: true });
		// A folder made here is removed by stop() (kept with ZOHO_E2E_KEEP=1, as the e2e homes).
		if (!opts.root && process.env.ZOHO_E2E_KEEP !== '1') removeAtStop = root;
		// One install of the package for all processes (or the caller's, shared between runs).
		const nodesDir =
			opts.nodesDir ||
			(await rt.installPackageInto(
				path.join(root, 'package-home'),
				opts.tgz || (await rt.packPackage({ log })),
				{ log },
			));
		const env = {
			...queueEnv({ db, redis: svc.redis, prefix: id, encryptionKey: opts.encryptionKey }),
			...(opts.env || {}),
		};
		const mainFolder = linkedUserFolder(path.join(root, 'main'), nodesDir);
		const cli = async (args) => {
			const r = await rt.runN8nCommand(n8n, mainFolder, args, { env, timeoutMs });
			if (r.code !== 0)
				throw new Error(`n8n ${args.join(' ')} failed (${r.code}):\n${r.out.slice(-3000)}`);
			return r;
		};
		const onOutput = (name) => (opts.onOutput ? (d) => opts.onOutput(name, d) : undefined);

		// Every n8n command runs the migrations; two at once on an empty PostgreSQL database can
		// collide (2.8 has no migration lock). With `prepare`, its first CLI command migrates; else
		// the main does, and the workers start once it answers.
		let main;
		const startMain = async () => {
			const logFile = path.join(root, 'main.log');
			main = await rt.startN8nServer(n8n, mainFolder, {
				preferredPort: opts.preferredPort,
				env,
				timeoutMs,
				onOutput: tee(logFile, onOutput('main')),
			});
			main.logFile = logFile;
			main.folder = mainFolder;
			owned.push(main);
			return main;
		};
		const startWorkers = () =>
			Promise.all(
				Array.from({ length: opts.workers ?? 2 }, (_, i) => {
					const name = `worker-${i + 1}`;
					const folder = linkedUserFolder(path.join(root, name), nodesDir);
					return startWorker(n8n, folder, env, {
						name,
						concurrency: opts.concurrency ?? 5,
						logFile: path.join(root, `${name}.log`),
						onOutput: onOutput(name),
						timeoutMs,
					}).then((w) => {
						owned.push(w);
						return w;
					});
				}),
			);
		let workers;
		if (opts.prepare) {
			await opts.prepare({ cli, env, db, root, folder: mainFolder, n8n });
			[, workers] = await Promise.all([startMain(), startWorkers()]);
		} else {
			await startMain();
			workers = await startWorkers();
		}
		log(
			`n8n ${n8n.version} queue mode: main ${main.url} (pid ${main.pid}), ` +
				workers.map((w) => `${w.name} pid ${w.pid}`).join(', ') +
				`, database ${db.database}, Redis ${svc.redis.host}:${svc.redis.port}`,
		);
		return {
			line,
			version: n8n.version,
			runtime: n8n,
			url: main.url,
			port: main.port,
			main,
			workers,
			database: db,
			redis: { host: svc.redis.host, port: svc.redis.port },
			env,
			root,
			cli,
			stop: stopOwned,
		};
	} catch (e) {
		await stopOwned();
		throw e;
	}
}

module.exports = { queueEnv, startQueueMode, startWorker };
