/** Minimal request-body parsing: JSON, urlencoded and multipart/form-data (hand-written). */

export type Fields = Record<string, string>;

export interface ParsedBody {
	/** JSON value, form fields object, raw text, or undefined when empty. */
	body: unknown;
	/** Only set for urlencoded and multipart bodies. */
	form: Fields | undefined;
}

export function parseQuery(search: string): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [k, v] of new URLSearchParams(search)) {
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else if (Array.isArray(prev)) prev.push(v);
		else out[k] = [prev, v];
	}
	return out;
}

/** First value of every query parameter. */
export function flatQuery(q: Record<string, string | string[]>): Fields {
	const out: Fields = {};
	for (const [k, v] of Object.entries(q)) out[k] = Array.isArray(v) ? v[0] : v;
	return out;
}

function parseUrlencoded(text: string): Fields {
	const out: Fields = {};
	for (const [k, v] of new URLSearchParams(text)) if (!(k in out)) out[k] = v;
	return out;
}

function headerParam(header: string, name: string): string | undefined {
	const m = new RegExp(`(?:^|;)\\s*${name}=(?:"([^"]*)"|([^;]*))`, 'i').exec(header);
	return m ? (m[1] ?? m[2]).trim() : undefined;
}

export function parseMultipart(raw: Buffer, contentType: string): Fields {
	const boundary = headerParam(contentType, 'boundary');
	const out: Fields = {};
	if (!boundary) return out;
	const text = raw.toString('latin1');
	const sections = text.split(`--${boundary}`);
	for (const section of sections.slice(1)) {
		if (section.startsWith('--')) break;
		const part = section.replace(/^\r?\n/, '');
		const sep = part.indexOf('\r\n\r\n');
		if (sep < 0) continue;
		const head = part.slice(0, sep);
		let content = part.slice(sep + 4);
		if (content.endsWith('\r\n')) content = content.slice(0, -2);
		const disposition = head.split('\r\n').find((l) => /^content-disposition:/i.test(l));
		if (!disposition) continue;
		const name = headerParam(disposition.replace(/^[^:]*:/, ''), 'name');
		if (name === undefined || name in out) continue;
		out[name] = Buffer.from(content, 'latin1').toString('utf8');
	}
	return out;
}

export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
	if (raw.length === 0) return { body: undefined, form: undefined };
	const ct = (contentType ?? '').toLowerCase();
	const text = raw.toString('utf8');
	if (ct.includes('multipart/form-data')) {
		const form = parseMultipart(raw, contentType ?? '');
		return { body: form, form };
	}
	if (ct.includes('application/x-www-form-urlencoded')) {
		const form = parseUrlencoded(text);
		return { body: form, form };
	}
	if (ct.includes('json') || /^\s*[[{]/.test(text)) {
		try {
			return { body: JSON.parse(text), form: undefined };
		} catch {
			return { body: text, form: undefined };
		}
	}
	return { body: text, form: undefined };
}
