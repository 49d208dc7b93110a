import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { AuthenticationKind, ZohoConnection, ZohoContext } from './auth';
import { ZohoCredentialError, allowedOrigins, loadConnection, renewToken, sendSigned, unwrapTokenError } from './auth';
import type { ZohoFailure } from './errors';
import { ZohoApiError, ZohoQuotaError, redactError, shortServerText } from './errors';
import { UnsafePathError, buildGuardedUrl } from './hostGuard';
import { parseJsonKeepingBigIntegers } from './json';
import type { PacingRule } from './limiter';
import { limiterFor } from './limiter';
import type { Block } from './locks';
import { knownBlock, liftBlock, rememberBlock } from './locks';
import { headerText } from './headers';
import type { ProductProfile } from './profile';
import { dailyQuotaInZone } from './quota';
import type { TokenEndpointError } from './tokenEndpoint';
import { networkWords } from './tokenEndpoint';
import { markRefusedAfterRenewal, refusedRightAfterRenewal, tokenToSend } from './tokenGate';

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
	/** Which credential signs the request: the node's Authentication choice, read by the caller. */
	authentication: AuthenticationKind;
	/** How long quota waits (per-minute, concurrency, lock) may take in total, in ms. */
	maxWaitMs?: number;
	itemIndex?: number;
	/** Deadline for each answer, token requests included, in ms. */
	timeoutMs?: number;
	/** Time zone of the organization or account, for daily-reset messages. */
	timeZone?: string;
	/**
	 * Finds the time zone when a daily limit is hit and `timeZone` is not known (Invoice: at most
	 * one lookup per organization per process); undefined when it cannot.
	 */
	lookUpTimeZone?: () => Promise<string | undefined>;
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
/** Server text handed to the product profiles: enough for any error page, bounded for regexes. */
const MAX_TEXT_FOR_CHECKS = 16_384;

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (body === undefined || body === null) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(body), 'utf8');
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

// ---------------------------------------------------------------------------------------------
// Send: one attempt on the wire, with a deadline for the whole answer.

type SendOutcome = { response: IN8nHttpFullResponse } | { networkError: unknown; timedOut: boolean; cancelled: boolean };

async function sendOnce(ctx: ZohoContext, options: IHttpRequestOptions, token: string, timeoutMs: number): Promise<SendOutcome> {
	// `timeout` alone only limits the time between bytes; the signal ends a trickled answer too.
	const deadline = AbortSignal.timeout(Math.max(1, timeoutMs));
	const cancel = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	const abortSignal = cancel ? AbortSignal.any([deadline, cancel]) : deadline;
	try {
		return { response: await sendSigned(ctx, { ...options, abortSignal }, token) };
	} catch (error) {
		return { networkError: error, timedOut: deadline.aborted, cancelled: cancel?.aborted === true };
	}
}

// ---------------------------------------------------------------------------------------------
// Classify: an answer or a network error becomes a response or a ZohoFailure.

function networkFailure(error: unknown, product: string, timeoutMs: number, timedOut: boolean): ZohoFailure {
	const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
	const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
	const text = `${String(e?.message ?? '')} ${String(e?.cause?.message ?? '')}`.slice(0, 500);
	// n8n re-wraps network errors and drops their code; recognise a timeout by its words too.
	// No zohoCode here: n8n would swap a network code (ETIMEDOUT, ECONNRESET) for its own words.
	if (timedOut || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout|timed out/i.test(text)) {
		return { httpStatus: 0, zohoMessage: `${product} did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s (timed out)`, transient: true };
	}
	return { httpStatus: 0, zohoMessage: `${product} could not be reached (${networkWords(code)})`, transient: true };
}

function describeJsonKind(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return `a ${typeof value}`;
}

function classify(
	profile: ProductProfile,
	response: IN8nHttpFullResponse,
	request: ZohoRequest,
	settings: RequestSettings,
): { ok: ZohoResponse } | { failure: ZohoFailure } {
	const raw = toBuffer(response.body);
	const headers = (response.headers ?? {}) as IDataObject;
	const contentType = headerText(headers, 'content-type') ?? '';
	const text = raw.toString('utf8');
	let body: unknown;
	const looksJson = /json/i.test(contentType) || /^\s*[{[]/.test(text.slice(0, 64));
	if (looksJson && text.trim() !== '') {
		try {
			body = parseJsonKeepingBigIntegers(text);
		} catch {
			body = undefined;
		}
	}
	const isBinary = !looksJson && !/^text\//i.test(contentType) && response.statusCode < 300 && raw.length > 0;
	if (isBinary) return { ok: { statusCode: response.statusCode, headers, body: undefined, raw } };
	// Every Zoho answer is a JSON object (or a list, for a few Custom API Call endpoints); a bare
	// number or string would otherwise reach the user as `json: 42`.
	if (body !== undefined && (typeof body !== 'object' || body === null)) {
		return {
			failure: {
				httpStatus: response.statusCode,
				zohoMessage: `${profile.name} answered with ${describeJsonKind(body)} where a JSON object was expected`,
			},
		};
	}
	const failure = profile.checkResponse({
		httpStatus: response.statusCode,
		body,
		text: text.length > MAX_TEXT_FOR_CHECKS ? text.slice(0, MAX_TEXT_FOR_CHECKS) : text,
		contentType,
		headers,
		path: request.path,
		timeZone: settings.timeZone,
		dailyLimit: settings.dailyLimit,
		now: new Date(),
	});
	if (!failure) return { ok: { statusCode: response.statusCode, headers, body, raw } };
	// Zoho's words go into messages: keep them short whatever the server sent.
	if (failure.zohoMessage !== undefined) failure.zohoMessage = shortServerText(failure.zohoMessage);
	return { failure };
}

// ---------------------------------------------------------------------------------------------
// Retry policy: what to do about a failure.

/**
 * Delay before the next try of a per-minute or concurrency refusal without a Retry-After;
 * undefined means do not wait (daily limits, token throttles).
 */
function quotaDelay(failure: ZohoFailure, attempt: number, now: number): number | undefined {
	const quota = failure.quota;
	if (!quota || quota.kind === 'daily' || quota.kind === 'tokenThrottle') return undefined;
	const resetAt = quota.resetsAt ? Date.parse(quota.resetsAt) : undefined;
	const untilReset = resetAt === undefined ? undefined : Math.max(0, resetAt - now);
	// Zoho's windows are not documented as fixed or rolling, so back off and never wait past the reset.
	const backoff = Math.min(1000 * 2 ** attempt, 16_000);
	return untilReset === undefined ? backoff : Math.min(backoff, untilReset + 250);
}

/** Delay before the next probe of a People lock: back off, and never probe later than its documented end. */
function lockProbeDelay(block: Block, attempt: number, now: number): number {
	return Math.min(1000 * 2 ** attempt, 30_000, Math.max(0, block.until - now) + 250);
}

/**
 * What a block covers: the product, the credential (with its settings), the organization and what
 * the product narrows it to (People: the endpoint).
 */
function blockKeyOf(profile: ProductProfile, connection: ZohoConnection, request: ZohoRequest): string {
	const organization = Object.entries(request.headers ?? {}).find(([k]) => /organizationid$/i.test(k))?.[1] ?? '';
	return [profile.key, connection.gateKey, String(organization), profile.blockScope(request.path)].join('|');
}

/** Whether a request may wait for `block` to end: within its Max Wait, and never for a daily limit. */
function mayWaitFor(block: Block, state: RetryState): boolean {
	return block.failure.quota.kind !== 'daily' && block.until <= state.deadline;
}

/**
 * Waits while `block` is in force: until its end, or until a call sent after it went through.
 * Returns false when the execution was cancelled meanwhile.
 */
async function waitOutBlock(ctx: ZohoContext, key: string, block: Block): Promise<boolean> {
	const cancel = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	while (knownBlock(key) === block) {
		if (cancel?.aborted) return false;
		await sleep(Math.max(1, Math.min(500, block.until - Date.now())));
	}
	return true;
}

function failureMessage(profile: ProductProfile, failure: ZohoFailure): string {
	const code = failure.zohoCode !== undefined ? ` (code ${failure.zohoCode})` : '';
	const status = failure.httpStatus ? ` [HTTP ${failure.httpStatus}]` : '';
	return `${profile.name}: ${failure.zohoMessage ?? 'request failed'}${code}${status}`;
}

/** The credential option or grant code that gives the product's scopes, for scope failures. */
function scopeHint(profile: ProductProfile, connection: ZohoConnection): string {
	return connection.kind === 'oAuth2'
		? `The credential was not granted ${profile.name} scopes: in the credential set "${profile.access.displayName}" to Read Only or Full Access, then reconnect the credential.`
		: `The grant code or refresh token does not include ${profile.name} scopes: generate a new grant code with them (see the README's scope list) and paste it into the credential.`;
}

interface RetryState {
	renewed: boolean;
	transientTries: number;
	quotaTries: number;
	deadline: number;
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
	profile: ProductProfile,
	request: ZohoRequest,
	settings: RequestSettings,
): Promise<ZohoResponse> {
	const node = this.getNode();
	const itemIndex = settings.itemIndex;
	let connection: ZohoConnection | undefined;
	try {
		connection = await loadConnection(this, settings.authentication);
		const url = buildGuardedUrl(profile.baseUrl(connection.hosts), request.path, allowedOrigins(connection.hosts));
		return await sendWithRetries(this, profile, connection, url, request, settings);
	} catch (error) {
		throw redactError(toNodeError(error, node, profile, itemIndex), connection?.secrets ?? []);
	}
}

async function sendWithRetries(
	ctx: ZohoContext,
	profile: ProductProfile,
	connection: ZohoConnection,
	url: string,
	request: ZohoRequest,
	settings: RequestSettings,
): Promise<ZohoResponse> {
	const node = ctx.getNode();
	const itemIndex = settings.itemIndex;
	const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const limiter = limiterFor(pacingRule(ctx, profile, request, settings));
	const blockKey = blockKeyOf(profile, connection, request);
	const state: RetryState = {
		renewed: false,
		transientTries: 0,
		quotaTries: 0,
		deadline: Date.now() + (settings.maxWaitMs ?? DEFAULT_MAX_WAIT_MS),
	};
	const idempotent = IDEMPOTENT.has(request.method);
	for (;;) {
		// A block Zoho announced (People lock, Retry-After) is not sent into: fail at once with the
		// same error, or wait for its end when it fits Max Wait. Only a lock's prober goes on.
		const block = knownBlock(blockKey);
		if (block && block.prober !== state) {
			if (!mayWaitFor(block, state)) throw new ZohoQuotaError(node, block.failure, itemIndex);
			if (!(await waitOutBlock(ctx, blockKey, block))) throw new NodeOperationError(node, 'The execution was cancelled', { itemIndex });
			continue;
		}
		// Wait for a renewal in progress, or take the token that replaced ours; with no token
		// (Self Client first use, or settings changed since) get one before anything is sent.
		let token = await tokenToSend(connection.gateKey, connection.accessToken);
		if (token === '') token = await renewToken(ctx, connection, '', timeoutMs);
		connection.accessToken = token;

		const release = await limiter.acquire();
		const sentAt = Date.now();
		const sent = await sendOnce(ctx, buildOptions(url, request, timeoutMs), token, timeoutMs).finally(release);
		if ('networkError' in sent && sent.cancelled) {
			throw new NodeOperationError(node, 'The execution was cancelled', { itemIndex });
		}
		const outcome =
			'response' in sent
				? classify(profile, sent.response, request, settings)
				: { failure: networkFailure(sent.networkError, profile.name, timeoutMs, sent.timedOut) };
		if ('ok' in outcome) {
			limiter.onSuccess();
			liftBlock(blockKey, sentAt);
			return outcome.ok;
		}
		const failure = outcome.failure;

		if (failure.scopeMissing) {
			throw new ZohoApiError(node, failure, `${failureMessage(profile, failure)}. ${scopeHint(profile, connection)}`, itemIndex);
		}
		if (failure.tokenInvalid) {
			// A token refused right after its renewal (by this or another request) has not expired:
			// renewing again would only spend Zoho's ten token requests per ten minutes.
			if (!state.renewed && !refusedRightAfterRenewal(connection.gateKey, token)) {
				state.renewed = true;
				connection.accessToken = await renewToken(ctx, connection, token, timeoutMs);
				continue;
			}
			if (state.renewed) markRefusedAfterRenewal(connection.gateKey, token);
			failure.hint =
				'Zoho refused a freshly renewed access token: check the scopes granted to the client and the data center.';
			throw new ZohoApiError(node, failure, failureMessage(profile, failure), itemIndex);
		}
		if (failure.quota) {
			let quota = failure.quota;
			if (quota.kind === 'perMinute' || quota.kind === 'concurrency' || quota.kind === 'lockPeriod') limiter.onThrottle(quota.kind);
			if (quota.kind === 'daily' && !settings.timeZone && settings.lookUpTimeZone) {
				const zone = await settings.lookUpTimeZone().catch(() => undefined);
				if (zone) quota = dailyQuotaInZone(quota, zone);
			}
			const refused = { ...failure, quota };
			// Zoho said when access returns (Retry-After), or People locked the endpoint for its
			// documented period: remember it, so no later call of this process is sent into it.
			const now = Date.now();
			const until =
				quota.retryAfterMs !== undefined
					? now + quota.retryAfterMs
					: quota.kind === 'lockPeriod' && quota.resetsAt
						? Date.parse(quota.resetsAt)
						: undefined;
			if (until !== undefined) {
				const known = rememberBlock(blockKey, refused, until, now);
				// Past the user's bound, or a daily limit: fail at once, naming when access returns.
				if (!mayWaitFor(known, state)) throw new ZohoQuotaError(node, known.failure, itemIndex);
				// A Retry-After is exact: wait it out (at the top of the loop). A lock's documented
				// period is only an upper bound (it began when the threshold was crossed), so one
				// request probes for an early end with back-off while the others wait without sending.
				if (quota.retryAfterMs === undefined && (known.prober === undefined || known.prober === state)) {
					const delay = lockProbeDelay(known, state.quotaTries, now);
					if (now + delay > state.deadline) {
						known.prober = undefined;
						throw new ZohoQuotaError(node, known.failure, itemIndex);
					}
					known.prober = state;
					state.quotaTries++;
					await sleep(delay);
				}
				continue;
			}
			const delay = quotaDelay(refused, state.quotaTries, now);
			if (delay !== undefined && now + delay <= state.deadline) {
				state.quotaTries++;
				await sleep(delay);
				continue;
			}
			throw new ZohoQuotaError(node, refused, itemIndex);
		}
		if (failure.transient && idempotent && state.transientTries < TRANSIENT_RETRIES) {
			state.transientTries++;
			await sleep(300 * 2 ** state.transientTries);
			continue;
		}
		if (failure.transient && !idempotent) {
			failure.hint = 'The request was not retried because Zoho may have processed it; check before sending it again.';
		}
		throw new ZohoApiError(node, failure, failureMessage(profile, failure), itemIndex);
	}
}

function tokenFailure(error: TokenEndpointError): ZohoFailure {
	return {
		httpStatus: error.httpStatus,
		zohoCode: error.zohoError || undefined,
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

function toNodeError(error: unknown, node: ReturnType<ZohoContext['getNode']>, profile: ProductProfile, itemIndex?: number): Error {
	if (error instanceof ZohoApiError || error instanceof NodeOperationError) return error;
	if (error instanceof UnsafePathError) return new NodeOperationError(node, error.message, { itemIndex });
	if (error instanceof ZohoCredentialError || (error as Error)?.name === 'ZohoCredentialError') {
		const credentialError = error as ZohoCredentialError;
		return credentialError.failure.httpStatus
			? new ZohoApiError(node, credentialError.failure, credentialError.message, itemIndex)
			: new NodeOperationError(node, credentialError.message, { itemIndex });
	}
	const tokenError = unwrapTokenError(error);
	if (tokenError) {
		const failure = tokenFailure(tokenError);
		if (failure.quota) return new ZohoQuotaError(node, { ...failure, quota: failure.quota }, itemIndex);
		return new ZohoApiError(node, failure, tokenError.message, itemIndex);
	}
	const message = shortServerText(error instanceof Error ? error.message : String(error));
	return new ZohoApiError(node, { httpStatus: 0, zohoMessage: message }, `${profile.name}: ${message}`, itemIndex);
}
