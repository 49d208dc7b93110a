import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
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
	const budget = pollBudgetMs(ctx);
	const outcome = await scanChanges(source, state, {
		maxPages: options.maxPages,
		deadline: budget === undefined ? undefined : now() + budget * BUDGET_SHARE,
		now,
	});
	writeState(stored, outcome.state);
	if (outcome.emitted.length === 0) return null;
	return [ctx.helpers.returnJsonArray(outcome.emitted.map((record) => record.json))];
}
