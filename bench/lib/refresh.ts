/**
 * Measure 2: token refreshes during 50 concurrent items whose token expires halfway (every access
 * token is expired when the sandbox receives the 25th API request).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunNodeResult } from '../../test/harness';
import { runNode } from '../../test/harness';
import { client, getContact, refreshToken } from './baseline';
import {
	HTTP_REQUEST_NODE_TYPE,
	HTTP_REQUEST_TYPE_VERSION,
	getContactParameters,
} from './httpRequestNode';
import type { Bench, CredentialKind, Phase } from './world';
import { ORG_ID, UNPACED, itemsOf } from './world';

/** One run of the 50 items by n8n's HTTP Request node, or by the node with another credential. */
export interface RefreshRun {
	client: 'node' | 'httpRequest';
	credential: CredentialKind;
	credentialType: string;
	/** How the client spreads the items: Parallel Requests 10, or all at once (HTTP Request V3). */
	concurrency: string;
	/** `grant_type=refresh_token` requests at the token endpoint. */
	refreshes: number;
	/** Refresh answers that carried an error (Zoho's 10 per 10 minutes per refresh token). */
	refused: number;
	failedItems: number;
	/** API requests the sandbox received (50 when nothing is retried). */
	apiRequests: number;
	/** The access token stored in the credential after the run is one Zoho accepts. */
	storedTokenValid: boolean;
	/** OAuth2 only: the stored token data kept Zoho's refusal (`error` key; n8n-internals.md §2, hazard 1). */
	storedTokenError?: string;
	/** First error of a failed item (what the user sees), cut to 200 characters. */
	firstError?: string;
}

export interface RefreshResult {
	items: number;
	expireAtRequest: number;
	nodeRefreshes: number;
	nodeFailedItems: number;
	nodeParallel: number;
	baselineRefreshes: number;
	baselineFailedItems: number;
	baselineConcurrency: number;
	/** Token-endpoint answers that refused the refresh (Zoho's 10 per 10 minutes per refresh token). */
	baselineRefreshRefused: number;
	/** n8n's HTTP Request node with the same credentials, and the node with the Self Client. */
	runs: RefreshRun[];
	/**
	 * HTTP Request's generic path (Authentication: Generic Credential Type → OAuth2 API) given our
	 * OAuth2 credential: n8n looks credentials up by id and type, so it is refused (this message).
	 */
	genericPathWithOurCredential?: string;
}

const ITEMS = 50;
const EXPIRE_AT = 25;

/**
 * Counts token-endpoint answers carrying an `error` field: Zoho refuses a refresh beyond its limit
 * with HTTP 200 and `error: "Access Denied"` (n8n-internals.md §2, hazard 1), so the status alone
 * does not tell. Observes only: the real answer is passed on unchanged.
 */
function countRefusals(bench: Bench): () => number {
	let refused = 0;
	bench.sb.overrideReplies({
		server: 'accounts',
		pathIncludes: '/oauth/v2/token',
		reply: async (r, real) => {
			const reply = await real(r);
			if (/"error"\s*:/.test(reply.body)) refused++;
			return reply;
		},
	});
	return () => refused;
}

function expireAt(bench: Bench, n: number): void {
	let seen = 0;
	bench.sb.onRequest = (r) => {
		if (r.server === 'api' && ++seen === n) bench.sb.expireAccessTokens();
	};
}

const nodeParameters: INodeParameters = {
	resource: 'contact',
	operation: 'get',
	contactId: '={{ $json.id }}',
	organizationId: ORG_ID,
	options: { parallelRequests: 10, rateLimitPerMinute: UNPACED },
};

function errorOf(json: IDataObject): string | undefined {
	const e = json.error;
	if (e === undefined) return undefined;
	const text = typeof e === 'string' ? e : String((e as IDataObject).message ?? JSON.stringify(e));
	return text.slice(0, 200);
}

/** The 50 items with the token expiring at the 25th API request, by `client` with `credential`. */
async function refreshRun(
	bench: Bench,
	runner: 'node' | 'httpRequest',
	credential: CredentialKind,
	httpParameters?: (phase: Phase) => INodeParameters,
): Promise<RefreshRun> {
	const phase = bench.phase(`refresh-${runner}-${credential}`, credential);
	const ids = bench.sb.invoice.seedContacts(ITEMS).map((c) => String(c.contact_id));
	bench.sb.clearRequests();
	const refused = countRefusals(bench);
	expireAt(bench, EXPIRE_AT);
	const before = bench.sb.tokenEndpointCalls('refresh_token');
	const items = ids.map((id) => ({ id }));
	let result: RunNodeResult;
	if (runner === 'node') {
		result = await phase.run('zohoInvoice', nodeParameters, { items, continueOnFail: true });
	} else {
		const parameters =
			httpParameters?.(phase) ?? getContactParameters(bench.sb.urls.api, phase.credentialType);
		result = await phase.runHttp(parameters, { items, continueOnFail: true });
	}
	bench.sb.onRequest = undefined;
	const out = itemsOf(result);
	const ok = (j: IDataObject) =>
		runner === 'node'
			? j.contact_id !== undefined
			: (j.contact as IDataObject | undefined)?.contact_id !== undefined;
	const failed = result.error ? ITEMS : out.filter((j) => !ok(j)).length + (ITEMS - out.length);
	const stored = bench.store.get(phase.credentialId).data as IDataObject;
	const token = (stored.oauthTokenData ?? {}) as IDataObject;
	const storedToken = String(
		(credential === 'selfClient' ? stored.accessToken : token.access_token) ?? '',
	);
	return {
		client: runner,
		credential,
		credentialType: phase.credentialType,
		concurrency: runner === 'node' ? 'Parallel Requests 10' : `all ${ITEMS} at once`,
		refreshes: bench.sb.tokenEndpointCalls('refresh_token') - before,
		refused: refused(),
		failedItems: failed,
		apiRequests: bench.sb.countRequests({ server: 'api' }),
		storedTokenValid: bench.sb.accounts.validateAccessToken(storedToken) !== undefined,
		...(token.error !== undefined ? { storedTokenError: String(token.error) } : {}),
		firstError: result.error?.message ?? out.map(errorOf).find((e) => e !== undefined),
	};
}

export async function measureRefresh(
	bench: Bench,
	opts: { httpNode?: boolean } = {},
): Promise<RefreshResult> {
	// Node: Invoice Contact Get, 50 items, 10 in parallel, OAuth2 credential.
	const nodeRun = await refreshRun(bench, 'node', 'oAuth2');

	// Baseline: 50 concurrent axios GETs; each refreshes on 401 itself and tries once more.
	const phase = bench.phase('refresh-baseline');
	const ids = bench.sb.invoice.seedContacts(ITEMS).map((c) => String(c.contact_id));
	bench.sb.clearRequests();
	expireAt(bench, EXPIRE_AT);
	const before = bench.sb.tokenEndpointCalls('refresh_token');
	const ax = client();
	let refused = 0;
	const outcomes = await Promise.allSettled(
		ids.map(async (id) => {
			let res = await getContact(ax, bench.sb, phase.accessToken, id);
			if (res.status === 401) {
				const fresh = await refreshToken(ax, bench.sb, phase.refreshToken);
				if (!fresh) {
					refused++;
					return false;
				}
				res = await getContact(ax, bench.sb, fresh, id);
			}
			return res.status === 200;
		}),
	);
	const baselineRefreshes = bench.sb.tokenEndpointCalls('refresh_token') - before;
	bench.sb.onRequest = undefined;
	// The runs list starts with the node's, so the table can set them side by side.
	const runs: RefreshRun[] = [nodeRun, await refreshRun(bench, 'node', 'selfClient')];
	let genericPathWithOurCredential: string | undefined;
	if (opts.httpNode) {
		// Authentication: Predefined Credential Type → our credential (both are offered: the node's
		// Credential Type list takes types that extend oAuth2Api or have `authenticate`).
		runs.push(await refreshRun(bench, 'httpRequest', 'oAuth2'));
		runs.push(await refreshRun(bench, 'httpRequest', 'selfClient'));
		// Authentication: Generic Credential Type → OAuth2 API, with n8n's own OAuth2 credential
		// filled in with Zoho's URLs (what users of HTTP Request do without this package).
		const generic = (phase: Phase): INodeParameters => {
			const { nodeCredentialType: _unused, ...rest } = getContactParameters(
				bench.sb.urls.api,
				phase.credentialType,
			);
			return { ...rest, authentication: 'genericCredentialType', genericAuthType: 'oAuth2Api' };
		};
		runs.push(await refreshRun(bench, 'httpRequest', 'genericOAuth2', generic));
		// The generic path with our OAuth2 credential attached in the `oAuth2Api` slot (the editor
		// would not offer it there; the engine is asked anyway).
		const phase = bench.phase('refresh-generic-ours');
		const r = await runNode({
			nodeType: HTTP_REQUEST_NODE_TYPE,
			typeVersion: HTTP_REQUEST_TYPE_VERSION,
			parameters: generic(phase),
			credentials: { oAuth2Api: { id: phase.credentialId, name: 'Zoho bench generic' } },
			store: bench.store,
			inputItems: [{ id: String(bench.sb.invoice.seedContacts(1)[0].contact_id) }],
		});
		genericPathWithOurCredential = r.error?.message ?? 'accepted';
	}
	return {
		items: ITEMS,
		expireAtRequest: EXPIRE_AT,
		nodeRefreshes: nodeRun.refreshes,
		nodeFailedItems: nodeRun.failedItems,
		nodeParallel: 10,
		baselineRefreshes,
		baselineFailedItems: outcomes.filter((o) => o.status !== 'fulfilled' || !o.value).length,
		baselineConcurrency: ITEMS,
		baselineRefreshRefused: refused,
		runs,
		...(genericPathWithOurCredential ? { genericPathWithOurCredential } : {}),
	};
}
