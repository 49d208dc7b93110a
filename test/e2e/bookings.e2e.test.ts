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
	const wf = { self: 'zBkgSelfFlow001', oauth: 'zBkgOauthFlow01' };
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
		await importCredentials(line, home, [
			await selfClientCredential(sb, selfCred),
			await oauthCredential(sb, oauthCred),
		]);
		await importWorkflow(line, home, [
			bookingsWorkflow(wf.self, selfCred, grace),
			bookingsWorkflow(wf.oauth, oauthCred, linus),
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
});
/* eslint-enable @typescript-eslint/no-explicit-any */
