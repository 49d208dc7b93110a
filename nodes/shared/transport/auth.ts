import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { ResolvedHosts } from '../dataCenters';
import { DATA_CENTERS, isDataCenterCode, resolveHosts } from '../dataCenters';
import type { ZohoFailure } from './errors';
import type { TokenEndpointError } from './tokenEndpoint';
import {
	TOKEN_DEADLINE_KEY,
	TOKEN_ONLY_HEADER,
	describeTokenError,
	fingerprint,
	networkError,
	refusedError,
	selfClientFingerprint,
	timeoutError,
	tokenErrorFromMessage,
	tokenSource,
	unavailableError,
} from './tokenEndpoint';
import { isTokenEndpointError, renewOnce } from './tokenGate';

/** Every n8n context a Zoho request can come from: nodes, dropdowns, polling triggers, hooks. */
export type ZohoContext =
	IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;
export type AuthenticationKind = 'oAuth2' | 'selfClient';

/** The Authentication choice a node's parameter holds; OAuth2, the parameter's default, for anything else. */
export function authenticationKind(value: unknown): AuthenticationKind {
	return value === 'selfClient' ? 'selfClient' : 'oAuth2';
}

/** The credential type name for an Authentication choice. */
export function credentialTypeOf(kind: AuthenticationKind): string {
	return kind === 'selfClient' ? 'zohoSelfClientApi' : 'zohoRegionalOAuth2Api';
}

export interface ZohoConnection {
	kind: AuthenticationKind;
	credentialType: string;
	credentials: ICredentialDataDecryptedObject;
	hosts: ResolvedHosts;
	/** The access token this connection will send ('' when the Self Client has none it may use). */
	accessToken: string;
	/** Every secret value of the credential, and every token obtained since, for redaction. */
	secrets: string[];
	/** The token gate of this credential and its current settings (tokenGate.ts). */
	gateKey: string;
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

export function dataCenterName(hosts: ResolvedHosts): string {
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
		return error instanceof Error ? error.message : String(error);
	}
}

function gateKeyOf(ctx: ZohoContext, credentialType: string, settings: string): string {
	const ref = ctx.getNode().credentials?.[credentialType];
	return `${credentialType}:${ref?.id ?? ref?.name ?? 'unsaved'}:${settings}`;
}

/**
 * Loads the node's Zoho credential and checks it can sign a request. `kind` is the caller's
 * Authentication choice: the caller reads it from its own context, whichever kind it is.
 */
export async function loadConnection(
	ctx: ZohoContext,
	kind: AuthenticationKind,
): Promise<ZohoConnection> {
	const credentialType = credentialTypeOf(kind);
	const credentials = await ctx.getCredentials(credentialType);
	const resolved = tryResolveHosts(credentials);
	if (typeof resolved === 'string') throw new ZohoCredentialError(resolved, { httpStatus: 0 });
	const hosts = resolved;
	const secrets = secretsOf(credentials);
	if (kind === 'selfClient') {
		// A token obtained for other hosts, another client or another grant code or refresh token
		// is never sent: the user changed the credential since (a new token is fetched first).
		const current = selfClientFingerprint(credentials, hosts);
		const stored = str(credentials.tokenFingerprint);
		const accessToken = stored === current ? str(credentials.accessToken) : '';
		return {
			kind,
			credentialType,
			credentials,
			hosts,
			accessToken,
			secrets,
			gateKey: gateKeyOf(ctx, credentialType, current),
		};
	}
	const token = credentials.oauthTokenData as IDataObject | undefined;
	if (!token || typeof token !== 'object' || Object.keys(token).length === 0) {
		throw new ZohoCredentialError(
			'The Zoho OAuth2 credential is not connected yet: open it and click "Connect my account"',
			{
				httpStatus: 0,
			},
		);
	}
	const accessToken = str(token.access_token);
	if (!accessToken) {
		// Zoho answers a failed code exchange with HTTP 200 and an `error` field, which n8n
		// stores as if it were a token (docs/reference/n8n-internals.md §2, hazard 1).
		throw storedConnectError(token, hosts);
	}
	checkTokenHosts(token, hosts);
	const settings = fingerprint(
		[
			hosts.accounts,
			hosts.apiGateway,
			hosts.people,
			str(credentials.clientId),
			str(token.refresh_token),
		].join('|'),
	);
	return {
		kind,
		credentialType,
		credentials,
		hosts,
		accessToken,
		secrets,
		gateKey: gateKeyOf(ctx, credentialType, settings),
	};
}

/** The error Zoho stored in place of a token when connecting failed, worded with its cause. */
export function storedConnectError(token: IDataObject, hosts: ResolvedHosts): ZohoCredentialError {
	const zohoError = str(token.error) || 'no access token was returned';
	const callback = (token.callbackQueryString ?? {}) as IDataObject;
	const userAccounts = str(callback['accounts-server']);
	const userDc = userAccounts ? (dataCenterOfAccounts(userAccounts) ?? userAccounts) : undefined;
	const { hint } = describeTokenError(zohoError, dataCenterName(hosts), 'oAuth2');
	const where = userDc ? ` Zoho reported your account's data center as ${userDc}.` : '';
	return new ZohoCredentialError(
		`Zoho refused the connection: ${zohoError}. ${hint}${where} Reconnect the credential after fixing it.`,
		{
			httpStatus: 200,
			zohoCode: zohoError,
			zohoMessage: str(token.error_description) || zohoError,
		},
	);
}

/** The domain suffixes of a data center's hosts, e.g. zoho.eu and zohoapis.eu for EU. */
function domainSuffixes(hosts: ResolvedHosts): string[] {
	return [hosts.accounts, hosts.apiGateway, hosts.people].map((url) =>
		new URL(url).hostname.split('.').slice(1).join('.'),
	);
}

function belongsTo(origin: string, hosts: ResolvedHosts): boolean {
	if (allowedOrigins(hosts).includes(origin)) return true;
	if (hosts.dataCenter === 'custom' || !URL.canParse(origin)) return false;
	// Zoho's docs show api_domain as www.zohoapis.<tld> and as api.zoho.<tld> (docs/reference/zoho-api.md §1.1).
	const hostname = new URL(origin).hostname;
	return domainSuffixes(hosts).some(
		(suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`),
	);
}

/**
 * An OAuth2 token goes only to the data center it was obtained for. Zoho names that data center in
 * the token's `api_domain` and in the callback's `accounts-server`; when either points elsewhere,
 * the credential's Data Center was changed after connecting, and nothing is sent.
 */
function checkTokenHosts(token: IDataObject, hosts: ResolvedHosts): void {
	const apiDomain = str(token.api_domain);
	const callback = (token.callbackQueryString ?? {}) as IDataObject;
	const accountsServer = str(callback['accounts-server']);
	for (const value of [apiDomain, accountsServer]) {
		if (!value) continue;
		const origin = URL.canParse(value) ? new URL(value).origin : value;
		if (belongsTo(origin, hosts)) continue;
		const other = Object.values(DATA_CENTERS).find((dc) =>
			[dc.apiGateway, dc.accounts].includes(origin),
		);
		throw new ZohoCredentialError(
			other
				? `Zoho says this account's API domain is ${origin} (data center ${other.code.toUpperCase()}), but the credential's Data Center is ${dataCenterName(hosts)}. Choose ${other.label} and reconnect.`
				: `This credential's token was obtained from ${origin}, but its Data Center is now ${dataCenterName(hosts)}. The token is not sent to other hosts: choose the data center your Zoho account lives in and reconnect the credential.`,
			{ httpStatus: 0 },
		);
	}
}

/**
 * The origins a token may go to: the data center's accounts server, gateway and People host.
 * `api_domain` from Zoho is used only when it is one of these (docs/reference/zoho-api.md §1.1).
 */
export function allowedOrigins(hosts: ResolvedHosts): string[] {
	return [hosts.accounts, hosts.apiGateway, hosts.people].map((u) => new URL(u).origin);
}

/**
 * Signs a request with `Authorization: Zoho-oauthtoken <token>`, the scheme the Invoice, People and
 * Bookings pages document (docs/reference/zoho-api.md §2.4), for both flows. n8n's OAuth2 signing can only send
 * `Bearer` or put the token in the URL (docs/reference/n8n-internals.md §4), and its request-with-authentication
 * helper replaces the abort signal that makes our Timeout a deadline; renewal stays n8n's
 * (refreshOAuth2Token, preAuthentication), which persist the tokens.
 */
export function signed(options: IHttpRequestOptions, token: string): IHttpRequestOptions {
	return {
		...options,
		headers: { ...(options.headers ?? {}), Authorization: `Zoho-oauthtoken ${token}` },
	};
}

/** Sends one signed request; network errors are thrown as they come, for the caller to word. */
export async function sendSigned(
	ctx: ZohoContext,
	options: IHttpRequestOptions,
	token: string,
): Promise<IN8nHttpFullResponse> {
	return (await ctx.helpers.httpRequest(signed(options, token))) as IN8nHttpFullResponse;
}

/** Waits for `work` at most `ms`; 'timeout' when it did not settle by then. */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<{ value: T } | 'timeout'> {
	return await Promise.race([
		work.then((value) => ({ value })),
		sleep(ms).then(() => 'timeout' as const),
	]);
}

/** A token error n8n may have wrapped (matched by name and message: it may come from another realm). */
export function unwrapTokenError(error: unknown): TokenEndpointError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		if (isTokenEndpointError(current)) return current;
		// n8n may replace the message with its own words for a status ("Bad gateway - …") and keep
		// ours in `messages`.
		const wrapped = current as { message?: unknown; messages?: unknown };
		const texts = [wrapped.message, ...(Array.isArray(wrapped.messages) ? wrapped.messages : [])];
		for (const text of texts) {
			const fromMessage = typeof text === 'string' ? tokenErrorFromMessage(text) : undefined;
			if (fromMessage) return fromMessage;
		}
		// n8n wraps it as `cause`, or as `errorResponse` when it came from another realm.
		const wrapper = current as { cause?: unknown; errorResponse?: unknown };
		current = wrapper.cause ?? wrapper.errorResponse;
	}
	return undefined;
}

/**
 * Gets a new access token for the connection, once per credential at a time (tokenGate.ts), within
 * `timeoutMs`. `staleToken` is the token Zoho refused ('' when there is none yet).
 */
export async function renewToken(
	ctx: ZohoContext,
	connection: ZohoConnection,
	staleToken: string,
	timeoutMs: number,
): Promise<string> {
	const fresh = await renewOnce(connection.gateKey, staleToken, async () => {
		// Read the credential back first: another execution (or worker) may have stored a newer
		// token, and a grant code it exchanged must not be exchanged again.
		const current = await loadConnection(ctx, connection.kind);
		if (
			current.gateKey === connection.gateKey &&
			current.accessToken !== '' &&
			current.accessToken !== staleToken
		) {
			return current.accessToken;
		}
		if (current.kind === 'oAuth2') return await refreshOAuth2(ctx, current, timeoutMs);
		const deadline = Date.now() + timeoutMs;
		const exchanging = tokenSource(current.credentials).exchangeCode;
		const answer = await fetchSelfClientToken(ctx, current, timeoutMs).then(
			(token) => ({ token }),
			(error: unknown) => ({ error }),
		);
		if ('token' in answer) return answer.token;
		// Another n8n process (a queue-mode worker) may have exchanged the same grant code a moment
		// earlier: Zoho then answers invalid_code, and that process stores the tokens it got.
		const refused = unwrapTokenError(answer.error);
		if (exchanging && refused?.kind === 'refused' && refused.zohoError === 'invalid_code') {
			const stored = await tokenStoredByOtherProcess(ctx, current, staleToken, deadline);
			if (stored !== undefined) return stored;
		}
		throw answer.error;
	});
	if (!connection.secrets.includes(fresh)) connection.secrets.push(fresh);
	return fresh;
}

/** How often, and how far apart, the credential is read back after a lost code exchange. */
const READ_BACK_TRIES = 6;
const READ_BACK_PAUSE_MS = 500;

/**
 * After Zoho refused a grant code as already used: reads the credential back (a few times, within
 * the deadline, as the other process stores its tokens just after it gets them) and returns the
 * token the other process stored for the same code, or one refreshed with the refresh token it
 * stored. Undefined when none appears: the code was really used or expired.
 */
async function tokenStoredByOtherProcess(
	ctx: ZohoContext,
	connection: ZohoConnection,
	staleToken: string,
	deadline: number,
): Promise<string | undefined> {
	const code = tokenSource(connection.credentials).codeFingerprint;
	for (let attempt = 0; attempt < READ_BACK_TRIES; attempt++) {
		const left = deadline - Date.now();
		if (left <= 0) return undefined;
		await sleep(Math.min(READ_BACK_PAUSE_MS, left));
		const current = await loadConnection(ctx, connection.kind);
		// Not (yet) recorded as exchanged by the other process.
		if (str(current.credentials.grantCodeFingerprint) !== code) continue;
		// loadConnection keeps only a token stored for the credential as it is now.
		if (current.accessToken !== '' && current.accessToken !== staleToken)
			return current.accessToken;
		const source = tokenSource(current.credentials);
		if (!source.exchangeCode && source.refreshToken !== '')
			return await fetchSelfClientToken(ctx, current, Math.max(1, deadline - Date.now()));
	}
	return undefined;
}

/**
 * Makes n8n run the Self Client's preAuthentication, which exchanges the grant code or refreshes
 * and persists the result. It rides on a request that the credential refuses to sign (so nothing
 * is sent but the token request), and n8n writes the new token into `data`.
 */
async function fetchSelfClientToken(
	ctx: ZohoContext,
	connection: ZohoConnection,
	timeoutMs: number,
): Promise<string> {
	const ref = ctx.getNode().credentials?.[connection.credentialType];
	const data: ICredentialDataDecryptedObject = { ...connection.credentials, accessToken: '' };
	Object.defineProperty(data, TOKEN_DEADLINE_KEY, {
		value: Date.now() + timeoutMs,
		enumerable: false,
	});
	const carrier = ctx.helpers.httpRequestWithAuthentication
		.call(
			ctx,
			connection.credentialType,
			{
				method: 'GET',
				url: `${connection.hosts.accounts}/oauth/serverinfo`,
				headers: { [TOKEN_ONLY_HEADER]: '1' },
				timeout: timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
			},
			{
				credentialsDecrypted: {
					id: ref?.id ?? '',
					name: ref?.name ?? '',
					type: connection.credentialType,
					data,
				},
			},
		)
		.then(
			() => undefined,
			(error: unknown) => error,
		);
	// The token request has the same deadline inside preAuthentication; this bounds the rest.
	const outcome = await withinDeadline(carrier, timeoutMs + 1000);
	const token = str(data.accessToken);
	if (token) return token;
	if (outcome === 'timeout') throw timeoutError(timeoutMs);
	throw (
		unwrapTokenError(outcome.value) ??
		refusedError('no access token returned', '', dataCenterName(connection.hosts), 'selfClient')
	);
}

function networkCode(error: unknown): string | undefined {
	const e = error as { code?: unknown; cause?: { code?: unknown } };
	const code = e?.code ?? e?.cause?.code;
	return typeof code === 'string' ? code : undefined;
}

/** Words a failed OAuth2 refresh: client-oauth2 throws for HTTP >= 400 (with Zoho's body) and for 5xx. */
function oAuth2RefreshError(
	error: unknown,
	connection: ZohoConnection,
	timeoutMs: number,
): TokenEndpointError {
	const e = error as {
		body?: unknown;
		status?: unknown;
		response?: { status?: unknown; data?: unknown };
	};
	const body = e?.body && typeof e.body === 'object' ? (e.body as IDataObject) : undefined;
	const dataCenter = dataCenterName(connection.hosts);
	if (body && str(body.error))
		return refusedError(str(body.error), str(body.error_description), dataCenter, 'oAuth2', 400);
	const status = Number(e?.status ?? e?.response?.status ?? 0);
	if (status >= 500) return unavailableError(status, '');
	if (status >= 400) {
		const text = typeof e?.body === 'string' ? e.body : '';
		return text.trimStart().startsWith('<')
			? unavailableError(status, '')
			: refusedError(`unreadable answer (HTTP ${status})`, '', dataCenter, 'oAuth2', status);
	}
	const code = networkCode(error);
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return timeoutError(timeoutMs);
	if (code) return networkError(code);
	return refusedError((error as Error)?.message || 'refresh failed', '', dataCenter, 'oAuth2', 0);
}

/**
 * Renews an OAuth2 token through n8n (which persists it, and from n8n 2.30 locks it across
 * instances), within `timeoutMs`: the helper takes no timeout, so it is raced against one.
 */
async function refreshOAuth2(
	ctx: ZohoContext,
	connection: ZohoConnection,
	timeoutMs: number,
): Promise<string> {
	const before = connection.accessToken;
	const refresh = ctx.helpers.refreshOAuth2Token.call(ctx, connection.credentialType).then(
		(value: IDataObject) => ({ value }),
		(error: unknown) => ({ error }),
	);
	const outcome = await withinDeadline(refresh, timeoutMs);
	if (outcome === 'timeout') throw timeoutError(timeoutMs);
	if ('error' in outcome.value)
		throw oAuth2RefreshError(outcome.value.error, connection, timeoutMs);
	const data = outcome.value.value;
	const fresh = str(data?.access_token);
	if (!fresh || fresh === before) {
		// n8n merges Zoho's 200-with-error answer over the old token data: the old token stays and
		// an `error` key appears (and lingers after later successes, so only a new token counts).
		throw refusedError(
			str(data?.error) || 'no access token returned',
			str(data?.error_description),
			dataCenterName(connection.hosts),
			'oAuth2',
		);
	}
	return fresh;
}
