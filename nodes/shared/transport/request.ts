import { NodeOperationError, sleep } from 'n8n-workflow';
import type { AuthenticationKind, ZohoConnection, ZohoContext } from './auth';
import {
	ZohoCredentialError,
	allowedOrigins,
	loadConnection,
	renewToken,
	unwrapTokenError,
} from './auth';
import { classify, networkFailure } from './classify';
import type { ZohoFailure } from './errors';
import { ZohoApiError, ZohoQuotaError, redactError, shortServerText } from './errors';
import { UnsafePathError, buildGuardedUrl } from './hostGuard';
import type { PacingRule } from './limiter';
import { limiterFor } from './limiter';
import type { Block } from './locks';
import { knownBlock, liftBlock, rememberBlock } from './locks';
import type { ProductProfile } from './profile';
import { dailyQuotaInZone } from './quota';
import type { TokenEndpointError } from './tokenEndpoint';
import { markRefusedAfterRenewal, refusedRightAfterRenewal, tokenToSend } from './tokenGate';
import { noteDailyCalls } from './dailyCalls';
import type { ZohoRequest, ZohoResponse } from './wire';
import { buildOptions, sendOnce } from './wire';

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
	/**
	 * How many n8n processes (queue-mode workers) send calls for this account at once: each paces to
	 * its share of the per-minute and concurrency limits, as processes share no memory.
	 */
	workersSharingRate?: number;
}

export const DEFAULT_MAX_WAIT_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 60_000;
const TRANSIENT_RETRIES = 2;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One worker's share of a limit; at least 1, so every worker can still make calls. */
function shareOf(limit: number, workers: number): number {
	return Math.max(1, Math.floor(limit / workers));
}

/**
 * Which limiter a call shares: the product, the credential, the organization (Invoice) and the
 * profile's scope (People paces each endpoint on its own).
 */
function pacingRule(
	ctx: ZohoContext,
	profile: ProductProfile,
	request: ZohoRequest,
	settings: RequestSettings,
): PacingRule {
	const documented = profile.pacing(request.path);
	const workers = Math.max(1, Math.floor(settings.workersSharingRate ?? 1));
	const perMinute = settings.rateLimitPerMinute || documented.perMinute;
	const credentials = ctx.getNode().credentials ?? {};
	const credential = Object.values(credentials)[0];
	const organization =
		Object.entries(request.headers ?? {}).find(([k]) => /organizationid$/i.test(k))?.[1] ?? '';
	return {
		key: [
			profile.key,
			credential?.id ?? credential?.name ?? '',
			String(organization),
			documented.scope,
		].join(':'),
		perMinute: perMinute === undefined ? undefined : shareOf(perMinute, workers),
		concurrency: shareOf(documented.concurrency, workers),
		workers,
	};
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
function blockKeyOf(
	profile: ProductProfile,
	connection: ZohoConnection,
	request: ZohoRequest,
): string {
	const organization =
		Object.entries(request.headers ?? {}).find(([k]) => /organizationid$/i.test(k))?.[1] ?? '';
	return [
		profile.key,
		connection.gateKey,
		String(organization),
		profile.blockScope(request.path),
	].join('|');
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
		const url = buildGuardedUrl(
			profile.baseUrl(connection.hosts),
			request.path,
			allowedOrigins(connection.hosts),
		);
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
			if (!(await waitOutBlock(ctx, blockKey, block)))
				throw new NodeOperationError(node, 'The execution was cancelled', { itemIndex });
			continue;
		}
		// Wait for a renewal in progress, or take the token that replaced ours; with no token
		// (Self Client first use, or settings changed since) get one before anything is sent.
		let token = await tokenToSend(connection.gateKey, connection.accessToken);
		if (token === '') token = await renewToken(ctx, connection, '', timeoutMs);
		connection.accessToken = token;

		// Built before a slot is taken: a body that cannot be serialised throws without holding one.
		const options = buildOptions(url, request, timeoutMs);
		// A slot is freed at the latest when its holder's attempt times out: waiting past Max Wait
		// and two such timeouts means the slots are not coming back.
		const release = await limiter.acquire(Math.max(state.deadline, Date.now() + 2 * timeoutMs));
		if (!release)
			throw new NodeOperationError(
				node,
				`${profile.name}: no request slot came free in time: other requests of this credential are still waiting for Zoho`,
				{ itemIndex },
			);
		const sentAt = Date.now();
		const sent = await sendOnce(ctx, options, token, timeoutMs).finally(release);
		if ('networkError' in sent && sent.cancelled) {
			throw new NodeOperationError(node, 'The execution was cancelled', { itemIndex });
		}
		const outcome =
			'response' in sent
				? classify(profile, sent.response, request.path, settings)
				: { failure: networkFailure(sent.networkError, profile.name, timeoutMs, sent.timedOut) };
		if ('ok' in outcome) {
			limiter.onSuccess();
			liftBlock(blockKey, sentAt);
			noteDailyCalls(ctx, profile.name, outcome.ok.headers, {
				planLimit: settings.dailyLimit,
				timeZone: settings.timeZone,
			});
			return outcome.ok;
		}
		const failure = outcome.failure;

		if (failure.scopeMissing) {
			throw new ZohoApiError(
				node,
				failure,
				`${failureMessage(profile, failure)}. ${scopeHint(profile, connection)}`,
				itemIndex,
			);
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
			if (quota.kind === 'perMinute' || quota.kind === 'concurrency' || quota.kind === 'lockPeriod')
				limiter.onThrottle(quota.kind);
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
				if (
					quota.retryAfterMs === undefined &&
					(known.prober === undefined || known.prober === state)
				) {
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
			failure.hint =
				'The request was not retried because Zoho may have processed it; check before sending it again.';
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

function toNodeError(
	error: unknown,
	node: ReturnType<ZohoContext['getNode']>,
	profile: ProductProfile,
	itemIndex?: number,
): Error {
	if (error instanceof ZohoApiError || error instanceof NodeOperationError) return error;
	if (error instanceof UnsafePathError)
		return new NodeOperationError(node, error.message, { itemIndex });
	if (error instanceof ZohoCredentialError || (error as Error)?.name === 'ZohoCredentialError') {
		const credentialError = error as ZohoCredentialError;
		return credentialError.failure.httpStatus
			? new ZohoApiError(node, credentialError.failure, credentialError.message, itemIndex)
			: new NodeOperationError(node, credentialError.message, { itemIndex });
	}
	const tokenError = unwrapTokenError(error);
	if (tokenError) {
		const failure = tokenFailure(tokenError);
		if (failure.quota)
			return new ZohoQuotaError(node, { ...failure, quota: failure.quota }, itemIndex);
		return new ZohoApiError(node, failure, tokenError.message, itemIndex);
	}
	const message = shortServerText(error instanceof Error ? error.message : String(error));
	return new ZohoApiError(
		node,
		{ httpStatus: 0, zohoMessage: message },
		`${profile.name}: ${message}`,
		itemIndex,
	);
}
