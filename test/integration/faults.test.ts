import type { IDataObject } from 'n8n-workflow';
import type { RunNodeResult } from '../harness';
import type { Auth, World } from './world';
import {
	CLIENT_ID,
	OAUTH_CRED,
	SELF_CRED,
	expectNoSecrets,
	jsonOf,
	listContacts,
	useWorld,
	visibleText,
} from './world';

const ORG = '60012345678';
const once = (extra: IDataObject = {}) =>
	listContacts({ returnAll: false, limit: 1, organizationId: ORG, ...extra });
const create = {
	resource: 'customApiCall',
	operation: 'request',
	method: 'POST',
	path: '/contacts',
	organizationId: ORG,
	bodyFormat: 'json',
	body: '{"contact_name":"Fault Co"}',
};

const world = useWorld(5);
let w: World;
beforeEach(() => {
	w = world();
});

const flows: Auth[] = ['oAuth2', 'selfClient'];

describe.each(flows)('transient failures with %s', (auth) => {
	it.each(['status500', 'status502', 'status503', 'reset', 'html', 'truncated'] as const)(
		'retries a GET after %s and succeeds',
		async (kind) => {
			w.sb.injectFault({ server: 'api', kind, pathIncludes: '/contacts', times: 1 });
			const result = await w.run(auth, once());
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toHaveLength(1);
			expect(w.sb.findRequests({ server: 'api', pathIncludes: '/contacts' })).toHaveLength(2);
		},
	);

	it.each(['status500', 'status502', 'status503', 'reset', 'html', 'truncated'] as const)(
		'gives up on a GET after bounded retries of %s, with a clear error',
		async (kind) => {
			w.sb.injectFault({ server: 'api', kind, pathIncludes: '/contacts', times: 10 });
			const result = await w.run(auth, once(), { continueOnFail: true });
			const [out] = jsonOf(result);
			expect(out.error).toMatch(/^Zoho Invoice: /);
			expect(w.sb.findRequests({ server: 'api', pathIncludes: '/contacts' })).toHaveLength(3);
			expectNoSecrets(result, w.secrets);
		},
	);

	it.each(['status500', 'status502', 'reset', 'truncated'] as const)(
		'never re-sends a create after %s',
		async (kind) => {
			w.sb.injectFault({ server: 'api', kind, method: 'POST', times: 1 });
			const result = await w.run(auth, create, { continueOnFail: true });
			const [out] = jsonOf(result);
			expect(out.error).toMatch(/^Zoho Invoice: /);
			expect(w.sb.findRequests({ server: 'api', method: 'POST' })).toHaveLength(1);
		},
	);

	it('re-sends a create that Zoho refused for concurrency (not processed), exactly once more', async () => {
		await w.run(auth, once()); // get a token first, so both creates go out together
		w.sb.invoice.setLimits({ concurrency: { limit: 1 } });
		w.sb.invoice.setLatency(300);
		const result = await w.run(
			auth,
			{ ...create, options: { parallelRequests: 2 } },
			{ items: [{}, {}] },
		);
		w.sb.invoice.setLatency(0);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(2);
		const created = w.sb.invoice
			.records('contacts', ORG)
			.filter((c) => c.contact_name === 'Fault Co');
		expect(created).toHaveLength(2);
		// Both went out together: one through, one refused (1070) and re-sent once after the wait.
		expect(w.sb.findRequests({ server: 'api', method: 'POST' }).map((r) => r.status)).toEqual([
			201, 429, 201,
		]);
	});

	it('times out a slow answer', async () => {
		w.sb.injectFault({
			server: 'api',
			kind: 'slow',
			pathIncludes: '/contacts',
			delayMs: 3000,
			times: 3,
		});
		const result = await w.run(auth, once({ options: { timeoutSeconds: 1 } }), {
			continueOnFail: true,
		});
		expect(jsonOf(result)[0].error).toBe(
			'Zoho Invoice: Zoho Invoice did not answer within 1 s (timed out)',
		);
		// A GET is retried after a timeout: three tries, each given up on before the sandbox answered.
		await w.sb.idle();
		expect(
			w.sb.findRequests({ server: 'api', pathIncludes: '/contacts' }).map((r) => r.answeredAt),
		).toEqual([undefined, undefined, undefined]);
	}, 20_000);
});

describe('request slots', () => {
	// One request in flight for the credential and organization (a share of ten workers).
	const options = { workersSharingRate: 10, maxWaitSeconds: 5, timeoutSeconds: 5 };

	it('a body that cannot be serialised fails without keeping its slot: the next call is sent at once', async () => {
		const bad = await w.run(
			'oAuth2',
			{
				...create,
				bodyFormat: 'form',
				// An expression whose value throws when the form is serialised (its toJSON).
				bodyParameters: { parameter: [{ name: 'n', value: '={{ ({ toJSON: () => null.x }) }}' }] },
				options,
			},
			{ continueOnFail: true },
		);
		expect(String(jsonOf(bad)[0].error)).toMatch(/^Zoho Invoice: /);
		expect(w.sb.findRequests({ server: 'api', pathIncludes: '/contacts' })).toHaveLength(0);
		// Before the fix the slot stayed taken and this call waited for ever.
		let timer: NodeJS.Timeout | undefined;
		const next = await Promise.race([
			w.run('oAuth2', once({ options })).then(() => 'sent'),
			new Promise((resolve) => {
				timer = setTimeout(() => resolve('still waiting after 15 s'), 15_000);
			}),
		]).finally(() => clearTimeout(timer));
		expect(next).toBe('sent');
		expect(w.sb.findRequests({ server: 'api', pathIncludes: '/contacts' })).toHaveLength(1);
	}, 30_000);
});

describe('secret canaries', () => {
	const scenarios: Array<[string, (auth: Auth) => Promise<RunNodeResult>]> = [
		[
			'daily quota',
			async (auth) => {
				w.sb.invoice.setLimits({ perDay: { limit: 0 } });
				return await w.run(auth, once());
			},
		],
		[
			'per-minute quota past the bound',
			async (auth) => {
				w.sb.invoice.setLimits({ perMinute: { limit: 0, windowMs: 60000 } });
				return await w.run(auth, once({ options: { maxWaitSeconds: 0 } }));
			},
		],
		[
			'server error',
			async (auth) => {
				w.sb.injectFault({ server: 'api', kind: 'status500', times: 5 });
				return await w.run(auth, once());
			},
		],
		[
			'HTML page',
			async (auth) => {
				w.sb.injectFault({ server: 'api', kind: 'html', times: 5 });
				return await w.run(auth, once());
			},
		],
		[
			'connection reset on create',
			async (auth) => {
				w.sb.injectFault({ server: 'api', kind: 'reset', method: 'POST' });
				return await w.run(auth, create);
			},
		],
		['validation error', async (auth) => await w.run(auth, { ...create, body: '{}' })],
		[
			'unknown record',
			async (auth) => await w.run(auth, { ...create, method: 'GET', path: '/contacts/1' }),
		],
		['hostile path', async (auth) => await w.run(auth, once({ path: 'https://evil.example/x' }))],
		[
			'revoked token',
			async (auth) => {
				w.sb.expireAccessTokens();
				const data = w.store.get(auth === 'oAuth2' ? OAUTH_CRED.id : SELF_CRED.id)
					.data as IDataObject;
				const token =
					auth === 'oAuth2'
						? ((data.oauthTokenData as IDataObject).refresh_token as string)
						: undefined;
				if (token)
					await fetch(
						`${w.sb.urls.accounts('us')}/oauth/v2/token/revoke?token=${encodeURIComponent(token)}`,
						{ method: 'POST' },
					);
				if (!token)
					w.sb.registerClient({
						clientId: CLIENT_ID,
						clientSecret: 'rotated-secret-value',
						dc: 'us',
						selfClient: true,
					});
				return await w.run(auth, once());
			},
		],
		[
			'token endpoint throttled',
			async (auth) => {
				await w.run(auth, once()); // the Self Client exchanges its grant code first
				w.sb.setTokenThrottle({ limit: 0 });
				w.sb.expireAccessTokens();
				return await w.run(auth, once());
			},
		],
		['wrong organization', async (auth) => await w.run(auth, once({ organizationId: '999' }))],
	];

	describe.each(flows)('with %s', (auth) => {
		it.each(scenarios)(
			'%s: no secret in output, error, description, context or logs',
			async (_name, scenario) => {
				const failing = await scenario(auth);
				expect(failing.error).toBeDefined();
				expectNoSecrets(failing, w.secrets);
				expect(visibleText(failing)).not.toMatch(
					/canary-client-secret|Zoho-oauthtoken 1000|Bearer 1000/,
				);
			},
		);
	});
});
