/** One-shot (or n-shot) failures injected in front of the sandbox handlers. */
import type { ServerResponse } from 'http';
import type { RecordedRequest, ServerRole } from './types';

export type FaultKind =
	| 'status500'
	| 'status502'
	| 'status503'
	| 'reset'
	| 'slow'
	| 'html'
	| 'truncated'
	| 'hang'
	| 'trickle'
	| 'echo'
	| 'status';

export const FAULT_KINDS: readonly FaultKind[] = [
	'status500',
	'status502',
	'status503',
	'reset',
	'slow',
	'html',
	'truncated',
	'hang',
	'trickle',
	'echo',
	'status',
];

/** Body shapes of an 'echo' fault (see `echoBody`). */
export type EchoFormat = 'text' | 'json' | 'oauth' | 'people' | 'bookings';

export interface FaultSpec {
	server: ServerRole;
	/** Matches when the request path+query contains this text. */
	pathIncludes?: string;
	method?: string;
	kind: FaultKind;
	/** How many matching requests this fault applies to (default 1; `Infinity` in process = until reset). */
	times?: number;
	/** For 'slow' (default 3000 ms). */
	delayMs?: number;
	/** For 'trickle': one byte every `intervalMs` (default 250) until `totalMs` (default 8000) have passed. */
	intervalMs?: number;
	totalMs?: number;
	/** For 'echo' (default 400) and 'status' (default 400). */
	status?: number;
	/** For 'echo': default 'oauth' on the accounts server, 'people' on people, 'json' on api. */
	format?: EchoFormat;
	/** For 'status': the body (default empty), its content type (default JSON) and extra headers. */
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
}

interface ActiveFault extends FaultSpec {
	remaining: number;
}

export class FaultRegistry {
	private faults: ActiveFault[] = [];

	add(spec: FaultSpec): void {
		if (!FAULT_KINDS.includes(spec.kind))
			throw new Error(`unknown fault kind: ${String(spec.kind)}`);
		this.faults.push({ ...spec, remaining: spec.times ?? 1 });
	}

	/** Finds and consumes the first fault matching this request. */
	take(server: ServerRole, method: string, url: string): FaultSpec | undefined {
		const i = this.faults.findIndex(
			(f) =>
				f.server === server &&
				(f.method === undefined || f.method.toUpperCase() === method.toUpperCase()) &&
				(f.pathIncludes === undefined || url.includes(f.pathIncludes)),
		);
		if (i < 0) return undefined;
		const f = this.faults[i];
		f.remaining -= 1;
		if (f.remaining <= 0) this.faults.splice(i, 1);
		return f;
	}

	pending(): number {
		return this.faults.length;
	}

	clear(): void {
		this.faults = [];
	}
}

/** Faults answered at once, without the handler (slow, hang and trickle are timed by the server). */
export type ImmediateFaultKind = Exclude<FaultKind, 'slow' | 'hang' | 'trickle'>;

/** Answers a request with an immediate fault. */
export function answerWithFault(
	res: ServerResponse,
	fault: FaultSpec & { kind: ImmediateFaultKind },
	request: RecordedRequest,
): void {
	switch (fault.kind) {
		case 'reset':
			res.socket?.destroy();
			return;
		case 'status500':
			send(
				res,
				500,
				'application/json;charset=UTF-8',
				'{"code":500,"message":"Internal Server Error"}',
			);
			return;
		case 'status502':
			send(res, 502, 'text/plain', 'Bad Gateway');
			return;
		case 'status503':
			send(res, 503, 'text/plain', 'Service Temporarily Unavailable');
			return;
		case 'html':
			send(res, 502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>');
			return;
		case 'truncated': {
			// No content-length: the connection simply ends, leaving invalid JSON.
			res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', connection: 'close' });
			res.end('{"code":0,"message":"success","data":[{"id":"460000000000000001","name":"Trunc');
			return;
		}
		case 'echo': {
			const { type, body } = echoBody(fault.format ?? defaultEchoFormat(fault.server), request);
			send(res, fault.status ?? 400, type, body);
			return;
		}
		case 'status':
			send(
				res,
				fault.status ?? 400,
				fault.contentType ?? 'application/json;charset=UTF-8',
				fault.body ?? '',
				fault.headers,
			);
			return;
	}
}

function defaultEchoFormat(server: ServerRole): EchoFormat {
	if (server === 'accounts') return 'oauth';
	return server === 'people' ? 'people' : 'json';
}

/**
 * A hostile error answer that repeats what it was sent: the Authorization header, the whole query
 * string and the whole body (so access token, grant code, refresh token and client secret come back
 * in the error text), shaped as each product's error envelope.
 */
export function echoBody(format: EchoFormat, r: RecordedRequest): { type: string; body: string } {
	const qi = r.url.indexOf('?');
	const text = `Bad request: authorization=${r.headers.authorization ?? ''} query=${qi < 0 ? '' : r.url.slice(qi + 1)} body=${r.rawBody}`;
	const json = 'application/json;charset=UTF-8';
	switch (format) {
		case 'text':
			return { type: 'text/plain;charset=UTF-8', body: text };
		case 'json':
			return { type: json, body: JSON.stringify({ code: 4, message: text }) };
		case 'oauth':
			return { type: json, body: JSON.stringify({ error: text, error_description: text }) };
		case 'people':
			return {
				type: json,
				body: JSON.stringify({
					response: {
						errors: { code: 7016, message: text },
						message: text,
						uri: r.path,
						status: 1,
					},
				}),
			};
		case 'bookings':
			return {
				type: json,
				body: JSON.stringify({ response: { status: 'failure', errormessage: text } }),
			};
	}
}

function send(
	res: ServerResponse,
	status: number,
	type: string,
	body: string,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, {
		...headers,
		'content-type': type,
		'content-length': Buffer.byteLength(body),
	});
	res.end(body);
}
