import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { isDataCenterCode, resolveHosts } from '../dataCenters';
import { parseJsonKeepingBigIntegers } from './json';

/**
 * Zoho Accounts token endpoint for the Self Client flow: exchanges a one-time grant code once,
 * then renews access tokens from the refresh token. Zoho answers failures with HTTP 200 and an
 * `error` field, so every answer is checked for `access_token`.
 */

const TOKEN_THROTTLE_WINDOW_MS = 10 * 60 * 1000;

/** A failed token request, worded for the user; never carries a secret. */
export class TokenEndpointError extends Error {
	readonly zohoError: string;
	readonly hint: string;
	readonly throttled: boolean;
	readonly resetsAt?: string;

	constructor(zohoError: string, zohoDescription: string, dataCenter: string, now = new Date()) {
		const { hint, throttled } = describeTokenError(zohoError, dataCenter);
		const detail = zohoDescription && zohoDescription !== zohoError ? ` (${zohoDescription})` : '';
		super(
			LOCAL_PROBLEMS.has(zohoError)
				? `${LOCAL_PREFIX}${hint}`
				: `${REFUSED_PREFIX}${zohoError}${detail}. ${hint}`,
		);
		this.name = 'TokenEndpointError';
		this.zohoError = zohoError;
		this.hint = hint;
		this.throttled = throttled;
		if (throttled) this.resetsAt = new Date(now.getTime() + TOKEN_THROTTLE_WINDOW_MS).toISOString();
	}
}

const REFUSED_PREFIX = 'Zoho Accounts refused the token request: ';
const LOCAL_PREFIX = 'The Zoho Self Client credential cannot get a token: ';

/**
 * Recovers a TokenEndpointError from its message. n8n re-wraps errors thrown in preAuthentication
 * into a NodeApiError that keeps only the message (the original is not kept as `cause`).
 */
export function tokenErrorFromMessage(message: string): TokenEndpointError | undefined {
	if (message.startsWith(LOCAL_PREFIX)) {
		const error = new TokenEndpointError('missing_grant_code', '', '');
		error.message = message;
		return error;
	}
	if (!message.startsWith(REFUSED_PREFIX)) return undefined;
	const rest = message.slice(REFUSED_PREFIX.length);
	const match = rest.match(/^(.+?)(?: \((.*?)\))?\. /);
	const error = new TokenEndpointError(match?.[1] ?? rest, match?.[2] ?? '', '');
	error.message = message;
	return error;
}

/** Problems found before asking Zoho; they are not Zoho error codes. */
const LOCAL_PROBLEMS = new Set(['missing_grant_code', 'no_refresh_token']);

export function describeTokenError(zohoError: string, dataCenter: string): { hint: string; throttled: boolean } {
	if (/^access denied$/i.test(zohoError.trim())) {
		return {
			hint: 'Zoho allows about 10 access-token requests per refresh token in 10 minutes; wait up to 10 minutes and try again.',
			throttled: true,
		};
	}
	switch (zohoError) {
		case 'invalid_code':
			return {
				hint: 'The grant code has expired or was already used, or the refresh token was revoked (Zoho keeps at most 20 refresh tokens per user). Generate a new grant code in the Zoho API Console, or paste a valid refresh token.',
				throttled: false,
			};
		case 'invalid_client':
		case 'invalid_client_secret':
			return {
				hint: `Most often the Data Center does not match the one your client was created in; you chose ${dataCenter}. Otherwise check the Client ID and Client Secret (and that the data center is enabled for the client under Settings > Multi DC).`,
				throttled: false,
			};
		case 'invalid_redirect_uri':
			return { hint: 'The redirect URL registered for the client in Zoho must be exactly the one n8n shows.', throttled: false };
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
			return { hint: 'The consent was denied, or too many grant codes were requested; try again in 10 minutes.', throttled: false };
		default:
			return { hint: 'Check the credential and reconnect it.', throttled: false };
	}
}

export function fingerprint(value: string): string {
	return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

function str(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

/** Renewals in flight per refresh token, so concurrent callers in this process share one. */
const inFlight = new Map<string, Promise<IDataObject>>();

/**
 * The Self Client credential's preAuthentication: returns the fields n8n persists. The grant code
 * is sent only when it differs from the last code exchanged (its fingerprint is kept).
 */
export async function selfClientTokens(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const hosts = resolveHosts(credentials);
	const dataCenter = isDataCenterCode(hosts.dataCenter) ? hosts.dataCenter.toUpperCase() : hosts.label;
	const tokenUrl = `${hosts.accounts}/oauth/v2/token`;
	const clientId = str(credentials.clientId);
	const clientSecret = str(credentials.clientSecret);
	const grantCode = str(credentials.grantCode);
	const codeFingerprint = grantCode ? fingerprint(grantCode) : '';
	const obtained = str(credentials.obtainedRefreshToken);
	const exchangeCode = grantCode !== '' && codeFingerprint !== str(credentials.grantCodeFingerprint);
	const refreshToken = grantCode && !exchangeCode && obtained ? obtained : str(credentials.refreshToken) || obtained;

	if (!exchangeCode && !refreshToken) {
		throw new TokenEndpointError(
			grantCode ? 'no_refresh_token' : 'missing_grant_code',
			'',
			dataCenter,
		);
	}
	const form: IDataObject = exchangeCode
		? { grant_type: 'authorization_code', client_id: clientId, client_secret: clientSecret, code: grantCode }
		: { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken };

	const key = `${tokenUrl}|${clientId}|${exchangeCode ? codeFingerprint : fingerprint(refreshToken)}`;
	let pending = inFlight.get(key);
	if (!pending) {
		pending = requestToken(helper, tokenUrl, form, dataCenter).finally(() => inFlight.delete(key));
		inFlight.set(key, pending);
	}
	const answer = await pending;
	const result: IDataObject = {
		accessToken: answer.access_token,
		apiDomain: str(answer.api_domain),
	};
	if (exchangeCode) {
		result.grantCodeFingerprint = codeFingerprint;
		result.obtainedRefreshToken = str(answer.refresh_token);
	}
	return result;
}

function tryParse(text: string): IDataObject | undefined {
	try {
		const parsed = parseJsonKeepingBigIntegers(text);
		return typeof parsed === 'object' && parsed !== null ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

async function requestToken(
	helper: IHttpRequestHelper,
	url: string,
	form: IDataObject,
	dataCenter: string,
): Promise<IDataObject> {
	const response = (await helper.helpers.httpRequest({
		method: 'POST',
		url,
		body: new URLSearchParams(form as Record<string, string>).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
	})) as { statusCode: number; body: unknown };
	const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? '');
	const answer = tryParse(text);
	if (!answer) throw new TokenEndpointError(`unreadable answer (HTTP ${response.statusCode})`, '', dataCenter);
	const accessToken = str(answer?.access_token);
	if (!accessToken) {
		const zohoError = str(answer?.error) || `no access token returned (HTTP ${response.statusCode})`;
		throw new TokenEndpointError(zohoError, str(answer?.error_description), dataCenter);
	}
	return answer;
}
