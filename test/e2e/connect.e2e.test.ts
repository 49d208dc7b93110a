/**
 * Connecting the package's credentials through n8n's own server (`n8n start`), the way the
 * editor does it, over REST, on n8n 2.8.4 (Node 20) and 2.41.1 (Node 24), against the Zoho
 * sandbox in its own process:
 *
 *  1. OAuth2: n8n builds the authorization URL from the credential (Custom data center → the
 *     sandbox's /us accounts server), the sandbox auto-consents and redirects to n8n's callback,
 *     n8n exchanges the code and stores the tokens; a workflow then lists contacts with them.
 *  2. OAuth2 with the wrong data center: the client lives in EU, the credential says US. Zoho's
 *     sign-in sends the user to their home DC (played by zohoHomeDc.ts), the token exchange at the
 *     chosen DC answers HTTP 200 {"error":"invalid_client"}; n8n stores that as the "token" and
 *     reports success; the node's first run fails with the wrong-data-center message.
 *  3. Self Client: n8n's credential test (POST /rest/credentials/test) runs the credential's
 *     preAuthentication, which exchanges the grant code; n8n persists the result, so the
 *     workflow run needs no token call and the grant code is sent exactly once in total.
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
	importWorkflow,
	nodeOutput,
	removeUserFolders,
	sandboxControl,
	startN8nServer,
	startSandboxProcess,
	stopAll,
	type ExecuteResult,
	type N8nLine,
	type N8nServer,
	type SandboxProcess,
} from './n8n';
import { N8nRest, callbackOutcome } from './rest';
import { startHomeDcFront, type HomeDcFront } from './zohoHomeDc';
import { PRODUCT_SCOPES } from '../../nodes/products';

const NODE = 'Zoho Invoice';

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
	query: Record<string, string>;
	headers: Record<string, string>;
	body: any;
	form?: Record<string, string>;
}

interface CredRef {
	id: string;
	name: string;
	type: string;
}

function workflow(
	id: string,
	name: string,
	authentication: 'oAuth2' | 'selfClient',
	credential: CredRef,
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
				parameters: {
					authentication,
					resource: 'customApiCall',
					operation: 'request',
					method: 'GET',
					path: '/contacts',
					returnAll: false,
					limit: 10,
				},
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			},
		],
		connections: { Manual: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
	};
}

function expectSuccess(r: ExecuteResult): void {
	if (r.code !== 0 || r.execution?.status !== 'success') {
		throw new Error(
			`execution did not succeed (exit ${String(r.code)}, status ${String(r.execution?.status)}):\n${executionError(r).slice(0, 4000)}`,
		);
	}
}

const grantTypeOf = (r: Recorded): string | undefined =>
	r.form?.grant_type ?? (r.body && typeof r.body === 'object' ? r.body.grant_type : undefined);

describeE2E.each(selected)('connect flows through n8n %s server (e2e)', (line) => {
	let sb: SandboxProcess;
	let home: string;
	let server: N8nServer;
	let rest: N8nRest;
	let redirectUri: string;
	const fronts: HomeDcFront[] = [];

	const control = <T = any>(cmd: string, body?: unknown): Promise<T> =>
		sandboxControl<T>(sb, cmd, body);
	const requests = (): Promise<Recorded[]> => control<Recorded[]>('requests');
	const tokenRequests = async (): Promise<Recorded[]> =>
		(await requests()).filter((r) => r.server === 'accounts' && r.path.endsWith('/oauth/v2/token'));
	const exported = async (id: string): Promise<Record<string, any>> => {
		const all = await exportCredentials(line, home);
		const cred = all.find((c) => c.id === id);
		if (!cred)
			throw new Error(
				`credential ${id} not in export:credentials (${all.map((c) => c.id).join(', ')})`,
			);
		return cred.data as Record<string, any>;
	};
	const hosts = (accounts: string): Record<string, string> => ({
		dataCenter: 'custom',
		customAccountsUrl: accounts,
		customApiUrl: sb.api,
		customPeopleUrl: sb.people,
	});

	beforeAll(async () => {
		await ensureN8n(line);
		sb = await startSandboxProcess();
		home = await createUserFolder(`connect-${line}`);
		server = await startN8nServer(line, home);
		rest = new N8nRest(server.url);
		await rest.setupOwner();
		await rest.expectCredentialTypes(['zohoRegionalOAuth2Api', 'zohoSelfClientApi']);
		redirectUri = `${server.url}/rest/oauth2-credential/callback`;
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await Promise.allSettled(fronts.map((f) => f.close()));
		await stopAll();
		removeUserFolders();
	});

	it(
		'OAuth2: builds the Zoho auth URL, completes the callback, stores tokens, and a workflow runs',
		async () => {
			const client = { clientId: 'e2e-web-us', clientSecret: 'e2e-web-us-secret' };
			await control('register-client', { ...client, dc: 'us', redirectUris: [redirectUri] });
			await control('clear-requests');
			const cred = await rest.createCredential('Zoho OAuth2 (connect)', 'zohoRegionalOAuth2Api', {
				...hosts(sb.accounts),
				...client,
				invoiceAccess: 'full',
				peopleAccess: 'none',
				bookingsAccess: 'none',
				extraScopes: '',
			});

			const authUrl = new URL(await rest.oauth2AuthUrl(cred.id));
			expect(`${authUrl.origin}${authUrl.pathname}`).toBe(`${sb.accounts}/oauth/v2/auth`);
			expect(new URL(sb.accounts).pathname).toBe('/us');
			const q = authUrl.searchParams;
			expect(q.get('access_type')).toBe('offline');
			expect(q.get('prompt')).toBe('consent');
			expect(q.get('scope')).toBe(PRODUCT_SCOPES.invoice.full.join(','));
			expect(q.get('scope')).toBe(
				'ZohoInvoice.settings.ALL,ZohoInvoice.contacts.ALL,ZohoInvoice.invoices.ALL,ZohoInvoice.estimates.ALL,ZohoInvoice.customerpayments.ALL,ZohoInvoice.creditnotes.ALL,ZohoInvoice.expenses.ALL,ZohoInvoice.projects.ALL',
			);
			expect(q.get('client_id')).toBe(client.clientId);
			expect(q.get('redirect_uri')).toBe(redirectUri);
			expect(q.get('response_type')).toBe('code');
			expect(q.get('state')).toBeTruthy();

			const flow = await rest.followOAuth2(authUrl.toString());
			const callback = new URL(flow.callbackUrl);
			expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
			expect(callback.searchParams.get('code')).toMatch(/^1000\./);
			expect(callback.searchParams.get('location')).toBe('us');
			expect(callback.searchParams.get('accounts-server')).toBe(sb.accounts);
			expect(callback.searchParams.get('state')).toBe(q.get('state'));
			expect(flow.status).toBe(200);
			expect(callbackOutcome(flow.page)).toEqual({ ok: true, message: 'Connection successful' });

			// n8n exchanged the code at the chosen DC's token endpoint, with the client in the body.
			const exchanges = await tokenRequests();
			expect(exchanges).toHaveLength(1);
			expect(exchanges[0].path).toBe('/us/oauth/v2/token');
			expect(grantTypeOf(exchanges[0])).toBe('authorization_code');
			expect(exchanges[0].form).toMatchObject({
				client_id: client.clientId,
				client_secret: client.clientSecret,
				redirect_uri: redirectUri,
				code: callback.searchParams.get('code'),
			});

			// What the editor sees (tokens are redacted) and what n8n really stored.
			const shown = await rest.getCredential(cred.id);
			expect(shown.data?.oauthTokenData).toBeTruthy();
			const data = await exported(cred.id);
			expect(data.oauthTokenData).toMatchObject({
				access_token: expect.stringMatching(/^1000\./),
				refresh_token: expect.stringMatching(/^1000\./),
				api_domain: sb.api,
				callbackQueryString: { location: 'us', 'accounts-server': sb.accounts },
			});

			await control('clear-requests');
			const wfId = `connOauth${line.replace('.', '')}`;
			await importWorkflow(
				line,
				home,
				workflow(wfId, 'List contacts (connected OAuth2)', 'oAuth2', cred),
			);
			const r = await executeWorkflow(line, home, wfId);
			expectSuccess(r);
			expect(nodeOutput(r.execution, NODE)).toHaveLength(10);
			const api = (await requests()).filter((x) => x.server === 'api');
			expect(api.length).toBeGreaterThanOrEqual(1);
			for (const x of api)
				expect(x.headers.authorization).toMatch(
					new RegExp(`^(Bearer|Zoho-oauthtoken) ${data.oauthTokenData.access_token}$`),
				);
			expect(await tokenRequests()).toHaveLength(0);
		},
		4 * CLI_TIMEOUT_MS,
	);

	it(
		'OAuth2 with the wrong data center: invalid_client (HTTP 200) ends in the wrong-data-center message on the first run',
		async () => {
			// The client and the user's account live in EU; the credential says US.
			const client = { clientId: 'e2e-web-eu-only', clientSecret: 'e2e-web-eu-secret' };
			await control('register-client', { ...client, dc: 'eu', redirectUris: [redirectUri] });
			const front = await startHomeDcFront(sb.accounts, 'eu');
			fronts.push(front);
			const sandboxOrigin = new URL(sb.accounts).origin;
			const chosenAccounts = `${front.origin}/us`;
			await control('clear-requests');
			const cred = await rest.createCredential('Zoho OAuth2 (wrong DC)', 'zohoRegionalOAuth2Api', {
				...hosts(chosenAccounts),
				...client,
				invoiceAccess: 'full',
				peopleAccess: 'none',
				bookingsAccess: 'none',
				extraScopes: '',
			});

			const authUrl = new URL(await rest.oauth2AuthUrl(cred.id));
			expect(`${authUrl.origin}${authUrl.pathname}`).toBe(`${chosenAccounts}/oauth/v2/auth`);

			const flow = await rest.followOAuth2(authUrl.toString());
			// chosen DC's sign-in → home DC's consent → n8n
			expect(flow.hops).toHaveLength(3);
			expect(flow.hops[1].startsWith(`${sandboxOrigin}/eu/oauth/v2/auth?`)).toBe(true);
			const callback = new URL(flow.callbackUrl);
			expect(callback.searchParams.get('location')).toBe('eu');
			expect(callback.searchParams.get('accounts-server')).toBe(`${sandboxOrigin}/eu`);

			// The exchange went to the chosen (US) token endpoint and Zoho said invalid_client, with 200.
			const exchanges = await tokenRequests();
			expect(exchanges.map((x) => x.path)).toEqual(['/us/oauth/v2/token']);
			const direct = await fetch(`${sandboxOrigin}/us/oauth/v2/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ ...exchanges[0].form }).toString(),
			});
			expect(direct.status).toBe(200);
			expect(await direct.json()).toEqual({ error: 'invalid_client' });

			// n8n behaviour (2.8.4 and 2.41.1): a 200 answer is taken as a token, the callback page says
			// "Connection successful" and the error body is stored as oauthTokenData.
			expect(callbackOutcome(flow.page)).toEqual({ ok: true, message: 'Connection successful' });
			const data = await exported(cred.id);
			expect(data.oauthTokenData).toMatchObject({
				error: 'invalid_client',
				callbackQueryString: { location: 'eu', 'accounts-server': `${sandboxOrigin}/eu` },
			});
			expect(data.oauthTokenData.access_token).toBeUndefined();

			// The node refuses to use it, with the message that tells the user what to fix.
			await control('clear-requests');
			const wfId = `connWrongDc${line.replace('.', '')}`;
			await importWorkflow(line, home, workflow(wfId, 'List contacts (wrong DC)', 'oAuth2', cred));
			const r = await executeWorkflow(line, home, wfId);
			expect(r.code).not.toBe(0);
			const expected =
				'Zoho refused the connection: invalid_client. Most often the Data Center does not match the one your client ' +
				`was created in; you chose Custom (${chosenAccounts}). Otherwise check the Client ID and Client Secret ` +
				'(and that the data center is enabled for the client under Settings > Multi DC). ' +
				`Zoho reported your account's data center as ${sandboxOrigin}/eu. Reconnect the credential after fixing it.`;
			expect(r.execution?.data?.resultData?.error?.message).toBe(expected);
			// Nothing was sent to the API, and n8n did not try to "refresh" a token it never had.
			expect(await requests()).toEqual([]);
		},
		4 * CLI_TIMEOUT_MS,
	);

	it(
		"Self Client: n8n's credential test exchanges the grant code once and persists the tokens; the workflow reuses them",
		async () => {
			const client = { clientId: 'e2e-self-us', clientSecret: 'e2e-self-secret' };
			await control('register-client', { ...client, dc: 'us', selfClient: true });
			const { code } = await control<{ code: string }>('grant-code', {
				clientId: client.clientId,
				ttlMs: 10 * 60 * 1000,
			});
			await control('clear-requests');
			const input = { ...hosts(sb.accounts), ...client, grantCode: code };
			const cred = await rest.createCredential(
				'Zoho Self Client (connect)',
				'zohoSelfClientApi',
				input,
			);
			expect(await tokenRequests()).toHaveLength(0);

			const tested = await rest.testCredential(cred, input);
			expect(tested).toEqual({ status: 'OK', message: 'Connection successful!' });
			const afterTest = await requests();
			const tokenCalls = afterTest.filter((x) => x.path.endsWith('/oauth/v2/token'));
			expect(tokenCalls.map(grantTypeOf)).toEqual(['authorization_code']);
			expect(tokenCalls[0].path).toBe('/us/oauth/v2/token');
			expect(tokenCalls[0].form).toMatchObject({ client_id: client.clientId, code });
			expect(afterTest.filter((x) => x.path === '/us/oauth/serverinfo')).toHaveLength(1);

			// n8n persisted the preAuthentication result of the credential test.
			const stored = await exported(cred.id);
			expect(stored.grantCode).toBe(code);
			expect(stored.obtainedRefreshToken).toMatch(/^1000\./);
			expect(stored.accessToken).toMatch(/^1000\./);
			expect(stored.grantCodeFingerprint).toMatch(/^[0-9a-f]{32}$/);

			const wfId = `connSelf${line.replace('.', '')}`;
			await importWorkflow(
				line,
				home,
				workflow(wfId, 'List contacts (Self Client)', 'selfClient', cred),
			);
			const r = await executeWorkflow(line, home, wfId);
			expectSuccess(r);
			expect(nodeOutput(r.execution, NODE)).toHaveLength(10);
			const all = await requests();
			const api = all.filter((x) => x.server === 'api');
			expect(api.length).toBeGreaterThanOrEqual(1);
			for (const x of api)
				expect(x.headers.authorization).toBe(`Zoho-oauthtoken ${stored.accessToken}`);
			const grants = all.filter((x) => x.path.endsWith('/oauth/v2/token')).map(grantTypeOf);
			expect(grants).toEqual(['authorization_code']); // exactly once in total, no refresh

			const after = await exported(cred.id);
			expect(after.obtainedRefreshToken).toBe(stored.obtainedRefreshToken);
			expect(after.accessToken).toBe(stored.accessToken);
		},
		4 * CLI_TIMEOUT_MS,
	);
});
/* eslint-enable @typescript-eslint/no-explicit-any */
