import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import type { ResolvedHosts } from '../dataCenters';
import { DATA_CENTERS, isDataCenterCode, resolveHosts } from '../dataCenters';
import type { ZohoFailure } from './errors';
import { TokenEndpointError, describeTokenError } from './tokenEndpoint';

export type ZohoContext = IExecuteFunctions | ILoadOptionsFunctions;
export type AuthenticationKind = 'oAuth2' | 'selfClient';

/** The credential type name for an Authentication choice. */
export function credentialTypeOf(kind: AuthenticationKind): string {
	return kind === 'selfClient' ? 'zohoSelfClientApi' : 'zohoRegionalOAuth2Api';
}

export interface ZohoConnection {
	kind: AuthenticationKind;
	credentialType: string;
	credentials: ICredentialDataDecryptedObject;
	hosts: ResolvedHosts;
	/** The access token this connection will send ('' when the Self Client has none yet). */
	accessToken: string;
	/** Every secret value of the credential, for redaction. */
	secrets: string[];
}

/** Thrown (as a plain Error) when the credential cannot be used; the transport words it. */
export class ZohoCredentialError extends Error {
	constructor(
		message: string,
		readonly failure: ZohoFailure,
	) {
		super(message);
		this.name = 'ZohoCredentialError';
	}
}

function authenticationOf(ctx: ZohoContext): AuthenticationKind {
	let value: unknown;
	try {
		value = ctx.getNodeParameter('authentication', 0);
	} catch {
		value = undefined;
	}
	return value === 'selfClient' ? 'selfClient' : 'oAuth2';
}

function str(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	const token = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [
		credentials.clientSecret,
		credentials.grantCode,
		credentials.refreshToken,
		credentials.obtainedRefreshToken,
		credentials.accessToken,
		token.access_token,
		token.refresh_token,
	]
		.map(str)
		.filter((s) => s.length > 0);
}

function dataCenterName(hosts: ResolvedHosts): string {
	return isDataCenterCode(hosts.dataCenter) ? hosts.dataCenter.toUpperCase() : hosts.label;
}

/** Names the data center whose accounts server is `url`, if it is one of the table's. */
function dataCenterOfAccounts(url: string): string | undefined {
	const found = Object.values(DATA_CENTERS).find((dc) => dc.accounts === url.replace(/\/+$/, ''));
	return found?.code.toUpperCase();
}

function tryResolveHosts(credentials: ICredentialDataDecryptedObject): ResolvedHosts | string {
	try {
		return resolveHosts(credentials);
	} catch (error) {
		return (error as Error).message;
	}
}

/** Loads the node's Zoho credential and checks it can sign a request. */
export async function loadConnection(ctx: ZohoContext): Promise<ZohoConnection> {
	const kind = authenticationOf(ctx);
	const credentialType = credentialTypeOf(kind);
	const credentials = await ctx.getCredentials(credentialType);
	const resolved = tryResolveHosts(credentials);
	if (typeof resolved === 'string') throw new ZohoCredentialError(resolved, { httpStatus: 0 });
	const hosts = resolved;
	const secrets = secretsOf(credentials);
	if (kind === 'selfClient') {
		return { kind, credentialType, credentials, hosts, accessToken: str(credentials.accessToken), secrets };
	}
	const token = credentials.oauthTokenData as IDataObject | undefined;
	if (!token || typeof token !== 'object' || Object.keys(token).length === 0) {
		throw new ZohoCredentialError(
			'The Zoho OAuth2 credential is not connected yet: open it and click "Connect my account"',
			{ httpStatus: 0 },
		);
	}
	const accessToken = str(token.access_token);
	if (!accessToken) {
		// Zoho answers a failed code exchange with HTTP 200 and an `error` field, which n8n
		// stores as if it were a token (n8n-internals.md §2, hazard 1).
		const zohoError = str(token.error) || 'no access token was returned';
		const callback = (token.callbackQueryString ?? {}) as IDataObject;
		const userAccounts = str(callback['accounts-server']);
		const userDc = userAccounts ? dataCenterOfAccounts(userAccounts) ?? userAccounts : undefined;
		const { hint } = describeTokenError(zohoError, dataCenterName(hosts));
		const where = userDc ? ` Zoho reported your account's data center as ${userDc}.` : '';
		throw new ZohoCredentialError(`Zoho refused the connection: ${zohoError}. ${hint}${where} Reconnect the credential after fixing it.`, {
			httpStatus: 200,
			zohoCode: zohoError,
			zohoMessage: str(token.error_description) || zohoError,
		});
	}
	checkApiDomain(str(token.api_domain), hosts);
	return { kind, credentialType, credentials, hosts, accessToken, secrets };
}

/**
 * Zoho's `api_domain` is only a hint (People is not behind it, and docs disagree on its value), so
 * hosts always come from the table. But when it names another data center's gateway, the account
 * lives there, and every call would fail: say so instead.
 */
function checkApiDomain(apiDomain: string, hosts: ResolvedHosts): void {
	if (!apiDomain || hosts.dataCenter === 'custom') return;
	const origin = URL.canParse(apiDomain) ? new URL(apiDomain).origin : apiDomain;
	const other = Object.values(DATA_CENTERS).find((dc) => dc.apiGateway === origin && dc.code !== hosts.dataCenter);
	if (other) {
		throw new ZohoCredentialError(
			`Zoho says this account's API domain is ${origin} (data center ${other.code.toUpperCase()}), but the credential's Data Center is ${dataCenterName(hosts)}. Choose ${other.label} and reconnect.`,
			{ httpStatus: 0 },
		);
	}
}

/**
 * The origins a token may go to: the data center's accounts server, gateway and People host.
 * `api_domain` from Zoho is used only when it is one of these (zoho-api.md §1.1).
 */
export function allowedOrigins(hosts: ResolvedHosts): string[] {
	return [hosts.accounts, hosts.apiGateway, hosts.people].map((u) => new URL(u).origin);
}

interface TokenGate {
	renewing?: Promise<string>;
	lastStale?: string;
	lastFresh?: string;
	renewedAt?: number;
}

/** A fresh token is handed to requests that failed with the token it replaced only this long. */
const REUSE_WINDOW_MS = 60_000;

/**
 * One renewal per credential at a time, across items and executions in this process. A request
 * that failed with a token another request has just renewed reuses the fresh token instead of
 * spending one of Zoho's ten token requests per ten minutes.
 */
const gates = new Map<string, TokenGate>();

function gateKey(ctx: ZohoContext, connection: ZohoConnection): string {
	const ref = ctx.getNode().credentials?.[connection.credentialType];
	return `${connection.credentialType}:${ref?.id ?? ref?.name ?? 'unsaved'}`;
}

function recentFresh(gate: TokenGate | undefined, staleToken: string): string | undefined {
	if (!gate?.lastFresh || staleToken === '' || gate.lastStale !== staleToken) return undefined;
	return Date.now() - (gate.renewedAt ?? 0) < REUSE_WINDOW_MS ? gate.lastFresh : undefined;
}

export async function renewTokenOnce(
	ctx: ZohoContext,
	connection: ZohoConnection,
	staleToken: string,
	renew: () => Promise<string>,
): Promise<string> {
	const key = gateKey(ctx, connection);
	let gate = gates.get(key);
	if (!gate) {
		gate = {};
		gates.set(key, gate);
	}
	const reusable = recentFresh(gate, staleToken);
	if (reusable) return reusable;
	if (gate.renewing) return await gate.renewing;
	const current = gate;
	current.renewing = renew()
		.then((fresh) => {
			Object.assign(current, { lastStale: staleToken, lastFresh: fresh, renewedAt: Date.now() });
			return fresh;
		})
		.finally(() => {
			current.renewing = undefined;
		});
	return await current.renewing;
}

/** Waits for a renewal of this credential that is running now; returns a token to use instead, if any. */
export async function awaitRenewal(ctx: ZohoContext, connection: ZohoConnection): Promise<string | undefined> {
	const gate = gates.get(gateKey(ctx, connection));
	if (gate?.renewing) return await gate.renewing;
	return recentFresh(gate, connection.accessToken);
}

/**
 * Sends one signed request through n8n's own helper. `token` overrides the stored Self Client
 * access token ('' makes n8n run the credential's preAuthentication, which persists the result).
 */
export async function sendSigned(
	ctx: ZohoContext,
	connection: ZohoConnection,
	options: IHttpRequestOptions,
	token?: string,
): Promise<{ response: IN8nHttpFullResponse; usedToken: string }> {
	if (connection.kind === 'oAuth2') {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			connection.credentialType,
			options,
		)) as IN8nHttpFullResponse;
		return { response, usedToken: connection.accessToken };
	}
	const ref = ctx.getNode().credentials?.[connection.credentialType];
	const data: ICredentialDataDecryptedObject = {
		...connection.credentials,
		accessToken: token ?? connection.accessToken,
	};
	const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, connection.credentialType, options, {
		credentialsDecrypted: {
			id: ref?.id ?? '',
			name: ref?.name ?? '',
			type: connection.credentialType,
			data,
		},
	})) as IN8nHttpFullResponse;
	// preAuthentication results are merged into `data` by n8n.
	return { response, usedToken: str(data.accessToken) };
}

/** Renews an OAuth2 token through n8n (which persists it) and checks Zoho's 200-with-error answers. */
export async function refreshOAuth2(ctx: ZohoContext, connection: ZohoConnection): Promise<string> {
	const before = connection.accessToken;
	const outcome = await ctx.helpers.refreshOAuth2Token.call(ctx, connection.credentialType).then(
		(value: IDataObject) => ({ value }),
		(error: Error & { body?: IDataObject }) => ({ error }),
	);
	if ('error' in outcome) {
		// client-oauth2 throws for HTTP >= 400 (with Zoho's body) and, in some versions, for 200-with-error.
		const body = outcome.error.body;
		const zohoError = str(body?.error) || outcome.error.message;
		throw new TokenEndpointError(zohoError, str(body?.error_description), dataCenterName(connection.hosts));
	}
	const data = outcome.value;
	const fresh = str(data?.access_token);
	if (!fresh || fresh === before) {
		// n8n merges Zoho's 200-with-error answer over the old token data: the old token stays and
		// an `error` key appears (and lingers after later successes, so only a new token counts).
		throw new TokenEndpointError(str(data?.error) || 'no access token returned', str(data?.error_description), dataCenterName(connection.hosts));
	}
	return fresh;
}
