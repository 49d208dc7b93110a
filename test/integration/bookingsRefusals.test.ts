/**
 * A Bookings refusal worded "unauthorized" is about the request, not the token: sent once, no token
 * request (nodes/ZohoBookings/transport/profile.ts BOOKINGS_TOKEN_WORDS). Assumption: the wording of
 * such a refusal inside a success envelope is the sandbox's choice; Zoho documents no list of them.
 */
import { KITS, overrideReplies } from './faultKit';
import type { World } from './world';
import { jsonOf, useWorld } from './world';

const K = KITS.Bookings;
const world = useWorld(1);
let w: World;
let restore: (() => void) | undefined;
beforeEach(() => {
	w = world();
	K.setup(w);
});
afterEach(() => restore?.());

it('a 200 refusal of a booking worded "unauthorized" is sent once, fails with Zoho\'s words, and costs no token request', async () => {
	// A token first, so that any later token request would be a renewal.
	await w.run('oAuth2', K.primeParams, { nodeType: K.nodeType });
	w.sb.clearRequests();
	const message = 'Staff is unauthorized to accept bookings for this service';
	restore = overrideReplies(
		w.sb.bookings,
		(r) => r.method === 'POST' && r.path === K.writePath,
		{
			status: 200,
			headers: { 'content-type': 'application/json;charset=UTF-8' },
			body: JSON.stringify({
				response: { returnvalue: { status: 'failure', message }, status: 'success' },
			}),
		},
		5,
	);
	const result = await w.run('oAuth2', K.writeParams, {
		nodeType: K.nodeType,
		items: K.writeItems(1),
		continueOnFail: true,
	});
	const [out] = jsonOf(result);
	expect(String(out.error)).toContain(message);
	expect(String(out.error)).not.toMatch(/renewed/i);
	expect(w.sb.findRequests({ server: 'api', pathIncludes: K.writePath })).toHaveLength(1);
	expect(w.sb.findRequests({ server: 'accounts', pathIncludes: '/oauth/v2/token' })).toHaveLength(
		0,
	);
}, 30_000);
