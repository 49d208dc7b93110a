/**
 * Local "Zoho sandbox": real HTTP servers emulating Zoho Accounts (multi-DC OAuth),
 * Zoho Invoice v3 (on an API-gateway origin) and a minimal Zoho People.
 */
import { AccountsService, type ClientRegistration } from './accounts';
import { BookingsService, bookingsControl } from './bookings';
import { FaultRegistry, type FaultSpec } from './faults';
import { InvoiceService, RESOURCES, type InvoiceLimits, type Organization } from './invoice';
import { serialize } from './json';
import { ReplyOverrides, type ReplyOverrideSpec } from './overrides';
import { PeopleService, peopleControl } from './people';
import { RoleServer } from './server';
import { jsonReply, Timers, type RecordedRequest, type Reply, type ServerRole } from './types';

export type { RecordedRequest, ServerRole } from './types';
export type { EchoFormat, FaultSpec, FaultKind } from './faults';
export { FAULT_KINDS, echoBody } from './faults';
export type { OverrideReply, RealHandler, ReplyOverrideSpec } from './overrides';
export type { HookCtx, InvoiceLimits, Organization, Rec, ResourceDef, SentEmail } from './invoice';
export type { ClientRegistration } from './accounts';
export type {
	AppointmentStatus,
	BookingsQuotaStyle,
	DirectBooking,
	StoredAppointment,
} from './bookings';
export { BOOKINGS_IDS, BOOKINGS_TIME_ZONE, BookingsService } from './bookings';
export type {
	ThresholdSpec,
	PeopleForm,
	LeaveStatus,
	AttendanceEntry,
	TimeLog,
	FieldDef,
	FormDef,
	Job,
	LeaveType,
} from './people';
export { DAILY_LIMIT_CODE, THRESHOLD_MESSAGE, PEOPLE_NUMERIC_KEYS } from './people';
export { RawNumber, serialize } from './json';
export { RESOURCES, ZohoError, RawReply, pdfDocument, parseTime, zohoTime } from './invoice';

export interface SandboxOptions {
	accessTokenTtlMs?: number;
	/** Seed demo data: 450 contacts, 5 items, 30 invoices, client demo-client-id/demo-client-secret (us), 25 employees. */
	seed?: boolean;
	ports?: { accounts?: number; api?: number; people?: number };
}

export interface RequestFilter {
	server?: ServerRole;
	method?: string;
	pathPrefix?: string;
	pathIncludes?: string;
}

export const DEMO_CLIENT = {
	clientId: 'demo-client-id',
	clientSecret: 'demo-client-secret',
	dc: 'us',
};

export interface Sandbox {
	urls: { accounts(dc?: string): string; api: string; people: string };
	requests: RecordedRequest[];
	/** Called for every recorded request before it is answered (tests use it to act mid-run). */
	onRequest?: (request: RecordedRequest) => void;
	countRequests(filter?: RequestFilter): number;
	/**
	 * Resolves once no recorded request is being handled (a slow answer the client gave up on
	 * still reaches its handler): tests wait for this instead of sleeping.
	 */
	idle(): Promise<void>;
	findRequests(filter?: RequestFilter): RecordedRequest[];
	clearRequests(): void;
	registerClient(reg: ClientRegistration): void;
	issueGrantCode(o: { clientId: string; scope?: string; ttlMs?: number; dc?: string }): string;
	issueRefreshToken(o: { clientId: string; scope?: string; dc?: string }): string;
	issueAccessToken(o: { clientId: string; scope?: string; dc?: string; ttlMs?: number }): string;
	setAccessTokenTtl(ms: number): void;
	expireAccessTokens(): void;
	/** Revokes a refresh token (with its access tokens) or an access token, without an HTTP call; false if unknown. */
	revokeToken(token: string): boolean;
	setTokenThrottle(o?: { limit?: number; windowMs?: number }): void;
	tokenEndpointCalls(grantType?: 'authorization_code' | 'refresh_token'): number;
	accounts: AccountsService;
	invoice: InvoiceService;
	people: PeopleService;
	/** Zoho Bookings v1 on the api origin under /bookings/v1/json/ (see bookings.ts). */
	bookings: BookingsService;
	injectFault(spec: FaultSpec): void;
	/**
	 * Answers matching requests with `spec.reply` (a reply, or a function of the request that may call
	 * the real handler) on every match, or the next `spec.times`; returns the remover. Cleared by reset().
	 */
	overrideReplies(spec: ReplyOverrideSpec): () => void;
	reset(): void;
	close(): Promise<void>;
}

function matches(r: RecordedRequest, f: RequestFilter): boolean {
	return (
		(f.server === undefined || r.server === f.server) &&
		(f.method === undefined || r.method === f.method.toUpperCase()) &&
		(f.pathPrefix === undefined || r.path.startsWith(f.pathPrefix)) &&
		(f.pathIncludes === undefined || r.url.includes(f.pathIncludes))
	);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const timers = new Timers();
	const faults = new FaultRegistry();
	const overrides = new ReplyOverrides();
	const requests: RecordedRequest[] = [];
	let busy = 0;
	let idleWaiters: Array<() => void> = [];
	const ports = { accounts: 0, api: 0, people: 0 };
	const urls = {
		accounts: (dc = 'us'): string => `http://127.0.0.1:${ports.accounts}/${dc}`,
		get api(): string {
			return `http://127.0.0.1:${ports.api}`;
		},
		get people(): string {
			return `http://127.0.0.1:${ports.people}`;
		},
	};
	const accounts = new AccountsService(urls, options.accessTokenTtlMs ?? 3600000);
	const valid = (h: string | undefined): boolean =>
		accounts.validateAccessToken(AccountsService.tokenFromHeader(h)) !== undefined;
	const invoice = new InvoiceService(valid, timers);
	const people = new PeopleService(valid);
	const bookings = new BookingsService(valid);
	const scopeOf = (h: string | undefined): string | undefined =>
		accounts.validateAccessToken(AccountsService.tokenFromHeader(h))?.scope;
	people.scopeOf = scopeOf;
	bookings.scopeOf = scopeOf;

	const seed = (): void => {
		if (!options.seed) return;
		accounts.registerClient({ ...DEMO_CLIENT });
		invoice.seedContacts(450);
		invoice.seedInvoices(30);
		people.seedRecords('employee', 25);
		bookings.seed({ appointments: 5 });
	};

	const deps = {
		record: (r: RecordedRequest): void => {
			requests.push(r);
			sb.onRequest?.(r);
		},
		faults,
		timers,
		isControl: (path: string): boolean => path.startsWith('/__sandbox/'),
		busy: (delta: 1 | -1): void => {
			busy += delta;
			if (busy > 0) return;
			const waiters = idleWaiters;
			idleWaiters = [];
			for (const resolve of waiters) resolve();
		},
	};

	// Reply overrides go in front of a server's handler (never in front of the control API).
	const overridable =
		(role: ServerRole, handler: (r: RecordedRequest) => Reply | Promise<Reply>) =>
		async (r: RecordedRequest): Promise<Reply> =>
			(await overrides.answer(role, r, async (x) => await handler(x))) ?? (await handler(r));

	let sb: Sandbox;
	const accountsHandler = overridable('accounts', (r) => accounts.handle(r));
	const accountsServer = new RoleServer(
		'accounts',
		(r) => (r.path.startsWith('/__sandbox/') ? control(sb, r) : accountsHandler(r)),
		deps,
	);
	const apiServer = new RoleServer(
		'api',
		overridable('api', (r) =>
			r.path.startsWith('/bookings/') ? bookings.handle(r) : invoice.handle(r),
		),
		deps,
	);
	const peopleServer = new RoleServer(
		'people',
		overridable('people', (r) => people.handle(r)),
		deps,
	);
	const servers = [accountsServer, apiServer, peopleServer];
	try {
		ports.accounts = await accountsServer.listen(options.ports?.accounts ?? 0);
		ports.api = await apiServer.listen(options.ports?.api ?? 0);
		ports.people = await peopleServer.listen(options.ports?.people ?? 0);
	} catch (e) {
		timers.close();
		await Promise.all(servers.map((s) => s.close()));
		throw e;
	}
	seed();

	sb = {
		urls,
		requests,
		countRequests: (f = {}) => requests.filter((r) => matches(r, f)).length,
		findRequests: (f = {}) => requests.filter((r) => matches(r, f)),
		idle: () =>
			busy === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
		clearRequests: () => {
			requests.length = 0;
		},
		registerClient: (reg) => accounts.registerClient(reg),
		issueGrantCode: (o) => accounts.issueGrantCode(o),
		issueRefreshToken: (o) => accounts.issueRefreshToken(o),
		issueAccessToken: (o) => accounts.issueAccessToken(o),
		setAccessTokenTtl: (ms) => {
			accounts.accessTokenTtlMs = ms;
		},
		expireAccessTokens: () => accounts.expireAccessTokens(),
		revokeToken: (token) => accounts.revokeToken(token),
		setTokenThrottle: (o) => accounts.setTokenThrottle(o),
		tokenEndpointCalls: (g) => accounts.tokenEndpointCalls(g),
		accounts,
		invoice,
		people,
		bookings,
		injectFault: (spec) => faults.add(spec),
		overrideReplies: (spec) => overrides.add(spec),
		reset: () => {
			accounts.reset();
			invoice.reset();
			people.reset();
			bookings.reset();
			faults.clear();
			overrides.clear();
			requests.length = 0;
			seed();
		},
		close: async () => {
			timers.close();
			await Promise.all(servers.map((s) => s.close()));
		},
	};
	return sb;
}

/** Removers of each sandbox's `reply-headers` overrides. */
const replyHeaderRemovers = new WeakMap<Sandbox, Array<() => void>>();

/** Out-of-process control API: POST JSON to /__sandbox/<command> on the accounts port. */
async function control(sb: Sandbox, r: RecordedRequest): Promise<Reply> {
	const cmd = r.path.slice('/__sandbox/'.length).replace(/\/$/, '');
	const b = (r.body && typeof r.body === 'object' ? r.body : {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	const ok = (extra: Record<string, unknown> = {}): Reply =>
		jsonReply(200, serialize({ ok: true, ...extra }));
	try {
		if (r.method === 'GET' && cmd === 'requests') return jsonReply(200, serialize(sb.requests));
		if (r.method === 'GET' && cmd === 'emails') return jsonReply(200, serialize(sb.invoice.emails));
		if (r.method === 'GET' && cmd === 'urls') {
			return jsonReply(
				200,
				serialize({ accounts: sb.urls.accounts('us'), api: sb.urls.api, people: sb.urls.people }),
			);
		}
		const bookingsReply = bookingsControl(sb.bookings, r.method, cmd, b);
		if (bookingsReply) return bookingsReply;
		if (r.method !== 'POST') return jsonReply(405, serialize({ ok: false, error: 'use POST' }));
		switch (cmd) {
			case 'register-client':
				sb.registerClient(b as ClientRegistration);
				return ok();
			case 'grant-code':
				return ok({ code: sb.issueGrantCode(b as { clientId: string }) });
			case 'refresh-token':
				return ok({ refresh_token: sb.issueRefreshToken(b as { clientId: string }) });
			case 'access-token':
				return ok({ access_token: sb.issueAccessToken(b as { clientId: string }) });
			case 'expire-tokens':
				sb.expireAccessTokens();
				return ok();
			case 'token-ttl':
				sb.setAccessTokenTtl(Number(b.ms));
				return ok();
			case 'token-throttle':
				sb.setTokenThrottle(b);
				return ok();
			case 'invoice-limits':
				sb.invoice.setLimits(b as InvoiceLimits);
				return ok();
			case 'invoice-latency':
				sb.invoice.setLatency(Number(b.ms));
				return ok();
			case 'invoice-organizations':
				sb.invoice.setOrganizations(b.organizations as Organization[]);
				return ok();
			case 'invoice-seed': {
				// Any resource table name with a count, seeded in RESOURCES order (contacts before invoices).
				const seeded: Record<string, number> = {};
				for (const def of RESOURCES) {
					if (def.sample && b[def.plural])
						seeded[def.plural] = sb.invoice.seed(def.plural, Number(b[def.plural]), b.orgId).length;
				}
				return ok({ seeded });
			}
			case 'invoice-clock':
				sb.invoice.setClock(b.iso ? () => new Date(String(b.iso)) : undefined);
				return ok();
			case 'invoice-time-style':
				sb.invoice.setTimeStyle(b.style === 'organization' ? 'organization' : 'utc');
				return ok();
			case 'invoice-update':
				return ok({
					record: sb.invoice.modify(String(b.resource), String(b.id), b.fields ?? {}, b.orgId),
				});
			case 'invoice-action':
				return ok({
					record: sb.invoice.act(
						String(b.resource),
						String(b.id),
						String(b.action),
						b.input ?? {},
						b.orgId,
					),
				});
			case 'invoice-delete':
				sb.invoice.remove(String(b.resource), String(b.id), b.orgId);
				return ok();
			case 'invoice-sweep-overdue':
				return ok({
					swept: sb.invoice
						.sweepOverdue({ touch: b.touch === true, orgId: b.orgId })
						.map((inv) => inv.invoice_id),
				});
			case 'fault':
				sb.injectFault(b as FaultSpec);
				return ok();
			case 'reply-headers': {
				// Adds headers to the real answers of one role (e.g. Zoho's x-rate-limit-* counter),
				// optionally only where the path+query contains `pathIncludes`, for `times` answers
				// (default: until `reset` or `clear-reply-headers`).
				const headers = Object.fromEntries(
					Object.entries((b.headers ?? {}) as Record<string, unknown>).map(([k, v]) => [
						k.toLowerCase(),
						String(v),
					]),
				);
				const server = String(b.server ?? 'api') as ServerRole;
				if (!['accounts', 'api', 'people'].includes(server))
					throw new Error(`unknown server ${server}`);
				const removers = replyHeaderRemovers.get(sb) ?? [];
				replyHeaderRemovers.set(sb, removers);
				removers.push(
					sb.overrideReplies({
						server,
						method: b.method === undefined ? undefined : String(b.method),
						pathIncludes: b.pathIncludes === undefined ? undefined : String(b.pathIncludes),
						times: b.times === undefined ? undefined : Number(b.times),
						reply: async (req, real) => {
							const answer = await real(req);
							return { ...answer, headers: { ...(answer.headers ?? {}), ...headers } };
						},
					}),
				);
				return ok();
			}
			case 'clear-reply-headers':
				for (const remove of (replyHeaderRemovers.get(sb) ?? []).splice(0)) remove();
				return ok();
			case 'clear-requests':
				sb.clearRequests();
				return ok();
			case 'reset':
				sb.reset();
				return ok();
			case 'stats':
				return ok({
					tokenCalls: {
						authorization_code: sb.tokenEndpointCalls('authorization_code'),
						refresh_token: sb.tokenEndpointCalls('refresh_token'),
						total: sb.tokenEndpointCalls(),
					},
					requests: sb.requests.length,
				});
			default: {
				const peopleReply = peopleControl(sb.people, cmd, b);
				if (peopleReply) return ok(peopleReply);
				return jsonReply(404, serialize({ ok: false, error: `unknown command ${cmd}` }));
			}
		}
	} catch (e) {
		return jsonReply(400, serialize({ ok: false, error: (e as Error).message }));
	}
}
