/** Types shared by the sandbox modules. */
export type ServerRole = 'accounts' | 'api' | 'people';

export interface RecordedRequest {
	server: ServerRole;
	method: string;
	/** Path plus query string, as received. */
	url: string;
	path: string;
	query: Record<string, string | string[]>;
	/** Lower-case header names; repeated headers joined with ", ". */
	headers: Record<string, string>;
	rawBody: string;
	/** Parsed body: JSON value, urlencoded/multipart fields, raw text or undefined. */
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	/** Form fields when the body was urlencoded or multipart. */
	form?: Record<string, string>;
	/** Date.now() when the request was fully received. */
	at: number;
	/** Date.now() when the answer was fully sent; unset while pending, for a reset or a hang, and when the client gave up first. */
	answeredAt?: number;
	/** HTTP status of the answer sent (set with answeredAt). */
	status?: number;
}

export interface Reply {
	status: number;
	body: string;
	headers?: Record<string, string>;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';

export function jsonReply(status: number, body: string, headers?: Record<string, string>): Reply {
	return { status, body, headers: { 'content-type': JSON_TYPE, ...headers } };
}

/** Timer registry so close() can cancel every pending artificial delay. */
export class Timers {
	private pending = new Set<NodeJS.Timeout>();
	private closed = false;

	sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			if (this.closed) return;
			const t = setTimeout(() => {
				this.pending.delete(t);
				resolve();
			}, ms);
			this.pending.add(t);
		});
	}

	close(): void {
		this.closed = true;
		for (const t of this.pending) clearTimeout(t);
		this.pending.clear();
	}
}
