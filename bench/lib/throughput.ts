/**
 * Measure 3: 1,000 creates (Invoice POST /contacts, one per item) under a scaled per-minute limit
 * of 100 calls per 6 s enforced by the sandbox (Zoho's 100 a minute, ten times faster).
 */
import type { RecordedRequest } from '../../test/sandbox';
import type { Reply } from '../../test/sandbox/types';
import { client, createContact } from './baseline';
import type { Bench } from './world';
import { ORG_ID, itemsOf, nodeOptionNames } from './world';

export const LIMIT = { limit: 100, windowMs: 6000 };
const ALLOWED_PER_S = LIMIT.limit / (LIMIT.windowMs / 1000);

export interface SideResult {
	intended: number;
	/** 2xx answers to POST /contacts (calls the limit accepted). */
	accepted: number;
	/** 429 answers the sandbox sent. */
	wire429: number;
	/** Failures the user saw: error items (node) or 429 responses (baseline). */
	user429: number;
	created: number;
	lost: number;
	duplicated: number;
	seconds: number;
	/** accepted / (allowed rate x max(elapsed, one window)). */
	shareOfAllowedRate: number;
	/** accepted / elapsed seconds (raw). */
	acceptedPerSecond: number;
}

export interface ThroughputResult {
	limit: typeof LIMIT;
	pacingOption?: string;
	pacingValue?: number;
	node: SideResult;
	baseline: SideResult;
}

/** Counts what the Invoice sandbox answered to POST /contacts (wrapping its handler, no file edits). */
function watchInvoice(bench: Bench): {
	stats: { accepted: number; r429: number; first?: number; last?: number };
	restore(): void;
} {
	const invoice = bench.sb.invoice as unknown as { handle(r: RecordedRequest): Promise<Reply> };
	const original = invoice.handle;
	const stats = {
		accepted: 0,
		r429: 0,
		first: undefined as number | undefined,
		last: undefined as number | undefined,
	};
	invoice.handle = async function (this: unknown, r: RecordedRequest): Promise<Reply> {
		const reply = await original.call(bench.sb.invoice, r);
		if (r.method === 'POST' && r.path === '/invoice/v3/contacts') {
			stats.first ??= Date.now();
			if (reply.status === 429) stats.r429++;
			else if (reply.status < 300) {
				stats.accepted++;
				stats.last = Date.now();
			}
		}
		return reply;
	};
	return { stats, restore: () => void (invoice.handle = original) };
}

function tally(
	bench: Bench,
	names: string[],
	accepted: number,
	wire429: number,
	user429: number,
	seconds: number,
): SideResult {
	const counts = new Map<string, number>();
	for (const c of bench.sb.invoice.records('contacts')) {
		const name = String(c.contact_name);
		counts.set(name, (counts.get(name) ?? 0) + 1);
	}
	let lost = 0;
	let duplicated = 0;
	for (const name of names) {
		const n = counts.get(name) ?? 0;
		if (n === 0) lost++;
		if (n > 1) duplicated += n - 1;
	}
	const windowS = LIMIT.windowMs / 1000;
	return {
		intended: names.length,
		accepted,
		wire429,
		user429,
		created: names.length - lost,
		lost,
		duplicated,
		seconds,
		shareOfAllowedRate: accepted / (ALLOWED_PER_S * Math.max(seconds, windowS)),
		acceptedPerSecond: accepted / seconds,
	};
}

export async function measureThroughput(bench: Bench, n: number): Promise<ThroughputResult> {
	const options = nodeOptionNames('zohoInvoice');
	const pacingOption =
		options.find((o) => o === 'rateLimitPerMinute') ??
		options.find((o) => /rate|pac|perMinute/i.test(o));
	// The user tells the node their limit; 100 per 6 s is 1,000 a minute.
	const pacingValue = pacingOption
		? Math.round((LIMIT.limit * 60_000) / LIMIT.windowMs)
		: undefined;

	// Node: Contact Create, one item per contact, defaults otherwise, continue-on-fail to count failures.
	let phase = bench.phase('throughput-node');
	bench.sb.invoice.setLimits({ perMinute: LIMIT });
	let names = Array.from(
		{ length: n },
		(_, i) => `bench node contact ${String(i).padStart(5, '0')}`,
	);
	let watch = watchInvoice(bench);
	let t0 = Date.now();
	const result = await phase.run(
		'zohoInvoice',
		{
			resource: 'contact',
			operation: 'create',
			contactName: '={{ $json.name }}',
			organizationId: ORG_ID,
			options: pacingOption ? { [pacingOption]: pacingValue } : {},
		},
		{ items: names.map((name) => ({ name })), continueOnFail: true },
	);
	let seconds = (Date.now() - t0) / 1000;
	watch.restore();
	const out = itemsOf(result);
	const errorItems = result.error ? n : out.filter((j) => j.error !== undefined).length;
	const node = tally(bench, names, watch.stats.accepted, watch.stats.r429, errorItems, seconds);

	// Baseline: every item's POST at once (the HTTP Request node without Batching), no retry.
	phase = bench.phase('throughput-baseline');
	bench.sb.invoice.setLimits({ perMinute: LIMIT });
	names = Array.from(
		{ length: n },
		(_, i) => `bench baseline contact ${String(i).padStart(5, '0')}`,
	);
	const ax = client();
	watch = watchInvoice(bench);
	t0 = Date.now();
	const responses = await Promise.allSettled(
		names.map(async (name) => await createContact(ax, bench.sb, phase.accessToken, name)),
	);
	seconds = (Date.now() - t0) / 1000;
	watch.restore();
	const got429 = responses.filter((r) => r.status === 'fulfilled' && r.value.status === 429).length;
	const baseline = tally(bench, names, watch.stats.accepted, watch.stats.r429, got429, seconds);
	bench.sb.invoice.setLimits({});
	return { limit: LIMIT, pacingOption, pacingValue, node, baseline };
}
