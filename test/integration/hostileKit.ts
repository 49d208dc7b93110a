/**
 * Helpers for hostile*.test.ts: per-test credential copies (so module-level per-credential state of
 * the transport, such as renewal gates and remembered failures, never leaks from one test into the
 * next), token-endpoint request counting, a watchdog for runs that may hang, and a connection jail.
 */
import net from 'net';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { harnessLogs, runNode } from '../harness';
import type { RunNodeResult } from '../harness';
import type { RecordedRequest } from '../sandbox';
import { findLeaks, type Leak } from './secretWalk';
import { OAUTH_CRED, SELF_CRED, jsonOf, type Auth, type World } from './world';

export const ORG = '60012345678';

export interface CredRefs {
	oAuth2: { id: string; name: string };
	selfClient: { id: string; name: string };
}

let seq = 0;

/** Copies the world's two credentials (as they are now) to fresh ids used only by this test. */
export function isolate(w: World): CredRefs {
	seq += 1;
	const refs: CredRefs = {
		oAuth2: { id: `${OAUTH_CRED.id}-h${seq}`, name: `${OAUTH_CRED.name} h${seq}` },
		selfClient: { id: `${SELF_CRED.id}-h${seq}`, name: `${SELF_CRED.name} h${seq}` },
	};
	for (const [from, to] of [
		[OAUTH_CRED, refs.oAuth2],
		[SELF_CRED, refs.selfClient],
	] as const) {
		const stored = w.store.get(from.id);
		w.store.add({ ...stored, id: to.id, name: to.name });
	}
	return refs;
}

/** Reads one isolated credential's stored data. */
export function credData(w: World, refs: CredRefs, auth: Auth): IDataObject {
	return w.store.get(refs[auth].id).data as IDataObject;
}

/** Changes fields of one isolated credential in the store. */
export function patchCred(w: World, refs: CredRefs, auth: Auth, patch: IDataObject): void {
	const stored = w.store.get(refs[auth].id);
	w.store.add({ ...stored, data: { ...stored.data, ...patch } as ICredentialDataDecryptedObject });
}

export interface RunOpts {
	items?: IDataObject[];
	continueOnFail?: boolean;
	nodeType?: string;
}

/** Like `w.run`, with this test's own credentials; tokens minted during the run become canaries. */
export async function runAs(
	w: World,
	refs: CredRefs,
	auth: Auth,
	parameters: INodeParameters,
	opts: RunOpts = {},
): Promise<RunNodeResult> {
	const options = { rateLimitPerMinute: 1_000_000, ...((parameters.options as IDataObject) ?? {}) };
	try {
		return await runNode({
			nodeType: opts.nodeType ?? 'zohoInvoice',
			parameters: { authentication: auth, ...parameters, options },
			credentials:
				auth === 'oAuth2'
					? { zohoRegionalOAuth2Api: refs.oAuth2 }
					: { zohoSelfClientApi: refs.selfClient },
			store: w.store,
			inputItems: opts.items,
			continueOnFail: opts.continueOnFail,
		});
	} finally {
		rememberMinted(w, refs);
	}
}

/** Adds every token now stored in this test's credentials to the world's canaries. */
export function rememberMinted(w: World, refs: CredRefs): void {
	for (const ref of [refs.oAuth2, refs.selfClient]) {
		const data = (w.store.get(ref.id).data ?? {}) as IDataObject;
		const token = (data.oauthTokenData ?? {}) as IDataObject;
		for (const v of [
			data.accessToken,
			data.obtainedRefreshToken,
			data.refreshToken,
			data.grantCode,
			token.access_token,
			token.refresh_token,
		]) {
			if (typeof v === 'string' && v) w.secrets.add(v);
		}
	}
}

/** Requests to the token endpoint itself (not /oauth/v2/token/revoke), in order. */
export function tokenRequests(w: World): RecordedRequest[] {
	return w.sb.requests.filter(
		(r) => r.server === 'accounts' && /\/oauth\/v2\/token\/?$/.test(r.path),
	);
}

/** grant_type of every token request, in order. */
export function grants(w: World): string[] {
	return tokenRequests(w).map((r) => String(r.form?.grant_type ?? r.query.grant_type ?? '?'));
}

export function grantCount(w: World, grant: 'authorization_code' | 'refresh_token'): number {
	return grants(w).filter((g) => g === grant).length;
}

/** The error message of every item (continue-on-fail), or of the stopped run. */
export function itemErrors(result: RunNodeResult): string[] {
	if (result.error) return [result.error.message];
	return jsonOf(result)
		.filter((j) => j.error !== undefined)
		.map((j) => String(j.error));
}

/** Fails (instead of waiting for jest's timeout) when a run does not finish within `ms`. */
export async function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const watchdog = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`${what} was still running after ${ms / 1000} s (it hangs)`)),
			ms,
		);
	});
	try {
		return await Promise.race([work, watchdog]);
	} finally {
		clearTimeout(timer);
	}
}

/** Runs `work` and returns its result with its duration in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
	const t0 = Date.now();
	const value = await work();
	return { value, ms: Date.now() - t0 };
}

/** Every secret the world handed out (plus tokens minted so far) found anywhere in the result or the logs. */
export function leaksIn(w: World, refs: CredRefs, result: RunNodeResult): Leak[] {
	rememberMinted(w, refs);
	return findLeaks({ executionData: result.executionData, logs: harnessLogs }, w.secrets);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\]|::ffff:127\.\d+\.\d+\.\d+)$/i;

/**
 * Refuses every outgoing TCP connection to a non-loopback host in this process (before any DNS
 * lookup) and records it, so a test can prove nothing left the machine without anything leaving it.
 */
export interface ConnectionJail {
	refused: Array<{ host: string; port: number }>;
	release(): void;
}

export function jailConnections(): ConnectionJail {
	const refused: ConnectionJail['refused'] = [];
	const proto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => unknown };
	const original = proto.connect;
	proto.connect = function (this: net.Socket, ...args: unknown[]) {
		let first = args[0];
		if (Array.isArray(first)) first = first[0];
		let host = 'localhost';
		let port = NaN;
		if (first && typeof first === 'object') {
			const o = first as { host?: string; port?: number; path?: string };
			if (o.path) return original.apply(this, args);
			host = o.host ?? 'localhost';
			port = Number(o.port);
		} else if (typeof first === 'number' || typeof first === 'string') {
			port = Number(first);
			if (typeof args[1] === 'string') host = args[1];
		}
		if (LOOPBACK.test(host)) return original.apply(this, args);
		refused.push({ host, port });
		process.nextTick(() =>
			this.destroy(
				Object.assign(
					new Error(`connect ECONNREFUSED ${host}:${port} (refused by the test's connection jail)`),
					{ code: 'ECONNREFUSED' },
				),
			),
		);
		return this;
	};
	return {
		refused,
		release: () => {
			proto.connect = original;
		},
	};
}
