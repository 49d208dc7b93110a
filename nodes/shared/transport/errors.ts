import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** The distinct quota and throttle signals Zoho gives. Each becomes its own error kind. */
export type QuotaKind = 'perMinute' | 'daily' | 'concurrency' | 'lockPeriod' | 'tokenThrottle';

export interface QuotaInfo {
	kind: QuotaKind;
	/** "Zoho Invoice", "Zoho People", "Zoho Bookings" or "Zoho Accounts". */
	product: string;
	/** Who the limit counts for: Invoice counts per organization, Bookings per user. */
	per?: 'organization' | 'user';
	/** The limit Zoho names or documents, when known (calls per minute or per day). */
	limit?: number;
	/** When the limit resets, as an ISO timestamp, when it can be computed. */
	resetsAt?: string;
	/** Human words for the reset, e.g. "at 00:00 (Asia/Kolkata)". */
	resetsText: string;
	/** Endpoint that was locked (People). */
	endpoint?: string;
	/** Zoho's own wait from a `Retry-After` header, in ms (docs/reference/updates-2026-12.md: finance APIs send one with code 44). */
	retryAfterMs?: number;
	/** The daily call counter from `x-rate-limit-limit` / `-remaining` / `-reset`, when Zoho sent them. */
	dailyCallsLimit?: number;
	dailyCallsLeft?: number;
	dailyCallsResetAt?: string;
}

/**
 * n8n's structured failure cause (n8n-workflow ≥ 2.37, docs/reference/updates-2026-12.md
 * "Structured failure"): n8n's poll back-off reads it. Older lines ignore the option.
 */
export interface FailureCause {
	cause: 'rate-limited' | 'quota-exhausted' | 'temporarily-unavailable';
	retryAfterMs?: number;
	resetsAtEpochMs?: number;
}

/** The failure cause of a quota: a daily limit is exhausted; every other limit is a rate. */
export function failureCauseOf(quota: QuotaInfo, now = Date.now()): FailureCause {
	const resetsAtEpochMs = quota.resetsAt ? Date.parse(quota.resetsAt) : NaN;
	const resets = Number.isFinite(resetsAtEpochMs) ? resetsAtEpochMs : undefined;
	const retryAfterMs =
		quota.retryAfterMs ?? (resets !== undefined ? Math.max(0, resets - now) : undefined);
	return {
		cause: quota.kind === 'daily' ? 'quota-exhausted' : 'rate-limited',
		...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
		...(resets !== undefined ? { resetsAtEpochMs: resets } : {}),
	};
}

/** What went wrong, in Zoho's own words, without anything secret. */
export interface ZohoFailure {
	httpStatus: number;
	zohoCode?: string | number;
	zohoMessage?: string;
	/** Short extra explanation for the user. */
	hint?: string;
	quota?: QuotaInfo;
	/** Whether Zoho certainly did not process the request (safe to send again). */
	notProcessed?: boolean;
	/** An expired or invalid access token: renew and send again. */
	tokenInvalid?: boolean;
	/** A transient failure of the network or of Zoho's servers. */
	transient?: boolean;
	/** The token lacks the product's scopes: renewing would not help, reconnecting would. */
	scopeMissing?: boolean;
}

/** Server text kept in a message: one line, at most `max` characters, found without regexes that backtrack. */
export function shortServerText(text: string, max = 500): string {
	const cut = text.length > max ? `${text.slice(0, max)}…` : text;
	return cut.split(/\s+/).join(' ').trim();
}

/**
 * An API error that carries Zoho's code and message. Quota and throttle errors are instances of
 * ZohoQuotaError so callers (and users reading `context`) can tell the kinds apart.
 */
export class ZohoApiError extends NodeApiError {
	readonly zohoCode?: string | number;
	readonly zohoMessage?: string;

	constructor(
		node: INode,
		given: ZohoFailure,
		message: string,
		itemIndex?: number,
		failureCause?: FailureCause,
	) {
		const failure: ZohoFailure =
			given.zohoMessage === undefined
				? given
				: { ...given, zohoMessage: shortServerText(given.zohoMessage) };
		const errorResponse: JsonObject = {
			httpStatus: failure.httpStatus,
			...(failure.zohoCode !== undefined ? { code: failure.zohoCode } : {}),
			...(failure.zohoMessage !== undefined ? { message: failure.zohoMessage } : {}),
		};
		const description = describe(failure, message);
		const options: ConstructorParameters<typeof NodeApiError>[2] & { failure?: FailureCause } = {
			message,
			description,
			httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
			itemIndex,
			...(failureCause ? { failure: failureCause } : {}),
		};
		super(node, errorResponse, options);
		// With nothing to add, n8n would copy Zoho's message from errorResponse: the message has it already.
		if (!description) this.description = undefined;
		this.zohoCode = failure.zohoCode;
		this.zohoMessage = failure.zohoMessage;
		this.context.zohoCode = failure.zohoCode;
		this.context.zohoMessage = failure.zohoMessage;
	}
}

export class ZohoQuotaError extends ZohoApiError {
	readonly quota: QuotaInfo;

	constructor(node: INode, failure: ZohoFailure & { quota: QuotaInfo }, itemIndex?: number) {
		super(
			node,
			failure,
			quotaMessage(failure.quota, failure),
			itemIndex,
			failureCauseOf(failure.quota),
		);
		this.quota = failure.quota;
		this.context.quota = { ...failure.quota };
	}
}

/** What the message does not say already: Zoho's words, its code, the HTTP status, the hint. */
function describe(failure: ZohoFailure, message: string): string {
	const parts: string[] = [];
	const code = failure.zohoCode;
	const codeShown = code !== undefined && message.includes(`code ${code}`);
	const wordsShown =
		failure.zohoMessage !== undefined &&
		failure.zohoMessage !== '' &&
		message.includes(failure.zohoMessage);
	if (!wordsShown && failure.zohoMessage) {
		parts.push(
			`Zoho said${code !== undefined && !codeShown ? ` (code ${code})` : ''}: ${failure.zohoMessage}`,
		);
	} else if (code !== undefined && !codeShown) {
		parts.push(`Zoho code ${code}.`);
	}
	if (failure.httpStatus && !message.includes(`HTTP ${failure.httpStatus}`))
		parts.push(`HTTP status ${failure.httpStatus}.`);
	if (failure.hint && !message.includes(failure.hint)) parts.push(failure.hint);
	return parts.join(' ');
}

export function quotaMessage(quota: QuotaInfo, failure?: ZohoFailure): string {
	const limitText = quota.limit !== undefined ? ` of ${quota.limit} calls` : '';
	const per = quota.per ? ` for this ${quota.per}` : '';
	const code = failure?.zohoCode !== undefined ? ` (Zoho code ${failure.zohoCode})` : '';
	// Where Zoho gives no code, its own words are the evidence: keep them.
	const said =
		failure?.zohoCode === undefined && failure?.zohoMessage
			? ` Zoho said: "${failure.zohoMessage}"`
			: '';
	const counter = dailyCounter(quota);
	switch (quota.kind) {
		case 'daily':
			return `${quota.product}: daily API limit${limitText}${per} reached${code}; resets ${quota.resetsText}${counter}.${said}`.replace(
				/\.$/,
				'',
			);
		case 'perMinute':
			// A Retry-After is Zoho blocking the caller for that long (30 minutes seen with code 44).
			return quota.retryAfterMs !== undefined
				? `${quota.product}: per-minute API limit${limitText} reached${code}; Zoho blocked further calls for ${duration(quota.retryAfterMs)}: access returns ${quota.resetsText}${counter}`
				: `${quota.product}: per-minute API limit${limitText} reached${code}; resets ${quota.resetsText}${counter}`;
		case 'concurrency':
			return `${quota.product}: too many requests in process at once${code}; retry ${quota.resetsText}${counter}`;
		case 'lockPeriod':
			return `${quota.product}: ${quota.endpoint ?? 'endpoint'} is locked after its threshold limit was exceeded${code}; access returns ${quota.resetsText}${counter}`;
		case 'tokenThrottle':
			return `${quota.product}: too many access-token requests for this refresh token (Zoho allows about 10 per 10 minutes); try again ${quota.resetsText}`;
	}
}

/** "; 532 of 1000 daily calls left (the count resets at …)" from Zoho's x-rate-limit headers. */
function dailyCounter(quota: QuotaInfo): string {
	if (quota.dailyCallsLeft === undefined) return '';
	// A daily-limit error with nothing left says it already.
	if (quota.kind === 'daily' && quota.dailyCallsLeft === 0) return '';
	const of = quota.dailyCallsLimit !== undefined ? ` of ${quota.dailyCallsLimit}` : '';
	const reset =
		quota.dailyCallsResetAt && quota.kind !== 'daily'
			? ` (the daily count resets ${atUtc(new Date(quota.dailyCallsResetAt))})`
			: '';
	return `; ${quota.dailyCallsLeft}${of} daily calls left${reset}`;
}

/** "30 minutes", "2 seconds", "1 hour 5 minutes". */
export function duration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	if (seconds < 60) return unit(seconds, 'second');
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return unit(minutes, 'minute');
	const rest = minutes % 60;
	return `${unit(Math.floor(minutes / 60), 'hour')}${rest ? ` ${unit(rest, 'minute')}` : ''}`;
}

/** Formats a reset instant for messages: "at 14:05:00 UTC". */
export function atUtc(date: Date): string {
	return `at ${date.toISOString().slice(11, 19)} UTC (${date.toISOString()})`;
}

/** The next 00:00 in a time zone, as a Date; falls back to UTC for unknown zones. */
export function nextMidnight(
	timeZone: string | undefined,
	now = new Date(),
): { date: Date; zone: string } {
	const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC';
	const offsetAt = (instant: Date) => {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(instant);
		const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
		const asUtc = Date.UTC(
			get('year'),
			get('month') - 1,
			get('day'),
			get('hour'),
			get('minute'),
			get('second'),
		);
		return { asUtc, y: get('year'), m: get('month'), d: get('day') };
	};
	const local = offsetAt(now);
	const offset = local.asUtc - Math.floor(now.getTime() / 1000) * 1000;
	const localMidnightNext = Date.UTC(local.y, local.m - 1, local.d + 1, 0, 0, 0);
	return { date: new Date(localMidnightNext - offset), zone };
}

function isValidTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/**
 * Replaces every occurrence of a secret in a string. Used on anything that could reach the user,
 * as a last line of defence behind building messages from Zoho's words only.
 */
export function redact(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
	}
	return out;
}

/**
 * Scrubs secrets from every string reachable from an error, in place: message, description,
 * messages, context, cause, errorResponse, stack and any other own property, as n8n stores it in
 * the execution. n8n's own `node` and `workflow` objects are left alone.
 */
export function redactError<T extends Error>(error: T, secrets: string[]): T {
	const usable = secrets.filter((secret) => secret && secret.length >= 6);
	if (usable.length === 0) return error;
	const seen = new Set<object>();
	const scrub = (target: object, depth: number): void => {
		if (seen.has(target) || depth > 8 || ArrayBuffer.isView(target)) return;
		seen.add(target);
		for (const key of Object.getOwnPropertyNames(target)) {
			if (key === 'node' || key === 'workflow') continue;
			let value: unknown;
			try {
				value = (target as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			if (typeof value === 'string') {
				const clean = redact(value, usable);
				if (clean === value) continue;
				try {
					(target as Record<string, unknown>)[key] = clean;
				} catch {
					// a frozen object: nothing of ours
				}
			} else if (value && typeof value === 'object') {
				scrub(value, depth + 1);
			}
		}
	};
	scrub(error, 0);
	return error;
}
