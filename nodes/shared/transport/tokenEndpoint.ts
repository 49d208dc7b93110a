import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import type { ResolvedHosts } from '../dataCenters';
import { isDataCenterCode, resolveHosts } from '../dataCenters';
import { parseJsonKeepingBigIntegers } from './json';

/**
 * Zoho Accounts token endpoint for the Self Client flow: exchanges a one-time grant code once,
 * then renews access tokens from the refresh token. Zoho answers failures with HTTP 200 (and, for
 * the throttle, sometimes HTTP 400: docs/reference/updates-2026-12.md) and an `error` field, so every answer is
 * checked for `access_token`.
 */

const TOKEN_THROTTLE_WINDOW_MS = 10 * 60 * 1000;
/** A token request with no deadline from the node (credential test) still ends. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;
/** Server text kept for messages: enough for any real Zoho answer, never a 200 KB echo. */
const MAX_SERVER_TEXT = 300;

/** How a token request failed; each kind has its own wording and retry rule. */
export type TokenFailureKind =
	'refused' | 'throttled' | 'unavailable' | 'timeout' | 'network' | 'local';

export type TokenFlow = 'oAuth2' | 'selfClient';

/** A failed token request, worded for the user; never carries a secret. */
export class TokenEndpointError extends Error {
	readonly kind: TokenFailureKind;
	readonly zohoError: string;
	readonly throttled: boolean;
	/** The HTTP status of the answer, 0 when there was none (timeout, reset). */
	readonly httpStatus: number;
	readonly resetsAt?: string;

	constructor(
		kind: TokenFailureKind,
		message: string,
		details: { zohoError?: string; httpStatus?: number; now?: Date } = {},
	) {
		super(message);
		this.name = 'TokenEndpointError';
		this.kind = kind;
		this.zohoError = details.zohoError ?? '';
		this.httpStatus = details.httpStatus ?? 0;
		this.throttled = kind === 'throttled';
		if (this.throttled) {
			this.resetsAt = new Date(
				(details.now ?? new Date()).getTime() + TOKEN_THROTTLE_WINDOW_MS,
			).toISOString();
		}
	}
}

const REFUSED_PREFIX = 'Zoho Accounts refused the token request: ';
const LOCAL_PREFIX = 'The Zoho Self Client credential cannot get a token: ';
const UNAVAILABLE_PREFIX = 'Zoho Accounts is unavailable (HTTP ';
const TIMEOUT_PREFIX = 'Zoho Accounts did not answer within ';
const NETWORK_PREFIXES = [
	'Zoho Accounts closed the connection',
	'Zoho Accounts could not be reached',
];

/** Keeps server text short and on one line, without regexes that could backtrack. */
function shortText(value: string): string {
	const cut = value.length > MAX_SERVER_TEXT ? `${value.slice(0, MAX_SERVER_TEXT)}…` : value;
	return cut.split(/\s+/).join(' ').trim();
}

export function refusedError(
	zohoError: string,
	zohoDescription: string,
	dataCenter: string,
	flow: TokenFlow,
	httpStatus = 200,
	now = new Date(),
): TokenEndpointError {
	const error = shortText(zohoError);
	const description = shortText(zohoDescription);
	const { hint, throttled } = describeTokenError(error, dataCenter, flow);
	const detail = description && description !== error ? ` (${description})` : '';
	return new TokenEndpointError(
		throttled ? 'throttled' : 'refused',
		`${REFUSED_PREFIX}${error}${detail}. ${hint}`,
		{
			zohoError: error,
			httpStatus,
			now,
		},
	);
}

function localError(problem: 'missing_grant_code' | 'no_refresh_token'): TokenEndpointError {
	const { hint } = describeTokenError(problem, '', 'selfClient');
	return new TokenEndpointError('local', `${LOCAL_PREFIX}${hint}`, { zohoError: problem });
}

export function unavailableError(httpStatus: number, words: string): TokenEndpointError {
	const said = words ? `: ${shortText(words)}` : '';
	return new TokenEndpointError(
		'unavailable',
		`${UNAVAILABLE_PREFIX}${httpStatus})${said}. Try again later.`,
		{
			httpStatus,
		},
	);
}

export function timeoutError(timeoutMs: number): TokenEndpointError {
	return new TokenEndpointError(
		'timeout',
		`${TIMEOUT_PREFIX}${Math.max(1, Math.round(timeoutMs / 1000))} s (timed out) when asked for an access token. Try again later or raise the Timeout option.`,
	);
}

/**
 * Network error codes in words. A raw code such as ECONNRESET in a message makes n8n replace the
 * whole message with its own generic text, so codes never appear in ours.
 */
export function networkWords(code: string | undefined): string {
	switch (code) {
		case 'ECONNRESET':
		case 'EPIPE':
		case 'ERR_STREAM_PREMATURE_CLOSE':
			return 'the connection was closed before an answer';
		case 'ECONNREFUSED':
			return 'the connection was refused';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name could not be resolved';
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return 'the host is unreachable';
		case 'CERT_HAS_EXPIRED':
		case 'DEPTH_ZERO_SELF_SIGNED_CERT':
		case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
		case 'ERR_TLS_CERT_ALTNAME_INVALID':
			return 'its TLS certificate was not accepted';
		default:
			return 'the connection failed';
	}
}

export function networkError(code: string): TokenEndpointError {
	const reset = code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE';
	const prefix = reset ? NETWORK_PREFIXES[0] : NETWORK_PREFIXES[1];
	const why = reset ? '' : ` (${networkWords(code)})`;
	return new TokenEndpointError(
		'network',
		`${prefix}${why} when asked for an access token. Try again later.`,
	);
}

/**
 * Recovers a TokenEndpointError from its message. n8n re-wraps errors thrown in preAuthentication
 * into a NodeApiError that keeps only the message (the original is not kept as `cause`). Parsed
 * with indexOf only, so a long hostile message costs linear time.
 */
export function tokenErrorFromMessage(message: string): TokenEndpointError | undefined {
	const recovered = (kind: TokenFailureKind, zohoError = '', httpStatus = 0) =>
		Object.assign(new TokenEndpointError(kind, message, { zohoError, httpStatus }), { message });
	if (message.startsWith(LOCAL_PREFIX)) return recovered('local', 'missing_grant_code');
	if (message.startsWith(TIMEOUT_PREFIX)) return recovered('timeout');
	if (NETWORK_PREFIXES.some((p) => message.startsWith(p))) return recovered('network');
	if (message.startsWith(UNAVAILABLE_PREFIX)) {
		const rest = message.slice(UNAVAILABLE_PREFIX.length);
		return recovered('unavailable', '', Number(rest.slice(0, rest.indexOf(')'))) || 0);
	}
	if (!message.startsWith(REFUSED_PREFIX)) return undefined;
	const rest = message.slice(REFUSED_PREFIX.length);
	const ends = [rest.indexOf(' ('), rest.indexOf('. ')].filter((i) => i >= 0);
	const zohoError = ends.length ? rest.slice(0, Math.min(...ends)) : rest;
	const throttled = isThrottle(zohoError);
	return recovered(throttled ? 'throttled' : 'refused', zohoError, 200);
}

function isThrottle(zohoError: string): boolean {
	return zohoError.trim().toLowerCase() === 'access denied';
}

/** Problems found before asking Zoho; they are not Zoho error codes. */
export function describeTokenError(
	zohoError: string,
	dataCenter: string,
	flow: TokenFlow,
): { hint: string; throttled: boolean } {
	if (isThrottle(zohoError)) {
		return {
			hint: 'Zoho allows about 10 access-token requests per refresh token in 10 minutes; wait up to 10 minutes and try again.',
			throttled: true,
		};
	}
	switch (zohoError) {
		case 'invalid_code':
			return {
				hint:
					flow === 'oAuth2'
						? 'The refresh token was revoked or evicted (Zoho keeps at most 20 refresh tokens per user and client): reconnect the credential.'
						: 'The grant code has expired or was already used, or the refresh token was revoked (Zoho keeps at most 20 refresh tokens per user). Generate a new grant code in the Zoho API Console, or paste a valid refresh token.',
				throttled: false,
			};
		case 'invalid_client':
		case 'invalid_client_secret':
			return {
				hint: `Most often the Data Center does not match the one your client was created in; you chose ${dataCenter}. Otherwise check the Client ID and Client Secret (and that the data center is enabled for the client under Settings > Multi DC).`,
				throttled: false,
			};
		case 'invalid_redirect_uri':
			return {
				hint: 'The redirect URL registered for the client in Zoho must be exactly the one n8n shows.',
				throttled: false,
			};
		case 'missing_grant_code':
			return {
				hint: 'paste a grant code from the Zoho API Console (Self Client > Generate Code) or an existing refresh token.',
				throttled: false,
			};
		case 'no_refresh_token':
			return {
				hint: 'this grant code was already exchanged and Zoho returned no refresh token with it; generate a new grant code.',
				throttled: false,
			};
		case 'access_denied':
			return {
				hint: 'The consent was denied, or too many grant codes were requested; try again in 10 minutes.',
				throttled: false,
			};
		default:
			return {
				hint:
					flow === 'oAuth2'
						? 'Check the credential and reconnect it.'
						: 'Check the credential and its grant code or refresh token.',
				throttled: false,
			};
	}
}

export function fingerprint(value: string): string {
	return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

function str(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function dataCenterName(hosts: ResolvedHosts): string {
	return isDataCenterCode(hosts.dataCenter) ? hosts.dataCenter.toUpperCase() : hosts.label;
}

/** Where the next Self Client token comes from: a grant code not yet exchanged, or a refresh token. */
export interface TokenSource {
	exchangeCode: boolean;
	grantCode: string;
	codeFingerprint: string;
	refreshToken: string;
	/** Names the source without revealing it: part of the token fingerprint. */
	id: string;
}

/**
 * A new grant code wins; otherwise a pasted refresh token ("used when no new grant code is
 * given"), otherwise the refresh token obtained from the last exchanged code.
 */
export function tokenSource(credentials: ICredentialDataDecryptedObject): TokenSource {
	const grantCode = str(credentials.grantCode);
	const codeFingerprint = grantCode ? fingerprint(grantCode) : '';
	const exchangeCode =
		grantCode !== '' && codeFingerprint !== str(credentials.grantCodeFingerprint);
	const pasted = str(credentials.refreshToken);
	const obtained = str(credentials.obtainedRefreshToken);
	if (exchangeCode)
		return {
			exchangeCode,
			grantCode,
			codeFingerprint,
			refreshToken: '',
			id: `code:${codeFingerprint}`,
		};
	const refreshToken = pasted || obtained;
	const id = pasted
		? `refresh:${fingerprint(pasted)}`
		: obtained
			? `code:${str(credentials.grantCodeFingerprint)}`
			: 'none';
	return { exchangeCode, grantCode, codeFingerprint, refreshToken, id };
}

/**
 * What a Self Client access token belongs to: the data center's hosts, the client and the source
 * of the token. A token stored under another fingerprint is never sent (the user changed one).
 */
export function selfClientFingerprint(
	credentials: ICredentialDataDecryptedObject,
	hosts: ResolvedHosts,
): string {
	return fingerprint(
		[
			hosts.accounts,
			hosts.apiGateway,
			hosts.people,
			str(credentials.clientId),
			tokenSource(credentials).id,
		].join('|'),
	);
}

/**
 * The transport passes the node's Timeout to preAuthentication as a property n8n neither stores
 * nor copies (not enumerable); a credential test has none and uses the default.
 */
export const TOKEN_DEADLINE_KEY = 'zohoTokenDeadline';

function deadlineOf(credentials: ICredentialDataDecryptedObject): number {
	const value = (credentials as Record<string, unknown>)[TOKEN_DEADLINE_KEY];
	return typeof value === 'number' && Number.isFinite(value)
		? value
		: Date.now() + DEFAULT_TOKEN_TIMEOUT_MS;
}

/**
 * The Self Client credential's preAuthentication: returns the fields n8n persists. The grant code
 * is sent only when it differs from the last code exchanged (its fingerprint is kept), and a
 * code exchange is never retried: it is not idempotent.
 */
export async function selfClientTokens(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const hosts = resolveHosts(credentials);
	const source = tokenSource(credentials);
	if (!source.exchangeCode && !source.refreshToken) {
		throw localError(source.grantCode ? 'no_refresh_token' : 'missing_grant_code');
	}
	const clientId = str(credentials.clientId);
	const clientSecret = str(credentials.clientSecret);
	const form: Record<string, string> = source.exchangeCode
		? {
				grant_type: 'authorization_code',
				client_id: clientId,
				client_secret: clientSecret,
				code: source.grantCode,
			}
		: {
				grant_type: 'refresh_token',
				client_id: clientId,
				client_secret: clientSecret,
				refresh_token: source.refreshToken,
			};
	const answer = await requestToken(
		helper,
		`${hosts.accounts}/oauth/v2/token`,
		form,
		dataCenterName(hosts),
		deadlineOf(credentials),
	);
	const result: Record<string, string> = {
		accessToken: str(answer.access_token),
		apiDomain: str(answer.api_domain),
	};
	if (source.exchangeCode) {
		result.grantCodeFingerprint = source.codeFingerprint;
		result.obtainedRefreshToken = str(answer.refresh_token);
	}
	result.tokenFingerprint = selfClientFingerprint({ ...credentials, ...result }, hosts);
	return result;
}

function tryParse(text: string): IDataObject | undefined {
	try {
		const parsed = parseJsonKeepingBigIntegers(text);
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/** Removes the form's secrets from text a hostile or buggy server may have echoed back. */
function withoutSecrets(text: string, form: Record<string, string>): string {
	let out = text;
	for (const key of ['client_secret', 'code', 'refresh_token']) {
		const secret = form[key];
		if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
	}
	return out;
}

function networkCode(error: unknown): string {
	const e = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
	const code = e?.code ?? e?.cause?.code;
	return typeof code === 'string' && code ? code : 'connection failed';
}

async function requestToken(
	helper: IHttpRequestHelper,
	url: string,
	form: Record<string, string>,
	dataCenter: string,
	deadline: number,
): Promise<IDataObject> {
	const budget = Math.max(1, deadline - Date.now());
	// A deadline for the whole answer: `timeout` alone only limits idle time between bytes.
	const signal = AbortSignal.timeout(budget);
	let response: { statusCode: number; body: unknown };
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url,
			body: new URLSearchParams(form).toString(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			encoding: 'text',
			json: false,
			timeout: budget,
			abortSignal: signal,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const code = networkCode(error);
		if (
			signal.aborted ||
			code === 'ECONNABORTED' ||
			code === 'ETIMEDOUT' ||
			code === 'ERR_CANCELED'
		) {
			throw timeoutError(budget);
		}
		throw networkError(code);
	}
	const text =
		typeof response.body === 'string'
			? response.body
			: Buffer.isBuffer(response.body)
				? response.body.toString('utf8')
				: '';
	const answer = tryParse(text);
	if (!answer) {
		const status = response.statusCode;
		if (status >= 500 || status === 0 || text.trimStart().startsWith('<')) {
			const plain = text.trimStart().startsWith('<') ? '' : withoutSecrets(text, form);
			throw unavailableError(status, plain);
		}
		throw refusedError(`unreadable answer (HTTP ${status})`, '', dataCenter, 'selfClient', status);
	}
	const accessToken = str(answer.access_token);
	if (!accessToken) {
		const zohoError =
			withoutSecrets(str(answer.error), form) ||
			`no access token returned (HTTP ${response.statusCode})`;
		const description = withoutSecrets(str(answer.error_description), form);
		throw refusedError(zohoError, description, dataCenter, 'selfClient', response.statusCode);
	}
	return answer;
}

/**
 * Marks the request the transport sends only to make n8n run (and persist) preAuthentication.
 * The credential's `authenticate` refuses to sign it, so it never leaves the machine: getting a
 * token is separate from any API call, and costs no API quota.
 */
export const TOKEN_ONLY_HEADER = 'x-zoho-regional-token-only';
export const TOKEN_ONLY_MESSAGE = 'Zoho access token obtained; the token-only request is not sent';
