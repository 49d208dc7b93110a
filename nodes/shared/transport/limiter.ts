import { sleep } from 'n8n-workflow';

/**
 * Client-side pacing so Zoho's per-minute and concurrency limits are met before Zoho has to say
 * no: a token bucket refilled at a share of the documented rate, plus a cap on requests in flight.
 * It slows down when Zoho answers with a throttle anyway, and recovers step by step.
 */

export interface PacingRule {
	/** Calls to the same limiter share it: product, credential, organization or endpoint. */
	key: string;
	/** Calls allowed per minute; undefined means no per-minute pacing. */
	perMinute?: number;
	/** Requests allowed in flight at once. */
	concurrency: number;
	/** Processes pacing to a share of the same limit: each keeps a share of the burst too. */
	workers?: number;
}

/**
 * In any window of a minute the bucket lets through at most BURST + TARGET_SHARE × limit calls;
 * 5 + 92 % stays under the limit for limits of 100 and more, while a handful of calls goes at once.
 */
const TARGET_SHARE = 0.92;
const BURST = 5;
/** Never pace slower than this share of the documented rate after throttles. */
const FLOOR_SHARE = 0.2;

export class AdaptiveLimiter {
	private readonly burst: number;
	private tokens: number;
	private lastRefill = Date.now();
	private rateShare = 1;
	private inFlight = 0;
	private maxInFlight: number;
	private readonly waiting: Array<() => void> = [];
	private successes = 0;
	/** When the limiter was last handed out, acquired or released (for eviction). */
	lastUsed = Date.now();

	constructor(private readonly rule: PacingRule) {
		this.maxInFlight = Math.max(1, rule.concurrency);
		this.burst = Math.max(1, Math.floor(BURST / Math.max(1, rule.workers ?? 1)));
		this.tokens = this.burst;
	}

	/** Whether a request holds or waits for a slot: such a limiter is never evicted. */
	inUse(): boolean {
		return this.inFlight > 0 || this.waiting.length > 0;
	}

	private perMs(): number | undefined {
		if (!this.rule.perMinute) return undefined;
		return (this.rule.perMinute * TARGET_SHARE * this.rateShare) / 60_000;
	}

	private refill(now: number): void {
		const rate = this.perMs();
		if (rate === undefined) return;
		this.tokens = Math.min(this.burst, this.tokens + (now - this.lastRefill) * rate);
		this.lastRefill = now;
	}

	/**
	 * Waits for a slot and a token; returns the function that frees the slot, or undefined when no
	 * slot came free by `slotDeadline` (ms since the epoch): a stuck holder never blocks a later
	 * call for good.
	 */
	async acquire(slotDeadline = Infinity): Promise<(() => void) | undefined> {
		this.lastUsed = Date.now();
		if (this.inFlight >= this.maxInFlight) {
			let granted = false;
			let resolveTurn = (): void => undefined;
			const turn = new Promise<void>((resolve) => (resolveTurn = resolve));
			const waiter = (): void => {
				granted = true;
				resolveTurn();
			};
			this.waiting.push(waiter);
			// A release hands the slot on at once; the sleeps (at most a second each) only bound the wait.
			while (!granted) {
				const left = slotDeadline - Date.now();
				if (left <= 0) {
					const index = this.waiting.indexOf(waiter);
					if (index >= 0) this.waiting.splice(index, 1);
					return undefined;
				}
				await Promise.race([turn, sleep(Math.min(left, 1000))]);
			}
		}
		this.inFlight++;
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			this.lastUsed = Date.now();
			this.inFlight--;
			if (this.inFlight < this.maxInFlight) this.waiting.shift()?.();
		};
		for (;;) {
			const now = Date.now();
			this.refill(now);
			const rate = this.perMs();
			if (rate === undefined || this.tokens >= 1) {
				if (rate !== undefined) this.tokens -= 1;
				return release;
			}
			await sleep(Math.ceil((1 - this.tokens) / rate));
		}
	}

	/** Zoho throttled anyway: halve the pace (per-minute) or the parallelism (concurrency). */
	onThrottle(kind: 'perMinute' | 'concurrency' | 'lockPeriod'): void {
		if (kind === 'concurrency') this.maxInFlight = Math.max(1, this.maxInFlight - 1);
		else this.rateShare = Math.max(FLOOR_SHARE, this.rateShare / 2);
		this.tokens = Math.min(this.tokens, 0);
	}

	/** A call went through: creep back toward the documented limits. */
	onSuccess(): void {
		this.rateShare = Math.min(1, this.rateShare + 0.05);
		if (this.maxInFlight < this.rule.concurrency && ++this.successes % 10 === 0) this.maxInFlight++;
	}
}

/**
 * One limiter per credential and organization or endpoint seen. A limiter unused for IDLE_MS (and
 * not in use) is dropped, and there are never more than MAX_LIMITERS unless all are in use: a
 * long-running n8n process meets many credentials and organizations.
 */
const IDLE_MS = 10 * 60_000;
const MAX_LIMITERS = 500;
const SWEEP_EVERY_MS = 60_000;
const limiters = new Map<string, AdaptiveLimiter>();
let lastSweep = 0;

function sweep(now: number): void {
	if (now - lastSweep < SWEEP_EVERY_MS && limiters.size < MAX_LIMITERS) return;
	lastSweep = now;
	for (const [key, limiter] of limiters) {
		if (!limiter.inUse() && now - limiter.lastUsed >= IDLE_MS) limiters.delete(key);
	}
	// Map keeps insertion order and a limiter handed out is re-inserted: the first are the least recent.
	for (const [key, limiter] of limiters) {
		if (limiters.size < MAX_LIMITERS) break;
		if (!limiter.inUse()) limiters.delete(key);
	}
}

/** The limiter shared by every call with the same rule key in this process. */
export function limiterFor(rule: PacingRule): AdaptiveLimiter {
	const key = `${rule.key}|${rule.perMinute ?? '-'}|${rule.concurrency}|${rule.workers ?? 1}`;
	const now = Date.now();
	sweep(now);
	let limiter = limiters.get(key);
	if (limiter) limiters.delete(key);
	else limiter = new AdaptiveLimiter(rule);
	limiter.lastUsed = now;
	limiters.set(key, limiter);
	return limiter;
}

/** How many limiters are held (for tests of the eviction bound). */
export function limiterCount(): number {
	return limiters.size;
}
