/**
 * The polling triggers in a real n8n (2.8.4 on Node 20 and 2.41.1 on Node 24), as users run them:
 * active workflows on `n8n start`, polled by n8n's own scheduler every minute, against the Zoho
 * sandbox as its own process.
 *
 * Per line: records exist before activation; the workflows are activated (n8n polls once at once);
 * records change, and at least two polls run; n8n is stopped and started again on the same user
 * folder (the cursor is in the workflow's static data in n8n's database); records change again and
 * more polls run. Read from n8n's executions: every change is emitted exactly once, and nothing that
 * existed before activation is emitted.
 *
 * Each poll is a minute apart (n8n refuses shorter Poll Times), so a line takes about four minutes.
 * Skip with ZOHO_E2E=0. Limit lines with ZOHO_E2E_LINES=2.8 (comma separated).
 */
import { randomUUID } from 'node:crypto';
import {
	INSTALL_TIMEOUT_MS,
	PACKAGE,
	createUserFolder,
	describeE2E,
	ensureN8n,
	importCredentials,
	removeUserFolders,
	startN8nServer,
	startSandboxProcess,
	stopAll,
	type N8nServer,
	type SandboxProcess,
} from './n8n';
import {
	N8nRest,
	N8nRestError,
	activateWorkflow,
	createWorkflow,
	listExecutions,
	parseFlatted,
	waitUntilPublished,
} from './rest';
import {
	CLIENT_ID,
	control,
	controlGet,
	oauthCredential,
	selectedLines,
	type CredRef,
} from './workflows';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** How long one phase may wait for its polls: two scheduler minutes and the poll itself. */
const PHASE_TIMEOUT_MS = 150_000;
const LINE_TIMEOUT_MS = 12 * 60_000;

/** The items a trigger emitted in one execution (its runData). */
async function emittedItems(rest: N8nRest, executionId: string, node: string): Promise<any[]> {
	const execution = await rest.data<any>('GET', `/rest/executions/${executionId}`);
	const data = typeof execution.data === 'string' ? parseFlatted(execution.data) : execution.data;
	const runs = data?.resultData?.runData?.[node] ?? [];
	return runs.flatMap((run: any) => (run.data?.main?.[0] ?? []).map((item: any) => item.json));
}

interface TriggerCase {
	/** Workflow and node name. */
	name: string;
	nodeType: string;
	parameters: Record<string, unknown>;
	/** The key a change is identified by in an emitted item, e.g. "<booking id>:<status>". */
	keyOf(item: any): string;
}

const cred: CredRef = {
	type: 'zohoRegionalOAuth2Api',
	id: 'zohoTriggersOauth1',
	name: 'Zoho OAuth2 (triggers)',
};

const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };

const ORG = '60012345678';

const CASES: TriggerCase[] = [
	{
		name: 'People Departments',
		nodeType: `${PACKAGE}.zohoPeopleTrigger`,
		parameters: { event: 'recordChanged', form: 'department' },
		keyOf: (item) => String(item.recordId),
	},
	{
		name: 'Invoice Contacts',
		nodeType: `${PACKAGE}.zohoInvoiceTrigger`,
		parameters: { event: 'contact', organizationId: ORG },
		keyOf: (item) => `${String(item.contact_id)}:${String(item.contact_name)}`,
	},
	{
		name: 'Bookings Booked',
		nodeType: `${PACKAGE}.zohoBookingsTrigger`,
		parameters: { event: 'appointmentBooked', options: { accountTimeZone: 'Asia/Kolkata' } },
		keyOf: (item) => `${String(item.booking_id)}:booked`,
	},
	{
		name: 'Bookings Changed',
		nodeType: `${PACKAGE}.zohoBookingsTrigger`,
		parameters: { event: 'appointmentChanged', options: { accountTimeZone: 'Asia/Kolkata' } },
		keyOf: (item) => `${String(item.booking_id)}:${String(item.status)}`,
	},
];

/** Tomorrow's date at `hour` in the sandbox's Bookings zone, as Bookings writes it. */
function tomorrowAt(hour: number): string {
	const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
	const d = new Date(Date.now() + 86_400_000);
	const day = String(d.getUTCDate()).padStart(2, '0');
	return `${day}-${months[d.getUTCMonth()]}-${d.getUTCFullYear()} ${String(hour).padStart(2, '0')}:00:00`;
}

describeE2E.each(selectedLines)('polling triggers in n8n %s (e2e)', (line) => {
	let sb: SandboxProcess;
	let home: string;
	let server: N8nServer | undefined;
	let rest: N8nRest;
	const workflows = new Map<string, { id: string; versionId: string }>();
	/** What each workflow must emit, exactly once each, by the end. */
	const expected = new Map<string, Set<string>>(CASES.map((c) => [c.name, new Set<string>()]));
	/** Records that existed before activation: never emitted. */
	let before: string[] = [];

	async function startServer(): Promise<void> {
		server = await startN8nServer(line, home);
		rest = new N8nRest(server.url);
	}

	/** Every key each workflow emitted so far, from all its executions. */
	async function emitted(): Promise<Map<string, string[]>> {
		const out = new Map<string, string[]>();
		for (const c of CASES) {
			const wf = workflows.get(c.name)!;
			const { results } = await listExecutions(rest, wf.id);
			const keys: string[] = [];
			for (const e of results) {
				// A poll's execution still running is read at the next look.
				if (e.status === 'new' || e.status === 'running') continue;
				expect({ workflow: c.name, status: e.status }).toEqual({
					workflow: c.name,
					status: 'success',
				});
				keys.push(...(await emittedItems(rest, e.id, c.name)).map((item) => c.keyOf(item)));
			}
			out.set(c.name, keys.sort());
		}
		return out;
	}

	/** Waits until every workflow has emitted all it is expected to, or the phase times out. */
	async function waitForPolls(): Promise<Map<string, string[]>> {
		const deadline = Date.now() + PHASE_TIMEOUT_MS;
		for (;;) {
			// Right after a restart n8n answers /rest/login before it has registered every route (404),
			// and 2.41 may refuse a session made in those first seconds (401): log in again.
			const now = await emitted().catch(async (error: unknown) => {
				if (!(error instanceof N8nRestError) || Date.now() >= deadline) throw error;
				if (error.response.status === 401) await rest.login();
				else if (error.response.status !== 404) throw error;
				return undefined;
			});
			if (now === undefined) {
				await new Promise((resolve) => setTimeout(resolve, 2000));
				continue;
			}
			const done = CASES.every((c) =>
				[...expected.get(c.name)!].every((k) => now.get(c.name)!.includes(k)),
			);
			if (done || Date.now() > deadline) return now;
			await new Promise((resolve) => setTimeout(resolve, 5000));
		}
	}

	const book = async (hour: number) =>
		(
			await control<{ appointment: any }>(sb, 'bookings-book', {
				start: tomorrowAt(hour),
				customer: { name: `E2E ${hour}`, email: `e2e${hour}@example.com` },
			})
		).appointment.booking_id as string;
	const setStatus = async (id: string, status: string) =>
		await control(sb, 'bookings-change', { booking_id: id, status });
	const renameContact = async (id: string, name: string) => {
		await control(sb, 'invoice-update', {
			resource: 'contacts',
			id,
			fields: { contact_name: name },
			orgId: ORG,
		});
		expected.get('Invoice Contacts')!.add(`${id}:${name}`);
	};
	const newDepartments = async (n: number) => {
		const { ids } = await control<{ ids: string[] }>(sb, 'people-seed', { form: 'department', n });
		for (const id of ids) expected.get('People Departments')!.add(id);
	};
	/** Two contacts that exist before activation, read over the sandbox's Zoho API. */
	let contacts: string[] = [];
	async function firstContacts(): Promise<string[]> {
		const { access_token } = await control<{ access_token: string }>(sb, 'access-token', {
			clientId: CLIENT_ID,
		});
		const res = await fetch(`${sb.api}/invoice/v3/contacts?page=1&per_page=2`, {
			headers: {
				Authorization: `Zoho-oauthtoken ${access_token}`,
				'X-com-zoho-invoice-organizationid': ORG,
			},
		});
		const body = (await res.json()) as { contacts: Array<{ contact_id: string }> };
		return body.contacts.map((c) => String(c.contact_id));
	}

	beforeAll(async () => {
		await ensureN8n(line);
		sb = await startSandboxProcess();
		home = await createUserFolder(`triggers-${line}`);
		await importCredentials(line, home, [await oauthCredential(sb, cred)]);
		// Records before activation.
		before = [await book(9), await book(10)];
		contacts = await firstContacts();
		await control(sb, 'people-seed', { form: 'department', n: 3 });
		expect(contacts).toHaveLength(2);
		await startServer();
		await rest.setupOwner();
		for (const c of CASES) {
			const wf = await createWorkflow(rest, {
				name: c.name,
				nodes: [
					{
						id: randomUUID(),
						name: c.name,
						type: c.nodeType,
						typeVersion: 1,
						position: [0, 0],
						parameters: { pollTimes: EVERY_MINUTE, ...c.parameters },
						credentials: { [cred.type]: { id: cred.id, name: cred.name } },
					},
				],
				connections: {},
			});
			await activateWorkflow(rest, wf);
			await waitUntilPublished(rest, wf);
			workflows.set(c.name, wf);
		}
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await server?.stop();
		await stopAll();
		removeUserFolders();
	}, 120_000);

	it(
		'emits every change once across polls and a restart of n8n, and nothing from before activation',
		async () => {
			// Phase 1: two new bookings, a renamed contact, two new departments.
			const a = await book(11);
			const b = await book(12);
			const bookedAt = Date.now();
			await renameContact(contacts[0], 'E2E One');
			await newDepartments(2);
			expected.get('Bookings Booked')!.add(`${a}:booked`).add(`${b}:booked`);
			await waitForPolls();

			// Phase 2: one of them cancelled, and a booking from before activation completed. (A
			// booking made and cancelled between two polls is only "booked" to Appointment Changed:
			// docs/trigger-bookings.md.)
			// Each workflow polls at its own second of the minute (n8n adds a random one), so Appointment
			// Changed may see b for the first time already cancelled: it counts it as a change when
			// Zoho's update time is over a minute after the booking (CREATION_SLACK_MS).
			await new Promise((resolve) =>
				setTimeout(resolve, Math.max(0, bookedAt + 65_000 - Date.now())),
			);
			await setStatus(b, 'cancel');
			await setStatus(before[0], 'completed');
			await renameContact(contacts[1], 'E2E Two');
			await newDepartments(1);
			expected.get('Bookings Changed')!.add(`${b}:cancel`).add(`${before[0]}:completed`);
			await waitForPolls();

			// Restart: the cursor comes back from n8n's database.
			await server!.stop();
			await startServer();
			await rest.login();
			const c = await book(13);
			expected.get('Bookings Booked')!.add(`${c}:booked`);
			await setStatus(a, 'completed');
			await renameContact(contacts[0], 'E2E Three');
			await newDepartments(1);
			expected.get('Bookings Changed')!.add(`${a}:completed`);
			const final = await waitForPolls();

			for (const tc of CASES) {
				expect({ workflow: tc.name, emitted: final.get(tc.name) }).toEqual({
					workflow: tc.name,
					emitted: [...expected.get(tc.name)!].sort(),
				});
			}
			// Nothing that existed before activation, as it was then.
			expect(
				final.get('Bookings Booked')!.filter((k) => before.some((id) => k.startsWith(id))),
			).toEqual([]);
			// Five bookings made by this test, each once.
			const appointments = await controlGet<any[]>(sb, 'bookings-appointments');
			const mine = [...before, a, b, c];
			expect(appointments.filter((x) => mine.includes(String(x.booking_id))).length).toBe(5);
		},
		LINE_TIMEOUT_MS,
	);
});
/* eslint-enable @typescript-eslint/no-explicit-any */
