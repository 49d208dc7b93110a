import type { IDataObject } from 'n8n-workflow';
import type { QuotaKind, ZohoFailure } from '../../shared/transport/errors';
import { atUtc } from '../../shared/transport/errors';
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
 * People's daily cap: the answer is not documented (code 7210 and these words are UNCERTAIN, the
 * sandbox's choice). Phrases must speak of API calls, so "2 days per day type" is not one.
 */
const PEOPLE_DAILY_WORDS =
	/\bapi (?:call |request )?limit (?:for the day|per day)\b|\bdaily (?:api |call |request )+limit\b|\bdaily limit of \d+ (?:api )?(?:calls|requests)\b|\bapi (?:calls|requests) per day\b/i;
/**
 * People's threshold lock: "API access blocked since threshold limit exceeded. Please try after
 * some time" (code 7209, docs/reference/zoho-api.md §4). A bare "locked" is not one ("The record is locked for editing").
 */
const PEOPLE_LOCK_WORDS =
	/\bapi access (?:is |has been )?(?:temporarily )?(?:blocked|locked)\b|\bapi (?:call |request )?threshold\b|\bthreshold limit exceeded\b.{0,80}\btry after some time\b/i;

function peopleQuotaKind(
	code: number | undefined,
	status: number,
	message: string,
): QuotaKind | undefined {
	if (code === 7210) return 'daily';
	if (code === 7209) return 'lockPeriod';
	const worded: QuotaKind | undefined = PEOPLE_DAILY_WORDS.test(message)
		? 'daily'
		: PEOPLE_LOCK_WORDS.test(message)
			? 'lockPeriod'
			: undefined;
	return worded ?? (status === 429 ? 'perMinute' : undefined);
}

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
	// Latest attendance entries (the trigger's "New Attendance Entry"): "Threshold Limit: 30 requests |
	// Lock period: 5 minutes" (zoho.com/people/api/attendance-fetchlastentries.html; not in docs/reference/zoho-api.md).
	{ pattern: /\/attendance\/fetchLatestAttEntries$/, perMinute: 30, lockMinutes: 5 },
	// User report: 100 employees a call; "modify startIndex as 100, and 200 for the next 100 employees"
	// (zoho.com/people/api/userreport.html; not in docs/reference/zoho-api.md). No page-size parameter, no threshold given.
	{
		pattern: /\/attendance\/getUserReport$/,
		perMinute: 30,
		lockMinutes: 5,
		paging: { start: 'startIndex', base: 0, max: 100 },
	},
	// Leave records (v2): startIndex from 0, limit 0–200, 30/min, 5 min (docs/reference/zoho-api.md §4).
	{
		pattern: /\/v2\/leavetracker\/leaves\/records$/,
		perMinute: 30,
		lockMinutes: 5,
		paging: LEAVE_V2_PAGING,
	},
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
	return (
		peopleEndpoint(path).paging ??
		(/\/v2\/leavetracker\//.test(path) ? LEAVE_V2_PAGING : FORMS_PAGING)
	);
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
export const peopleProfile: ProductProfile<'people'> = {
	key: 'people',
	name: 'Zoho People',
	// People is not behind the API gateway: it has its own host.
	baseUrl: (hosts) => hosts.people,
	// employee, attendance and timetracker only exist as ALL (docs/reference/zoho-api.md §4, scopes).
	scopes: {
		read: ['ZOHOPEOPLE.forms.READ', 'ZOHOPEOPLE.leave.READ'],
		full: [
			'ZOHOPEOPLE.forms.ALL',
			'ZOHOPEOPLE.employee.ALL',
			'ZOHOPEOPLE.attendance.ALL',
			'ZOHOPEOPLE.leave.ALL',
			'ZOHOPEOPLE.timetracker.ALL',
		],
	},
	// Read access by default: with None, a People node fails on its first call.
	access: { name: 'peopleAccess', displayName: 'Zoho People Access', default: 'read' },
	maxPageSize: 200,
	morePagesSignal: 'full pages',
	// Each endpoint has its own threshold; pace each one separately.
	pacing: (path) => {
		const endpoint = peopleEndpoint(path);
		return { scope: endpoint.pattern.source, perMinute: endpoint.perMinute, concurrency: 5 };
	},
	// People locks each API on its own (docs/reference/zoho-api.md §4): a documented endpoint (any form), else the exact path.
	blockScope: (path) => {
		const bare = path.split('?')[0].replace(/^\/people(?=\/api\/)/, '');
		const endpoint = PEOPLE_ENDPOINTS.find((e) => e.pattern.test(bare));
		return endpoint ? endpoint.pattern.source : bare;
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
		if (isJsonObject(body) && isJsonObject(body.records)) {
			// v2 leave records: an object keyed by record ID.
			const records = Object.entries(body.records).map(([id, fields]) => ({
				recordId: id,
				...(fields as IDataObject),
			}));
			return { records, hasMore: records.length >= full };
		}
		const response = isJsonObject(body) && isJsonObject(body.response) ? body.response : undefined;
		if (!response) return undefined;
		if (isJsonObject(response.errors) && Number(response.errors.code) === 7024)
			return { records: [], hasMore: false };
		const result = response.result;
		if (!Array.isArray(result)) return undefined;
		// The endpoint's own flag when it sends one; else only a full page may have a successor.
		const more = paging.more ? flag(response[paging.more]) : undefined;
		return { records: result, hasMore: more ?? result.length >= full };
	},
	checkResponse(ctx) {
		const nonJson = checkNonJson(this.name, ctx);
		if (nonJson) return nonJson;
		const body = isJsonObject(ctx.body) ? ctx.body : {};
		const response = isJsonObject(body.response) ? body.response : body;
		// Legacy: response.errors; Timetracker: top-level errors or error text; v2 leave: error object.
		const rawErrors =
			response.errors ??
			body.errors ??
			(typeof body.error === 'string'
				? { message: body.error }
				: isJsonObject(body.error)
					? body.error
					: undefined);
		const errors: unknown = Array.isArray(rawErrors) ? rawErrors[0] : rawErrors;
		const failed = Number(response.status) === 1 || errors !== undefined || ctx.httpStatus >= 400;
		if (!failed) return undefined;
		const code = isJsonObject(errors) ? (errors.code as number | string | undefined) : undefined;
		const message = isJsonObject(errors)
			? String(errors.message ?? response.message ?? '')
			: String(response.message ?? body.message ?? '');
		const numeric = code === undefined ? undefined : Number(code);
		const failure: ZohoFailure = {
			httpStatus: ctx.httpStatus,
			zohoCode: code,
			zohoMessage: message || undefined,
		};
		if (numeric === 7024) return undefined; // "No records found" is an empty list, not a failure.
		const kind = peopleQuotaKind(numeric, ctx.httpStatus, message);
		if (kind === 'daily') {
			return quotaFailure(
				ctx,
				failure,
				dailyQuota(this.name, ctx, numberInQuotaMessage(message), 'organization'),
			);
		}
		if (kind === 'lockPeriod') {
			const lockMinutes = peopleEndpoint(ctx.path).lockMinutes;
			const at = new Date(ctx.now.getTime() + lockMinutes * 60000);
			return quotaFailure(ctx, failure, {
				kind: 'lockPeriod',
				product: this.name,
				endpoint: ctx.path,
				resetsAt: at.toISOString(),
				resetsText: `after the lock period (up to ${lockMinutes} minutes), ${atUtc(at)}`,
			});
		}
		if (kind === 'perMinute') return quotaFailure(ctx, failure, perMinuteQuota(this.name, ctx));
		if (isScopeMessage(message)) return { ...failure, scopeMissing: true };
		if (
			ctx.httpStatus === 401 ||
			(numeric !== undefined && PEOPLE_TOKEN_CODES.has(numeric)) ||
			/oauth ?token/i.test(message)
		) {
			return { ...failure, tokenInvalid: true };
		}
		return { ...failure, transient: transientStatus(ctx.httpStatus) };
	},
};
