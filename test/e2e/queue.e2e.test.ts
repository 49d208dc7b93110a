/**
 * n8n's queue mode, for real, on both lines (2.8.4 on Node 20, 2.41.1 on Node 24): one main
 * (`n8n start`) and two workers (`n8n worker --concurrency=5`), each its own process, all on one
 * PostgreSQL database and one Redis (Debian's packages, started by scripts/queue-services.js as
 * private processes). scripts/queue-mode.js starts n8n; the package is installed once and linked
 * into every process's user folder. It proves the environment the queue-mode behaviour tests build on:
 *
 *  - main and workers are separate processes, with their own task-runner broker ports, and the
 *    main reports queue mode;
 *  - ten calls of a production webhook at once (a published workflow: Webhook → Zoho Invoice
 *    Custom API Call with the sandbox OAuth2 credential) run on the workers, FIVE ON EACH, and all
 *    succeed with the sandbox's contacts. The split is forced, not hoped for: the Zoho API host
 *    of the credential is a gate in this process that holds the contact requests until ten are
 *    waiting at once, which only happens when each worker (at most 5 jobs) runs five executions.
 *    The executions list (REST) shows the ten, and the workers' own logs say which ran which.
 *
 * Without Redis or PostgreSQL (and without root to install them) the tests are skipped and the
 * reason is printed; with CI set they fail instead (.ci/run installs both first).
 * Skip with ZOHO_E2E=0. Lines: ZOHO_E2E_LINES.
 */
import * as http from 'http';
import { randomUUID } from 'crypto';
import * as runtime from '../../scripts/n8n-runtime';
import { findQueueServices, startQueueServices } from '../../scripts/queue-services';
import type { QueueServices } from '../../scripts/queue-services';
import { startQueueMode } from '../../scripts/queue-mode';
import type { QueueMode } from '../../scripts/queue-mode';
import {
	INSTALL_TIMEOUT_MS,
	NODE_TYPE,
	createUserFolder,
	describeE2E,
	e2eEnabled,
	removeUserFolders,
	startSandboxProcess,
	stopAll,
	type SandboxProcess,
} from './n8n';
import {
	N8nRest,
	activateWorkflow,
	createWorkflow,
	listExecutions,
	waitUntilPublished,
} from './rest';
import {
	CLIENT_ID,
	control,
	oauthCredential,
	recordedRequests,
	selectedLines,
	tokenCalls,
} from './workflows';

const IN_CI = !!process.env.CI && !/^(0|false|no)$/i.test(process.env.CI);
const EXECUTIONS = 10;
const WORKERS = 2;
const CONCURRENCY = 5;
const LIMIT = 3;

// Redis and PostgreSQL are looked for (and, as root, installed) while the file is collected, so a
// gap is decided before any test starts: a skip with the reason here, a failure in CI.
const services = e2eEnabled && selectedLines.length ? findQueueServices() : {};
if (services.missing) {
	if (IN_CI)
		throw new Error(`CI is set, so the queue-mode e2e tests must run, but ${services.missing}`);
	process.stderr.write(
		`\n[queue] SKIPPED the queue-mode e2e tests (test/e2e/queue.e2e.test.ts): ${services.missing}\n\n`,
	);
}
const describeQueue = services.missing ? describe.skip : describeE2E;
const SKIP_NOTE = services.missing ? ` — SKIPPED: ${services.missing}` : '';

/**
 * An HTTP forwarder to the sandbox's API host. Once armed with n, it holds every request whose
 * path matches until n are held at once, then lets them all through. `maxHeld` says how many
 * were waiting together. A deadlock breaker (no assertion on time) releases them after
 * `giveUpMs` so a test that cannot reach n fails on maxHeld instead of hanging.
 */
interface Gate {
	url: string;
	maxHeld: number;
	gaveUp: boolean;
	arm(n: number, match: (path: string) => boolean, giveUpMs: number): void;
	close(): Promise<void>;
}

async function startGate(target: string): Promise<Gate> {
	const to = new URL(target);
	let armed: { n: number; match: (p: string) => boolean; timer: NodeJS.Timeout } | undefined;
	let held: Array<() => void> = [];
	const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void => {
		const out = http.request(
			{
				host: to.hostname,
				port: to.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: to.host },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		out.on('error', (e) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`gate: ${e.message}`);
		});
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
			const path = (req.url ?? '').split('?')[0];
			if (!armed || !armed.match(path)) return forward(req, res, body);
			held.push(() => forward(req, res, body));
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
function workerExecutions(out: string, verb: 'started' | 'finished'): string[] {
	return [...out.matchAll(new RegExp(`Worker ${verb} execution (\\d+) \\(job`, 'g'))].map(
		(m) => m[1],
	);
}

/* eslint-disable @typescript-eslint/no-explicit-any */
describeQueue(
	`n8n queue mode: main + ${WORKERS} workers on PostgreSQL and Redis (e2e)${SKIP_NOTE}`,
	() => {
		let sb: SandboxProcess;
		let svc: QueueServices;
		let gate: Gate;
		let nodesDir: string;
		/** The sandbox's first LIMIT contacts of the default organization (ids as strings). */
		let firstContacts: Array<{ contact_id: string; contact_name: string }>;

		beforeAll(async () => {
			[sb, svc] = await Promise.all([startSandboxProcess(), startQueueServices()]);
			gate = await startGate(sb.api);
			// One install of the packed package, linked into every process's user folder on both lines.
			nodesDir = `${await createUserFolder('queue-pkg')}/.n8n/nodes`;
			const { access_token } = await control<{ access_token: string }>(sb, 'access-token', {
				clientId: CLIENT_ID,
			});
			const get = async (path: string, headers: Record<string, string> = {}): Promise<any> => {
				const res = await fetch(`${sb.api}/invoice/v3${path}`, {
					headers: { Authorization: `Zoho-oauthtoken ${access_token}`, ...headers },
				});
				if (res.status !== 200)
					throw new Error(`sandbox GET ${path} → ${res.status}: ${await res.text()}`);
				return await res.json();
			};
			const orgs = (await get('/organizations')).organizations as any[];
			const org = String((orgs.find((o) => o.is_default_org) ?? orgs[0]).organization_id);
			firstContacts = (
				await get(`/contacts?page=1&per_page=${LIMIT}`, {
					'X-com-zoho-invoice-organizationid': org,
				})
			).contacts;
		}, INSTALL_TIMEOUT_MS);

		afterAll(async () => {
			await gate?.close();
			await stopAll();
			await svc?.stop();
			removeUserFolders();
		}, 120_000);

		describe.each(selectedLines)('n8n %s', (line) => {
			let q: QueueMode;
			let rest: N8nRest;
			let wf: { id: string; versionId: string };
			const webhookPath = `zoho-queue-${line.replace('.', '-')}`;
			const cred = {
				type: 'zohoRegionalOAuth2Api' as const,
				id: 'zohoQueueOauth01',
				name: 'Zoho OAuth2 (queue)',
			};
			let started = 0;

			beforeAll(async () => {
				started = Date.now();
				const credential = await oauthCredential(sb, cred);
				// The Zoho API host goes through the gate (the token's api_domain too: the package sends
				// a token only to the API host it was issued for).
				credential.data.customApiUrl = gate.url;
				(credential.data.oauthTokenData as Record<string, unknown>).api_domain = gate.url;
				q = await startQueueMode(line, {
					services: svc,
					nodesDir,
					workers: WORKERS,
					concurrency: CONCURRENCY,
					// The credential goes into the shared database before main and workers start (the
					// REST API does not accept stored OAuth tokens); this first command also migrates.
					prepare: async (ctx) => {
						await runtime.importCredentials(ctx.n8n, ctx.folder, [credential], {
							env: ctx.env,
							timeoutMs: 180_000,
						});
					},
				});
				rest = new N8nRest(q.url);
				await rest.setupOwner();
				wf = await createWorkflow(rest, {
					name: `Queue mode webhook (${line})`,
					nodes: [
						{
							id: randomUUID(),
							name: 'Webhook',
							type: 'n8n-nodes-base.webhook',
							typeVersion: 2,
							position: [0, 0],
							webhookId: randomUUID(),
							parameters: {
								httpMethod: 'GET',
								path: webhookPath,
								responseMode: 'lastNode',
								responseData: 'allEntries',
								options: {},
							},
						},
						{
							id: randomUUID(),
							name: 'Zoho Invoice',
							type: NODE_TYPE,
							typeVersion: 1,
							position: [220, 0],
							parameters: {
								authentication: 'oAuth2',
								resource: 'customApiCall',
								operation: 'request',
								method: 'GET',
								path: '/contacts',
								returnAll: false,
								limit: LIMIT,
							},
							credentials: { [cred.type]: { id: cred.id, name: cred.name } },
						},
					],
					connections: { Webhook: { main: [[{ node: 'Zoho Invoice', type: 'main', index: 0 }]] } },
				});
				await activateWorkflow(rest, wf);
				await waitUntilPublished(rest, wf);
				process.stderr.write(
					`[queue ${line}] main + ${WORKERS} workers ready in ${Date.now() - started} ms\n`,
				);
			}, INSTALL_TIMEOUT_MS);

			afterAll(async () => {
				await q?.stop();
				process.stderr.write(
					`[queue ${line}] whole line (start, tests, stop) ${Date.now() - started} ms\n`,
				);
			}, 120_000);

			it('runs one main and two workers as separate processes, each with its own task broker port', async () => {
				const pids = [q.main.pid, ...q.workers.map((w) => w.pid)];
				expect(new Set(pids).size).toBe(1 + WORKERS);
				for (const pid of pids) expect(() => process.kill(pid, 0)).not.toThrow();
				const brokerPorts = [q.main.brokerPort, ...q.workers.map((w) => w.brokerPort)];
				expect(new Set(brokerPorts).size).toBe(1 + WORKERS);
				// Queue mode on PostgreSQL and Redis, one database and one key for all.
				expect(q.env).toMatchObject({
					EXECUTIONS_MODE: 'queue',
					DB_TYPE: 'postgresdb',
					DB_POSTGRESDB_DATABASE: q.database.database,
					QUEUE_BULL_REDIS_PORT: String(q.redis.port),
				});
				const settings = await rest.data<any>('GET', '/rest/settings');
				expect(settings.executionMode).toBe('queue');
				for (const w of q.workers) {
					expect(w.handle.out).toContain(`Concurrency: ${CONCURRENCY}`);
					const health = await fetch(`${w.healthUrl}/healthz`);
					expect(health.status).toBe(200);
					expect(await health.json()).toEqual({ status: 'ok' });
				}
			});

			it(`runs ${EXECUTIONS} webhook calls at once on the workers, ${CONCURRENCY} on each, all successful`, async () => {
				await control(sb, 'clear-requests');
				const tokensBefore = await tokenCalls(sb);
				const logAt = q.workers.map((w) => w.handle.out.length);
				gate.arm(EXECUTIONS, (p) => p.endsWith('/invoice/v3/contacts'), 90_000);

				const answers = await Promise.all(
					Array.from({ length: EXECUTIONS }, async () => {
						const res = await fetch(`${q.url}/webhook/${webhookPath}`);
						return { status: res.status, body: await res.text() };
					}),
				);

				// Each caller got the Zoho node's output (the webhook answers with the last node's items).
				for (const a of answers) {
					expect(`${a.status} ${a.status === 200 ? '' : a.body}`).toBe('200 ');
					const items = JSON.parse(a.body) as any[];
					expect(items.map((c) => [c.contact_id, c.contact_name])).toEqual(
						firstContacts.map((c) => [c.contact_id, c.contact_name]),
					);
				}

				// All ten contact requests were waiting at the gate together: 5 + 5 running jobs.
				expect({ maxHeld: gate.maxHeld, gaveUp: gate.gaveUp }).toEqual({
					maxHeld: EXECUTIONS,
					gaveUp: false,
				});

				// n8n's executions list: ten webhook executions of this workflow, all successful.
				const list = await listExecutions(rest, wf.id);
				expect(list.count).toBe(EXECUTIONS);
				expect(list.results.map((e) => [e.mode, e.status])).toEqual(
					Array.from({ length: EXECUTIONS }, () => ['webhook', 'success']),
				);
				const ids = list.results.map((e) => e.id).sort();

				// Which worker ran which: n8n does not store the worker in the execution; each worker's
				// log names the executions it started and finished.
				const perWorker = q.workers.map((w, i) => {
					const out = w.handle.out.slice(logAt[i]);
					return {
						started: workerExecutions(out, 'started'),
						finished: workerExecutions(out, 'finished'),
					};
				});
				for (const w of perWorker) {
					expect(w.started).toHaveLength(CONCURRENCY);
					expect([...w.finished].sort()).toEqual([...w.started].sort());
				}
				expect(perWorker.flatMap((w) => w.started).sort()).toEqual(ids);
				expect(q.main.handle.out).not.toMatch(/Worker started execution/);

				// On the wire, per execution: the organization lookup, then one contacts page (held at the
				// gate until all ten lookups were done); no token request (the stored token is valid).
				const recorded = await recordedRequests(sb);
				expect(recorded.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`)).toEqual([
					...Array.from({ length: EXECUTIONS }, () => 'GET /invoice/v3/organizations {}'),
					...Array.from(
						{ length: EXECUTIONS },
						() => `GET /invoice/v3/contacts {"page":"1","per_page":"${LIMIT}"}`,
					),
				]);
				expect(await tokenCalls(sb)).toEqual(tokensBefore);
			}, 180_000);
		});
	},
);
/* eslint-enable @typescript-eslint/no-explicit-any */
