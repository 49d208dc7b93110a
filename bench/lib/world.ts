/**
 * One sandbox and one credential store for the whole benchmark, with a fresh credential (new id,
 * new refresh and access token) per phase so token gates and limiters of one phase never help or
 * hurt another.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunNodeResult } from '../../test/harness';
import { CredentialStore, currentPackage, loadPackage, runNode } from '../../test/harness';
import type { Sandbox } from '../../test/sandbox';
import { startSandbox } from '../../test/sandbox';

import { CLIENT_ID, CLIENT_SECRET } from './constants';

export { CLIENT_ID, CLIENT_SECRET, ORG_ID, UNPACED } from './constants';

export interface Phase {
	credentialId: string;
	accessToken: string;
	refreshToken: string;
	/** Runs a node with this phase's OAuth2 credential. */
	run(
		nodeType: string,
		parameters: INodeParameters,
		opts?: { items?: IDataObject[]; continueOnFail?: boolean },
	): Promise<RunNodeResult>;
	/** The access token the credential holds now (after any renewal by the node). */
	currentAccessToken(): string;
}

export interface Bench {
	sb: Sandbox;
	store: CredentialStore;
	/** Resets the sandbox (data, quotas, tokens) and returns a fresh credential. */
	phase(name: string): Phase;
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

export async function startBench(): Promise<Bench> {
	loadPackage();
	const sb = await startSandbox();
	const store = new CredentialStore();

	const phase = (name: string): Phase => {
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
		store.add({
			...ref,
			type: 'zohoRegionalOAuth2Api',
			data: credentialData(sb.urls, accessToken, refreshToken),
		});
		return {
			credentialId,
			accessToken,
			refreshToken,
			run: async (nodeType, parameters, opts = {}) =>
				await runNode({
					nodeType,
					parameters: { authentication: 'oAuth2', ...parameters },
					credentials: { zohoRegionalOAuth2Api: ref },
					store,
					inputItems: opts.items,
					continueOnFail: opts.continueOnFail,
				}),
			currentAccessToken: () => {
				const data = store.get(credentialId).data as IDataObject;
				return String(((data.oauthTokenData ?? {}) as IDataObject).access_token ?? '');
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
