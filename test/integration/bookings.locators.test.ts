/**
 * Zoho Bookings' resource locators (workspace, service, staff, resource, appointment) and
 * Simplify, through n8n-core against the sandbox: each list search's exact records and request,
 * the filters it follows, fetchappointment's own customer filters and pages, each mode sending the
 * exact ID, and workflows saved before the locators (plain text, node version 1) running as they did.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { listSearch } from '../harness';
import { BOOKINGS_IDS } from '../sandbox/bookings';
import type { World } from './world';
import { OAUTH_CRED, jsonOf, useWorld } from './world';

const world = useWorld(0);
let w: World;
const WORKSPACE = BOOKINGS_IDS.workspace;
const CONSULTATION = BOOKINGS_IDS.services.consultation;
const STRATEGY = BOOKINGS_IDS.services.strategy;
const { asha: ASHA, ravi: RAVI, meera: MEERA } = BOOKINGS_IDS.staff;
const ZONE = 'Asia/Kolkata';
const DAY_MS = 86_400_000;

beforeEach(() => {
	w = world();
	w.sb.bookings.seed();
	w.sb.bookings.setClock(() => new Date('2031-03-09T00:00:00Z'));
	w.sb.clearRequests();
});

const calls = () =>
	w.sb.findRequests({ server: 'api' }).filter((r) => r.path.startsWith('/bookings/v1/json/'));
const endpoint = (r: { path: string }) => r.path.slice('/bookings/v1/json/'.length);
const search = (
	method: string,
	parameters: INodeParameters = {},
	filter?: string,
	token?: string,
) =>
	listSearch({
		nodeType: 'zohoBookings',
		method,
		parameters: { authentication: 'oAuth2', ...parameters },
		credentials: { zohoRegionalOAuth2Api: OAUTH_CRED },
		store: w.store,
		filter,
		paginationToken: token,
		timezone: ZONE,
	});
const run = (
	resource: string,
	operation: string,
	params: INodeParameters,
	opts: { typeVersion?: number; items?: IDataObject[] } = {},
) =>
	w.run(
		'oAuth2',
		{ resource, operation, ...params },
		{ nodeType: 'zohoBookings', typeVersion: opts.typeVersion, items: opts.items },
	);
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** `dd-MMM-yyyy` of the day `ms` falls on in ZONE. */
function zoneDay(ms: number): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: ZONE,
			day: '2-digit',
			month: 'short',
			year: 'numeric',
		})
			.formatToParts(new Date(ms))
			.map((p) => [p.type, p.value]),
	);
	return `${parts.day}-${parts.month}-${parts.year}`;
}

describe('Zoho Bookings catalog locators', () => {
	it('lists workspaces in one call and matches typed text here (Bookings has no name search)', async () => {
		expect(await search('searchWorkspaces')).toEqual({
			results: [{ name: 'Sandbox Clinic', value: WORKSPACE }],
		});
		expect(await search('searchWorkspaces', {}, 'clinic')).toEqual({
			results: [{ name: 'Sandbox Clinic', value: WORKSPACE }],
		});
		expect(await search('searchWorkspaces', {}, 'nothing')).toEqual({ results: [] });
		expect(calls().map((r) => [r.method, endpoint(r), r.query])).toEqual([
			['GET', 'workspaces', {}],
			['GET', 'workspaces', {}],
			['GET', 'workspaces', {}],
		]);
	});

	it.each([
		['a locator', rl('list', WORKSPACE)],
		['saved text', WORKSPACE],
	])('lists the services of the workspace chosen as %s', async (_k, workspaceId) => {
		expect(await search('searchServices', { workspaceId }, 'STRAT')).toEqual({
			results: [{ name: 'Strategy Session', value: STRATEGY }],
		});
		expect(calls().map((r) => [endpoint(r), r.query])).toEqual([
			['services', { workspace_id: WORKSPACE }],
		]);
	});

	it('lists every service when the workspace is empty or an expression', async () => {
		const all = [
			{ name: 'Consultation', value: CONSULTATION },
			{ name: 'Strategy Session', value: STRATEGY },
		];
		expect((await search('searchServices', { workspaceId: rl('list', '') })).results).toEqual(all);
		expect(
			(await search('searchServices', { workspaceId: rl('id', '={{ $json.ws }}') })).results,
		).toEqual(all);
		expect(calls().map((r) => r.query)).toEqual([{}, {}]);
	});

	it("lists the chosen service's staff with their emails, searching name and email", async () => {
		expect(await search('searchStaff', { serviceId: rl('list', STRATEGY) })).toEqual({
			results: [
				{ name: 'Asha Rao', value: ASHA, description: 'asha@sandbox.example' },
				{ name: 'Ravi Kumar', value: RAVI, description: expect.stringContaining('@') },
			],
		});
		expect(
			(await search('searchStaff', { serviceId: rl('list', CONSULTATION) }, 'meera')).results.map(
				(r) => r.value,
			),
		).toEqual([MEERA]);
		expect(
			(await search('searchStaff', { workspaceId: rl('list', WORKSPACE) }, 'asha@')).results.map(
				(r) => r.value,
			),
		).toEqual([ASHA]);
		expect(calls().map((r) => [endpoint(r), r.query])).toEqual([
			['staffs', { service_id: STRATEGY }],
			['staffs', { service_id: CONSULTATION }],
			['staffs', { workspace_id: WORKSPACE }],
		]);
	});

	it("lists the chosen service's resources", async () => {
		expect(await search('searchResources', { serviceId: rl('id', CONSULTATION) })).toEqual({
			results: [{ name: 'Meeting Room 1', value: BOOKINGS_IDS.resource }],
		});
		expect(calls().map((r) => [endpoint(r), r.query])).toEqual([
			['resources', { service_id: CONSULTATION }],
		]);
	});

	it("offers Reschedule's new staff from the appointment's service (the form has no Service field)", async () => {
		const booked = w.sb.bookings.book({
			service_id: STRATEGY,
			staff_id: ASHA,
			start: '10-Mar-2031 10:00:00',
		});
		w.sb.clearRequests();
		const parameters = { resource: 'appointment', operation: 'reschedule' };
		expect(
			(
				await search('searchStaffForBooking', {
					...parameters,
					bookingId: rl('list', booked.booking_id),
				})
			).results.map((r) => r.value),
		).toEqual([ASHA, RAVI]);
		expect(calls().map((r) => [endpoint(r), r.query])).toEqual([
			['getappointment', { booking_id: booked.booking_id }],
			['staffs', { service_id: STRATEGY }],
		]);
		// No booking yet: every staff member, one call.
		w.sb.clearRequests();
		expect(
			(await search('searchStaffForBooking', { ...parameters, bookingId: rl('list', '') })).results,
		).toHaveLength(3);
		expect(calls().map((r) => [endpoint(r), r.query])).toEqual([['staffs', {}]]);
	});
});

describe('Zoho Bookings appointment locator', () => {
	const book = (days: number, name: string, email = `${name.toLowerCase()}@example.com`) =>
		w.sb.bookings.book({
			service_id: CONSULTATION,
			staff_id: ASHA,
			start: new Date(Date.now() + days * DAY_MS),
			customer: { name, email },
		});

	it("lists the last 30 and next 90 days, searching with fetchappointment's customer filters", async () => {
		const past = book(-5, 'Grace');
		const soon = book(2, 'Alan');
		const later = book(60, 'Ada', 'ada@lovelace.example');
		book(-40, 'Too Old');
		book(120, 'Too Late');
		w.sb.clearRequests();
		const all = await search('searchAppointments');
		expect(all.results.map((r) => r.value)).toEqual([
			past.booking_id,
			soon.booking_id,
			later.booking_id,
		]);
		expect(all.results[1]).toEqual({
			name: `${soon.booking_id} · Alan · Consultation · ${soon.start_time}`,
			value: soon.booking_id,
			description: 'Status: upcoming',
		});
		expect(all.paginationToken).toBeUndefined();
		const byName = await search('searchAppointments', {}, 'ala');
		expect(byName.results.map((r) => r.value)).toEqual([soon.booking_id]);
		const byEmail = await search('searchAppointments', {}, 'lovelace.example');
		expect(byEmail.results).toEqual([]);
		const byAt = await search('searchAppointments', {}, '@lovelace');
		expect(byAt.results.map((r) => r.value)).toEqual([later.booking_id]);
		const window = {
			from_time: `${zoneDay(Date.now() - 30 * DAY_MS)} 00:00:00`,
			to_time: `${zoneDay(Date.now() + 90 * DAY_MS)} 23:59:59`,
			page: 1,
			per_page: 100,
		};
		expect(calls().map((r) => [r.method, endpoint(r), JSON.parse(String(r.form?.data))])).toEqual([
			['POST', 'fetchappointment', window],
			['POST', 'fetchappointment', { ...window, customer_name: 'ala' }],
			['POST', 'fetchappointment', { ...window, customer_name: 'lovelace.example' }],
			['POST', 'fetchappointment', { ...window, customer_email: '@lovelace' }],
		]);
	});

	it('pages 100 appointments at a time with the page number as token', async () => {
		const booked = Array.from({ length: 150 }, (_, i) => book(1 + (i % 10), `Customer ${i}`));
		w.sb.clearRequests();
		const first = await search('searchAppointments');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		const second = await search('searchAppointments', {}, undefined, '2');
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((r) => r.value))).toEqual(
			new Set(booked.map((b) => b.booking_id)),
		);
		expect(calls().map((r) => JSON.parse(String(r.form?.data)).page)).toEqual([1, 2]);
	});
});

describe('Zoho Bookings locators in executions', () => {
	it.each([
		['From List', (v: string) => rl('list', v)],
		['By ID', (v: string) => rl('id', v)],
		['saved as text', (v: string) => v],
	])('books, gets, reschedules and cancels with every ID chosen %s', async (_m, pick) => {
		const booked = jsonOf(
			await run('appointment', 'book', {
				workspaceId: pick(WORKSPACE),
				serviceId: pick(CONSULTATION),
				staffId: pick(ASHA),
				fromTime: '2031-03-10T10:00:00',
				timeZone: ZONE,
				customerName: 'Ada Lovelace',
				customerEmail: 'ada@example.com',
			}),
		)[0];
		const id = booked.booking_id as string;
		expect(id).toMatch(/^#AN-\d{5}$/);
		await run('appointment', 'get', { bookingId: pick(id) });
		await run('appointment', 'reschedule', { bookingId: pick(id), staffId: pick(RAVI) });
		await run('appointment', 'cancel', { bookingId: pick(id) });
		await run('availability', 'getSlots', {
			serviceId: pick(CONSULTATION),
			slotsFor: 'resource',
			resourceId: pick(BOOKINGS_IDS.resource),
			date: '2031-03-10',
		});
		expect(calls().map((r) => [endpoint(r), { ...r.query, ...(r.form ?? {}) }])).toEqual([
			['appointment', expect.objectContaining({ service_id: CONSULTATION, staff_id: ASHA })],
			['getappointment', { booking_id: id }],
			['rescheduleappointment', { booking_id: id, staff_id: RAVI }],
			['updateappointment', { booking_id: id, action: 'cancel' }],
			[
				'availableslots',
				{
					service_id: CONSULTATION,
					resource_id: BOOKINGS_IDS.resource,
					selected_date: '10-Mar-2031',
				},
			],
		]);
		expect(w.sb.bookings.get(id)).toMatchObject({ staff_id: RAVI, status: 'cancel' });
	});
});

describe('Zoho Bookings Simplify', () => {
	it('keeps the main appointment fields on version 1.1, every field on version 1', async () => {
		const a = w.sb.bookings.book({
			service_id: CONSULTATION,
			staff_id: ASHA,
			start: '10-Mar-2031 10:00:00',
			customer: { name: 'Ada', email: 'ada@example.com' },
		});
		const simple = jsonOf(await run('appointment', 'get', { bookingId: a.booking_id }))[0];
		expect(simple).toEqual({
			booking_id: a.booking_id,
			status: 'upcoming',
			service_name: 'Consultation',
			staff_name: 'Asha Rao',
			customer_name: 'Ada',
			customer_email: 'ada@example.com',
			start_time_iso: '2031-03-10T10:00:00',
			end_time_iso: '2031-03-10T10:30:00',
			time_zone: ZONE,
			summary_url: expect.stringContaining('summary'),
		});
		const many = jsonOf(await run('appointment', 'getAll', { returnAll: true }));
		expect(many).toEqual([simple]);
		const full = jsonOf(
			await run('appointment', 'get', { bookingId: a.booking_id, simplify: false }),
		)[0];
		expect(Object.keys(full).length).toBeGreaterThan(20);
		const v1 = jsonOf(
			await run('appointment', 'get', { bookingId: a.booking_id }, { typeVersion: 1 }),
		)[0];
		expect(v1).toEqual(full);
	});
});

describe('Zoho Bookings workflow saved before the resource locators (version 1, plain text)', () => {
	it('runs as it did: text IDs sent as they are, full output', async () => {
		const steps = [
			() =>
				run(
					'appointment',
					'book',
					{
						serviceId: CONSULTATION,
						staffId: ASHA,
						fromTime: '2031-03-10T11:00:00',
						timeZone: ZONE,
						customerName: 'Grace Hopper',
						customerEmail: 'grace@example.com',
					},
					{ typeVersion: 1 },
				),
			() => run('appointment', 'get', { bookingId: '#AN-00001' }, { typeVersion: 1 }),
			() =>
				run(
					'appointment',
					'reschedule',
					{ bookingId: '={{ $json.id }}', staffId: RAVI },
					{ typeVersion: 1, items: [{ id: '#AN-00001' }] },
				),
			() =>
				run(
					'availability',
					'getSlots',
					{ serviceId: CONSULTATION, slotsFor: 'staff', staffId: RAVI, date: '2031-03-10' },
					{ typeVersion: 1 },
				),
			() => run('service', 'getAll', { workspaceId: WORKSPACE }, { typeVersion: 1 }),
		];
		const results = [];
		for (const step of steps) results.push(await step());
		expect(results.map((r) => r.error)).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
		]);
		expect(calls().map((r) => [endpoint(r), { ...r.query, ...(r.form ?? {}) }])).toEqual([
			['appointment', expect.objectContaining({ service_id: CONSULTATION, staff_id: ASHA })],
			['getappointment', { booking_id: '#AN-00001' }],
			['rescheduleappointment', { booking_id: '#AN-00001', staff_id: RAVI }],
			[
				'availableslots',
				{ service_id: CONSULTATION, staff_id: RAVI, selected_date: '10-Mar-2031' },
			],
			['services', { workspace_id: WORKSPACE }],
		]);
		// Version 1 has no Simplify: the appointment with every field.
		expect(jsonOf(results[1])[0]).toHaveProperty('booked_on');
	});
});
