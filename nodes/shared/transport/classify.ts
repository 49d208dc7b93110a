import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';
import type { ZohoFailure } from './errors';
import { shortServerText } from './errors';
import { headerText } from './headers';
import { parseJsonKeepingBigIntegers } from './json';
import type { ProductProfile, ResponseContext } from './profile';
import { networkWords } from './tokenEndpoint';
import type { ZohoResponse } from './wire';
import { toBuffer } from './wire';

/** Server text handed to the product profiles: enough for any error page, bounded for regexes. */
const MAX_TEXT_FOR_CHECKS = 16_384;

/** A network error (or a deadline) as a failure naming the product; always worth another try. */
export function networkFailure(
	error: unknown,
	product: string,
	timeoutMs: number,
	timedOut: boolean,
): ZohoFailure {
	const e = error as {
		code?: unknown;
		message?: unknown;
		cause?: { code?: unknown; message?: unknown };
	};
	const code =
		typeof e?.code === 'string'
			? e.code
			: typeof e?.cause?.code === 'string'
				? e.cause.code
				: undefined;
	const text = `${String(e?.message ?? '')} ${String(e?.cause?.message ?? '')}`.slice(0, 500);
	// n8n re-wraps network errors and drops their code; recognise a timeout by its words too.
	// No zohoCode here: n8n would swap a network code (ETIMEDOUT, ECONNRESET) for its own words.
	if (
		timedOut ||
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		/timeout|timed out/i.test(text)
	) {
		return {
			httpStatus: 0,
			zohoMessage: `${product} did not answer within ${Math.max(1, Math.round(timeoutMs / 1000))} s (timed out)`,
			transient: true,
		};
	}
	return {
		httpStatus: 0,
		zohoMessage: `${product} could not be reached (${networkWords(code)})`,
		transient: true,
	};
}

function describeJsonKind(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return `a ${typeof value}`;
}

/**
 * An answer as a response, or as a failure in Zoho's words: JSON parsed with big integers kept,
 * binary bodies passed through, and the product's profile judging the rest. `known` is what the
 * node knows of the account for quota messages.
 */
export function classify(
	profile: ProductProfile,
	response: IN8nHttpFullResponse,
	path: string,
	known: Pick<ResponseContext, 'timeZone' | 'dailyLimit'>,
): { ok: ZohoResponse } | { failure: ZohoFailure } {
	const raw = toBuffer(response.body);
	const headers = (response.headers ?? {}) as IDataObject;
	const contentType = headerText(headers, 'content-type') ?? '';
	const text = raw.toString('utf8');
	let body: unknown;
	const looksJson = /json/i.test(contentType) || /^\s*[{[]/.test(text.slice(0, 64));
	if (looksJson && text.trim() !== '') {
		try {
			body = parseJsonKeepingBigIntegers(text);
		} catch {
			body = undefined;
		}
	}
	const isBinary =
		!looksJson && !/^text\//i.test(contentType) && response.statusCode < 300 && raw.length > 0;
	if (isBinary) return { ok: { statusCode: response.statusCode, headers, body: undefined, raw } };
	// Every Zoho answer is a JSON object (or a list, for a few Custom API Call endpoints); a bare
	// number or string would otherwise reach the user as `json: 42`.
	if (body !== undefined && (typeof body !== 'object' || body === null)) {
		return {
			failure: {
				httpStatus: response.statusCode,
				zohoMessage: `${profile.name} answered with ${describeJsonKind(body)} where a JSON object was expected`,
			},
		};
	}
	const failure = profile.checkResponse({
		httpStatus: response.statusCode,
		body,
		text: text.length > MAX_TEXT_FOR_CHECKS ? text.slice(0, MAX_TEXT_FOR_CHECKS) : text,
		contentType,
		headers,
		path,
		timeZone: known.timeZone,
		dailyLimit: known.dailyLimit,
		now: new Date(),
	});
	if (!failure) return { ok: { statusCode: response.statusCode, headers, body, raw } };
	// Zoho's words go into messages: keep them short whatever the server sent.
	if (failure.zohoMessage !== undefined) failure.zohoMessage = shortServerText(failure.zohoMessage);
	return { failure };
}
