/** One HTTP listener per role; records every request, applies faults, routes to a handler. */
import http from 'http';
import type { Socket } from 'net';
import { parseBody, parseQuery } from './body';
import {
	answerWithFault,
	type FaultRegistry,
	type FaultSpec,
	type ImmediateFaultKind,
} from './faults';
import type { RecordedRequest, Reply, ServerRole, Timers } from './types';

export type Handler = (r: RecordedRequest) => Reply | Promise<Reply>;

export interface RoleServerDeps {
	record(r: RecordedRequest): void;
	faults: FaultRegistry;
	timers: Timers;
	/** Requests for which this returns true are neither recorded nor faulted. */
	isControl?(path: string): boolean;
	/** Called when a recorded request starts being handled, and when its handling has ended. */
	busy?(delta: 1 | -1): void;
}

export class RoleServer {
	private server: http.Server;
	private sockets = new Set<Socket>();
	port = 0;

	constructor(
		readonly role: ServerRole,
		private handler: Handler,
		private deps: RoleServerDeps,
	) {
		this.server = http.createServer((req, res) => {
			this.onRequest(req, res).catch((err: Error) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'text/plain' });
					res.end(`sandbox error: ${err.stack ?? err.message}`);
				} else res.destroy();
			});
		});
		this.server.on('connection', (s: Socket) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	listen(port = 0): Promise<number> {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => {
				const addr = this.server.address();
				this.port = typeof addr === 'object' && addr ? addr.port : port;
				resolve(this.port);
			});
		});
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
			for (const s of this.sockets) s.destroy();
		});
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const raw = Buffer.concat(chunks);
		const url = req.url ?? '/';
		const qi = url.indexOf('?');
		const path = qi < 0 ? url : url.slice(0, qi);
		const headers: Record<string, string> = {};
		for (const [k, v] of Object.entries(req.headers)) {
			if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
		}
		const parsed = parseBody(raw, headers['content-type']);
		const rec: RecordedRequest = {
			server: this.role,
			method: (req.method ?? 'GET').toUpperCase(),
			url,
			path,
			query: parseQuery(qi < 0 ? '' : url.slice(qi + 1)),
			headers,
			rawBody: raw.toString('utf8'),
			body: parsed.body,
			form: parsed.form,
			at: Date.now(),
		};
		const control = this.deps.isControl?.(path) ?? false;
		if (control) {
			await this.answer(rec, res);
			return;
		}
		// Tests read when and how each request was answered (timestamps instead of wall-clock bounds).
		res.once('finish', () => {
			rec.answeredAt = Date.now();
			rec.status = res.statusCode;
		});
		this.deps.busy?.(1);
		try {
			this.deps.record(rec);
			const fault = this.deps.faults.take(this.role, rec.method, url);
			if (fault?.kind === 'hang') {
				// Never answer; close() destroys the socket.
				return;
			}
			if (fault?.kind === 'trickle') {
				await this.trickle(
					res,
					await this.handler(rec),
					fault.intervalMs ?? 250,
					fault.totalMs ?? 8000,
				);
				return;
			}
			if (fault && fault.kind !== 'slow') {
				answerWithFault(res, fault as FaultSpec & { kind: ImmediateFaultKind }, rec);
				return;
			}
			if (fault) await this.deps.timers.sleep(fault.delayMs ?? 3000);
			await this.answer(rec, res);
		} finally {
			this.deps.busy?.(-1);
		}
	}

	private async answer(rec: RecordedRequest, res: http.ServerResponse): Promise<void> {
		const reply = await this.handler(rec);
		if (res.destroyed) return;
		const body = Buffer.from(reply.body, 'utf8');
		res.writeHead(reply.status, { ...reply.headers, 'content-length': body.length });
		res.end(body);
	}

	/**
	 * Sends the headers at once, then one space every `intervalMs` until `totalMs` have passed, then
	 * the real body (leading whitespace keeps JSON valid). The connection is never idle for long, so
	 * only a client with an overall deadline gives up before the end.
	 */
	private async trickle(
		res: http.ServerResponse,
		reply: Reply,
		intervalMs: number,
		totalMs: number,
	): Promise<void> {
		if (res.destroyed) return;
		const body = Buffer.from(reply.body, 'utf8');
		const pad = Math.max(1, Math.ceil(totalMs / Math.max(1, intervalMs)));
		res.writeHead(reply.status, { ...reply.headers, 'content-length': pad + body.length });
		res.flushHeaders();
		for (let i = 0; i < pad; i++) {
			if (res.destroyed || res.writableEnded) return;
			res.write(' ');
			await this.deps.timers.sleep(intervalMs);
		}
		if (!res.destroyed) res.end(body);
	}
}
