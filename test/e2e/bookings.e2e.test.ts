/**
 * Zoho Bookings node in a real n8n (2.8.4 on Node 20 and 2.41.1 on Node 24), against the Zoho
 * sandbox running as its own process (Bookings on its api origin), with the credential's Custom
 * data center pointing at it. The package is packed and installed into <user folder>/.n8n/nodes;
 * workflows run through `n8n execute`.
 *
 * One workflow per credential type (Self Client with a grant code, OAuth2 with issued tokens):
 *   Manual → Get Slots (Consultation, Asha, Monday 10-Mar-2031; sandbox clock on the Sunday before)
 *          → Book (first free slot, by expression from Get Slots)
 *          → Reschedule (third slot of Get Slots, booking ID from Book)
 *          → Cancel
 * Exactly 4 Bookings calls per run: the daily quota is small, no call may be wasted.
 *
 * The whole catalog-to-report chain (OAuth2), every ID taken from the node before by expression:
 *   Manual → Get Workspaces → Get Services (of that workspace) → Get Staff (of the first service)
 *          → Get Slots (one per staff member, on a day the sandbox reports open)
 *          → Book (each staff member's first slot) → Get Appointment (each booking)
 *          → Reschedule (Asha's, to her third slot) → Cancel (it)
 *          → Mark Completed (Ravi's) → Mark No-Show (Meera's)
 *          → Get Many (status COMPLETED, the service, that day): exactly the matching appointments.
 *
 * Continue-on-fail: Code (3 booking IDs, the middle one unknown) → Get Appointment with
 * onError continueRegularOutput: 3 outputs, the middle one the error, each paired with its input.
 *
 * Skip with ZOHO_E2E=0. Limit lines with ZOHO_E2E_LINES=2.8 (comma separated).
 */
import {
	CLI_TIMEOUT_MS,
	INSTALL_TIMEOUT_MS,
	createUserFolder,
	describeE2E,
	ensureN8n,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	nodeOutput,
	removeUserFolders,
	startSandboxProcess,
	stopAll,
	type SandboxProcess,
} from './n8n';
import {
	BOOKINGS_NODE_TYPE,
	CLIENT_ID,
	authOf,
	chainWorkflow,
	control,
	controlGet,
	expectSuccess,
	oauthCredential,
	recordedRequests,
	runCounts,
	selectedLines,
	selfClientCredential,
	tokenCalls,
	type CredRef,
	type Recorded,
} from './workflows';
import { BOOKINGS_IDS } from '../sandbox/bookings';

const SERVICE = BOOKINGS_IDS.services.consultation;
const ASHA = BOOKINGS_IDS.staff.asha;
/** A Monday; the sandbox clock is set to the day before so every slot of it is in the future. */
const DAY = '2031-03-10';
const CLOCK = '2031-03-09T00:00:00Z';
const TIME_ZONE = 'Asia/Kolkata';

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Customer {
	name: string;
	email: string;
	phone: string;
}

function bookingsWorkflow(id: string, cred: CredRef, customer: Customer): Record<string, unknown> {
	const authentication = authOf(cred);
	const node = (name: string, parameters: Record<string, unknown>) => ({
		name,
		type: BOOKINGS_NODE_TYPE,
		parameters: { authentication, ...parameters },
		credential: cred,
	});
	return chainWorkflow(id, `Bookings e2e (${authentication})`, [
		node('Get Slots', {
			resource: 'availability',
			operation: 'getSlots',
			serviceId: SERVICE,
			slotsFor: 'staff',
			staffId: ASHA,
			date: `${DAY}T00:00:00`,
		}),
		node('Book', {
			resource: 'appointment',
			operation: 'book',
			serviceId: SERVICE,
			staffId: ASHA,
			// Get Slots gives { date: 'dd-MMM-yyyy', slots: ['HH:mm', …] }: the first free slot as ISO.
			fromTime:
				"={{ DateTime.fromFormat($json.date, 'dd-MMM-yyyy').toFormat('yyyy-MM-dd') + 'T' + $json.slots[0] + ':00' }}",
			timeZone: TIME_ZONE,
			customerName: customer.name,
			customerEmail: customer.email,
			customerPhone: customer.phone,
			notes: 'Booked by the e2e workflow',
		}),
		node('Reschedule', {
			resource: 'appointment',
			operation: 'reschedule',
			bookingId: '={{ $json.booking_id }}',
			startTime:
				"={{ $json.start_time_iso.slice(0, 11) + $('Get Slots').item.json.slots[2] + ':00' }}",
		}),
		node('Cancel', {
			resource: 'appointment',
			operation: 'cancel',
			bookingId: "={{ $('Book').item.json.booking_id }}",
		}),
	]);
}

// ---------------------------------------------------------------- the chained workflow

const WORKSPACE = BOOKINGS_IDS.workspace;
const STRATEGY = BOOKINGS_IDS.services.strategy;
const RAVI = BOOKINGS_IDS.staff.ravi;
const MEERA = BOOKINGS_IDS.staff.meera;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `YYYY-MM-DD` → Bookings' `dd-MMM-yyyy` (docs/reference/zoho-api.md §5), written out here. */
function zohoDay(isoDay: string): string {
	const [y, m, d] = isoDay.split('-');
	return `${d}-${MONTHS[Number(m) - 1]}-${y}`;
}

function addDays(isoDay: string, n: number): string {
	return new Date(Date.parse(`${isoDay}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The UTC instant of a wall-clock time (`YYYY-MM-DDTHH:mm:ss`) in an IANA zone. */
function wallToUtcIso(wall: string, zone: string): string {
	const offset = (utcMs: number): number => {
		const parts = Object.fromEntries(
			new Intl.DateTimeFormat('en-US', {
				timeZone: zone,
				hourCycle: 'h23',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
			})
				.formatToParts(new Date(utcMs))
				.map((x) => [x.type, x.value]),
		);
		const asUtc = Date.UTC(
			Number(parts.year),
			Number(parts.month) - 1,
			Number(parts.day),
			Number(parts.hour),
			Number(parts.minute),
			Number(parts.second),
		);
		return asUtc - utcMs;
	};
	const wallMs = Date.parse(`${wall}Z`);
	let utc = wallMs - offset(wallMs);
	utc = wallMs - offset(utc);
	return new Date(utc).toISOString();
}

/** A GET on the sandbox's Bookings API with a token of the test's own (recorded and counted). */
async function bookingsApi(
	sb: SandboxProcess,
	endpoint: string,
	query: Record<string, string> = {},
): Promise<any> {
	const { access_token } = await control<{ access_token: string }>(sb, 'access-token', {
		clientId: CLIENT_ID,
	});
	const url = `${sb.api}/bookings/v1/json/${endpoint}?${new URLSearchParams(query).toString()}`;
	const res = await fetch(url, { headers: { Authorization: `Zoho-oauthtoken ${access_token}` } });
	const text = await res.text();
	if (!res.ok) throw new Error(`sandbox GET ${url} → ${res.status}: ${text.slice(0, 500)}`);
	return (JSON.parse(text) as any).response.returnvalue;
}

interface OpenDay {
	/** `YYYY-MM-DD`. */
	day: string;
	/** Its first open slot, `HH:mm`. */
	firstSlot: string;
	/** The workspace's time zone (slots are wall-clock times in it). */
	timeZone: string;
}

/**
 * The first day after `after` on which the sandbox offers Consultation with Asha, asked of the
 * sandbox itself (no weekday or holiday rule is assumed here).
 */
async function firstOpenDay(sb: SandboxProcess, after: string): Promise<OpenDay> {
	const [workspace] = (await bookingsApi(sb, 'workspaces')).data as any[];
	for (let n = 1; n <= 31; n++) {
		const day = addDays(after, n);
		const slots = await bookingsApi(sb, 'availableslots', {
			service_id: SERVICE,
			staff_id: ASHA,
			selected_date: zohoDay(day),
		});
		if (slots.reponse === true && Array.isArray(slots.data) && slots.data.length)
			return { day, firstSlot: slots.data[0] as string, timeZone: workspace.time_zone as string };
	}
	throw new Error(`the sandbox offers no Consultation with Asha in the 31 days after ${after}`);
}

/**
 * The chain, all on one credential. Get Staff runs once (for the first service); every later
 * node reads its IDs from the nodes before by expression, following n8n's item pairing.
 */
function chainBookingsWorkflow(id: string, cred: CredRef, day: string): Record<string, unknown> {
	const authentication = authOf(cred);
	const node = (
		name: string,
		parameters: Record<string, unknown>,
		settings?: Record<string, unknown>,
	) => ({
		name,
		type: BOOKINGS_NODE_TYPE,
		parameters: { authentication, ...parameters },
		credential: cred,
		...(settings ? { settings } : {}),
	});
	const update = (name: string, operation: string, bookingId: string) =>
		node(name, { resource: 'appointment', operation, bookingId });
	return chainWorkflow(id, 'Bookings e2e chain', [
		node('Get Workspaces', { resource: 'workspace', operation: 'getAll' }),
		node('Get Services', {
			resource: 'service',
			operation: 'getAll',
			workspaceId: '={{ $json.id }}',
		}),
		node(
			'Get Staff',
			{ resource: 'staff', operation: 'getAll', staffOf: 'service', serviceId: '={{ $json.id }}' },
			{ executeOnce: true },
		),
		node('Get Slots', {
			resource: 'availability',
			operation: 'getSlots',
			serviceId: "={{ $('Get Services').item.json.id }}",
			slotsFor: 'staff',
			staffId: '={{ $json.id }}',
			date: `${day}T00:00:00`,
		}),
		node('Book', {
			resource: 'appointment',
			operation: 'book',
			serviceId: "={{ $('Get Services').item.json.id }}",
			staffId: "={{ $('Get Staff').item.json.id }}",
			fromTime:
				"={{ DateTime.fromFormat($json.date, 'dd-MMM-yyyy').toFormat('yyyy-MM-dd') + 'T' + $json.slots[0] + ':00' }}",
			timeZone: "={{ $('Get Workspaces').item.json.time_zone }}",
			customerName: "={{ 'Chain ' + $('Get Staff').item.json.name }}",
			customerEmail: "={{ 'chain.' + $('Get Staff').item.json.email }}",
		}),
		node('Get Appointment', {
			resource: 'appointment',
			operation: 'get',
			bookingId: '={{ $json.booking_id }}',
		}),
		node(
			'Reschedule',
			{
				resource: 'appointment',
				operation: 'reschedule',
				bookingId: '={{ $json.booking_id }}',
				startTime:
					"={{ $json.start_time_iso.slice(0, 11) + $('Get Slots').item.json.slots[2] + ':00' }}",
			},
			{ executeOnce: true }, // the first booking (Asha's) only
		),
		update('Cancel', 'cancel', '={{ $json.booking_id }}'),
		update(
			'Mark Completed',
			'markCompleted',
			"={{ $('Get Appointment').all()[1].json.booking_id }}",
		),
		update('Mark No-Show', 'markNoShow', "={{ $('Get Appointment').all()[2].json.booking_id }}"),
		node('Get Completed', {
			resource: 'appointment',
			operation: 'getAll',
			returnAll: true,
			filters: {
				status: 'COMPLETED',
				service_id: "={{ $('Get Services').first().json.id }}",
				from_time: `${day}T00:00:00`,
				to_time: `${day}T23:59:59`,
			},
		}),
	]);
}

/** Manual → Code (one item per booking ID) → Get Appointment, continuing on failure. */
function pairingWorkflow(id: string, cred: CredRef, bookingIds: string[]): Record<string, unknown> {
	const wf = chainWorkflow(id, 'Bookings e2e continue-on-fail', [
		{
			name: 'Booking IDs',
			type: 'n8n-nodes-base.code',
			parameters: {
				mode: 'runOnceForAllItems',
				language: 'javaScript',
				jsCode: `return ${JSON.stringify(bookingIds.map((bookingId) => ({ json: { bookingId } })))};`,
			},
		},
		{
			name: 'Get Appointment',
			type: BOOKINGS_NODE_TYPE,
			parameters: {
				authentication: authOf(cred),
				resource: 'appointment',
				operation: 'get',
				bookingId: '={{ $json.bookingId }}',
			},
			credential: cred,
			settings: { onError: 'continueRegularOutput' },
		},
	]);
	// Code 2 is the current version on both lines (1 and 2 exist on 2.8.4 and 2.41.1).
	for (const n of wf.nodes as Array<{ type: string; typeVersion: number }>)
		if (n.type === 'n8n-nodes-base.code') n.typeVersion = 2;
	return wf;
}

describeE2E.each(selectedLines)('Zoho Bookings in n8n %s (e2e)', (line) => {
	let sb: SandboxProcess;
	let home: string;

	const selfCred: CredRef = {
		type: 'zohoSelfClientApi',
		id: 'zohoBkgSelfE2E01',
		name: 'Zoho Self Client Bookings (sandbox)',
	};
	const oauthCred: CredRef = {
		type: 'zohoRegionalOAuth2Api',
		id: 'zohoBkgOauthE2E1',
		name: 'Zoho OAuth2 Bookings (sandbox)',
	};
	const wf = {
		self: 'zBkgSelfFlow001',
		oauth: 'zBkgOauthFlow01',
		chain: 'zBkgChainFlow01',
		pairing: 'zBkgPairFlow001',
	};
	/** The day the chain books on, found open in the sandbox before the workflows are imported. */
	let open: OpenDay;
	/** Two upcoming appointments for the continue-on-fail workflow, and an ID that does not exist. */
	let pairingIds: string[] = [];
	const UNKNOWN_BOOKING = '#AN-99999';
	const grace: Customer = {
		name: 'Grace Hopper',
		email: 'grace.e2e@example.com',
		phone: '+911234567890',
	};
	const linus: Customer = {
		name: 'Linus Pauling',
		email: 'linus.e2e@example.com',
		phone: '+919876543210',
	};

	const bookingsRequests = async (): Promise<Recorded[]> =>
		(await recordedRequests(sb)).filter(
			(r) => r.server === 'api' && r.path.startsWith('/bookings/v1/json/'),
		);
	const bookingsStats = (): Promise<{ callsToday: number; totalCalls: number }> =>
		control(sb, 'bookings-stats');

	beforeAll(async () => {
		await ensureN8n(line);
		sb = await startSandboxProcess();
		home = await createUserFolder(`bookings-${line}`);
		await control(sb, 'bookings-seed', { appointments: 0 }); // the catalog only, no demo bookings
		await control(sb, 'bookings-clock', { iso: CLOCK });
		open = await firstOpenDay(sb, DAY);
		// Ravi and Meera at noon on DAY: no slot the other workflows use.
		pairingIds = [];
		for (const [staff_id, hm] of [
			[RAVI, '12:00'],
			[MEERA, '12:30'],
		]) {
			const { appointment } = await control<{ appointment: any }>(sb, 'bookings-book', {
				service_id: SERVICE,
				staff_id,
				start: `${zohoDay(DAY)} ${hm}:00`,
				customer: { name: `Pairing ${hm}`, email: `pairing.${hm.slice(0, 2)}@example.com` },
			});
			pairingIds.push(appointment.booking_id as string);
		}
		await importCredentials(line, home, [
			await selfClientCredential(sb, selfCred),
			await oauthCredential(sb, oauthCred),
		]);
		await importWorkflow(line, home, [
			bookingsWorkflow(wf.self, selfCred, grace),
			bookingsWorkflow(wf.oauth, oauthCred, linus),
			chainBookingsWorkflow(wf.chain, oauthCred, open.day),
			pairingWorkflow(wf.pairing, oauthCred, [pairingIds[0], UNKNOWN_BOOKING, pairingIds[1]]),
		]);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await stopAll();
		removeUserFolders();
	});

	beforeEach(async () => {
		await control(sb, 'clear-requests');
	});

	async function runAndCheck(id: string, customer: Customer): Promise<void> {
		const statsBefore = await bookingsStats();
		const r = await executeWorkflow(line, home, id);
		expectSuccess(r);
		expect(runCounts(r.execution)).toEqual({
			Manual: 1,
			'Get Slots': 1,
			Book: 1,
			Reschedule: 1,
			Cancel: 1,
		});

		// Get Slots: the whole working day (09:00–16:30, every 30 min) is free.
		const [slots] = nodeOutput(r.execution, 'Get Slots');
		expect(slots).toMatchObject({ date: '10-Mar-2031', available: true });
		expect(slots.slots[0]).toBe('09:00');
		expect(slots.slots).toHaveLength(16);
		const first = slots.slots[0] as string;
		const third = slots.slots[2] as string;

		// Book: the first slot, upcoming.
		const [booked] = nodeOutput(r.execution, 'Book');
		expect(booked.booking_id).toMatch(/^#AN-\d+$/);
		expect(booked).toMatchObject({
			status: 'upcoming',
			service_id: SERVICE,
			staff_id: ASHA,
			customer_name: customer.name,
			customer_email: customer.email,
			start_time: `10-Mar-2031 ${first}:00`,
			start_time_iso: `${DAY}T${first}:00`,
		});

		// Reschedule: same booking, the third slot.
		const [moved] = nodeOutput(r.execution, 'Reschedule');
		expect(moved).toMatchObject({
			booking_id: booked.booking_id,
			status: 'upcoming',
			start_time: `10-Mar-2031 ${third}:00`,
			start_time_iso: `${DAY}T${third}:00`,
		});

		// Cancel: the final status.
		const [cancelled] = nodeOutput(r.execution, 'Cancel');
		expect(cancelled).toMatchObject({
			booking_id: booked.booking_id,
			status: 'cancel',
			start_time: `10-Mar-2031 ${third}:00`,
		});

		// What the sandbox received: exactly 4 Bookings calls, writes as multipart/form-data.
		const requests = await bookingsRequests();
		expect(requests.map((q) => `${q.method} ${q.path}`)).toEqual([
			'GET /bookings/v1/json/availableslots',
			'POST /bookings/v1/json/appointment',
			'POST /bookings/v1/json/rescheduleappointment',
			'POST /bookings/v1/json/updateappointment',
		]);
		const [slotsReq, bookReq, rescheduleReq, cancelReq] = requests;
		expect(slotsReq.query).toEqual({
			service_id: SERVICE,
			staff_id: ASHA,
			selected_date: '10-Mar-2031',
		});
		for (const q of [bookReq, rescheduleReq, cancelReq]) {
			expect(q.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
			expect(q.query).toEqual({});
		}
		expect(bookReq.form).toEqual({
			service_id: SERVICE,
			staff_id: ASHA,
			from_time: `10-Mar-2031 ${first}:00`,
			timezone: TIME_ZONE,
			customer_details: JSON.stringify({
				name: customer.name,
				email: customer.email,
				phone_number: customer.phone,
			}),
			notes: 'Booked by the e2e workflow',
		});
		expect(rescheduleReq.form).toEqual({
			booking_id: booked.booking_id,
			start_time: `10-Mar-2031 ${third}:00`,
		});
		expect(cancelReq.form).toEqual({ booking_id: booked.booking_id, action: 'cancel' });
		for (const q of requests)
			expect(q.headers.authorization).toMatch(/^(Zoho-oauthtoken|Bearer) 1000\./);

		// The sandbox's own count agrees (no call it refused or did not record), and its state.
		const statsAfter = await bookingsStats();
		expect(statsAfter.totalCalls - statsBefore.totalCalls).toBe(4);
		const stored = (await controlGet<any[]>(sb, 'bookings-appointments')).find(
			(a) => a.booking_id === booked.booking_id,
		);
		expect(stored).toMatchObject({
			status: 'cancel',
			customer_email: customer.email,
			start_time: `10-Mar-2031 ${third}:00`,
		});
	}

	it(
		'Self Client: gets slots, books the first, reschedules to the third, cancels — 4 Bookings calls, grant code exchanged once',
		async () => {
			const before = await tokenCalls(sb);
			await runAndCheck(wf.self, grace);
			const after = await tokenCalls(sb);
			expect(after.authorization_code - before.authorization_code).toBe(1);
			expect(after.refresh_token - before.refresh_token).toBe(0);
		},
		CLI_TIMEOUT_MS,
	);

	it(
		'OAuth2: the same workflow with the issued tokens, no token call',
		async () => {
			const before = await tokenCalls(sb);
			await runAndCheck(wf.oauth, linus);
			expect(await tokenCalls(sb)).toEqual(before);
		},
		CLI_TIMEOUT_MS,
	);
	/** Open 30-minute starts of a 09:00–17:00 day, less those that overlap `busy` [start, end) pairs. */
	function openSlots(busy: Array<[string, string]> = []): string[] {
		const out: string[] = [];
		for (let m = 9 * 60; m + 30 <= 17 * 60; m += 30) {
			const hm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
			const end = `${String(Math.floor((m + 30) / 60)).padStart(2, '0')}:${String((m + 30) % 60).padStart(2, '0')}`;
			if (!busy.some(([from, to]) => from < end && hm < to)) out.push(hm);
		}
		return out;
	}

	it(
		'OAuth2 chain: workspaces → services → staff → slots → book ×3 → get → reschedule → cancel / completed / no-show → Get Many with filters returns exactly the matching appointments',
		async () => {
			const day = open.day;
			const zd = zohoDay(day);
			expect(open).toEqual({ day, firstSlot: '09:00', timeZone: TIME_ZONE });
			// The clock stands at the first slot's start: it can still be booked (a slot is open
			// until it starts) and, once booked, marked completed or no-show. Assumption: the
			// sandbox allows those two only from the start time on; Zoho documents the actions
			// (docs/reference/zoho-api.md §5), not when they are allowed. The rescheduled booking
			// starts later, so it is the one cancelled.
			await control(sb, 'bookings-clock', {
				iso: wallToUtcIso(`${day}T${open.firstSlot}:00`, open.timeZone),
			});
			try {
				const countBefore = (await controlGet<any[]>(sb, 'bookings-appointments')).length;
				const seed = async (b: Record<string, unknown>): Promise<string> =>
					(await control<{ appointment: any }>(sb, 'bookings-book', b)).appointment
						.booking_id as string;
				const customer = (name: string) => ({
					name,
					email: `${name.toLowerCase().replace(/ /g, '.')}@example.com`,
				});
				// Appointments already in the sandbox: one matches every filter of Get Completed, each
				// other one misses exactly one filter (service, status, the day on either side).
				const seeded = {
					match: await seed({
						service_id: SERVICE,
						staff_id: MEERA,
						start: `${zd} 14:00:00`,
						status: 'completed',
						customer: customer('Seeded Match'),
					}),
					otherService: await seed({
						service_id: STRATEGY,
						staff_id: RAVI,
						start: `${zd} 15:00:00`,
						status: 'completed',
						customer: customer('Seeded Strategy'),
					}),
					otherStatus: await seed({
						service_id: SERVICE,
						staff_id: RAVI,
						start: `${zd} 16:00:00`,
						customer: customer('Seeded Upcoming'),
					}),
					dayBefore: await seed({
						service_id: SERVICE,
						staff_id: ASHA,
						start: `${zohoDay(addDays(day, -1))} 23:30:00`,
						status: 'completed',
						customer: customer('Seeded Before'),
					}),
					dayAfter: await seed({
						service_id: SERVICE,
						staff_id: ASHA,
						start: `${zohoDay(addDays(day, 1))} 00:00:00`,
						status: 'completed',
						customer: customer('Seeded After'),
					}),
				};
				await control(sb, 'clear-requests');
				const statsBefore = await bookingsStats();

				const r = await executeWorkflow(line, home, wf.chain);
				expectSuccess(r);
				expect(runCounts(r.execution)).toEqual({
					Manual: 1,
					'Get Workspaces': 1,
					'Get Services': 1,
					'Get Staff': 1,
					'Get Slots': 1,
					Book: 1,
					'Get Appointment': 1,
					Reschedule: 1,
					Cancel: 1,
					'Mark Completed': 1,
					'Mark No-Show': 1,
					'Get Completed': 1,
				});

				// Catalog: IDs as the exact strings the sandbox holds.
				expect(nodeOutput(r.execution, 'Get Workspaces')).toEqual([
					{
						id: WORKSPACE,
						name: 'Sandbox Clinic',
						time_zone: TIME_ZONE,
						embed_url: `https://bookings.zoho.com/portal-embed#/workspace/${WORKSPACE}`,
					},
				]);
				const services = nodeOutput(r.execution, 'Get Services');
				expect(services.map((x) => [x.id, x.name, x.workspace_id])).toEqual([
					[SERVICE, 'Consultation', WORKSPACE],
					[STRATEGY, 'Strategy Session', WORKSPACE],
				]);
				const staff = nodeOutput(r.execution, 'Get Staff');
				expect(staff.map((x) => [x.id, x.name, x.email])).toEqual([
					[ASHA, 'Asha Rao', 'asha@sandbox.example'],
					[RAVI, 'Ravi Kumar', 'ravi@sandbox.example'],
					[MEERA, 'Meera Iyer', 'meera@sandbox.example'],
				]);
				for (const x of [...services, ...staff]) expect(typeof x.id).toBe('string');

				// Slots: one item per staff member, less what the seeded appointments hold.
				const slotsOf = {
					[ASHA]: openSlots(),
					[RAVI]: openSlots([
						['15:00', '16:00'],
						['16:00', '16:30'],
					]),
					[MEERA]: openSlots([['14:00', '14:30']]),
				};
				expect(slotsOf[RAVI]).toHaveLength(13);
				expect(nodeOutput(r.execution, 'Get Slots')).toEqual(
					[ASHA, RAVI, MEERA].map((id) => ({ date: zd, available: true, slots: slotsOf[id] })),
				);
				const newSlot = slotsOf[ASHA][2];
				expect(newSlot).toBe('10:00');

				// Book: each staff member's first slot; then each booking read back.
				const booked = nodeOutput(r.execution, 'Book');
				expect(booked).toHaveLength(3);
				const ids = booked.map((b) => b.booking_id as string);
				const [ashaId, raviId, meeraId] = ids;
				expect(new Set(ids).size).toBe(3);
				staff.forEach((s, i) => {
					expect(ids[i]).toMatch(/^#AN-\d{5}$/);
					expect(booked[i]).toMatchObject({
						status: 'upcoming',
						service_id: SERVICE,
						staff_id: s.id,
						customer_name: `Chain ${s.name}`,
						customer_email: `chain.${s.email}`,
						start_time: `${zd} 09:00:00`,
						start_time_iso: `${day}T09:00:00`,
						customer_booking_time_zone: TIME_ZONE,
					});
				});
				expect(nodeOutput(r.execution, 'Get Appointment')).toEqual(booked);
				// Every Bookings node paired each output with its own input.
				for (const name of ['Get Slots', 'Book', 'Get Appointment']) {
					const items = r.execution.data.resultData.runData[name][0].data.main[0] as any[];
					expect(items.map((x) => x.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
				}

				const [moved] = nodeOutput(r.execution, 'Reschedule');
				expect(moved).toMatchObject({
					booking_id: ashaId,
					staff_id: ASHA,
					status: 'upcoming',
					start_time: `${zd} ${newSlot}:00`,
				});
				expect(nodeOutput(r.execution, 'Cancel')).toEqual([{ ...moved, status: 'cancel' }]);
				expect(nodeOutput(r.execution, 'Mark Completed')).toEqual([
					{ ...booked[1], status: 'completed' },
				]);
				expect(nodeOutput(r.execution, 'Mark No-Show')).toEqual([
					{ ...booked[2], status: 'noshow' },
				]);

				// Get Many: exactly the sandbox's completed Consultations of that day, by start time.
				const stored = await controlGet<any[]>(sb, 'bookings-appointments');
				const expected = stored
					.filter(
						(a) =>
							a.status === 'completed' && a.service_id === SERVICE && a.start_time.startsWith(zd),
					)
					.sort((a, b) => a.iso_start_time.localeCompare(b.iso_start_time));
				expect(expected.map((a) => a.booking_id)).toEqual([raviId, seeded.match]);
				const listed = nodeOutput(r.execution, 'Get Completed');
				expect(listed.map((a) => a.booking_id)).toEqual([raviId, seeded.match]);
				listed.forEach((a, i) => {
					const { customer_more_info: _more, ...wire } = expected[i];
					expect(a).toMatchObject(wire);
				});

				// The Bookings calls, in order, with their exact fields.
				const requests = await bookingsRequests();
				const ep = (q: Recorded) => `${q.method} ${q.path.slice('/bookings/v1/json/'.length)}`;
				expect(requests.map(ep)).toEqual([
					'GET workspaces',
					'GET services',
					'GET staffs',
					'GET availableslots',
					'GET availableslots',
					'GET availableslots',
					'POST appointment',
					'POST appointment',
					'POST appointment',
					'GET getappointment',
					'GET getappointment',
					'GET getappointment',
					'POST rescheduleappointment',
					'POST updateappointment',
					'POST updateappointment',
					'POST updateappointment',
					'POST fetchappointment',
				]);
				expect(requests[0].query).toEqual({});
				expect(requests[1].query).toEqual({ workspace_id: WORKSPACE });
				expect(requests[2].query).toEqual({ service_id: SERVICE });
				expect(requests.slice(3, 6).map((q) => q.query)).toEqual(
					[ASHA, RAVI, MEERA].map((staff_id) => ({
						service_id: SERVICE,
						staff_id,
						selected_date: zd,
					})),
				);
				expect(requests.slice(6, 9).map((q) => q.form)).toEqual(
					staff.map((s) => ({
						service_id: SERVICE,
						staff_id: s.id,
						from_time: `${zd} 09:00:00`,
						timezone: TIME_ZONE,
						customer_details: JSON.stringify({
							name: `Chain ${s.name}`,
							email: `chain.${s.email}`,
						}),
					})),
				);
				requests.slice(9, 12).forEach((q, i) => {
					expect(q.query).toEqual({ booking_id: ids[i] });
					// '#' goes as %23, or the ID would end at a URL fragment.
					expect(q.url).toContain(`booking_id=${encodeURIComponent(ids[i])}`);
				});
				expect(requests.slice(12).map((q) => q.form)).toEqual([
					{ booking_id: ashaId, start_time: `${zd} ${newSlot}:00` },
					{ booking_id: ashaId, action: 'cancel' },
					{ booking_id: raviId, action: 'completed' },
					{ booking_id: meeraId, action: 'noshow' },
					{ data: expect.any(String) },
				]);
				expect(JSON.parse(requests[16].form!.data)).toEqual({
					status: 'COMPLETED',
					service_id: SERVICE,
					from_time: `${zd} 00:00:00`,
					to_time: `${zd} 23:59:59`,
					page: 1,
					per_page: 100,
				});
				for (const q of requests) {
					if (q.method === 'POST') {
						expect(q.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
						expect(q.query).toEqual({});
					}
					expect(q.headers.authorization).toMatch(/^(Zoho-oauthtoken|Bearer) 1000\./);
				}
				expect((await bookingsStats()).totalCalls - statsBefore.totalCalls).toBe(17);

				// The sandbox's final states: 3 bookings more, each where the workflow left it.
				expect(stored).toHaveLength(countBefore + 5 + 3);
				const state = (id: string) => {
					const a = stored.find((x) => x.booking_id === id);
					return a && [a.status, a.staff_id, a.service_id, a.start_time];
				};
				expect([ashaId, raviId, meeraId, ...Object.values(seeded)].map((id) => state(id))).toEqual([
					['cancel', ASHA, SERVICE, `${zd} ${newSlot}:00`],
					['completed', RAVI, SERVICE, `${zd} 09:00:00`],
					['noshow', MEERA, SERVICE, `${zd} 09:00:00`],
					['completed', MEERA, SERVICE, `${zd} 14:00:00`],
					['completed', RAVI, STRATEGY, `${zd} 15:00:00`],
					['upcoming', RAVI, SERVICE, `${zd} 16:00:00`],
					['completed', ASHA, SERVICE, `${zohoDay(addDays(day, -1))} 23:30:00`],
					['completed', ASHA, SERVICE, `${zohoDay(addDays(day, 1))} 00:00:00`],
				]);
			} finally {
				await control(sb, 'bookings-clock', { iso: CLOCK });
			}
		},
		CLI_TIMEOUT_MS,
	);

	it(
		'continue-on-fail: 3 items reach Get Appointment, the middle booking does not exist — 3 outputs, the middle one its error, each paired with its own input',
		async () => {
			const statsBefore = await bookingsStats();
			const r = await executeWorkflow(line, home, wf.pairing);
			expectSuccess(r);
			expect(r.execution.data.resultData.error).toBeUndefined();
			expect(runCounts(r.execution)).toEqual({
				Manual: 1,
				'Booking IDs': 1,
				'Get Appointment': 1,
			});
			const input = r.execution.data.resultData.runData['Booking IDs'][0].data.main[0] as any[];
			expect(input.map((x) => x.json.bookingId)).toEqual([
				pairingIds[0],
				UNKNOWN_BOOKING,
				pairingIds[1],
			]);

			const items = r.execution.data.resultData.runData['Get Appointment'][0].data.main[0] as any[];
			expect(items).toHaveLength(3);
			expect(items.map((x) => x.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(items[0].json).toMatchObject({
				booking_id: pairingIds[0],
				status: 'upcoming',
				staff_id: RAVI,
				start_time: `${zohoDay(DAY)} 12:00:00`,
			});
			expect(items[2].json).toMatchObject({
				booking_id: pairingIds[1],
				status: 'upcoming',
				staff_id: MEERA,
				start_time: `${zohoDay(DAY)} 12:30:00`,
			});
			// Sandbox wording (assumption: Zoho's text for an unknown booking is not documented).
			expect(items[1].json).toEqual({
				error: 'Zoho Bookings: Invalid booking_id [HTTP 200]',
				description: 'Field involved: booking_id.',
				httpCode: '200',
				zohoMessage: 'Invalid booking_id',
			});

			const requests = await bookingsRequests();
			expect(requests.map((q) => [q.method, q.path, q.query])).toEqual(
				[pairingIds[0], UNKNOWN_BOOKING, pairingIds[1]].map((booking_id) => [
					'GET',
					'/bookings/v1/json/getappointment',
					{ booking_id },
				]),
			);
			expect((await bookingsStats()).totalCalls - statsBefore.totalCalls).toBe(3);
		},
		CLI_TIMEOUT_MS,
	);
});
/* eslint-enable @typescript-eslint/no-explicit-any */
