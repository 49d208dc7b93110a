/**
 * Zoho Bookings Trigger: n8n's trigger conventions in its description, and the pure parts of its
 * appointment window (nodes/ZohoBookings/trigger/appointments.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ZohoBookings } from '../../nodes/ZohoBookings/ZohoBookings.node';
import { ZohoBookingsTrigger } from '../../nodes/ZohoBookings/ZohoBookingsTrigger.node';
import {
	MAX_WINDOW_PAGES,
	appointmentWindow,
	bookingsTime,
} from '../../nodes/ZohoBookings/trigger/appointments';

describe('Zoho Bookings Trigger description', () => {
	const { description } = new ZohoBookingsTrigger();

	it('follows n8n’s polling-trigger conventions', () => {
		expect(description).toMatchObject({
			name: 'zohoBookingsTrigger',
			displayName: 'Zoho Bookings Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
			icon: new ZohoBookings().description.icon,
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials?.map((c) => c.name)).toEqual([
			'zohoRegionalOAuth2Api',
			'zohoSelfClientApi',
		]);
		const event = description.properties.find((p) => p.name === 'event')!;
		const names = (event.options as Array<{ name: string }>).map((o) => o.name);
		expect(names).toEqual(['Appointment Booked', 'Appointment Changed']);
		expect([...names].sort()).toEqual(names);
		const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
			n8n: { nodes: string[] };
		};
		expect(pkg.n8n.nodes).toContain('dist/nodes/ZohoBookings/ZohoBookingsTrigger.node.js');
	});

	it('offers the action node’s Plan option and the window options', () => {
		const options = description.properties.find((p) => p.name === 'options')!;
		const names = (options.options as Array<{ name: string }>).map((o) => o.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'plan',
				'accountTimeZone',
				'lookbackDays',
				'lookaheadDays',
				'includeExistingSince',
				'maxPagesPerPoll',
			]),
		);
		const plan = (options.options as Array<{ name: string; options?: unknown }>).find(
			(o) => o.name === 'plan',
		)!;
		const actionOptions = new ZohoBookings().description.properties.find(
			(p) => p.name === 'options',
		)!;
		const actionPlan = (actionOptions.options as Array<{ name: string; options?: unknown }>).find(
			(o) => o.name === 'plan',
		)!;
		expect(plan.options).toEqual(actionPlan.options);
	});
});

describe('the appointment window', () => {
	it('is whole days around today in the account’s time zone', () => {
		// 2031-03-10 20:00 UTC is 11 March 01:30 in Asia/Kolkata.
		const now = Date.UTC(2031, 2, 10, 20, 0, 0);
		expect(appointmentWindow(now, 'Asia/Kolkata', 2, 30)).toEqual({
			from: '09-Mar-2031 00:00:00',
			to: '10-Apr-2031 23:59:59',
		});
		expect(appointmentWindow(now, 'America/New_York', 0, 0)).toEqual({
			from: '10-Mar-2031 00:00:00',
			to: '10-Mar-2031 23:59:59',
		});
		// Across a year end.
		expect(appointmentWindow(Date.UTC(2031, 11, 31, 12), 'UTC', 1, 1)).toEqual({
			from: '30-Dec-2031 00:00:00',
			to: '01-Jan-2032 23:59:59',
		});
	});

	it('holds at most 2,000 appointments, what the stored state remembers', () => {
		expect(MAX_WINDOW_PAGES).toBe(20);
	});

	it('reads Bookings times in the record’s zone, and the other forms Zoho might use (format UNCERTAIN)', () => {
		const instant = Date.UTC(2031, 2, 10, 4, 30, 0);
		expect(bookingsTime('10-Mar-2031 10:00:00', 'Asia/Kolkata')).toBe(instant);
		expect(bookingsTime('10-mar-2031 10:00', 'Asia/Kolkata')).toBe(instant);
		expect(bookingsTime('2031-03-10T10:00:00+05:30', 'UTC')).toBe(instant);
		expect(bookingsTime(String(instant), 'UTC')).toBe(instant);
		expect(bookingsTime(String(instant / 1000), 'UTC')).toBe(instant);
		expect(bookingsTime(instant, 'UTC')).toBe(instant);
		for (const value of ['', 'yesterday', '31-Feb-2031 10:00:00', null, undefined, {}])
			expect(bookingsTime(value, 'UTC')).toBeUndefined();
	});
});
