import type { ZohoContext } from './auth';
import type { ProductKey } from './profiles';
import { PROFILES } from './profiles';
import type { RequestSettings, ZohoRequest, ZohoResponse } from './request';
import { zohoApiRequest } from './request';

export interface PageOptions {
	returnAll: boolean;
	/** Records wanted when not returning all. */
	limit: number;
}

/**
 * Fetches list pages with the largest page size Zoho serves and stops as soon as `limit` records
 * are in hand, so no call is spent that is not needed: 450 records take 3 calls, a limit of 5 takes
 * one call asking for 5. `first` is the answer to page 1 when the caller already has it.
 */
export async function fetchAllPages(
	this: ZohoContext,
	product: ProductKey,
	request: ZohoRequest,
	pages: PageOptions,
	settings: RequestSettings = {},
): Promise<{ records: unknown[]; lastResponse: ZohoResponse; calls: number } | { notAList: ZohoResponse }> {
	const profile = PROFILES[product];
	const wanted = pages.returnAll ? Infinity : Math.max(0, Math.floor(pages.limit));
	const records: unknown[] = [];
	let page = 1;
	let calls = 0;
	for (;;) {
		const size = Math.min(profile.maxPageSize, wanted - records.length);
		const response = await zohoApiRequest.call(this, product, profile.withPage(request, page, Math.max(1, size)), settings);
		calls++;
		const read = profile.readPage(response.body, size);
		if (!read) {
			if (page === 1) return { notAList: response };
			return { records, lastResponse: response, calls };
		}
		records.push(...read.records.slice(0, wanted - records.length));
		if (!read.hasMore || records.length >= wanted || read.records.length === 0) {
			return { records, lastResponse: response, calls };
		}
		page++;
	}
}
