/**
 * n8n's queue mode against the Zoho sandbox, shared by test/e2e/queue.e2e.test.ts (which asserts
 * the issue-14 targets) and the bench's queue measure (bench/lib/queue.ts, which reports them as
 * figures): the sandbox in its own process behind two forwarders ("gates"), Redis and PostgreSQL
 * (scripts/queue-services.js), one main and N workers per n8n line (scripts/queue-mode.js) with the
 * packed package installed once, and the three measured runs (token expiry, Self Client first use,
 * shared rate), each returning what it observed; the callers judge it.
 */
import * as http from 'http';
import { randomBytes, randomUUID } from 'crypto';
import * as runtime from '../../scripts/n8n-runtime';
import { startQueueServices } from '../../scripts/queue-services';
import type { QueueServices } from '../../scripts/queue-services';
import { startQueueMode } from '../../scripts/queue-mode';
import type { QueueMode } from '../../scripts/queue-mode';
import {
	NODE_TYPE,
	createUserFolder,
	removeUserFolders,
	startSandboxProcess,
	stopAll,
	type N8nLine,
	type SandboxProcess,
} from '../../test/e2e/n8n';
import { N8nRest, activateWorkflow, createWorkflow, waitUntilPublished } from '../../test/e2e/rest';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	authOf,
	control,
	oauthCredential,
	recordedRequests,
	tokenCalls,
} from '../../test/e2e/workflows';
import type { CredRef, Recorded } from '../../test/e2e/workflows';

/* eslint-disable @typescript-eslint/no-explicit-any */
/** A request as the gate saw it (body as text). */
export interface GateRequest {
	method: string;
	path: string;
	query: string;
	body: string;
}

/**
 * An HTTP forwarder to one sandbox host. Once armed with n, it holds every request that `match`
 * picks until n are held at once, then lets them all through. `maxHeld` says how many were
 * waiting together. A deadlock breaker (no assertion on time) releases them after `giveUpMs` so a
 * test that cannot reach n fails on maxHeld instead of hanging.
 * `before` is awaited before a request goes on (e.g. to expire the tokens at the 250th create);
 * `after` once the sandbox answered, before the answer is passed on: 'drop' closes the
 * connection instead (the answer is lost, as when the caller's process dies). `rewrite` changes
 * every answer's body (the accounts gate names the API gate as the token's api_domain).
 */
export interface Gate {
	url: string;
	maxHeld: number;
	gaveUp: boolean;
	before?: (r: GateRequest) => Promise<void> | void;
	after?: (
		r: GateRequest,
		answer: { status: number; body: string },
	) => Promise<'deliver' | 'drop'> | 'deliver' | 'drop';
	rewrite?: (r: GateRequest, body: string) => string;
	arm(n: number, match: (r: GateRequest) => boolean, giveUpMs: number): void;
	close(): Promise<void>;
}

export async function startGate(target: string): Promise<Gate> {
	const to = new URL(target);
	let armed: { n: number; match: (r: GateRequest) => boolean; timer: NodeJS.Timeout } | undefined;
	let held: Array<() => void> = [];
	const forward = async (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		body: Buffer,
		r: GateRequest,
	): Promise<void> => {
		const fail = (e: Error): void => {
			if (res.headersSent || res.destroyed) return;
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`gate: ${e.message}`);
		};
		try {
			await gate.before?.(r);
		} catch (e) {
			return fail(e as Error);
		}
		const out = http.request(
			{
				host: to.hostname,
				port: to.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: to.host },
			},
			(answer) => {
				const chunks: Buffer[] = [];
				answer.on('data', (c: Buffer) => chunks.push(c));
				answer.on('end', () => {
					const received = Buffer.concat(chunks);
					const text = gate.rewrite ? Buffer.from(gate.rewrite(r, received.toString())) : received;
					const status = answer.statusCode ?? 502;
					Promise.resolve(gate.after ? gate.after(r, { status, body: text.toString() }) : 'deliver')
						.then((verdict) => {
							if (verdict === 'drop') return void res.destroy();
							const headers = { ...answer.headers, 'content-length': String(text.length) };
							delete headers['transfer-encoding'];
							res.writeHead(status, headers);
							res.end(text);
						})
						.catch(fail);
				});
			},
		);
		out.on('error', fail);
		out.end(body);
	};
	const releaseAll = (): void => {
		if (armed) clearTimeout(armed.timer);
		armed = undefined;
		const go = held;
		held = [];
		for (const f of go) f();
	};
	const gate: Gate = {
		url: '',
		maxHeld: 0,
		gaveUp: false,
		arm(n, match, giveUpMs) {
			gate.maxHeld = 0;
			gate.gaveUp = false;
			const timer = setTimeout(() => {
				gate.gaveUp = true;
				releaseAll();
			}, giveUpMs);
			armed = { n, match, timer };
		},
		close: () =>
			new Promise((resolve) => {
				releaseAll();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const [path, query = ''] = (req.url ?? '').split('?');
			const r: GateRequest = { method: req.method ?? '', path, query, body: body.toString() };
			if (!armed || !armed.match(r)) return void forward(req, res, body, r);
			held.push(() => void forward(req, res, body, r));
			gate.maxHeld = Math.max(gate.maxHeld, held.length);
			if (held.length >= armed.n) releaseAll();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	gate.url = `http://127.0.0.1:${port}`;
	return gate;
}

/** Execution ids a worker's log says it started / finished ("Worker started execution 7 (job 7)"). */
export function workerExecutions(out: string, verb: 'started' | 'finished'): string[] {
	return [...out.matchAll(new RegExp(`Worker ${verb} execution (\\d+) \\(job`, 'g'))].map(
		(m) => m[1],
	);
}

export const CONTACTS = '/invoice/v3/contacts';
export const isCreate = (r: { method: string; path: string }): boolean =>
	r.method === 'POST' && r.path === CONTACTS;

/** POSTs `{items: [{name}, …]}` to a production webhook; the answer is the last node's items. */
export async function callWebhook(
	url: string,
	names: string[],
): Promise<{ status: number; body: string; items: any[] }> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items: names.map((name) => ({ name })) }),
	});
	const body = await res.text();
	let items: any[] = [];
	try {
		const parsed = JSON.parse(body) as unknown;
		items = Array.isArray(parsed) ? parsed : [parsed];
	} catch {
		items = [];
	}
	return { status: res.status, body, items };
}

/** Unique names for one run: `<prefix>-e<execution>-i<item>`. */
export function namesFor(prefix: string, executions: number, items: number): string[][] {
	return Array.from({ length: executions }, (_, e) =>
		Array.from({ length: items }, (_, i) => `${prefix}-e${e}-i${i}`),
	);
}

/** Every stored contact whose name starts with `prefix`, read over the sandbox's Zoho API. */
export async function storedContactNames(
	sb: SandboxProcess,
	org: string,
	prefix: string,
): Promise<string[]> {
	const { access_token } = await control<{ access_token: string }>(sb, 'access-token', {
		clientId: CLIENT_ID,
	});
	const names: string[] = [];
	for (let page = 1; ; page++) {
		const res = await fetch(
			`${sb.api}${CONTACTS}?contact_name_startswith=${encodeURIComponent(prefix)}&per_page=200&page=${page}`,
			{
				headers: {
					Authorization: `Zoho-oauthtoken ${access_token}`,
					'X-com-zoho-invoice-organizationid': org,
				},
			},
		);
		if (res.status !== 200)
			throw new Error(`sandbox contacts → ${res.status}: ${await res.text()}`);
		const body = (await res.json()) as any;
		names.push(...(body.contacts as any[]).map((c) => String(c.contact_name)));
		if (!body.page_context?.has_more_page) return names;
	}
}

/**
 * The sandbox's records against the names sent: `lost` were sent but are not stored,
 * `duplicated` counts stored copies beyond the first, `unexpected` stored names never sent.
 */
export function tally(stored: string[], sent: string[]) {
	const counts = new Map<string, number>();
	for (const n of stored) counts.set(n, (counts.get(n) ?? 0) + 1);
	const wanted = new Set(sent);
	const duplicatedNames = [...counts].filter(([, c]) => c > 1).map(([n]) => n);
	return {
		stored: stored.length,
		lost: sent.filter((n) => !counts.has(n)).length,
		duplicated: [...counts.values()].reduce((sum, c) => sum + c - 1, 0),
		duplicatedNames,
		unexpected: [...counts.keys()].filter((n) => !wanted.has(n)).length,
	};
}

/** A recorded request with the sandbox's answer status and time (test/sandbox/README.md). */
export type Wire = Recorded & { status?: number; answeredAt?: number };

/** The requests the sandbox's API host received since the last clear-requests, in arrival order. */
export async function apiRequests(sb: SandboxProcess): Promise<Wire[]> {
	return ((await recordedRequests(sb)) as Wire[]).filter((r) => r.server === 'api');
}

/** How many requests got each status: `{ 201: 500, 401: 9 }`. */
export function statusCounts(requests: Wire[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const r of requests) out[String(r.status)] = (out[String(r.status)] ?? 0) + 1;
	return out;
}

export type WebhookAnswer = Awaited<ReturnType<typeof callWebhook>>;
export type Tally = ReturnType<typeof tally>;

/**
 * Items a caller did not get back as created contacts (an error item, a missing item, or the whole
 * execution when the webhook did not answer 200), and how many of them failed on a rate limit.
 */
export function failedItems(
	answers: WebhookAnswer[],
	names: string[][],
): { failed: number; rateLimited: number; failedExecutions: number } {
	const is429 = (text: string): boolean => /\b429\b|rate limit|too many requests/i.test(text);
	const out = { failed: 0, rateLimited: 0, failedExecutions: 0 };
	answers.forEach((a, e) => {
		if (a.status !== 200) {
			out.failedExecutions++;
			out.failed += names[e].length;
			if (is429(a.body)) out.rateLimited += names[e].length;
			return;
		}
		names[e].forEach((name, i) => {
			const item = a.items[i];
			if (item?.contact_name === name && /^\d{18}$/.test(String(item.contact_id))) return;
			out.failed++;
			if (item && is429(JSON.stringify(item))) out.rateLimited++;
		});
	});
	return out;
}

// ---------------------------------------------------------------------------------------------
// The environment: one per process (every line uses it), and one queue-mode n8n per line.

export interface QueueWorld {
	sb: SandboxProcess;
	svc: QueueServices;
	/** In front of the sandbox's API host: the credentials' API host and the tokens' api_domain. */
	gate: Gate;
	/** In front of the sandbox's accounts host (the token endpoint). */
	accountsGate: Gate;
	/** One install of the packed package, linked into every process's user folder on every line. */
	nodesDir: string;
	/** The sandbox's default Invoice organization. */
	org: string;
	/** GET {api}/invoice/v3{path} straight from the sandbox, with a token of its own. */
	apiGet(path: string, headers?: Record<string, string>): Promise<any>;
	/** Closes the gates and stops every process started (sandbox, n8n, Redis, PostgreSQL). */
	close(): Promise<void>;
}

/** Starts the sandbox, its gates, Redis and PostgreSQL, and installs the packed package once. */
export async function startQueueWorld(): Promise<QueueWorld> {
	const w: Partial<QueueWorld> = {};
	w.close = async () => {
		await w.gate?.close();
		await w.accountsGate?.close();
		await stopAll();
		await w.svc?.stop();
		removeUserFolders();
	};
	try {
		const [sb, svc] = await Promise.allSettled([startSandboxProcess(), startQueueServices()]);
		if (svc.status === 'fulfilled') w.svc = svc.value;
		if (sb.status === 'rejected') throw sb.reason;
		if (svc.status === 'rejected') throw svc.reason;
		w.sb = sb.value;
		const gate = (w.gate = await startGate(w.sb.api));
		const accountsGate = (w.accountsGate = await startGate(new URL(w.sb.accounts).origin));
		// The API gate stands in for the sandbox's API host, so tokens name it as their
		// api_domain (the package sends a token only to the API host it was issued for).
		accountsGate.rewrite = (r, body) => {
			if (!r.path.endsWith('/oauth/v2/token')) return body;
			try {
				const json = JSON.parse(body) as Record<string, unknown>;
				return typeof json.api_domain === 'string'
					? JSON.stringify({ ...json, api_domain: gate.url })
					: body;
			} catch {
				return body;
			}
		};
		w.nodesDir = `${await createUserFolder('queue-pkg')}/.n8n/nodes`;
		const { access_token } = await control<{ access_token: string }>(w.sb, 'access-token', {
			clientId: CLIENT_ID,
		});
		const api = w.sb.api;
		w.apiGet = async (path, headers = {}) => {
			const res = await fetch(`${api}/invoice/v3${path}`, {
				headers: { Authorization: `Zoho-oauthtoken ${access_token}`, ...headers },
			});
			if (res.status !== 200)
				throw new Error(`sandbox GET ${path} → ${res.status}: ${await res.text()}`);
			return await res.json();
		};
		const orgs = (await w.apiGet('/organizations')).organizations as any[];
		w.org = String((orgs.find((o) => o.is_default_org) ?? orgs[0]).organization_id);
		return w as QueueWorld;
	} catch (e) {
		await w.close();
		throw e;
	}
}

/** One queue-mode n8n (main + workers) of a line, its REST client (owner) and its OAuth2 credential. */
export interface QueueLine {
	world: QueueWorld;
	line: N8nLine;
	/** The line as names carry it: 2-8. */
	tag: string;
	q: QueueMode;
	rest: N8nRest;
	/** An OAuth2 credential holding sandbox tokens, imported before the processes started. */
	cred: CredRef;
}

export async function startQueueLine(
	world: QueueWorld,
	line: N8nLine,
	opts: {
		cred: CredRef;
		workers: number;
		concurrency: number;
		env?: Record<string, string>;
		log?: (message: string) => void;
	},
): Promise<QueueLine> {
	const credential = await oauthCredential(world.sb, opts.cred);
	// The Zoho API host goes through the gate (the token's api_domain too: the package sends
	// a token only to the API host it was issued for), the token endpoint through the
	// accounts gate (which names the API gate in the tokens it passes on).
	credential.data.customApiUrl = world.gate.url;
	credential.data.customAccountsUrl = `${world.accountsGate.url}${new URL(world.sb.accounts).pathname}`;
	(credential.data.oauthTokenData as Record<string, unknown>).api_domain = world.gate.url;
	const q = await startQueueMode(line, {
		services: world.svc,
		nodesDir: world.nodesDir,
		workers: opts.workers,
		concurrency: opts.concurrency,
		env: opts.env,
		log: opts.log,
		// The credential goes into the shared database before main and workers start (the
		// REST API does not accept stored OAuth tokens); this first command also migrates.
		prepare: async (ctx) => {
			await runtime.importCredentials(ctx.n8n, ctx.folder, [credential], {
				env: ctx.env,
				timeoutMs: 180_000,
			});
		},
	});
	const rest = new N8nRest(q.url);
	try {
		await rest.setupOwner();
	} catch (e) {
		await q.stop();
		throw e;
	}
	return { world, line, tag: line.replace('.', '-'), q, rest, cred: opts.cred };
}

/** Where each worker's log is now, to read which executions it starts from here on. */
export const logMarks = (q: QueueMode): number[] => q.workers.map((w) => w.handle.out.length);
/** The executions each worker started since `marks`. */
export const ranSince = (q: QueueMode, marks: number[]): string[][] =>
	q.workers.map((w, i) => workerExecutions(w.handle.out.slice(marks[i]), 'started'));
/** Unique contact names for one run start with this. */
export const runPrefix = (l: QueueLine, label: string): string =>
	`q${label}-${l.tag}-${randomBytes(3).toString('hex')}`;

/** A production Webhook trigger (v2) at `path` that answers with the last node's items. */
export function webhookNode(httpMethod: 'GET' | 'POST', path: string): Record<string, unknown> {
	return {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {
			httpMethod,
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
}

/**
 * A published workflow: Webhook (POST; answers with the last node's items) → Split Out
 * `body.items` → Zoho Invoice Contact Create named `{{ $json.name }}` with `options`
 * (with `continueOnFail`, a failed item becomes an error item instead of failing the execution).
 */
export async function createsWorkflow(
	l: QueueLine,
	label: string,
	credential: CredRef,
	options: Record<string, unknown>,
	continueOnFail = false,
): Promise<{ wf: { id: string; versionId: string }; url: string }> {
	const path = `zoho-queue-${l.tag}-${label}`;
	const created = await createWorkflow(l.rest, {
		name: `Queue mode ${label} (${l.line})`,
		nodes: [
			webhookNode('POST', path),
			{
				id: randomUUID(),
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.items', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Create Contact',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
				parameters: {
					authentication: authOf(credential),
					resource: 'contact',
					operation: 'create',
					organizationId: l.world.org,
					contactName: '={{ $json.name }}',
					options,
				},
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Create Contact', type: 'main', index: 0 }]] },
		},
	});
	await activateWorkflow(l.rest, created);
	await waitUntilPublished(l.rest, created);
	return { wf: created, url: `${l.q.url}/webhook/${path}` };
}

// ---------------------------------------------------------------------------------------------
// The measured runs: every execution's webhook called at once, each creating its contacts.

/** What one run of creates observed. */
export interface CreatesRun {
	wf: { id: string; versionId: string };
	/** The contact names of each execution (one webhook call each). */
	names: string[][];
	answers: WebhookAnswer[];
	/** From the start of the run to the last webhook answer. */
	ms: number;
	/** The executions each worker started (its log). */
	ran: string[][];
	/** The API requests the sandbox received in the run, in arrival order, with its answers. */
	api: Wire[];
	/** How many API requests got each status. */
	wire: Record<string, number>;
	/** Requests at the token endpoint in the run, by grant type. */
	tokens: { authorization_code: number; refresh_token: number };
	/** The sandbox's contacts of this run against the names sent. */
	stored: Tally;
}

interface CreatesSpec {
	label: string;
	credential: CredRef;
	options: Record<string, unknown>;
	executions: number;
	items: number;
	continueOnFail?: boolean;
	/** Just before the webhooks are called; `disarm` once all answered (or one failed). */
	arm?: () => unknown;
	disarm?: () => unknown;
}

async function runCreates(l: QueueLine, s: CreatesSpec, t0: number): Promise<CreatesRun> {
	const { sb, org } = l.world;
	const { wf, url } = await createsWorkflow(l, s.label, s.credential, s.options, s.continueOnFail);
	const prefix = runPrefix(l, s.label);
	const names = namesFor(prefix, s.executions, s.items);
	await control(sb, 'clear-requests');
	const before = await tokenCalls(sb);
	const marks = logMarks(l.q);
	await s.arm?.();
	let answers: WebhookAnswer[];
	try {
		answers = await Promise.all(names.map((n) => callWebhook(url, n)));
	} finally {
		await s.disarm?.();
	}
	const ms = Date.now() - t0;
	const after = await tokenCalls(sb);
	// Before the contacts are read back: those reads are recorded too.
	const api = await apiRequests(sb);
	return {
		wf,
		names,
		answers,
		ms,
		ran: ranSince(l.q, marks),
		api,
		wire: statusCounts(api),
		tokens: {
			authorization_code: after.authorization_code - before.authorization_code,
			refresh_token: after.refresh_token - before.refresh_token,
		},
		stored: tally(await storedContactNames(sb, org, `${prefix}-`), names.flat()),
	};
}

/**
 * Token expiry: `executions` × `items` Contact Creates on the line's OAuth2 credential, pacing out
 * of the way; every access token the sandbox issued expires when the middle create reaches it.
 */
export async function tokenExpiry(
	l: QueueLine,
	{ executions = 20, items = 25, continueOnFail = false } = {},
): Promise<
	CreatesRun & {
		expireAt: number;
		storedBeforeFirst401: number;
		storedAfterFirst401: number;
		/** Distinct access tokens on the creates Zoho stored after the first 401. */
		newTokensOnWire: number;
	}
> {
	const t0 = Date.now();
	const { gate, sb } = l.world;
	const expireAt = (executions * items) / 2;
	let creates = 0;
	const r = await runCreates(
		l,
		{
			label: 'token',
			credential: l.cred,
			options: { rateLimitPerMinute: 1_000_000 },
			executions,
			items,
			continueOnFail,
			arm: () => {
				gate.before = async (req) => {
					if (isCreate(req) && ++creates === expireAt) await control(sb, 'expire-tokens');
				};
			},
			disarm: () => (gate.before = undefined),
		},
		t0,
	);
	const firstRefused = r.api.findIndex((x) => x.status === 401);
	const cut = firstRefused < 0 ? r.api.length : firstRefused;
	const after = r.api.slice(cut).filter((x) => x.status === 201);
	return {
		...r,
		expireAt,
		storedBeforeFirst401: r.api.slice(0, cut).filter((x) => x.status === 201).length,
		storedAfterFirst401: after.length,
		newTokensOnWire: new Set(after.map((x) => x.headers.authorization)).size,
	};
}

/**
 * Self Client first use: a new Self Client credential with a fresh grant code, and `executions`
 * at once. The race is made certain: each worker's first execution sends its exchange (the others
 * of that worker wait for it in the package's token gate), and the accounts gate lets the two go
 * on together once both arrived. A worker holds at most its concurrency (5 of the 10), so the
 * second exchange can only come from the other worker.
 */
export async function selfClientFirstUse(
	l: QueueLine,
	{ executions = 10, items = 5, continueOnFail = false } = {},
): Promise<
	CreatesRun & {
		/** What Zoho answered each token request: `<grant_type> → tokens` or `→ <error>`. */
		answered: string[];
		/** How many exchanges waited at the accounts gate together; whether it gave up waiting. */
		race: { maxHeld: number; gaveUp: boolean };
	}
> {
	const t0 = Date.now();
	const { sb, gate, accountsGate } = l.world;
	const { code } = await control<{ code: string }>(sb, 'grant-code', {
		clientId: CLIENT_ID,
		ttlMs: 30 * 60 * 1000,
	});
	// The token endpoint goes through the accounts gate.
	const created = await l.rest.createCredential(
		`Zoho Self Client (queue ${l.line})`,
		'zohoSelfClientApi',
		{
			dataCenter: 'custom',
			customAccountsUrl: `${accountsGate.url}${new URL(sb.accounts).pathname}`,
			customApiUrl: gate.url,
			customPeopleUrl: sb.people,
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			grantCode: code,
		},
	);
	const self: CredRef = { type: 'zohoSelfClientApi', id: created.id, name: created.name };
	const grantOf = (r: GateRequest): string =>
		new URLSearchParams(r.body).get('grant_type') ??
		new URLSearchParams(r.query).get('grant_type') ??
		'';
	const isToken = (r: GateRequest): boolean => r.path.endsWith('/oauth/v2/token');
	const answered: string[] = [];
	const r = await runCreates(
		l,
		{
			label: 'self-client',
			credential: self,
			options: { rateLimitPerMinute: 1_000_000 },
			executions,
			items,
			continueOnFail,
			arm: () => {
				accountsGate.after = (req, a) => {
					if (isToken(req)) {
						let error: unknown;
						try {
							error = (JSON.parse(a.body) as { error?: unknown }).error;
						} catch {
							error = `HTTP ${a.status}`;
						}
						answered.push(`${grantOf(req)} → ${typeof error === 'string' ? error : 'tokens'}`);
					}
					return 'deliver';
				};
				accountsGate.arm(2, (req) => isToken(req) && grantOf(req) === 'authorization_code', 90_000);
			},
			disarm: () => (accountsGate.after = undefined),
		},
		t0,
	);
	return {
		...r,
		answered,
		race: { maxHeld: accountsGate.maxHeld, gaveUp: accountsGate.gaveUp },
	};
}

/**
 * Shared rate: `executions` × `items` creates under a per-minute limit in the sandbox, Zoho's
 * minute scaled down to `windowMs` (100 per 5 s = 1,200 a minute, so 1,000 creates need about
 * 50 s); the node is told the same limit per minute and, unless 1 (the default, left unset), how
 * many workers share it. Share of the allowed rate = creates stored ÷ what the limit allows from
 * the first request to the last stored create's answer.
 */
export async function sharedRate(
	l: QueueLine,
	{
		workersSharingRate,
		executions = 10,
		items = 100,
		limitPerWindow = 100,
		windowMs = 5000,
		continueOnFail = false,
	}: {
		workersSharingRate: number;
		executions?: number;
		items?: number;
		limitPerWindow?: number;
		windowMs?: number;
		continueOnFail?: boolean;
	},
): Promise<
	CreatesRun & {
		perMinute: number;
		elapsedMs: number;
		shareOfAllowedRate: number;
		/** The most creates stored in any window of the sandbox's length (by arrival). */
		busiestWindow: number;
	}
> {
	const t0 = Date.now();
	const { sb } = l.world;
	const perMinute = (limitPerWindow * 60_000) / windowMs;
	const r = await runCreates(
		l,
		{
			label: `rate-w${workersSharingRate}`,
			credential: l.cred,
			options: {
				rateLimitPerMinute: perMinute,
				...(workersSharingRate === 1 ? {} : { workersSharingRate }),
			},
			executions,
			items,
			continueOnFail,
			arm: () => control(sb, 'invoice-limits', { perMinute: { limit: limitPerWindow, windowMs } }),
			disarm: () => control(sb, 'invoice-limits', {}),
		},
		t0,
	);
	const stored = r.api.filter((x) => x.status === 201);
	const first = Math.min(...r.api.map((x) => x.at));
	const last = Math.max(...stored.map((x) => x.answeredAt ?? x.at));
	const elapsedMs = last - first;
	return {
		...r,
		perMinute,
		elapsedMs,
		shareOfAllowedRate: stored.length / ((elapsedMs / windowMs) * limitPerWindow),
		busiestWindow: Math.max(
			...stored.map((p) => stored.filter((o) => o.at >= p.at && o.at < p.at + windowMs).length),
		),
	};
}
/* eslint-enable @typescript-eslint/no-explicit-any */
