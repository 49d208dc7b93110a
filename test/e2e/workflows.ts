/**
 * Small helpers shared by the People and Bookings e2e tests (real n8n CLI, sandbox process):
 * chained workflows, credential fixtures pointing the Custom data center at the sandbox, and
 * typed access to the sandbox's recorded requests.
 */
import * as runtime from '../../scripts/n8n-runtime';
import { LINES, PACKAGE, executionError, sandboxControl } from './n8n';
import type { CredentialFixture, ExecuteResult, N8nLine, SandboxProcess } from './n8n';

export const CLIENT_ID = 'demo-client-id';
export const CLIENT_SECRET = 'demo-client-secret';

export const PEOPLE_NODE_TYPE = `${PACKAGE}.zohoPeople`;
export const BOOKINGS_NODE_TYPE = `${PACKAGE}.zohoBookings`;

/** The n8n lines to run: all, or those named in ZOHO_E2E_LINES (comma separated). */
export const selectedLines: N8nLine[] = (process.env.ZOHO_E2E_LINES ?? LINES.join(','))
	.split(',')
	.map((s) => s.trim())
	.filter((s): s is N8nLine => (LINES as string[]).includes(s));

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Recorded {
	server: 'accounts' | 'api' | 'people';
	method: string;
	url: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	rawBody: string;
	body: any;
	form?: Record<string, string>;
	at: number;
}

export interface TokenCalls {
	authorization_code: number;
	refresh_token: number;
	total: number;
}

export interface CredRef {
	type: 'zohoRegionalOAuth2Api' | 'zohoSelfClientApi';
	id: string;
	name: string;
}

/** The node's `authentication` value for a credential type. */
export function authOf(cred: CredRef): 'oAuth2' | 'selfClient' {
	return cred.type === 'zohoSelfClientApi' ? 'selfClient' : 'oAuth2';
}

/** Custom data center: the three hosts of the sandbox process. */
export function customHosts(sb: SandboxProcess): Record<string, string> {
	return {
		dataCenter: 'custom',
		customAccountsUrl: sb.accounts,
		customApiUrl: sb.api,
		customPeopleUrl: sb.people,
	};
}

export function control<T = any>(sb: SandboxProcess, cmd: string, body?: unknown): Promise<T> {
	return sandboxControl<T>(sb, cmd, body);
}

/** GET a control command (e.g. `bookings-appointments`, which answers GET only). */
export async function controlGet<T = any>(sb: SandboxProcess, cmd: string): Promise<T> {
	return (await runtime.sandboxControl(sb.control, cmd, undefined, 'GET')) as T;
}

export async function recordedRequests(sb: SandboxProcess): Promise<Recorded[]> {
	return await control<Recorded[]>(sb, 'requests');
}

export async function tokenCalls(sb: SandboxProcess): Promise<TokenCalls> {
	return (await control<{ tokenCalls: TokenCalls }>(sb, 'stats')).tokenCalls;
}

/**
 * Reads a whole list from the sandbox over its Zoho API with a token of its own and counts the
 * records, so a test expects what is in the sandbox now instead of what earlier tests left there.
 * The reads are recorded like any call: callers clear the request log afterwards.
 */
async function sandboxGet(
	sb: SandboxProcess,
	url: string,
	token: string,
	headers: Record<string, string> = {},
): Promise<any> {
	const res = await fetch(url, {
		headers: { Authorization: `Zoho-oauthtoken ${token}`, ...headers },
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`sandbox GET ${url} → ${res.status}: ${text.slice(0, 500)}`);
	return JSON.parse(text);
}

/** Contacts of the sandbox's default Invoice organization (pages of 200). */
export async function invoiceContactCount(sb: SandboxProcess): Promise<number> {
	const { access_token } = await control<{ access_token: string }>(sb, 'access-token', {
		clientId: CLIENT_ID,
	});
	const orgs = (await sandboxGet(sb, `${sb.api}/invoice/v3/organizations`, access_token))
		.organizations as any[];
	const org = String((orgs.find((o) => o.is_default_org) ?? orgs[0]).organization_id);
	let count = 0;
	for (let page = 1; ; page++) {
		const body = await sandboxGet(
			sb,
			`${sb.api}/invoice/v3/contacts?page=${page}&per_page=200`,
			access_token,
			{
				'X-com-zoho-invoice-organizationid': org,
			},
		);
		count += (body.contacts as unknown[]).length;
		if (!body.page_context?.has_more_page) return count;
	}
}

/** Employees in the sandbox's People employee form (getRecords pages of 200). */
export async function peopleEmployeeCount(sb: SandboxProcess): Promise<number> {
	const { access_token } = await control<{ access_token: string }>(sb, 'access-token', {
		clientId: CLIENT_ID,
	});
	let count = 0;
	for (let sIndex = 1; ; sIndex += 200) {
		const body = await sandboxGet(
			sb,
			`${sb.people}/people/api/forms/employee/getRecords?sIndex=${sIndex}&limit=200`,
			access_token,
		);
		const result = body?.response?.result;
		if (!Array.isArray(result)) return count; // 7024 No records found
		count += result.length;
		if (result.length < 200) return count;
	}
}

/** An OAuth2 credential with tokens already issued by the sandbox (as after "Connect my account"). */
export async function oauthCredential(
	sb: SandboxProcess,
	ref: CredRef,
): Promise<CredentialFixture> {
	const { refresh_token } = await control<{ refresh_token: string }>(sb, 'refresh-token', {
		clientId: CLIENT_ID,
	});
	const { access_token } = await control<{ access_token: string }>(sb, 'access-token', {
		clientId: CLIENT_ID,
	});
	return {
		...ref,
		data: {
			...customHosts(sb),
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			oauthTokenData: {
				access_token,
				refresh_token,
				token_type: 'Bearer',
				expires_in: 3600,
				api_domain: sb.api,
			},
		},
	};
}

/** A Self Client credential holding a fresh grant code (exchanged on the first run). */
export async function selfClientCredential(
	sb: SandboxProcess,
	ref: CredRef,
): Promise<CredentialFixture> {
	const { code } = await control<{ code: string }>(sb, 'grant-code', {
		clientId: CLIENT_ID,
		ttlMs: 30 * 60 * 1000,
	});
	return {
		...ref,
		data: { ...customHosts(sb), clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, grantCode: code },
	};
}

export interface ChainNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credential?: CredRef;
	/** Node settings such as executeOnce, onError. */
	settings?: Record<string, unknown>;
}

/** Manual Trigger → nodes[0] → nodes[1] → … */
export function chainWorkflow(
	id: string,
	name: string,
	nodes: ChainNode[],
): Record<string, unknown> {
	const all = [
		{
			id: `${id}-t`,
			name: 'Manual',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...nodes.map((n, i) => ({
			id: `${id}-${i}`,
			name: n.name,
			type: n.type,
			typeVersion: 1,
			position: [220 * (i + 1), 0],
			parameters: n.parameters,
			...(n.credential
				? { credentials: { [n.credential.type]: { id: n.credential.id, name: n.credential.name } } }
				: {}),
			...(n.settings ?? {}),
		})),
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < all.length; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections };
}

/** Fails with the execution's error text (jest shows thrown messages, not the execution). */
export function expectSuccess(r: ExecuteResult): void {
	if (r.code !== 0 || r.execution?.status !== 'success') {
		throw new Error(
			`execution did not succeed (exit ${String(r.code)}, status ${String(r.execution?.status)}):\n${executionError(r).slice(0, 4000)}\n--- output tail ---\n${r.out.slice(-3000)}`,
		);
	}
}

/** How often each node ran in an execution (runData entries). */
export function runCounts(execution: any): Record<string, number> {
	const runData = execution?.data?.resultData?.runData ?? {};
	return Object.fromEntries(Object.entries(runData).map(([k, v]) => [k, (v as unknown[]).length]));
}
/* eslint-enable @typescript-eslint/no-explicit-any */
