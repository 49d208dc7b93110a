/**
 * Hostile servers, part 1: the token endpoint (Zoho Accounts) and the API hang, trickle, reset or
 * answer an HTML 502. Contracts: every token request is bounded by the node's Timeout option, the
 * timeout is a deadline (not an idle timer), failures at the token endpoint are worded for what
 * happened, a grant-code exchange is never retried, a failed renewal is remembered and never blocks
 * a later execution. Each test uses its own credential copies (hostileKit.isolate).
 *
 * Results against the code before the transport hardening (commit 80dcbeb, run 2026-12):
 *
 * | test | fails today? | observed |
 * |---|---|---|
 * | no hang: Self Client grant-code exchange | yes | run 1 still running after 10 s (preAuthentication's token request has no timeout) |
 * | no hang: Self Client refresh | yes | run 1 still running after 10 s |
 * | no hang: OAuth2 refresh | yes | run 1 still running after 10 s (n8n's refresh has no timeout) |
 * | deadline: trickled GET, oAuth2 and selfClient | yes | no error: the answer arrived after 8 s (the timeout is axios' socket idle timer) |
 * | deadline: trickled Self Client exchange / OAuth2 refresh | yes | no error: the token arrived after 8 s |
 * | wording: reset, Self Client exchange and refresh | yes | "Zoho Invoice could not be reached (The connection to the server was closed unexpectedly…)", after 3 tries |
 * | wording: reset, OAuth2 refresh | yes | "Zoho Accounts refused the token request: socket hang up. …" |
 * | wording: html / status502 / status503, Self Client (2 flows) | yes | "Zoho Accounts refused the token request: unreadable answer (HTTP 502). …" |
 * | wording: html / status502 / status503, OAuth2 refresh | yes | "Zoho Accounts refused the token request: Request failed with status code 502. …" |
 * | exchange never retried: status500/502/503, html, truncated | yes | 3 authorization_code requests for 3 items (each item exchanges again) |
 * | exchange never retried: reset | yes | 9 authorization_code requests (3 items, each retried twice as a network failure) |
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { FaultKind } from '../sandbox';
import type { Auth, World } from './world';
import { listContacts, useWorld } from './world';
import {
	ORG,
	grants,
	isolate,
	itemErrors,
	runAs,
	timed,
	within,
	type CredRefs,
} from './hostileKit';

const once = (options: INodeParameters = {}) =>
	listContacts({
		returnAll: false,
		limit: 1,
		organizationId: ORG,
		options: { timeoutSeconds: 1, ...options },
	});

const world = useWorld(3);
let w: World;
beforeEach(() => {
	w = world();
});

interface TokenFlow {
	name: string;
	auth: Auth;
	grant: 'authorization_code' | 'refresh_token';
	/** Prepares the world so that the run's first need is this token request. */
	setup(w: World): void;
}

const TOKEN_FLOWS: TokenFlow[] = [
	// The world's Self Client holds a fresh grant code and no token.
	{
		name: 'Self Client grant-code exchange',
		auth: 'selfClient',
		grant: 'authorization_code',
		setup: () => undefined,
	},
	{
		name: 'Self Client refresh',
		auth: 'selfClient',
		grant: 'refresh_token',
		setup: (world) => world.resetCredentials({ grantCode: false, refreshToken: true }),
	},
	// The stored access token is expired: the API answers 401, then n8n's OAuth2 refresh runs.
	{
		name: 'OAuth2 refresh',
		auth: 'oAuth2',
		grant: 'refresh_token',
		setup: (world) => world.sb.expireAccessTokens(),
	},
];

function prepare(flow: TokenFlow): CredRefs {
	flow.setup(w);
	const refs = isolate(w);
	w.sb.clearRequests();
	return refs;
}

const tokenFault = (kind: FaultKind, extra: IDataObject = {}) =>
	w.sb.injectFault({
		server: 'accounts',
		pathIncludes: '/oauth/v2/token',
		kind,
		times: Infinity,
		...extra,
	});

describe.each(TOKEN_FLOWS)('no hang at the token endpoint: $name', (flow) => {
	it('fails with the timeout message; a second execution right after gets the remembered failure without a token request and without waiting', async () => {
		const refs = prepare(flow);
		tokenFault('hang');
		// The one place a wall-clock bound is the property itself: "does not hang / does not wait on
		// the first execution" has no request count to prove it. 6 s leaves room for a 1 s timeout
		// plus retries and a loaded machine; a hang is unbounded.
		const first = await timed(() =>
			within(10_000, runAs(w, refs, flow.auth, once(), { continueOnFail: true }), 'run 1'),
		);
		expect(itemErrors(first.value)).toEqual([
			expect.stringContaining('Zoho Accounts did not answer within 1 s'),
		]);
		expect(itemErrors(first.value)[0]).not.toContain('HTTP 200');
		expect(first.ms).toBeLessThan(6000);
		expect(grants(w)).toEqual([flow.grant]);

		const second = await timed(() =>
			within(10_000, runAs(w, refs, flow.auth, once(), { continueOnFail: true }), 'run 2'),
		);
		expect(itemErrors(second.value)).toEqual([
			expect.stringContaining('Zoho Accounts did not answer within 1 s'),
		]);
		expect(second.ms).toBeLessThan(6000);
		// The timed-out renewal is remembered for the back-off window: no new token request.
		expect(grants(w)).toEqual([flow.grant]);
		// Without a token the Self Client never reaches the API.
		if (flow.auth === 'selfClient') expect(w.apiCalls()).toBe(0);
	}, 40_000);
});

describe('the timeout is a deadline, not an idle timer', () => {
	it.each<Auth>(['oAuth2', 'selfClient'])(
		'%s: a GET answered one byte at a time over 8 s fails with the timeout message',
		async (auth) => {
			const refs = isolate(w);
			if (auth === 'selfClient') {
				// Get the token first, so only the API answer trickles.
				await runAs(w, refs, auth, once());
				w.sb.clearRequests();
			}
			w.sb.injectFault({
				server: 'api',
				pathIncludes: '/contacts',
				kind: 'trickle',
				intervalMs: 250,
				totalMs: 8000,
				times: Infinity,
			});
			const result = await runAs(w, refs, auth, once(), { continueOnFail: true });
			expect(itemErrors(result)).toEqual([
				'Zoho Invoice: Zoho Invoice did not answer within 1 s (timed out)',
			]);
			expect(grants(w)).toEqual([]);
		},
		40_000,
	);

	it.each(TOKEN_FLOWS.filter((f) => f.name !== 'Self Client refresh'))(
		'$name: a token answer trickled over 8 s fails with the timeout message',
		async (flow) => {
			const refs = prepare(flow);
			tokenFault('trickle', { intervalMs: 250, totalMs: 8000 });
			const result = await runAs(w, refs, flow.auth, once(), { continueOnFail: true });
			expect(itemErrors(result)).toEqual([
				expect.stringContaining('Zoho Accounts did not answer within 1 s'),
			]);
			expect(grants(w)).toEqual([flow.grant]);
		},
		40_000,
	);
});

describe.each(TOKEN_FLOWS)(
	'token-endpoint failures are worded for what happened: $name',
	(flow) => {
		it('a reset says Zoho Accounts closed the connection (never "HTTP 200")', async () => {
			const refs = prepare(flow);
			tokenFault('reset');
			const result = await within(
				20_000,
				runAs(w, refs, flow.auth, once(), { continueOnFail: true }),
				'the run',
			);
			const [message] = itemErrors(result);
			expect(message).toContain('Zoho Accounts closed the connection');
			expect(message).not.toContain('HTTP 200');
			if (flow.grant === 'authorization_code') expect(grants(w)).toEqual(['authorization_code']);
		});

		it.each<[FaultKind, number]>([
			['html', 502],
			['status502', 502],
			['status503', 503],
		])('%s: says Zoho Accounts is unavailable, with the HTTP status', async (kind, status) => {
			const refs = prepare(flow);
			tokenFault(kind);
			const result = await within(
				20_000,
				runAs(w, refs, flow.auth, once(), { continueOnFail: true }),
				'the run',
			);
			const [message] = itemErrors(result);
			expect(message).toContain('Zoho Accounts is unavailable');
			expect(message).toContain(`HTTP ${status}`);
			expect(message).not.toContain('HTTP 200');
			// A grant code is one-time: Zoho may have used it even if the answer was a 5xx.
			if (flow.grant === 'authorization_code') expect(grants(w)).toEqual(['authorization_code']);
		});
	},
);

describe('a grant-code exchange is never retried', () => {
	it.each<FaultKind>(['status500', 'status502', 'status503', 'html', 'reset', 'truncated'])(
		'%s at the token endpoint: exactly one authorization_code request for 3 items; all 3 get the same error',
		async (kind) => {
			const refs = isolate(w);
			w.sb.clearRequests();
			tokenFault(kind);
			const result = await within(
				20_000,
				runAs(w, refs, 'selfClient', once(), { items: [{}, {}, {}], continueOnFail: true }),
				'the run',
			);
			const errors = itemErrors(result);
			expect(errors).toHaveLength(3);
			expect(new Set(errors).size).toBe(1);
			expect(grants(w)).toEqual(['authorization_code']);
		},
	);
});
