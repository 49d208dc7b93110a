import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import type { ZohoContext } from './auth';
import { sendSigned } from './auth';

/** One request to a Zoho product, relative to its base URL. */
export interface ZohoRequest {
	method: IHttpRequestMethods;
	/** Path relative to the product's base URL, e.g. /contacts. */
	path: string;
	qs?: IDataObject;
	/** JSON body: an object, or JSON text sent as it is (keeps 18-digit IDs exact). */
	body?: IDataObject | string;
	/** application/x-www-form-urlencoded fields. */
	form?: IDataObject;
	/** multipart/form-data fields (Bookings writes); the body is rebuilt for every attempt. */
	multipart?: IDataObject;
	headers?: IDataObject;
}

/** An answer as the transport hands it back. */
export interface ZohoResponse {
	statusCode: number;
	headers: IDataObject;
	/** Parsed JSON (large integers kept as strings), or undefined for non-JSON bodies. */
	body: unknown;
	raw: Buffer;
}

/** An answer body as bytes, whatever form n8n handed it in. */
export function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (body === undefined || body === null) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/** n8n's options for one attempt: bytes back whatever the status, no redirects, the body encoded as asked. */
export function buildOptions(
	url: string,
	request: ZohoRequest,
	timeoutMs: number,
): IHttpRequestOptions {
	const headers: IDataObject = { Accept: 'application/json', ...(request.headers ?? {}) };
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers,
		qs: request.qs,
		encoding: 'arraybuffer',
		timeout: timeoutMs,
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect must never carry the token to another host.
		disableFollowRedirect: true,
	};
	if (request.multipart) {
		const { boundary, body } = multipartBody(request.multipart);
		headers['Content-Type'] = `multipart/form-data; boundary=${boundary}`;
		options.body = body;
	} else if (request.form) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		options.body = new URLSearchParams(
			Object.entries(request.form).map(([k, v]): [string, string] => [
				k,
				typeof v === 'string' ? v : JSON.stringify(v),
			]),
		).toString();
	} else if (request.body !== undefined) {
		headers['Content-Type'] = 'application/json';
		options.body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
	}
	return options;
}

function fieldText(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Encodes text fields as multipart/form-data by hand: the package has no runtime dependencies,
 * and a fresh Buffer per attempt is what lets a request be sent again after a token renewal.
 */
function multipartBody(fields: IDataObject): { boundary: string; body: Buffer } {
	const boundary = `----n8nZohoBoundary${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const parts: string[] = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		const safeName = name.replace(/["\r\n]/g, '_');
		parts.push(
			`--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"\r\n\r\n${fieldText(value)}\r\n`,
		);
	}
	parts.push(`--${boundary}--\r\n`);
	return { boundary, body: Buffer.from(parts.join(''), 'utf8') };
}

/** The outcome of one attempt: an answer (any status), or the network error and why it ended. */
export type SendOutcome =
	| { response: IN8nHttpFullResponse }
	| { networkError: unknown; timedOut: boolean; cancelled: boolean };

/** Sends one attempt on the wire, with a deadline for the whole answer. */
export async function sendOnce(
	ctx: ZohoContext,
	options: IHttpRequestOptions,
	token: string,
	timeoutMs: number,
): Promise<SendOutcome> {
	// `timeout` alone only limits the time between bytes; the signal ends a trickled answer too.
	const deadline = AbortSignal.timeout(Math.max(1, timeoutMs));
	const cancel = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	const abortSignal = cancel ? AbortSignal.any([deadline, cancel]) : deadline;
	try {
		return { response: await sendSigned(ctx, { ...options, abortSignal }, token) };
	} catch (error) {
		return { networkError: error, timedOut: deadline.aborted, cancelled: cancel?.aborted === true };
	}
}
