import type { IDataObject } from 'n8n-workflow';
import type { ResolvedHosts } from '../dataCenters';
import type { ProductScopes } from '../scopes';
import type { ZohoFailure } from './errors';

/** What a product profile needs to know about a request to judge its answer. */
export interface ResponseContext {
	httpStatus: number;
	/** Parsed JSON body, or undefined when the body was not JSON. */
	body: unknown;
	/** The raw body text (for HTML error pages and truncated JSON). */
	text: string;
	contentType: string;
	/** The answer's headers (Retry-After, x-rate-limit-*). */
	headers?: IDataObject;
	path: string;
	/** Time zone of the organization or account, when known (daily resets). */
	timeZone?: string;
	/** The daily limit the user's plan has, when the node knows it (Bookings). */
	dailyLimit?: number;
	now: Date;
}

/** The parts of a request a profile may change to ask for one page. */
export interface PageableRequest {
	path?: string;
	qs?: IDataObject;
	multipart?: IDataObject;
}

/**
 * How one Zoho product differs: where it lives, what it is called, which scopes and credential
 * option grant it, how it wraps answers and errors, and how it pages. Each product writes its own
 * (nodes/Zoho<Product>/transport/profile.ts) and passes it to the shared transport, which does the
 * rest once for every product.
 */
export interface ProductProfile<K extends string = string> extends ProductScopes {
	/** The product's key in the registry (nodes/products.ts) and in limiter and block keys. */
	key: K;
	/** "Zoho Invoice": how messages name the product. */
	name: string;
	/** Base URL for the product inside the resolved data center. */
	baseUrl(hosts: Pick<ResolvedHosts, 'apiGateway' | 'people'>): string;
	/** Returns a failure when the answer is an error (whatever its HTTP status), else undefined. */
	checkResponse(ctx: ResponseContext): ZohoFailure | undefined;
	/** Largest page Zoho serves. */
	maxPageSize: number;
	/** What an answer says when another page follows, for the Max Pages error. */
	morePagesSignal: string;
	/** Documented pacing for a path: which calls share a limit, calls per minute, calls in flight. */
	pacing(path: string): { scope: string; perMinute?: number; concurrency: number };
	/**
	 * What a block Zoho announced (a lock, a Retry-After) covers besides the credential and the
	 * organization: '' for the whole product, else a part of it (an endpoint).
	 */
	blockScope(path: string): string;
	/**
	 * The request for page `page` (1-based) of `size` records; `offset` records of the list came before
	 * it (where an offset-based API starts, even after a short page).
	 */
	withPage<T extends PageableRequest>(request: T, page: number, size: number, offset: number): T;
	/** Records of one page and whether another page follows; `request` is the list request (before withPage). */
	readPage(
		body: unknown,
		requestedSize: number,
		request: PageableRequest,
	): { records: unknown[]; hasMore: boolean } | undefined;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request with `qs` added to its query. */
export function withQuery<T extends PageableRequest>(request: T, qs: IDataObject): T {
	return { ...request, qs: { ...(request.qs ?? {}), ...qs } };
}

/** Non-JSON answers: HTML error pages, truncated JSON, empty bodies where JSON was due. */
export function checkNonJson(product: string, ctx: ResponseContext): ZohoFailure | undefined {
	if (ctx.body !== undefined) return undefined;
	if (ctx.httpStatus >= 200 && ctx.httpStatus < 300 && ctx.text.trim() === '') return undefined;
	const looksHtml = /^\s*</.test(ctx.text) || ctx.contentType.includes('html');
	const isPlainText = /^text\/plain/i.test(ctx.contentType);
	// Keep the server's own words for short plain-text answers ("Bad Gateway").
	const words = isPlainText ? ctx.text.replace(/\s+/g, ' ').trim().slice(0, 200) : '';
	return {
		httpStatus: ctx.httpStatus,
		zohoMessage: looksHtml
			? `${product} answered with an HTML page instead of JSON${ctx.httpStatus >= 500 ? ' (a server or gateway error)' : ''}`
			: words
				? `${product} answered HTTP ${ctx.httpStatus} with text instead of JSON: ${words}`
				: ctx.text.trim() === ''
					? `${product} answered HTTP ${ctx.httpStatus} with an empty body`
					: `${product} answered with a body that is not valid JSON (it may have been cut off)`,
		// A server error or a cut-off success may pass; a 4xx will not. Only idempotent requests are retried.
		transient:
			ctx.httpStatus >= 500 ||
			(ctx.httpStatus >= 200 && ctx.httpStatus < 300) ||
			ctx.httpStatus === 0,
	};
}

/**
 * Zoho words a missing scope as "Invalid OAuth Scope" or similar (the exact text is UNCERTAIN,
 * docs/reference/zoho-api.md §2.4); renewing the token cannot fix it, so it is told apart from an expired token.
 */
export function isScopeMessage(message: string | undefined): boolean {
	return (
		message !== undefined &&
		/oauth ?scope|invalid scope|scope (?:is )?(?:missing|invalid|mismatch)/i.test(message)
	);
}

/** A gateway or server error that may pass when sent again. */
export function transientStatus(status: number): boolean {
	return status === 500 || status === 502 || status === 503 || status === 504;
}
