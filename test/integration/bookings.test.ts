import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { loadOptions } from '../harness';
import { BOOKINGS_IDS } from '../sandbox/bookings';
import type { Auth, World } from './world';
import { OAUTH_CRED, expectNoSecrets, jsonOf, useWorld } from './world';

const world = useWorld(0);
let w: World;
const SERVICE = BOOKINGS_IDS.services.consultation;
const ASHA = BOOKINGS_IDS.staff.asha;
const RAVI = BOOKINGS_IDS.staff.ravi;
// A Monday in the sandbox's calendar; the sandbox clock is set before it so slots are in the future.
const DAY = '2031-03-10';

beforeEach(() => {
	w = world();
	w.sb.bookings.seed();
	w.sb.bookings.setClock(() => new Date('2031-03-09T00:00:00Z'));
	w.sb.clearRequests();
});

const run = (
	auth: Auth,
	resource: string,
	operation: string,
	params: INodeParameters,
	opts: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) => w.run(auth, { resource, operation, ...params }, { nodeType: 'zohoBookings', ...opts });

const bookingCalls = () =>
	w.sb.findRequests({ server: 'api' }).filter((r) => r.path.startsWith('/bookings/v1/json/'));
const last = () => bookingCalls().pop()!;

const bookParams = (time = '10:00', staff: string = ASHA): INodeParameters => ({
	serviceId: SERVICE,
	staffId: staff,
	fromTime: `${DAY}T${time}:00`,
	timeZone: 'Asia/Kolkata',
	customerName: 'Ada Lovelace',
	customerEmail: 'ada@example.com',
	customerPhone: '+911234567890',
	notes: 'First visit',
});

describe.each(['oAuth2', 'selfClient'] as Auth[])('Zoho Bookings with %s', (auth) => {
	it('lists workspaces, services, staff and resources from the catalog', async () => {
		const workspaces = jsonOf(await run(auth, 'workspace', 'getAll', {}));
		expect(workspaces.map((x) => [x.id, x.name])).toEqual([
			[BOOKINGS_IDS.workspace, 'Sandbox Clinic'],
		]);
		const services = jsonOf(
			await run(auth, 'service', 'getAll', { workspaceId: BOOKINGS_IDS.workspace }),
		);
		expect(services.map((s) => s.id)).toEqual([SERVICE, BOOKINGS_IDS.services.strategy]);
		expect(last().query).toEqual({ workspace_id: BOOKINGS_IDS.workspace });
		const staff = jsonOf(
			await run(auth, 'staff', 'getAll', { staffOf: 'service', serviceId: SERVICE }),
		);
		expect(staff.map((s) => s.id)).toEqual([ASHA, RAVI, BOOKINGS_IDS.staff.meera]);
		expect(last()).toMatchObject({
			method: 'GET',
			path: '/bookings/v1/json/staffs',
			query: { service_id: SERVICE },
		});
		const resources = jsonOf(await run(auth, 'resource', 'getAll', { serviceId: SERVICE }));
		expect(resources.map((r) => r.id)).toEqual([BOOKINGS_IDS.resource]);
	});

	it('finds free slots, books one, and the slot is gone', async () => {
		const before = jsonOf(
			await run(auth, 'availability', 'getSlots', {
				serviceId: SERVICE,
				slotsFor: 'staff',
				staffId: ASHA,
				date: `${DAY}T00:00:00`,
			}),
		)[0];
		expect(last().query).toEqual({
			service_id: SERVICE,
			staff_id: ASHA,
			selected_date: '10-Mar-2031',
		});
		expect(before.available).toBe(true);
		expect(before.slots).toContain('10:00');

		const booked = jsonOf(await run(auth, 'appointment', 'book', bookParams()))[0];
		const request = last();
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/bookings/v1/json/appointment');
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.form).toEqual({
			service_id: SERVICE,
			staff_id: ASHA,
			from_time: '10-Mar-2031 10:00:00',
			timezone: 'Asia/Kolkata',
			customer_details: JSON.stringify({
				name: 'Ada Lovelace',
				email: 'ada@example.com',
				phone_number: '+911234567890',
			}),
			notes: 'First visit',
		});
		expect(booked.booking_id).toMatch(/^#AN-\d+$/);
		expect(booked.status).toBe('upcoming');
		expect(booked.start_time_iso).toBe('2031-03-10T10:00:00');

		const after = jsonOf(
			await run(auth, 'availability', 'getSlots', {
				serviceId: SERVICE,
				slotsFor: 'staff',
				staffId: ASHA,
				date: `${DAY}T00:00:00`,
			}),
		)[0];
		expect(after.slots).not.toContain('10:00');
	});

	it('passes Bookings failures on unchanged, with the field involved', async () => {
		await run(auth, 'appointment', 'book', bookParams());
		const taken = await run(auth, 'appointment', 'book', bookParams(), { continueOnFail: true });
		const [out] = jsonOf(taken);
		expect(out.error).toBe('Zoho Bookings: Slot not available [HTTP 200]');
		expect(out.description).toContain('Field involved: from_time / start_time');
		const badStaff = jsonOf(
			await run(auth, 'appointment', 'book', bookParams('11:00', '999'), { continueOnFail: true }),
		)[0];
		expect(badStaff.error).toBe('Zoho Bookings: Invalid staff [HTTP 200]');
		expect(badStaff.description).toContain('staff_id');
		expectNoSecrets(taken, w.secrets);
	});

	it('gets, reschedules, and cancels an appointment', async () => {
		const booked = jsonOf(await run(auth, 'appointment', 'book', bookParams()))[0];
		const id = booked.booking_id as string;
		const got = jsonOf(await run(auth, 'appointment', 'get', { bookingId: id }))[0];
		expect(got.booking_id).toBe(id);
		expect(last().url).toContain('booking_id=%23AN-');

		const moved = jsonOf(
			await run(auth, 'appointment', 'reschedule', {
				bookingId: id,
				startTime: `${DAY}T14:30:00`,
				staffId: RAVI,
			}),
		)[0];
		expect(last().form).toEqual({
			booking_id: id,
			start_time: '10-Mar-2031 14:30:00',
			staff_id: RAVI,
		});
		expect(moved.staff_id).toBe(RAVI);
		expect(moved.start_time).toBe('10-Mar-2031 14:30:00');

		const cancelled = jsonOf(await run(auth, 'appointment', 'cancel', { bookingId: id }))[0];
		expect(last()).toMatchObject({
			path: '/bookings/v1/json/updateappointment',
			form: { booking_id: id, action: 'cancel' },
		});
		expect(cancelled.status).toBe('cancel');
		const again = jsonOf(
			await run(auth, 'appointment', 'cancel', { bookingId: id }, { continueOnFail: true }),
		)[0];
		expect(again.error).toMatch(/^Zoho Bookings: /);
	});

	it('marks completed and no-show only once the appointment has started', async () => {
		const first = jsonOf(await run(auth, 'appointment', 'book', bookParams('09:00')))[0]
			.booking_id as string;
		const second = jsonOf(await run(auth, 'appointment', 'book', bookParams('09:30')))[0]
			.booking_id as string;
		const early = jsonOf(
			await run(
				auth,
				'appointment',
				'markCompleted',
				{ bookingId: first },
				{ continueOnFail: true },
			),
		)[0];
		expect(early.error).toMatch(/^Zoho Bookings: /);
		w.sb.bookings.setClock(() => new Date('2031-03-10T06:00:00Z')); // 11:30 in Kolkata
		expect(
			jsonOf(await run(auth, 'appointment', 'markCompleted', { bookingId: first }))[0].status,
		).toBe('completed');
		expect(last().form).toEqual({ booking_id: first, action: 'completed' });
		expect(
			jsonOf(await run(auth, 'appointment', 'markNoShow', { bookingId: second }))[0].status,
		).toBe('noshow');
		expect(last().form).toEqual({ booking_id: second, action: 'noshow' });
	});

	it('gets many appointments with filters in one data field, paging 100 at a time, stopping at the limit', async () => {
		for (let i = 0; i < 230; i++) {
			w.sb.bookings.book({
				service_id: SERVICE,
				staff_id: ASHA,
				start: new Date(Date.UTC(2031, 3, 1, 3, 0) + i * 3600_000),
				customer: { name: `C${i}`, email: `c${i}@example.com` },
			});
		}
		w.sb.clearRequests();
		const all = jsonOf(
			await run(auth, 'appointment', 'getAll', {
				returnAll: true,
				filters: {
					status: 'UPCOMING',
					from_time: '2031-04-01T00:00:00',
					to_time: '2031-05-01T00:00:00',
				},
			}),
		);
		expect(all).toHaveLength(230);
		const calls = bookingCalls();
		expect(calls).toHaveLength(3);
		expect(JSON.parse(calls[0].form!.data as string)).toEqual({
			status: 'UPCOMING',
			from_time: '01-Apr-2031 00:00:00',
			to_time: '01-May-2031 00:00:00',
			page: 1,
			per_page: 100,
		});
		w.sb.clearRequests();
		const five = jsonOf(
			await run(auth, 'appointment', 'getAll', {
				returnAll: false,
				limit: 5,
				filters: { customer_email: 'c1' },
			}),
		);
		expect(five).toHaveLength(5);
		expect(bookingCalls()).toHaveLength(1);
		expect(JSON.parse(bookingCalls()[0].form!.data as string)).toMatchObject({
			customer_email: 'c1',
			per_page: 5,
			page: 1,
		});
	});

	// Assumption: Bookings does not document its over-quota answer (docs/reference/zoho-api.md §5); the sandbox chose
	// HTTP 200 with status "failure" and the words below, and the node takes any answer that speaks of
	// an API limit being exceeded as the daily limit.
	it("fails fast on the daily limit, saying which limit and when it resets, in Zoho's words (assumption: sandbox wording)", async () => {
		w.sb.bookings.setDailyLimit(2);
		const result = await run(
			auth,
			'workspace',
			'getAll',
			{ options: { plan: 'free', accountTimeZone: 'Asia/Kolkata' } },
			{ items: [{}, {}, {}], continueOnFail: true },
		);
		const out = jsonOf(result);
		expect(out.filter((o) => o.error)).toHaveLength(1);
		const failed = out.find((o) => o.error)!;
		expect(failed.error).toBe(
			'Zoho Bookings: daily API limit of 250 calls for this user reached; resets at 00:00 (Asia/Kolkata). Zoho said: "API Limit exceeded. You have reached the maximum API calls limit for the day."',
		);
		expect((failed.quota as IDataObject).kind).toBe('daily');
		expect(bookingCalls()).toHaveLength(3); // never retried
	});

	// Assumption: an HTTP 429 from Bookings (undocumented) is the daily limit, the only one it documents.
	it('treats HTTP 429 as the daily limit too (assumption)', async () => {
		w.sb.bookings.setDailyLimit(1);
		w.sb.bookings.quotaStyle = 'http429';
		const [, out] = jsonOf(
			await run(auth, 'workspace', 'getAll', {}, { items: [{}, {}], continueOnFail: true }),
		);
		expect(out.error).toMatch(
			/^Zoho Bookings: daily API limit of 250 calls for this user reached; resets at 00:00/,
		);
		expect(bookingCalls()).toHaveLength(2);
	});

	// Failures about the booking that use quota-like words ("limit", "exceed"): plain errors, sent
	// once, with no quota. The over-quota wording above is an assumption; these must not match it.
	it.each(['Maximum booking limit exceeded for this slot', 'Notes exceed the character limit'])(
		'does not take "%s" for the daily limit',
		async (message) => {
			w.sb.overrideReplies({
				server: 'api',
				method: 'POST',
				pathIncludes: '/bookings/v1/json/appointment',
				times: 1,
				reply: {
					status: 200,
					headers: { 'content-type': 'application/json;charset=UTF-8' },
					body: JSON.stringify({
						response: { returnvalue: { status: 'failure', message }, status: 'success' },
					}),
				},
			});
			const [out] = jsonOf(
				await run(auth, 'appointment', 'book', bookParams(), { continueOnFail: true }),
			);
			expect(out.error).toBe(`Zoho Bookings: ${message} [HTTP 200]`);
			expect(out.quota).toBeUndefined();
			expect(bookingCalls().filter((r) => r.path === '/bookings/v1/json/appointment')).toHaveLength(
				1,
			);
		},
	);

	it('sends a multipart booking again, whole, after the token expired between two calls', async () => {
		await run(auth, 'workspace', 'getAll', {}); // obtain a token
		w.sb.expireAccessTokens();
		w.sb.clearRequests();
		const booked = jsonOf(await run(auth, 'appointment', 'book', bookParams('15:00')))[0];
		expect(booked.booking_id).toMatch(/^#AN-/);
		const posts = bookingCalls().filter((r) => r.path.endsWith('/appointment'));
		expect(posts).toHaveLength(2);
		expect(posts[1].form).toEqual(posts[0].form);
		expect(w.sb.tokenEndpointCalls('refresh_token')).toBe(1);
		expect(
			w.sb.bookings.appointments.filter((a) => a.customer_email === 'ada@example.com'),
		).toHaveLength(1);
	});
});

describe('Bookings dropdowns', () => {
	// The action node's fields are resource locators (bookings.locators.test.ts); these loaders
	// serve the Bookings Trigger's dropdowns.
	it("loads workspaces, services of a workspace and staff of a service (the Trigger's dropdowns)", async () => {
		const load = (method: string, parameters: INodeParameters) =>
			loadOptions({
				nodeType: 'zohoBookingsTrigger',
				method,
				parameters: { authentication: 'oAuth2', ...parameters },
				credentials: { zohoRegionalOAuth2Api: OAUTH_CRED },
				store: w.store,
			});
		// The sandbox's catalog (test/sandbox/bookings.ts): one workspace, two services, three staff
		// of whom the Strategy Session has two; sorted by name.
		expect(await load('getWorkspaces', {})).toEqual([
			{ name: 'Sandbox Clinic', value: BOOKINGS_IDS.workspace },
		]);
		expect(last().query).toEqual({});
		expect(await load('getServices', { workspaceId: BOOKINGS_IDS.workspace })).toEqual([
			{ name: 'Consultation', value: SERVICE },
			{ name: 'Strategy Session', value: BOOKINGS_IDS.services.strategy },
		]);
		expect(last().query).toEqual({ workspace_id: BOOKINGS_IDS.workspace });
		expect(await load('getStaff', { serviceId: SERVICE })).toEqual([
			{ name: 'Asha Rao', value: ASHA },
			{ name: 'Meera Iyer', value: BOOKINGS_IDS.staff.meera },
			{ name: 'Ravi Kumar', value: RAVI },
		]);
		expect(last().query).toEqual({ service_id: SERVICE });
		expect(await load('getStaff', { serviceId: BOOKINGS_IDS.services.strategy })).toEqual([
			{ name: 'Asha Rao', value: ASHA },
			{ name: 'Ravi Kumar', value: RAVI },
		]);
		expect(bookingCalls()).toHaveLength(4);
	});
});
