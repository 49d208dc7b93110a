import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { CredentialStore, harnessLogs, loadPackage, runNode } from '../harness';
import type { RunNodeResult } from '../harness';
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';

export const CLIENT_ID = '1000.CANARYCLIENTID0001';
export const CLIENT_SECRET = 'canary-client-secret-7f3a9c2e1b';
export const OAUTH_CRED = { id: 'cred-oauth2', name: 'Zoho OAuth2 (sandbox)' };
export const SELF_CRED = { id: 'cred-self', name: 'Zoho Self Client (sandbox)' };

export type Auth = 'oAuth2' | 'selfClient';

/** A sandbox, a credential store holding one credential of each type, and helpers to run nodes. */
export interface World {
	sb: Sandbox;
	store: CredentialStore;
	/** Every secret handed out in this world: the canaries that must never show up. */
	secrets: Set<string>;
	customHosts(dc?: string): IDataObject;
	resetCredentials(opts?: { grantCode?: boolean; refreshToken?: boolean }): void;
	run(
		auth: Auth,
		parameters: INodeParameters,
		opts?: {
			items?: IDataObject[];
			continueOnFail?: boolean;
			nodeType?: string;
			/** Default: the node's defaultVersion. */
			typeVersion?: number;
		},
	): Promise<RunNodeResult>;
	apiCalls(pathIncludes?: string): number;
	close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
	loadPackage();
	const sb = await startSandbox();
	sb.registerClient({
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		dc: 'us',
		selfClient: true,
	});
	const store = new CredentialStore();
	const secrets = new Set<string>([CLIENT_SECRET]);

	const customHosts = (dc = 'us'): IDataObject => ({
		dataCenter: 'custom',
		customAccountsUrl: sb.urls.accounts(dc),
		customApiUrl: sb.urls.api,
		customPeopleUrl: sb.urls.people,
	});

	const remember = (value: string) => {
		secrets.add(value);
		return value;
	};

	const resetCredentials = (opts: { grantCode?: boolean; refreshToken?: boolean } = {}) => {
		const refreshToken = remember(sb.issueRefreshToken({ clientId: CLIENT_ID }));
		const accessToken = remember(sb.issueAccessToken({ clientId: CLIENT_ID }));
		store.add({
			...OAUTH_CRED,
			type: 'zohoRegionalOAuth2Api',
			data: {
				...customHosts(),
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				invoiceAccess: 'full',
				oauthTokenData: {
					access_token: accessToken,
					refresh_token: refreshToken,
					api_domain: sb.urls.api,
					token_type: 'Bearer',
					expires_in: 3600,
				},
			} as ICredentialDataDecryptedObject,
		});
		const selfData: IDataObject = {
			...customHosts(),
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
		};
		if (opts.grantCode !== false)
			selfData.grantCode = remember(sb.issueGrantCode({ clientId: CLIENT_ID }));
		if (opts.refreshToken)
			selfData.refreshToken = remember(sb.issueRefreshToken({ clientId: CLIENT_ID }));
		store.add({
			...SELF_CRED,
			type: 'zohoSelfClientApi',
			data: selfData as ICredentialDataDecryptedObject,
		});
	};
	resetCredentials();

	const run: World['run'] = async (auth, parameters, opts = {}) => {
		// The sandbox has no per-minute limit unless a test sets one, so tests lift the client's
		// pacing (Zoho's documented 100 a minute) unless they set their own.
		const options = {
			rateLimitPerMinute: 1_000_000,
			...((parameters.options as IDataObject) ?? {}),
		};
		const result = await runNode({
			nodeType: opts.nodeType ?? 'zohoInvoice',
			parameters: { authentication: auth, ...parameters, options },
			credentials:
				auth === 'oAuth2'
					? { zohoRegionalOAuth2Api: OAUTH_CRED }
					: { zohoSelfClientApi: SELF_CRED },
			store,
			inputItems: opts.items,
			continueOnFail: opts.continueOnFail,
			typeVersion: opts.typeVersion,
		});
		// Tokens minted during the run are canaries too.
		for (const c of [store.get(OAUTH_CRED.id), store.get(SELF_CRED.id)]) {
			const data = (c?.data ?? {}) as IDataObject;
			const token = (data.oauthTokenData ?? {}) as IDataObject;
			for (const v of [
				data.accessToken,
				data.obtainedRefreshToken,
				token.access_token,
				token.refresh_token,
			]) {
				if (typeof v === 'string' && v) secrets.add(v);
			}
		}
		return result;
	};

	return {
		sb,
		store,
		secrets,
		customHosts,
		resetCredentials,
		run,
		apiCalls: (pathIncludes) =>
			sb.countRequests({ server: 'api', ...(pathIncludes ? { pathIncludes } : {}) }),
		close: async () => await sb.close(),
	};
}

/** Everything a user or a log could see of a run. */
/**
 * Registers a fresh world for a test file: one sandbox for the file, reset before each test with
 * the client, both credentials and `contacts` seeded contacts.
 */
export function useWorld(contacts: number): () => World {
	let world: World;
	beforeAll(async () => {
		world = await startWorld();
	});
	afterAll(async () => await world.close());
	beforeEach(() => {
		world.sb.reset();
		world.sb.registerClient({
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			dc: 'us',
			selfClient: true,
		});
		world.resetCredentials();
		world.sb.invoice.seedContacts(contacts);
		world.sb.clearRequests();
	});
	return () => world;
}

export function visibleText(result: RunNodeResult): string {
	return JSON.stringify({
		output: result.output,
		error: result.error && {
			message: result.error.message,
			description: (result.error as { description?: string }).description,
			context: (result.error as { context?: unknown }).context,
			stack: result.error.stack,
		},
		runData: result.runData,
		logs: harnessLogs,
	});
}

export function expectNoSecrets(result: RunNodeResult, secrets: Iterable<string>): void {
	const text = visibleText(result);
	for (const secret of secrets) {
		if (text.includes(secret))
			throw new Error(`secret ${secret.slice(0, 6)}… leaked into visible output`);
	}
}

export function jsonOf(result: RunNodeResult): IDataObject[] {
	return (result.output?.[0] ?? []).map((item) => item.json);
}

export const listContacts = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'customApiCall',
	operation: 'request',
	method: 'GET',
	path: '/contacts',
	returnAll: true,
	...extra,
});
