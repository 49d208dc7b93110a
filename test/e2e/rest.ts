/**
 * A small client for n8n's own REST API (the one the editor uses), for e2e tests that drive a
 * real `n8n start`: owner setup / login with the `n8n-auth` cookie, credentials, the credential
 * test and the OAuth2 connect flow (auth URL → provider → n8n callback), without a browser.
 *
 * Verified against n8n 2.8.4 and 2.41.1 (see docs/reference/n8n-runtime.md §4-§5).
 */

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	// 8-64 chars, at least one digit and one uppercase letter.
	password: 'Passw0rd-E2e-Zoho',
};

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface RestResponse<T = any> {
	status: number;
	headers: Headers;
	text: string;
	json: T | undefined;
}

export class N8nRestError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly response: RestResponse,
	) {
		super(`${method} ${url} → ${response.status}: ${response.text.slice(0, 2000)}`);
		this.name = 'N8nRestError';
	}
}

function cookieFrom(headers: Headers): string | undefined {
	const all =
		typeof headers.getSetCookie === 'function'
			? headers.getSetCookie()
			: [headers.get('set-cookie') ?? ''];
	for (const c of all) {
		const m = /(?:^|,\s*)n8n-auth=([^;]+)/.exec(c);
		if (m) return m[1];
	}
	return undefined;
}

export class N8nRest {
	/** Value of the `n8n-auth` cookie once logged in. */
	authCookie?: string;

	constructor(readonly baseUrl: string) {}

	get cookieHeader(): Record<string, string> {
		return this.authCookie ? { cookie: `n8n-auth=${this.authCookie}` } : {};
	}

	async request<T = any>(
		method: string,
		path: string,
		body?: unknown,
		opts: { expect?: number[] } = {},
	): Promise<RestResponse<T>> {
		const url = `${this.baseUrl}${path}`;
		const res = await fetch(url, {
			method,
			headers: {
				...this.cookieHeader,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				accept: 'application/json',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
		});
		const text = await res.text();
		let json: T | undefined;
		try {
			json = text ? (JSON.parse(text) as T) : undefined;
		} catch {
			json = undefined;
		}
		const cookie = cookieFrom(res.headers);
		if (cookie) this.authCookie = cookie;
		const out = { status: res.status, headers: res.headers, text, json };
		const ok = opts.expect ?? [200];
		if (!ok.includes(res.status)) throw new N8nRestError(method, url, out);
		return out;
	}

	/** `data` of a 2xx JSON answer (n8n wraps REST answers in `{ data }`). */
	async data<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const r = await this.request<{ data: T }>(method, path, body);
		return (r.json as { data: T }).data;
	}

	/**
	 * Waits until n8n really serves REST. While it starts, n8n answers every route with HTTP 200
	 * text/html "n8n is starting up. Please wait" (so a non-404 answer is not enough).
	 */
	async waitUntilReady(timeoutMs = 180_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let last = '';
		while (Date.now() < deadline) {
			try {
				const res = await fetch(`${this.baseUrl}/rest/settings`, {
					headers: { accept: 'application/json' },
				});
				const text = await res.text();
				if (
					res.status === 200 &&
					(res.headers.get('content-type') ?? '').includes('application/json')
				)
					return;
				last = `${res.status} ${text.slice(0, 80)}`;
			} catch (e) {
				last = (e as Error).message;
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n at ${this.baseUrl} did not become ready (last: ${last})`);
	}

	/** POST /rest/owner/setup on a fresh instance (sets the auth cookie). */
	async setupOwner(owner = OWNER): Promise<void> {
		await this.waitUntilReady();
		await this.request('POST', '/rest/owner/setup', owner);
		if (!this.authCookie) throw new Error('owner setup answered without an n8n-auth cookie');
	}

	/** POST /rest/login (2.x body field: emailOrLdapLoginId). */
	async login(owner = OWNER): Promise<void> {
		await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string; type: string }> {
		const created = await this.data<{ id: string; name: string; type: string }>(
			'POST',
			'/rest/credentials',
			{ name, type, data },
		);
		return { id: created.id, name: created.name, type: created.type };
	}

	async getCredential(id: string, includeData = true): Promise<any> {
		return await this.data(
			'GET',
			`/rest/credentials/${id}${includeData ? '?includeData=true' : ''}`,
		);
	}

	/**
	 * POST /rest/credentials/test. Body shape (2.8.4 controller and 2.41.1's TestCredentialRequestDto):
	 * `{ credentials: { id, name, type, data } }`; redacted values in `data` are merged with the stored
	 * ones by n8n. Answers `{ status: 'OK' | 'Error', message }`.
	 */
	async testCredential(
		cred: { id: string; name: string; type: string },
		data: Record<string, unknown>,
	): Promise<{ status: string; message: string }> {
		return await this.data('POST', '/rest/credentials/test', { credentials: { ...cred, data } });
	}

	/**
	 * Fails unless n8n loaded the given credential types (GET /types/credentials.json). Guards
	 * against a package that was packed from a half-rebuilt dist/ (n8n then silently lacks it).
	 */
	async expectCredentialTypes(names: string[]): Promise<void> {
		const res = await fetch(`${this.baseUrl}/types/credentials.json`, {
			headers: this.cookieHeader,
		});
		if (res.status !== 200) throw new Error(`GET /types/credentials.json → ${res.status}`);
		const loaded = new Set(((await res.json()) as Array<{ name: string }>).map((t) => t.name));
		const missing = names.filter((n) => !loaded.has(n));
		if (missing.length) {
			throw new Error(
				`n8n did not load ${missing.join(', ')}: is dist/ complete (\`npm run build\`), and was it stable while the package was packed?`,
			);
		}
	}

	/** GET /rest/oauth2-credential/auth?id=… → the provider's authorization URL. */
	async oauth2AuthUrl(credentialId: string): Promise<string> {
		return await this.data<string>(
			'GET',
			`/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`,
		);
	}

	/**
	 * Plays the browser part of the OAuth2 connect: follows the provider's redirects (without
	 * cookies) until they lead back to n8n, then GETs n8n's callback with the auth cookie.
	 * Returns every hop and the callback page.
	 */
	async followOAuth2(
		authUrl: string,
		maxHops = 5,
	): Promise<{ hops: string[]; callbackUrl: string; status: number; page: string }> {
		const hops: string[] = [authUrl];
		let url = authUrl;
		for (let i = 0; i < maxHops; i++) {
			const isN8n = url.startsWith(this.baseUrl);
			const res = await fetch(url, { redirect: 'manual', headers: isN8n ? this.cookieHeader : {} });
			const body = await res.text();
			if (isN8n) return { hops, callbackUrl: url, status: res.status, page: body };
			const location = res.headers.get('location');
			if (res.status < 300 || res.status >= 400 || !location) {
				throw new Error(
					`OAuth2 provider stopped at ${url} with ${res.status}: ${body.slice(0, 500)}`,
				);
			}
			url = new URL(location, url).toString();
			hops.push(url);
		}
		throw new Error(`OAuth2 flow did not reach n8n after ${maxHops} hops: ${hops.join(' → ')}`);
	}

	/**
	 * POST /rest/dynamic-node-parameters/options: the request the editor sends to fill a dropdown
	 * (`loadOptionsMethod`). Same body on 2.8.4 and 2.41.1 (@n8n/api-types OptionsRequestDto:
	 * nodeTypeAndVersion, path, methodName, currentNodeParameters, credentials, projectId?,
	 * workflowId?); n8n runs the node's method with the credentials named in `credentials`
	 * (2.41.1 first checks the user may read them). Answers `{ data: options }`, or an error body
	 * `{ code, message, ... }` whose `message` the editor shows under the dropdown. Returns the
	 * raw answer; statuses other than `expect` throw.
	 */
	async nodeParameterOptions(
		request: NodeParameterOptionsRequest,
		expect: number[] = [200],
	): Promise<RestResponse<{ data?: NodePropertyOption[]; message?: string }>> {
		return await this.request('POST', '/rest/dynamic-node-parameters/options', request, {
			expect,
		});
	}
}

/** The outcome an n8n OAuth callback page reports, read from its HTML. */
export function callbackOutcome(page: string): { ok: boolean; message: string } {
	if (
		/<h1>\s*Connection successful\s*<\/h1>/.test(page) &&
		page.includes("postMessage('success')")
	) {
		return { ok: true, message: 'Connection successful' };
	}
	const m = /<h4>\s*Error:\s*([\s\S]*?)<\/h4>/.exec(page);
	const reason = /<pre class='reason'>([\s\S]*?)<\/pre>/.exec(page);
	return {
		ok: false,
		message:
			[m?.[1]?.trim(), reason?.[1]?.trim()].filter(Boolean).join(' | ') || page.slice(0, 500),
	};
}

/** The body of POST /rest/dynamic-node-parameters/options (what the editor's dropdowns send). */
export interface NodeParameterOptionsRequest {
	nodeTypeAndVersion: { name: string; version: number };
	/** The parameter's path in the editor, e.g. `parameters.lineItems.item[0].itemId`. */
	path: string;
	methodName: string;
	currentNodeParameters: Record<string, unknown>;
	/** The node's credentials: `{ <credential type>: { id, name } }`. */
	credentials?: Record<string, { id: string; name: string }>;
	projectId?: string;
	workflowId?: string;
}

/** One dropdown option as n8n answers it (a `description` left undefined is absent in JSON). */
export interface NodePropertyOption {
	name: string;
	value: string | number | boolean;
	description?: string;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * POST /rest/workflows: creates a workflow as the logged-in user (same body on 2.8.4 and 2.41.1).
 * Returns its id and versionId (needed to activate it).
 */
export async function createWorkflow(
	rest: N8nRest,
	wf: { name: string; nodes: unknown[]; connections: unknown; settings?: unknown },
): Promise<{ id: string; versionId: string }> {
	const created = await rest.data<{ id: string; versionId: string }>('POST', '/rest/workflows', {
		settings: {},
		...wf,
		active: false,
	});
	return { id: created.id, versionId: created.versionId };
}

/**
 * POST /rest/workflows/:id/activate {versionId}: publishes that version and registers its
 * triggers (production webhooks) in the running main, on 2.8.4 and 2.41.1.
 */
export async function activateWorkflow(
	rest: N8nRest,
	wf: { id: string; versionId: string },
): Promise<any> {
	return await rest.data('POST', `/rest/workflows/${wf.id}/activate`, { versionId: wf.versionId });
}

/**
 * Waits until the activated version's triggers are live. 2.41.1 publishes through an outbox that
 * the (leader) main applies asynchronously (WorkflowsConfig.useWorkflowPublicationService, on by
 * default): the activate call returns before the production webhook is registered, and
 * GET /rest/workflows/:id/publication-status says when it is ('published', with liveVersionId).
 * 2.8.4 activates synchronously and has no such route (404): nothing to wait for.
 */
export async function waitUntilPublished(
	rest: N8nRest,
	wf: { id: string; versionId: string },
	timeoutMs = 60_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		const r = await rest.request('GET', `/rest/workflows/${wf.id}/publication-status`, undefined, {
			expect: [200, 404],
		});
		if (r.status === 404) return;
		const st = (r.json as { data: any }).data;
		if (st.status === 'published' && st.liveVersionId === wf.versionId) return;
		if (st.status === 'failed' || st.status === 'partial')
			throw new Error(`publishing workflow ${wf.id} failed: ${JSON.stringify(st.triggers)}`);
		last = JSON.stringify(st);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`workflow ${wf.id} was not published in ${timeoutMs} ms (last: ${last})`);
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
}

/** GET /rest/executions filtered by workflow (newest first): the editor's executions list. */
export async function listExecutions(
	rest: N8nRest,
	workflowId: string,
	limit = 100,
): Promise<{ count: number; results: ExecutionSummary[] }> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await rest.data<{ count: number; results: any[] }>(
		'GET',
		`/rest/executions?filter=${filter}&limit=${limit}`,
	);
	return {
		count: page.count,
		results: page.results.map((e) => ({
			id: String(e.id),
			status: e.status,
			mode: e.mode,
			workflowId: String(e.workflowId),
			finished: e.finished,
			startedAt: e.startedAt,
			stoppedAt: e.stoppedAt,
		})),
	};
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * GET /rest/executions/:id (2.8.4 and 2.41.1): one execution with its status, mode, retryOf and
 * retrySuccessId; `data` is n8n's serialized run data (flatted text), kept as text.
 */
export async function getExecution(
	rest: N8nRest,
	id: string,
): Promise<ExecutionSummary & { retryOf?: string; retrySuccessId?: string; data: string }> {
	const e = await rest.data<any>('GET', `/rest/executions/${id}`);
	return {
		id: String(e.id),
		status: e.status,
		mode: e.mode,
		workflowId: String(e.workflowId),
		finished: e.finished,
		startedAt: e.startedAt,
		stoppedAt: e.stoppedAt,
		retryOf: e.retryOf == null ? undefined : String(e.retryOf),
		retrySuccessId: e.retrySuccessId == null ? undefined : String(e.retrySuccessId),
		data: typeof e.data === 'string' ? e.data : JSON.stringify(e.data ?? null),
	};
}

/**
 * POST /rest/executions/:id/retry {loadWorkflow}: the editor's "Retry with original workflow"
 * (false) or "with currently saved workflow" (true). The raw answer, so a refusal can be read:
 * n8n answers when the retry has finished.
 */
export async function retryExecution(
	rest: N8nRest,
	id: string,
	loadWorkflow = false,
): Promise<RestResponse> {
	return await rest.request(
		'POST',
		`/rest/executions/${id}/retry`,
		{ loadWorkflow },
		{
			expect: [200, 400, 404, 409, 500],
		},
	);
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * n8n's REST API sends execution data in the `flatted` format: a JSON array whose first entry is the
 * root, where every string value is the index (as text) of the entry that holds the real value.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- n8n's run data, read loosely
export function parseFlatted(text: string): any {
	const table = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = table[index];
		if (value === null || typeof value !== 'object') {
			revived.set(index, value);
			return value;
		}
		const copy = (Array.isArray(value) ? [] : {}) as Record<string, unknown>;
		revived.set(index, copy);
		for (const [key, inner] of Object.entries(value as Record<string, unknown>))
			copy[key] = typeof inner === 'string' ? revive(Number(inner)) : inner;
		return copy;
	};
	return revive(0);
}
