/**
 * Quota failures as every product words them: daily and per-minute limits, and what Zoho's
 * headers add (Retry-After, x-rate-limit-*). Which answer is which quota is the product's call.
 */
import type { QuotaInfo, ZohoFailure } from './errors';
import { atUtc, nextMidnight } from './errors';
import { headerText } from './headers';
import type { ResponseContext } from './profile';

function nextMinute(now: Date): Date {
	return new Date(Math.floor(now.getTime() / 60000) * 60000 + 60000);
}

/** Words for a daily reset when the time zone is not known, by who the limit counts for. */
const UNKNOWN_ZONE: Record<'organization' | 'user', string> = {
	organization: 'UTC; the organization time zone is not known',
	// Bookings counts "between 00:00 and 23:59 hours in the respective time zones" (docs/reference/zoho-api.md §5).
	user: "UTC assumed; your Bookings time zone is not known: set Account Time Zone in the node's options",
};

/** A daily limit that resets at the next midnight of the organization's or user's time zone. */
export function dailyQuota(
	product: string,
	ctx: ResponseContext,
	limit: number | undefined,
	per: 'organization' | 'user',
): QuotaInfo {
	const { date, zone } = nextMidnight(ctx.timeZone, ctx.now);
	return {
		kind: 'daily',
		product,
		per,
		limit,
		resetsAt: date.toISOString(),
		resetsText: `at 00:00 (${ctx.timeZone ? zone : UNKNOWN_ZONE[per]})`,
	};
}

/**
 * A daily quota worded again once the time zone is known (Invoice learns an organization's zone
 * only when a daily limit is hit). Zoho's own Retry-After, when given, still wins.
 */
export function dailyQuotaInZone(quota: QuotaInfo, timeZone: string, now = new Date()): QuotaInfo {
	if (quota.kind !== 'daily' || quota.retryAfterMs !== undefined) return quota;
	const { date, zone } = nextMidnight(timeZone, now);
	if (zone !== timeZone) return quota; // not a zone Intl knows
	return { ...quota, resetsAt: date.toISOString(), resetsText: `at 00:00 (${zone})` };
}

/** A per-minute limit that resets at the next whole minute. */
export function perMinuteQuota(product: string, ctx: ResponseContext, limit?: number): QuotaInfo {
	const at = nextMinute(ctx.now);
	return {
		kind: 'perMinute',
		product,
		limit,
		resetsAt: at.toISOString(),
		resetsText: `at the next minute, ${atUtc(at)}`,
	};
}

/** The number in a quota message such as "… maximum call rate limit of 1000." or "Daily limit of 250 API calls". */
export function numberInQuotaMessage(message: string | undefined): number | undefined {
	const found =
		message?.match(/\blimit of (\d{1,9})\b/i)?.[1] ??
		message?.match(/\b(\d{1,9}) (?:api )?(?:calls|requests)\b/i)?.[1];
	return found === undefined ? undefined : Number(found);
}

/** `Retry-After` as ms from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(value: string | undefined, now: Date): number | undefined {
	if (value === undefined) return undefined;
	if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * `x-rate-limit-reset` as an instant. Its format is not documented (docs/reference/updates-2026-12.md only saw it
 * exists): a large number is taken as epoch seconds or ms, a small one as seconds from now, else a date.
 */
function rateLimitReset(value: string | undefined, now: Date): Date | undefined {
	if (value === undefined) return undefined;
	if (/^\d{1,15}$/.test(value)) {
		const n = Number(value);
		if (n >= 1e12) return new Date(n);
		if (n >= 1e9) return new Date(n * 1000);
		return new Date(now.getTime() + n * 1000);
	}
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : new Date(at);
}

function headerCount(ctx: Pick<ResponseContext, 'headers'>, name: string): number | undefined {
	const text = headerText(ctx.headers, name);
	return text !== undefined && /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}

/** The daily call counter Zoho's `x-rate-limit-*` headers give, where it sends them. */
export function dailyCallCounter(ctx: Pick<ResponseContext, 'headers' | 'now'>): {
	limit?: number;
	left?: number;
	reset?: Date;
} {
	return {
		limit: headerCount(ctx, 'x-rate-limit-limit'),
		left: headerCount(ctx, 'x-rate-limit-remaining'),
		reset: rateLimitReset(headerText(ctx.headers, 'x-rate-limit-reset'), ctx.now),
	};
}

/**
 * A quota failure, with what Zoho's headers add: `Retry-After` (when access returns, which the
 * retry policy honours) and the daily counter of `x-rate-limit-*` (seen on Zoho's finance APIs,
 * docs/reference/updates-2026-12.md). Zoho certainly did not process a refused call.
 */
export function quotaFailure(
	ctx: ResponseContext,
	failure: ZohoFailure,
	given: QuotaInfo,
): ZohoFailure {
	const quota: QuotaInfo = { ...given };
	const { limit, left, reset } = dailyCallCounter(ctx);
	if (limit !== undefined) quota.dailyCallsLimit = limit;
	if (left !== undefined) quota.dailyCallsLeft = left;
	if (reset) quota.dailyCallsResetAt = reset.toISOString();
	if (quota.kind === 'daily') {
		// Zoho's own count beats the plan the user chose.
		if (limit !== undefined && numberInQuotaMessage(failure.zohoMessage) === undefined)
			quota.limit = limit;
		if (reset && !ctx.timeZone) {
			quota.resetsAt = reset.toISOString();
			quota.resetsText = atUtc(reset);
		}
	}
	const wait =
		quota.kind === 'tokenThrottle'
			? undefined
			: retryAfterMs(headerText(ctx.headers, 'retry-after'), ctx.now);
	// "Retry now" (0, or a date already past) says nothing to wait for: the back-off applies, so a
	// refused call is not sent again at once, over and over, until Max Wait ends.
	if (wait !== undefined && wait > 0) {
		const at = new Date(ctx.now.getTime() + wait);
		quota.retryAfterMs = wait;
		quota.resetsAt = at.toISOString();
		quota.resetsText = atUtc(at);
	}
	return { ...failure, notProcessed: true, quota };
}
