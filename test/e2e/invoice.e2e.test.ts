/**
 * Zoho Invoice node in a real n8n (2.8.4 on Node 20 and 2.41.1 on Node 24), against the Zoho
 * sandbox running as its own process. The package is packed and installed into
 * <user folder>/.n8n/nodes from the tarball; workflows run through `n8n execute`.
 *
 * Skip with ZOHO_E2E=0. Limit lines with ZOHO_E2E_LINES=2.8 (comma separated).
 */
import {
	CLI_TIMEOUT_MS,
	INSTALL_TIMEOUT_MS,
	LINES,
	NODE_TYPE,
	createUserFolder,
	describeE2E,
	ensureN8n,
	executeWorkflow,
	executionError,
	exportCredentials,
	importCredentials,
	importWorkflow,
	nodeOutput,
	removeUserFolders,
	sandboxControl,
	startSandboxProcess,
	stopAll,
	type CredentialFixture,
	type ExecuteResult,
	type N8nLine,
	type SandboxProcess,
} from './n8n';
import { invoiceContactCount } from './workflows';

const CLIENT_ID = 'demo-client-id';
const CLIENT_SECRET = 'demo-client-secret';
const NODE = 'Zoho Invoice';
/** The sandbox's demo seed: 450 contacts, 3 pages of 200 (tests read the current count). */
const SEEDED_CONTACTS = 450;
const PAGE_SIZE = 200;

const selected = (process.env.ZOHO_E2E_LINES ?? LINES.join(','))
	.split(',')
	.map((s) => s.trim())
	.filter((s): s is N8nLine => (LINES as string[]).includes(s));

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Recorded {
	server: 'accounts' | 'api' | 'people';
	method: string;
	url: string;
	path: string;
	headers: Record<string, string>;
	body: any;
	form?: Record<string, string>;
}

interface TokenCalls {
	authorization_code: number;
	refresh_token: number;
	total: number;
}

function customHosts(sb: SandboxProcess): Record<string, string> {
	return {
		dataCenter: 'custom',
		customAccountsUrl: sb.accounts,
		customApiUrl: sb.api,
		customPeopleUrl: sb.people,
	};
}

function workflow(
	id: string,
	name: string,
	parameters: Record<string, unknown>,
	credential: { type: string; id: string; name: string },
	nodeSettings: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		id,
		name,
		active: false,
		settings: {},
		nodes: [
			{
				id: `${id}-t`,
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-z`,
				name: NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
				...nodeSettings,
			},
		],
		connections: { Manual: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
	};
}

const listAll = (authentication: string): Record<string, unknown> => ({
	authentication,
	resource: 'customApiCall',
	operation: 'request',
	method: 'GET',
	path: '/contacts',
	returnAll: true,
});

/** Fails with the execution's error text (jest shows thrown messages, not the execution). */
function expectSuccess(r: ExecuteResult): void {
	if (r.code !== 0 || r.execution?.status !== 'success') {
		throw new Error(
			`execution did not succeed (exit ${String(r.code)}, status ${String(r.execution?.status)}):\n${executionError(r).slice(0, 4000)}`,
		);
	}
}

describeE2E.each(selected)('Zoho Invoice in n8n %s (e2e)', (line) => {
	{
		let sb: SandboxProcess;
		let home: string;

		const oauthCred = {
			type: 'zohoRegionalOAuth2Api',
			id: 'zohoOauthE2E0001',
			name: 'Zoho OAuth2 (sandbox)',
		};
		const renewCred = {
			type: 'zohoRegionalOAuth2Api',
			id: 'zohoOauthE2E0002',
			name: 'Zoho OAuth2 expiring (sandbox)',
		};
		const selfCred = {
			type: 'zohoSelfClientApi',
			id: 'zohoSelfE2E00001',
			name: 'Zoho Self Client (sandbox)',
		};

		const wf = {
			oauthList: 'zInvOauthList01',
			selfList: 'zInvSelfList001',
			create: 'zInvCreate00001',
			renew: 'zInvRenew000001',
			quota: 'zInvQuota000001',
			quotaContinue: 'zInvQuotaCont01',
		};

		const control = <T = any>(cmd: string, body?: unknown): Promise<T> =>
			sandboxControl<T>(sb, cmd, body);
		const tokenCalls = async (): Promise<TokenCalls> =>
			(await control<{ tokenCalls: TokenCalls }>('stats')).tokenCalls;
		const requests = (): Promise<Recorded[]> => control<Recorded[]>('requests');
		const tokenRequests = async (): Promise<Recorded[]> =>
			(await requests()).filter(
				(r) => r.server === 'accounts' && r.path.endsWith('/oauth/v2/token'),
			);
		/**
		 * Contacts in the sandbox's org now, read from the sandbox, so no test depends on which
		 * tests ran before it. The reads are dropped from the request log.
		 */
		async function contactCount(): Promise<number> {
			const n = await invoiceContactCount(sb);
			await control('clear-requests');
			expect(n).toBeGreaterThanOrEqual(SEEDED_CONTACTS);
			return n;
		}
		const grantTypeOf = (r: Recorded): string | undefined =>
			r.form?.grant_type ??
			(typeof r.body === 'object' && r.body ? r.body.grant_type : undefined) ??
			undefined;

		async function oauthTokens(): Promise<Record<string, unknown>> {
			const { refresh_token } = await control<{ refresh_token: string }>('refresh-token', {
				clientId: CLIENT_ID,
			});
			const { access_token } = await control<{ access_token: string }>('access-token', {
				clientId: CLIENT_ID,
			});
			return {
				access_token,
				refresh_token,
				token_type: 'Bearer',
				expires_in: 3600,
				api_domain: sb.api,
			};
		}

		beforeAll(async () => {
			await ensureN8n(line);
			sb = await startSandboxProcess();
			home = await createUserFolder(`invoice-${line}`);
			// The grant code must outlive the steps before the Self Client's first run.
			const { code } = await control<{ code: string }>('grant-code', {
				clientId: CLIENT_ID,
				ttlMs: 30 * 60 * 1000,
			});
			const creds: CredentialFixture[] = [
				{
					...oauthCred,
					data: {
						...customHosts(sb),
						clientId: CLIENT_ID,
						clientSecret: CLIENT_SECRET,
						oauthTokenData: await oauthTokens(),
					},
				},
				{
					...renewCred,
					data: {
						...customHosts(sb),
						clientId: CLIENT_ID,
						clientSecret: CLIENT_SECRET,
						oauthTokenData: await oauthTokens(),
					},
				},
				{
					...selfCred,
					data: {
						...customHosts(sb),
						clientId: CLIENT_ID,
						clientSecret: CLIENT_SECRET,
						grantCode: code,
					},
				},
			];
			await importCredentials(line, home, creds);
			await importWorkflow(line, home, [
				workflow(wf.oauthList, 'List contacts (OAuth2)', listAll('oAuth2'), oauthCred),
				workflow(wf.selfList, 'List contacts (Self Client)', listAll('selfClient'), selfCred),
				workflow(
					wf.create,
					'Create contact',
					{
						authentication: 'oAuth2',
						resource: 'customApiCall',
						operation: 'request',
						method: 'POST',
						path: '/contacts',
						bodyFormat: 'json',
						body: '{"contact_name":"E2E Co"}',
					},
					oauthCred,
				),
				workflow(
					wf.renew,
					'List a few contacts (expired token)',
					{ ...listAll('oAuth2'), returnAll: false, limit: 10 },
					renewCred,
				),
				workflow(wf.quota, 'Daily quota', listAll('oAuth2'), oauthCred),
				workflow(wf.quotaContinue, 'Daily quota, continue on fail', listAll('oAuth2'), oauthCred, {
					onError: 'continueRegularOutput',
				}),
			]);
		}, INSTALL_TIMEOUT_MS);

		afterAll(async () => {
			await stopAll();
			removeUserFolders();
		});

		beforeEach(async () => {
			await control('clear-requests');
		});

		it(
			'lists all contacts (450 seeded) with OAuth2 (pre-filled tokens), one call per page of 200',
			async () => {
				const contacts = await contactCount();
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.oauthList);
				expectSuccess(r);
				const items = nodeOutput(r.execution, NODE);
				expect(items).toHaveLength(contacts);
				expect(new Set(items.map((c) => c.contact_id)).size).toBe(contacts);

				const pages = (await requests()).filter(
					(q) => q.server === 'api' && q.path === '/invoice/v3/contacts',
				);
				expect(pages).toHaveLength(Math.ceil(contacts / PAGE_SIZE));
				for (const p of pages) {
					expect(p.method).toBe('GET');
					expect(p.headers.authorization).toMatch(/^(Zoho-oauthtoken|Bearer) 1000\./);
				}
				expect(await tokenCalls()).toEqual(before);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'lists all contacts with Self Client, exchanging the grant code once',
			async () => {
				const contacts = await contactCount();
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.selfList);
				expectSuccess(r);
				expect(nodeOutput(r.execution, NODE)).toHaveLength(contacts);

				const pages = (await requests()).filter(
					(q) => q.server === 'api' && q.path === '/invoice/v3/contacts',
				);
				expect(pages).toHaveLength(Math.ceil(contacts / PAGE_SIZE));
				for (const p of pages) expect(p.headers.authorization).toMatch(/^Zoho-oauthtoken 1000\./);

				const after = await tokenCalls();
				expect(after.authorization_code - before.authorization_code).toBe(1);
				expect(after.refresh_token - before.refresh_token).toBe(0);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'persists the Self Client refresh token (export:credentials --decrypted)',
			async () => {
				const exported = await exportCredentials(line, home);
				const self = exported.find((c) => c.id === selfCred.id);
				expect(self).toBeDefined();
				const data = self!.data as Record<string, string>;
				expect(data.obtainedRefreshToken).toMatch(/^1000\./);
				expect(data.accessToken).toMatch(/^1000\./);
				expect(data.grantCodeFingerprint).toBeTruthy();
				expect(data.clientSecret).toBe(CLIENT_SECRET);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'creates a contact with POST /contacts',
			async () => {
				const contacts = await contactCount();
				const r = await executeWorkflow(line, home, wf.create);
				expectSuccess(r);
				const [out] = nodeOutput(r.execution, NODE);
				expect(out?.contact?.contact_name).toBe('E2E Co');
				expect(out?.contact?.contact_id).toBeTruthy();

				const posts = (await requests()).filter((q) => q.server === 'api' && q.method === 'POST');
				expect(posts).toHaveLength(1);
				expect(posts[0].path).toBe('/invoice/v3/contacts');
				expect(posts[0].body).toEqual({ contact_name: 'E2E Co' });
				// Exactly one contact more in the sandbox.
				expect(await contactCount()).toBe(contacts + 1);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'renews an expired OAuth2 access token with exactly one refresh_token call',
			async () => {
				await control('expire-tokens');
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.renew);
				expectSuccess(r);
				expect(nodeOutput(r.execution, NODE)).toHaveLength(10);
				const after = await tokenCalls();
				expect(after.refresh_token - before.refresh_token).toBe(1);
				expect(after.authorization_code - before.authorization_code).toBe(0);
				const refreshes = (await tokenRequests()).filter((q) => grantTypeOf(q) === 'refresh_token');
				expect(refreshes).toHaveLength(1);

				// The renewed token was saved: the next run needs no token call at all.
				const again = await executeWorkflow(line, home, wf.renew);
				expectSuccess(again);
				expect((await tokenCalls()).total).toBe(after.total);
			},
			2 * CLI_TIMEOUT_MS,
		);

		it(
			'renews the Self Client token from the kept refresh token, never re-sending the grant code',
			async () => {
				const contacts = await contactCount();
				await control('expire-tokens');
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.selfList);
				expectSuccess(r);
				expect(nodeOutput(r.execution, NODE)).toHaveLength(contacts);
				const after = await tokenCalls();
				expect(after.refresh_token - before.refresh_token).toBe(1);
				expect(after.authorization_code - before.authorization_code).toBe(0);
				const grantTypes = (await tokenRequests()).map(grantTypeOf);
				expect(grantTypes).not.toContain('authorization_code');
				expect(grantTypes).toEqual(['refresh_token']);
			},
			CLI_TIMEOUT_MS,
		);

		describe('daily quota exhausted', () => {
			beforeAll(async () => {
				await control('invoice-limits', { perDay: { limit: 1 } });
			});
			afterAll(async () => {
				await control('invoice-limits', {});
			});

			it(
				'fails with the daily-limit message',
				async () => {
					const r = await executeWorkflow(line, home, wf.quota);
					expect(r.code).not.toBe(0);
					const message = executionError(r);
					expect(message).toContain('daily API limit');
					expect(message).toContain('resets at 00:00');
				},
				CLI_TIMEOUT_MS,
			);

			it(
				'puts the message into the item with continue on fail (onError: continueRegularOutput)',
				async () => {
					await control('invoice-limits', { perDay: { limit: 1 } }); // fresh day counter
					const r = await executeWorkflow(line, home, wf.quotaContinue);
					expectSuccess(r);
					const items = nodeOutput(r.execution, NODE);
					expect(items.length).toBeGreaterThanOrEqual(1);
					const withError = items.find((i) => i.error !== undefined);
					expect(withError).toBeDefined();
					const text =
						typeof withError.error === 'string' ? withError.error : JSON.stringify(withError.error);
					expect(text).toContain('daily API limit');
					expect(text).toContain('resets at 00:00');
				},
				CLI_TIMEOUT_MS,
			);
		});
	}
});
/* eslint-enable @typescript-eslint/no-explicit-any */
