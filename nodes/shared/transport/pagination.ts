import { NodeOperationError } from 'n8n-workflow';
import type { ZohoContext } from './auth';
import type { ProductProfile } from './profile';
import type { RequestSettings } from './request';
import { zohoApiRequest } from './request';
import type { ZohoRequest, ZohoResponse } from './wire';

export interface PageOptions {
	returnAll: boolean;
	/** Records wanted when not returning all. */
	limit: number;
}

/** Pages one list may take unless the user's Max Pages option says otherwise. */
export const DEFAULT_MAX_PAGES = 1000;

/**
 * Fetches list pages with the largest page size Zoho serves and stops as soon as `limit` records
 * are in hand, so no call is spent that is not needed: 450 records take 3 calls, a limit of 5 takes
 * one call asking for 5. Every page has the same size, as page numbers and offsets count in it.
 *
 * A list must end: a page equal to the one before (the server ignored the paging parameters) or
 * more than Max Pages pages fail the item rather than loop or return part of the list.
 */
export async function fetchAllPages(
	this: ZohoContext,
	profile: ProductProfile,
	request: ZohoRequest,
	pages: PageOptions,
	settings: RequestSettings,
): Promise<
	{ records: unknown[]; lastResponse: ZohoResponse; calls: number } | { notAList: ZohoResponse }
> {
	const wanted = pages.returnAll ? Infinity : Math.max(0, Math.floor(pages.limit));
	const maxPages =
		settings.maxPages !== undefined && settings.maxPages >= 1
			? Math.floor(settings.maxPages)
			: DEFAULT_MAX_PAGES;
	const size = Math.max(1, Math.min(profile.maxPageSize, wanted));
	const records: unknown[] = [];
	let received = 0;
	let previous: string | undefined;
	for (let page = 1; ; page++) {
		const response = await zohoApiRequest.call(
			this,
			profile,
			profile.withPage(request, page, size, received),
			settings,
		);
		const read = profile.readPage(response.body, size, request);
		if (!read) {
			if (page === 1) return { notAList: response };
			return { records, lastResponse: response, calls: page };
		}
		if (read.records.length === 0) return { records, lastResponse: response, calls: page };
		// The raw records are the page's fingerprint: a server that ignores the cursor sends them again.
		const fingerprint = JSON.stringify(read.records);
		if (fingerprint === previous) {
			throw new NodeOperationError(
				this.getNode(),
				`${profile.name} returned the same page twice (page ${page} repeated page ${page - 1}); the server ignored the paging parameters. Stopped after ${page} calls.`,
				{
					itemIndex: settings.itemIndex,
					description:
						'No records were returned for this item, as the list could not be read to its end.',
				},
			);
		}
		previous = fingerprint;
		received += read.records.length;
		records.push(...read.records.slice(0, wanted - records.length));
		if (!read.hasMore || records.length >= wanted)
			return { records, lastResponse: response, calls: page };
		if (page >= maxPages) {
			throw new NodeOperationError(
				this.getNode(),
				`${profile.name} kept answering ${profile.morePagesSignal} past ${maxPages} pages (${records.length} records so far); stopped. Raise Max Pages or narrow the request.`,
				{
					itemIndex: settings.itemIndex,
					description:
						'Return All stops at Max Pages (in Options) so a list that never ends cannot run forever. No records were returned for this item.',
				},
			);
		}
	}
}
