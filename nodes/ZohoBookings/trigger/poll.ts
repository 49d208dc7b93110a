import { eventParameter } from '../../shared/trigger/description';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { instantOf, parseIsoDate } from '../../shared/dates';
import { idValue, numberParameter, positiveInteger } from '../../shared/parameters';
import { pollParameters, pollSettings } from '../../shared/settings';
import { pollCostText } from '../../shared/trigger/cost';
import { DEFAULT_PAGES_PER_POLL } from '../../shared/trigger/description';
import { pollBudgetMs, pollChanges } from '../../shared/trigger/poll';
import { readState } from '../../shared/trigger/pollState';
import { ZohoQuotaError } from '../../shared/transport/errors';
import { BOOKINGS_PLANS, DAILY_LIMITS, DEFAULT_PLAN } from '../helpers/plans';
import { BookingsSession } from '../transport';
import type { BookingsEvent } from './appointments';
import { AppointmentSource, appointmentWindow } from './appointments';
import { DEFAULT_LOOKAHEAD_DAYS, DEFAULT_LOOKBACK_DAYS } from './description';

/** Static data key of what the stored state was built for (event and scope). */
const CONFIG_KEY = 'zohoBookingsTrigger';

function timeZoneOption(ctx: IPollFunctions): string {
	const raw = ctx.getNodeParameter('options.accountTimeZone', '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
		return ctx.getTimezone();
	const zone = typeof raw === 'string' ? raw.trim() : '';
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		if (zone) return zone;
	} catch {
		// named below
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`"Account Time Zone" is not a known time zone: "${String(raw)}"`,
		{ description: 'Use an IANA time zone name such as Asia/Kolkata or Europe/Berlin.' },
	);
}

/** Include Existing Records Since as ms; a time without an offset is read in `zone`. */
function includeExistingFrom(ctx: IPollFunctions, zone: string): number | undefined {
	const raw = ctx.getNodeParameter('options.includeExistingSince', '') as unknown;
	if (raw === undefined || raw === null || raw === '') return undefined;
	let text: string | undefined;
	if (typeof raw === 'string') text = raw;
	else if (raw instanceof Date) text = Number.isNaN(raw.getTime()) ? undefined : raw.toISOString();
	else if (typeof (raw as { toISO?: unknown }).toISO === 'function') {
		const iso = (raw as { toISO: () => unknown }).toISO();
		text = typeof iso === 'string' ? iso : undefined;
	}
	const date = text === undefined ? undefined : parseIsoDate(text);
	if (!date) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"Include Existing Records Since" is not a valid date: ${JSON.stringify(raw)}`,
			{ description: 'Use an ISO date such as 2031-03-10 or 2031-03-10T09:30:00.' },
		);
	}
	return instantOf(date, zone);
}

/**
 * The Zoho Bookings Trigger's poll(): reads the window of appointments for the chosen event and
 * scope, and emits what the shared poll (nodes/shared/trigger/poll.ts) says is new.
 */
export async function pollAppointments(
	ctx: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const params = pollParameters(ctx);
	const event = eventParameter<BookingsEvent>(
		ctx,
		['appointmentBooked', 'appointmentChanged'],
		'appointmentBooked',
	);
	const scope = {
		workspaceId: idValue(
			params,
			ctx.getNodeParameter('workspaceId', ''),
			'Workspace Name or ID',
			0,
		),
		serviceId: idValue(params, ctx.getNodeParameter('serviceId', ''), 'Service Name or ID', 0),
		staffId: idValue(params, ctx.getNodeParameter('staffId', ''), 'Staff Name or ID', 0),
	};
	const days = (name: string, displayName: string, fallback: number) =>
		numberParameter(params, `options.${name}`, 0, displayName, {
			fallback,
			min: 0,
			max: 365,
			integer: true,
			forItem: false,
		});
	const lookback = days('lookbackDays', 'Look Back (Days)', DEFAULT_LOOKBACK_DAYS);
	const lookahead = days('lookaheadDays', 'Look Ahead (Days)', DEFAULT_LOOKAHEAD_DAYS);
	const maxPages = positiveInteger(params, 'options.maxPagesPerPoll', 0, 'Max Pages per Poll', {
		fallback: DEFAULT_PAGES_PER_POLL,
		max: 100,
		forItem: false,
	});
	const planValue = ctx.getNodeParameter('options.plan', DEFAULT_PLAN) as string;
	const plan =
		BOOKINGS_PLANS.find((p) => p.value === planValue) ??
		BOOKINGS_PLANS.find((p) => p.value === DEFAULT_PLAN)!;
	const zone = timeZoneOption(ctx);
	const accountZone = ctx.getNodeParameter('options.accountTimeZone', '') as string;

	const budget = pollBudgetMs(ctx);
	const session = new BookingsSession(ctx, {
		...pollSettings(ctx, budget),
		dailyLimit: DAILY_LIMITS[plan.value],
		timeZone: accountZone ? zone : undefined,
	});

	// The state belongs to one event and scope: another choice starts over (with a new baseline),
	// or its fingerprints would all read as changes.
	// A manual test never touches the static data (not even to create the node's entry).
	const stored = ctx.getMode() === 'manual' ? {} : ctx.getWorkflowStaticData('node');
	const config = JSON.stringify([event, scope.workspaceId, scope.serviceId, scope.staffId]);
	if (stored[CONFIG_KEY] !== config) {
		delete stored.zohoPoll;
		stored[CONFIG_KEY] = config;
	}
	const existingSince = includeExistingFrom(ctx, zone);
	const source = new AppointmentSource(session, {
		event,
		window: appointmentWindow(Date.now(), zone, lookback, lookahead),
		zone,
		scope,
		seenBefore: readState(stored)?.seen ?? {},
		existingSince,
		node: ctx.getNode(),
	});
	const answer = await pollChanges(ctx, source, {
		includeExistingFrom: existingSince,
		maxPages,
		sample: async () => await source.sample(),
	}).then(
		(output) => ({ output }),
		(error: unknown) => ({ error }),
	);
	if (!('error' in answer)) return answer.output;
	const { error } = answer;
	if (error instanceof ZohoQuotaError && error.quota.kind === 'daily') {
		// Say what the Poll Times cost against the plan, so the user can poll less often.
		const pollTimes = ctx.getNodeParameter('pollTimes', {}) as IDataObject;
		const cost = `Poll Times: ${pollCostText(pollTimes, plan)} (1 call per poll while the window holds up to 100 appointments).`;
		error.description = error.description ? `${error.description} ${cost}` : cost;
	}
	throw error;
}
