import type { INodeProperties, NodeHint } from 'n8n-workflow';
import { authenticationProperty } from '../../shared/descriptions';
import type { PollCostOptions } from '../../shared/trigger/cost';
import { formatCalls, pollCostHints, pollCostSubtitle } from '../../shared/trigger/cost';
import { triggerOptions } from '../../shared/trigger/description';
import { serviceField, staffField, workspaceField } from '../actions/fields';
import { BOOKINGS_PLANS, DEFAULT_PLAN, accountTimeZoneOption, planOption } from '../helpers/plans';

/** Look Back and Look Ahead defaults, in days around today. */
export const DEFAULT_LOOKBACK_DAYS = 2;
export const DEFAULT_LOOKAHEAD_DAYS = 30;

const COST: PollCostOptions = {
	plans: BOOKINGS_PLANS,
	planPath: 'options.plan',
	defaultPlan: DEFAULT_PLAN,
	// An idle poll reads the window: one call while it holds up to 100 appointments.
	callsPerPoll: 1,
};

/** Under the node's name: "every minute ≈ 1,440 calls a day; Free allows 250". */
export const costSubtitle = pollCostSubtitle(COST);

/** A warning in the node's panel while the Poll Times cost more calls a day than the chosen plan allows. */
export const costHints: NodeHint[] = pollCostHints(
	COST,
	(plan) =>
		`These Poll Times make more calls a day than Zoho Bookings ${plan.name} allows (${formatCalls(plan.callsPerDay)}). Once the limit is reached, this trigger and every other Bookings node of the same user get no answers until midnight in your Bookings time zone. Poll less often, e.g. every 15 minutes (96 calls a day) or every hour (24).`,
);

const plans = BOOKINGS_PLANS.map((plan) => `${plan.name} ${formatCalls(plan.callsPerDay)}`).join(
	', ',
);

export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Appointment Booked',
				value: 'appointmentBooked',
				description: 'A new appointment, emitted once',
			},
			{
				name: 'Appointment Changed',
				value: 'appointmentChanged',
				description:
					'An appointment whose status changes (upcoming, cancelled, completed, no-show) or that is rescheduled',
			},
		],
		default: 'appointmentBooked',
	},
	{
		displayName: `Zoho Bookings allows few API calls a day per user: ${plans} (from 00:00 in your Bookings time zone, shared with every other Bookings node of the user). Each poll reads the appointments in its window, 100 per call: a poll costs 1 call while the window holds up to 100 appointments, 2 up to 200, and so on. Every minute is about 1,440 calls a day, every 5 minutes 288, every 15 minutes 96, every hour 24. The line under the node's name shows what your Poll Times cost against the Plan in Options.`,
		name: 'costNotice',
		type: 'notice',
		default: '',
	},
	{
		...workspaceField,
		description:
			'Only appointments of this workspace. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>. Empty: every workspace.',
	},
	{
		...serviceField,
		required: false,
		description:
			'Only appointments of this service. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>. Empty: every service.',
	},
	{
		...staffField,
		description:
			'Only appointments with this staff member. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>. Empty: every staff member.',
	},
	triggerOptions([
		{
			...accountTimeZoneOption,
			description:
				"Your Bookings time zone (e.g. Asia/Kolkata): the window's days are counted in it, and the daily limit resets at its midnight. Empty: the workflow's time zone.",
		},
		{
			displayName: 'Look Ahead (Days)',
			name: 'lookaheadDays',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 365 },
			default: DEFAULT_LOOKAHEAD_DAYS,
			description:
				'Each poll reads appointments up to the end of this many days after today. An appointment booked for a later date is emitted when its date comes within this window, and changes to it are not seen before then. A longer window costs one more call per poll for each 100 appointments in it.',
		},
		{
			displayName: 'Look Back (Days)',
			name: 'lookbackDays',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 365 },
			default: DEFAULT_LOOKBACK_DAYS,
			description:
				'Each poll reads appointments from 00:00 this many days before today, so appointments marked completed or no-show after they took place are seen. Changes to older appointments are not seen.',
		},
		{
			...planOption,
			description:
				'Your Bookings plan: the node shows what its Poll Times cost a day against it, and a daily-limit error names the limit',
		},
	]),
];
