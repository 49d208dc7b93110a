/**
 * Zoho Invoice node in a real n8n (2.8.4 on Node 20 and 2.41.1 on Node 24), against the Zoho
 * sandbox running as its own process. The package is packed and installed into
 * <user folder>/.n8n/nodes from the tarball; workflows run through `n8n execute`.
 *
 * Besides single-node runs (Custom API Call, tokens, quotas), one chain of ready-made operations:
 *   Manual → Create Contact → Create Invoice (line items by item) → Mark as Sent → Download PDF
 *          → Email Invoice → Sent Invoices (Get Many, status sent)
 * with IDs passed by expressions, and a continue-on-fail run of three items whose middle one fails.
 *
 * Skip with ZOHO_E2E=0. Limit lines with ZOHO_E2E_LINES=2.8 (comma separated).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
	CLI_TIMEOUT_MS,
	INSTALL_TIMEOUT_MS,
	LINES,
	NODE_TYPE,
	createUserFolder,
	describeE2E,
	ensureN8n,
	executeWorkflow,
	executionError,
	exportCredentials,
	importCredentials,
	importWorkflow,
	nodeOutput,
	removeUserFolders,
	sandboxControl,
	startSandboxProcess,
	stopAll,
	type CredentialFixture,
	type ExecuteResult,
	type N8nLine,
	type SandboxProcess,
} from './n8n';
import {
	authOf,
	chainWorkflow,
	invoiceContactCount,
	controlGet,
	recordedRequests,
	runCounts,
	type CredRef,
	type Recorded as SandboxRequest,
} from './workflows';

const CLIENT_ID = 'demo-client-id';
const CLIENT_SECRET = 'demo-client-secret';
const NODE = 'Zoho Invoice';
/** The sandbox's demo seed: 450 contacts, 3 pages of 200 (tests read the current count). */
const SEEDED_CONTACTS = 450;
const PAGE_SIZE = 200;

const selected = (process.env.ZOHO_E2E_LINES ?? LINES.join(','))
	.split(',')
	.map((s) => s.trim())
	.filter((s): s is N8nLine => (LINES as string[]).includes(s));

/* eslint-disable @typescript-eslint/no-explicit-any */
interface Recorded {
	server: 'accounts' | 'api' | 'people';
	method: string;
	url: string;
	path: string;
	headers: Record<string, string>;
	body: any;
	form?: Record<string, string>;
}

interface TokenCalls {
	authorization_code: number;
	refresh_token: number;
	total: number;
}

function customHosts(sb: SandboxProcess): Record<string, string> {
	return {
		dataCenter: 'custom',
		customAccountsUrl: sb.accounts,
		customApiUrl: sb.api,
		customPeopleUrl: sb.people,
	};
}

function workflow(
	id: string,
	name: string,
	parameters: Record<string, unknown>,
	credential: { type: string; id: string; name: string },
	nodeSettings: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		id,
		name,
		active: false,
		settings: {},
		nodes: [
			{
				id: `${id}-t`,
				name: 'Manual',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-z`,
				name: NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { [credential.type]: { id: credential.id, name: credential.name } },
				...nodeSettings,
			},
		],
		connections: { Manual: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
	};
}

const listAll = (authentication: string): Record<string, unknown> => ({
	authentication,
	resource: 'customApiCall',
	operation: 'request',
	method: 'GET',
	path: '/contacts',
	returnAll: true,
});

/** Fails with the execution's error text (jest shows thrown messages, not the execution). */
function expectSuccess(r: ExecuteResult): void {
	if (r.code !== 0 || r.execution?.status !== 'success') {
		throw new Error(
			`execution did not succeed (exit ${String(r.code)}, status ${String(r.execution?.status)}):\n${executionError(r).slice(0, 4000)}`,
		);
	}
}

/** A node's output items in an execution (json, binary and pairedItem), from its last run. */
function nodeItems(execution: any, nodeName: string): any[] {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	return runs?.length ? (runs[runs.length - 1].data?.main?.[0] ?? []) : [];
}

/**
 * The bytes of a binary output as `n8n execute` reports them. Both lines keep binary data in
 * n8n's filesystem store by default (binary-data.config.js: mode 'filesystem' outside queue mode):
 * the execution carries `data: 'filesystem-v2'` and an id `filesystem-v2:<path>` under the user
 * folder's .n8n/storage. In the in-memory mode ('default') `data` is the base64 of the bytes.
 */
function binaryBytes(home: string, binary: any): Buffer {
	const FS = 'filesystem-v2:';
	if (typeof binary?.id === 'string') {
		if (!binary.id.startsWith(FS)) throw new Error(`binary data in another store: ${binary.id}`);
		return fs.readFileSync(
			path.join(home, '.n8n', 'storage', ...binary.id.slice(FS.length).split('/')),
		);
	}
	return Buffer.from(String(binary?.data), 'base64');
}

/** A recorded request with the HTTP status the sandbox answered (test/sandbox/types.ts). */
type SandboxCall = SandboxRequest & { status?: number };

/** Invoice API requests only (no token calls), in the order the sandbox received them. */
function apiRequests(all: SandboxCall[]): SandboxCall[] {
	return all.filter((q) => q.server === 'api' && q.path.startsWith('/invoice/v3/'));
}

/**
 * The Invoice API calls of a run, checked to be answered 2xx, without the one call an expired
 * access token gets refused: an earlier test (`expire-tokens`) may leave the stored token expired,
 * and then the run's first call is answered 401 and repeated after exactly one refresh.
 */
function answeredCalls(requests: SandboxCall[], refreshes: number): SandboxCall[] {
	const refused = requests.filter((q) => q.status === 401);
	expect(refused.length).toBe(refreshes);
	expect(refused.length).toBeLessThanOrEqual(1);
	if (refused.length) expect(requests[0]).toBe(refused[0]);
	const calls = requests.filter((q) => q.status !== 401);
	for (const q of calls) expect([200, 201]).toContain(q.status);
	return calls;
}

/** What the Invoice API answers, read by the test itself with a token of its own. */
async function sandboxApi(
	sb: SandboxProcess,
	route: string,
	organizationId?: string,
): Promise<any> {
	const { access_token } = await sandboxControl<{ access_token: string }>(sb, 'access-token', {
		clientId: CLIENT_ID,
	});
	const res = await fetch(`${sb.api}/invoice/v3${route}`, {
		headers: {
			Authorization: `Zoho-oauthtoken ${access_token}`,
			...(organizationId ? { 'X-com-zoho-invoice-organizationid': organizationId } : {}),
		},
	});
	if (!res.ok) throw new Error(`sandbox GET ${route} → ${res.status}: ${await res.text()}`);
	if (!(res.headers.get('content-type') ?? '').includes('json'))
		return Buffer.from(await res.arrayBuffer());
	return await res.json();
}

/** What the chain sends: a new customer and two line items chosen by item. */
interface ChainInput {
	organizationId: string;
	contactName: string;
	email: string;
	referenceNumber: string;
	lines: Array<{ itemId: string; quantity: number }>;
}

/**
 * Manual → Create Contact → Create Invoice (line items by item) → Mark as Sent → Download PDF →
 * Email Invoice → Sent Invoices (Get Many, status sent). Every ID goes from node to node by an
 * expression. Create Contact leaves the organization empty (the node looks it up); the others name it.
 */
function invoiceChain(id: string, cred: CredRef, input: ChainInput): Record<string, unknown> {
	const authentication = authOf(cred);
	const invoiceId = "={{ $('Create Invoice').item.json.invoice_id }}";
	const org = { authentication, organizationId: input.organizationId };
	return chainWorkflow(id, 'Invoice chain (ready-made operations)', [
		{
			name: 'Create Contact',
			type: NODE_TYPE,
			credential: cred,
			parameters: {
				authentication,
				resource: 'contact',
				operation: 'create',
				contactName: input.contactName,
				additionalFields: { extraFieldsJson: JSON.stringify({ email: input.email }) },
			},
		},
		{
			name: 'Create Invoice',
			type: NODE_TYPE,
			credential: cred,
			parameters: {
				...org,
				resource: 'invoice',
				operation: 'create',
				customerId: "={{ $('Create Contact').item.json.contact_id }}",
				lineItemsMode: 'fields',
				lineItems: { item: input.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity })) },
				additionalFields: { referenceNumber: input.referenceNumber },
			},
		},
		{
			name: 'Mark as Sent',
			type: NODE_TYPE,
			credential: cred,
			parameters: { ...org, resource: 'invoice', operation: 'markSent', invoiceId },
		},
		{
			name: 'Download PDF',
			type: NODE_TYPE,
			credential: cred,
			parameters: {
				...org,
				resource: 'invoice',
				operation: 'downloadPdf',
				invoiceId,
				binaryPropertyName: 'invoicePdf',
			},
		},
		{
			name: 'Email Invoice',
			type: NODE_TYPE,
			credential: cred,
			parameters: {
				...org,
				resource: 'invoice',
				operation: 'email',
				invoiceId,
				toEmails: "={{ $('Create Contact').item.json.email }}",
				emailOptions: {
					subject: "=Invoice {{ $('Create Invoice').item.json.invoice_number }}",
				},
			},
		},
		{
			name: 'Sent Invoices',
			type: NODE_TYPE,
			credential: cred,
			parameters: {
				...org,
				resource: 'invoice',
				operation: 'getAll',
				returnAll: true,
				filters: { status: 'sent' },
			},
		},
	]);
}

/**
 * Manual → Three Contacts (Code node: three items, the middle one a contact that does not exist)
 * → Get Contact (contact ID from each item, onError: continueRegularOutput).
 */
function continueOnFailWorkflow(
	id: string,
	cred: CredRef,
	organizationId: string,
	contactIds: string[],
): Record<string, unknown> {
	const authentication = authOf(cred);
	const wf = chainWorkflow(id, 'Get contacts, continue on fail', [
		{
			name: 'Three Contacts',
			type: 'n8n-nodes-base.code',
			parameters: {
				jsCode: `return ${JSON.stringify(contactIds.map((contact_id) => ({ json: { contact_id } })))};`,
			},
		},
		{
			name: 'Get Contact',
			type: NODE_TYPE,
			credential: cred,
			parameters: {
				authentication,
				organizationId,
				resource: 'contact',
				operation: 'get',
				contactId: '={{ $json.contact_id }}',
			},
			settings: { onError: 'continueRegularOutput' },
		},
	]);
	// Code node version 2 (JavaScript, run once for all items) exists on both lines.
	for (const node of wf.nodes as Array<Record<string, unknown>>)
		if (node.type === 'n8n-nodes-base.code') node.typeVersion = 2;
	return wf;
}

describeE2E.each(selected)('Zoho Invoice in n8n %s (e2e)', (line) => {
	{
		let sb: SandboxProcess;
		let home: string;

		const oauthCred = {
			type: 'zohoRegionalOAuth2Api',
			id: 'zohoOauthE2E0001',
			name: 'Zoho OAuth2 (sandbox)',
		};
		const renewCred = {
			type: 'zohoRegionalOAuth2Api',
			id: 'zohoOauthE2E0002',
			name: 'Zoho OAuth2 expiring (sandbox)',
		};
		const selfCred = {
			type: 'zohoSelfClientApi',
			id: 'zohoSelfE2E00001',
			name: 'Zoho Self Client (sandbox)',
		};

		const wf = {
			oauthList: 'zInvOauthList01',
			selfList: 'zInvSelfList001',
			create: 'zInvCreate00001',
			renew: 'zInvRenew000001',
			quota: 'zInvQuota000001',
			quotaContinue: 'zInvQuotaCont01',
			chain: 'zInvChain000001',
			pairing: 'zInvPairing0001',
		};
		/** The sandbox's organization, two of its items and contacts, read before the import. */
		let organizationId: string;
		let items: any[];
		let pairingIds: string[];
		let pairingNames: string[];
		/** A contact ID the sandbox does not have (18 digits, like Zoho's). */
		const MISSING_CONTACT = '460000000999999999';
		const chainInput = (): ChainInput => ({
			organizationId,
			contactName: 'E2E Chain Co',
			email: 'ap.chain@example.com',
			referenceNumber: 'E2E-CHAIN-1',
			lines: [
				{ itemId: String(items[1].item_id), quantity: 3 },
				{ itemId: String(items[3].item_id), quantity: 1 },
			],
		});

		const control = <T = any>(cmd: string, body?: unknown): Promise<T> =>
			sandboxControl<T>(sb, cmd, body);
		const tokenCalls = async (): Promise<TokenCalls> =>
			(await control<{ tokenCalls: TokenCalls }>('stats')).tokenCalls;
		const requests = (): Promise<Recorded[]> => control<Recorded[]>('requests');
		const tokenRequests = async (): Promise<Recorded[]> =>
			(await requests()).filter(
				(r) => r.server === 'accounts' && r.path.endsWith('/oauth/v2/token'),
			);
		/**
		 * Contacts in the sandbox's org now, read from the sandbox, so no test depends on which
		 * tests ran before it. The reads are dropped from the request log.
		 */
		async function contactCount(): Promise<number> {
			const n = await invoiceContactCount(sb);
			await control('clear-requests');
			expect(n).toBeGreaterThanOrEqual(SEEDED_CONTACTS);
			return n;
		}
		const grantTypeOf = (r: Recorded): string | undefined =>
			r.form?.grant_type ??
			(typeof r.body === 'object' && r.body ? r.body.grant_type : undefined) ??
			undefined;

		async function oauthTokens(): Promise<Record<string, unknown>> {
			const { refresh_token } = await control<{ refresh_token: string }>('refresh-token', {
				clientId: CLIENT_ID,
			});
			const { access_token } = await control<{ access_token: string }>('access-token', {
				clientId: CLIENT_ID,
			});
			return {
				access_token,
				refresh_token,
				token_type: 'Bearer',
				expires_in: 3600,
				api_domain: sb.api,
			};
		}

		beforeAll(async () => {
			await ensureN8n(line);
			sb = await startSandboxProcess();
			home = await createUserFolder(`invoice-${line}`);
			// The grant code must outlive the steps before the Self Client's first run.
			const { code } = await control<{ code: string }>('grant-code', {
				clientId: CLIENT_ID,
				ttlMs: 30 * 60 * 1000,
			});
			const creds: CredentialFixture[] = [
				{
					...oauthCred,
					data: {
						...customHosts(sb),
						clientId: CLIENT_ID,
						clientSecret: CLIENT_SECRET,
						oauthTokenData: await oauthTokens(),
					},
				},
				{
					...renewCred,
					data: {
						...customHosts(sb),
						clientId: CLIENT_ID,
						clientSecret: CLIENT_SECRET,
						oauthTokenData: await oauthTokens(),
					},
				},
				{
					...selfCred,
					data: {
						...customHosts(sb),
						clientId: CLIENT_ID,
						clientSecret: CLIENT_SECRET,
						grantCode: code,
					},
				},
			];
			await importCredentials(line, home, creds);
			const orgs = (await sandboxApi(sb, '/organizations')).organizations as any[];
			organizationId = String((orgs.find((o) => o.is_default_org) ?? orgs[0]).organization_id);
			items = (await sandboxApi(sb, '/items', organizationId)).items as any[];
			expect(items.length).toBeGreaterThanOrEqual(4);
			const contacts = (await sandboxApi(sb, '/contacts?per_page=2', organizationId))
				.contacts as any[];
			pairingIds = [
				String(contacts[0].contact_id),
				MISSING_CONTACT,
				String(contacts[1].contact_id),
			];
			pairingNames = [contacts[0].contact_name, '', contacts[1].contact_name];
			await importWorkflow(line, home, [
				workflow(wf.oauthList, 'List contacts (OAuth2)', listAll('oAuth2'), oauthCred),
				workflow(wf.selfList, 'List contacts (Self Client)', listAll('selfClient'), selfCred),
				workflow(
					wf.create,
					'Create contact',
					{
						authentication: 'oAuth2',
						resource: 'customApiCall',
						operation: 'request',
						method: 'POST',
						path: '/contacts',
						bodyFormat: 'json',
						body: '{"contact_name":"E2E Co"}',
					},
					oauthCred,
				),
				workflow(
					wf.renew,
					'List a few contacts (expired token)',
					{ ...listAll('oAuth2'), returnAll: false, limit: 10 },
					renewCred,
				),
				workflow(wf.quota, 'Daily quota', listAll('oAuth2'), oauthCred),
				workflow(wf.quotaContinue, 'Daily quota, continue on fail', listAll('oAuth2'), oauthCred, {
					onError: 'continueRegularOutput',
				}),
				invoiceChain(wf.chain, oauthCred as CredRef, chainInput()),
				continueOnFailWorkflow(wf.pairing, oauthCred as CredRef, organizationId, pairingIds),
			]);
		}, INSTALL_TIMEOUT_MS);

		afterAll(async () => {
			await stopAll();
			removeUserFolders();
		});

		beforeEach(async () => {
			await control('clear-requests');
		});

		it(
			'lists all contacts (450 seeded) with OAuth2 (pre-filled tokens), one call per page of 200',
			async () => {
				const contacts = await contactCount();
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.oauthList);
				expectSuccess(r);
				const items = nodeOutput(r.execution, NODE);
				expect(items).toHaveLength(contacts);
				expect(new Set(items.map((c) => c.contact_id)).size).toBe(contacts);

				const pages = (await requests()).filter(
					(q) => q.server === 'api' && q.path === '/invoice/v3/contacts',
				);
				expect(pages).toHaveLength(Math.ceil(contacts / PAGE_SIZE));
				for (const p of pages) {
					expect(p.method).toBe('GET');
					expect(p.headers.authorization).toMatch(/^(Zoho-oauthtoken|Bearer) 1000\./);
				}
				expect(await tokenCalls()).toEqual(before);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'lists all contacts with Self Client, exchanging the grant code once',
			async () => {
				const contacts = await contactCount();
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.selfList);
				expectSuccess(r);
				expect(nodeOutput(r.execution, NODE)).toHaveLength(contacts);

				const pages = (await requests()).filter(
					(q) => q.server === 'api' && q.path === '/invoice/v3/contacts',
				);
				expect(pages).toHaveLength(Math.ceil(contacts / PAGE_SIZE));
				for (const p of pages) expect(p.headers.authorization).toMatch(/^Zoho-oauthtoken 1000\./);

				const after = await tokenCalls();
				expect(after.authorization_code - before.authorization_code).toBe(1);
				expect(after.refresh_token - before.refresh_token).toBe(0);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'persists the Self Client refresh token (export:credentials --decrypted)',
			async () => {
				const exported = await exportCredentials(line, home);
				const self = exported.find((c) => c.id === selfCred.id);
				expect(self).toBeDefined();
				const data = self!.data as Record<string, string>;
				expect(data.obtainedRefreshToken).toMatch(/^1000\./);
				expect(data.accessToken).toMatch(/^1000\./);
				expect(data.grantCodeFingerprint).toBeTruthy();
				expect(data.clientSecret).toBe(CLIENT_SECRET);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'creates a contact with POST /contacts',
			async () => {
				const contacts = await contactCount();
				const r = await executeWorkflow(line, home, wf.create);
				expectSuccess(r);
				const [out] = nodeOutput(r.execution, NODE);
				expect(out?.contact?.contact_name).toBe('E2E Co');
				expect(out?.contact?.contact_id).toBeTruthy();

				const posts = (await requests()).filter((q) => q.server === 'api' && q.method === 'POST');
				expect(posts).toHaveLength(1);
				expect(posts[0].path).toBe('/invoice/v3/contacts');
				expect(posts[0].body).toEqual({ contact_name: 'E2E Co' });
				// Exactly one contact more in the sandbox.
				expect(await contactCount()).toBe(contacts + 1);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'renews an expired OAuth2 access token with exactly one refresh_token call',
			async () => {
				await control('expire-tokens');
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.renew);
				expectSuccess(r);
				expect(nodeOutput(r.execution, NODE)).toHaveLength(10);
				const after = await tokenCalls();
				expect(after.refresh_token - before.refresh_token).toBe(1);
				expect(after.authorization_code - before.authorization_code).toBe(0);
				const refreshes = (await tokenRequests()).filter((q) => grantTypeOf(q) === 'refresh_token');
				expect(refreshes).toHaveLength(1);

				// The renewed token was saved: the next run needs no token call at all.
				const again = await executeWorkflow(line, home, wf.renew);
				expectSuccess(again);
				expect((await tokenCalls()).total).toBe(after.total);
			},
			2 * CLI_TIMEOUT_MS,
		);

		it(
			'renews the Self Client token from the kept refresh token, never re-sending the grant code',
			async () => {
				const contacts = await contactCount();
				await control('expire-tokens');
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.selfList);
				expectSuccess(r);
				expect(nodeOutput(r.execution, NODE)).toHaveLength(contacts);
				const after = await tokenCalls();
				expect(after.refresh_token - before.refresh_token).toBe(1);
				expect(after.authorization_code - before.authorization_code).toBe(0);
				const grantTypes = (await tokenRequests()).map(grantTypeOf);
				expect(grantTypes).not.toContain('authorization_code');
				expect(grantTypes).toEqual(['refresh_token']);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'chain of ready-made operations: contact → invoice by item → sent → PDF → email → list of sent',
			async () => {
				const input = chainInput();
				const emailsBefore = (await controlGet<any[]>(sb, 'emails')).length;
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.chain);
				expectSuccess(r);
				expect(runCounts(r.execution)).toEqual({
					Manual: 1,
					'Create Contact': 1,
					'Create Invoice': 1,
					'Mark as Sent': 1,
					'Download PDF': 1,
					'Email Invoice': 1,
					'Sent Invoices': 1,
				});
				// The log first: the checks below read the sandbox over its API too.
				const after = await tokenCalls();
				expect(after.authorization_code).toBe(before.authorization_code);
				const requests = answeredCalls(
					apiRequests(await recordedRequests(sb)),
					after.refresh_token - before.refresh_token,
				);

				// Create Contact: the record, its 18-digit ID a string.
				const contacts = nodeOutput(r.execution, 'Create Contact');
				expect(contacts).toHaveLength(1);
				const contactId = contacts[0].contact_id;
				expect(typeof contactId).toBe('string');
				expect(contactId).toMatch(/^\d{18}$/);
				expect(contacts[0]).toMatchObject({
					contact_name: input.contactName,
					email: input.email,
				});

				// Create Invoice: customer from Create Contact by expression, the items as chosen.
				const created = nodeOutput(r.execution, 'Create Invoice');
				expect(created).toHaveLength(1);
				const invoiceId = created[0].invoice_id;
				const invoiceNumber = created[0].invoice_number;
				expect(typeof invoiceId).toBe('string');
				expect(invoiceId).toMatch(/^\d{18}$/);
				expect(invoiceNumber).toMatch(/^INV-\d{6}$/);
				expect(created[0]).toMatchObject({
					customer_id: contactId,
					customer_name: input.contactName,
					reference_number: input.referenceNumber,
					status: 'draft',
				});
				expect(
					created[0].line_items.map((l: any) => ({ item_id: l.item_id, quantity: l.quantity })),
				).toEqual(input.lines.map((l) => ({ item_id: l.itemId, quantity: l.quantity })));
				// Name and rate came from the items themselves (the Rate field was left at 0).
				expect(created[0].line_items.map((l: any) => [l.name, l.rate])).toEqual([
					[items[1].name, items[1].rate],
					[items[3].name, items[3].rate],
				]);

				expect(nodeOutput(r.execution, 'Mark as Sent')).toEqual([
					{
						success: true,
						invoice_id: invoiceId,
						message: 'Invoice status has been changed to Sent.',
					},
				]);

				// Download PDF: binary output with the sandbox's PDF bytes.
				const pdfItems = nodeItems(r.execution, 'Download PDF');
				expect(pdfItems).toHaveLength(1);
				const binary = pdfItems[0].binary?.invoicePdf;
				expect(binary).toMatchObject({
					mimeType: 'application/pdf',
					fileExtension: 'pdf',
					// The sandbox names the file after the invoice number (assumption: not documented).
					fileName: `${invoiceNumber}.pdf`,
				});
				const bytes = binaryBytes(home, binary);
				expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
				expect(bytes.toString('latin1')).toContain(`(Invoice ${invoiceNumber}) '`);
				expect(pdfItems[0].json).toEqual({
					invoice_id: invoiceId,
					fileName: `${invoiceNumber}.pdf`,
					fileSize: bytes.length,
				});

				expect(nodeOutput(r.execution, 'Email Invoice')).toEqual([
					{
						success: true,
						invoice_id: invoiceId,
						to: [input.email],
						message: 'Your invoice has been sent.',
					},
				]);

				// Sent Invoices: the new invoice among them, every one sent.
				const sent = nodeOutput(r.execution, 'Sent Invoices');
				expect(sent.length).toBeGreaterThanOrEqual(1);
				for (const inv of sent) expect(inv.status).toBe('sent');
				expect(sent.filter((inv) => inv.invoice_id === invoiceId)).toEqual([
					expect.objectContaining({
						invoice_number: invoiceNumber,
						customer_id: contactId,
						status: 'sent',
					}),
				]);

				// The Invoice API calls, in order. Only Create Contact looks the organization up.
				expect(requests.map((q) => `${q.method} ${q.path}`)).toEqual([
					'GET /invoice/v3/organizations',
					'POST /invoice/v3/contacts',
					'POST /invoice/v3/invoices',
					`POST /invoice/v3/invoices/${invoiceId}/status/sent`,
					`GET /invoice/v3/invoices/${invoiceId}`,
					`POST /invoice/v3/invoices/${invoiceId}/email`,
					'GET /invoice/v3/invoices',
				]);
				for (const q of requests) {
					expect(q.headers.authorization).toMatch(/^(Zoho-oauthtoken|Bearer) 1000\./);
					expect(q.headers['x-com-zoho-invoice-organizationid']).toBe(
						q.path.endsWith('/organizations') ? undefined : organizationId,
					);
				}
				const [, contactPost, invoicePost, markSent, pdfGet, emailPost, list] = requests;
				expect(contactPost.body).toEqual({ contact_name: input.contactName, email: input.email });
				expect(invoicePost.body).toEqual({
					customer_id: contactId,
					reference_number: input.referenceNumber,
					line_items: input.lines.map((l) => ({ item_id: l.itemId, quantity: l.quantity })),
				});
				// IDs went on the wire as JSON strings, digit for digit.
				expect(invoicePost.rawBody).toContain(`"customer_id":"${contactId}"`);
				for (const l of input.lines)
					expect(invoicePost.rawBody).toContain(`"item_id":"${l.itemId}"`);
				expect(markSent.rawBody).toBe('');
				expect(pdfGet.query).toEqual({ accept: 'pdf' });
				expect(pdfGet.headers.accept).toBe('application/pdf');
				expect(emailPost.body).toEqual({
					to_mail_ids: [input.email],
					subject: `Invoice ${invoiceNumber}`,
				});
				expect(list.query).toEqual({ status: 'sent', page: '1', per_page: '200' });

				// The sandbox's state: the invoice sent, its line items carrying the chosen items' IDs,
				// one email to the contact, and the list equal to every sent invoice it has.
				const record = (await sandboxApi(sb, `/invoices/${invoiceId}`, organizationId)).invoice;
				expect(record).toMatchObject({
					invoice_id: invoiceId,
					invoice_number: invoiceNumber,
					customer_id: contactId,
					status: 'sent',
				});
				expect(record.line_items.map((l: any) => [l.item_id, l.quantity])).toEqual(
					input.lines.map((l) => [l.itemId, l.quantity]),
				);
				const emails = await controlGet<any[]>(sb, 'emails');
				expect(emails.slice(emailsBefore)).toEqual([
					expect.objectContaining({
						orgId: organizationId,
						resource: 'invoices',
						id: invoiceId,
						number: invoiceNumber,
						to_mail_ids: [input.email],
						cc_mail_ids: [],
						subject: `Invoice ${invoiceNumber}`,
					}),
				]);
				expect(emails.filter((e) => e.id === invoiceId)).toHaveLength(1);
				const all = await sandboxApi(sb, '/invoices?per_page=200', organizationId);
				expect(all.page_context.has_more_page).toBe(false);
				const sentInSandbox = (all.invoices as any[]).filter((inv) => inv.status === 'sent');
				expect(sent.map((inv) => inv.invoice_id).sort()).toEqual(
					sentInSandbox.map((inv) => String(inv.invoice_id)).sort(),
				);
				// The PDF n8n holds is byte for byte the one the sandbox makes of the sent invoice.
				const pdf = (await sandboxApi(
					sb,
					`/invoices/${invoiceId}?accept=pdf`,
					organizationId,
				)) as Buffer;
				expect(bytes.equals(pdf)).toBe(true);
			},
			CLI_TIMEOUT_MS,
		);

		it(
			'continue on fail: 3 items, the middle contact missing; item 2 carries the error, each output paired with its input',
			async () => {
				const before = await tokenCalls();
				const r = await executeWorkflow(line, home, wf.pairing);
				expectSuccess(r);
				expect(runCounts(r.execution)).toEqual({
					Manual: 1,
					'Three Contacts': 1,
					'Get Contact': 1,
				});
				expect(nodeOutput(r.execution, 'Three Contacts')).toEqual(
					pairingIds.map((contact_id) => ({ contact_id })),
				);
				const out = nodeItems(r.execution, 'Get Contact');
				expect(out).toHaveLength(3);
				expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
				for (const i of [0, 2]) {
					expect(out[i].json).toMatchObject({
						contact_id: pairingIds[i],
						contact_name: pairingNames[i],
					});
					expect(out[i].json.error).toBeUndefined();
				}
				expect(out[1].json).toEqual({
					error: 'Zoho Invoice: Contact does not exist. (code 1002) [HTTP 404]',
					httpCode: '404',
					zohoCode: 1002,
					zohoMessage: 'Contact does not exist.',
				});
				// One GET per item, in item order; the failure did not stop the third.
				const requests = apiRequests(await recordedRequests(sb));
				const refreshes = (await tokenCalls()).refresh_token - before.refresh_token;
				// The missing contact is answered 404, the others 200.
				expect(requests.filter((q) => q.status !== 401).map((q) => q.status)).toEqual([
					200, 404, 200,
				]);
				expect(requests.filter((q) => q.status === 401)).toHaveLength(refreshes);
				expect(
					requests.filter((q) => q.status !== 401).map((q) => `${q.method} ${q.path}`),
				).toEqual(pairingIds.map((id) => `GET /invoice/v3/contacts/${id}`));
				for (const q of requests)
					expect(q.headers['x-com-zoho-invoice-organizationid']).toBe(organizationId);
			},
			CLI_TIMEOUT_MS,
		);

		describe('daily quota exhausted', () => {
			beforeAll(async () => {
				await control('invoice-limits', { perDay: { limit: 1 } });
			});
			afterAll(async () => {
				await control('invoice-limits', {});
			});

			it(
				'fails with the daily-limit message',
				async () => {
					const r = await executeWorkflow(line, home, wf.quota);
					expect(r.code).not.toBe(0);
					const message = executionError(r);
					expect(message).toContain('daily API limit');
					expect(message).toContain('resets at 00:00');
				},
				CLI_TIMEOUT_MS,
			);

			it(
				'puts the message into the item with continue on fail (onError: continueRegularOutput)',
				async () => {
					await control('invoice-limits', { perDay: { limit: 1 } }); // fresh day counter
					const r = await executeWorkflow(line, home, wf.quotaContinue);
					expectSuccess(r);
					const items = nodeOutput(r.execution, NODE);
					expect(items.length).toBeGreaterThanOrEqual(1);
					const withError = items.find((i) => i.error !== undefined);
					expect(withError).toBeDefined();
					const text =
						typeof withError.error === 'string' ? withError.error : JSON.stringify(withError.error);
					expect(text).toContain('daily API limit');
					expect(text).toContain('resets at 00:00');
				},
				CLI_TIMEOUT_MS,
			);
		});
	}
});
/* eslint-enable @typescript-eslint/no-explicit-any */
