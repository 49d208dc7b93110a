/** Zoho Accounts OAuth 2.0 emulation (multi-DC, web and Self Client). */
import { randomBytes } from 'crypto';
import { flatQuery } from './body';
import { serialize } from './json';
import { jsonReply, type RecordedRequest, type Reply } from './types';

export const DATA_CENTERS = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'uk', 'cn'] as const;
export const DEFAULT_SCOPE = 'ZohoInvoice.fullaccess.all';

export interface ClientRegistration {
	clientId: string;
	clientSecret: string;
	dc?: string;
	selfClient?: boolean;
	/** When given, /auth only accepts these redirect URIs. */
	redirectUris?: string[];
}

interface Client {
	clientId: string;
	clientSecret: string;
	dc: string;
	selfClient: boolean;
	redirectUris?: string[];
}

interface GrantCode {
	clientId: string;
	dc: string;
	scope: string;
	redirectUri?: string;
	selfClient: boolean;
	offline: boolean;
	consent: boolean;
	expiresAt: number;
	used: boolean;
}

interface RefreshToken {
	clientId: string;
	dc: string;
	scope: string;
	revoked: boolean;
	windowStart: number;
	windowCount: number;
}

export interface AccessToken {
	token: string;
	clientId: string;
	dc: string;
	scope: string;
	expiresAt: number;
	refreshToken?: string;
	revoked: boolean;
}

export interface AccountsUrls {
	accounts(dc?: string): string;
	api: string;
}

const hex = (n: number): string => randomBytes(n).toString('hex');
const zohoToken = (): string => `1000.${hex(16)}.${hex(16)}`;
const THROTTLED = {
	error: 'Access Denied',
	error_description:
		'You have made too many requests continuously. Please try again after some time.',
	status: 'failure',
};

export class AccountsService {
	accessTokenTtlMs: number;
	throttle = { limit: 10, windowMs: 600000 };
	private clients = new Map<string, Client>(); // key dc:clientId
	private codes = new Map<string, GrantCode>();
	private refreshTokens = new Map<string, RefreshToken>();
	private accessTokens = new Map<string, AccessToken>();
	private offlineGranted = new Set<string>(); // dc:clientId
	private calls = new Map<string, number>();

	constructor(
		private urls: AccountsUrls,
		private defaultTtlMs = 3600000,
	) {
		this.accessTokenTtlMs = defaultTtlMs;
	}

	reset(): void {
		this.accessTokenTtlMs = this.defaultTtlMs;
		this.throttle = { limit: 10, windowMs: 600000 };
		this.clients.clear();
		this.codes.clear();
		this.refreshTokens.clear();
		this.accessTokens.clear();
		this.offlineGranted.clear();
		this.calls.clear();
	}

	registerClient(reg: ClientRegistration): void {
		const dc = reg.dc ?? 'us';
		this.clients.set(`${dc}:${reg.clientId}`, {
			clientId: reg.clientId,
			clientSecret: reg.clientSecret,
			dc,
			selfClient: reg.selfClient ?? false,
			redirectUris: reg.redirectUris,
		});
	}

	private clientDc(clientId: string, dc?: string): string {
		if (dc) return dc;
		for (const c of this.clients.values()) if (c.clientId === clientId) return c.dc;
		throw new Error(`sandbox: client ${clientId} is not registered`);
	}

	issueGrantCode(o: { clientId: string; scope?: string; ttlMs?: number; dc?: string }): string {
		const dc = this.clientDc(o.clientId, o.dc);
		const code = zohoToken();
		this.codes.set(code, {
			clientId: o.clientId,
			dc,
			scope: o.scope ?? DEFAULT_SCOPE,
			selfClient: true,
			offline: true,
			consent: true,
			expiresAt: Date.now() + (o.ttlMs ?? 180000),
			used: false,
		});
		return code;
	}

	issueRefreshToken(o: { clientId: string; scope?: string; dc?: string }): string {
		const dc = this.clientDc(o.clientId, o.dc);
		this.offlineGranted.add(`${dc}:${o.clientId}`);
		return this.newRefreshToken(o.clientId, dc, o.scope ?? DEFAULT_SCOPE);
	}

	/** Returns an access token directly (as if obtained earlier). */
	issueAccessToken(o: { clientId: string; scope?: string; dc?: string; ttlMs?: number }): string {
		const dc = this.clientDc(o.clientId, o.dc);
		return this.newAccessToken(o.clientId, dc, o.scope ?? DEFAULT_SCOPE, undefined, o.ttlMs);
	}

	expireAccessTokens(): void {
		const now = Date.now();
		for (const t of this.accessTokens.values()) t.expiresAt = Math.min(t.expiresAt, now - 1);
	}

	setTokenThrottle(o: { limit?: number; windowMs?: number } = {}): void {
		this.throttle = { limit: o.limit ?? 10, windowMs: o.windowMs ?? 600000 };
		for (const rt of this.refreshTokens.values()) rt.windowCount = 0;
	}

	tokenEndpointCalls(grantType?: string): number {
		if (grantType) return this.calls.get(grantType) ?? 0;
		let n = 0;
		for (const v of this.calls.values()) n += v;
		return n;
	}

	/** Valid (known, unexpired, unrevoked) access token or undefined. */
	validateAccessToken(token: string | undefined): AccessToken | undefined {
		if (!token) return undefined;
		const t = this.accessTokens.get(token);
		if (!t || t.revoked || t.expiresAt <= Date.now()) return undefined;
		if (t.refreshToken && this.refreshTokens.get(t.refreshToken)?.revoked) return undefined;
		return t;
	}

	/** Extracts the token from `Zoho-oauthtoken <t>` or `Bearer <t>`. */
	static tokenFromHeader(header: string | undefined): string | undefined {
		const m = /^\s*(?:Zoho-oauthtoken|Bearer)\s+(\S+)\s*$/i.exec(header ?? '');
		return m ? m[1] : undefined;
	}

	private newRefreshToken(clientId: string, dc: string, scope: string): string {
		const token = zohoToken();
		this.refreshTokens.set(token, {
			clientId,
			dc,
			scope,
			revoked: false,
			windowStart: 0,
			windowCount: 0,
		});
		return token;
	}

	private newAccessToken(
		clientId: string,
		dc: string,
		scope: string,
		refreshToken?: string,
		ttlMs?: number,
	): string {
		const token = zohoToken();
		this.accessTokens.set(token, {
			token,
			clientId,
			dc,
			scope,
			refreshToken,
			revoked: false,
			expiresAt: Date.now() + (ttlMs ?? this.accessTokenTtlMs),
		});
		return token;
	}

	handle(r: RecordedRequest): Reply {
		const segs = r.path.split('/').filter(Boolean);
		let dc = 'us';
		if (segs[0] !== 'oauth') dc = segs.shift() ?? '';
		if (!(DATA_CENTERS as readonly string[]).includes(dc)) return notFound();
		const rest = segs.join('/');
		if (rest === 'oauth/serverinfo') return this.serverInfo();
		if (rest === 'oauth/v2/auth') return this.authorize(dc, r);
		if (rest === 'oauth/v2/token/revoke' || rest === 'oauth/v2/revoke/token') {
			if (r.method !== 'POST') return methodNotAllowed();
			return this.revoke(r);
		}
		if (rest === 'oauth/v2/token') {
			if (r.method !== 'POST') return methodNotAllowed();
			return this.token(dc, r);
		}
		return notFound();
	}

	private serverInfo(): Reply {
		const locations: Record<string, string> = {};
		for (const dc of DATA_CENTERS) locations[dc] = this.urls.accounts(dc);
		return jsonReply(200, serialize({ result: 'success', locations }));
	}

	private authorize(dc: string, r: RecordedRequest): Reply {
		const q = flatQuery(r.query);
		const client = this.clients.get(`${dc}:${q.client_id ?? ''}`);
		if (!client) return text(400, 'Invalid Client');
		if (q.response_type !== 'code') return text(400, 'Invalid response_type');
		const redirectUri = q.redirect_uri;
		if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return text(400, 'Invalid Redirect Uri');
		if (client.redirectUris && !client.redirectUris.includes(redirectUri))
			return text(400, 'Invalid Redirect Uri');
		if (!q.scope) return text(400, 'Invalid OAuth Scope');
		const code = zohoToken();
		this.codes.set(code, {
			clientId: client.clientId,
			dc,
			scope: q.scope,
			redirectUri,
			selfClient: false,
			offline: q.access_type === 'offline',
			consent: q.prompt === 'consent',
			expiresAt: Date.now() + 120000,
			used: false,
		});
		const params = [
			`code=${encodeURIComponent(code)}`,
			`location=${dc}`,
			`accounts-server=${encodeURIComponent(this.urls.accounts(dc))}`,
		];
		if (q.state !== undefined) params.push(`state=${encodeURIComponent(q.state)}`);
		const location = `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${params.join('&')}`;
		return { status: 302, body: '', headers: { location } };
	}

	private params(r: RecordedRequest): Record<string, string> {
		const p = flatQuery(r.query);
		if (r.form) Object.assign(p, r.form);
		return p;
	}

	private token(dc: string, r: RecordedRequest): Reply {
		const p = this.params(r);
		const grant = p.grant_type ?? '';
		this.calls.set(grant, (this.calls.get(grant) ?? 0) + 1);
		if (grant !== 'authorization_code' && grant !== 'refresh_token')
			return err('unsupported_grant_type');
		const client = this.clients.get(`${dc}:${p.client_id ?? ''}`);
		if (!client || client.clientSecret !== p.client_secret) return err('invalid_client');
		const now = Date.now();
		if (grant === 'authorization_code') {
			const code = this.codes.get(p.code ?? '');
			if (
				!code ||
				code.used ||
				code.expiresAt <= now ||
				code.clientId !== client.clientId ||
				code.dc !== dc
			) {
				return err('invalid_code');
			}
			if (!code.selfClient && p.redirect_uri !== code.redirectUri)
				return err('invalid_redirect_uri');
			code.used = true;
			const key = `${dc}:${client.clientId}`;
			let refresh: string | undefined;
			if (code.selfClient || (code.offline && (code.consent || !this.offlineGranted.has(key)))) {
				refresh = this.newRefreshToken(client.clientId, dc, code.scope);
				this.offlineGranted.add(key);
			}
			const access = this.newAccessToken(client.clientId, dc, code.scope, refresh);
			return this.success(access, code.scope, refresh);
		}
		const rt = this.refreshTokens.get(p.refresh_token ?? '');
		if (!rt || rt.revoked || rt.clientId !== client.clientId || rt.dc !== dc)
			return err('invalid_code');
		if (now - rt.windowStart >= this.throttle.windowMs) {
			rt.windowStart = now;
			rt.windowCount = 0;
		}
		if (rt.windowCount >= this.throttle.limit) return jsonReply(200, serialize(THROTTLED));
		rt.windowCount += 1;
		const access = this.newAccessToken(client.clientId, dc, rt.scope, p.refresh_token);
		return this.success(access, rt.scope);
	}

	private success(accessToken: string, scope: string, refreshToken?: string): Reply {
		return jsonReply(
			200,
			serialize({
				access_token: accessToken,
				refresh_token: refreshToken,
				scope,
				api_domain: this.urls.api,
				token_type: 'Bearer',
				expires_in: 3600,
			}),
		);
	}

	private revoke(r: RecordedRequest): Reply {
		if (!this.revokeToken(this.params(r).token ?? ''))
			return jsonReply(400, serialize({ status: 'failure', error: 'invalid_token' }));
		return jsonReply(200, serialize({ status: 'success' }));
	}

	/** Revokes a refresh token (and the access tokens it issued) or one access token; false if unknown. */
	revokeToken(token: string): boolean {
		const rt = this.refreshTokens.get(token);
		const at = this.accessTokens.get(token);
		if (rt) {
			rt.revoked = true;
			for (const a of this.accessTokens.values()) if (a.refreshToken === token) a.revoked = true;
		} else if (at) at.revoked = true;
		else return false;
		return true;
	}
}

function err(error: string): Reply {
	return jsonReply(200, serialize({ error }));
}

function text(status: number, body: string): Reply {
	return { status, body, headers: { 'content-type': 'text/html;charset=UTF-8' } };
}

function notFound(): Reply {
	return text(404, '<html><body><h1>404 Not Found</h1></body></html>');
}

function methodNotAllowed(): Reply {
	return text(405, '<html><body><h1>405 Method Not Allowed</h1></body></html>');
}
