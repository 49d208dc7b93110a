import type { IDataObject } from 'n8n-workflow';
import type { ResolvedHosts } from '../dataCenters';
import { productBaseUrls } from '../dataCenters';
import type { QuotaInfo, ZohoFailure } from './errors';
import { atUtc, nextMidnight } from './errors';
import { parseJsonKeepingBigIntegers } from './json';

export type ProductKey = 'invoice' | 'people' | 'bookings';

/** What a product profile needs to know about a request to judge its answer. */
export interface ResponseContext {
	httpStatus: number;
	/** Parsed JSON body, or undefined when the body was not JSON. */
	body: unknown;
	/** The raw body text (for HTML error pages and truncated JSON). */
	text: string;
	contentType: string;
	path: string;
	/** Time zone of the organization or account, when known (daily resets). */
	timeZone?: string;
	/** The daily limit the user's plan has, when the node knows it (Bookings). */
	dailyLimit?: number;
	now: Date;
}

/** The parts of a request a profile may change to ask for one page. */
export interface PageableRequest {
	path?: string;
	qs?: IDataObject;
	multipart?: IDataObject;
}

/**
 * How one Zoho product differs: where it lives, how it wraps answers and errors, and how it pages.
 * The shared transport does the rest once for every product.
 */
export interface ProductProfile {
	key: ProductKey;
	name: string;
	/** Base URL for the product inside the resolved data center. */
	baseUrl(hosts: ResolvedHosts): string;
	/** Returns a failure when the answer is an error (whatever its HTTP status), else undefined. */
	checkResponse(ctx: ResponseContext): ZohoFailure | undefined;
	/** Largest page Zoho serves. */
	maxPageSize: number;
	/** Documented pacing for a path: which calls share a limit, calls per minute, calls in flight. */
	pacing(path: string): { scope: string; perMinute?: number; concurrency: number };
	/**
	 * The request for page `page` (1-based) of `size` records; `offset` records of the list came before
	 * it (where an offset-based API starts, even after a short page).
	 */
	withPage<T extends PageableRequest>(request: T, page: number, size: number, offset: number): T;
	/** Records of one page and whether another page follows; `request` is the list request (before withPage). */
	readPage(body: unknown, requestedSize: number, request: PageableRequest): { records: unknown[]; hasMore: boolean } | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nextMinute(now: Date): Date {
	return new Date(Math.floor(now.getTime() / 60000) * 60000 + 60000);
}

function withQuery<T extends PageableRequest>(request: T, qs: IDataObject): T {
	return { ...request, qs: { ...(request.qs ?? {}), ...qs } };
}

function dailyQuota(product: string, ctx: ResponseContext, limit: number | undefined, per: 'organization' | 'user'): QuotaInfo {
	const { date, zone } = nextMidnight(ctx.timeZone, ctx.now);
	return {
		kind: 'daily',
		product,
		per,
		limit,
		resetsAt: date.toISOString(),
		resetsText: `at 00:00 (${ctx.timeZone ? zone : 'UTC; the organization time zone is not known'})`,
	};
}

function perMinuteQuota(product: string, ctx: ResponseContext, limit?: number): QuotaInfo {
	const at = nextMinute(ctx.now);
	return { kind: 'perMinute', product, limit, resetsAt: at.toISOString(), resetsText: `at the next minute, ${atUtc(at)}` };
}

/** Non-JSON answers: HTML error pages, truncated JSON, empty bodies where JSON was due. */
function checkNonJson(product: string, ctx: ResponseContext): ZohoFailure | undefined {
	if (ctx.body !== undefined) return undefined;
	if (ctx.httpStatus >= 200 && ctx.httpStatus < 300 && ctx.text.trim() === '') return undefined;
	const looksHtml = /^\s*</.test(ctx.text) || ctx.contentType.includes('html');
	const isPlainText = /^text\/plain/i.test(ctx.contentType);
	// Keep the server's own words for short plain-text answers ("Bad Gateway").
	const words = isPlainText ? ctx.text.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
	return {
		httpStatus: ctx.httpStatus,
		zohoMessage: looksHtml
			? `${product} answered with an HTML page instead of JSON${ctx.httpStatus >= 500 ? ' (a server or gateway error)' : ''}`
			: words
				? `${product} answered HTTP ${ctx.httpStatus} with text instead of JSON: ${words}`
				: ctx.text.trim() === ''
					? `${product} answered HTTP ${ctx.httpStatus} with an empty body`
					: `${product} answered with a body that is not valid JSON (it may have been cut off)`,
		// A server error or a cut-off success may pass; a 4xx will not. Only idempotent requests are retried.
		transient: ctx.httpStatus >= 500 || (ctx.httpStatus >= 200 && ctx.httpStatus < 300) || ctx.httpStatus === 0,
	};
}

/**
 * Zoho words a missing scope as "Invalid OAuth Scope" or similar (the exact text is UNCERTAIN,
 * docs/reference/zoho-api.md §2.4); renewing the token cannot fix it, so it is told apart from an expired token.
 */
function isScopeMessage(message: string | undefined): boolean {
	return message !== undefined && /oauth ?scope|invalid scope|scope (?:is )?(?:missing|invalid|mismatch)/i.test(message);
}

function transientStatus(status: number): boolean {
	return status === 500 || status === 502 || status === 503 || status === 504;
}

/** Zoho Invoice v3: `{code, message, <resource>, page_context}`; quota codes as in Zoho Books. */
export const invoiceProfile: ProductProfile = {
	key: 'invoice',
	name: 'Zoho Invoice',
	baseUrl: (hosts) => productBaseUrls(hosts).invoice,
	maxPageSize: 200,
	// 100 requests a minute per organization; 5 in process on free plans, 10 on paid (as Books).
	pacing: () => ({ scope: 'organization', perMinute: 100, concurrency: 10 }),
	withPage: (request, page, size) => withQuery(request, { page, per_page: size }),
	readPage(body, requestedSize) {
		if (!isObject(body)) return undefined;
		const listKey = Object.keys(body).find((k) => Array.isArray(body[k]));
		if (!listKey) return undefined;
		const records = body[listKey] as unknown[];
		const context = isObject(body.page_context) ? body.page_context : undefined;
		const hasMore = context ? context.has_more_page === true : records.length >= requestedSize;
		return { records, hasMore };
	},
	checkResponse(ctx) {
		const nonJson = checkNonJson(this.name, ctx);
		if (nonJson) return nonJson;
		const body = isObject(ctx.body) ? ctx.body : {};
		const code = body.code as number | string | undefined;
		const message = typeof body.message === 'string' ? body.message : undefined;
		const numeric = code === undefined ? undefined : Number(code);
		const failure: ZohoFailure = { httpStatus: ctx.httpStatus, zohoCode: code, zohoMessage: message };
		// Codes 44/45/1070 are Zoho Books' quota codes; Invoice is assumed to share them.
		if (numeric === 45 || (message && /exceeded the maximum call rate limit/i.test(message))) {
			const limit = message?.match(/limit of (\d+)/i)?.[1];
			return { ...failure, notProcessed: true, quota: dailyQuota(this.name, ctx, limit ? Number(limit) : undefined, 'organization') };
		}
		if (numeric === 1070 || (message && /maximum number of in process requests/i.test(message))) {
			const at = new Date(ctx.now.getTime() + 1000);
			return {
				...failure,
				notProcessed: true,
				quota: { kind: 'concurrency', product: this.name, resetsAt: at.toISOString(), resetsText: 'once a running request finishes' },
			};
		}
		if (numeric === 44 || ctx.httpStatus === 429 || (message && /maximum number of requests per minute/i.test(message))) {
			return { ...failure, notProcessed: true, quota: perMinuteQuota(this.name, ctx, 100) };
		}
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

const PEOPLE_TOKEN_CODES = new Set([7202, 7213]);

/** How a People list pages: each endpoint family counts its own way. */
interface PeoplePaging {
	/** Query parameter of the first record of a page. */
	start: 'sIndex' | 'startIndex';
	/** Index of the first record of the list: 1 for the forms API, 0 for the time tracker and v2 leave. */
	base: 0 | 1;
	/** Query parameter of the page size; none when the endpoint serves a fixed page of `max`. */
	size?: 'limit';
	/** Largest page the endpoint serves. */
	max: number;
	/** Key of `response` that says whether another page follows, when the endpoint sends one. */
	more?: 'isNextAvailable';
}

/** Forms API (getRecords): sIndex from 1, limit up to 200 (docs/reference/zoho-api.md §4, "Bulk records"). */
const FORMS_PAGING: PeoplePaging = { start: 'sIndex', base: 1, size: 'limit', max: 200 };
/** v2 leave tracker: startIndex from 0, limit 0–200 (docs/reference/zoho-api.md §4, "Leave records (v2)"). */
const LEAVE_V2_PAGING: PeoplePaging = { start: 'startIndex', base: 0, size: 'limit', max: 200 };

interface PeopleEndpoint {
	pattern: RegExp;
	/** Threshold: calls allowed per minute. */
	perMinute: number;
	/** Lock period after the threshold is passed, in minutes. */
	lockMinutes: number;
	/** How the endpoint's list pages; unset: the default of its family (see peoplePaging). */
	paging?: PeoplePaging;
}

/**
 * People's documented threshold, lock period and paging per endpoint, in one table. Thresholds are
 * from docs/reference/zoho-api.md §4; endpoints Zoho gives no threshold for keep the default of 30 a minute, 5 minutes.
 */
const PEOPLE_ENDPOINTS: PeopleEndpoint[] = [
	{ pattern: /\/forms\/[^/]+\/components$/, perMinute: 400, lockMinutes: 5 },
	// Bulk records: sIndex from 1, limit ≤ 200 (docs/reference/zoho-api.md §4). getDataByID is one record and never paged.
	{ pattern: /\/getRecords$|\/getDataByID$/, perMinute: 400, lockMinutes: 5, paging: FORMS_PAGING },
	{ pattern: /\/insertRecord$/, perMinute: 100, lockMinutes: 5 },
	{ pattern: /\/updateRecord$/, perMinute: 300, lockMinutes: 5 },
	{ pattern: /\/attendance$/, perMinute: 100, lockMinutes: 5 },
	// User report: 100 employees a call; "modify startIndex as 100, and 200 for the next 100 employees"
	// (zoho.com/people/api/userreport.html; not in docs/reference/zoho-api.md). No page-size parameter, no threshold given.
	{ pattern: /\/attendance\/getUserReport$/, perMinute: 30, lockMinutes: 5, paging: { start: 'startIndex', base: 0, max: 100 } },
	// Leave records (v2): startIndex from 0, limit 0–200, 30/min, 5 min (docs/reference/zoho-api.md §4).
	{ pattern: /\/v2\/leavetracker\/leaves\/records$/, perMinute: 30, lockMinutes: 5, paging: LEAVE_V2_PAGING },
	// Time logs: sIndex "from which record", default 0; limit ≤ 200 (zoho.com/people/api/timesheet/get-timelogs.html;
	// docs/reference/zoho-api.md §4 lists only addtimelog). `response.isNextAvailable` is the time tracker's flag, sent only
	// while more data follows (timesheet/get-clients.html); without it a short page ends the list.
	{
		pattern: /\/timetracker\/gettimelogs$/,
		perMinute: 30,
		lockMinutes: 5,
		paging: { start: 'sIndex', base: 0, size: 'limit', max: 200, more: 'isNextAvailable' },
	},
	{ pattern: /bookedAndBalance/i, perMinute: 30, lockMinutes: 2 },
	{ pattern: /leaves\/records\/cancel/i, perMinute: 30, lockMinutes: 2 },
	{ pattern: /\/forms$/, perMinute: 30, lockMinutes: 5 },
];
const PEOPLE_OTHER: PeopleEndpoint = { pattern: /$^/, perMinute: 30, lockMinutes: 5 };

function peopleEndpoint(path: string): PeopleEndpoint {
	return PEOPLE_ENDPOINTS.find((e) => e.pattern.test(path)) ?? PEOPLE_OTHER;
}

/** The endpoint's paging, else its family's: the v2 leave tracker counts from 0, the rest as the forms API. */
function peoplePaging(path: string): PeoplePaging {
	return peopleEndpoint(path).paging ?? (/\/v2\/leavetracker\//.test(path) ? LEAVE_V2_PAGING : FORMS_PAGING);
}

/** Records per page: what was asked for within the endpoint's maximum, or its fixed page. */
function peoplePageSize(paging: PeoplePaging, requested: number): number {
	return paging.size ? Math.min(requested, paging.max) : paging.max;
}

/** A "more pages follow" flag as sent (boolean or text); undefined when absent or unreadable. */
function flag(value: unknown): boolean | undefined {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return undefined;
}

/** Zoho People: `{response: {status, result | errors}}`, errors usually inside HTTP 200. */
export const peopleProfile: ProductProfile = {
	key: 'people',
	name: 'Zoho People',
	baseUrl: (hosts) => productBaseUrls(hosts).people,
	maxPageSize: 200,
	// Each endpoint has its own threshold; pace each one separately.
	pacing: (path) => {
		const endpoint = peopleEndpoint(path);
		return { scope: endpoint.pattern.source, perMinute: endpoint.perMinute, concurrency: 5 };
	},
	// Each endpoint pages its own way (PEOPLE_ENDPOINTS): where the first record is, and from 0 or 1.
	withPage: (request, _page, size, offset) => {
		const paging = peoplePaging(request.path ?? '');
		const perPage = peoplePageSize(paging, size);
		const qs: IDataObject = { [paging.start]: offset + paging.base };
		if (paging.size) qs[paging.size] = perPage;
		return withQuery(request, qs);
	},
	readPage(body, requestedSize, request) {
		const paging = peoplePaging(request.path ?? '');
		const full = peoplePageSize(paging, requestedSize);
		if (isObject(body) && isObject(body.records)) {
			// v2 leave records: an object keyed by record ID.
			const records = Object.entries(body.records).map(([id, fields]) => ({ recordId: id, ...(fields as IDataObject) }));
			return { records, hasMore: records.length >= full };
		}
		const response = isObject(body) && isObject(body.response) ? body.response : undefined;
		if (!response) return undefined;
		if (isObject(response.errors) && Number(response.errors.code) === 7024) return { records: [], hasMore: false };
		const result = response.result;
		if (!Array.isArray(result)) return undefined;
		// The endpoint's own flag when it sends one; else only a full page may have a successor.
		const more = paging.more ? flag(response[paging.more]) : undefined;
		return { records: result, hasMore: more ?? result.length >= full };
	},
	checkResponse(ctx) {
		const nonJson = checkNonJson(this.name, ctx);
		if (nonJson) return nonJson;
		const body = isObject(ctx.body) ? ctx.body : {};
		const response = isObject(body.response) ? body.response : body;
		// Legacy: response.errors; Timetracker: top-level errors or error text; v2 leave: error object.
		const rawErrors =
			response.errors ?? body.errors ?? (typeof body.error === 'string' ? { message: body.error } : isObject(body.error) ? body.error : undefined);
		const errors = Array.isArray(rawErrors) ? rawErrors[0] : rawErrors;
		const failed = Number(response.status) === 1 || errors !== undefined || ctx.httpStatus >= 400;
		if (!failed) return undefined;
		const code = isObject(errors) ? (errors.code as number | string | undefined) : undefined;
		const message = isObject(errors)
			? String(errors.message ?? response.message ?? '')
			: String(response.message ?? body.message ?? '');
		const numeric = code === undefined ? undefined : Number(code);
		const failure: ZohoFailure = { httpStatus: ctx.httpStatus, zohoCode: code, zohoMessage: message || undefined };
		if (numeric === 7024) return undefined; // "No records found" is an empty list, not a failure.
		// The daily cap's answer is not documented (code and words UNCERTAIN): match both.
		if (numeric === 7210 || /limit for the day|daily limit|per day/i.test(message)) {
			const limit = message.match(/limit of (\d+)/i)?.[1];
			return { ...failure, notProcessed: true, quota: dailyQuota(this.name, ctx, limit ? Number(limit) : undefined, 'organization') };
		}
		if (numeric === 7209 || /threshold limit|locked|try after some time/i.test(message)) {
			const lockMinutes = peopleEndpoint(ctx.path).lockMinutes;
			const at = new Date(ctx.now.getTime() + lockMinutes * 60000);
			return {
				...failure,
				notProcessed: true,
				quota: {
					kind: 'lockPeriod',
					product: this.name,
					endpoint: ctx.path,
					resetsAt: at.toISOString(),
					resetsText: `after the lock period (up to ${lockMinutes} minutes), ${atUtc(at)}`,
				},
			};
		}
		if (ctx.httpStatus === 429) return { ...failure, notProcessed: true, quota: perMinuteQuota(this.name, ctx) };
		if (isScopeMessage(message)) return { ...failure, scopeMissing: true };
		if (ctx.httpStatus === 401 || (numeric !== undefined && PEOPLE_TOKEN_CODES.has(numeric)) || /oauth ?token/i.test(message)) {
			return { ...failure, tokenInvalid: true };
		}
		return { ...failure, transient: transientStatus(ctx.httpStatus) };
	},
};

/**
 * Zoho Bookings: `{response: {returnvalue, status}}`; failures come as HTTP 200 with
 * `status: "failure"` at the top or inside `returnvalue`. The over-quota answer is undocumented,
 * so any answer that speaks of a limit or quota being exceeded (or HTTP 429) counts as the daily limit.
 */
export const bookingsProfile: ProductProfile = {
	key: 'bookings',
	name: 'Zoho Bookings',
	baseUrl: (hosts) => productBaseUrls(hosts).bookings,
	maxPageSize: 100,
	// Bookings documents only a daily limit; keep parallel calls modest.
	pacing: () => ({ scope: 'user', concurrency: 5 }),
	withPage(request, page, size) {
		// fetchappointment takes its filters, paging included, as one JSON form field `data`.
		const data = typeof request.multipart?.data === 'string' ? (parseJsonKeepingBigIntegers(request.multipart.data) as IDataObject) : {};
		return { ...request, multipart: { ...(request.multipart ?? {}), data: JSON.stringify({ ...data, page, per_page: size }) } };
	},
	readPage(body) {
		const response = isObject(body) && isObject(body.response) ? body.response : undefined;
		const value = response && isObject(response.returnvalue) ? response.returnvalue : undefined;
		if (!value) return undefined;
		const records = Array.isArray(value.response) ? value.response : Array.isArray(value.data) ? value.data : undefined;
		if (!records) return undefined;
		return { records, hasMore: value.next_page_available === true };
	},
	checkResponse(ctx) {
		if (ctx.httpStatus === 204) return undefined; // some accounts answer an empty list with 204
		const nonJson = checkNonJson(this.name, ctx);
		if (nonJson) return nonJson;
		const body = isObject(ctx.body) ? ctx.body : {};
		const response = isObject(body.response) ? body.response : {};
		const nested = isObject(response.returnvalue) ? response.returnvalue : {};
		const topFailed = String(response.status ?? '').toLowerCase() === 'failure';
		// A booked appointment has its own `status` (upcoming, …); only "failure" means failure.
		// One peer reads `Status`; accept either spelling.
		const nestedFailed = String(nested.status ?? nested.Status ?? '').toLowerCase() === 'failure';
		if (!topFailed && !nestedFailed && ctx.httpStatus < 400) return undefined;
		const message = String(
			(topFailed ? response.errormessage ?? response.message : nested.message ?? nested.errormessage) ??
				body.message ??
				'',
		);
		const failure: ZohoFailure = { httpStatus: ctx.httpStatus, zohoMessage: message || undefined, hint: bookingsField(message) };
		if (ctx.httpStatus === 429 || /limit|quota|exceed|too many/i.test(message)) {
			return { ...failure, notProcessed: true, quota: dailyQuota(this.name, ctx, ctx.dailyLimit, 'user') };
		}
		if (isScopeMessage(message)) return { ...failure, scopeMissing: true };
		if (ctx.httpStatus === 401 || /oauth|access token|invalid token|unauthori[sz]ed/i.test(message)) {
			return { ...failure, tokenInvalid: true };
		}
		return { ...failure, transient: transientStatus(ctx.httpStatus) };
	},
};

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

export const PROFILES: Record<ProductKey, ProductProfile> = {
	invoice: invoiceProfile,
	people: peopleProfile,
	bookings: bookingsProfile,
};
