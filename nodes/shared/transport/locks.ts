import type { QuotaInfo, ZohoFailure } from './errors';

/**
 * Blocks Zoho has announced, remembered for this process: a People endpoint locked after its
 * threshold (until its documented lock period has passed) or a `Retry-After` (until the time Zoho
 * named). While one lasts, calls with the same key (product, credential, organization or endpoint)
 * are not sent into it: they fail at once with the same error, or wait for its end when that fits
 * their Max Wait.
 */
export interface Block {
	/** When access returns (ms since the epoch). */
	until: number;
	/** When the block was learned: a success of a call sent later lifts it early. */
	since: number;
	failure: ZohoFailure & { quota: QuotaInfo };
	/** The one request that probes a People lock for an early end (its documented end is an upper bound). */
	prober?: object;
}

/** Never more blocks than this; the oldest go first. */
const MAX_BLOCKS = 1000;
const blocks = new Map<string, Block>();

function sweep(now: number): void {
	for (const [key, block] of blocks) if (block.until <= now) blocks.delete(key);
	for (const key of blocks.keys()) {
		if (blocks.size < MAX_BLOCKS) break;
		blocks.delete(key);
	}
}

/** The block in force for `key`, if any; a block whose end has passed is forgotten. */
export function knownBlock(key: string, now = Date.now()): Block | undefined {
	const block = blocks.get(key);
	if (block && block.until <= now) {
		blocks.delete(key);
		return undefined;
	}
	return block;
}

/**
 * Remembers a block and returns the one in force. A refusal during a known lock tells nothing
 * new, so the first sighting's end stands; a later Retry-After that reaches further extends it.
 */
export function rememberBlock(
	key: string,
	failure: Block['failure'],
	until: number,
	now = Date.now(),
): Block {
	const current = knownBlock(key, now);
	if (current) {
		if (failure.quota.retryAfterMs !== undefined && until > current.until) {
			current.until = until;
			current.failure = failure;
		}
		return current;
	}
	sweep(now);
	const block: Block = { until, since: now, failure };
	blocks.set(key, block);
	return block;
}

/** A call sent after the block was learned went through: access is back. */
export function liftBlock(key: string, sentAt: number): void {
	const block = blocks.get(key);
	if (block && sentAt > block.since) blocks.delete(key);
}

/** How many blocks are held (for tests of the bound). */
export function blockCount(): number {
	return blocks.size;
}
