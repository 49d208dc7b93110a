/**
 * Shared helpers for faults.products.test.ts and fuzz.test.ts: one "kit" per product (node
 * parameters for a create and a single-record read, how to count what the sandbox stored),
 * output-pairing checks, a one-shot reply override for sandbox services, a canary HTTP server,
 * an outgoing-connection recorder and a seeded PRNG.
 */
import http from 'http';
import net from 'net';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { RunNodeResult } from '../harness';
import type { RecordedRequest, ServerRole } from '../sandbox';
import { BOOKINGS_IDS } from '../sandbox/bookings';
import type { Reply } from '../sandbox/types';
import type { World } from './world';

export const ORG = '60012345678';
export const BOOKINGS_DAY = '2031-03-10'; // a Monday; the sandbox clock is set to the day before

export type ProductName = 'Invoice' | 'People' | 'Bookings';

export interface ProductKit {
	name: ProductName;
	/** Prefix of every error message of the node. */
	label: string;
	nodeType: string;
	server: ServerRole;
	/** Path prefix every request of this node must stay under. */
	basePath: string;
	/** Path (as the sandbox records it) of the create the fault tests send. */
	writePath: string;
	/** Path of the single-record read. */
	readPath: string;
	/** Per-test sandbox preparation (clock, catalog). */
	setup(w: World): void;
	/** Node parameters for one create per input item; items from `writeItems`. */
	writeParams: INodeParameters;
	writeItems(n: number): IDataObject[];
	/** Records the sandbox holds that `writeItems` created. */
	created(w: World): number;
	/** Node parameters for one single-record read per input item; items from `readItems` (seeds records). */
	readParams: INodeParameters;
	readItems(w: World, n: number): IDataObject[];
	/** A cheap call that makes the credential obtain its first token. */
	primeParams: INodeParameters;
	/** Product envelope of a 200-with-error answer for item 0 of `writeItems` (native when the sandbox has one). */
	envelope:
		| { item0: IDataObject; zohoWords: string; code?: string | number }
		| { override: Reply; zohoWords: string; code?: string | number };
}

const SLOTS = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30'];

export const KITS: Record<ProductName, ProductKit> = {
	Invoice: {
		name: 'Invoice',
		label: 'Zoho Invoice',
		nodeType: 'zohoInvoice',
		server: 'api',
		basePath: '/invoice/v3/',
		writePath: '/invoice/v3/contacts',
		readPath: '/invoice/v3/contacts/',
		setup: () => undefined,
		writeParams: {
			resource: 'contact',
			operation: 'create',
			organizationId: ORG,
			contactName: '={{ $json.name }}',
		},
		writeItems: (n) => Array.from({ length: n }, (_, i) => ({ name: `FK Contact ${i}` })),
		created: (w) =>
			w.sb.invoice
				.records('contacts', ORG)
				.filter((c) => String(c.contact_name).startsWith('FK Contact ')).length,
		readParams: {
			resource: 'contact',
			operation: 'get',
			organizationId: ORG,
			contactId: '={{ $json.id }}',
		},
		readItems: (w, n) =>
			Array.from({ length: n }, (_, i) => ({
				id: w.sb.invoice.create('contacts', { contact_name: `Seed ${i}` }, ORG)
					.contact_id as string,
			})),
		primeParams: {
			resource: 'customApiCall',
			operation: 'request',
			method: 'GET',
			path: '/contacts',
			organizationId: ORG,
			returnAll: false,
			limit: 1,
		},
		envelope: {
			// The sandbox answers Invoice errors with HTTP 4xx only; Zoho Books-family APIs also answer some
			// with HTTP 200 and code ≠ 0, so this test substitutes one such answer.
			override: {
				status: 200,
				body: '{"code":1002,"message":"Customer does not exist."}',
				headers: { 'content-type': 'application/json;charset=UTF-8' },
			},
			zohoWords: 'Customer does not exist.',
			code: 1002,
		},
	},
	People: {
		name: 'People',
		label: 'Zoho People',
		nodeType: 'zohoPeople',
		server: 'people',
		basePath: '/',
		writePath: '/people/api/forms/json/employee/insertRecord',
		readPath: '/people/api/forms/employee/getDataByID',
		setup: () => undefined,
		writeParams: {
			resource: 'record',
			operation: 'insert',
			form: 'employee',
			inputDataMode: 'json',
			inputDataJson: '={{ JSON.stringify($json.data) }}',
		},
		writeItems: (n) =>
			Array.from({ length: n }, (_, i) => ({
				data: {
					EmployeeID: `FK${i}`,
					FirstName: `First${i}`,
					LastName: 'Fault',
					EmailID: `fk${i}@fault.example`,
				},
			})),
		created: (w) =>
			(w.sb.people.records.get('employee') ?? []).filter((r) =>
				String(r.EmployeeID).startsWith('FK'),
			).length,
		readParams: {
			resource: 'record',
			operation: 'get',
			form: 'employee',
			recordId: '={{ $json.id }}',
		},
		readItems: (w, n) => w.sb.people.seedEmployees(n).map((e) => ({ id: String(e.Zoho_ID) })),
		primeParams: { resource: 'form', operation: 'getAll' },
		envelope: {
			item0: {
				data: {
					EmployeeID: 'FK0',
					FirstName: 'First0',
					LastName: 'Fault',
					EmailID: 'not-an-email',
				},
			},
			zohoWords: 'Invalid email address: EmailID',
			code: 7053,
		},
	},
	Bookings: {
		name: 'Bookings',
		label: 'Zoho Bookings',
		nodeType: 'zohoBookings',
		server: 'api',
		basePath: '/bookings/v1/json/',
		writePath: '/bookings/v1/json/appointment',
		readPath: '/bookings/v1/json/getappointment',
		setup: (w) => {
			w.sb.bookings.seed();
			w.sb.bookings.setClock(() => new Date('2031-03-09T00:00:00Z'));
		},
		writeParams: {
			resource: 'appointment',
			operation: 'book',
			serviceId: BOOKINGS_IDS.services.consultation,
			staffId: BOOKINGS_IDS.staff.asha,
			fromTime: '={{ $json.from }}',
			timeZone: 'Asia/Kolkata',
			customerName: '={{ $json.name }}',
			customerEmail: '={{ $json.email }}',
		},
		writeItems: (n) =>
			Array.from({ length: n }, (_, i) => ({
				from: `${BOOKINGS_DAY}T${SLOTS[i]}:00`,
				name: `Fault ${i}`,
				email: `fk${i}@fault.example`,
			})),
		created: (w) =>
			w.sb.bookings.appointments.filter((a) => String(a.customer_email).endsWith('@fault.example'))
				.length,
		readParams: { resource: 'appointment', operation: 'get', bookingId: '={{ $json.id }}' },
		readItems: (w, n) =>
			Array.from({ length: n }, (_, i) => ({
				id: w.sb.bookings.book({
					service_id: BOOKINGS_IDS.services.consultation,
					staff_id: BOOKINGS_IDS.staff.ravi,
					start: `11-Mar-2031 ${SLOTS[i]}:00`,
					customer: { name: `Seed ${i}`, email: `seed${i}@example.com` },
				}).booking_id,
			})),
		primeParams: { resource: 'workspace', operation: 'getAll' },
		envelope: {
			// Native nested failure: 08:00 is before the staff's working hours.
			item0: { from: `${BOOKINGS_DAY}T08:00:00`, name: 'Fault 0', email: 'fk0@fault.example' },
			zohoWords: 'Slot not available',
		},
	},
};

/** Index of the input item an output item is paired with. */
export function pairedIndex(item: INodeExecutionData): number {
	const p = item.pairedItem;
	const one = Array.isArray(p) ? p[0] : p;
	if (typeof one === 'number') return one;
	if (one && typeof one === 'object' && typeof one.item === 'number') return one.item;
	throw new Error(`output item without pairedItem: ${JSON.stringify(item.json).slice(0, 200)}`);
}

export function outputItems(result: RunNodeResult): INodeExecutionData[] {
	return result.output?.[0] ?? [];
}

/**
 * Every input ends as output or as a continue-on-fail error item: the paired indices of the
 * output cover 0..n-1, and an error item is the only output of its input.
 */
export function expectEveryInputAccountedFor(
	result: RunNodeResult,
	n: number,
	opts: { oneEach?: boolean } = {},
): void {
	const items = outputItems(result);
	const byInput = new Map<number, INodeExecutionData[]>();
	for (const item of items) {
		const i = pairedIndex(item);
		if (!Number.isInteger(i) || i < 0 || i >= n)
			throw new Error(`output paired with unknown input ${i}`);
		byInput.set(i, [...(byInput.get(i) ?? []), item]);
	}
	const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !byInput.has(i));
	if (missing.length)
		throw new Error(`inputs lost (no output, no error item): ${missing.join(', ')}`);
	for (const [i, list] of byInput) {
		if (opts.oneEach && list.length !== 1)
			throw new Error(`input ${i} has ${list.length} output items, expected exactly 1`);
		if (list.some((o) => o.json.error !== undefined) && list.length !== 1) {
			throw new Error(`input ${i} has an error item and other output`);
		}
	}
}

export function failedInputs(result: RunNodeResult): number[] {
	return outputItems(result)
		.filter((o) => o.json.error !== undefined)
		.map(pairedIndex)
		.sort((a, b) => a - b);
}

/** The error kind an error item reveals: the quota kind, 'network' or 'api'. */
export function errorKind(json: IDataObject): string {
	const quota = json.quota as IDataObject | undefined;
	if (quota?.kind) return String(quota.kind);
	if (
		json.httpCode === undefined &&
		(/could not be reached|did not answer within/.test(String(json.zohoMessage ?? '')) ||
			(typeof json.zohoCode === 'string' && /^E[A-Z_]+$/.test(json.zohoCode)))
	) {
		return 'network';
	}
	if (json.httpCode !== undefined || json.zohoCode !== undefined || json.zohoMessage !== undefined)
		return 'api';
	return 'operation';
}

const RAW_CRASH =
	/TypeError|ReferenceError|RangeError|SyntaxError: Unexpected|Cannot read propert|is not a function|is not iterable|undefined is not|\[object Object\]|^Unknown error$/;

/** A clear message for a failed item: non-empty, not "Unknown error", not a raw JS crash. */
export function cleanErrorProblem(json: IDataObject): string | undefined {
	const message = json.error;
	if (typeof message !== 'string' || message.trim() === '')
		return `empty error message: ${JSON.stringify(json)}`;
	if (RAW_CRASH.test(message)) return `raw crash text in error: ${message}`;
	if (typeof json.description === 'string' && RAW_CRASH.test(json.description))
		return `raw crash text in description: ${json.description}`;
	return undefined;
}

/**
 * Makes `service.handle` answer with `reply` for the next `times` requests that `match`, then
 * behave normally. Returns the function that restores it. (Sandbox services are called through
 * the instance, so an own property shadows the class method.)
 */
export function overrideReplies(
	service: object,
	match: (r: RecordedRequest) => boolean,
	reply: Reply,
	times = 1,
): () => void {
	const target = service as { handle: (r: RecordedRequest) => Reply | Promise<Reply> };
	const original = target.handle;
	let left = times;
	target.handle = function (this: unknown, r: RecordedRequest) {
		if (left > 0 && match(r)) {
			left--;
			return { ...reply, headers: { ...(reply.headers ?? {}) } };
		}
		return original.call(this, r);
	};
	return () => {
		delete (target as { handle?: unknown }).handle;
	};
}

/** A plain HTTP server on 127.0.0.1 that must never be reached; it records whatever reaches it. */
export interface Canary {
	port: number;
	origin: string;
	hits: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
	close(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
	const hits: Canary['hits'] = [];
	const sockets = new Set<net.Socket>();
	const server = http.createServer((req, res) => {
		hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"canary":true}');
	});
	server.on('connection', (s) => {
		// A raw connection counts even if no full request arrives (e.g. a smuggled request line).
		hits.push({ method: 'TCP', url: '(connection)', headers: {} });
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		port,
		origin: `http://127.0.0.1:${port}`,
		hits,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}

/** Records the destination of every outgoing TCP connection made in this process. */
export interface ConnectionRecorder {
	connections: Array<{ host: string; port: number }>;
	restore(): void;
}

export function recordConnections(): ConnectionRecorder {
	const connections: ConnectionRecorder['connections'] = [];
	const proto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => unknown };
	const original = proto.connect;
	proto.connect = function (this: net.Socket, ...args: unknown[]) {
		const first = args[0];
		let host = 'localhost';
		let port = NaN;
		if (Array.isArray(first)) {
			// Internal normalized form: [options, cb]
			const o = first[0] as { host?: string; port?: number; path?: string };
			if (o && typeof o === 'object') {
				host = o.path ? `unix:${o.path}` : (o.host ?? 'localhost');
				port = Number(o.port);
			}
		} else if (first && typeof first === 'object') {
			const o = first as { host?: string; port?: number; path?: string };
			host = o.path ? `unix:${o.path}` : (o.host ?? 'localhost');
			port = Number(o.port);
		} else if (typeof first === 'number' || typeof first === 'string') {
			port = Number(first);
			if (typeof args[1] === 'string') host = args[1];
		}
		connections.push({ host, port });
		return original.apply(this, args);
	};
	return {
		connections,
		restore: () => {
			proto.connect = original;
		},
	};
}

/** mulberry32: a small, fast, seedable PRNG (deterministic across platforms). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Every string reachable from a value (own properties, enumerable or not; cycles skipped). */
export function deepText(value: unknown): string {
	const seen = new Set<unknown>();
	const out: string[] = [];
	const walk = (v: unknown, depth: number) => {
		if (typeof v === 'string') {
			out.push(v);
			return;
		}
		if (!v || typeof v !== 'object' || seen.has(v) || depth > 12) return;
		seen.add(v);
		for (const key of Object.getOwnPropertyNames(v)) {
			let child: unknown;
			try {
				child = (v as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			out.push(key);
			walk(child, depth + 1);
		}
	};
	walk(value, 0);
	return out.join('\n');
}
