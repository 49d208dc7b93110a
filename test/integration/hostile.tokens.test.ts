/**
 * Hostile servers, part 2: token scarcity. Zoho allows about 10 token requests per refresh token in
 * 10 minutes (docs/reference/zoho-api.md §2.3), and a grant code works once, so every wasted token request costs
 * the user a working credential. Contracts: repeated 401s after a renewal are not a new expiry; a
 * failed renewal is remembered (back-off window) for other items and later executions; Self Client
 * waiters do not inherit the leader's request failure; a stored Self Client token is used only for
 * the credential it was obtained for (fingerprint); a revoked OAuth2 refresh token asks to reconnect.
 * Each test uses its own credential copies (hostileKit.isolate).
 *
 * Results against the code before the transport hardening (commit 80dcbeb, run 2026-12):
 *
 * | test | fails today? | observed |
 * |---|---|---|
 * | 401 x15: oAuth2, Parallel Requests 1 | yes | 15 token requests (the sandbox throttles after 10) |
 * | 401 x15: selfClient, Parallel Requests 1 | yes | 16 token requests (1 exchange + 15 refreshes) |
 * | 401 x15: oAuth2, Parallel Requests 5 | yes | 3 token requests |
 * | 401 x15: selfClient, Parallel Requests 5 | yes | 5 token requests |
 * | used grant code, 10 items | yes | 10 authorization_code requests |
 * | throttle HTTP 200 / HTTP 400, oAuth2 and selfClient, 20 items | yes | 20 refresh_token requests (one per item) |
 * | back-off after invalid_client: OAuth2 refresh, Self Client refresh, Self Client exchange | yes | the second execution sends another token request |
 * | Self Client waiters, leader's create hangs | yes | 1 POST sent, all 5 items fail: the 4 waiters inherit the leader's timeout |
 * | fingerprint: new grant code / new refresh token / Accounts URL changed | yes | no token request: the old stored token is sent again |
 * | revoked OAuth2 refresh token | yes | "…invalid_code. The grant code has expired… Generate a new grant code…" |
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { KITS, failedInputs, outputItems, pairedIndex } from './faultKit';
import type { Auth, World } from './world';
import { CLIENT_ID, CLIENT_SECRET, listContacts, useWorld } from './world';
import {
	ORG,
	credData,
	grantCount,
	grants,
	isolate,
	itemErrors,
	patchCred,
	runAs,
	tokenRequests,
	within,
	type CredRefs,
} from './hostileKit';

const once = (options: INodeParameters = {}) =>
	listContacts({ returnAll: false, limit: 1, organizationId: ORG, options });
const items = (n: number): IDataObject[] => Array.from({ length: n }, () => ({}));
const CODE_57 = '{"code":57,"message":"You are not authorized to perform this operation"}';
const ACCESS_DENIED =
	'{"error":"Access Denied","error_description":"You have made too many requests continuously. Please try again after some time."}';

const world = useWorld(3);
let w: World;
beforeEach(() => {
	w = world();
});

/** Exchanges a grant code outside n8n, as if an earlier run (or another tool) had used it. */
async function usedGrantCode(): Promise<string> {
	const code = w.sb.issueGrantCode({ clientId: CLIENT_ID });
	w.secrets.add(code);
	const res = await fetch(`${w.sb.urls.accounts('us')}/oauth/v2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
			code,
		}).toString(),
	});
	const json = (await res.json()) as IDataObject;
	for (const v of [json.access_token, json.refresh_token])
		if (typeof v === 'string') w.secrets.add(v);
	return code;
}

/** A Self Client holding a refresh token and an access token that has expired. */
function selfClientWithExpiredToken(): CredRefs {
	w.resetCredentials({ grantCode: false, refreshToken: true });
	const refs = isolate(w);
	const accessToken = w.sb.issueAccessToken({ clientId: CLIENT_ID });
	w.secrets.add(accessToken);
	patchCred(w, refs, 'selfClient', { accessToken });
	w.sb.expireAccessTokens();
	return refs;
}

function expiredCredentials(auth: Auth): CredRefs {
	if (auth === 'selfClient') return selfClientWithExpiredToken();
	const refs = isolate(w);
	w.sb.expireAccessTokens();
	return refs;
}

describe('401 answers that repeat right after a renewal are not a new expiry', () => {
	it.each<[Auth, number]>([
		['oAuth2', 1],
		['selfClient', 1],
		['oAuth2', 5],
		['selfClient', 5],
	])(
		'%s, Parallel Requests %i: 15 items answered 401 (Invoice code 57) cost 1 (OAuth2) or 2 (Self Client: exchange + one refresh) token requests',
		async (auth, parallelRequests) => {
			const refs = isolate(w);
			w.sb.clearRequests();
			w.sb.injectFault({
				server: 'api',
				pathIncludes: '/contacts',
				kind: 'status',
				status: 401,
				body: CODE_57,
				times: Infinity,
			});
			const result = await runAs(w, refs, auth, once({ parallelRequests }), {
				items: items(15),
				continueOnFail: true,
			});
			// Target: at most 2. Measured exactly: OAuth2 one refresh; Self Client its first exchange plus
			// one refresh after the first 401 (the fresh token is refused too, so no item renews again).
			expect(tokenRequests(w).length).toBe(auth === 'selfClient' ? 2 : 1);
			// The Self Client's fresh grant code is exchanged exactly once.
			expect(grantCount(w, 'authorization_code')).toBe(auth === 'selfClient' ? 1 : 0);
			const errors = itemErrors(result);
			expect(errors).toHaveLength(15);
			for (const e of errors)
				expect(e).toContain('You are not authorized to perform this operation');
		},
	);
});

describe('a used grant code is exchanged once, whatever the number of items', () => {
	it('10 items at Parallel Requests 1: exactly 1 authorization_code request, every item the same error', async () => {
		const code = await usedGrantCode();
		const refs = isolate(w);
		patchCred(w, refs, 'selfClient', { grantCode: code });
		w.sb.clearRequests();
		const result = await runAs(w, refs, 'selfClient', once({ parallelRequests: 1 }), {
			items: items(10),
			continueOnFail: true,
		});
		const errors = itemErrors(result);
		expect(errors).toHaveLength(10);
		expect(new Set(errors).size).toBe(1);
		expect(errors[0]).toMatch(/invalid_code|grant code/);
		expect(grants(w)).toEqual(['authorization_code']);
		expect(w.apiCalls()).toBe(0);
	});
});

describe.each<[string, () => void]>([
	['HTTP 200 (Kaizen #43)', () => w.sb.setTokenThrottle({ limit: 0 })],
	[
		'HTTP 400 (docs/reference/updates-2026-12.md)',
		() =>
			w.sb.injectFault({
				server: 'accounts',
				pathIncludes: '/oauth/v2/token',
				kind: 'status',
				status: 400,
				body: ACCESS_DENIED,
				times: Infinity,
			}),
	],
])('a throttled token endpoint, %s', (_name, throttle) => {
	it.each<Auth>(['oAuth2', 'selfClient'])(
		'%s: 20 items with an expired token send exactly 1 token request; every item names the throttle',
		async (auth) => {
			const refs = expiredCredentials(auth);
			throttle();
			w.sb.clearRequests();
			const result = await runAs(w, refs, auth, once(), { items: items(20), continueOnFail: true });
			const errors = itemErrors(result);
			expect(errors).toHaveLength(20);
			for (const e of errors) {
				expect(e).toContain('Zoho Accounts');
				expect(e).toMatch(/too many (access-token )?requests/i);
			}
			expect(grants(w)).toEqual(['refresh_token']);
		},
	);
});

describe('a failed renewal is remembered (back-off window)', () => {
	const setups: Array<[string, Auth, () => CredRefs, string]> = [
		['OAuth2 refresh', 'oAuth2', () => expiredCredentials('oAuth2'), 'refresh_token'],
		['Self Client refresh', 'selfClient', () => selfClientWithExpiredToken(), 'refresh_token'],
		['Self Client grant-code exchange', 'selfClient', () => isolate(w), 'authorization_code'],
	];
	it.each(setups)(
		'%s refused with invalid_client: a second execution sends no token request and fails the same way',
		async (_name, auth, setup, grant) => {
			const refs = setup();
			// The client secret was rotated in Zoho's console: every token request now answers invalid_client.
			w.sb.registerClient({
				clientId: CLIENT_ID,
				clientSecret: 'rotated-in-the-zoho-console',
				dc: 'us',
				selfClient: true,
			});
			w.sb.clearRequests();
			const first = await runAs(w, refs, auth, once(), { continueOnFail: true });
			const [firstError] = itemErrors(first);
			expect(firstError).toContain('invalid_client');
			expect(grants(w)).toEqual([grant]);
			const second = await runAs(w, refs, auth, once(), { continueOnFail: true });
			expect(itemErrors(second)).toEqual([firstError]);
			expect(grants(w)).toEqual([grant]);
		},
	);
});

describe("Self Client waiters do not inherit the leader's request failure", () => {
	it('5 creates at Parallel Requests 5 with a fresh grant code; the first create hangs: only that item fails', async () => {
		const kit = KITS.Invoice;
		const refs = isolate(w);
		w.sb.clearRequests();
		w.sb.injectFault({
			server: 'api',
			method: 'POST',
			pathIncludes: kit.writePath,
			kind: 'hang',
			times: 1,
		});
		const result = await within(
			20_000,
			runAs(
				w,
				refs,
				'selfClient',
				{ ...kit.writeParams, options: { parallelRequests: 5, timeoutSeconds: 1 } },
				{ items: kit.writeItems(5), continueOnFail: true },
			),
			'the run',
		);
		const posts = w.sb.findRequests({ server: 'api', method: 'POST' });
		expect(posts).toHaveLength(5); // creates are never re-sent
		const hungName = (posts[0].body as IDataObject).contact_name;
		const failed = failedInputs(result);
		expect(failed).toEqual([Number(String(hungName).replace('FK Contact ', ''))]);
		const failedItem = outputItems(result).find((o) => pairedIndex(o) === failed[0]);
		expect(String(failedItem?.json.error)).toContain('did not answer within 1 s');
		expect(outputItems(result).filter((o) => o.json.error === undefined)).toHaveLength(4);
		expect(grants(w)).toEqual(['authorization_code']);
		expect(kit.created(w)).toBe(4);
	});
});

describe('Self Client token fingerprint: a stored token is used only for the credential it was obtained for', () => {
	type Change = [
		string,
		(refs: CredRefs) => { grant: string; check?: (body: IDataObject) => void },
	];
	const changes: Change[] = [
		[
			'a new grant code pasted after first use',
			(refs) => {
				const code = w.sb.issueGrantCode({ clientId: CLIENT_ID });
				w.secrets.add(code);
				patchCred(w, refs, 'selfClient', { grantCode: code });
				return { grant: 'authorization_code', check: (body) => expect(body.code).toBe(code) };
			},
		],
		[
			'the grant code cleared and a new refresh token pasted',
			(refs) => {
				const refreshToken = w.sb.issueRefreshToken({ clientId: CLIENT_ID });
				w.secrets.add(refreshToken);
				patchCred(w, refs, 'selfClient', { grantCode: '', refreshToken });
				return {
					grant: 'refresh_token',
					check: (body) => expect(body.refresh_token).toBe(refreshToken),
				};
			},
		],
		[
			'the Accounts URL changed (same server, another host name)',
			(refs) => {
				patchCred(w, refs, 'selfClient', {
					customAccountsUrl: w.sb.urls.accounts('us').replace('127.0.0.1', 'localhost'),
				});
				return { grant: 'refresh_token' };
			},
		],
	];
	it.each(changes)(
		'%s: one token request before the first API request; the old token is never sent again',
		async (_name, change) => {
			const refs = isolate(w);
			const first = await runAs(w, refs, 'selfClient', once());
			expect(first.error).toBeUndefined();
			const oldToken = String(credData(w, refs, 'selfClient').accessToken);
			expect(oldToken).toMatch(/^1000\./);
			const { grant, check } = change(refs);
			w.sb.clearRequests();
			const second = await runAs(w, refs, 'selfClient', once());
			expect(second.error).toBeUndefined();
			const order = w.sb.requests.map((r) => (r.server === 'accounts' ? 'token' : 'api'));
			expect(order).toEqual(['token', 'api']);
			expect(grants(w)).toEqual([grant]);
			check?.(tokenRequests(w)[0].form as IDataObject);
			for (const r of w.sb.findRequests({ server: 'api' }))
				expect(r.headers.authorization ?? '').not.toContain(oldToken);
		},
	);
});

describe('a revoked OAuth2 refresh token', () => {
	it('says to reconnect the credential (not to generate a grant code), after exactly one token request', async () => {
		const refs = isolate(w);
		const token = credData(w, refs, 'oAuth2').oauthTokenData as IDataObject;
		expect(w.sb.revokeToken(String(token.refresh_token))).toBe(true);
		w.sb.expireAccessTokens();
		w.sb.clearRequests();
		const result = await runAs(w, refs, 'oAuth2', once(), { continueOnFail: true });
		const [message] = itemErrors(result);
		expect(message).toContain('reconnect the credential');
		expect(message).not.toContain('grant code');
		expect(grants(w)).toEqual(['refresh_token']);
	});
});
