import type { IDataObject } from 'n8n-workflow';
import type { ZohoFailure } from '../../shared/transport/errors';
import { parseJsonKeepingBigIntegers } from '../../shared/transport/json';
import type { ProductProfile } from '../../shared/transport/profile';
import {
	checkNonJson,
	isJsonObject,
	isScopeMessage,
	transientStatus,
} from '../../shared/transport/profile';
import { dailyQuota, numberInQuotaMessage, quotaFailure } from '../../shared/transport/quota';

/**
 * Bookings' over-quota answer is undocumented (docs/reference/zoho-api.md §5; the sandbox says "API Limit
 * exceeded. You have reached the maximum API calls limit for the day."). Phrases about API calls
 * only: "Maximum booking limit exceeded for this slot" and "Notes exceed the character limit" are not.
 */
const BOOKINGS_QUOTA_WORDS =
	/\bapi (?:calls? |requests? )?limit (?:exceeded|reached|for the day)\b|\bmaximum api (?:calls? |requests? )?limit\b|\b(?:api|daily) quota\b|\btoo many (?:api )?(?:requests|calls)\b/i;

/**
 * A failure that names the access token: "Invalid OAuth token" (the sandbox's wording), Zoho's
 * `INVALID_OAUTHTOKEN` / `invalid_token` (docs/reference/zoho-api.md §2), an expired access token.
 */
const BOOKINGS_TOKEN_WORDS = /oauth ?token|access[ _]token|invalid[ _]token/i;

/** Names the request field a Bookings failure message is about, so the user knows what to fix. */
function bookingsField(message: string): string | undefined {
	const fields: Array<[RegExp, string]> = [
		[/slot|time/i, 'from_time / start_time'],
		[/staff/i, 'staff_id'],
		[/service/i, 'service_id'],
		[/resource/i, 'resource_id'],
		[/customer|email|phone/i, 'customer_details'],
		[/booking/i, 'booking_id'],
	];
	const found = fields.find(([pattern]) => pattern.test(message));
	return found ? `Field involved: ${found[1]}.` : undefined;
}

/** The JSON object in fetchappointment's `data` field; {} when there is none. */
function dataField(multipart: IDataObject | undefined): IDataObject {
	const parsed =
		typeof multipart?.data === 'string' ? parseJsonKeepingBigIntegers(multipart.data) : undefined;
	return isJsonObject(parsed) ? (parsed as IDataObject) : {};
}

/**
 * Zoho Bookings: `{response: {returnvalue, status}}`; failures come as HTTP 200 with
 * `status: "failure"` at the top or inside `returnvalue`. The over-quota answer is undocumented:
 * HTTP 429, or an answer in one of the phrases of BOOKINGS_QUOTA_WORDS, counts as the daily limit.
 */
export const bookingsProfile: ProductProfile<'bookings'> = {
	key: 'bookings',
	name: 'Zoho Bookings',
	baseUrl: (hosts) => `${hosts.apiGateway}/bookings/v1/json`,
	// Zoho documents zohobookings.data.CREATE for every call, reads included; READ is unconfirmed.
	scopes: { read: ['zohobookings.data.READ'], full: ['zohobookings.data.CREATE'] },
	// Not Read Only by default: Zoho documents only zohobookings.data.CREATE, for reads too, and
	// an unknown scope in the default would break the consent screen for every user
	// (docs/reference/zoho-api.md §5). A Bookings node without it says which option to set.
	access: { name: 'bookingsAccess', displayName: 'Zoho Bookings Access', default: 'none' },
	maxPageSize: 100,
	morePagesSignal: 'next_page_available: true',
	// Bookings documents only a daily limit; keep parallel calls modest.
	pacing: () => ({ scope: 'user', concurrency: 5 }),
	// Bookings counts per user, which the credential in the block key stands for.
	blockScope: () => '',
	withPage(request, page, size) {
		// fetchappointment takes its filters, paging included, as one JSON form field `data`.
		const data = dataField(request.multipart);
		return {
			...request,
			multipart: {
				...(request.multipart ?? {}),
				data: JSON.stringify({ ...data, page, per_page: size }),
			},
		};
	},
	readPage(body) {
		const response = isJsonObject(body) && isJsonObject(body.response) ? body.response : undefined;
		const value = response && isJsonObject(response.returnvalue) ? response.returnvalue : undefined;
		if (!value) return undefined;
		const records = Array.isArray(value.response)
			? value.response
			: Array.isArray(value.data)
				? value.data
				: undefined;
		if (!records) return undefined;
		return { records, hasMore: value.next_page_available === true };
	},
	checkResponse(ctx) {
		if (ctx.httpStatus === 204) return undefined; // some accounts answer an empty list with 204
		const nonJson = checkNonJson(this.name, ctx);
		if (nonJson) return nonJson;
		const body = isJsonObject(ctx.body) ? ctx.body : {};
		const response = isJsonObject(body.response) ? body.response : {};
		const nested = isJsonObject(response.returnvalue) ? response.returnvalue : {};
		const topFailed = String(response.status ?? '').toLowerCase() === 'failure';
		// A booked appointment has its own `status` (upcoming, …); only "failure" means failure.
		// One peer reads `Status`; accept either spelling.
		const nestedFailed = String(nested.status ?? nested.Status ?? '').toLowerCase() === 'failure';
		if (!topFailed && !nestedFailed && ctx.httpStatus < 400) return undefined;
		const message = String(
			(topFailed
				? (response.errormessage ?? response.message)
				: (nested.message ?? nested.errormessage)) ??
				body.message ??
				'',
		);
		const failure: ZohoFailure = {
			httpStatus: ctx.httpStatus,
			zohoMessage: message || undefined,
			hint: bookingsField(message),
		};
		// Bookings documents only a daily limit, so HTTP 429 is taken as it; its answer is not
		// documented (docs/reference/zoho-api.md §5), so a few specific phrases are taken as it too.
		if (ctx.httpStatus === 429 || BOOKINGS_QUOTA_WORDS.test(message)) {
			// Zoho's own number, when it gives one, beats the plan the user chose.
			const limit = numberInQuotaMessage(message) ?? ctx.dailyLimit;
			// A request field is not what a quota is about.
			return quotaFailure(
				ctx,
				{ ...failure, hint: undefined },
				dailyQuota(this.name, ctx, limit, 'user'),
			);
		}
		if (isScopeMessage(message)) return { ...failure, scopeMissing: true };
		// An expired token is HTTP 401 or a failure that names the token ("Invalid OAuth token",
		// docs/reference/zoho-api.md §2): a refusal that only says "unauthorized" is about the
		// request (staff, service), and renewing would spend a token request and send it again.
		if (ctx.httpStatus === 401 || BOOKINGS_TOKEN_WORDS.test(message)) {
			return { ...failure, tokenInvalid: true };
		}
		return { ...failure, transient: transientStatus(ctx.httpStatus) };
	},
};
