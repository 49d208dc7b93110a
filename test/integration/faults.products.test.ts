/**
 * The fault matrix for every product node (Invoice, People, Bookings): each fault Zoho can answer
 * with, injected by the sandbox, against a small batch of creates (and, for transient faults on
 * People and Bookings, single-record reads; Invoice reads are covered by faults.test.ts).
 *
 * For every row: (a) error kind, message (Zoho's words kept) and no secret; (b) bounded retries,
 * and a create is re-sent only when Zoho certainly did not process it; (c) every input ends as
 * output or as one continue-on-fail error item; (d) no create is duplicated in the sandbox store.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunNodeResult } from '../harness';
import type { FaultKind, RecordedRequest } from '../sandbox';
import type { Auth, World } from './world';
import { expectNoSecrets, useWorld, visibleText } from './world';
import type { ProductKit, ProductName } from './faultKit';
import {
	KITS,
	cleanErrorProblem,
	deepText,
	errorKind,
	expectEveryInputAccountedFor,
	failedInputs,
	outputItems,
	overrideReplies,
	pairedIndex,
} from './faultKit';

const world = useWorld(0);
let w: World;
let restores: Array<() => void> = [];
beforeEach(() => {
	w = world();
	w.sb.onRequest = undefined;
	restores = [];
});
afterEach(() => {
	w.sb.onRequest = undefined;
	for (const restore of restores) restore();
});

interface Ctx {
	w: World;
	kit: ProductKit;
	auth: Auth;
	items: IDataObject[];
}

interface Row {
	name: string;
	op: 'write' | 'read';
	/** Input items (default 3). */
	n?: number;
	auth?: Auth;
	options?: IDataObject;
	inject?(ctx: Ctx): void | Promise<void>;
	/** Indices of the inputs that must fail, or how many (when which one is racy). */
	failed: number[] | number;
	kind?: string;
	message?: RegExp;
	/** Zoho's own words that must appear in the error item (message or description). */
	zohoWords?: string;
	/** Requests to the op's path. */
	sends: number;
	/** Records created (writes), counted once the sandbox has finished every request. */
	created?: number;
	/** Token endpoint calls made during the run. */
	tokenCalls?: number;
	/** HTTP status of each answer to the op's path, in order, when it matters. */
	statuses?: number[];
	/** The second send comes at least this long after the first was answered (sandbox timestamps). */
	resentAfterMs?: number;
}

/** The transient faults this table covers (hang, trickle, echo and status are exercised in hostile*.test.ts). */
type ClassicFault = Exclude<FaultKind, 'slow' | 'hang' | 'trickle' | 'echo' | 'status'>;

/** What each sandbox fault must produce. `words`: the answer's own text, which must reach the user. */
const TRANSIENT_WORDS: Record<ClassicFault, { message: RegExp; words?: string; kind: string }> = {
	status500: {
		message: /: Internal Server Error( \(code 500\))? \[HTTP 500\]$/,
		words: 'Internal Server Error',
		kind: 'api',
	},
	status502: {
		message: / answered HTTP 502 with text instead of JSON: Bad Gateway \[HTTP 502\]$/,
		words: 'Bad Gateway',
		kind: 'api',
	},
	status503: {
		message:
			/ answered HTTP 503 with text instead of JSON: Service Temporarily Unavailable \[HTTP 503\]$/,
		words: 'Service Temporarily Unavailable',
		kind: 'api',
	},
	reset: { message: / could not be reached \(/, kind: 'network' },
	html: {
		message:
			/ answered with an HTML page instead of JSON \(a server or gateway error\) \[HTTP 502\]$/,
		kind: 'api',
	},
	truncated: {
		message:
			/ answered with a body that is not valid JSON \(it may have been cut off\) \[HTTP 200\]$/,
		kind: 'api',
	},
};
const TRANSIENT = Object.keys(TRANSIENT_WORDS) as ClassicFault[];

/** Faults in front of the handler: Zoho never saw the request, yet a create must not be re-sent. */
function transientWriteRows(kit: ProductKit): Row[] {
	return [
		...TRANSIENT.map((kind): Row => ({
			name: `${kind} on a create: sent once, item fails, the rest go through`,
			op: 'write',
			inject: ({ w: world }) =>
				world.sb.injectFault({
					server: kit.server,
					kind,
					method: 'POST',
					pathIncludes: kit.writePath,
					times: 1,
				}),
			failed: [0],
			kind: TRANSIENT_WORDS[kind].kind,
			message: TRANSIENT_WORDS[kind].message,
			zohoWords: TRANSIENT_WORDS[kind].words,
			sends: 3,
			created: 2,
		})),
		{
			name: 'timeout (slow answer, timeoutSeconds 1) on a create: sent once; Zoho did create it, once',
			op: 'write',
			options: { timeoutSeconds: 1 },
			inject: ({ w: world }) =>
				world.sb.injectFault({
					server: kit.server,
					kind: 'slow',
					delayMs: 1500,
					method: 'POST',
					pathIncludes: kit.writePath,
					times: 1,
				}),
			failed: [0],
			kind: 'network',
			message: / did not answer within 1 s \(timed out\)/,
			sends: 3,
			created: 3,
		},
	];
}

/** Idempotent reads: bounded retries (3 sends), then a clear error; the next items still succeed. */
function transientReadRows(kit: ProductKit): Row[] {
	return [
		...TRANSIENT.map((kind): Row => ({
			name: `${kind} on every try of a read: 3 sends, then the item fails`,
			op: 'read',
			inject: ({ w: world }) =>
				world.sb.injectFault({
					server: kit.server,
					kind,
					method: 'GET',
					pathIncludes: kit.readPath,
					times: 3,
				}),
			failed: [0],
			kind: TRANSIENT_WORDS[kind].kind,
			message: TRANSIENT_WORDS[kind].message,
			zohoWords: TRANSIENT_WORDS[kind].words,
			sends: 5,
		})),
		{
			name: 'timeout on a read: retried, then succeeds',
			op: 'read',
			options: { timeoutSeconds: 1 },
			inject: ({ w: world }) =>
				world.sb.injectFault({
					server: kit.server,
					kind: 'slow',
					delayMs: 1500,
					method: 'GET',
					pathIncludes: kit.readPath,
					times: 1,
				}),
			failed: [],
			sends: 4,
		},
	];
}

const TOKEN_WORDS = 'Access Denied';

/** Token rows for both credential flows. */
function tokenRows(kit: ProductKit): Row[] {
	return (['oAuth2', 'selfClient'] as Auth[]).flatMap((auth): Row[] => [
		{
			name: `token endpoint "Access Denied" after the first token (${auth}): no create re-sent, none made`,
			op: 'write',
			auth,
			inject: async ({ w: world }) => {
				await prime(world, kit, auth);
				world.sb.setTokenThrottle({ limit: 0 });
				world.sb.expireAccessTokens();
			},
			failed: [0, 1, 2],
			kind: 'tokenThrottle',
			message:
				/^Zoho Accounts: too many access-token requests for this refresh token \(Zoho allows about 10 per 10 minutes\); try again after /,
			zohoWords: TOKEN_WORDS,
			// Each create went out once with the expired token (refused unprocessed), never again.
			sends: 3,
			created: 0,
			tokenCalls: 1,
		},
		{
			name: `token expiry mid-batch (${auth}): the refused create is re-sent once, all 5 made once, one renewal`,
			op: 'write',
			auth,
			n: 5,
			inject: async ({ w: world }) => {
				await prime(world, kit, auth);
				// Items run one at a time, so the 3rd create arrives only after the 2nd was answered:
				// expiring on its arrival (before the sandbox checks its token) = expiring after call 2.
				let calls = 0;
				world.sb.onRequest = (r) => {
					if (r.server === kit.server && r.path === kit.writePath && ++calls === 3)
						world.sb.expireAccessTokens();
				};
			},
			failed: [],
			sends: 6,
			created: 5,
			tokenCalls: 1,
		},
	]);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Failures about the data whose words sound like a quota ("locked", "per day", "limit exceeded"):
 * plain errors, sent once, never waited for. They guard the assumed quota wordings above.
 */
function lookalikeRows(
	kit: ProductKit,
	answers: Array<{ message: string; body: object; code?: number }>,
): Row[] {
	return answers.map(({ message, body, code }): Row => ({
		name: `"${message}" on a create is not a quota: sent once, item fails, the rest go through`,
		op: 'write',
		inject: ({ w: world }) => {
			world.sb.overrideReplies({
				server: kit.server,
				method: 'POST',
				pathIncludes: kit.writePath,
				times: 1,
				reply: {
					status: 200,
					headers: { 'content-type': 'application/json;charset=UTF-8' },
					body: JSON.stringify(body),
				},
			});
		},
		failed: [0],
		kind: 'api',
		message: new RegExp(
			`^${kit.label}: ${escape(message)}${code === undefined ? '' : ` \\(code ${code}\\)`} \\[HTTP 200\\]$`,
		),
		sends: 3,
		created: 2,
	}));
}

const peopleError = (code: number, message: string) => ({
	code,
	message,
	body: {
		response: {
			message: 'Error occurred',
			uri: '/api/forms/json/employee/insertRecord',
			errors: { code, message },
			status: 1,
		},
	},
});
const bookingsFailure = (message: string) => ({
	message,
	body: { response: { returnvalue: { status: 'failure', message }, status: 'success' } },
});

function rowsFor(name: ProductName): Row[] {
	const kit = KITS[name];
	const notProcessedRetry = (
		label: string,
		inject: Row['inject'],
		options: IDataObject,
		sends: number,
	): Row => ({
		name: label,
		op: 'write',
		options,
		inject,
		failed: [],
		sends,
		created: 3,
	});
	const common: Row[] = [
		...transientWriteRows(kit),
		...tokenRows(kit),
		{
			name: "200 with the product's error envelope: sent once, Zoho's words and code kept",
			op: 'write',
			inject: (ctx) => {
				const env = kit.envelope;
				if ('override' in env) {
					const service =
						kit.name === 'Invoice'
							? ctx.w.sb.invoice
							: kit.name === 'People'
								? ctx.w.sb.people
								: ctx.w.sb.bookings;
					let seen = false;
					restores.push(
						overrideReplies(
							service,
							(r) => r.method === 'POST' && r.path === kit.writePath && !seen && (seen = true),
							env.override,
						),
					);
				} else {
					ctx.items[0] = env.item0;
				}
			},
			failed: [0],
			kind: 'api',
			message: new RegExp(
				`^${kit.label}: .+${kit.envelope.code !== undefined ? ` \\(code ${kit.envelope.code}\\)` : ''} \\[HTTP 200\\]$`,
			),
			zohoWords: kit.envelope.zohoWords,
			sends: 3,
			created: 2,
		},
	];

	if (name === 'Invoice') {
		return [
			...common,
			notProcessedRetry(
				'429 per-minute (code 44) within maxWaitSeconds: the refused create is re-sent, all made once',
				({ w: world }) => world.sb.invoice.setLimits({ perMinute: { limit: 2, windowMs: 700 } }),
				{ maxWaitSeconds: 5 },
				4,
			),
			{
				name: '429 per-minute past maxWaitSeconds: fails at once, nothing re-sent',
				op: 'write',
				options: { maxWaitSeconds: 0 },
				inject: ({ w: world }) =>
					world.sb.invoice.setLimits({ perMinute: { limit: 0, windowMs: 60000 } }),
				failed: [0, 1, 2],
				kind: 'perMinute',
				message:
					/^Zoho Invoice: per-minute API limit of 100 calls reached \(Zoho code 44\); resets at the next minute/,
				zohoWords: 'exceeded the maximum number of requests per minute',
				sends: 3,
				created: 0,
			},
			{
				name: 'daily quota (code 45): fails at once, not re-sent',
				op: 'write',
				options: { maxWaitSeconds: 30 },
				inject: ({ w: world }) => world.sb.invoice.setLimits({ perDay: { limit: 2 } }),
				failed: [2],
				kind: 'daily',
				message:
					/^Zoho Invoice: daily API limit of 2 calls for this organization reached \(Zoho code 45\); resets at 00:00/,
				zohoWords: 'exceeded the maximum call rate limit of 2',
				sends: 3,
				created: 2,
			},
			{
				name: 'concurrency limit (code 1070) within maxWaitSeconds: refused creates re-sent, all made once',
				op: 'write',
				options: { maxWaitSeconds: 10, parallelRequests: 3 },
				inject: ({ w: world }) => {
					world.sb.invoice.setLimits({ concurrency: { limit: 1 } });
					world.sb.invoice.setLatency(300);
				},
				failed: [],
				// 3 at once: one goes through, two are refused; after a 1 s wait both are re-sent at once,
				// one is refused again and re-sent after 2 s more.
				sends: 6,
				statuses: [201, 429, 429, 201, 429, 201],
				created: 3,
			},
			{
				name: 'concurrency limit (code 1070) past maxWaitSeconds: refused creates fail, none re-sent',
				op: 'write',
				options: { maxWaitSeconds: 0, parallelRequests: 3 },
				inject: ({ w: world }) => {
					world.sb.invoice.setLimits({ concurrency: { limit: 1 } });
					world.sb.invoice.setLatency(300);
				},
				failed: 2,
				kind: 'concurrency',
				message:
					/^Zoho Invoice: too many requests in process at once \(Zoho code 1070\); retry once a running request finishes$/,
				zohoWords: 'maximum number of in process requests',
				sends: 3,
				created: 1,
			},
		];
	}

	if (name === 'People') {
		return [
			...common,
			...transientReadRows(kit),
			notProcessedRetry(
				'HTTP 429 (emulated: the sandbox has no People 429) within maxWaitSeconds: re-sent, all made once',
				({ w: world }) => {
					restores.push(
						overrideReplies(world.sb.people, (r) => r.path === kit.writePath, {
							status: 429,
							body: '{"response":{"message":"Error occurred","status":1,"errors":{"code":429,"message":"Too many requests"}}}',
							headers: { 'content-type': 'application/json;charset=UTF-8' },
						}),
					);
				},
				{ maxWaitSeconds: 5 },
				4,
			),
			// Assumption: People's over-the-daily-cap answer is undocumented; the sandbox chose code 7210.
			{
				name: 'daily quota (assumption: code 7210): fails at once, not re-sent',
				op: 'write',
				inject: ({ w: world }) => world.sb.people.setDailyLimit(2),
				failed: [2],
				kind: 'daily',
				message:
					/^Zoho People: daily API limit of 2 calls for this organization reached \(Zoho code 7210\); resets at 00:00/,
				zohoWords: 'Daily limit of 2 API calls reached',
				sends: 3,
				created: 2,
			},
			{
				...notProcessedRetry(
					'threshold lock (7209) that ends within maxWaitSeconds: the refused create is re-sent once, after the lock, all made once',
					({ w: world }) => world.sb.people.setLock({ path: kit.writePath, lockMs: 700 }),
					{ maxWaitSeconds: 600 },
					4,
				),
				resentAfterMs: 700,
			},
			// Codes chosen by the test (not quota codes); only the words matter.
			...lookalikeRows(kit, [
				peopleError(7013, 'The record is locked for editing'),
				peopleError(7055, 'Leave cannot exceed 2 days per day type'),
			]),
			{
				name: 'threshold lock (7209) longer than maxWaitSeconds: fails fast naming the endpoint; later items are not sent into the known lock',
				op: 'write',
				options: { maxWaitSeconds: 5 },
				inject: ({ w: world }) => world.sb.people.setLock({ path: kit.writePath, lockMs: 300000 }),
				failed: [0, 1, 2],
				kind: 'lockPeriod',
				message:
					/^Zoho People: \/people\/api\/forms\/json\/employee\/insertRecord is locked after its threshold limit was exceeded \(Zoho code 7209\); access returns after the lock period \(up to 5 minutes\)/,
				zohoWords: 'API access blocked since threshold limit exceeded',
				sends: 1,
				created: 0,
			},
		];
	}

	return [
		...common,
		...transientReadRows(kit),
		// Assumption: Bookings' over-quota answer is undocumented (docs/reference/zoho-api.md §5); the sandbox chose
		// these words, as HTTP 429 or as HTTP 200 with status "failure".
		{
			name: 'HTTP 429 (assumption: sandbox quotaStyle http429): taken as the daily limit, fails at once, not re-sent',
			op: 'write',
			inject: ({ w: world }) => {
				world.sb.bookings.quotaStyle = 'http429';
				world.sb.bookings.setDailyLimit(2);
			},
			failed: [2],
			kind: 'daily',
			message:
				/^Zoho Bookings: daily API limit of 250 calls for this user reached; resets at 00:00 /,
			zohoWords: 'API Limit exceeded',
			sends: 3,
			created: 2,
		},
		{
			name: 'daily quota (assumption: HTTP 200 failure, sandbox wording): fails at once, not re-sent',
			op: 'write',
			inject: ({ w: world }) => world.sb.bookings.setDailyLimit(2),
			failed: [2],
			kind: 'daily',
			message:
				/^Zoho Bookings: daily API limit of 250 calls for this user reached; resets at 00:00 /,
			zohoWords: 'You have reached the maximum API calls limit for the day.',
			sends: 3,
			created: 2,
		},
		...lookalikeRows(kit, [
			bookingsFailure('Maximum booking limit exceeded for this slot'),
			bookingsFailure('Notes exceed the character limit'),
		]),
	];
}

async function prime(world: World, kit: ProductKit, auth: Auth): Promise<void> {
	const primed = await world.run(auth, kit.primeParams, { nodeType: kit.nodeType });
	if (primed.error) throw new Error(`priming call failed: ${primed.error.message}`);
	world.sb.clearRequests();
}

const tokenCalls = (world: World) => world.sb.tokenEndpointCalls();

async function runRow(
	kit: ProductKit,
	row: Row,
): Promise<{ result: RunNodeResult; sends: number }> {
	kit.setup(w);
	const auth = row.auth ?? 'oAuth2';
	const n = row.n ?? 3;
	const items = row.op === 'write' ? kit.writeItems(n) : kit.readItems(w, n);
	w.sb.clearRequests();
	const ctx: Ctx = { w, kit, auth, items };
	await row.inject?.(ctx);
	const tokensBefore = tokenCalls(w);
	const params: INodeParameters = {
		...(row.op === 'write' ? kit.writeParams : kit.readParams),
		options: { maxWaitSeconds: 2, timeoutSeconds: 10, ...(row.options ?? {}) },
	};
	const result = await w.run(auth, params, { nodeType: kit.nodeType, items, continueOnFail: true });
	// A slow answer the node gave up on still reaches the handler: count records once it has.
	await w.sb.idle();
	w.sb.onRequest = undefined;
	const method = row.op === 'write' ? 'POST' : 'GET';
	const path = row.op === 'write' ? kit.writePath : kit.readPath;
	const sent = w.sb
		.findRequests({ server: kit.server, method })
		.filter((r) => r.path.startsWith(path));
	const sends = sent.length;
	const context = `${kit.name} / ${row.name}: ${JSON.stringify(outputItems(result).map((o) => o.json)).slice(0, 1500)}`;

	// The run itself never fails with continue-on-fail.
	if (result.error) throw new Error(`${context}\nworkflow failed: ${result.error.message}`);
	// (c) nothing lost: every input paired exactly once.
	expectEveryInputAccountedFor(result, n, { oneEach: true });
	// Which inputs failed, and how.
	const failed = failedInputs(result);
	if (typeof row.failed === 'number')
		expect({ context, failed: failed.length }).toEqual({ context, failed: row.failed });
	else expect({ context, failed }).toEqual({ context, failed: row.failed });
	for (const item of outputItems(result).filter((o) => o.json.error !== undefined)) {
		const json = item.json;
		const where = `${context}\n item ${pairedIndex(item)}`;
		expect({ where, problem: cleanErrorProblem(json) }).toEqual({ where, problem: undefined });
		expect({ where, error: json.error }).toEqual({
			where,
			error: expect.stringMatching(
				row.name.includes('token endpoint') ? /^Zoho Accounts: / : new RegExp(`^${kit.label}`),
			),
		});
		if (row.kind) expect({ where, kind: errorKind(json) }).toEqual({ where, kind: row.kind });
		if (row.message)
			expect({ where, error: json.error }).toEqual({
				where,
				error: expect.stringMatching(row.message),
			});
		if (row.zohoWords) {
			const shown = `${String(json.error)} ${String(json.description ?? '')}`;
			expect({ where, shown }).toEqual({ where, shown: expect.stringContaining(row.zohoWords) });
		}
	}
	// (a) no secret anywhere a user or a log could see.
	expectNoSecrets(result, w.secrets);
	expect(visibleText(result)).not.toMatch(/canary-client-secret|Zoho-oauthtoken 1000|Bearer 1000/);
	// (b) bounded retries, re-sent only when not processed.
	expect({ context, sends }).toEqual({ context, sends: row.sends });
	if (row.statuses)
		expect({ context, statuses: sent.map((r) => r.status) }).toEqual({
			context,
			statuses: row.statuses,
		});
	if (row.resentAfterMs !== undefined) {
		const gap = sent[1].at - sent[0].answeredAt!;
		expect({ context, waited: gap >= row.resentAfterMs }).toEqual({ context, waited: true });
	}
	if (row.tokenCalls !== undefined)
		expect({ context, tokenCalls: tokenCalls(w) - tokensBefore }).toEqual({
			context,
			tokenCalls: row.tokenCalls,
		});
	// (d) no create duplicated (or lost when Zoho processed it).
	if (row.op === 'write' && row.created !== undefined)
		expect({ context, created: kit.created(w) }).toEqual({ context, created: row.created });
	return { result, sends };
}

const PRODUCTS: ProductName[] = ['Invoice', 'People', 'Bookings'];

describe.each(PRODUCTS)('Zoho %s under faults', (name) => {
	const kit = KITS[name];
	const rows = rowsFor(name);
	for (const row of rows) {
		it(
			row.name,
			async () => {
				await runRow(kit, row);
			},
			30_000,
		);
	}
});

/**
 * Without continue-on-fail the node stops at the failing item: the error object itself is the
 * documented kind (ZohoQuotaError with context.quota.kind, or ZohoApiError), names the item, and
 * carries no secret in message, description, context or stack.
 */
describe.each(PRODUCTS)(
	'Zoho %s stops on the first failure with the right error object',
	(name) => {
		const kit = KITS[name];
		const cases: Array<
			[
				string,
				(world: World) => void,
				{ className: RegExp; /* error.name */ quotaKind?: string; itemIndex: number },
			]
		> = [
			[
				'daily quota',
				(world) => {
					if (name === 'Invoice') world.sb.invoice.setLimits({ perDay: { limit: 1 } });
					if (name === 'People') world.sb.people.setDailyLimit(1);
					if (name === 'Bookings') world.sb.bookings.setDailyLimit(1);
				},
				{ className: /^ZohoQuotaError$/, quotaKind: 'daily', itemIndex: 1 },
			],
			[
				'connection reset on a create',
				(world) =>
					world.sb.injectFault({
						server: kit.server,
						kind: 'reset',
						method: 'POST',
						pathIncludes: kit.writePath,
						times: 1,
					}),
				{ className: /^ZohoApiError$/, itemIndex: 0 },
			],
		];
		it.each(cases)('%s', async (_label, inject, want) => {
			kit.setup(w);
			w.sb.clearRequests();
			inject(w);
			const result = await w.run(
				'oAuth2',
				{ ...kit.writeParams, options: { maxWaitSeconds: 2 } },
				{ nodeType: kit.nodeType, items: kit.writeItems(3) },
			);
			const error = result.error as
				(Error & { context?: IDataObject; description?: string }) | undefined;
			expect(error).toBeDefined();
			expect(error!.name).toMatch(want.className);
			expect(error!.message.startsWith(kit.label)).toBe(true);
			expect(error!.context?.itemIndex).toBe(want.itemIndex);
			if (want.quotaKind) expect((error!.context?.quota as IDataObject).kind).toBe(want.quotaKind);
			else expect(error!.context?.quota).toBeUndefined();
			// Items after the failing one were never sent.
			expect(
				w.sb
					.findRequests({ server: kit.server, method: 'POST' })
					.filter((r) => r.path === kit.writePath),
			).toHaveLength(want.itemIndex + 1);
			expectNoSecrets(result, w.secrets);
			// Every own field of the error (cause, errorResponse, messages, …), not only the visible ones.
			const whole = deepText(error);
			for (const secret of w.secrets) expect(whole.includes(secret)).toBe(false);
		});
	},
);

/**
 * The table has no concurrency row for People and Bookings and no lock row for Invoice and
 * Bookings: neither product documents such an answer (docs/reference/zoho-api.md §6), and the sandbox has none.
 * These show the sandbox really lacks them, so the table is not silently missing a case.
 */
describe('faults the sandbox emulates for one product only', () => {
	/**
	 * Holds the creates at the sandbox until `n` are in flight together, then lets them through to
	 * the real handler at once; returns what each was answered.
	 */
	async function createsInFlightTogether(
		kit: ProductKit,
		n: number,
	): Promise<{ result: RunNodeResult; sent: RecordedRequest[] }> {
		kit.setup(w);
		let arrived = 0;
		let open!: () => void;
		const gate = new Promise<void>((resolve) => (open = resolve));
		w.sb.overrideReplies({
			server: kit.server,
			method: 'POST',
			pathIncludes: kit.writePath,
			reply: async (r, real) => {
				if (++arrived === n) open();
				await gate;
				return await real(r);
			},
		});
		const result = await w.run(
			'oAuth2',
			{
				...kit.writeParams,
				options: { parallelRequests: n, timeoutSeconds: 5, maxWaitSeconds: 0 },
			},
			{
				nodeType: kit.nodeType,
				items: kit.writeItems(n),
				continueOnFail: true,
			},
		);
		// Fewer than n in flight together would leave the gate shut (and the items timed out): open
		// it so the sandbox finishes, and let the caller's checks say what happened.
		open();
		await w.sb.idle();
		return {
			result,
			sent: w.sb
				.findRequests({ server: kit.server, method: 'POST' })
				.filter((r) => r.path === kit.writePath),
		};
	}

	it.each(['People', 'Bookings'] as ProductName[])(
		'%s: 5 creates in flight at once are all accepted (no concurrency limit)',
		async (name) => {
			const kit = KITS[name];
			const { result, sent } = await createsInFlightTogether(kit, 5);
			// All five had arrived before the first was answered.
			expect(
				Math.max(...sent.map((r) => r.at)) <= Math.min(...sent.map((r) => r.answeredAt!)),
			).toBe(true);
			expect(sent).toHaveLength(5);
			expect(failedInputs(result)).toEqual([]);
			expect(kit.created(w)).toBe(5);
		},
		15_000,
	);

	it('Invoice with a concurrency limit of 1 refuses 4 of 5 creates in flight at once (the probe above can see a limit)', async () => {
		w.sb.invoice.setLimits({ concurrency: { limit: 1 } });
		w.sb.invoice.setLatency(100);
		const { result, sent } = await createsInFlightTogether(KITS.Invoice, 5);
		expect(Math.max(...sent.map((r) => r.at)) <= Math.min(...sent.map((r) => r.answeredAt!))).toBe(
			true,
		);
		expect(sent.map((r) => r.status).sort()).toEqual([201, 429, 429, 429, 429]);
		expect(failedInputs(result)).toHaveLength(4);
		expect(KITS.Invoice.created(w)).toBe(1);
	}, 15_000);

	it('only the People sandbox can lock an endpoint (answer 7209)', () => {
		const controls = (service: object) =>
			Object.getOwnPropertyNames(Object.getPrototypeOf(service))
				.filter((key) => /Lock|threshold|Threshold/.test(key))
				.sort();
		expect(controls(w.sb.people)).toEqual([
			'clearThresholds',
			'setLock',
			'setThreshold',
			'thresholdHit',
			'useDocumentedThresholds',
		]);
		expect(controls(w.sb.invoice)).toEqual([]);
		expect(controls(w.sb.bookings)).toEqual([]);
	});

	it('only the Invoice sandbox has a concurrency limit', () => {
		const controls = (service: object) =>
			Object.getOwnPropertyNames(Object.getPrototypeOf(service))
				.filter((key) => /concurren|latency|inFlight|Limits/i.test(key))
				.sort();
		expect(controls(w.sb.invoice)).toEqual(['setLatency', 'setLimits']);
		expect(controls(w.sb.people)).toEqual([]);
		expect(controls(w.sb.bookings)).toEqual([]);
	});
});

/**
 * A Self Client credential that has only a grant code, run with more parallel items than the
 * limiter lets through (People and Bookings allow 5 in flight), exchanges the one-time grant code
 * exactly once: items queued behind the first exchange use its token instead of starting their own
 * (which Zoho would refuse with invalid_code).
 */
describe('Self Client first use under parallel items', () => {
	it.each(['People', 'Bookings'] as ProductName[])(
		'%s: 10 parallel items, one grant-code exchange, no error',
		async (name) => {
			const kit = KITS[name];
			kit.setup(w);
			w.sb.clearRequests();
			const result = await w.run(
				'selfClient',
				{ ...kit.primeParams, options: { parallelRequests: 10 } },
				{
					nodeType: kit.nodeType,
					items: Array.from({ length: 10 }, () => ({})),
					continueOnFail: true,
				},
			);
			expectEveryInputAccountedFor(result, 10);
			expect(failedInputs(result)).toEqual([]);
			expect(w.sb.tokenEndpointCalls('authorization_code')).toBe(1);
			expect(w.sb.tokenEndpointCalls()).toBe(1);
		},
	);
});

/** A plain-text 4xx (People's host outside /api/, a 431 for a very long URL) is final: sent once. */
describe('non-JSON client errors', () => {
	it('People GET /nosuch (404 text/plain) is sent once', async () => {
		const result = await w.run(
			'oAuth2',
			{ resource: 'customApiCall', operation: 'request', method: 'GET', path: '/nosuch' },
			{ nodeType: 'zohoPeople', continueOnFail: true },
		);
		expect(w.sb.countRequests({ server: 'people', pathIncludes: '/nosuch' })).toBe(1);
		expect(String(outputItems(result)[0].json.error)).toMatch(/\[HTTP 404\]$/);
	});
});

/** n8n's request helper wraps network errors; the node still tells a timeout from an unreachable host. */
describe('timeouts', () => {
	it('Invoice create that times out says it timed out', async () => {
		w.sb.injectFault({
			server: 'api',
			kind: 'slow',
			delayMs: 1500,
			method: 'POST',
			pathIncludes: KITS.Invoice.writePath,
			times: 1,
		});
		const result = await w.run(
			'oAuth2',
			{ ...KITS.Invoice.writeParams, options: { timeoutSeconds: 1 } },
			{ nodeType: 'zohoInvoice', items: KITS.Invoice.writeItems(1), continueOnFail: true },
		);
		expect(String(outputItems(result)[0].json.error)).toBe(
			'Zoho Invoice: Zoho Invoice did not answer within 1 s (timed out)',
		);
		// The slow answer still reaches the handler; let it finish before the next test resets the sandbox.
		await w.sb.idle();
		expect(w.sb.findRequests({ server: 'api', method: 'POST' })).toHaveLength(1);
	});
});
