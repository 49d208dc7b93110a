/**
 * Fuzzes the Custom API Call (resource customApiCall, operation request) of every node: random
 * methods, paths (benign, hostile, random mixes), query pairs and JSON / form / multipart bodies,
 * 50 cases per n8n execution through expressions, with continue-on-fail.
 *
 * For every case: output or a clear error item (NodeOperationError / NodeApiError words, never an
 * empty, "Unknown error" or raw JS crash message); hostile paths refused before sending.
 * For every execution: the canary server on 127.0.0.1 got nothing; every outgoing TCP connection
 * went to one of the sandbox's three origins; every request the sandbox saw stayed under the
 * product's base path; no secret in output, error or logs.
 *
 * Deterministic: FUZZ_SEED (default below) seeds a mulberry32 PRNG; FUZZ_CASES sets cases per node.
 * Every failure message starts with the seed, batch and case, and the case itself.
 */
import { appendFileSync } from 'fs';
import http from 'http';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RecordedRequest } from '../sandbox';
import type { Auth, World } from './world';
import { expectNoSecrets, useWorld, visibleText } from './world';
import type { Canary, ConnectionRecorder, ProductName } from './faultKit';
import {
	KITS,
	ORG,
	cleanErrorProblem,
	outputItems,
	pairedIndex,
	prng,
	recordConnections,
	startCanary,
} from './faultKit';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2031) >>> 0;
const CASES_PER_NODE = Number(process.env.FUZZ_CASES ?? 700);
const BATCH = 50;
const BATCHES = Math.ceil(CASES_PER_NODE / BATCH);
const MARKER = '__fz';
const SLOTS = 4; // query / body field slots per case (unused ones have an empty name)

const world = useWorld(3);
let w: World;
let canary: Canary;
let connections: ConnectionRecorder;
beforeAll(async () => {
	canary = await startCanary();
	connections = recordConnections();
});
afterAll(async () => {
	connections.restore();
	await canary.close();
});
beforeEach(() => {
	w = world();
	KITS.Bookings.setup(w);
	w.sb.people.seedEmployees(3);
	w.sb.clearRequests();
	connections.connections.length = 0;
});

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: Rand, p: number) => r() < p;

/** How a path must be treated: refused before anything is sent, or anything safe. */
type PathClass = 'refuse' | 'any';

interface FuzzCase {
	id: string;
	method: unknown;
	path: unknown;
	pathClass: PathClass;
	q: Array<{ name: string; value: string }>;
	bodyFormat: string;
	body: unknown;
	f: Array<{ name: string; value: string }>;
	returnAll: boolean;
	limit: number;
}

const BENIGN: Record<ProductName, string[]> = {
	Invoice: [
		'/contacts',
		'contacts',
		'/contacts/460000000000000001',
		'/items',
		'/invoices',
		'/organizations',
		'/settings/taxes',
		'/users/me',
		'/contacts/',
		'/estimates',
		'/nosuch/route',
		'/contacts//x',
	],
	People: [
		'/people/api/forms',
		'/api/forms',
		'/people/api/forms/employee/getRecords',
		'/api/v2/leavetracker/leaves/records',
		'/people/api/forms/employee/components',
		'/people/api/forms/json/employee/insertRecord',
		'/people/api/attendance',
		'/api/nosuch',
		'/people/api/timetracker/gettimelogs',
	],
	Bookings: [
		'/workspaces',
		'services',
		'/staffs',
		'/resources',
		'/getappointment',
		'/appointment',
		'/fetchappointment',
		'/updateappointment',
		'/availableslots',
		'/nosuch',
	],
};

/** Paths that must be refused before sending; CANARY is replaced with the canary's host:port. */
const HOSTILE: string[] = [
	'http://CANARY/x',
	'HTTP://CANARY',
	'https://CANARY/invoice/v3/contacts',
	' http://CANARY/ ',
	'http:/CANARY/x',
	'http:CANARY',
	'http:\\\\CANARY\\x',
	'javascript:alert(1)',
	'file:///etc/passwd',
	'ftp://CANARY/',
	'//CANARY/x',
	'///CANARY/x',
	'//CANARY',
	'\\\\CANARY\\x',
	'/\\CANARY/x',
	'\\/CANARY/x',
	'/contacts\\..\\..\\x',
	'/../x',
	'..',
	'.',
	'/contacts/../../x',
	'/./contacts',
	'/contacts/..',
	'/contacts/.',
	'/%2e%2e/x',
	'/%2E%2E/%2E%2E/CANARY',
	'/.%2e/x',
	'/%2e./x',
	'/%252e%252e/x',
	'/%25252e%25252e/x',
	'/contacts/%2e%2e/%2e%2e/people/api/forms',
	'%2f%2fCANARY/x',
	'%2F%2FCANARY',
	'%252f%252fCANARY/x',
	'%5c%5cCANARY/x',
	'/%5cCANARY',
	'@CANARY/x',
	'/x@CANARY',
	'%40CANARY/x',
	'user:pass@CANARY/x',
	'/contacts\r\nHost: CANARY',
	'/contacts\u0000',
	'/con\ttacts',
	'%0d%0aHost:%20CANARY',
	'/%00',
	'/%0a/x',
	'/contacts?organization_id=1',
	'/contacts?x=http://CANARY/',
	'?',
	'/contacts#frag',
	'#//CANARY',
	'/%zz',
	'/%',
	'/%E0%A4%A',
	'',
	'   ',
	'localhost:PORT/x',
	'\uFEFF//CANARY', // trimmed by String.trim, then //
	'\u00a0//CANARY',
];

/** Odd but harmless paths: may be sent, must stay under the base path. */
const ODD: string[] = [
	'/cöntacts',
	'/контакты',
	'/ｃｏｎｔａｃｔｓ',
	'/％２ｅ％２ｅ/x',
	'/\uFF0E\uFF0E/x',
	'/\u3002\u3002/x',
	'/\u2025/x',
	'/\u202e/x',
	'/😀/x',
	'/\u2028x',
	'/\uFEFFcontacts',
	'/contacts;jsessionid=1',
	'/contacts/%20',
	'/contacts%2fx',
	'/:PORT/x',
	':PORT/x',
	'127.0.0.1:PORT/x',
	'CANARY/x',
	'evil.example/x',
	'/...',
	'/.../x',
	'/..foo',
	'/foo..',
	'/contacts/.hidden',
	'/~user',
	'/%7euser',
	'/a b',
	'/contacts%3Fx=1',
	'/contacts%23x',
	'/%C0%AE%C0%AE/x', // overlong UTF-8 dots: malformed for decodeURIComponent
	'/x\n', // trailing whitespace is trimmed: sent as /x
	'\t/contacts ',
	'\u0085//CANARY', // NEL: not trimmed by String.trim and not a C0 control; the path gets a leading /
];

const ATOMS = [
	'contacts',
	'x',
	'..',
	'.',
	'%2e',
	'%2e%2e',
	'%2f',
	'/',
	'//',
	'\\',
	'@',
	'?',
	'#',
	'%',
	'%25',
	'CANARY',
	'http:',
	'ü',
	'\u0000',
	'\r\n',
	'\t',
	' ',
	'%00',
	'%0a',
	';',
	'&',
	'=',
	'~',
	'%5c',
	'%40',
	'..%2f',
	'%2e%2e%2f',
	':PORT',
	'\u3002',
	'\uFF0F',
	'é',
];

// Includes what once broke the node: non-text methods (a number reached axios as a raw TypeError)
// and CONNECT (with a long path it hung past timeoutSeconds).
const METHODS_ODD = [
	'get',
	'post',
	'HEAD',
	'OPTIONS',
	'TRACE',
	'FOO',
	'',
	' GET',
	'GET /x HTTP/1.1',
	'GET\r\nHost: evil',
	'PÖST',
	'DELETE ',
	null,
	42,
	0,
	-1,
	1.5,
	true,
	false,
	'CONNECT',
	'connect',
	' CONNECT ',
];

const KEYS = [
	'a',
	'name',
	'contact_name',
	'__proto__',
	'constructor',
	'prototype',
	'organization_id',
	'page',
	'per_page',
	'sIndex',
	'limit',
	'data',
	'inputData',
	'JSONString',
	'a[b]',
	'x=y&z',
	'ü',
	'',
	' ',
	'k\r\nX-Evil: 1',
	'%41',
	'authorization',
	'Authorization',
];
const VALUES = [
	'1',
	'abc',
	'',
	' ',
	'ü',
	'😀',
	'\u0000',
	'a\r\nb',
	'http://CANARY/',
	'//CANARY',
	'../..',
	'%2e%2e',
	'{"a":1}',
	'[1,2]',
	'null',
	'true',
	'123456789012345678901',
	'-1',
	'NaN',
	"'; DROP TABLE x; --",
	'<script>alert(1)</script>',
	'${process.env}',
	'{{ $json.path }}',
	'={{ 1 + 1 }}',
];

function fill(text: string, port: number): string {
	return text.replace(/CANARY/g, `127.0.0.1:${port}`).replace(/PORT/g, String(port));
}

function randomString(r: Rand, port: number): string {
	const kind = int(r, 0, 5);
	if (kind === 0) return fill(pick(r, VALUES), port);
	if (kind === 1)
		return Array.from({ length: int(r, 1, 12) }, () =>
			String.fromCharCode(int(r, 0x20, 0x7e)),
		).join('');
	if (kind === 2)
		return Array.from({ length: int(r, 1, 6) }, () =>
			String.fromCodePoint(int(r, 0xa0, 0x2fff)),
		).join('');
	if (kind === 3) return 'v'.repeat(int(r, 100, 5000));
	if (kind === 4) return String(int(r, -1e6, 1e6));
	return Array.from({ length: int(r, 1, 5) }, () => String.fromCharCode(int(r, 0, 0x1f))).join('');
}

function randomJson(r: Rand, depth: number, port: number): unknown {
	const kind = int(r, 0, depth > 2 ? 4 : 6);
	switch (kind) {
		case 0:
			return randomString(r, port);
		case 1:
			return r() < 0.5 ? int(r, -1e9, 1e9) : r() * 1e6;
		case 2:
			return chance(r, 0.5);
		case 3:
			return null;
		case 4:
			return fill(pick(r, VALUES), port);
		case 5:
			return Array.from({ length: int(r, 0, 4) }, () => randomJson(r, depth + 1, port));
		default: {
			const o: Record<string, unknown> = {};
			for (let i = int(r, 0, 5); i > 0; i--)
				o[fill(pick(r, KEYS), port)] = randomJson(r, depth + 1, port);
			return o;
		}
	}
}

function randomBody(r: Rand, port: number): unknown {
	const kind = int(r, 0, 9);
	if (kind <= 4) return JSON.stringify(randomJson(r, 0, port));
	if (kind === 5)
		return pick(r, [
			'{',
			'{"a":}',
			'NaN',
			'',
			' ',
			'{"a":1}}',
			"{'a':1}",
			'undefined',
			'[',
			'\u0000',
		]);
	if (kind === 6) return '{"id":123456789012345678901,"n":"ü"}'; // an 18+-digit number kept exact
	if (kind === 7) return `{"big":"${'b'.repeat(int(r, 1000, 50000))}"}`;
	if (kind === 8) return randomJson(r, 0, port); // an object/array/scalar, not text
	return '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
}

function randomPath(
	r: Rand,
	product: ProductName,
	port: number,
): { path: unknown; pathClass: PathClass } {
	const kind = r();
	if (kind < 0.3) {
		let path = pick(r, BENIGN[product]);
		if (chance(r, 0.3))
			path += `/${
				randomString(r, port)
					.replace(/[^a-z0-9_-]/gi, '')
					.slice(0, 30) || 'x'
			}`;
		return { path, pathClass: 'any' };
	}
	if (kind < 0.62) {
		// Hostile, possibly after a benign prefix (still refused: the check covers the whole path).
		const hostile = fill(pick(r, HOSTILE), port);
		const prefixable =
			!/^\s|^[a-z]+:|^\/\/|^\\|^%2f|^%5c|^%252f|^$|^\s+$|^\?|^#|^localhost|^@|^%40|^user:/i.test(
				hostile,
			);
		const path =
			prefixable && chance(r, 0.3)
				? `${pick(r, BENIGN[product]).replace(/\/$/, '')}${hostile.startsWith('/') ? '' : '/'}${hostile}`
				: hostile;
		return { path, pathClass: 'refuse' };
	}
	if (kind < 0.77) return { path: fill(pick(r, ODD), port), pathClass: 'any' };
	if (kind < 0.8) {
		// Very long: many segments or one huge one.
		return chance(r, 0.5)
			? {
					path: `/${Array.from({ length: int(r, 200, 2000) }, () => 'seg').join('/')}`,
					pathClass: 'any',
				}
			: { path: `/${'a'.repeat(int(r, 2000, 70000))}`, pathClass: 'any' };
	}
	if (kind < 0.82)
		return { path: pick(r, [null, 42, ['/contacts'], { path: '/x' }, true]), pathClass: 'any' };
	// Random mix of atoms: classified only by the invariants.
	const path = fill(Array.from({ length: int(r, 1, 8) }, () => pick(r, ATOMS)).join(''), port);
	return { path, pathClass: 'any' };
}

const FORMATS: Record<ProductName, string[]> = {
	Invoice: ['json', 'jsonString', 'none'],
	People: ['form', 'inputData', 'json', 'none'],
	Bookings: ['multipart', 'form', 'none'],
};

function randomCase(r: Rand, product: ProductName, id: string, port: number): FuzzCase {
	const m = r();
	const method =
		m < 0.35
			? 'GET'
			: m < 0.55
				? 'POST'
				: m < 0.65
					? 'PUT'
					: m < 0.75
						? 'PATCH'
						: m < 0.85
							? 'DELETE'
							: pick(r, METHODS_ODD);
	const { path, pathClass } = randomPath(r, product, port);
	const pairs = (n: number) =>
		Array.from({ length: SLOTS }, (_, i) =>
			i < n
				? {
						name: chance(r, 0.6) ? fill(pick(r, KEYS), port) : randomString(r, port).slice(0, 40),
						value: randomString(r, port),
					}
				: { name: '', value: '' },
		);
	const q = pairs(int(r, 0, SLOTS - 1));
	q[SLOTS - 1] = { name: MARKER, value: id }; // the marker: which case a recorded request belongs to
	const formats = FORMATS[product];
	return {
		id,
		method,
		path,
		pathClass,
		q,
		bodyFormat: chance(r, 0.9)
			? pick(r, formats)
			: pick(r, ['xml', '', 'multipart', 'json', 'inputData', 'jsonString']),
		body: randomBody(r, port),
		f: pairs(int(r, 0, SLOTS)),
		returnAll: chance(r, 0.15),
		limit: int(r, 1, 300),
	};
}

function nodeParameters(product: ProductName): INodeParameters {
	const slots = (list: string) => ({
		parameter: Array.from({ length: SLOTS }, (_, i) => ({
			name: `={{ $json.${list}[${i}].name }}`,
			value: `={{ $json.${list}[${i}].value }}`,
		})),
	});
	return {
		resource: 'customApiCall',
		operation: 'request',
		method: '={{ $json.method }}',
		path: '={{ $json.path }}',
		queryParameters: slots('q'),
		bodyFormat: '={{ $json.bodyFormat }}',
		body: '={{ $json.body }}',
		bodyParameters: slots('f'),
		returnAll: '={{ $json.returnAll }}',
		limit: '={{ $json.limit }}',
		...(product === 'Invoice' ? { organizationId: ORG } : {}),
		options: { parallelRequests: 10, timeoutSeconds: 5, maxWaitSeconds: 1 },
	};
}

const REFUSED = /^The path was refused before sending: /;

function checkRequests(
	product: ProductName,
	requests: RecordedRequest[],
	byId: Map<string, FuzzCase>,
): string[] {
	const problems: string[] = [];
	const kit = KITS[product];
	for (const r of requests) {
		const where = `${r.server} ${r.method} ${r.url.slice(0, 300)}`;
		if (r.server === 'accounts') {
			if (!/^\/us\/oauth\/v2\/token$/.test(r.path))
				problems.push(`unexpected accounts request: ${where}`);
			continue;
		}
		if (r.server !== kit.server) problems.push(`request to the wrong product server: ${where}`);
		else if (!r.path.startsWith(kit.basePath))
			problems.push(`request left the base path ${kit.basePath}: ${where}`);
		const marker = r.query[MARKER];
		const c = typeof marker === 'string' ? byId.get(marker) : undefined;
		if (!c) problems.push(`request without a known case marker: ${where}`);
		else if (c.pathClass === 'refuse')
			problems.push(`hostile path was sent: ${JSON.stringify(c.path)} -> ${where}`);
	}
	return problems;
}

const PRODUCTS: ProductName[] = ['Invoice', 'People', 'Bookings'];
const stats = {
	cases: 0,
	refused: 0,
	errors: 0,
	ok: 0,
	empty: 0,
	requests: 0,
	ms: 0,
	nonTextMethods: 0,
	connect: 0,
	selfClientBatches: 0,
};

afterAll(() => {
	// eslint-disable-next-line no-console
	console.log(
		`fuzz seed ${SEED}: ${stats.cases} cases (${stats.ok} with output, ${stats.empty} empty lists, ${stats.errors} error items of which ${stats.refused} refused paths), ${stats.requests} sandbox requests, ${stats.ms} ms in n8n`,
	);
});

it('instruments work: the canary and the connection recorder see real traffic', async () => {
	await new Promise<void>((resolve, reject) => {
		http
			.get(`${canary.origin}/self-test`, (res) => {
				res.resume();
				res.on('end', () => resolve());
			})
			.on('error', reject);
	});
	expect(canary.hits.some((h) => h.url === '/self-test')).toBe(true);
	expect(connections.connections).toContainEqual({ host: '127.0.0.1', port: canary.port });
	canary.hits.length = 0;
	connections.connections.length = 0;
	// A node run through n8n's request helper is seen too.
	const result = await w.run(
		'oAuth2',
		{ resource: 'customApiCall', operation: 'request', method: 'GET', path: '/workspaces' },
		{ nodeType: 'zohoBookings' },
	);
	expect(result.error).toBeUndefined();
	expect(connections.connections).toContainEqual({
		host: '127.0.0.1',
		port: Number(new URL(w.sb.urls.api).port),
	});
	connections.connections.length = 0;
});

describe.each(PRODUCTS)('fuzz the Zoho %s Custom API Call', (product) => {
	const kit = KITS[product];
	it.each(Array.from({ length: BATCHES }, (_, b) => b))(
		`batch %i (seed ${SEED})`,
		async (batch) => {
			const n = Math.min(BATCH, CASES_PER_NODE - batch * BATCH);
			// One PRNG stream per (seed, product, batch): a failing batch replays alone.
			const r = prng(
				SEED ^
					Math.imul(PRODUCTS.indexOf(product) + 1, 0x9e3779b1) ^
					Math.imul(batch + 1, 0x85ebca6b),
			);
			const cases = Array.from({ length: n }, (_, i) =>
				randomCase(r, product, `${product[0]}${batch}.${i}`, canary.port),
			);
			const byId = new Map(cases.map((c) => [c.id, c]));
			// The Self Client batches start with a grant code only: the first exchange happens under 10
			// parallel items, and must happen exactly once (an invalid_code error item would show it did not).
			const auth: Auth = batch % 2 === 0 ? 'oAuth2' : 'selfClient';
			const started = Date.now();
			const result = await w.run(auth, nodeParameters(product), {
				nodeType: kit.nodeType,
				items: cases as unknown as IDataObject[],
				continueOnFail: true,
			});
			stats.ms += Date.now() - started;
			const header = `seed ${SEED} (FUZZ_SEED), ${product} batch ${batch}, ${auth}`;
			const problems: string[] = [];

			if (result.error)
				problems.push(`execution failed (not an item error): ${result.error.message}`);
			const requests = w.sb.requests.slice();
			// Every input yields output or exactly one error item. The one exception is n8n's convention
			// for lists: a GET whose list came back empty yields no item; accepted only when that GET
			// really reached the sandbox.
			const reached = new Set(
				requests.map((q) => q.query[MARKER]).filter((m): m is string => typeof m === 'string'),
			);
			const byInput = new Map<number, { items: number; errors: number }>();
			for (const item of outputItems(result)) {
				const i = pairedIndex(item);
				if (!(i >= 0 && i < n)) problems.push(`output paired with unknown input ${i}`);
				const seen = byInput.get(i) ?? { items: 0, errors: 0 };
				byInput.set(i, {
					items: seen.items + 1,
					errors: seen.errors + (item.json.error !== undefined ? 1 : 0),
				});
			}
			for (const [i, seen] of byInput) {
				if (seen.errors > 0 && seen.items > 1)
					problems.push(`case ${cases[i]?.id}: an error item and other output`);
			}
			let empty = 0;
			cases.forEach((c, i) => {
				if (byInput.has(i)) return;
				if (
					String(c.method).trim().toUpperCase() === 'GET' &&
					c.pathClass === 'any' &&
					reached.has(c.id)
				)
					empty++;
				else
					problems.push(
						`case ${c.id} lost (no output, no error item): ${JSON.stringify(c).slice(0, 600)}`,
					);
			});
			for (const item of outputItems(result)) {
				const c = cases[pairedIndex(item)];
				const json = item.json;
				if (json.error === undefined) {
					if (c.pathClass === 'refuse')
						problems.push(`case ${c.id} hostile path not refused: ${JSON.stringify(c)}`);
					continue;
				}
				const problem = cleanErrorProblem(json);
				if (problem)
					problems.push(`case ${c.id}: ${problem}\n  case: ${JSON.stringify(c).slice(0, 600)}`);
				if (c.pathClass === 'refuse' && !REFUSED.test(String(json.error))) {
					problems.push(
						`case ${c.id} hostile path failed for another reason: ${String(json.error)}\n  case: ${JSON.stringify(c).slice(0, 600)}`,
					);
				}
			}
			problems.push(...checkRequests(product, requests, byId));
			const exchanges = w.sb.tokenEndpointCalls('authorization_code');
			if (exchanges !== (auth === 'selfClient' ? 1 : 0))
				problems.push(`grant code exchanged ${exchanges} times`);
			if (canary.hits.length)
				problems.push(`canary server was reached: ${JSON.stringify(canary.hits.slice(0, 5))}`);
			const sandboxPorts = new Set(
				[w.sb.urls.accounts('us'), w.sb.urls.api, w.sb.urls.people].map((u) =>
					Number(new URL(u).port),
				),
			);
			for (const c of connections.connections) {
				if (!(c.host === '127.0.0.1' || c.host === 'localhost') || !sandboxPorts.has(c.port))
					problems.push(`outgoing connection to ${c.host}:${c.port}`);
			}
			try {
				expectNoSecrets(result, w.secrets);
			} catch (e) {
				problems.push((e as Error).message);
			}
			if (/Zoho-oauthtoken 1000|Bearer 1000|canary-client-secret/.test(visibleText(result)))
				problems.push('token or client secret text in visible output');

			if (process.env.FUZZ_DUMP) {
				// Debug aid: one line per output item with its case, appended to the given file.
				const cut = (v: unknown) => JSON.stringify(v ?? null).slice(0, 300);
				const lines = outputItems(result).map((o) => {
					const c = cases[pairedIndex(o)];
					return JSON.stringify({
						id: c.id,
						method: c.method,
						path: cut(c.path),
						q: cut(c.q),
						returnAll: c.returnAll,
						out: cut(o.json),
					});
				});
				appendFileSync(process.env.FUZZ_DUMP, `${lines.join('\n')}\n`);
			}
			const errors = outputItems(result).filter((o) => o.json.error !== undefined);
			stats.cases += n;
			stats.nonTextMethods += cases.filter(
				(c) => typeof c.method !== 'string' && c.method !== null,
			).length;
			stats.connect += cases.filter(
				(c) => typeof c.method === 'string' && c.method.trim().toUpperCase() === 'CONNECT',
			).length;
			if (auth === 'selfClient') stats.selfClientBatches++;
			stats.errors += errors.length;
			stats.refused += errors.filter((o) => REFUSED.test(String(o.json.error))).length;
			stats.ok += n - new Set(errors.map(pairedIndex)).size - empty;
			stats.empty += empty;
			stats.requests += requests.length;
			expect({ header, problems: problems.slice(0, 20) }).toEqual({ header, problems: [] });
		},
		60_000,
	);
});

it('drew non-text and CONNECT methods and Self Client first uses (whatever the seed)', () => {
	// Runs after the batches above: they must have drawn non-text and CONNECT methods, and started
	// Self Client batches with only a grant code.
	expect({
		nonText: stats.nonTextMethods === 0,
		connect: stats.connect === 0,
		selfClient: stats.selfClientBatches === 0,
	}).toEqual({ nonText: false, connect: false, selfClient: false });
});

/**
 * The Custom API Call's Method can be anything through an expression; only DELETE, GET, PATCH, POST
 * and PUT are sent (nodes/shared/customApiCall.ts). Anything else is refused before a request goes
 * out: a clear error, not a raw TypeError from axios, and nothing that could hang (CONNECT with a
 * long path once did).
 */
describe('Custom API Call method validation', () => {
	const pathFor = (product: ProductName) =>
		product === 'People'
			? '/people/api/forms'
			: product === 'Invoice'
				? '/contacts'
				: '/workspaces';

	it.each(
		PRODUCTS.flatMap((product) =>
			['42', 'true', '"CONNECT"', '"connect"', '"TRACE"', '"FOO"'].map((method) => [
				product,
				method,
			]),
		),
	)('%s: method {{ %s }} is refused before sending', async (product, method) => {
		const kit = KITS[product as ProductName];
		const result = await w.run(
			'oAuth2',
			{
				resource: 'customApiCall',
				operation: 'request',
				method: `={{ ${method} }}`,
				path: method.includes('CONNECT')
					? `/${'a'.repeat(20000)}`
					: pathFor(product as ProductName),
				...(product === 'Invoice' ? { organizationId: ORG } : {}),
				options: { timeoutSeconds: 1 },
			},
			{ nodeType: kit.nodeType, continueOnFail: true },
		);
		const [item] = outputItems(result);
		expect(outputItems(result)).toHaveLength(1);
		expect(item.json.error).toBe('The method must be one of DELETE, GET, PATCH, POST, PUT');
		expect(w.sb.requests).toHaveLength(0);
	});
});
