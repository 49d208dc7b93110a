'use strict';
/**
 * Redis and PostgreSQL for n8n's queue mode, from Debian's packages, each as a private process of
 * this project: own port on 127.0.0.1, own directory under the cache (.cache/queue/), nothing
 * persisted, stopped by PID. Used by scripts/queue-mode.js (`npm run start:queue`) and by
 * test/e2e/queue.e2e.test.ts.
 *
 *   const check = findQueueServices();       // { redisServer, pgBin } or { missing: 'reason' }
 *   const services = await startQueueServices();
 *   const db = await services.postgres.createDatabase('n8n_run_1');
 *   ...
 *   await services.stop();
 *
 * Debian layout: redis-server is /usr/bin/redis-server (package redis-server); PostgreSQL's
 * programs are in /usr/lib/postgresql/<major>/bin (package postgresql-<major>; /usr/bin only has
 * Debian's pg_wrapper for the client tools). ZOHO_QUEUE_REDIS_SERVER (a redis-server binary) and
 * ZOHO_QUEUE_PG_BIN (a directory with postgres, initdb and createdb) override the search.
 *
 * PostgreSQL refuses to run as root: as root the cluster is created and run as the Debian
 * `postgres` user (or `nobody` when it does not exist), with a data directory that user owns.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');
const rt = require('./n8n-runtime');

const ROOT = path.join(rt.CACHE, 'queue');
const PG_USER = 'n8n';
const APT_PACKAGES = ['redis-server', 'postgresql'];

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const defaultLog = (m) => process.stderr.write(`[queue-services] ${m}\n`);

function which(cmd) {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

function isExecutable(file) {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return fs.statSync(file).isFile();
	} catch {
		return false;
	}
}

function pgBinOk(dir) {
	return ['postgres', 'initdb', 'createdb'].every((p) => isExecutable(path.join(dir, p)));
}

/** The PostgreSQL bin directory: ZOHO_QUEUE_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, PATH. */
function findPgBin() {
	if (process.env.ZOHO_QUEUE_PG_BIN) return path.resolve(process.env.ZOHO_QUEUE_PG_BIN);
	const base = '/usr/lib/postgresql';
	if (fs.existsSync(base)) {
		const majors = fs
			.readdirSync(base)
			.filter((d) => /^\d+$/.test(d))
			.sort((a, b) => Number(b) - Number(a));
		for (const m of majors)
			if (pgBinOk(path.join(base, m, 'bin'))) return path.join(base, m, 'bin');
	}
	const onPath = which('postgres');
	if (onPath) {
		const dir = path.dirname(fs.realpathSync(onPath));
		if (pgBinOk(dir)) return dir;
	}
	return undefined;
}

function findRedisServer() {
	if (process.env.ZOHO_QUEUE_REDIS_SERVER) return path.resolve(process.env.ZOHO_QUEUE_REDIS_SERVER);
	if (isExecutable('/usr/bin/redis-server')) return '/usr/bin/redis-server';
	return which('redis-server');
}

function found() {
	const redisServer = findRedisServer();
	const pgBin = findPgBin();
	const gaps = [];
	if (!redisServer || !isExecutable(redisServer))
		gaps.push(
			process.env.ZOHO_QUEUE_REDIS_SERVER
				? `ZOHO_QUEUE_REDIS_SERVER points at ${redisServer}, which is not an executable`
				: 'redis-server (Debian package redis-server)',
		);
	if (!pgBin || !pgBinOk(pgBin))
		gaps.push(
			process.env.ZOHO_QUEUE_PG_BIN
				? `ZOHO_QUEUE_PG_BIN (${pgBin}) lacks postgres, initdb or createdb`
				: 'PostgreSQL server programs (Debian package postgresql: /usr/lib/postgresql/<N>/bin)',
		);
	return { redisServer, pgBin, gaps };
}

/**
 * Redis and PostgreSQL, installed with apt-get when missing and this is root (as the browser tests
 * install Chromium). Returns { redisServer, pgBin } or { missing } saying what lacks and how to
 * get it. Synchronous, so a test file can decide to skip while jest collects it.
 */
function findQueueServices(opts = {}) {
	const log = opts.log || defaultLog;
	let f = found();
	if (!f.gaps.length) return { redisServer: f.redisServer, pgBin: f.pgBin };
	const howTo = `install them with \`apt-get install -y ${APT_PACKAGES.join(' ')}\` as root`;
	const what = f.gaps.join(' and ');
	if (process.env.ZOHO_QUEUE_REDIS_SERVER || process.env.ZOHO_QUEUE_PG_BIN)
		return { missing: `${what} (a path you chose is not replaced by an apt-get install)` };
	if (opts.install === false) return { missing: `${what} not installed; ${howTo}` };
	if (!isRoot())
		return {
			missing: `${what} not installed, and this user is not root so they cannot be installed here; ${howTo}`,
		};
	if (!which('apt-get'))
		return { missing: `${what} not installed and there is no apt-get to install them` };
	log(`installing Debian ${APT_PACKAGES.join(' and ')} (apt-get) for n8n's queue mode ...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (args) => {
		const r = spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: 20 * 60 * 1000 });
		return r.status === 0
			? undefined
			: `\`apt-get ${args.join(' ')}\` failed (${r.status ?? r.signal}): ${`${r.stdout}${r.stderr}`.trim().slice(-1500)}`;
	};
	const failed =
		run(['update', '-qq']) ??
		run(['install', '-y', '-qq', '--no-install-recommends', ...APT_PACKAGES]);
	if (failed) return { missing: `${what} not installed and installing failed: ${failed}` };
	f = found();
	if (f.gaps.length)
		return {
			missing: `apt-get installed ${APT_PACKAGES.join(' ')} but ${f.gaps.join(' and ')} still missing`,
		};
	return { redisServer: f.redisServer, pgBin: f.pgBin };
}

function ensureQueueServices(opts) {
	const r = findQueueServices(opts);
	if (r.missing) throw new Error(`n8n's queue mode needs Redis and PostgreSQL: ${r.missing}`);
	return r;
}

// ---------------------------------------------------------------------------------------------

/** A fresh directory <cache>/queue/<kind>-<pid>-<random>; leftovers of dead processes are removed. */
function runDir(kind) {
	fs.mkdirSync(ROOT, { recursive: true });
	for (const name of fs.readdirSync(ROOT)) {
		const m = /^(?:redis|pg)-(\d+)-/.exec(name);
		if (m && Number(m[1]) !== process.pid && !pidAlive(Number(m[1])))
			fs.rmSync(path.join(ROOT, name), { recursive: true, force: true });
	}
	const dir = path.join(ROOT, `${kind}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
	fs.mkdirSync(dir, { mode: 0o700 });
	return dir;
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

/** Waits until `handle`'s output contains `text`; fails when it exits first or after timeoutMs. */
function waitForOutput(handle, text, what, timeoutMs = 60000) {
	return new Promise((resolve, reject) => {
		const timer = setInterval(check, 100);
		const deadline = Date.now() + timeoutMs;
		function done(err) {
			clearInterval(timer);
			if (err) reject(err);
			else resolve();
		}
		function check() {
			if (handle.out.includes(text)) return done();
			if (handle.exitCode !== undefined)
				return done(new Error(`${what} exited (${handle.exitCode}):\n${handle.out.slice(-3000)}`));
			if (Date.now() > deadline)
				return done(
					new Error(
						`${what} did not say "${text}" in ${timeoutMs} ms:\n${handle.out.slice(-3000)}`,
					),
				);
		}
		check();
	});
}

function teeTo(file) {
	const stream = fs.createWriteStream(file, { flags: 'a' });
	return (d) => stream.write(d);
}

/** Redis on 127.0.0.1:<free port>, nothing saved (no RDB, no AOF), its directory under the cache. */
async function startRedis(opts = {}) {
	const log = opts.log || defaultLog;
	const redisServer = opts.redisServer || ensureQueueServices({ log }).redisServer;
	const dir = runDir('redis');
	const port = opts.port || (await rt.freePort());
	const logFile = path.join(dir, 'redis.log');
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--dir',
		dir,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
		'--protected-mode',
		'yes',
		'--logfile',
		'',
	];
	const handle = rt.spawnTracked(redisServer, args, {
		cwd: dir,
		env: { PATH: process.env.PATH || '/usr/bin:/bin' },
		onOutput: teeTo(logFile),
	});
	try {
		await waitForOutput(handle, 'Ready to accept connections', `redis-server on port ${port}`);
	} catch (e) {
		await handle.stop();
		throw e;
	}
	log(`redis-server ${redisServer} on 127.0.0.1:${port} (pid ${handle.pid}, log ${logFile})`);
	return {
		host: '127.0.0.1',
		port,
		pid: handle.pid,
		dir,
		logFile,
		handle,
		async stop() {
			await handle.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** uid/gid of the user PostgreSQL runs as when we are root: Debian's `postgres`, else `nobody`. */
function unprivilegedUser() {
	for (const name of ['postgres', 'nobody']) {
		const u = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
		if (u.status === 0 && g.status === 0)
			return { name, uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
	}
	throw new Error(
		'running as root, and there is neither a `postgres` nor a `nobody` user to run PostgreSQL as',
	);
}

function chownTree(dir, uid, gid) {
	fs.chownSync(dir, uid, gid);
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) chownTree(p, uid, gid);
		else fs.chownSync(p, uid, gid);
	}
}

function run(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code, signal) =>
			code === 0
				? resolve(out)
				: reject(
						new Error(
							`${path.basename(cmd)} ${args.join(' ')} failed (${code ?? signal}):\n${out.slice(-3000)}`,
						),
					),
		);
	});
}

/**
 * A private PostgreSQL cluster: initdb into <cache>/queue/pg-…/data, `postgres` on 127.0.0.1:<free
 * port> with its unix socket in the same directory, password auth (scram) for the `n8n` role,
 * durability off (fsync, synchronous_commit, full_page_writes: the data is thrown away at stop).
 * createDatabase(name) makes one database per run.
 */
async function startPostgres(opts = {}) {
	const log = opts.log || defaultLog;
	const pgBin = opts.pgBin || ensureQueueServices({ log }).pgBin;
	const dir = runDir('pg');
	const dataDir = path.join(dir, 'data');
	// A unix socket path is limited to ~107 bytes: a long cache path gets a short one in /tmp.
	let socketDir = path.join(dir, 'sock');
	if (`${socketDir}/.s.PGSQL.65535`.length > 100)
		socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-pg-'));
	else fs.mkdirSync(socketDir);
	const password = crypto.randomBytes(12).toString('hex');
	const pwfile = path.join(dir, 'pwfile');
	fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	const asUser = isRoot() ? unprivilegedUser() : undefined;
	const ids = asUser ? { uid: asUser.uid, gid: asUser.gid } : {};
	if (asUser) {
		chownTree(dir, asUser.uid, asUser.gid);
		if (!socketDir.startsWith(dir)) fs.chownSync(socketDir, asUser.uid, asUser.gid);
	}
	const env = { PATH: process.env.PATH || '/usr/bin:/bin', LC_ALL: 'C', LANG: 'C', TZ: 'UTC' };
	const started = Date.now();
	await run(
		path.join(pgBin, 'initdb'),
		[
			'-D',
			dataDir,
			'-U',
			PG_USER,
			`--pwfile=${pwfile}`,
			'--auth=scram-sha-256',
			'--encoding=UTF8',
			'--locale=C',
			'--no-sync',
			'--no-instructions',
		],
		{ cwd: dir, env, ...ids },
	);
	fs.rmSync(pwfile, { force: true });
	const port = opts.port || (await rt.freePort());
	const logFile = path.join(dir, 'postgres.log');
	const handle = rt.spawnTracked(
		path.join(pgBin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			socketDir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ cwd: dir, env, ...ids, stopSignal: 'SIGINT', onOutput: teeTo(logFile) },
	);
	try {
		await waitForOutput(
			handle,
			'database system is ready to accept connections',
			`postgres on port ${port}`,
		);
	} catch (e) {
		await handle.stop();
		throw e;
	}
	log(
		`postgres (${pgBin}) on 127.0.0.1:${port}${asUser ? ` as user ${asUser.name}` : ''} (pid ${handle.pid}, ` +
			`cluster ${dataDir}, ${Date.now() - started} ms with initdb, log ${logFile})`,
	);
	const clientEnv = { ...env, PGPASSWORD: password };
	return {
		host: '127.0.0.1',
		port,
		user: PG_USER,
		password,
		pid: handle.pid,
		dir,
		dataDir,
		socketDir,
		logFile,
		runAs: asUser ? asUser.name : undefined,
		handle,
		/** CREATE DATABASE <name> (letters, digits, underscore); resolves the n8n DB_POSTGRESDB_* settings. */
		async createDatabase(name) {
			if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
			await run(
				path.join(pgBin, 'createdb'),
				['-h', '127.0.0.1', '-p', String(port), '-U', PG_USER, name],
				{ env: clientEnv },
			);
			return { host: '127.0.0.1', port, user: PG_USER, password, database: name };
		},
		async stop() {
			await handle.stop();
			fs.rmSync(dir, { recursive: true, force: true });
			if (!socketDir.startsWith(dir)) fs.rmSync(socketDir, { recursive: true, force: true });
		},
	};
}

/** Redis and PostgreSQL side by side; stop() stops both (by PID) and removes their directories. */
async function startQueueServices(opts = {}) {
	const log = opts.log || defaultLog;
	const { redisServer, pgBin } = ensureQueueServices({ log });
	const [redis, postgres] = await Promise.allSettled([
		startRedis({ log, redisServer }),
		startPostgres({ log, pgBin }),
	]);
	if (redis.status === 'rejected' || postgres.status === 'rejected') {
		if (redis.status === 'fulfilled') await redis.value.stop();
		if (postgres.status === 'fulfilled') await postgres.value.stop();
		throw redis.status === 'rejected' ? redis.reason : postgres.reason;
	}
	return {
		redis: redis.value,
		postgres: postgres.value,
		async stop() {
			await Promise.all([redis.value.stop(), postgres.value.stop()]);
		},
	};
}

module.exports = {
	APT_PACKAGES,
	findQueueServices,
	ensureQueueServices,
	startRedis,
	startPostgres,
	startQueueServices,
};

// `node scripts/queue-services.js check` installs (as root) / checks; exit 1 with the reason.
if (require.main === module) {
	const r = findQueueServices();
	if (r.missing) {
		process.stderr.write(`${r.missing}\n`);
		process.exit(1);
	}
	process.stdout.write(`redis-server: ${r.redisServer}\npostgres: ${r.pgBin}\n`);
}
