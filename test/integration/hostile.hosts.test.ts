/**
 * Hostile configuration, part 4: where a token may go and how it is sent. Contracts: a Custom data
 * center refuses plain http:// URLs except loopback, before any request; an OAuth2 token is never
 * sent to hosts other than those of the data center it was obtained for; an invalid-scope answer is
 * not a token expiry (no renewal) and names the credential option to change; and (pending the
 * lead's decision for OAuth2) both flows send `Authorization: Zoho-oauthtoken <token>`.
 * A connection jail (hostileKit.jailConnections) refuses every non-loopback connection, so nothing
 * leaves the machine even where today's code tries.
 *
 * Results against the code before the transport hardening (commit 80dcbeb, run 2026-12):
 *
 * | test | fails today? | observed |
 * |---|---|---|
 * | refuses http:// (API, People, look-alike hosts), both flows | yes | not refused: the request is attempted ("could not be reached": the jail refused the connection) |
 * | refuses http:// Accounts URL, selfClient | yes | the token request is attempted (refused by the jail) |
 * | refuses http:// Accounts URL, oAuth2 | yes | no error at all: the stored token was used against the API |
 * | accepts loopback http:// (localhost), both flows | no | pins the contract |
 * | accepts non-loopback https://, both flows | no | pins the contract |
 * | OAuth2 switched to other Custom hosts (Invoice, People) | yes | no error: the token went to the new hosts (the canary was hit) |
 * | OAuth2 switched to EU | yes | a connection to the EU gateway was attempted (refused by the jail) |
 * | invalid scope, People / Bookings Access None | yes | 1 refresh_token request: the 401 was read as an expired token |
 * | Authorization scheme, oAuth2 (lead's decision) | yes | "Bearer <token>" (n8n's OAuth2 signing) |
 * | Authorization scheme, selfClient | no | pins the contract |
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { KITS, startCanary } from './faultKit';
import type { Auth, World } from './world';
import { listContacts, useWorld } from './world';
import {
	ORG,
	grants,
	isolate,
	itemErrors,
	jailConnections,
	patchCred,
	runAs,
	type ConnectionJail,
} from './hostileKit';

const once = (options: INodeParameters = {}) =>
	listContacts({ returnAll: false, limit: 1, organizationId: ORG, options });

const world = useWorld(3);
let w: World;
let jail: ConnectionJail;
beforeEach(() => {
	w = world();
	jail = jailConnections();
});
afterEach(() => jail.release());

const flows: Auth[] = ['oAuth2', 'selfClient'];

/**
 * Sets a Custom host field as if the credential had been set up (and, for OAuth2, connected) with
 * it: the OAuth2 token's api_domain follows the API URL, so only the rule under test can object
 * (not the "token obtained for other hosts" check).
 */
function setHost(refs: ReturnType<typeof isolate>, auth: Auth, field: string, value: string): void {
	patchCred(w, refs, auth, { [field]: value });
	if (auth === 'oAuth2' && field === 'customApiUrl') {
		const token = (w.store.get(refs.oAuth2.id).data as IDataObject).oauthTokenData as IDataObject;
		patchCred(w, refs, auth, { oauthTokenData: { ...token, api_domain: value } });
	}
}

describe.each(flows)('Custom data center URLs (%s)', (auth) => {
	const refused: Array<[string, string, string, string]> = [
		// [field label, credential field, value, node]
		['API Gateway URL', 'customApiUrl', 'http://example.com', 'Invoice'],
		['Accounts URL', 'customAccountsUrl', 'http://example.com', 'Invoice'],
		['People URL', 'customPeopleUrl', 'http://example.com', 'People'],
		// Look-alikes of loopback names are ordinary remote hosts.
		['API Gateway URL', 'customApiUrl', 'http://127.0.0.1.example.com', 'Invoice'],
		['API Gateway URL', 'customApiUrl', 'http://localhost.example.com', 'Invoice'],
	];
	it.each(refused)(
		'refuses the %s (%s = %s) with an error naming the field; no request is sent',
		async (label, field, value, node) => {
			const refs = isolate(w);
			setHost(refs, auth, field, value);
			w.sb.clearRequests();
			const kit = node === 'People' ? KITS.People : KITS.Invoice;
			const params = node === 'People' ? kit.primeParams : once();
			const result = await runAs(w, refs, auth, params, {
				nodeType: kit.nodeType,
				continueOnFail: true,
			});
			const [message] = itemErrors(result);
			expect(message).toContain(label);
			expect(message).toMatch(/https/);
			expect(w.sb.requests).toHaveLength(0);
			expect(jail.refused).toEqual([]);
		},
	);

	it('accepts loopback http:// (localhost and 127.0.0.1) and works', async () => {
		const refs = isolate(w);
		setHost(refs, auth, 'customApiUrl', w.sb.urls.api.replace('127.0.0.1', 'localhost'));
		const result = await runAs(w, refs, auth, once());
		expect(result.error).toBeUndefined();
		expect(w.apiCalls('/contacts')).toBe(1);
	});

	it('accepts a non-loopback https:// URL: the request is attempted (and refused by the test jail)', async () => {
		const refs = isolate(w);
		if (auth === 'selfClient') await runAs(w, refs, auth, once()); // the token first, from the loopback accounts server
		setHost(refs, auth, 'customApiUrl', 'https://example.com');
		const result = await runAs(w, refs, auth, once(), { continueOnFail: true });
		const [message] = itemErrors(result);
		expect(message).not.toContain('API Gateway URL');
		expect(jail.refused.length).toBeGreaterThanOrEqual(1);
		expect(jail.refused.every((c) => c.host === 'example.com' && c.port === 443)).toBe(true);
	});
});

describe('OAuth2: a token only goes to the data center it was obtained for', () => {
	/** The OAuth2 credential as n8n stores it after connecting through the sandbox's accounts server. */
	function connectedToSandbox(): ReturnType<typeof isolate> {
		const refs = isolate(w);
		const data = w.store.get(refs.oAuth2.id).data as IDataObject;
		patchCred(w, refs, 'oAuth2', {
			oauthTokenData: {
				...(data.oauthTokenData as IDataObject),
				// n8n keeps the callback's extra query parameters (docs/reference/n8n-internals.md §2).
				callbackQueryString: { location: 'us', 'accounts-server': w.sb.urls.accounts('us') },
			},
		});
		return refs;
	}

	it.each(['Invoice', 'People'] as const)(
		'%s: switched to other Custom hosts after connecting: no request anywhere, error says to reconnect',
		async (product) => {
			const canary = await startCanary();
			try {
				const refs = connectedToSandbox();
				patchCred(w, refs, 'oAuth2', {
					customAccountsUrl: `${canary.origin}/us`,
					customApiUrl: canary.origin,
					customPeopleUrl: canary.origin,
				});
				w.sb.clearRequests();
				const kit = KITS[product];
				const result = await runAs(
					w,
					refs,
					'oAuth2',
					product === 'People' ? kit.primeParams : once(),
					{ nodeType: kit.nodeType, continueOnFail: true },
				);
				const [message] = itemErrors(result);
				expect(message).toMatch(/reconnect/i);
				expect(canary.hits).toEqual([]);
				expect(w.sb.requests).toHaveLength(0);
			} finally {
				await canary.close();
			}
		},
	);

	it('switched to the EU data center after connecting: no connection at all, error says to reconnect', async () => {
		const refs = connectedToSandbox();
		patchCred(w, refs, 'oAuth2', { dataCenter: 'eu' });
		w.sb.clearRequests();
		const result = await runAs(w, refs, 'oAuth2', once(), { continueOnFail: true });
		const [message] = itemErrors(result);
		expect(message).toMatch(/reconnect/i);
		expect(jail.refused).toEqual([]);
		expect(w.sb.requests).toHaveLength(0);
	});
});

describe('OAuth2: an invalid-scope answer is not an expired token', () => {
	// Assumption: the sandbox answers a token without the product's scope with HTTP 401
	// "Invalid oauthscope" (sandbox README, enforceScopes); Zoho's exact answer is UNCERTAIN.
	it.each([
		['People', 'peopleAccess', 'Zoho People Access'],
		['Bookings', 'bookingsAccess', 'Zoho Bookings Access'],
	] as const)(
		'%s with %s None: the error names "%s" and says to reconnect; zero token requests',
		async (product, field, label) => {
			const kit = KITS[product];
			kit.setup(w);
			const refs = isolate(w);
			// The world's token was issued with an Invoice-only scope.
			patchCred(w, refs, 'oAuth2', { [field]: 'none' });
			if (product === 'People') w.sb.people.enforceScopes = true;
			else w.sb.bookings.enforceScopes = true;
			w.sb.clearRequests();
			const result = await runAs(w, refs, 'oAuth2', kit.primeParams, {
				nodeType: kit.nodeType,
				continueOnFail: true,
			});
			const [message] = itemErrors(result);
			expect(grants(w)).toEqual([]);
			expect(message).toContain(label);
			expect(message).toContain('reconnect');
			// 1 if the node asks Zoho and reads the answer, 0 if it refuses up front; never a re-sent call.
			expect(w.sb.countRequests({ server: kit.server })).toBeLessThanOrEqual(1);
		},
	);
});

describe("Authorization scheme (DEPENDS ON THE LEAD'S DECISION for OAuth2: n8n may not permit it)", () => {
	it.each(flows)(
		'%s: every API request carries "Authorization: Zoho-oauthtoken <token>"',
		async (auth) => {
			const refs = isolate(w);
			w.sb.clearRequests();
			for (const kit of [KITS.Invoice, KITS.People, KITS.Bookings]) {
				kit.setup(w);
				const result = await runAs(w, refs, auth, kit.primeParams, { nodeType: kit.nodeType });
				expect(result.error).toBeUndefined();
			}
			const sent = w.sb.requests.filter((r) => r.server !== 'accounts');
			expect(sent).toHaveLength(3); // one call per product
			for (const r of sent)
				expect(r.headers.authorization ?? '').toMatch(/^Zoho-oauthtoken 1000\.\S+$/);
		},
	);
});
