/**
 * Quota at a glance (issue 15): when Zoho's answers carry the daily counter (`x-rate-limit-*`,
 * seen on Zoho's finance APIs, docs/reference/updates-2026-12.md) and less than a fifth of the day's
 * calls are left, the node adds an execution hint saying how many, of how many, and when the count
 * resets. Assumption: the sandbox does not send these headers by itself; each test adds them to
 * the real answers.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunNodeResult } from '../harness';
import type { World } from './world';
import { useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
});

/** Adds headers to every real answer of a server until the test ends. */
function withHeaders(server: 'api' | 'people', headers: Record<string, string>): void {
	const remove = w.sb.overrideReplies({
		server,
		reply: async (r, real) => {
			const answer = await real(r);
			return { ...answer, headers: { ...(answer.headers ?? {}), ...headers } };
		},
	});
	afterEachOnce.push(remove);
}
const afterEachOnce: Array<() => void> = [];
afterEach(() => {
	for (const remove of afterEachOnce.splice(0)) remove();
});

function hintsOf(result: RunNodeResult): IDataObject[] {
	const task = result.runData.Node?.at(-1) as { hints?: IDataObject[] } | undefined;
	return task?.hints ?? [];
}

const listContacts: INodeParameters = {
	resource: 'contact',
	operation: 'getAll',
	organizationId: ORG,
	returnAll: false,
	limit: 1,
};

describe('execution hint when few daily calls are left', () => {
	const resetAt = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 7_200_000);

	it('Invoice: "412 of 5,000 daily calls left; resets at HH:MM UTC" from the headers, once per execution', async () => {
		const reset = resetAt();
		withHeaders('api', {
			'x-rate-limit-limit': '5000',
			'x-rate-limit-remaining': '412',
			'x-rate-limit-reset': String(reset.getTime() / 1000),
		});
		const result = await w.run('oAuth2', listContacts, { items: [{}, {}, {}] });
		expect(result.error).toBeUndefined();
		expect(hintsOf(result)).toEqual([
			{
				message: `Zoho Invoice: 412 of 5,000 daily calls left; resets at ${reset.toISOString().slice(11, 16)} UTC`,
				type: 'warning',
				location: 'outputPane',
			},
		]);
		expect(w.apiCalls('/invoice/v3/contacts')).toBe(3);
	});

	it('says nothing at a fifth or more left (1,000 of 5,000), and says it below (999)', async () => {
		withHeaders('api', { 'x-rate-limit-limit': '5000', 'x-rate-limit-remaining': '1000' });
		expect(hintsOf(await w.run('oAuth2', listContacts))).toEqual([]);
		for (const remove of afterEachOnce.splice(0)) remove();
		withHeaders('api', { 'x-rate-limit-limit': '5000', 'x-rate-limit-remaining': '999' });
		expect(hintsOf(await w.run('oAuth2', listContacts)).map((h) => h.message)).toEqual([
			'Zoho Invoice: 999 of 5,000 daily calls left',
		]);
	});

	it('says nothing when Zoho sends no counter (no call is spent to ask)', async () => {
		const result = await w.run('oAuth2', listContacts);
		expect(hintsOf(result)).toEqual([]);
		expect(w.apiCalls()).toBe(1);
	});

	it("Bookings: only what is left is sent; the limit is the chosen plan's, the reset the account's midnight", async () => {
		withHeaders('api', { 'x-rate-limit-remaining': '40' });
		const result = await w.run(
			'oAuth2',
			{
				resource: 'workspace',
				operation: 'getAll',
				options: { plan: 'free', accountTimeZone: 'Asia/Kolkata' },
			},
			{ nodeType: 'zohoBookings' },
		);
		expect(result.error).toBeUndefined();
		expect(hintsOf(result).map((h) => h.message)).toEqual([
			'Zoho Bookings: 40 of 250 daily calls left; resets at 00:00 Asia/Kolkata',
		]);
	});
});
