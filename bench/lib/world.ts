/**
 * One sandbox and one credential store for the whole benchmark, with a fresh credential (new id,
 * new refresh and access token) per phase so token gates and limiters of one phase never help or
 * hurt another.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import path from 'node:path';
import type { RunNodeResult } from '../../test/harness';
import { CredentialStore, currentPackage, loadPackage, runNode } from '../../test/harness';
import type { Sandbox } from '../../test/sandbox';
import { startSandbox } from '../../test/sandbox';

import { CLIENT_ID, CLIENT_SECRET } from './constants';
import { HTTP_REQUEST_NODE_TYPE, HTTP_REQUEST_TYPE_VERSION } from './httpRequestNode';

export { CLIENT_ID, CLIENT_SECRET, ORG_ID, UNPACED } from './constants';

/**
 * The phase's credential: our OAuth2 credential, our Self Client credential (refresh token pasted,
 * access token already obtained), or n8n's generic OAuth2 API credential with Zoho's URLs (only the
 * HTTP Request node can use that one).
 */
export type CredentialKind = 'oAuth2' | 'selfClient' | 'genericOAuth2';

const CREDENTIAL_TYPE: Record<CredentialKind, string> = {
	oAuth2: 'zohoRegionalOAuth2Api',
	selfClient: 'zohoSelfClientApi',
	genericOAuth2: 'oAuth2Api',
};

type RunOptions = { items?: IDataObject[]; continueOnFail?: boolean };

export interface Phase {
	credentialId: string;
	credentialType: string;
	accessToken: string;
	refreshToken: string;
	/** Runs a node of this package with this phase's credential. */
	run(nodeType: string, parameters: INodeParameters, opts?: RunOptions): Promise<RunNodeResult>;
	/**
	 * Runs n8n's HTTP Request node (httpRequestNode.ts; load it first) with the same credential
	 * attached under its type; `parameters` choose how the node uses it.
	 */
	runHttp(parameters: INodeParameters, opts?: RunOptions): Promise<RunNodeResult>;
	/** The access token the credential holds now (after any renewal by the node). */
	currentAccessToken(): string;
}

export interface Bench {
	sb: Sandbox;
	store: CredentialStore;
	/** Resets the sandbox (data, quotas, tokens) and returns a fresh credential (default OAuth2). */
	phase(name: string, credential?: CredentialKind): Phase;
	close(): Promise<void>;
}

let counter = 0;

/** A Zoho Regional OAuth2 credential (Custom data center) pointing at the sandbox, already connected. */
export function credentialData(
	urls: Sandbox['urls'],
	accessToken: string,
	refreshToken: string,
): ICredentialDataDecryptedObject {
	return {
		dataCenter: 'custom',
		customAccountsUrl: urls.accounts('us'),
		customApiUrl: urls.api,
		customPeopleUrl: urls.people,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		invoiceAccess: 'full',
		peopleAccess: 'full',
		bookingsAccess: 'full',
		oauthTokenData: {
			access_token: accessToken,
			refresh_token: refreshToken,
			api_domain: urls.api,
			token_type: 'Bearer',
			expires_in: 3600,
		},
	} as ICredentialDataDecryptedObject;
}

/**
 * A Zoho Self Client credential with a pasted refresh token that has already obtained an access
 * token (with the fingerprint the package stores beside it, so the node uses it as it is).
 */
function selfClientData(
	urls: Sandbox['urls'],
	accessToken: string,
	refreshToken: string,
): ICredentialDataDecryptedObject {
	const data: ICredentialDataDecryptedObject = {
		dataCenter: 'custom',
		customAccountsUrl: urls.accounts('us'),
		customApiUrl: urls.api,
		customPeopleUrl: urls.people,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		grantCode: '',
		refreshToken,
		accessToken,
		apiDomain: urls.api,
	};
	// The built package's own fingerprint (dist/, as the harness runs it).
	const dist = path.resolve(__dirname, '../../dist/nodes/shared');
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { selfClientFingerprint } = require(path.join(dist, 'transport/tokenEndpoint.js')) as {
		selfClientFingerprint(c: ICredentialDataDecryptedObject, hosts: unknown): string;
	};
	const { resolveHosts } = require(path.join(dist, 'dataCenters.js')) as {
		resolveHosts(c: ICredentialDataDecryptedObject): unknown;
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
	data.tokenFingerprint = selfClientFingerprint(data, resolveHosts(data));
	return data;
}

/** n8n's generic "OAuth2 API" credential filled in with Zoho's URLs (sandbox), already connected. */
function genericOAuth2Data(
	urls: Sandbox['urls'],
	accessToken: string,
	refreshToken: string,
): ICredentialDataDecryptedObject {
	return {
		grantType: 'authorizationCode',
		authUrl: `${urls.accounts('us')}/oauth/v2/auth`,
		accessTokenUrl: `${urls.accounts('us')}/oauth/v2/token`,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		scope: 'ZohoInvoice.fullaccess.all',
		authQueryParameters: 'access_type=offline&prompt=consent',
		authentication: 'body',
		oauthTokenData: {
			access_token: accessToken,
			refresh_token: refreshToken,
			api_domain: urls.api,
			token_type: 'Bearer',
			expires_in: 3600,
		},
	} as ICredentialDataDecryptedObject;
}

export async function startBench(): Promise<Bench> {
	loadPackage();
	const sb = await startSandbox();
	const store = new CredentialStore();

	const phase = (name: string, kind: CredentialKind = 'oAuth2'): Phase => {
		sb.reset();
		sb.onRequest = undefined;
		sb.registerClient({
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			dc: 'us',
			selfClient: true,
		});
		const refreshToken = sb.issueRefreshToken({ clientId: CLIENT_ID });
		const accessToken = sb.issueAccessToken({ clientId: CLIENT_ID });
		const credentialId = `bench-${name}-${++counter}`;
		const ref = { id: credentialId, name: `Zoho bench ${name}` };
		const credentialType = CREDENTIAL_TYPE[kind];
		const data =
			kind === 'selfClient'
				? selfClientData(sb.urls, accessToken, refreshToken)
				: kind === 'genericOAuth2'
					? genericOAuth2Data(sb.urls, accessToken, refreshToken)
					: credentialData(sb.urls, accessToken, refreshToken);
		store.add({ ...ref, type: credentialType, data });
		return {
			credentialId,
			credentialType,
			accessToken,
			refreshToken,
			run: async (nodeType, parameters, opts = {}) =>
				await runNode({
					nodeType,
					parameters: { authentication: kind, ...parameters },
					credentials: { [credentialType]: ref },
					store,
					inputItems: opts.items,
					continueOnFail: opts.continueOnFail,
				}),
			runHttp: async (parameters, opts = {}) =>
				await runNode({
					nodeType: HTTP_REQUEST_NODE_TYPE,
					typeVersion: HTTP_REQUEST_TYPE_VERSION,
					nodeName: 'HTTP Request',
					parameters,
					credentials: { [credentialType]: ref },
					store,
					inputItems: opts.items,
					continueOnFail: opts.continueOnFail,
				}),
			currentAccessToken: () => {
				const stored = store.get(credentialId).data as IDataObject;
				if (kind === 'selfClient') return String(stored.accessToken ?? '');
				return String(((stored.oauthTokenData ?? {}) as IDataObject).access_token ?? '');
			},
		};
	};

	return { sb, store, phase, close: async () => await sb.close() };
}

/** Output items of the node's run (first output). */
export function itemsOf(result: RunNodeResult): IDataObject[] {
	return (result.output?.[0] ?? []).map((item) => item.json);
}

/** Throws with the workflow error, if the execution failed as a whole. */
export function assertRan(result: RunNodeResult, what: string): void {
	if (result.error) throw new Error(`${what}: the node failed: ${result.error.message}`);
}

/** Names of the node's Options (to detect options other engineers are still adding). */
export function nodeOptionNames(nodeType: string): string[] {
	const pkg = currentPackage();
	const type = pkg.nodeTypes.getByName(`${pkg.packageName}.${nodeType}`);
	const description =
		'nodeVersions' in type ? Object.values(type.nodeVersions)[0].description : type.description;
	const options = description.properties.find((p) => p.name === 'options');
	return ((options?.options ?? []) as Array<{ name: string }>).map((o) => o.name);
}
