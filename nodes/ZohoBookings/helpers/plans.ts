import type { INodeProperties } from 'n8n-workflow';
import type { QuotaPlan } from '../../shared/trigger/cost';

/**
 * Bookings plans and their daily API calls per user ([O] update-appointment.html and
 * fetch-availability.html "API Limits", docs/reference/zoho-api.md §5). Counted "between 00:00 and
 * 23:59 hours in the respective time zones"; authorization requests do not count.
 */
export const BOOKINGS_PLANS: QuotaPlan[] = [
	{ value: 'free', name: 'Free', callsPerDay: 250 },
	{ value: 'basic', name: 'Basic', callsPerDay: 1000 },
	{ value: 'premium', name: 'Premium', callsPerDay: 3000 },
	{ value: 'zohoOne', name: 'Zoho One', callsPerDay: 3000 },
];

export const DEFAULT_PLAN = 'free';

/** Calls per user per day by plan. */
export const DAILY_LIMITS: Record<string, number> = Object.fromEntries(
	BOOKINGS_PLANS.map((plan) => [plan.value, plan.callsPerDay]),
);

/** The Plan option of the Bookings nodes. */
export const planOption: INodeProperties = {
	displayName: 'Plan',
	name: 'plan',
	type: 'options',
	options: [
		{ name: 'Basic (1000 Calls a Day)', value: 'basic' },
		{ name: 'Free (250 Calls a Day)', value: 'free' },
		{ name: 'Premium (3000 Calls a Day)', value: 'premium' },
		{ name: 'Zoho One (3000 Calls a Day)', value: 'zohoOne' },
	],
	default: DEFAULT_PLAN,
	description: 'Your Bookings plan, so a daily-limit error can name the limit',
};

/** The Account Time Zone option of the Bookings nodes. */
export const accountTimeZoneOption: INodeProperties = {
	displayName: 'Account Time Zone',
	name: 'accountTimeZone',
	type: 'string',
	default: '',
	placeholder: 'Asia/Kolkata',
	description:
		"Bookings counts calls per day in the account's time zone; used to say when the limit resets",
};
