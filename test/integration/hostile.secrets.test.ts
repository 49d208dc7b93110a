/**
 * Hostile servers, part 3: echo servers. The API and the token endpoint answer errors that repeat
 * the request's Authorization header, query string and body, so the access token, grant code,
 * refresh token and client secret come back inside Zoho's "own words". Contract: no secret appears
 * anywhere in the execution as n8n stores it (every string reachable from `executionData`, including
 * non-enumerable own properties of errors: message, description, messages, context, cause,
 * errorResponse, stack) or in the logs, in stop mode and with continue-on-fail, including an access
 * token obtained during the same run (Self Client first use). Each test uses its own credential copies.
 *
 * Results against the code before the transport hardening (commit 80dcbeb, run 2026-12):
 *
 * | test | fails today? | observed |
 * |---|---|---|
 * | oAuth2, stop mode: 9 API / People / Bookings echoes | yes | access token in error.errorResponse.message and error.zohoMessage (own properties redactError does not scrub), also in runData's error |
 * | oAuth2, stop mode: token-endpoint echo oauth 400 / 200 / 401 | yes | client secret and refresh token in error.errorResponse.code/.message, error.zohoCode/.zohoMessage |
 * | oAuth2, stop mode: token-endpoint echo text 500, json 400 | no | n8n's refresh error keeps no body text (pins the contract) |
 * | oAuth2, continue-on-fail: all 14 | no | the error item is built from scrubbed fields (pins the contract) |
 * | selfClient, stop mode: API echo json 400, text 400, code 4 in 200, create 400 | yes | the access token minted in this run (not in the redaction list) in message, description, messages, context, stack, errorResponse |
 * | selfClient, stop mode: API echo json 500, text 200 | yes | access token in error.errorResponse.message and error.zohoMessage |
 * | selfClient, stop mode: token-endpoint echo oauth 400 / 200 / 401, pasted refresh token | yes | client secret and grant code / refresh token in errorResponse.code/.message, zohoCode, zohoMessage |
 * | selfClient, stop mode: API json 401, People, Bookings, token text 500, token json 400 | no | pins the contract |
 * | selfClient, continue-on-fail: API echo json 400, text 400, code 4 in 200, create 400 | yes | the minted access token in the item's error, description and zohoMessage |
 * | selfClient, continue-on-fail: the other 11 | no | pins the contract |
 */
import type { INodeParameters } from 'n8n-workflow';
import { harnessLogs } from '../harness';
import type { EchoFormat, FaultSpec, RecordedRequest } from '../sandbox';
import { KITS } from './faultKit';
import { findLeaks } from './secretWalk';
import type { Auth, World } from './world';
import { listContacts, useWorld } from './world';
import { ORG, isolate, leaksIn, rememberMinted, runAs, type CredRefs } from './hostileKit';

const once = (options: INodeParameters = {}) =>
	listContacts({ returnAll: false, limit: 1, organizationId: ORG, options });
const create = {
	resource: 'customApiCall',
	operation: 'request',
	method: 'POST',
	path: '/contacts',
	organizationId: ORG,
	bodyFormat: 'json',
	body: '{"contact_name":"Echo Co"}',
};

const world = useWorld(3);
let w: World;
beforeEach(() => {
	w = world();
});

interface Scenario {
	name: string;
	fault: Omit<FaultSpec, 'kind'> & { format: EchoFormat; status: number };
	params: INodeParameters;
	nodeType?: string;
	/** Which token request the run needs first ('api' = none, the stored token is used). */
	token?: 'expired';
	/** Self Client only: start from a pasted refresh token instead of a grant code. */
	selfClientRefresh?: boolean;
}

const api = (
	format: EchoFormat,
	status: number,
	{ name = '', ...extra }: Partial<Scenario> = {},
): Scenario => ({
	name: `API echo, ${format} body, HTTP ${status}${name}`,
	fault: { server: 'api', pathIncludes: '/contacts', format, status, times: Infinity },
	params: once(),
	...extra,
});

const token = (
	format: EchoFormat,
	status: number,
	{ name = '', ...extra }: Partial<Scenario> = {},
): Scenario => ({
	name: `token-endpoint echo, ${format} body, HTTP ${status}${name}`,
	fault: { server: 'accounts', pathIncludes: '/oauth/v2/token', format, status, times: Infinity },
	params: once(),
	token: 'expired',
	...extra,
});

const SCENARIOS: Scenario[] = [
	api('json', 400),
	api('json', 500),
	api('text', 400),
	api('text', 200),
	api('json', 200, { name: ' (code 4 inside a 200)' }),
	// 401 makes the node renew and send again: the renewed token is echoed too.
	api('json', 401),
	{ ...api('json', 400), name: 'API echo on a create, json body, HTTP 400', params: create },
	{
		name: 'People echo, people envelope, HTTP 200',
		fault: { server: 'people', format: 'people', status: 200, times: Infinity },
		params: KITS.People.primeParams,
		nodeType: KITS.People.nodeType,
	},
	{
		name: 'Bookings echo, bookings envelope, HTTP 200',
		fault: {
			server: 'api',
			pathIncludes: '/bookings/',
			format: 'bookings',
			status: 200,
			times: Infinity,
		},
		params: KITS.Bookings.primeParams,
		nodeType: KITS.Bookings.nodeType,
	},
	token('oauth', 400),
	token('oauth', 200),
	token('oauth', 401),
	token('text', 500),
	token('json', 400),
	token('oauth', 400, { name: ' (Self Client pasted refresh token)', selfClientRefresh: true }),
];

/** True when at least one request that reached the echo carried a secret (so the scenario can leak). */
function echoedSomething(fault: Scenario['fault'], requests: RecordedRequest[]): boolean {
	const hits = requests.filter(
		(r) =>
			r.server === fault.server &&
			(fault.pathIncludes === undefined || r.url.includes(fault.pathIncludes)),
	);
	return (
		findLeaks(
			hits.map((r) => ({ a: r.headers.authorization, u: r.url, b: r.rawBody })),
			w.secrets,
		).length > 0
	);
}

async function runScenario(
	s: Scenario,
	auth: Auth,
	continueOnFail: boolean,
): Promise<{ refs: CredRefs; leaks: string[] }> {
	if (auth === 'selfClient' && s.selfClientRefresh)
		w.resetCredentials({ grantCode: false, refreshToken: true });
	const refs = isolate(w);
	if (s.token === 'expired') w.sb.expireAccessTokens();
	w.sb.clearRequests();
	w.sb.injectFault({ ...s.fault, kind: 'echo' });
	harnessLogs.length = 0; // only this run's logs count
	const result = await runAs(w, refs, auth, s.params, { continueOnFail, nodeType: s.nodeType });
	rememberMinted(w, refs);
	// The run failed (an error item or a stopped run), and the echo saw at least one secret.
	if (continueOnFail) expect(JSON.stringify(result.output ?? [])).toContain('"error"');
	else expect(result.error).toBeDefined();
	expect(echoedSomething(s.fault, w.sb.requests)).toBe(true);
	return { refs, leaks: leaksIn(w, refs, result).map((l) => `${l.secret} at ${l.path}`) };
}

describe.each<Auth>(['oAuth2', 'selfClient'])(
	'echoed secrets never reach the execution (%s)',
	(auth) => {
		describe.each([
			['stop mode', false],
			['continue-on-fail', true],
		])('%s', (_mode, continueOnFail) => {
			it.each(
				SCENARIOS.filter((s) => !(s.selfClientRefresh && auth === 'oAuth2')).map(
					(s) => [s.name, s] as const,
				),
			)('%s', async (_name, s) => {
				const { leaks } = await runScenario(s, auth, continueOnFail);
				expect(leaks).toEqual([]);
			});
		});
	},
);
