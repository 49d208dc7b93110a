/**
 * Measure 2: token refreshes during 50 concurrent items whose token expires halfway (every access
 * token is expired when the sandbox receives the 25th API request).
 */
import { client, getContact, refreshToken } from './baseline';
import type { Bench } from './world';
import { ORG_ID, UNPACED, itemsOf } from './world';

export interface RefreshResult {
	items: number;
	expireAtRequest: number;
	nodeRefreshes: number;
	nodeFailedItems: number;
	nodeParallel: number;
	baselineRefreshes: number;
	baselineFailedItems: number;
	baselineConcurrency: number;
	/** Token-endpoint answers that refused the refresh (Zoho's 10 per 10 minutes per refresh token). */
	baselineRefreshRefused: number;
}

const ITEMS = 50;
const EXPIRE_AT = 25;

function expireAt(bench: Bench, n: number): void {
	let seen = 0;
	bench.sb.onRequest = (r) => {
		if (r.server === 'api' && ++seen === n) bench.sb.expireAccessTokens();
	};
}

export async function measureRefresh(bench: Bench): Promise<RefreshResult> {
	// Node: Invoice Contact Get, 50 items, 10 in parallel.
	let phase = bench.phase('refresh-node');
	let ids = bench.sb.invoice.seedContacts(ITEMS).map((c) => String(c.contact_id));
	bench.sb.clearRequests();
	expireAt(bench, EXPIRE_AT);
	let before = bench.sb.tokenEndpointCalls('refresh_token');
	const result = await phase.run(
		'zohoInvoice',
		{
			resource: 'contact',
			operation: 'get',
			contactId: '={{ $json.id }}',
			organizationId: ORG_ID,
			options: { parallelRequests: 10, rateLimitPerMinute: UNPACED },
		},
		{ items: ids.map((id) => ({ id })), continueOnFail: true },
	);
	const nodeRefreshes = bench.sb.tokenEndpointCalls('refresh_token') - before;
	const out = itemsOf(result);
	const nodeFailedItems = result.error
		? ITEMS
		: out.filter((j) => j.error !== undefined || j.contact_id === undefined).length +
			(ITEMS - out.length);
	bench.sb.onRequest = undefined;

	// Baseline: 50 concurrent axios GETs; each refreshes on 401 itself and tries once more.
	phase = bench.phase('refresh-baseline');
	ids = bench.sb.invoice.seedContacts(ITEMS).map((c) => String(c.contact_id));
	bench.sb.clearRequests();
	expireAt(bench, EXPIRE_AT);
	before = bench.sb.tokenEndpointCalls('refresh_token');
	const ax = client();
	let refused = 0;
	const outcomes = await Promise.allSettled(
		ids.map(async (id) => {
			let res = await getContact(ax, bench.sb, phase.accessToken, id);
			if (res.status === 401) {
				const fresh = await refreshToken(ax, bench.sb, phase.refreshToken);
				if (!fresh) {
					refused++;
					return false;
				}
				res = await getContact(ax, bench.sb, fresh, id);
			}
			return res.status === 200;
		}),
	);
	const baselineRefreshes = bench.sb.tokenEndpointCalls('refresh_token') - before;
	bench.sb.onRequest = undefined;
	return {
		items: ITEMS,
		expireAtRequest: EXPIRE_AT,
		nodeRefreshes,
		nodeFailedItems,
		nodeParallel: 10,
		baselineRefreshes,
		baselineFailedItems: outcomes.filter((o) => o.status !== 'fulfilled' || !o.value).length,
		baselineConcurrency: ITEMS,
		baselineRefreshRefused: refused,
	};
}
