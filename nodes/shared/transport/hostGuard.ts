/**
 * Builds request URLs from a product base URL and a user-supplied relative path, and refuses any
 * path that could make the token leave the data center's hosts. Checks run on the raw text and on
 * its percent-decoded forms, so encoded variants (%2e%2e, %2f%2f, %5c, %40) are refused too.
 */

export class UnsafePathError extends Error {
	constructor(reason: string) {
		super(
			`The path was refused before sending: ${reason}. Give a path relative to the product's API, for example /contacts`,
		);
		this.name = 'UnsafePathError';
	}
}

function tryDecode(value: string): string | undefined {
	try {
		return decodeURIComponent(value);
	} catch {
		return undefined;
	}
}

function decodeRepeatedly(value: string): string[] {
	const forms = [value];
	let current = value;
	for (let round = 0; round < 3; round++) {
		const decoded = tryDecode(current);
		if (decoded === undefined)
			throw new UnsafePathError('it contains a malformed percent-encoding');
		if (decoded === current) break;
		forms.push(decoded);
		current = decoded;
	}
	return forms;
}

/** Returns the path, normalised to start with one "/", or throws UnsafePathError. */
export function checkRelativePath(rawPath: unknown): string {
	if (typeof rawPath !== 'string') throw new UnsafePathError('it is not text');
	const path = rawPath.trim();
	if (path === '') throw new UnsafePathError('it is empty');
	for (const form of decodeRepeatedly(path)) {
		if (/[\u0000-\u001f\u007f]/.test(form))
			throw new UnsafePathError('it contains control characters');
		if (form.includes('\\')) throw new UnsafePathError('it contains a backslash');
		if (/^[a-z][a-z0-9+.-]*:/i.test(form)) throw new UnsafePathError('it is an absolute URL');
		if (form.startsWith('//')) throw new UnsafePathError('it starts with // (another host)');
		if (form.includes('@')) throw new UnsafePathError('it contains @ (user info or another host)');
		const pathOnly = form.split(/[?#]/)[0];
		// `..;x` is a dot segment to servers that strip path parameters (Tomcat, some proxies).
		if (
			pathOnly
				.split('/')
				.some((segment) => segment.split(';')[0] === '..' || segment.split(';')[0] === '.')
		) {
			throw new UnsafePathError('it contains . or .. segments');
		}
		if (form.includes('#')) throw new UnsafePathError('it contains a fragment (#)');
	}
	if (path.includes('?'))
		throw new UnsafePathError(
			'put query parameters in the Query Parameters field, not in the path',
		);
	return path.startsWith('/') ? path : `/${path}`;
}

/**
 * Joins base and path and confirms the result stays on an allowed origin and below the base path.
 * `allowedOrigins` are full origins such as https://www.zohoapis.eu.
 */
export function buildGuardedUrl(
	baseUrl: string,
	rawPath: string,
	allowedOrigins: string[],
): string {
	const path = checkRelativePath(rawPath);
	const url = new URL(baseUrl.replace(/\/+$/, '') + path);
	const base = new URL(baseUrl);
	if (!allowedOrigins.includes(url.origin) || url.origin !== base.origin) {
		throw new UnsafePathError(`it leads to ${url.origin}, which is not a host of this data center`);
	}
	if (
		!url.pathname.startsWith(base.pathname.replace(/\/+$/, '') + '/') &&
		url.pathname !== base.pathname
	) {
		throw new UnsafePathError('it leaves the product API path');
	}
	if (url.username || url.password) throw new UnsafePathError('it carries user info');
	return url.toString();
}
