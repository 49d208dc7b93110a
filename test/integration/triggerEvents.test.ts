/**
 * A trigger whose Event is not one it knows (a typo in an expression, a value from another
 * version) fails with the known events, before any call, on every trigger.
 */
import { runPoll } from '../harness';
import type { World } from './world';
import { OAUTH_CRED, useWorld } from './world';

const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
});

describe.each([
	['zohoInvoiceTrigger', { organizationId: '60012345678' }, 'Got "booked".'],
	[
		'zohoPeopleTrigger',
		{ form: 'department' },
		'Got "booked"; known: leaveRequested, leaveStatusChanged, attendanceEntry, recordChanged.',
	],
	['zohoBookingsTrigger', {}, 'Got "booked"; known: appointmentBooked, appointmentChanged.'],
])('%s with an unknown Event', (nodeType, parameters, description) => {
	it('fails naming the known events, and sends nothing', async () => {
		const sent = w.sb.findRequests().length;
		await expect(
			runPoll({
				nodeType,
				parameters: { authentication: 'oAuth2', event: 'booked', ...parameters },
				credentials: { zohoRegionalOAuth2Api: OAUTH_CRED },
				store: w.store,
			}),
		).rejects.toMatchObject({ message: '"Event" is not a known event', description });
		expect(w.sb.findRequests().length).toBe(sent);
	});
});
