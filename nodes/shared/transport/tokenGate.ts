import type { TokenEndpointError } from './tokenEndpoint';

/**
 * The one place that decides whether a token request may be sent. Zoho allows about ten token
 * requests per refresh token in ten minutes (docs/reference/zoho-api.md §2.3), so per credential:
 * - one renewal at a time, shared by every item and execution of this process;
 * - a request that failed with a token just replaced gets the fresh one instead of renewing;
 * - a token refused right after its own renewal is not treated as expired again;
 * - a failed renewal is remembered for a back-off window, so later items fail at once the same way.
 */

/** A fresh token is handed to requests that failed with the token it replaced only this long. */
const REUSE_WINDOW_MS = 60_000;
/** Back-off after a failed renewal, by kind (a throttle is remembered until its reset). */
const BACKOFF_MS = {
	refused: 120_000,
	unavailable: 60_000,
	timeout: 60_000,
	network: 60_000,
	local: 0,
	throttled: 600_000,
};
/** Gates are dropped after this long unused, and there are never more than MAX_GATES. */
const IDLE_MS = 60 * 60_000;
const MAX_GATES = 500;

interface Gate {
	renewing?: Promise<string>;
	lastStale?: string;
	lastFresh?: string;
	renewedAt?: number;
	/** When a request that had just renewed was refused with the fresh token too. */
	freshRefusedAt?: number;
	failure?: { error: TokenEndpointError; until: number };
	touched: number;
}

const gates = new Map<string, Gate>();
let lastSweep = 0;

function sweep(now: number): void {
	if (now - lastSweep < 60_000 && gates.size <= MAX_GATES) return;
	lastSweep = now;
	for (const [key, gate] of gates) {
		if (!gate.renewing && now - gate.touched > IDLE_MS) gates.delete(key);
	}
	// Map keeps insertion order and a touched gate is re-inserted: the first ones are the oldest.
	for (const key of gates.keys()) {
		if (gates.size <= MAX_GATES) break;
		if (!gates.get(key)?.renewing) gates.delete(key);
	}
}

function gateFor(key: string): Gate {
	const now = Date.now();
	sweep(now);
	const gate = gates.get(key) ?? { touched: now };
	gate.touched = now;
	gates.delete(key);
	gates.set(key, gate);
	return gate;
}

function remembered(gate: Gate): TokenEndpointError | undefined {
	if (gate.failure && gate.failure.until > Date.now()) return gate.failure.error;
	gate.failure = undefined;
	return undefined;
}

function recentlyRenewed(gate: Gate): boolean {
	return gate.renewedAt !== undefined && Date.now() - gate.renewedAt < REUSE_WINDOW_MS;
}

export function isTokenEndpointError(error: unknown): error is TokenEndpointError {
	return (error as Error)?.name === 'TokenEndpointError';
}

/**
 * The token to send instead of `token`: waits for a renewal in progress, throws a renewal failure
 * still in its back-off window, or hands out the fresh token that replaced `token`.
 */
export async function tokenToSend(key: string, token: string): Promise<string> {
	const gate = gateFor(key);
	if (gate.renewing) return await gate.renewing;
	// The gate key holds the credential's settings, so '' (no token yet) is safe to match too.
	if (gate.lastStale === token && gate.lastFresh && recentlyRenewed(gate)) return gate.lastFresh;
	const failed = remembered(gate);
	if (failed && token === '') throw failed;
	return token;
}

/**
 * Whether Zoho already refused this token right after it was renewed: then a refusal is not an
 * expiry (a missing permission, a revoked client), and renewing again would only spend requests.
 */
export function refusedRightAfterRenewal(key: string, usedToken: string): boolean {
	const gate = gateFor(key);
	const refusedAt = gate.freshRefusedAt;
	return (
		usedToken !== '' &&
		gate.lastFresh === usedToken &&
		refusedAt !== undefined &&
		Date.now() - refusedAt < REUSE_WINDOW_MS
	);
}

/** Records that a request which had just renewed was refused with the fresh token as well. */
export function markRefusedAfterRenewal(key: string, usedToken: string): void {
	const gate = gateFor(key);
	if (gate.lastFresh === usedToken) gate.freshRefusedAt = Date.now();
}

/**
 * Renews the token that `staleToken` was, once per credential at a time. A failure is thrown to
 * every waiter and remembered for its back-off window.
 */
export async function renewOnce(
	key: string,
	staleToken: string,
	renew: () => Promise<string>,
): Promise<string> {
	const gate = gateFor(key);
	if (gate.renewing) return await gate.renewing;
	if (gate.lastStale === staleToken && gate.lastFresh && recentlyRenewed(gate))
		return gate.lastFresh;
	const failed = remembered(gate);
	if (failed) throw failed;
	const running = renew().then(
		(fresh) => {
			Object.assign(gate, {
				lastStale: staleToken,
				lastFresh: fresh,
				renewedAt: Date.now(),
				freshRefusedAt: undefined,
				failure: undefined,
			});
			return fresh;
		},
		(error: unknown) => {
			if (isTokenEndpointError(error) && BACKOFF_MS[error.kind] > 0) {
				const until = error.resetsAt
					? Date.parse(error.resetsAt)
					: Date.now() + BACKOFF_MS[error.kind];
				gate.failure = { error, until };
			}
			throw error;
		},
	);
	gate.renewing = running;
	try {
		return await running;
	} finally {
		if (gate.renewing === running) gate.renewing = undefined;
	}
}

/** How many gates are held (for tests of the eviction bound). */
export function gateCount(): number {
	return gates.size;
}
