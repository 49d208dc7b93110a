import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { ZohoQuotaError, failureCauseOf } from '../transport/errors';
import type { ChangeRecord } from './pollState';
import { initialState, readState, writeState } from './pollState';
import type { ChangeSource } from './scan';
import { scanChanges } from './scan';

export interface PollOptions {
	/** Include Existing Records: the first scan starts here (ms) instead of now. */
	includeExistingFrom?: number;
	/** Most pages one poll reads. */
	maxPages: number;
	/** Reads the one recent record a manual test shows ("Fetch Test Event"). */
	sample: () => Promise<ChangeRecord | undefined>;
	now?: () => number;
}

/** How long polls stay quiet after a daily limit whose reset time is unknown. */
const UNKNOWN_RESET_BLOCK_MS = 60 * 60 * 1000;

/** Part of n8n's poll budget left for starting pages; the rest is for the last page to finish. */
const BUDGET_SHARE = 0.8;

/**
 * The time n8n gives one poll, where it says (n8n-workflow ≥ 2.38 has `getPollBudgetMs`,
 * docs/reference/updates-2026-12.md "Polling triggers"); undefined on older lines.
 */
export function pollBudgetMs(ctx: IPollFunctions): number | undefined {
	const withBudget = ctx as IPollFunctions & { getPollBudgetMs?: () => number | undefined };
	if (typeof withBudget.getPollBudgetMs !== 'function') return undefined;
	const budget = withBudget.getPollBudgetMs();
	return typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : undefined;
}

/**
 * A polling trigger's poll(), the way n8n's own polling triggers work (Gmail Trigger,
 * docs/reference/updates-2026-12.md "Polling triggers"):
 * - a manual test returns one recent record and never touches the cursor;
 * - the first poll of an active workflow sets the cursor to now and emits nothing from the past
 *   (a window source reads its window once to learn what exists), unless Include Existing Records
 *   gives an earlier start;
 * - later polls emit each change once; the cursor is stored only when the poll succeeds, so a
 *   daily limit ends the poll with the cursor unchanged.
 */
export async function pollChanges(
	ctx: IPollFunctions,
	source: ChangeSource,
	options: PollOptions,
): Promise<INodeExecutionData[][] | null> {
	const now = options.now ?? Date.now;
	if (ctx.getMode() === 'manual') {
		const sample = await options.sample();
		return sample ? [ctx.helpers.returnJsonArray([sample.json])] : null;
	}
	const stored = ctx.getWorkflowStaticData('node');
	let state = readState(stored);
	if (!state) {
		const from = options.includeExistingFrom;
		if (source.listing !== 'window') {
			if (from === undefined) {
				// Nothing before activation is emitted, and learning "now" costs no call.
				writeState(stored, initialState(now()));
				return null;
			}
			state = initialState(from);
		} else {
			state = initialState(now());
			// The window is read once to learn what exists; with Include Existing it is emitted.
			if (from === undefined) state.scan = { page: 1, startedAt: now(), baseline: true };
		}
	}
	// After a daily limit the polls stay quiet, at no cost, until it resets: one failed execution
	// reports it, not one a minute.
	if (state.blockedUntil !== undefined && now() < state.blockedUntil) return null;
	const { blockedUntil: _over, ...current } = state;
	const budget = pollBudgetMs(ctx);
	const started = now();
	const answer = await scanChanges(source, current, {
		maxPages: options.maxPages,
		deadline: budget === undefined ? undefined : started + budget * BUDGET_SHARE,
		now,
	}).then(
		(outcome) => ({ outcome }),
		(error: unknown) => ({ error }),
	);
	if ('error' in answer) {
		const { error } = answer;
		if (error instanceof ZohoQuotaError && error.quota.kind === 'daily') {
			// The cursor stays; only the block is stored (in memory at least: n8n keeps static data
			// changed before a throw and saves it with the next emit, docs/triggers.md).
			const resetsAt = failureCauseOf(error.quota, started).resetsAtEpochMs;
			writeState(stored, {
				...current,
				blockedUntil: resetsAt ?? started + UNKNOWN_RESET_BLOCK_MS,
			});
		}
		throw error;
	}
	const { outcome } = answer;
	writeState(stored, outcome.state);
	if (outcome.emitted.length === 0) return null;
	return [ctx.helpers.returnJsonArray(outcome.emitted.map((record) => record.json))];
}
