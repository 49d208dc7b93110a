/**
 * Reply overrides: answer matching requests with a reply of the test's choosing, every time (until
 * removed or `reset()`) or for the next `times` matches. Unlike faults, an override can be a function
 * of the request and may call the real handler, so a test can build a server that misbehaves the
 * same way on every page (ignores the paging cursor, always says another page follows).
 */
import type { RecordedRequest, Reply, ServerRole } from './types';

/** The real handler of the server, for overrides that rewrite or forward a request. */
export type RealHandler = (r: RecordedRequest) => Promise<Reply>;

/** A fixed reply, or a function of the request; a function returning undefined lets the real handler answer. */
export type OverrideReply =
	| Reply
	| ((r: RecordedRequest, real: RealHandler) => Reply | undefined | Promise<Reply | undefined>);

export interface ReplyOverrideSpec {
	server: ServerRole;
	method?: string;
	/** Matches when the request path+query contains this text. */
	pathIncludes?: string;
	/** Further condition on the request. */
	match?: (r: RecordedRequest) => boolean;
	reply: OverrideReply;
	/** How many matching requests it answers; omitted: every one until removed. */
	times?: number;
}

interface ActiveOverride extends ReplyOverrideSpec {
	remaining: number;
}

export class ReplyOverrides {
	private list: ActiveOverride[] = [];

	/** Adds an override; returns the function that removes it. */
	add(spec: ReplyOverrideSpec): () => void {
		const active: ActiveOverride = { ...spec, remaining: spec.times ?? Infinity };
		this.list.push(active);
		return () => {
			this.list = this.list.filter((o) => o !== active);
		};
	}

	/** The override's reply for this request, or undefined when none applies (or it passes). */
	async answer(
		server: ServerRole,
		r: RecordedRequest,
		real: RealHandler,
	): Promise<Reply | undefined> {
		const o = this.list.find(
			(x) =>
				x.server === server &&
				(x.method === undefined || x.method.toUpperCase() === r.method) &&
				(x.pathIncludes === undefined || r.url.includes(x.pathIncludes)) &&
				(x.match === undefined || x.match(r)),
		);
		if (!o) return undefined;
		o.remaining -= 1;
		if (o.remaining <= 0) this.list = this.list.filter((x) => x !== o);
		if (typeof o.reply !== 'function')
			return { ...o.reply, headers: { ...(o.reply.headers ?? {}) } };
		return await o.reply(r, real);
	}

	pending(): number {
		return this.list.length;
	}

	clear(): void {
		this.list = [];
	}
}
