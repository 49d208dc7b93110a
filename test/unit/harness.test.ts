/**
 * Self-test of the in-process n8n harness (test/harness): a tiny node and two tiny credential
 * types defined here run inside n8n-core's WorkflowExecute against a local HTTP server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	CredentialStore,
	HarnessCredentialsHelper,
	createAdditionalData,
	loadPackage,
	runNode,
	testCredential,
} from '../harness';
import type { LoadedPackage } from '../harness';

// ---------------------------------------------------------------------------
// Local HTTP server
// ---------------------------------------------------------------------------

interface RecordedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: IDataObject;
	rawBody: string;
}

const requests: RecordedRequest[] = [];
let sessionCounter = 0;
let server: http.Server;
let baseUrl = '';

function send(res: http.ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

function handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string) {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	let body: IDataObject = {};
	const contentType = req.headers['content-type'] ?? '';
	if (rawBody) {
		body = contentType.includes('json')
			? (JSON.parse(rawBody) as IDataObject)
			: (Object.fromEntries(new URLSearchParams(rawBody)) as IDataObject);
	}
	requests.push({
		method: req.method ?? '',
		path: url.pathname,
		headers: req.headers,
		body,
		rawBody,
	});

	const sessionOk =
		typeof req.headers['x-session'] === 'string' && req.headers['x-session'].startsWith('session-');
	switch (`${req.method} ${url.pathname}`) {
		case 'POST /auth/session':
			if (body.apiKey === 'rejected') return send(res, 403, { message: 'bad api key' });
			return send(res, 200, { token: `session-${++sessionCounter}` });
		case 'GET /api/echo':
			if (!sessionOk || req.headers['x-api-key'] !== 'good-key')
				return send(res, 401, { message: 'nope' });
			return send(res, 200, {
				ok: true,
				session: req.headers['x-session'],
				q: url.searchParams.get('q'),
			});
		case 'GET /api/test-auth':
			if (!sessionOk) return send(res, 401, { message: 'nope' });
			if (req.headers['x-api-key'] !== 'good-key') return send(res, 200, { error: 'bad' });
			return send(res, 200, { ok: true });
		case 'GET /api/fail':
			return send(res, 500, { message: 'boom' });
		case 'POST /dc/eu/oauth/v2/token':
			return send(res, 200, {
				access_token: 'new-access',
				refresh_token: 'rt-2',
				token_type: 'Bearer',
				expires_in: 3600,
			});
		case 'GET /oauth-api/me':
			if (
				req.headers.authorization !== 'Bearer old-access' &&
				req.headers.authorization !== 'Bearer new-access'
			) {
				return send(res, 401, { message: 'bad token' });
			}
			return send(res, 200, { me: 'someone', authorization: req.headers.authorization });
		default:
			return send(res, 404, { message: 'not found' });
	}
}

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => handle(req, res, raw));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	requests.length = 0;
});

// ---------------------------------------------------------------------------
// Credential types and node (test-only)
// ---------------------------------------------------------------------------

class HarnessApiKeyApi implements ICredentialType {
	name = 'harnessApiKeyApi';

	displayName = 'Harness API Key';

	properties: INodeProperties[] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${credentials.baseUrl as string}/auth/session`,
			body: { apiKey: credentials.apiKey },
			json: true,
		})) as { token: string };
		return { sessionToken: response.token };
	}

	authenticate = {
		type: 'generic' as const,
		properties: {
			headers: {
				'X-Session': '={{$credentials.sessionToken}}',
				'X-Api-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	test = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/api/test-auth' },
		rules: [
			{
				type: 'responseSuccessBody' as const,
				properties: { key: 'error', value: 'bad', message: 'Invalid API key' },
			},
		],
	};
}

class HarnessOAuth2Api implements ICredentialType {
	name = 'harnessOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Harness OAuth2';

	properties: INodeProperties[] = [
		{ displayName: 'Server', name: 'serverBase', type: 'string', default: '' },
		{
			displayName: 'Data Center',
			name: 'dataCenter',
			type: 'options',
			options: [
				{ name: 'EU', value: 'eu' },
				{ name: 'US', value: 'com' },
			],
			default: 'eu',
		},
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: '={{$self["serverBase"]}}/dc/{{$self["dataCenter"]}}/oauth/v2/auth',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: '={{ $self["serverBase"] }}/dc/{{ $self["dataCenter"] }}/oauth/v2/token',
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'read write' },
		{
			displayName: 'Auth Query',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'access_type=offline',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];
}

class HarnessTest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Test',
		name: 'harnessTest',
		group: ['transform'],
		version: 1,
		description: 'Node used by the harness self-test',
		defaults: { name: 'Harness Test' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'harnessApiKeyApi',
				required: true,
				displayOptions: { show: { authentication: ['apiKey'] } },
			},
			{
				name: 'harnessOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'API Key', value: 'apiKey' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'apiKey',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Request', value: 'request' },
					{ name: 'Refresh Token', value: 'refresh' },
					{ name: 'Binary', value: 'binary' },
				],
				default: 'request',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/api/echo' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		const authentication = this.getNodeParameter('authentication', 0) as string;
		const credType = authentication === 'oAuth2' ? 'harnessOAuth2Api' : 'harnessApiKeyApi';
		for (let i = 0; i < items.length; i++) {
			try {
				const operation = this.getNodeParameter('operation', i) as string;
				if (operation === 'refresh') {
					const token = await this.helpers.refreshOAuth2Token.call(this, credType);
					out.push({ json: { token } as IDataObject, pairedItem: { item: i } });
					continue;
				}
				if (operation === 'binary') {
					const binary = await this.helpers.prepareBinaryData(
						Buffer.from('%PDF-1.4 harness'),
						'doc.pdf',
						'application/pdf',
					);
					out.push({ json: {}, binary: { data: binary }, pairedItem: { item: i } });
					continue;
				}
				const credentials = await this.getCredentials(credType, i);
				const base = (credentials.baseUrl ?? credentials.serverBase) as string;
				const path = this.getNodeParameter('path', i) as string;
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credType, {
					method: 'GET',
					url: `${base}${path}`,
					qs: { q: items[i].json.q as string },
					json: true,
				})) as IDataObject;
				out.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

// ---------------------------------------------------------------------------

let pkg: LoadedPackage;

beforeAll(() => {
	pkg = loadPackage({
		distDir: '/nonexistent/dist', // skip the package's own build output
		packageJsonPath: require.resolve('../../package.json'),
		extraNodes: [new HarnessTest()],
		extraCredentials: [new HarnessApiKeyApi(), new HarnessOAuth2Api()],
	});
});

function apiKeyStore(apiKey = 'good-key') {
	const store = new CredentialStore();
	store.add({ id: 'k1', name: 'Key', type: 'harnessApiKeyApi', data: { baseUrl, apiKey } });
	return store;
}

function oauthStore() {
	const store = new CredentialStore();
	store.add({
		id: 'o1',
		name: 'OAuth',
		type: 'harnessOAuth2Api',
		data: {
			serverBase: baseUrl,
			clientId: 'cid',
			clientSecret: 'csecret',
			oauthTokenData: { access_token: 'old-access', refresh_token: 'rt-1', token_type: 'Bearer' },
		},
	});
	return store;
}

describe('harness', () => {
	it('loads types and registers the node under the package name', () => {
		expect(pkg.nodeNames).toEqual(['n8n-nodes-zoho-regional.harnessTest']);
		expect(pkg.credentialTypes.getParentTypes('harnessOAuth2Api')).toEqual(['oAuth2Api']);
		expect(pkg.credentialTypes.getSupportedNodes('harnessOAuth2Api')).toEqual([
			'n8n-nodes-zoho-regional.harnessTest',
		]);
	});

	it('(1)+(2) sends the authenticate header, persists preAuthentication output once', async () => {
		const store = apiKeyStore();
		const result = await runNode({
			nodeType: 'harnessTest',
			parameters: { operation: 'request' },
			credentials: { harnessApiKeyApi: { id: 'k1', name: 'Key' } },
			store,
			inputItems: [{ q: 'a' }, { q: 'b' }],
		});
		expect(result.error).toBeUndefined();
		expect(result.output?.[0].map((i) => i.json)).toEqual([
			{ ok: true, session: 'session-1', q: 'a' },
			{ ok: true, session: 'session-1', q: 'b' },
		]);
		const echo = requests.filter((r) => r.path === '/api/echo');
		expect(echo).toHaveLength(2);
		expect(echo[0].headers['x-api-key']).toBe('good-key');
		expect(echo[0].headers['x-session']).toBe('session-1');

		// persisted: raw stored data + the expirable property
		expect(store.get('k1').data).toEqual({
			baseUrl,
			apiKey: 'good-key',
			sessionToken: 'session-1',
		});
		expect(store.updates).toEqual([
			{
				id: 'k1',
				kind: 'preAuthentication',
				data: { baseUrl, apiKey: 'good-key', sessionToken: 'session-1' },
			},
		]);
		expect(requests.filter((r) => r.path === '/auth/session')).toHaveLength(1);

		// second run: token already stored -> no new preAuthentication
		requests.length = 0;
		const second = await runNode({
			nodeType: 'n8n-nodes-zoho-regional.harnessTest',
			parameters: { operation: 'request' },
			credentials: { harnessApiKeyApi: { id: 'k1', name: 'Key' } },
			store,
		});
		expect(second.output?.[0][0].json).toMatchObject({ ok: true, session: 'session-1' });
		expect(requests.filter((r) => r.path === '/auth/session')).toHaveLength(0);
		expect(store.updates).toHaveLength(1);
	});

	it('re-runs preAuthentication on 401 (expired token) and persists the new one', async () => {
		const store = new CredentialStore();
		store.add({
			id: 'k1',
			name: 'Key',
			type: 'harnessApiKeyApi',
			data: { baseUrl, apiKey: 'good-key', sessionToken: 'expired' },
		});
		const result = await runNode({
			nodeType: 'harnessTest',
			parameters: {},
			credentials: { harnessApiKeyApi: { id: 'k1', name: 'Key' } },
			store,
		});
		expect(result.error).toBeUndefined();
		const token = store.get('k1').data.sessionToken as string;
		expect(token).toMatch(/^session-/);
		expect(result.output?.[0][0].json).toMatchObject({ ok: true, session: token });
		expect(store.updates.map((u) => u.kind)).toEqual(['preAuthentication']);
	});

	it('getDecrypted applies defaults, resolves $self expressions and keeps oauthTokenData', async () => {
		const store = oauthStore();
		const helper = new HarnessCredentialsHelper(pkg.credentialTypes, store);
		const data = await helper.getDecrypted(
			createAdditionalData(helper),
			{ id: 'o1', name: 'OAuth' },
			'harnessOAuth2Api',
			'manual',
		);
		expect(data.accessTokenUrl).toBe(`${baseUrl}/dc/eu/oauth/v2/token`);
		expect(data.authUrl).toBe(`${baseUrl}/dc/eu/oauth/v2/auth`);
		expect(data.dataCenter).toBe('eu');
		expect(data.authentication).toBe('body');
		expect(data.oauthTokenData).toEqual(store.get('o1').data.oauthTokenData);
		const props = helper.getCredentialsProperties('harnessOAuth2Api').map((p) => p.name);
		expect(props).toContain('oauthTokenData');
		expect(props).toContain('clientId');
		expect(props).not.toContain('ignoreSSLIssues'); // doNotInherit
		expect(
			helper.getCredentialsProperties('harnessOAuth2Api').find((p) => p.name === 'grantType')?.type,
		).toBe('hidden');
	});

	it('(3) OAuth2: signs with Bearer and refreshOAuth2Token persists new oauthTokenData', async () => {
		const store = oauthStore();
		const credentials = { harnessOAuth2Api: { id: 'o1', name: 'OAuth' } };
		const signed = await runNode({
			nodeType: 'harnessTest',
			parameters: { authentication: 'oAuth2', path: '/oauth-api/me' },
			credentials,
			store,
		});
		expect(signed.error).toBeUndefined();
		expect(signed.output?.[0][0].json).toMatchObject({ authorization: 'Bearer old-access' });

		const refreshed = await runNode({
			nodeType: 'harnessTest',
			parameters: { authentication: 'oAuth2', operation: 'refresh' },
			credentials,
			store,
		});
		expect(refreshed.error).toBeUndefined();
		const tokenRequest = requests.find((r) => r.path === '/dc/eu/oauth/v2/token');
		expect(tokenRequest).toBeDefined();
		expect(tokenRequest!.method).toBe('POST');
		expect(tokenRequest!.body).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: 'rt-1',
			client_id: 'cid',
			client_secret: 'csecret',
		});
		expect(refreshed.output?.[0][0].json.token).toMatchObject({ access_token: 'new-access' });
		const stored = store.get('o1').data;
		expect(stored.oauthTokenData).toMatchObject({
			access_token: 'new-access',
			refresh_token: 'rt-2',
		});
		expect(stored.clientId).toBe('cid');
		expect(stored.accessTokenUrl).toBeUndefined(); // only oauthTokenData is written
		expect(store.updates.map((u) => u.kind)).toEqual(['oauthTokenData']);

		const after = await runNode({
			nodeType: 'harnessTest',
			parameters: { authentication: 'oAuth2', path: '/oauth-api/me' },
			credentials,
			store,
		});
		expect(after.output?.[0][0].json).toMatchObject({ authorization: 'Bearer new-access' });
	});

	it("OAuth2: a 401 triggers n8n-core's refresh-and-retry, persisting the new token", async () => {
		const store = new CredentialStore();
		store.add({
			id: 'o1',
			name: 'OAuth',
			type: 'harnessOAuth2Api',
			data: {
				serverBase: baseUrl,
				clientId: 'cid',
				clientSecret: 'csecret',
				oauthTokenData: {
					access_token: 'expired-access',
					refresh_token: 'rt-1',
					token_type: 'Bearer',
				},
			},
		});
		const result = await runNode({
			nodeType: 'harnessTest',
			parameters: { authentication: 'oAuth2', path: '/oauth-api/me' },
			credentials: { harnessOAuth2Api: { id: 'o1', name: 'OAuth' } },
			store,
		});
		expect(result.error).toBeUndefined();
		expect(result.output?.[0][0].json).toMatchObject({ authorization: 'Bearer new-access' });
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /oauth-api/me',
			'POST /dc/eu/oauth/v2/token',
			'GET /oauth-api/me',
		]);
		expect(store.get('o1').data.oauthTokenData).toMatchObject({ access_token: 'new-access' });
		expect(store.updates.map((u) => u.kind)).toEqual(['oauthTokenData']);
	});

	it('(4) continue-on-fail yields an error item; without it the run resolves with error', async () => {
		const store = apiKeyStore();
		const credentials = { harnessApiKeyApi: { id: 'k1', name: 'Key' } };
		const continued = await runNode({
			nodeType: 'harnessTest',
			parameters: { path: '/api/fail' },
			credentials,
			store,
			continueOnFail: true,
		});
		expect(continued.error).toBeUndefined();
		expect(continued.output?.[0]).toHaveLength(1);
		expect(continued.output?.[0][0].json.error).toEqual(expect.any(String));

		const failed = await runNode({
			nodeType: 'harnessTest',
			parameters: { path: '/api/fail' },
			credentials,
			store,
		});
		expect(failed.output).toBeUndefined();
		expect(failed.error).toBeDefined();
		expect(failed.error?.message).toEqual(expect.any(String));
		expect(failed.executionData.status).toBe('error');
		expect(failed.runData.Node[0].error).toBeDefined();
	});

	it('keeps binary data inline (default mode)', async () => {
		const result = await runNode({
			nodeType: 'harnessTest',
			parameters: { operation: 'binary' },
			store: new CredentialStore(),
			credentials: { harnessApiKeyApi: { id: 'k1', name: 'Key' } },
		});
		expect(result.error).toBeUndefined();
		const binary = result.output?.[0][0].binary?.data;
		expect(binary?.mimeType).toBe('application/pdf');
		expect(Buffer.from(binary!.data, 'base64').toString()).toBe('%PDF-1.4 harness');
	});

	it('(5) testCredential: request test with preAuthentication, rules, and OAuth2 token check', async () => {
		const store = apiKeyStore();
		await expect(testCredential({ store, id: 'k1' })).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const testReq = requests.find((r) => r.path === '/api/test-auth');
		expect(testReq?.headers['x-session']).toMatch(/^session-/);
		// preAuthentication ran for the credential-test node and was persisted
		expect(store.updates.map((u) => u.kind)).toEqual(['preAuthentication']);
		expect(store.get('k1').data.sessionToken).toMatch(/^session-/);

		// a second test re-runs preAuthentication (noOp test node), like n8n
		await testCredential({ store, id: 'k1' });
		expect(store.updates).toHaveLength(2);

		// responseSuccessBody rule
		const wrongKey = new CredentialStore();
		wrongKey.add({
			id: 'k2',
			name: 'Key',
			type: 'harnessApiKeyApi',
			data: { baseUrl, apiKey: 'other', sessionToken: 'session-x' },
		});
		await expect(testCredential({ store: wrongKey, id: 'k2' })).resolves.toEqual({
			status: 'Error',
			message: 'Invalid API key',
		});
		// preAuthentication itself fails -> the test reports an error
		const rejected = await testCredential({ store: apiKeyStore('rejected'), id: 'k1' });
		expect(rejected.status).toBe('Error');

		await expect(testCredential({ store: oauthStore(), id: 'o1' })).resolves.toEqual({
			status: 'OK',
			message: 'Connection Successful!',
		});
		const unconnected = new CredentialStore();
		unconnected.add({
			id: 'o2',
			name: 'OAuth',
			type: 'harnessOAuth2Api',
			data: { serverBase: baseUrl },
		});
		await expect(testCredential({ store: unconnected, id: 'o2' })).resolves.toEqual({
			status: 'Error',
			message: 'This OAuth2 credential was not connected to an account.',
		});
	});
});
