/**
 * Calls per poll of the three polling triggers (issue 13), through n8n-core's poll context (the
 * harness's runPoll) against the sandbox: an idle poll, and the polls that emit 1,000 changes.
 * Counted as requests the sandbox received. Target: an idle poll costs 1 call; 1,000 changes cost
 * the pages that hold them, ⌈1,000 / page size⌉, plus the one call any client needs to learn that
 * nothing else changed (Invoice and People lists hold older records after the changed ones).
 * Bookings has no "changed since" filter: every poll reads its window of appointments, so its
 * figure is the window's pages, whatever changed.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runPoll } from '../../test/harness';
import type { Bench } from './world';
import { ORG_ID, UNPACED } from './world';

export interface TriggerCost {
	trigger: string;
	/** Calls of the poll after activation that found nothing. */
	idle: number;
	/** Calls of every poll until all changes were emitted, and how many polls that took. */
	burst: number;
	polls: number;
	emitted: number;
	changes: number;
	/** The fewest calls that can emit the changes (see the header). */
	minimum: number;
}

const TWO_HOURS = 2 * 60 * 60 * 1000;

async function pollAll(
	bench: Bench,
	nodeType: string,
	parameters: INodeParameters,
	credential: { type: string; id: string },
	server: 'api' | 'people',
	staticData: IDataObject | undefined,
	extra: IDataObject = {},
): Promise<{ calls: number; emitted: number; staticData: IDataObject }> {
	const before = bench.sb.findRequests({ server }).length;
	const result = await runPoll({
		nodeType,
		parameters: {
			...parameters,
			options: { rateLimitPerMinute: UNPACED, maxPagesPerPoll: 5, ...extra },
		},
		credentials: { [credential.type]: { id: credential.id, name: credential.id } },
		store: bench.store,
		staticData,
	});
	return {
		calls: bench.sb.findRequests({ server }).length - before,
		emitted: result.output?.[0]?.length ?? 0,
		staticData: result.staticData,
	};
}

async function measure(
	bench: Bench,
	trigger: string,
	nodeType: string,
	parameters: INodeParameters,
	server: 'api' | 'people',
	seedOld: () => void,
	change: () => void,
	minimum: number,
	changes: number,
): Promise<TriggerCost> {
	const phase = bench.phase(`trigger ${trigger}`);
	const credential = { type: phase.credentialType, id: phase.credentialId };
	const clock = (at?: number) => {
		const fn = at === undefined ? undefined : () => new Date(at);
		bench.sb.invoice.setClock(fn);
		bench.sb.people.setClock(fn);
	};
	// Records last changed two hours ago, then activation (cursor at now: nothing emitted).
	clock(Date.now() - TWO_HOURS);
	seedOld();
	clock();
	const params = { authentication: 'oAuth2', ...parameters };
	let state = (await pollAll(bench, nodeType, params, credential, server, undefined)).staticData;
	await new Promise((resolve) => setTimeout(resolve, 1100));
	const idle = await pollAll(bench, nodeType, params, credential, server, state);
	state = idle.staticData;
	change();
	let burst = 0;
	let polls = 0;
	let emitted = 0;
	for (; polls < 20;) {
		const next = await pollAll(bench, nodeType, params, credential, server, state);
		polls++;
		burst += next.calls;
		emitted += next.emitted;
		state = next.staticData;
		if (emitted >= changes && next.emitted === 0) break;
		if (emitted >= changes && polls > 1) break;
	}
	return { trigger, idle: idle.calls, burst, polls, emitted, changes, minimum };
}

export async function measureTriggers(bench: Bench, changes = 1000): Promise<TriggerCost[]> {
	const out: TriggerCost[] = [];
	let contacts: string[] = [];
	out.push(
		await measure(
			bench,
			'Zoho Invoice Trigger (Contact Created or Updated)',
			'zohoInvoiceTrigger',
			{ event: 'contact', organizationId: ORG_ID },
			'api',
			() => {
				contacts = bench.sb.invoice
					.seed('contacts', changes + 200, ORG_ID)
					.map((c) => String(c.contact_id));
			},
			() => {
				for (const id of contacts.slice(0, changes))
					bench.sb.invoice.modify('contacts', id, { notes: 'changed' }, ORG_ID);
			},
			Math.ceil(changes / 200) + 1,
			changes,
		),
	);
	out.push(
		await measure(
			bench,
			'Zoho People Trigger (Record Created or Updated)',
			'zohoPeopleTrigger',
			{ event: 'recordChanged', form: 'department' },
			'people',
			() => bench.sb.people.seedRecords('department', 200),
			() => bench.sb.people.seedRecords('department', changes),
			Math.ceil(changes / 200) + 1,
			changes,
		),
	);
	out.push(await measureBookings(bench, changes));
	return out;
}

/**
 * Bookings: every poll reads the window. Idle: the sandbox's own few appointments (one page); then
 * `changes` appointments booked in the window, which every poll then reads (⌈changes / 100⌉ pages,
 * spread over polls by Max Pages per Poll).
 */
async function measureBookings(bench: Bench, changes: number): Promise<TriggerCost> {
	const phase = bench.phase('trigger Bookings');
	const credential = { type: phase.credentialType, id: phase.credentialId };
	const params = { authentication: 'oAuth2', event: 'appointmentBooked' };
	const zone = { accountTimeZone: 'Asia/Kolkata' };
	const poll = (state?: IDataObject) =>
		pollAll(bench, 'zohoBookingsTrigger', params, credential, 'api', state, zone);
	let state = (await poll()).staticData;
	const idle = await poll(state);
	state = idle.staticData;
	const day = 86_400_000;
	for (let i = 0; i < changes; i++) {
		bench.sb.bookings.book({
			start: new Date(Date.now() + day * (1 + (i % 25)) + 15 * 60_000 * (i % 32)),
		});
	}
	let burst = 0;
	let polls = 0;
	let emitted = 0;
	while (polls < 10 && emitted < changes) {
		const next = await poll(state);
		polls++;
		burst += next.calls;
		emitted += next.emitted;
		state = next.staticData;
	}
	return {
		trigger: 'Zoho Bookings Trigger (Appointment Booked)',
		idle: idle.calls,
		burst,
		polls,
		emitted,
		changes,
		minimum: Math.ceil((changes + 1) / 100),
	};
}
