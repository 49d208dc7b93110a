#!/usr/bin/env node
'use strict';
/**
 * `npm start` (= `npm run build && node scripts/start.js`): a ready-to-click local n8n with this
 * package installed, talking to the Zoho sandbox instead of real Zoho.
 *
 *  1. starts the Zoho sandbox (test/sandbox/cli.ts) with demo data for Invoice, People and
 *     Bookings on 18930-18932 (others if busy)
 *  2. installs n8n 2.8.4 into .cache/ (once; shared with the e2e tests: scripts/n8n-runtime.js)
 *  3. packs this package and installs the tarball into .cache/start-home/.n8n/nodes
 *  4. imports demo credentials (OAuth2 with tokens from the sandbox, Self Client with a fresh
 *     grant code) and the demo workflows in demo/ (one per product, plus contacts with each
 *     credential)
 *  5. starts `n8n start` on 127.0.0.1:5678 (or the next free port), sets up the owner account
 *  6. prints the editor URL and login; Ctrl-C stops n8n and the sandbox.
 *
 * Options (env): N8N_START_PORT (default 5678), ZOHO_START_HOME (default .cache/start-home),
 * ZOHO_START_FRESH=1 wipes the home folder first, N8N_ENCRYPTION_KEY replaces the fixed demo key
 * (use your own key, and your own ZOHO_START_HOME, before storing real Zoho credentials).
 */
const fs = require('fs');
const path = require('path');
const net = require('net');
const rt = require('./n8n-runtime');

const LINE = '2.8';
const DEMO_DIR = path.join(rt.REPO, 'demo');
const HOME = process.env.ZOHO_START_HOME
	? path.resolve(process.env.ZOHO_START_HOME)
	: path.join(rt.CACHE, 'start-home');
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'ZohoDemo-2026',
};
const SANDBOX_PORTS = { accounts: 18930, api: 18931, people: 18932 };
const DEMO_CLIENT = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' };

// The demo key is public (it is in this repo); a key from the environment replaces it.
const KEY_ENV = process.env.N8N_ENCRYPTION_KEY
	? { N8N_ENCRYPTION_KEY: process.env.N8N_ENCRYPTION_KEY }
	: {};

const started = Date.now();
const say = (m) => process.stdout.write(`${m}\n`);
const step = (m) => say(`[start ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${m}`);

let sandbox;
let server;
let stopping = false;

async function stopEverything(code) {
	if (stopping) return;
	stopping = true;
	say('');
	step('stopping n8n and the Zoho sandbox ...');
	try {
		if (server) await server.stop();
		if (sandbox) await sandbox.stop();
		await rt.stopAll();
	} finally {
		step('stopped.');
		process.exit(code);
	}
}

function portFree(port) {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
	});
}

async function startSandbox() {
	const ports = {};
	for (const [role, port] of Object.entries(SANDBOX_PORTS)) {
		ports[role] = (await portFree(port)) ? port : 0;
		if (!ports[role]) step(`port ${port} is busy; the sandbox ${role} server takes a free one`);
	}
	return rt.startSandboxProcess({ ports });
}

function fillTemplate(value, vars) {
	if (typeof value === 'string') {
		const whole = /^\{\{(\w+)\}\}$/.exec(value);
		if (whole && whole[1] in vars) return vars[whole[1]];
		return value.replace(/\{\{(\w+)\}\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
	}
	if (Array.isArray(value)) return value.map((v) => fillTemplate(v, vars));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTemplate(v, vars)]));
	}
	return value;
}

/**
 * What the sandbox serves, read back from it (so the banner cannot promise data it lacks):
 * Bookings' appointments come from its control API; the rest is its fixed seed (test/sandbox/README.md).
 */
async function sandboxDataSummary(sandbox) {
	const appointments = await rt.sandboxControl(
		sandbox.control,
		'bookings-appointments',
		undefined,
		'GET',
	);
	const upcoming = appointments.filter((a) => a.status === 'upcoming').length;
	return [
		'Zoho Invoice:  organization 60012345678 "Sandbox Traders": 450 contacts, 5 items, 30 invoices',
		'Zoho People:   25 employees, 4 leave types',
		`Zoho Bookings: workspace "Sandbox Clinic" (Asia/Kolkata): 2 services, 3 staff, 1 resource, ${appointments.length} appointments (${upcoming} upcoming)`,
	];
}

async function demoCredentials(sandbox) {
	const control = (cmd, body) => rt.sandboxControl(sandbox.control, cmd, body);
	const { refresh_token } = await control('refresh-token', { clientId: DEMO_CLIENT.clientId });
	const { access_token } = await control('access-token', { clientId: DEMO_CLIENT.clientId });
	// A real Zoho grant code lives 3-10 minutes; the demo one lives a day so there is time to click.
	const { code } = await control('grant-code', {
		clientId: DEMO_CLIENT.clientId,
		ttlMs: 24 * 3600 * 1000,
	});
	const template = JSON.parse(
		fs.readFileSync(path.join(DEMO_DIR, 'credentials.template.json'), 'utf8'),
	);
	return fillTemplate(template, {
		SANDBOX_ACCOUNTS_URL: sandbox.accounts,
		SANDBOX_API_URL: sandbox.api,
		SANDBOX_PEOPLE_URL: sandbox.people,
		OAUTH_TOKEN_DATA: {
			access_token,
			refresh_token,
			token_type: 'Bearer',
			expires_in: 3600,
			api_domain: sandbox.api,
		},
		SELF_CLIENT_GRANT_CODE: code,
	});
}

function demoWorkflows() {
	return fs
		.readdirSync(DEMO_DIR)
		.filter((f) => f.endsWith('.workflow.json'))
		.sort()
		.map((f) => JSON.parse(fs.readFileSync(path.join(DEMO_DIR, f), 'utf8')));
}

async function rest(method, pathname, body, cookie, baseUrl = server.url) {
	const res = await fetch(`${baseUrl}${pathname}`, {
		method,
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, text, cookie: (res.headers.get('set-cookie') || '').split(';')[0] };
}

async function ensureOwner(baseUrl = server.url) {
	const setup = await rest('POST', '/rest/owner/setup', OWNER, undefined, baseUrl);
	if (setup.status === 200) return 'created';
	const login = await rest(
		'POST',
		'/rest/login',
		{ emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
		undefined,
		baseUrl,
	);
	if (login.status === 200) return 'exists';
	throw new Error(
		`owner setup answered ${setup.status} (${setup.text.slice(0, 200)}) and login ${login.status} (${login.text.slice(0, 200)}); ` +
			`run with ZOHO_START_FRESH=1 to start from an empty n8n home`,
	);
}

async function main() {
	process.on('SIGINT', () => stopEverything(0));
	process.on('SIGTERM', () => stopEverything(0));
	process.on('SIGHUP', () => stopEverything(0));

	step(
		'starting the Zoho sandbox (fake Zoho Accounts, Invoice, People and Bookings with demo data) ...',
	);
	sandbox = await startSandbox();
	step(
		`sandbox: accounts ${sandbox.accounts}, api ${sandbox.api}, people ${sandbox.people} (pid ${sandbox.pid})`,
	);
	sandbox.handle.exited.then(({ code, signal }) => {
		if (!stopping) {
			say(`the Zoho sandbox exited (${code ?? signal}):\n${sandbox.handle.out.slice(-2000)}`);
			stopEverything(1);
		}
	});

	step(
		`making sure n8n ${rt.LINES[LINE].n8n} is installed in ${path.relative(rt.REPO, rt.installDirOf(LINE))} (first time: ~6 minutes) ...`,
	);
	const n8n = await rt.ensureN8n(LINE, { log: (m) => step(`  ${m}`) });
	step(`n8n ${n8n.version} on Node ${n8n.nodeVersion}`);

	if (process.env.ZOHO_START_FRESH === '1') fs.rmSync(HOME, { recursive: true, force: true });
	fs.mkdirSync(HOME, { recursive: true });
	step('packing this package and installing it into the n8n home (as a community package) ...');
	const tgz = await rt.packPackage({ log: (m) => step(`  ${m}`) });
	await rt.installPackageInto(HOME, tgz, { log: (m) => step(`  ${m}`) });

	step('importing the demo credentials and workflows ...');
	// Same ids every run: a re-import refreshes the sandbox URLs and tokens (the sandbox keeps
	// its tokens in memory only, so yesterday's tokens are gone).
	await rt.importCredentials(n8n, HOME, await demoCredentials(sandbox), { env: KEY_ENV });
	const workflows = demoWorkflows();
	await rt.importWorkflow(n8n, HOME, workflows, { env: KEY_ENV });

	const preferredPort = Number(process.env.N8N_START_PORT || 5678);
	step(`starting n8n on 127.0.0.1:${preferredPort} (or the next free port) ...`);
	const logFile = path.join(HOME, 'n8n.log');
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	server = await rt.startN8nServer(n8n, HOME, {
		preferredPort,
		env: KEY_ENV,
		onOutput: (d) => logStream.write(d),
	});
	server.handle.exited.then(({ code, signal }) => {
		if (!stopping) {
			say(`n8n exited (${code ?? signal}); see ${logFile}`);
			stopEverything(1);
		}
	});
	const owner = await ensureOwner();
	const data = await sandboxDataSummary(sandbox);

	say('');
	say('================================================================================');
	say(` n8n ${n8n.version} with n8n-nodes-zoho-regional is running against the local Zoho sandbox`);
	say('');
	say(`   Editor:    ${server.url}/`);
	say(`   Email:     ${OWNER.email}`);
	say(
		`   Password:  ${OWNER.password}${owner === 'created' ? '   (owner account created just now)' : ''}`,
	);
	say('');
	say('   Demo workflows (open one and click "Execute workflow"):');
	for (const wf of workflows) say(`     - ${wf.name}: ${server.url}/workflow/${wf.id}`);
	say('   Demo credentials: "Zoho OAuth2 (local sandbox)" and "Zoho Self Client (local sandbox)"');
	say('');
	say('   Sandbox demo data:');
	for (const line of data) say(`     - ${line}`);
	say(
		'   Triggers: Zoho Invoice / People / Bookings Trigger poll the same sandbox; add one to a new',
	);
	say('   workflow and publish (activate) it, or click "Fetch Test Event".');
	say('');
	say(
		`   Sandbox control API: ${sandbox.control}/   n8n log: ${path.relative(process.cwd(), logFile)}`,
	);
	say('   Press Ctrl-C to stop n8n and the sandbox.');
	say('================================================================================');
}

// scripts/start-queue.js (`npm run start:queue`) reuses the demo set-up.
module.exports = {
	OWNER,
	DEMO_DIR,
	startSandbox,
	demoCredentials,
	demoWorkflows,
	ensureOwner,
	sandboxDataSummary,
};

if (require.main === module) {
	main().catch(async (e) => {
		process.stderr.write(`\nnpm start failed: ${e.stack || e.message}\n`);
		await stopEverything(1);
	});
}
