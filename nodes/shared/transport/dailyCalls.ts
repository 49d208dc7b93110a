import type { IDataObject } from 'n8n-workflow';
import type { ZohoContext } from './auth';
import { nextMidnight } from './errors';
import { dailyCallCounter } from './quota';

/** What one node execution learned of a product's daily call count: the lowest count it saw. */
export interface DailyCalls {
	product: string;
	left: number;
	limit?: number;
	/** When the count resets, in words ("00:00 Asia/Kolkata"). */
	resets?: string;
}

/**
 * Counts seen per node execution. Keyed by the execution's context object, so an entry goes with
 * it (a WeakMap holds nothing alive).
 */
const seen = new WeakMap<object, Map<string, DailyCalls>>();

/**
 * Notes the daily counter of a successful answer (`x-rate-limit-*`, docs/reference/updates-2026-12.md),
 * or the plan's limit the user gave when Zoho sends only what is left.
 */
export function noteDailyCalls(
	ctx: ZohoContext,
	product: string,
	headers: IDataObject | undefined,
	context: { planLimit?: number; timeZone?: string; now?: Date },
): void {
	const now = context.now ?? new Date();
	const counter = dailyCallCounter({ headers, now });
	if (counter.left === undefined) return;
	const limit = counter.limit ?? context.planLimit;
	let resets: string | undefined;
	if (context.timeZone) {
		const { zone } = nextMidnight(context.timeZone, now);
		resets = `00:00 ${zone}`;
	} else if (counter.reset) {
		resets = `${counter.reset.toISOString().slice(11, 16)} UTC`;
	}
	const byProduct = seen.get(ctx) ?? new Map<string, DailyCalls>();
	seen.set(ctx, byProduct);
	const before = byProduct.get(product);
	if (before && before.left <= counter.left) return;
	byProduct.set(product, { product, left: counter.left, limit, resets });
}

/** Share of the day's calls below which the node says so. */
const LOW_SHARE = 0.2;

/** The counts this execution saw with less than 20 % of the day's calls left. */
export function lowDailyCalls(ctx: ZohoContext): DailyCalls[] {
	return [...(seen.get(ctx)?.values() ?? [])].filter(
		(c) => c.limit !== undefined && c.limit > 0 && c.left < c.limit * LOW_SHARE,
	);
}

/** "Zoho Invoice: 412 of 5,000 daily calls left; resets at 00:00 Asia/Kolkata". */
export function dailyCallsMessage(calls: DailyCalls): string {
	const n = (value: number) => value.toLocaleString('en-US');
	const of = calls.limit !== undefined ? ` of ${n(calls.limit)}` : '';
	const resets = calls.resets ? `; resets at ${calls.resets}` : '';
	return `${calls.product}: ${n(calls.left)}${of} daily calls left${resets}`;
}
