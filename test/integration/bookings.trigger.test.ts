/**
 * Zoho Bookings Trigger through n8n-core's PollContext (runPoll) against the sandbox: what each
 * poll emits and what it costs in Bookings calls, counted from the sandbox's request log.
 *
 * Sandbox choices these tests rely on (assumptions, test/sandbox/README.md): fetchappointment rows
 * carry `booked_on` and `last_updated_time` as `dd-MMM-yyyy HH:mm:ss` in the workspace zone
 * (seen only in third-party code), rows come sorted by start time, per_page is served up to 100,
 * and the over-quota answer is "API Limit exceeded…" (undocumented). Where Zoho may differ, the
 * variants are tested too (fields missing, filters ignored, 50 per page, HTTP 204).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runPoll, staticDataOf } from '../harness';
import type { DirectBooking } from '../sandbox/bookings';
import { BOOKINGS_IDS, formatZohoDateTime } from '../sandbox/bookings';
import { utcToWall } from '../sandbox/bookingsTime';
import type { Auth, World } from './world';
import { OAUTH_CRED, SELF_CRED, useWorld } from './world';

const world = useWorld(0);
let w: World;

const TZ = 'Asia/Kolkata';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SERVICE = BOOKINGS_IDS.services.consultation;
const STRATEGY = BOOKINGS_IDS.services.strategy;
const { asha: ASHA, ravi: RAVI, meera: MEERA } = BOOKINGS_IDS.staff;

beforeEach(() => {
	w = world();
	w.sb.bookings.seed();
	w.sb.clearRequests();
	minute = 0;
});

/** Bookings calls so far (every one counts against the daily quota). */
const bookingsCalls = () =>
	w.sb.findRequests({ server: 'api' }).filter((r) => r.path.startsWith('/bookings/v1/json/'));
const fetchCalls = () => bookingsCalls().filter((r) => r.path.endsWith('/fetchappointment'));

let minute = 0;
/** Books directly (no HTTP, not counted) `hours` from now, each appointment a minute after the last. */
function book(hours = 24, o: Partial<DirectBooking> = {}): string {
	minute++;
	return w.sb.bookings.book({
		service_id: SERVICE,
		staff_id: ASHA,
		start: new Date(Date.now() + hours * HOUR + minute * 60_000),
		...o,
	}).booking_id;
}

/** Runs `fn` with the sandbox clock (booked_on, last_updated_time) set `ms` in the past. */
function at<T>(msAgo: number, fn: () => T): T {
	w.sb.bookings.setClock(() => new Date(Date.now() - msAgo));
	try {
		return fn();
	} finally {
		w.sb.bookings.setClock();
	}
}

interface PollResult {
	ids: string[];
	items: IDataObject[];
	/** Bookings calls the poll made. */
	calls: number;
}

/**
 * One trigger node of an active workflow, polled as n8n does: static data changed by a poll stays
 * in memory; n8n 2.8 saves it at activation and with every poll that emits (docs/triggers.md), so
 * a restart goes on from what was saved.
 */
class Trigger {
	memory?: IDataObject;
	saved?: IDataObject;
	private activated = false;

	constructor(
		private readonly auth: Auth,
		private parameters: INodeParameters,
	) {}

	set(parameters: INodeParameters): void {
		this.parameters = { ...this.parameters, ...parameters };
	}

	private run(mode: 'trigger' | 'manual', staticData?: IDataObject) {
		const options = (this.parameters.options as IDataObject | undefined) ?? {};
		return runPoll({
			nodeType: 'zohoBookingsTrigger',
			parameters: {
				authentication: this.auth,
				...this.parameters,
				options: { accountTimeZone: TZ, ...options },
			},
			credentials:
				this.auth === 'oAuth2'
					? { zohoRegionalOAuth2Api: OAUTH_CRED }
					: { zohoSelfClientApi: SELF_CRED },
			store: w.store,
			staticData,
			mode,
		});
	}

	async poll(): Promise<PollResult> {
		const before = bookingsCalls().length;
		const result = await this.run('trigger', this.memory).catch((error: unknown) => {
			this.memory = staticDataOf(error);
			throw error;
		});
		this.memory = result.staticData;
		if (!this.activated || result.output) this.saved = this.memory;
		this.activated = true;
		const items = (result.output?.[0] ?? []).map((item) => item.json);
		return {
			ids: items.map((json) => String(json.booking_id)),
			items,
			calls: bookingsCalls().length - before,
		};
	}

	/** The editor's "Fetch Test Event". */
	async manual(): Promise<PollResult & { staticData: IDataObject }> {
		const before = bookingsCalls().length;
		const result = await this.run('manual', this.memory);
		const items = (result.output?.[0] ?? []).map((item) => item.json);
		return {
			ids: items.map((json) => String(json.booking_id)),
			items,
			calls: bookingsCalls().length - before,
			staticData: result.staticData,
		};
	}

	/** n8n restarted: the in-memory static data is gone, the saved one is read back. */
	restart(): void {
		this.memory = this.saved;
	}

	get state(): IDataObject {
		return (this.memory?.['node:Trigger'] as IDataObject | undefined)?.zohoPoll as IDataObject;
	}
}

const booked = (auth: Auth = 'oAuth2', parameters: INodeParameters = {}) =>
	new Trigger(auth, { event: 'appointmentBooked', ...parameters });
const changed = (auth: Auth = 'oAuth2', parameters: INodeParameters = {}) =>
	new Trigger(auth, { event: 'appointmentChanged', ...parameters });

/** `dd-MMM-yyyy HH:mm:ss` of a wall-clock day in TZ, `days` from today. */
function windowEdge(days: number, time: string): string {
	const today = formatZohoDateTime(utcToWall(Date.now() + days * DAY, TZ)).slice(0, 11);
	return `${today} ${time}`;
}

describe.each(['oAuth2', 'selfClient'] as Auth[])('Zoho Bookings Trigger with %s', (auth) => {
	it('first activation reads the window once and emits nothing; an idle poll costs exactly 1 call', async () => {
		book(-30);
		book(5);
		book(24 * 20);
		const trigger = booked(auth);
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 1 });
		// The request: the window (2 days back, 30 ahead, whole days in the account's zone) and the
		// largest page, as one JSON form field `data` like the action node's Get Many.
		expect(fetchCalls()[0]).toMatchObject({ method: 'POST' });
		expect(JSON.parse(String(fetchCalls()[0].form?.data))).toEqual({
			from_time: windowEdge(-2, '00:00:00'),
			to_time: windowEdge(30, '23:59:59'),
			page: 1,
			per_page: 100,
		});
		for (let i = 0; i < 3; i++)
			expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 1 });
	});

	it('Appointment Booked emits each new appointment once over several polls, and not its changes', async () => {
		const old = book(10);
		const trigger = booked(auth);
		await trigger.poll();
		const first = book(3);
		const second = book(48, { staff_id: RAVI });
		const polled = await trigger.poll();
		expect({ ids: polled.ids, calls: polled.calls }).toEqual({ ids: [first, second], calls: 1 });
		expect(polled.items[0]).toMatchObject({
			booking_id: first,
			status: 'upcoming',
			service_id: SERVICE,
			staff_id: ASHA,
			start_time_iso: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
		});
		w.sb.bookings.change(first, { status: 'cancel' });
		w.sb.bookings.change(old, { status: 'completed' });
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 1 });
		const third = book(30);
		expect((await trigger.poll()).ids).toEqual([third]);
		expect((await trigger.poll()).ids).toEqual([]);
		expect(fetchCalls()).toHaveLength(5);
	});

	it('Appointment Changed emits status changes and reschedules once each, with the previous values', async () => {
		const [a, b, c, d] = [book(-20), book(5), book(30), book(50)];
		const trigger = changed(auth);
		expect((await trigger.poll()).calls).toBe(1);
		const before = w.sb.bookings.wire(w.sb.bookings.get(b)!);
		w.sb.bookings.change(a, { status: 'completed' });
		w.sb.bookings.change(b, { start: new Date(Date.now() + 7 * HOUR) }); // rescheduled
		w.sb.bookings.change(c, { staff_id: MEERA }); // another staff member
		const first = await trigger.poll();
		expect({ ids: first.ids.sort(), calls: first.calls }).toEqual({
			ids: [a, b, c].sort(),
			calls: 1,
		});
		const rescheduled = first.items.find((item) => item.booking_id === b)!;
		expect(rescheduled.previous).toEqual({
			status: 'upcoming',
			start_time: before.start_time,
			staff_id: ASHA,
			last_updated_time: before.last_updated_time,
		});
		expect(rescheduled.start_time).not.toBe(before.start_time);
		expect(first.items.find((item) => item.booking_id === a)).toMatchObject({
			status: 'completed',
			previous: { status: 'upcoming' },
		});
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 1 });
		w.sb.bookings.change(d, { status: 'cancel' });
		w.sb.bookings.change(a, { status: 'noshow' });
		expect((await trigger.poll()).ids.sort()).toEqual([a, d].sort());
		// A new booking is not a change; its first change is.
		const e = book(6);
		expect((await trigger.poll()).ids).toEqual([]);
		w.sb.bookings.change(e, { status: 'cancel' });
		expect((await trigger.poll()).ids).toEqual([e]);
		expect(fetchCalls()).toHaveLength(6);
	});

	it('renews an expired token with exactly one token request; emission is unaffected', async () => {
		const trigger = changed(auth);
		const a = book(4);
		await trigger.poll();
		const tokenCallsBefore = w.sb.tokenEndpointCalls();
		w.sb.expireAccessTokens();
		w.sb.bookings.change(a, { status: 'cancel' });
		const polled = await trigger.poll();
		expect(polled.ids).toEqual([a]);
		expect(w.sb.tokenEndpointCalls() - tokenCallsBefore).toBe(1);
		expect(w.sb.tokenEndpointCalls('refresh_token')).toBe(1);
		// The expired token's call (refused, not counted by Bookings) and the one sent again.
		expect(polled.calls).toBe(2);
		expect(w.sb.bookings.callsToday).toBe(2);
	});
});

describe('Zoho Bookings Trigger', () => {
	it('manual test returns one recent sample for 1 call and leaves the static data untouched', async () => {
		// Booked an hour ago, so the change below is the latest update.
		const [a] = at(HOUR, () => [book(2), book(3)]);
		const trigger = changed();
		await trigger.poll();
		w.sb.bookings.change(a, { status: 'cancel' });
		const stored = structuredClone(trigger.memory);
		const sample = await trigger.manual();
		// The last updated of the window's first page (Appointment Changed).
		expect({ ids: sample.ids, calls: sample.calls }).toEqual({ ids: [a], calls: 1 });
		expect(sample.staticData).toEqual(stored);
		// The change is still emitted by the next poll.
		expect((await trigger.poll()).ids).toEqual([a]);
		// Appointment Booked samples the one booked last.
		const later = book(1);
		const bookedSample = await booked().manual();
		expect({ ids: bookedSample.ids, calls: bookedSample.calls }).toEqual({
			ids: [later],
			calls: 1,
		});
		expect(bookedSample.staticData).toEqual({});
	});

	it('manual test with an empty window returns nothing for 1 call (HTTP 204 variant: assumption)', async () => {
		w.sb.bookings.emptyFetchStatus = 204;
		const sample = await booked().manual();
		expect({ ids: sample.ids, calls: sample.calls }).toEqual({ ids: [], calls: 1 });
		const trigger = booked();
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 1 });
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 1 });
	});

	it('Include Existing Records Since: Booked emits the window’s appointments booked since then, on activation', async () => {
		const since = new Date(Date.now() - 2 * DAY).toISOString();
		at(5 * DAY, () => [book(2), book(3)]); // booked before the date
		const recent = at(1 * DAY, () => [book(4), book(-30), book(24 * 10)]);
		at(1 * DAY, () => book(24 * 40)); // beyond the window
		const trigger = booked('oAuth2', { options: { includeExistingSince: since } });
		const first = await trigger.poll();
		expect({ ids: first.ids, calls: first.calls }).toEqual({
			ids: [recent[1], recent[0], recent[2]], // by start time
			calls: 1,
		});
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 1 });
	});

	it('Include Existing Records Since: Changed emits appointments updated since then and after they were booked', async () => {
		const since = new Date(Date.now() - 2 * DAY).toISOString();
		const [a, b, c] = at(5 * DAY, () => [book(2), book(3), book(4)]);
		at(1 * DAY, () => w.sb.bookings.change(a, { status: 'cancel' }));
		at(3 * DAY, () => w.sb.bookings.change(b, { notes: 'before the date' }));
		at(1 * DAY, () => book(5)); // booked since the date, never changed
		const trigger = changed('oAuth2', { options: { includeExistingSince: since } });
		expect((await trigger.poll()).ids).toEqual([a]);
		w.sb.bookings.change(c, { status: 'cancel' });
		expect((await trigger.poll()).ids).toEqual([c]);
	});

	it('several changes within one second, with polls in between, are each emitted once', async () => {
		const ids = [book(2), book(3), book(4)];
		const trigger = changed();
		const bookedTrigger = booked();
		await trigger.poll();
		await bookedTrigger.poll();
		// Three bookings and two changes, all stamped with the same second (the sandbox clock stops).
		const second = new Date(Math.floor(Date.now() / 1000) * 1000);
		w.sb.bookings.setClock(() => second);
		const same = [book(5), book(6), book(7)];
		w.sb.bookings.change(ids[0], { status: 'cancel' });
		w.sb.bookings.change(ids[1], { status: 'completed' });
		const bookedPoll = await bookedTrigger.poll();
		expect(bookedPoll.ids).toEqual(same);
		expect((await trigger.poll()).ids.sort()).toEqual([ids[0], ids[1]].sort());
		// The same appointment changes again within that second: its status differs, so it counts.
		w.sb.bookings.change(ids[1], { status: 'noshow' });
		expect((await trigger.poll()).ids).toEqual([ids[1]]);
		expect((await trigger.poll()).ids).toEqual([]);
		expect((await bookedTrigger.poll()).ids).toEqual([]);
		expect(w.sb.bookings.get(ids[1])!.last_updated_time).toBe(
			w.sb.bookings.get(same[0])!.booked_on,
		);
	});

	it('Max Pages per Poll 1: a window of 250 appointments is read a page per poll; each change is emitted once', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 250; i++) ids.push(book(1 + i * 0.1));
		const trigger = changed('oAuth2', { options: { maxPagesPerPoll: 1 } });
		// The baseline spreads over 3 polls, a call each, and emits nothing.
		for (let i = 0; i < 3; i++)
			expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 1 });
		expect(fetchCalls().map((r) => JSON.parse(String(r.form?.data)).page)).toEqual([1, 2, 3]);
		// One change per page, and one on page 1 while the scan is past it.
		w.sb.bookings.change(ids[10], { status: 'cancel' });
		w.sb.bookings.change(ids[150], { status: 'cancel' });
		w.sb.bookings.change(ids[249], { status: 'cancel' });
		const emitted: string[][] = [];
		emitted.push((await trigger.poll()).ids); // page 1
		w.sb.bookings.change(ids[20], { status: 'cancel' });
		emitted.push((await trigger.poll()).ids); // page 2
		emitted.push((await trigger.poll()).ids); // page 3
		emitted.push((await trigger.poll()).ids); // page 1 again
		emitted.push((await trigger.poll()).ids); // page 2
		emitted.push((await trigger.poll()).ids); // page 3
		expect(emitted).toEqual([[ids[10]], [ids[150]], [ids[249]], [ids[20]], [], []]);
		expect(fetchCalls()).toHaveLength(9);
	});

	it('a restart goes on from the static data n8n saved (activation and emitting polls): nothing twice, nothing lost', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 150; i++) ids.push(book(1 + i * 0.1));
		const trigger = changed('oAuth2', { options: { maxPagesPerPoll: 1 } });
		const ids1 = async () => (await trigger.poll()).ids;
		expect(await ids1()).toEqual([]); // activation: baseline page 1 (saved)
		expect(await ids1()).toEqual([]); // baseline page 2 (nothing emitted: not saved)
		trigger.restart();
		expect(await ids1()).toEqual([]); // baseline page 2 again
		w.sb.bookings.change(ids[5], { status: 'cancel' });
		w.sb.bookings.change(ids[120], { status: 'cancel' });
		expect(await ids1()).toEqual([ids[5]]); // page 1 (saved)
		trigger.restart();
		expect(await ids1()).toEqual([ids[120]]); // page 2 (saved)
		expect(await ids1()).toEqual([]); // page 1 (not saved)
		expect(await ids1()).toEqual([]); // page 2 (not saved)
		w.sb.bookings.change(ids[5], { status: 'completed' });
		trigger.restart(); // back to the state saved with ids[120]
		expect(await ids1()).toEqual([ids[5]]); // page 1 (saved)
		trigger.restart();
		expect(await ids1()).toEqual([]); // page 2
		expect(await ids1()).toEqual([]); // page 1
		expect(fetchCalls()).toHaveLength(10);
	});

	it('a daily limit mid-poll fails with the plan’s limit and the reset, keeps the state, and the next polls make no call until the reset', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 150; i++) ids.push(book(1 + i * 0.1));
		const trigger = changed();
		expect((await trigger.poll()).calls).toBe(2);
		const state = structuredClone(trigger.state);
		w.sb.bookings.change(ids[3], { status: 'cancel' });
		w.sb.bookings.change(ids[140], { status: 'cancel' });
		w.sb.bookings.setDailyLimit(1); // page 1 passes, page 2 is refused
		const error = (await trigger.poll().catch((e: unknown) => e)) as Error & {
			description?: string;
			context: IDataObject;
		};
		expect(error).toBeInstanceOf(Error);
		expect(error.message).toBe(
			'Zoho Bookings: daily API limit of 250 calls for this user reached; resets at 00:00 (Asia/Kolkata). Zoho said: "API Limit exceeded. You have reached the maximum API calls limit for the day."',
		);
		const quota = error.context.quota as IDataObject;
		const resetsAt = Date.parse(String(quota.resetsAt));
		// Next midnight in Asia/Kolkata (UTC+05:30, no DST).
		const midnight = Math.floor((Date.now() + 5.5 * HOUR) / DAY) * DAY + DAY - 5.5 * HOUR;
		expect(resetsAt).toBe(midnight);
		expect(error.description).toContain(
			'Poll Times: ⚠ every minute ≈ 1,440 calls a day; Free allows 250',
		);
		expect(
			bookingsCalls()
				.slice(-2)
				.map((r) => JSON.parse(String(r.form?.data)).page),
		).toEqual([1, 2]);
		// Nothing moved but the block.
		const { blockedUntil, ...rest } = trigger.state;
		expect(rest).toEqual(state);
		expect(blockedUntil).toBe(midnight);
		// Before the reset: no call, nothing emitted.
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 0 });
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 0 });
		// After it (the clock is moved by moving the block into the past): both changes, once.
		w.sb.bookings.setDailyLimit(null);
		((trigger.memory!['node:Trigger'] as IDataObject).zohoPoll as IDataObject).blockedUntil =
			Date.now() - 1;
		const after = await trigger.poll();
		expect({ ids: after.ids, calls: after.calls }).toEqual({ ids: [ids[3], ids[140]], calls: 2 });
		expect(await trigger.poll()).toEqual({ ids: [], items: [], calls: 2 });
	});

	it('the daily-limit message names the chosen plan’s limit (Basic: 1000)', async () => {
		const trigger = booked('oAuth2', { options: { plan: 'basic' } });
		await trigger.poll();
		w.sb.bookings.setDailyLimit(1); // the next poll's call passes, the one after is refused
		await trigger.poll();
		const error = (await trigger.poll().catch((e: unknown) => e)) as Error & {
			description?: string;
		};
		expect(error.message).toMatch(
			/^Zoho Bookings: daily API limit of 1000 calls for this user reached;/,
		);
		expect(error.description).toContain('every minute ≈ 1,440 calls a day; Basic allows 1,000');
	});

	it('scope: workspace, service and staff member; also when Zoho ignores the service and staff filters (variant)', async () => {
		book(2, { service_id: STRATEGY, staff_id: RAVI });
		book(3, { service_id: STRATEGY, staff_id: ASHA });
		book(4, { service_id: SERVICE, staff_id: RAVI });
		const scoped = (parameters: INodeParameters) => booked('oAuth2', parameters);
		for (const ignored of [false, true]) {
			w.sb.bookings.fetchIgnores = new Set(ignored ? ['service_id', 'staff_id'] : []);
			const trigger = scoped({
				workspaceId: BOOKINGS_IDS.workspace,
				serviceId: STRATEGY,
				staffId: RAVI,
			});
			await trigger.poll();
			const next = [
				book(5, { service_id: STRATEGY, staff_id: RAVI }),
				book(6, { service_id: STRATEGY, staff_id: ASHA }),
				book(7, { service_id: SERVICE, staff_id: RAVI }),
			];
			expect((await trigger.poll()).ids).toEqual([next[0]]);
			const data = JSON.parse(String(fetchCalls().at(-1)!.form?.data)) as IDataObject;
			expect(data).toMatchObject({ service_id: STRATEGY, staff_id: RAVI });
			// No workspace filter is documented: the workspace is checked on each row.
			expect(data.workspace_id).toBeUndefined();
		}
		// Another workspace's appointment is not in this workspace's scope.
		w.sb.bookings.workspaces.push({ id: '4387000000010002', name: 'Second', time_zone: TZ });
		w.sb.bookings.services.push({
			...w.sb.bookings.services[0],
			id: '4387000000020009',
			workspace_id: '4387000000010002',
		});
		const trigger = scoped({ workspaceId: BOOKINGS_IDS.workspace });
		await trigger.poll();
		book(8, { service_id: '4387000000020009' }); // in the other workspace
		const inThis = book(9);
		expect((await trigger.poll()).ids).toEqual([inThis]);
	});

	it('the window: appointments beyond Look Ahead are not seen; once inside, one booked after activation is emitted and one booked before is not', async () => {
		at(DAY, () => book(24 * 40)); // booked before activation
		const trigger = booked();
		await trigger.poll();
		const afterActivation = book(24 * 41);
		expect((await trigger.poll()).ids).toEqual([]);
		// The window grows (as time passes, the far edge moves): both enter it.
		trigger.set({ options: { lookaheadDays: 45 } });
		expect((await trigger.poll()).ids).toEqual([afterActivation]);
		expect((await trigger.poll()).ids).toEqual([]);
		expect(JSON.parse(String(fetchCalls().at(-1)!.form?.data)).to_time).toBe(
			windowEdge(45, '23:59:59'),
		);
	});

	it('without booked_on (variant: assumption), an appointment entering the window counts as new', async () => {
		w.sb.bookings.omitFields = new Set(['booked_on']);
		at(DAY, () => book(24 * 40));
		const trigger = booked();
		await trigger.poll();
		trigger.set({ options: { lookaheadDays: 45 } });
		expect((await trigger.poll()).ids).toHaveLength(1);
	});

	it('without last_updated_time (variant: assumption), status, time and staff changes still count; other edits do not', async () => {
		w.sb.bookings.omitFields = new Set(['last_updated_time']);
		const [a, b] = [book(2), book(3)];
		const trigger = changed();
		await trigger.poll();
		at(HOUR, () => w.sb.bookings.change(a, { notes: 'edited' }));
		expect((await trigger.poll()).ids).toEqual([]);
		w.sb.bookings.change(b, { status: 'cancel' });
		const polled = await trigger.poll();
		expect(polled.ids).toEqual([b]);
		expect(polled.items[0].previous).toEqual({
			status: 'upcoming',
			start_time: w.sb.bookings.get(b)!.start_time,
			staff_id: ASHA,
		});
		// With it (the sandbox's default), an edit is a change.
		w.sb.bookings.omitFields = new Set();
		const withField = changed();
		await withField.poll();
		w.sb.bookings.change(a, { notes: 'edited again' });
		expect((await withField.poll()).ids).toEqual([a]);
	});

	it('per_page served up to 50 (variant: assumption): 120 appointments take 3 calls a poll, none missed', async () => {
		w.sb.bookings.maxPerPage = 50;
		const ids: string[] = [];
		for (let i = 0; i < 120; i++) ids.push(book(1 + i * 0.1));
		const trigger = changed();
		expect((await trigger.poll()).calls).toBe(3);
		w.sb.bookings.change(ids[0], { status: 'cancel' });
		w.sb.bookings.change(ids[75], { status: 'cancel' });
		w.sb.bookings.change(ids[119], { status: 'cancel' });
		const polled = await trigger.poll();
		expect({ ids: polled.ids, calls: polled.calls }).toEqual({
			ids: [ids[0], ids[75], ids[119]],
			calls: 3,
		});
	});

	it('another event or scope starts over with a new baseline instead of reading old fingerprints as changes', async () => {
		const a = book(2);
		const trigger = booked();
		await trigger.poll();
		trigger.set({ event: 'appointmentChanged' });
		expect((await trigger.poll()).ids).toEqual([]);
		w.sb.bookings.change(a, { status: 'cancel' });
		expect((await trigger.poll()).ids).toEqual([a]);
	});

	it('a window of more than 2,000 appointments fails with a message naming the options', async () => {
		for (let i = 0; i < 2001; i++) book(1 + i * 0.01);
		const trigger = booked('oAuth2', { options: { maxPagesPerPoll: 100 } });
		const error = (await trigger.poll().catch((e: unknown) => e)) as Error & {
			description?: string;
		};
		expect(error.message).toBe(
			'The window holds more than 2000 appointments (page 21 of fetchappointment); this trigger can follow at most 20 pages',
		);
		expect(error.description).toContain('Look Ahead (Days)');
		expect(fetchCalls()).toHaveLength(20);
	});
});
