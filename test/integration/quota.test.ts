/**
 * Quota handling by evidence, through real n8n-core executions against the sandbox:
 * - item 10: documented codes and HTTP 429 decide; wording is a fallback with specific phrases,
 *   so ordinary errors that mention a "limit", "locked" or "per day" stay ordinary errors;
 * - item 11: Zoho's own timing (Retry-After, x-rate-limit-* headers, the token throttle at HTTP 400);
 * - item 20: daily-limit messages quote Zoho's number and name the right time zone;
 * - item 21: a known People lock (or Retry-After block) is not sent into again.
 * Sandbox reply overrides stand in for answers the sandbox does not produce by itself.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunNodeResult } from '../harness';
import type { RecordedRequest, ServerRole } from '../sandbox';
import type { Reply } from '../sandbox/types';
import { KITS, ORG, overrideReplies } from './faultKit';
import type { Auth, World } from './world';
import { expectNoSecrets, jsonOf, listContacts, useWorld } from './world';

const world = useWorld(1);
let w: World;
let restores: Array<() => void> = [];
beforeEach(() => {
	w = world();
	restores = [];
});
afterEach(() => {
	for (const restore of restores) restore();
});

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' };
const reply = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
	status,
	body: JSON.stringify(body),
	headers: { ...JSON_HEADERS, ...headers },
});

type ErrorObject = Error & { context?: IDataObject; description?: string };

function override(
	service: object,
	match: (r: RecordedRequest) => boolean,
	answer: Reply,
	times = 1,
): void {
	restores.push(overrideReplies(service, match, answer, times));
}

const requestsTo = (server: ServerRole, pathIncludes: string) =>
	w.sb.findRequests({ server, pathIncludes });

// ---------------------------------------------------------------------------------------------
// Item 10: ordinary errors that merely mention a limit, a lock or "per day".

interface OrdinaryCase {
	name: string;
	nodeType: string;
	server: ServerRole;
	/** Path (as recorded) of the one request the operation sends. */
	path: string;
	service(w: World): object;
	params(w: World): INodeParameters;
	answer: Reply;
	/** The message the user must see: Zoho's own words, nothing about quotas. */
	message: string;
}

const BOOKINGS = KITS.Bookings;
const bookingParams = (): INodeParameters => ({ ...BOOKINGS.writeParams });
const bookingItem = () => BOOKINGS.writeItems(1);

const ORDINARY: OrdinaryCase[] = [
	{
		name: 'Bookings "Maximum booking limit exceeded for this slot" (nested failure)',
		nodeType: 'zohoBookings',
		server: 'api',
		path: '/bookings/v1/json/appointment',
		service: (world) => world.sb.bookings,
		params: bookingParams,
		answer: reply(200, {
			response: {
				returnvalue: { status: 'failure', message: 'Maximum booking limit exceeded for this slot' },
				status: 'success',
			},
		}),
		message: 'Zoho Bookings: Maximum booking limit exceeded for this slot [HTTP 200]',
	},
	{
		name: 'Bookings "Notes exceed the character limit" (top-level failure)',
		nodeType: 'zohoBookings',
		server: 'api',
		path: '/bookings/v1/json/appointment',
		service: (world) => world.sb.bookings,
		params: bookingParams,
		answer: reply(200, {
			response: { status: 'failure', errormessage: 'Notes exceed the character limit' },
		}),
		message: 'Zoho Bookings: Notes exceed the character limit [HTTP 200]',
	},
	{
		name: 'People "The record is locked for editing"',
		nodeType: 'zohoPeople',
		server: 'people',
		path: '/people/api/forms/json/employee/updateRecord',
		service: (world) => world.sb.people,
		params: (world) => ({
			resource: 'record',
			operation: 'update',
			form: 'employee',
			recordId: String(world.sb.people.seedEmployees(1)[0].Zoho_ID),
			inputDataMode: 'json',
			inputDataJson: '{"LastName":"Locked"}',
		}),
		answer: reply(200, {
			response: {
				errors: { message: 'The record is locked for editing' },
				message: 'Error occurred',
				status: 1,
			},
		}),
		message: 'Zoho People: The record is locked for editing [HTTP 200]',
	},
	{
		name: 'People "Leave cannot exceed 2 days per day type" (leave insert)',
		nodeType: 'zohoPeople',
		server: 'people',
		path: '/people/api/forms/json/leave/insertRecord',
		service: (world) => world.sb.people,
		params: () => ({
			resource: 'leave',
			operation: 'apply',
			employeeId: 'EMP0001',
			leaveTypeId: '1',
			from: '2031-03-10',
			to: '2031-03-13',
		}),
		answer: reply(200, {
			response: {
				errors: { message: 'Leave cannot exceed 2 days per day type' },
				message: 'Error occurred',
				status: 1,
			},
		}),
		message: 'Zoho People: Leave cannot exceed 2 days per day type [HTTP 200]',
	},
];

describe('item 10: an error that only mentions a limit, a lock or "per day" is an ordinary error', () => {
	it.each(ORDINARY.map((c) => [c.name, c] as const))(
		"%s: sent once, Zoho's words, no quota",
		async (_name, c) => {
			BOOKINGS.setup(w);
			const params = c.params(w);
			const items = c.nodeType === 'zohoBookings' ? bookingItem() : [{}];
			const send = async (continueOnFail: boolean): Promise<RunNodeResult> => {
				w.sb.clearRequests();
				override(c.service(w), (r) => r.path === c.path, c.answer);
				return await w.run(
					'oAuth2',
					{ ...params, options: { maxWaitSeconds: 60 } },
					{ nodeType: c.nodeType, items, continueOnFail },
				);
			};

			const kept = await send(true);
			const [out] = jsonOf(kept);
			expect(out.error).toBe(c.message);
			expect(out.quota).toBeUndefined();
			// The description adds only what the message lacks (a hint, for Bookings): never Zoho's words or the status again.
			const words = c.message.replace(/^Zoho \w+: /, '').replace(/ \[HTTP 200\]$/, '');
			expect(String(out.description ?? '')).not.toContain(words);
			expect(String(out.description ?? '')).not.toMatch(/HTTP/);
			expect(requestsTo(c.server, c.path)).toHaveLength(1);

			const stopped = await send(false);
			const error = stopped.error as ErrorObject;
			expect(error.name).toBe('ZohoApiError');
			expect(error.message).toBe(c.message);
			expect(error.context?.quota).toBeUndefined();
			expect(requestsTo(c.server, c.path)).toHaveLength(1);
			expectNoSecrets(stopped, w.secrets);
		},
	);

	// Positive wording fallbacks: no code, only Zoho's specific phrases.
	it('still takes code-less People threshold and daily-cap wordings as a lock and a daily limit (assumption: People may omit the code)', async () => {
		const forms = '/people/api/forms';
		override(
			w.sb.people,
			(r) => r.path === forms,
			reply(200, {
				response: {
					errors: {
						message:
							'API access blocked since threshold limit exceeded. Please try after some time',
					},
					message: 'Error occurred',
					status: 1,
				},
			}),
		);
		const [locked] = jsonOf(
			await w.run(
				'oAuth2',
				{ resource: 'form', operation: 'getAll', options: { maxWaitSeconds: 5 } },
				{ nodeType: 'zohoPeople', continueOnFail: true },
			),
		);
		expect((locked.quota as IDataObject).kind).toBe('lockPeriod');
		expect(requestsTo('people', forms)).toHaveLength(1);

		const records = '/people/api/forms/employee/getRecords';
		w.sb.clearRequests();
		override(
			w.sb.people,
			(r) => r.path === records,
			reply(200, {
				response: {
					errors: { message: 'API call limit for the day exceeded' },
					message: 'Error occurred',
					status: 1,
				},
			}),
		);
		const [daily] = jsonOf(
			await w.run(
				'oAuth2',
				{ resource: 'record', operation: 'getAll', form: 'employee', returnAll: false, limit: 1 },
				{ nodeType: 'zohoPeople', continueOnFail: true },
			),
		);
		expect((daily.quota as IDataObject).kind).toBe('daily');
		expect(requestsTo('people', records)).toHaveLength(1);
	});

	it('still takes a code-less Invoice "exceeded the maximum call rate limit of 1000" as the daily limit', async () => {
		override(
			w.sb.invoice,
			(r) => r.path === '/invoice/v3/contacts',
			reply(400, {
				message:
					'The API call for this organization has exceeded the maximum call rate limit of 1000.',
			}),
		);
		const [out] = jsonOf(
			await w.run('oAuth2', listContacts({ returnAll: false, limit: 1, organizationId: ORG }), {
				continueOnFail: true,
			}),
		);
		expect((out.quota as IDataObject).kind).toBe('daily');
		expect(out.error).toMatch(
			/^Zoho Invoice: daily API limit of 1000 calls for this organization reached; resets at 00:00/,
		);
		expect(requestsTo('api', '/invoice/v3/contacts')).toHaveLength(1);
	});
});

// ---------------------------------------------------------------------------------------------
// Item 11: Zoho's own timing.

const BLOCKED_44 = {
	code: 44,
	message:
		'For security reasons your organization has been blocked as it have exceeded the maximum number of requests per minute that can originate from an organization.',
};
const contactsGet = (r: RecordedRequest) => r.method === 'GET' && r.path === '/invoice/v3/contacts';
const oneContact = (options: INodeParameters = {}) =>
	listContacts({ returnAll: false, limit: 1, organizationId: ORG, options });

/** The instant a message names as "access returns at HH:MM:SS UTC (<ISO>)". */
function returnsAt(message: string): number {
	const m = /access returns at (\d{2}:\d{2}:\d{2}) UTC \(([^)]+)\)/.exec(message);
	if (!m) throw new Error(`no "access returns at" time in: ${message}`);
	expect(m[2].slice(11, 19)).toBe(m[1]);
	return Date.parse(m[2]);
}

describe('item 11: Retry-After', () => {
	it('waits out a 429 with Retry-After: 2 that fits Max Wait: two requests, at least 2 s apart, then success', async () => {
		override(w.sb.invoice, contactsGet, reply(429, BLOCKED_44, { 'Retry-After': '2' }));
		const result = await w.run('oAuth2', oneContact({ maxWaitSeconds: 60 }));
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(1);
		const sent = requestsTo('api', '/invoice/v3/contacts');
		expect(sent).toHaveLength(2);
		expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(2000);
	});

	it('fails at once on code 44 with Retry-After: 1800 (a 30-minute block), naming when access returns', async () => {
		override(w.sb.invoice, contactsGet, reply(429, BLOCKED_44, { 'Retry-After': '1800' }));
		const before = Date.now();
		const result = await w.run('oAuth2', oneContact({ maxWaitSeconds: 60 }), {
			continueOnFail: true,
		});
		const after = Date.now();
		const [out] = jsonOf(result);
		expect(requestsTo('api', '/invoice/v3/contacts')).toHaveLength(1);
		expect(out.error).toMatch(
			/^Zoho Invoice: per-minute API limit of 100 calls reached \(Zoho code 44\); Zoho blocked further calls for 30 minutes: access returns at \d{2}:\d{2}:\d{2} UTC \(/,
		);
		const at = returnsAt(String(out.error));
		expect(at).toBeGreaterThanOrEqual(before + 1_800_000 - 1000);
		expect(at).toBeLessThanOrEqual(after + 1_800_000 + 1000);
		expect(out.quota).toMatchObject({ kind: 'perMinute', retryAfterMs: 1_800_000 });
		expectNoSecrets(result, w.secrets);
	});

	it('reads Retry-After as an HTTP date too, and later items are not sent into the block', async () => {
		const returns = new Date(Math.floor(Date.now() / 1000) * 1000 + 45 * 60_000);
		override(
			w.sb.invoice,
			contactsGet,
			reply(429, BLOCKED_44, { 'Retry-After': returns.toUTCString() }),
			3,
		);
		const out = jsonOf(
			await w.run('oAuth2', oneContact({ maxWaitSeconds: 60 }), {
				items: [{}, {}, {}],
				continueOnFail: true,
			}),
		);
		expect(out).toHaveLength(3);
		expect(requestsTo('api', '/invoice/v3/contacts')).toHaveLength(1);
		for (const item of out) {
			expect(item.error).toBe(out[0].error);
			expect(returnsAt(String(item.error))).toBe(returns.getTime());
		}
	});
});

describe('item 11: Retry-After on a daily limit', () => {
	it('never waits for a daily limit even when Retry-After fits, and later items are not sent', async () => {
		override(
			w.sb.invoice,
			contactsGet,
			reply(
				429,
				{
					code: 45,
					message:
						'The API call for this organization has exceeded the maximum call rate limit of 1000.',
				},
				{ 'Retry-After': '3' },
			),
			3,
		);
		const out = jsonOf(
			await w.run('oAuth2', oneContact({ maxWaitSeconds: 60 }), {
				items: [{}, {}, {}],
				continueOnFail: true,
			}),
		);
		expect(requestsTo('api', '/invoice/v3/contacts')).toHaveLength(1);
		expect(out).toHaveLength(3);
		for (const item of out) {
			expect(item.error).toMatch(
				/^Zoho Invoice: daily API limit of 1000 calls for this organization reached \(Zoho code 45\); resets at \d{2}:\d{2}:\d{2} UTC/,
			);
			expect(item.error).toBe(out[0].error);
		}
	});
});

describe('item 11: x-rate-limit headers', () => {
	it('puts the daily counter into a per-minute error: "N of M daily calls left" and its reset', async () => {
		const reset = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
		override(
			w.sb.invoice,
			contactsGet,
			reply(429, BLOCKED_44, {
				'x-rate-limit-limit': '1000',
				'x-rate-limit-remaining': '532',
				'x-rate-limit-reset': String(reset.getTime() / 1000),
			}),
		);
		const [out] = jsonOf(
			await w.run('oAuth2', oneContact({ maxWaitSeconds: 0 }), { continueOnFail: true }),
		);
		expect(out.error).toContain(
			`; 532 of 1000 daily calls left (the daily count resets at ${reset.toISOString().slice(11, 19)} UTC (${reset.toISOString()}))`,
		);
		expect(out.quota).toMatchObject({
			kind: 'perMinute',
			dailyCallsLimit: 1000,
			dailyCallsLeft: 532,
			dailyCallsResetAt: reset.toISOString(),
		});
		expect(requestsTo('api', '/invoice/v3/contacts')).toHaveLength(1);
	});

	it('takes the daily limit from x-rate-limit-limit when the message has no number', async () => {
		override(
			w.sb.invoice,
			contactsGet,
			reply(
				429,
				{
					code: 45,
					message: 'The API call for this organization has exceeded the maximum call rate limit.',
				},
				{ 'x-rate-limit-limit': '5000', 'x-rate-limit-remaining': '0' },
			),
		);
		const [out] = jsonOf(await w.run('oAuth2', oneContact(), { continueOnFail: true }));
		expect(out.error).toMatch(
			/^Zoho Invoice: daily API limit of 5000 calls for this organization reached \(Zoho code 45\); resets /,
		);
		expect(out.quota).toMatchObject({ kind: 'daily', limit: 5000, dailyCallsLeft: 0 });
		expect(requestsTo('api', '/invoice/v3/contacts')).toHaveLength(1);
	});
});

describe.each<Auth>(['oAuth2', 'selfClient'])(
	'item 11: token-endpoint throttle answered with HTTP 400 (%s)',
	(auth) => {
		it('is the token-throttle error for every item, after exactly one token request for 5 items', async () => {
			const tokenPath = (r: RecordedRequest) =>
				r.server === 'accounts' && r.path.endsWith('/oauth/v2/token');
			override(
				w.sb.accounts,
				tokenPath,
				reply(400, {
					error: 'Access Denied',
					error_description:
						'You have made too many requests continuously. Please try again after some time.',
				}),
				10,
			);
			// OAuth2: the stored token no longer works, so it must be renewed; Self Client: the grant code must be exchanged.
			if (auth === 'oAuth2') w.sb.expireAccessTokens();
			const result = await w.run(auth, oneContact(), {
				items: [{}, {}, {}, {}, {}],
				continueOnFail: true,
			});
			const out = jsonOf(result);
			expect(out).toHaveLength(5);
			for (const item of out) {
				expect(item.error).toMatch(
					/^Zoho Accounts: too many access-token requests for this refresh token/,
				);
				expect((item.quota as IDataObject).kind).toBe('tokenThrottle');
			}
			expect(w.sb.requests.filter(tokenPath)).toHaveLength(1);
			expectNoSecrets(result, w.secrets);
		});
	},
);

// ---------------------------------------------------------------------------------------------
// Item 20: daily-limit wording.

describe('item 20: daily-limit messages', () => {
	const bookingsDaily = (message: string) =>
		reply(200, { response: { status: 'failure', errormessage: message } });
	const workspaces = (r: RecordedRequest) => r.path === '/bookings/v1/json/workspaces';

	it("Bookings quotes Zoho's own number over the plan's (assumption: the undocumented answer may name it)", async () => {
		BOOKINGS.setup(w);
		override(
			w.sb.bookings,
			workspaces,
			bookingsDaily('You have reached the maximum API calls limit of 1000 for the day.'),
		);
		const [out] = jsonOf(
			await w.run(
				'oAuth2',
				{
					resource: 'workspace',
					operation: 'getAll',
					options: { plan: 'free', accountTimeZone: 'Asia/Kolkata' },
				},
				{ nodeType: 'zohoBookings', continueOnFail: true },
			),
		);
		expect(out.error).toBe(
			'Zoho Bookings: daily API limit of 1000 calls for this user reached; resets at 00:00 (Asia/Kolkata). Zoho said: "You have reached the maximum API calls limit of 1000 for the day."',
		);
		// The description adds only what the message lacks.
		expect(out.description).toBe('HTTP status 200.');
	});

	it('Bookings names the workspace time zone it saw in an earlier answer, and never an "organization"', async () => {
		BOOKINGS.setup(w);
		const seen = await w.run(
			'oAuth2',
			{ resource: 'workspace', operation: 'getAll' },
			{ nodeType: 'zohoBookings' },
		);
		expect(jsonOf(seen)[0].time_zone).toBe('Asia/Kolkata');
		w.sb.bookings.setDailyLimit(1); // the count restarts: one call left today
		const out = jsonOf(
			await w.run(
				'oAuth2',
				{ resource: 'workspace', operation: 'getAll' },
				{ nodeType: 'zohoBookings', items: [{}, {}], continueOnFail: true },
			),
		);
		expect(out[1].error).toBe(
			'Zoho Bookings: daily API limit of 250 calls for this user reached; resets at 00:00 (Asia/Kolkata). Zoho said: "API Limit exceeded. You have reached the maximum API calls limit for the day."',
		);
	});

	it('Bookings asks for the Account Time Zone when the workspaces it saw differ', async () => {
		BOOKINGS.setup(w);
		// The Self Client credential: what the OAuth2 one learned in other tests stays apart.
		await w.run(
			'selfClient',
			{ resource: 'workspace', operation: 'getAll' },
			{ nodeType: 'zohoBookings' },
		);
		w.sb.bookings.workspaces[0].time_zone = 'Europe/Berlin';
		await w.run(
			'selfClient',
			{ resource: 'workspace', operation: 'getAll' },
			{ nodeType: 'zohoBookings' },
		);
		w.sb.bookings.setDailyLimit(1);
		const out = jsonOf(
			await w.run(
				'selfClient',
				{ resource: 'workspace', operation: 'getAll' },
				{ nodeType: 'zohoBookings', items: [{}, {}], continueOnFail: true },
			),
		);
		expect(out[1].error).toMatch(
			/^Zoho Bookings: daily API limit of 250 calls for this user reached; resets at 00:00 \(UTC assumed; your Bookings time zone is not known: set Account Time Zone in the node's options\)/,
		);
		expect(String(out[1].error)).not.toMatch(/organization/);
	});

	const organization = (id: string) => ({
		organization_id: id,
		name: `Org ${id}`,
		time_zone: 'America/Denver',
		is_default_org: true,
		currency_code: 'USD',
	});

	it('Invoice names the organization time zone for a picked organization, looking it up once, only when the limit is hit (assumption: Zoho still answers GET /organizations then)', async () => {
		const id = '70012345678';
		w.sb.invoice.setOrganizations([organization(id)]);
		w.sb.invoice.setLimits({ perDay: { limit: 1 } });
		// The sandbox counts GET /organizations against the organization's daily limit; Zoho may not.
		override(
			w.sb.invoice,
			(r) => r.path === '/invoice/v3/organizations',
			reply(200, { code: 0, message: 'success', organizations: [organization(id)] }),
		);
		const out = jsonOf(
			await w.run('oAuth2', listContacts({ returnAll: false, limit: 1, organizationId: id }), {
				items: [{}, {}, {}],
				continueOnFail: true,
			}),
		);
		expect(out.filter((o) => o.error)).toHaveLength(2);
		for (const failed of out.filter((o) => o.error)) {
			expect(failed.error).toBe(
				'Zoho Invoice: daily API limit of 1 calls for this organization reached (Zoho code 45); resets at 00:00 (America/Denver)',
			);
			// No repeat of the message: Zoho's words (absent from it) and the status, once.
			expect(failed.description).toBe(
				'Zoho said: The API call for this organization has exceeded the maximum call rate limit of 1. HTTP status 429.',
			);
		}
		expect(requestsTo('api', '/invoice/v3/organizations')).toHaveLength(1);
	});

	it('Invoice tries the lookup once per organization: refused, the reset stays in UTC and is not asked again', async () => {
		const id = '70012345679';
		w.sb.invoice.setOrganizations([organization(id)]);
		w.sb.invoice.setLimits({ perDay: { limit: 1 } });
		const params = listContacts({ returnAll: false, limit: 1, organizationId: id });
		// The organization has no contacts: the first item (within the limit) outputs nothing.
		const first = jsonOf(
			await w.run('oAuth2', params, { items: [{}, {}, {}], continueOnFail: true }),
		);
		const second = jsonOf(await w.run('oAuth2', params, { continueOnFail: true }));
		expect(first).toHaveLength(2);
		expect(second).toHaveLength(1);
		for (const failed of [...first, ...second]) {
			expect(failed.error).toMatch(
				/reached \(Zoho code 45\); resets at 00:00 \(UTC; the organization time zone is not known\)$/,
			);
		}
		expect(requestsTo('api', '/invoice/v3/organizations')).toHaveLength(1);
	});
});

// ---------------------------------------------------------------------------------------------
// Item 21: known locks cost nothing.

describe('item 21: a known People lock is not sent into', () => {
	const forms = '/people/api/forms';
	const formsCalls = () => w.sb.findRequests({ server: 'people' }).filter((r) => r.path === forms);

	it('later items and later executions fail at once with the same lock error; other endpoints still go', async () => {
		w.sb.people.setLock({ path: forms, lockMs: 300_000 });
		const first = jsonOf(
			await w.run(
				'oAuth2',
				{ resource: 'form', operation: 'getAll', options: { maxWaitSeconds: 5 } },
				{ nodeType: 'zohoPeople', items: [{}, {}, {}], continueOnFail: true },
			),
		);
		expect(first).toHaveLength(3);
		expect(formsCalls()).toHaveLength(1);
		expect(first[0].error).toMatch(
			/^Zoho People: \/people\/api\/forms is locked after its threshold limit was exceeded \(Zoho code 7209\); access returns after the lock period \(up to 5 minutes\)/,
		);
		for (const item of first) {
			expect(item.error).toBe(first[0].error);
			expect((item.quota as IDataObject).kind).toBe('lockPeriod');
		}

		const later = await w.run(
			'oAuth2',
			{ resource: 'form', operation: 'getAll', options: { maxWaitSeconds: 5 } },
			{ nodeType: 'zohoPeople' },
		);
		expect(later.error?.message).toBe(first[0].error);
		expect((later.error as ErrorObject).context?.quota).toMatchObject({ kind: 'lockPeriod' });
		expect(formsCalls()).toHaveLength(1);

		// The lock is per endpoint: getRecords is not locked.
		w.sb.people.seedEmployees(1);
		const other = await w.run(
			'oAuth2',
			{ resource: 'record', operation: 'getAll', form: 'employee', returnAll: false, limit: 1 },
			{ nodeType: 'zohoPeople' },
		);
		expect(other.error).toBeUndefined();
	});

	it('a lock that fits Max Wait: one item probes for its end, the others wait without sending', async () => {
		await w.run('oAuth2', { resource: 'form', operation: 'getAll' }, { nodeType: 'zohoPeople' }); // token first
		w.sb.clearRequests();
		w.sb.people.setLock({ path: forms, lockMs: 2000 });
		const result = await w.run(
			'oAuth2',
			{
				resource: 'form',
				operation: 'getAll',
				options: { maxWaitSeconds: 600, parallelRequests: 3 },
			},
			{ nodeType: 'zohoPeople', items: [{}, {}, {}] },
		);
		expect(result.error).toBeUndefined();
		// 3 sent together into the lock (not yet known), 2 probes by one item (at ~1 s: locked, at ~3 s:
		// open), then the 2 waiting items once: 7. Every item probing would make 9.
		expect(formsCalls()).toHaveLength(7);
	});
});
