import type { QuotaKind, ZohoFailure } from '../../shared/transport/errors';
import type { ProductProfile } from '../../shared/transport/profile';
import {
	checkNonJson,
	isJsonObject,
	isScopeMessage,
	transientStatus,
	withQuery,
} from '../../shared/transport/profile';
import {
	dailyQuota,
	numberInQuotaMessage,
	perMinuteQuota,
	quotaFailure,
} from '../../shared/transport/quota';

/**
 * Quota kind of an Invoice answer. Evidence first: codes 44/45/1070 (Zoho Books' quota codes;
 * Invoice is assumed to share them, docs/reference/zoho-api.md §3) and HTTP 429; Zoho's documented wordings only
 * when no quota code came, and only to tell the kinds of a 429 apart or to catch a code-less answer.
 */
function invoiceQuotaKind(
	code: number | undefined,
	status: number,
	message: string | undefined,
): QuotaKind | undefined {
	if (code === 45) return 'daily';
	if (code === 44) return 'perMinute';
	if (code === 1070) return 'concurrency';
	const text = message ?? '';
	const worded: QuotaKind | undefined = /\bexceeded the maximum call rate limit\b/i.test(text)
		? 'daily'
		: /\bmaximum number of in process requests\b/i.test(text)
			? 'concurrency'
			: /\bmaximum number of requests per minute\b/i.test(text)
				? 'perMinute'
				: undefined;
	return worded ?? (status === 429 ? 'perMinute' : undefined);
}

/** Zoho Invoice v3: `{code, message, <resource>, page_context}`; quota codes as in Zoho Books. */
export const invoiceProfile: ProductProfile<'invoice'> = {
	key: 'invoice',
	name: 'Zoho Invoice',
	baseUrl: (hosts) => `${hosts.apiGateway}/invoice/v3`,
	// Full access uses `.ALL` per scope group: `ZohoInvoice.fullaccess.all` is not documented (docs/reference/zoho-api.md §3).
	scopes: {
		read: [
			'ZohoInvoice.settings.READ',
			'ZohoInvoice.contacts.READ',
			'ZohoInvoice.invoices.READ',
			'ZohoInvoice.estimates.READ',
			'ZohoInvoice.customerpayments.READ',
			'ZohoInvoice.creditnotes.READ',
			'ZohoInvoice.expenses.READ',
			'ZohoInvoice.projects.READ',
		],
		full: [
			'ZohoInvoice.settings.ALL',
			'ZohoInvoice.contacts.ALL',
			'ZohoInvoice.invoices.ALL',
			'ZohoInvoice.estimates.ALL',
			'ZohoInvoice.customerpayments.ALL',
			'ZohoInvoice.creditnotes.ALL',
			'ZohoInvoice.expenses.ALL',
			'ZohoInvoice.projects.ALL',
		],
	},
	access: { name: 'invoiceAccess', displayName: 'Zoho Invoice Access', default: 'full' },
	maxPageSize: 200,
	morePagesSignal: 'has_more_page: true',
	// 100 requests a minute per organization; 5 in process on free plans, 10 on paid (as Books).
	pacing: () => ({ scope: 'organization', perMinute: 100, concurrency: 10 }),
	// Invoice blocks the whole organization, which the block key has already.
	blockScope: () => '',
	withPage: (request, page, size) => withQuery(request, { page, per_page: size }),
	readPage(body, requestedSize) {
		if (!isJsonObject(body)) return undefined;
		const records = Object.values(body).find((value): value is unknown[] => Array.isArray(value));
		if (!records) return undefined;
		const context = isJsonObject(body.page_context) ? body.page_context : undefined;
		const hasMore = context ? context.has_more_page === true : records.length >= requestedSize;
		return { records, hasMore };
	},
	checkResponse(ctx) {
		const nonJson = checkNonJson(this.name, ctx);
		if (nonJson) return nonJson;
		const body = isJsonObject(ctx.body) ? ctx.body : {};
		const code = body.code as number | string | undefined;
		const message = typeof body.message === 'string' ? body.message : undefined;
		const numeric = code === undefined ? undefined : Number(code);
		const failure: ZohoFailure = {
			httpStatus: ctx.httpStatus,
			zohoCode: code,
			zohoMessage: message,
		};
		const kind = invoiceQuotaKind(numeric, ctx.httpStatus, message);
		if (kind === 'daily') {
			return quotaFailure(
				ctx,
				failure,
				dailyQuota(this.name, ctx, numberInQuotaMessage(message), 'organization'),
			);
		}
		if (kind === 'concurrency') {
			const at = new Date(ctx.now.getTime() + 1000);
			return quotaFailure(ctx, failure, {
				kind: 'concurrency',
				product: this.name,
				resetsAt: at.toISOString(),
				resetsText: 'once a running request finishes',
			});
		}
		if (kind === 'perMinute')
			return quotaFailure(ctx, failure, perMinuteQuota(this.name, ctx, 100));
		if (isScopeMessage(message)) return { ...failure, scopeMissing: true };
		if (ctx.httpStatus === 401) {
			return { ...failure, tokenInvalid: true, hint: 'The access token was refused.' };
		}
		if (ctx.httpStatus >= 400 || (numeric !== undefined && numeric !== 0)) {
			return { ...failure, transient: transientStatus(ctx.httpStatus) };
		}
		return undefined;
	},
};
