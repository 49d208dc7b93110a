/** One-shot (or n-shot) failures injected in front of the sandbox handlers. */
import type { ServerResponse } from 'http';
import type { ServerRole } from './types';

export type FaultKind = 'status500' | 'status502' | 'status503' | 'reset' | 'slow' | 'html' | 'truncated';

export interface FaultSpec {
	server: ServerRole;
	/** Matches when the request path+query contains this text. */
	pathIncludes?: string;
	method?: string;
	kind: FaultKind;
	/** How many matching requests this fault applies to (default 1). */
	times?: number;
	/** For 'slow' (default 3000 ms). */
	delayMs?: number;
}

interface ActiveFault extends FaultSpec {
	remaining: number;
}

export class FaultRegistry {
	private faults: ActiveFault[] = [];

	add(spec: FaultSpec): void {
		const kinds: FaultKind[] = ['status500', 'status502', 'status503', 'reset', 'slow', 'html', 'truncated'];
		if (!kinds.includes(spec.kind)) throw new Error(`unknown fault kind: ${String(spec.kind)}`);
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

/** Answers a request with a non-slow fault. */
export function answerWithFault(res: ServerResponse, kind: Exclude<FaultKind, 'slow'>): void {
	switch (kind) {
		case 'reset':
			res.socket?.destroy();
			return;
		case 'status500':
			send(res, 500, 'application/json;charset=UTF-8', '{"code":500,"message":"Internal Server Error"}');
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
	}
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
	res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
	res.end(body);
}
