/**
 * Quota classification by evidence (item 10), straight through the profiles: codes and HTTP 429
 * first, then only specific phrases. The variants are the ones docs/reference/zoho-api.md §3–§5 lists or the
 * sandbox chose (UNCERTAIN wordings are marked as assumptions there).
 */
import type { IDataObject } from 'n8n-workflow';
import { bookingsProfile } from '../../nodes/ZohoBookings/transport/profile';
import { invoiceProfile } from '../../nodes/ZohoInvoice/transport/profile';
import { peopleProfile } from '../../nodes/ZohoPeople/transport/profile';
import type { ProductProfile } from '../../nodes/shared/transport/profile';

const now = new Date('2031-03-10T10:00:00Z');

function kindOf(
	profile: ProductProfile,
	body: IDataObject,
	httpStatus = 200,
	path = '/x',
	headers: IDataObject = {},
): string | undefined {
	const failure = profile.checkResponse({
		httpStatus,
		body,
		text: JSON.stringify(body),
		contentType: 'application/json',
		headers,
		path,
		now,
	});
	if (!failure) return 'ok';
	return failure.quota?.kind ?? 'error';
}

const people = (message: string, code?: number) => ({
	response: {
		errors: { ...(code ? { code } : {}), message },
		message: 'Error occurred',
		status: 1,
	},
});
const bookings = (errormessage: string) => ({ response: { status: 'failure', errormessage } });

describe('People', () => {
	it.each([
		[
			'API access blocked since threshold limit exceeded. Please try after some time',
			undefined,
			'lockPeriod',
		],
		['anything at all', 7209, 'lockPeriod'],
		[
			'API call limit for the day exceeded. Daily limit of 250 API calls reached',
			undefined,
			'daily',
		],
		['Daily API limit exceeded', undefined, 'daily'],
		['anything at all', 7210, 'daily'],
		['The record is locked for editing', undefined, 'error'],
		['Leave cannot exceed 2 days per day type', undefined, 'error'],
		['Please try after some time', undefined, 'error'],
		['Maximum record limit 200 exceeded', 7021, 'error'],
	])('%s (code %s) → %s', (message, code, kind) => {
		expect(kindOf(peopleProfile, people(message, code))).toBe(kind);
	});
});

describe('Bookings', () => {
	it.each([
		['API Limit exceeded. You have reached the maximum API calls limit for the day.', 'daily'],
		['Too many requests', 'daily'],
		['API quota exceeded', 'daily'],
		['Maximum booking limit exceeded for this slot', 'error'],
		['Notes exceed the character limit', 'error'],
		['Customer limit reached for this service', 'error'],
	])('%s → %s', (message, kind) => {
		expect(kindOf(bookingsProfile, bookings(message))).toBe(kind);
	});

	it('takes HTTP 429 as the daily limit whatever it says', () => {
		expect(kindOf(bookingsProfile, bookings('Slow down'), 429)).toBe('daily');
	});

	// Renewing costs a token request and sends the request again: only a failure that names the
	// token (or HTTP 401) is an expired token, never a refusal that says "unauthorized".
	it.each([
		[bookings('Invalid OAuth token'), 200, true],
		[bookings('INVALID_OAUTHTOKEN'), 200, true],
		[bookings('invalid_token'), 200, true],
		[bookings('The access token has expired'), 200, true],
		[bookings('anything'), 401, true],
		[bookings('You are unauthorized to perform this operation'), 200, false],
		[
			{
				response: {
					status: 'success',
					returnvalue: {
						status: 'failure',
						message: 'Staff is unauthorized to accept bookings for this service',
					},
				},
			},
			200,
			false,
		],
		[bookings('Invalid oauthscope'), 200, false],
	])('%j [HTTP %s] is an expired token: %s', (body, status, expired) => {
		const failure = bookingsProfile.checkResponse({
			httpStatus: status,
			body: body as IDataObject,
			text: JSON.stringify(body),
			contentType: 'application/json',
			headers: {},
			path: '/appointment',
			now,
		});
		expect(failure).toBeDefined();
		expect(failure?.tokenInvalid === true).toBe(expired);
	});
});

describe('Retry-After that says "now"', () => {
	it.each(['0', new Date(now.getTime() - 5_000).toUTCString()])(
		'Retry-After: %s is no wait to honour: the back-off applies',
		(value) => {
			const failure = invoiceProfile.checkResponse({
				httpStatus: 429,
				body: { code: 44, message: 'blocked' },
				text: '',
				contentType: 'application/json',
				headers: { 'Retry-After': value },
				path: '/contacts',
				now,
			});
			expect(failure?.quota?.kind).toBe('perMinute');
			expect(failure?.quota?.retryAfterMs).toBeUndefined();
			// The per-minute window's end stands, not "now".
			expect(failure?.quota?.resetsAt).toBe('2031-03-10T10:01:00.000Z');
		},
	);
});

describe('Invoice', () => {
	it.each([
		[{ code: 44, message: 'anything' }, 400, 'perMinute'],
		[{ code: 45, message: 'anything' }, 400, 'daily'],
		[{ code: 1070, message: 'anything' }, 400, 'concurrency'],
		[
			{ message: 'You have reached the maximum number of in process requests allowed.' },
			429,
			'concurrency',
		],
		[{}, 429, 'perMinute'],
		[{ code: 1001, message: 'Invoice number already exists' }, 400, 'error'],
		[{ code: 4, message: 'Notes exceed the character limit' }, 400, 'error'],
	])('%j [HTTP %s] → %s', (body, status, kind) => {
		expect(kindOf(invoiceProfile, body as IDataObject, status)).toBe(kind);
	});

	it('reads Retry-After (seconds or HTTP date) and the x-rate-limit counter into the quota', () => {
		const failure = invoiceProfile.checkResponse({
			httpStatus: 429,
			body: { code: 44, message: 'blocked' },
			text: '',
			contentType: 'application/json',
			headers: {
				'Retry-After': new Date(now.getTime() + 90_000).toUTCString(),
				'X-Rate-Limit-Remaining': '7',
				'x-rate-limit-limit': '1000',
			},
			path: '/contacts',
			now,
		});
		expect(failure?.quota).toMatchObject({
			kind: 'perMinute',
			retryAfterMs: 90_000,
			resetsAt: '2031-03-10T10:01:30.000Z',
			dailyCallsLeft: 7,
			dailyCallsLimit: 1000,
		});
	});
});
