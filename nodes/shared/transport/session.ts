import type { ZohoContext } from './auth';
import type { PageOptions } from './pagination';
import { fetchAllPages } from './pagination';
import type { ProductProfile } from './profile';
import type { RequestSettings } from './request';
import { zohoApiRequest } from './request';
import type { ZohoRequest, ZohoResponse } from './wire';

/**
 * What every product's per-execution session shares: the n8n context, the product's profile and the
 * request settings every item uses. Products add their own state (Invoice: the organization;
 * Bookings: the account time zone) by overriding `settingsFor` and wrapping `send` / `sendPages`.
 * Any n8n context can hold one (execute, load options, poll), so triggers reuse the same sessions.
 */
export abstract class ProductSession {
	constructor(
		protected readonly ctx: ZohoContext,
		protected readonly profile: ProductProfile,
		readonly settings: RequestSettings,
	) {}

	/** The settings of one item's requests. */
	protected settingsFor(itemIndex?: number): RequestSettings {
		return { ...this.settings, itemIndex };
	}

	protected async send(request: ZohoRequest, settings: RequestSettings): Promise<ZohoResponse> {
		return await zohoApiRequest.call(this.ctx, this.profile, request, settings);
	}

	protected async sendPages(request: ZohoRequest, pages: PageOptions, settings: RequestSettings) {
		return await fetchAllPages.call(this.ctx, this.profile, request, pages, settings);
	}
}
