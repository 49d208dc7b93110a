import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { ZohoConnection, ZohoContext } from './auth';
import {
	ZohoCredentialError,
	allowedOrigins,
	awaitRenewal,
	loadConnection,
	refreshOAuth2,
	renewTokenOnce,
	sendSigned,
} from './auth';
import type { ZohoFailure } from './errors';
import { ZohoApiError, ZohoQuotaError, redactError } from './errors';
import { UnsafePathError, buildGuardedUrl } from './hostGuard';
import { parseJsonKeepingBigIntegers } from './json';
import type { ProductKey, ProductProfile } from './profiles';
import { PROFILES } from './profiles';
import type { PacingRule } from './limiter';
import { limiterFor } from './limiter';
import type { TokenEndpointError } from './tokenEndpoint';
import { tokenErrorFromMessage } from './tokenEndpoint';

export interface ZohoRequest {
	method: IHttpRequestMethods;
	/** Path relative to the product's base URL, e.g. /contacts. */
	path: string;
	qs?: IDataObject;
	/** JSON body: an object, or JSON text sent as it is (keeps 18-digit IDs exact). */
	body?: IDataObject | string;
	/** application/x-www-form-urlencoded fields. */
	form?: IDataObject;
	/** multipart/form-data fields (Bookings writes); the body is rebuilt for every attempt. */
	multipart?: IDataObject;
	headers?: IDataObject;
}

export interface RequestSettings {
	/** How long quota waits (per-minute, concurrency, lock) may take in total, in ms. */
	maxWaitMs?: number;
	itemIndex?: number;
	/** Give up on an answer after this long, in ms. */
	timeoutMs?: number;
	/** Time zone of the organization or account, for daily-reset messages. */
	timeZone?: string;
	/** The plan's daily call limit, when the user told the node (Bookings). */
	dailyLimit?: number;
	/** Calls per minute to pace to, when the user's plan differs from Zoho's documented limit. */
	rateLimitPerMinute?: number;
	/** Most pages one list may take before paging fails (Return All); default 1,000. */
	maxPages?: number;
}

export interface ZohoResponse {
	statusCode: number;
	headers: IDataObject;
	/** Parsed JSON (large integers kept as strings), or undefined for non-JSON bodies. */
	body: unknown;
	raw: Buffer;
}

export const DEFAULT_MAX_WAIT_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 60_000;
const TRANSIENT_RETRIES = 2;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

function profileOf(product: ProductKey): ProductProfile {
	return PROFILES[product];
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (body === undefined || body === null) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(body), 'utf8');
}

function header(headers: IDataObject, name: string): string {
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
	return key ? String(headers[key]) : '';
}

function buildOptions(url: string, request: ZohoRequest, timeoutMs: number): IHttpRequestOptions {
	const headers: IDataObject = { Accept: 'application/json', ...(request.headers ?? {}) };
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers,
		qs: request.qs,
		encoding: 'arraybuffer',
		timeout: timeoutMs,
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect must never carry the token to another host.
		disableFollowRedirect: true,
	};
	if (request.multipart) {
		const { boundary, body } = multipartBody(request.multipart);
		headers['Content-Type'] = `multipart/form-data; boundary=${boundary}`;
		options.body = body;
	} else if (request.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		options.body = new URLSearchParams(
			Object.entries(request.form).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
		).toString();
	} else if (request.body !== undefined) {
		headers['Content-Type'] = 'application/json';
		options.body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
	}
	return options;
}

function fieldText(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Encodes text fields as multipart/form-data by hand: the package has no runtime dependencies,
 * and a fresh Buffer per attempt is what lets a request be sent again after a token renewal.
 */
function multipartBody(fields: IDataObject): { boundary: string; body: Buffer } {
	const boundary = `----n8nZohoBoundary${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const parts: string[] = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		const safeName = name.replace(/["\r\n]/g, '_');
		parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"\r\n\r\n${fieldText(value)}\r\n`);
	}
	parts.push(`--${boundary}--\r\n`);
	return { boundary, body: Buffer.from(parts.join(''), 'utf8') };
}

/**
 * Which limiter a call shares: the product, the credential, the organization (Invoice) and the
 * profile's scope (People paces each endpoint on its own).
 */
function pacingRule(ctx: ZohoContext, profile: ProductProfile, request: ZohoRequest, settings: RequestSettings): PacingRule {
	const documented = profile.pacing(request.path);
	const credentials = ctx.getNode().credentials ?? {};
	const credential = Object.values(credentials)[0];
	const organization = Object.entries(request.headers ?? {}).find(([k]) => /organizationid$/i.test(k))?.[1] ?? '';
	return {
		key: [profile.key, credential?.id ?? credential?.name ?? '', String(organization), documented.scope].join(':'),
		perMinute: settings.rateLimitPerMinute || documented.perMinute,
		concurrency: documented.concurrency,
	};
}

/** Delay before the next try of a quota failure; undefined means do not wait. */
function quotaDelay(failure: ZohoFailure, attempt: number, now: number, lockUntil?: number): number | undefined {
	const quota = failure.quota;
	if (!quota || quota.kind === 'daily' || quota.kind === 'tokenThrottle') return undefined;
	// A lock's end is known only from Zoho's docs (the answer does not say), so probe with backoff
	// until the documented lock has passed, never longer.
	const resetAt = quota.kind === 'lockPeriod' ? lockUntil : quota.resetsAt ? Date.parse(quota.resetsAt) : undefined;
	const untilReset = resetAt === undefined ? undefined : Math.max(0, resetAt - now);
	// Zoho's windows are not documented as fixed or rolling, so back off and never wait past the reset.
	const backoff = Math.min(1000 * 2 ** attempt, quota.kind === 'lockPeriod' ? 30_000 : 16_000);
	return untilReset === undefined ? backoff : Math.min(backoff, untilReset + 250);
}

function networkFailure(error: Error & { code?: string }, product: string, timeoutMs: number): ZohoFailure {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	const code = error.code ?? cause?.code;
	const text = `${error.message} ${cause?.message ?? ''}`;
	// n8n re-wraps network errors and drops their code; recognise a timeout by its words too.
	// No zohoCode here: n8n would swap a network code (ETIMEDOUT, ECONNRESET) for its own words.
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout|timed out|aborted/i.test(text)) {
		return { httpStatus: 0, zohoMessage: `${product} did not answer within ${Math.round(timeoutMs / 1000)} s (timed out)`, transient: true };
	}
	return {
		httpStatus: 0,
		zohoMessage: `${product} could not be reached (${code ?? (error.message || 'connection failed')})`,
		transient: true,
	};
}

function failureMessage(profile: ProductProfile, failure: ZohoFailure): string {
	const code = failure.zohoCode !== undefined ? ` (code ${failure.zohoCode})` : '';
	const status = failure.httpStatus ? ` [HTTP ${failure.httpStatus}]` : '';
	return `${profile.name}: ${failure.zohoMessage ?? 'request failed'}${code}${status}`;
}

function tokenErrorToFailure(error: TokenEndpointError): ZohoFailure {
	return {
		httpStatus: 200,
		zohoCode: error.zohoError,
		zohoMessage: error.message,
		quota: error.throttled
			? {
					kind: 'tokenThrottle',
					product: 'Zoho Accounts',
					limit: 10,
					resetsAt: error.resetsAt,
					resetsText: `after ${error.resetsAt ?? 'up to 10 minutes'} (the window is 10 minutes)`,
				}
			: undefined,
	};
}

/**
 * Finds a TokenEndpointError or ZohoCredentialError that n8n may have wrapped. Matched by name:
 * n8n can load credential classes in an isolated context, so `instanceof` would miss them.
 */
function unwrapAuthError(error: unknown): TokenEndpointError | ZohoCredentialError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		const name = (current as Error)?.name;
		if (name === 'TokenEndpointError' || name === 'ZohoCredentialError') {
			return current as TokenEndpointError | ZohoCredentialError;
		}
		const fromMessage = tokenErrorFromMessage(String((current as Error)?.message ?? ''));
		if (fromMessage) return fromMessage;
		// n8n wraps it as `cause`, or as `errorResponse` when it came from another realm.
		const wrapper = current as { cause?: unknown; errorResponse?: unknown };
		current = wrapper.cause ?? wrapper.errorResponse;
	}
	return undefined;
}

function isTokenEndpointError(error: TokenEndpointError | ZohoCredentialError): error is TokenEndpointError {
	return error.name === 'TokenEndpointError';
}

/**
 * The one request function of the package. Refuses paths that leave the data center, signs with
 * either credential, renews an expired token once (one renewal per credential at a time), waits
 * out per-minute/concurrency/lock limits within `maxWaitMs`, fails fast on daily limits, retries
 * transient failures only for idempotent requests, and words every failure with Zoho's code and
 * message and no secrets.
 */
export async function zohoApiRequest(
	this: ZohoContext,
	product: ProductKey,
	request: ZohoRequest,
	settings: RequestSettings = {},
): Promise<ZohoResponse> {
	const profile = profileOf(product);
	const node = this.getNode();
	const itemIndex = settings.itemIndex;
	const maxWaitMs = settings.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
	const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let connection: ZohoConnection | undefined;
	try {
		connection = await loadConnection(this);
		const url = buildGuardedUrl(profile.baseUrl(connection.hosts), request.path, allowedOrigins(connection.hosts));
		const limiter = limiterFor(pacingRule(this, profile, request, settings));
		const deadline = Date.now() + maxWaitMs;
		let renewed = false;
		let transientTries = 0;
		let quotaTries = 0;
		let lockUntil: number | undefined;
		// An answer already received by a token renewal that re-sent this very request.
		let pending: { response: IN8nHttpFullResponse; usedToken: string } | undefined;
		for (;;) {
			let response: IN8nHttpFullResponse;
			let usedToken: string;
			if (pending) {
				({ response, usedToken } = pending);
				pending = undefined;
			} else {
				if (renewed || quotaTries > 0 || transientTries > 0) connection = await loadConnection(this);
				const release = await limiter.acquire();
				// A Self Client without a token may have got one while this call waited for its slot:
				// read it again rather than exchange a grant code that is already used.
				if (connection.kind === 'selfClient' && !connection.accessToken) connection = await loadConnection(this);
				const conn = connection;
				const fresh = await awaitRenewal(this, conn);
				const token = fresh ?? conn.accessToken;
				const attempt = await sendAttempt(this, conn, token, url, request, timeoutMs).finally(release);
				if ('error' in attempt) {
					if (unwrapAuthError(attempt.error)) throw attempt.error;
					const failure = networkFailure(attempt.error, profile.name, timeoutMs);
					if (IDEMPOTENT.has(request.method) && transientTries < TRANSIENT_RETRIES) {
						transientTries++;
						await sleep(300 * 2 ** transientTries);
						continue;
					}
					failure.hint = IDEMPOTENT.has(request.method)
						? undefined
						: 'The request was not retried because Zoho may have processed it; check before sending it again.';
					throw new ZohoApiError(node, failure, failureMessage(profile, failure), itemIndex);
				}
				({ response, usedToken } = attempt);
			}

			const raw = toBuffer(response.body);
			const contentType = header(response.headers as IDataObject, 'content-type');
			const text = raw.toString('utf8');
			let body: unknown;
			const looksJson = /json/i.test(contentType) || /^\s*[{[]/.test(text);
			if (looksJson && text.trim() !== '') {
				try {
					body = parseJsonKeepingBigIntegers(text);
				} catch {
					body = undefined;
				}
			}
			const isBinary = !looksJson && !/^text\//i.test(contentType) && response.statusCode < 300 && raw.length > 0;
			const failure = isBinary
				? undefined
				: profile.checkResponse({
						httpStatus: response.statusCode,
						body,
						text,
						contentType,
						path: request.path,
						timeZone: settings.timeZone,
						dailyLimit: settings.dailyLimit,
						now: new Date(),
					});
			if (!failure) {
				limiter.onSuccess();
				return { statusCode: response.statusCode, headers: response.headers as IDataObject, body, raw };
			}

			if (failure.tokenInvalid && !renewed) {
				renewed = true;
				const conn = connection;
				if (conn.kind === 'oAuth2') {
					await renewTokenOnce(this, conn, usedToken, async () => await refreshOAuth2(this, conn));
				} else {
					const lead = await renewSelfClient(this, conn, usedToken, url, request, timeoutMs);
					if (lead.response) pending = { response: lead.response, usedToken: lead.token };
				}
				continue;
			}
			if (failure.tokenInvalid) {
				failure.hint = 'Zoho refused a freshly renewed access token: check the scopes granted to the client and the data center.';
			}

			if (failure.quota) {
				const kind = failure.quota.kind;
				if (kind === 'perMinute' || kind === 'concurrency' || kind === 'lockPeriod') limiter.onThrottle(kind);
				if (failure.quota.kind === 'lockPeriod' && lockUntil === undefined && failure.quota.resetsAt) {
					lockUntil = Date.parse(failure.quota.resetsAt);
				}
				// A lock that outlasts the user's bound fails at once rather than after waiting.
				const lockFits = failure.quota.kind !== 'lockPeriod' || (lockUntil ?? Infinity) <= deadline;
				const delay = quotaDelay(failure, quotaTries, Date.now(), lockUntil);
				if (lockFits && delay !== undefined && Date.now() + delay <= deadline) {
					quotaTries++;
					await sleep(delay);
					continue;
				}
				throw new ZohoQuotaError(node, { ...failure, quota: failure.quota }, itemIndex);
			}
			if (failure.transient && IDEMPOTENT.has(request.method) && transientTries < TRANSIENT_RETRIES) {
				transientTries++;
				await sleep(300 * 2 ** transientTries);
				continue;
			}
			throw new ZohoApiError(node, failure, failureMessage(profile, failure), itemIndex);
		}
	} catch (error) {
		throw redactError(toNodeError(error, node, profile, itemIndex), connection?.secrets ?? []);
	}
}

/** Sends once; network failures come back as `{ error }` so the caller can decide on retries. */
async function sendAttempt(
	ctx: ZohoContext,
	connection: ZohoConnection,
	token: string,
	url: string,
	request: ZohoRequest,
	timeoutMs: number,
): Promise<{ response: IN8nHttpFullResponse; usedToken: string } | { error: Error }> {
	const send = async () => {
		if (connection.kind === 'selfClient' && token === '') {
			// No token yet: the first caller exchanges the grant code (or refreshes); the rest wait.
			const lead = await renewSelfClient(ctx, connection, '', url, request, timeoutMs);
			return lead.response
				? { response: lead.response, usedToken: lead.token }
				: await sendSigned(ctx, connection, buildOptions(url, request, timeoutMs), lead.token);
		}
		return await sendSigned(ctx, connection, buildOptions(url, request, timeoutMs), token);
	};
	return await send().catch((error: Error) => ({ error }));
}

/**
 * Renews a Self Client token by re-sending the request with no token, which makes n8n run the
 * credential's preAuthentication (and persist its result). Only the first caller does this; the
 * others get the fresh token. The leader also gets the answer to its re-sent request.
 */
async function renewSelfClient(
	ctx: ZohoContext,
	connection: ZohoConnection,
	staleToken: string,
	url: string,
	request: ZohoRequest,
	timeoutMs: number,
): Promise<{ token: string; response?: IN8nHttpFullResponse }> {
	let leaderResponse: IN8nHttpFullResponse | undefined;
	const token = await renewTokenOnce(ctx, connection, staleToken, async () => {
		const sent = await sendSigned(ctx, connection, buildOptions(url, request, timeoutMs), '');
		leaderResponse = sent.response;
		return sent.usedToken;
	});
	return { token, response: leaderResponse };
}

function toNodeError(error: unknown, node: ReturnType<ZohoContext['getNode']>, profile: ProductProfile, itemIndex?: number): Error {
	if (error instanceof ZohoApiError) return error;
	if (error instanceof UnsafePathError) return new NodeOperationError(node, error.message, { itemIndex });
	const auth = unwrapAuthError(error);
	if (auth && isTokenEndpointError(auth)) {
		const failure = tokenErrorToFailure(auth);
		if (failure.quota) return new ZohoQuotaError(node, { ...failure, quota: failure.quota }, itemIndex);
		return new ZohoApiError(node, failure, auth.message, itemIndex);
	}
	if (auth) {
		return auth.failure.httpStatus
			? new ZohoApiError(node, auth.failure, auth.message, itemIndex)
			: new NodeOperationError(node, auth.message, { itemIndex });
	}
	const message = (error as Error)?.message ?? String(error);
	return new ZohoApiError(node, { httpStatus: 0, zohoMessage: message }, `${profile.name}: ${message}`, itemIndex);
}
