/**
 * Every dropdown and every resource locator list of the Zoho Invoice, People and Bookings nodes
 * and their triggers, filled the way the editor fills it: POST
 * /rest/dynamic-node-parameters/options (body: nodeTypeAndVersion, path, methodName,
 * currentNodeParameters, credentials; the same DTO on both lines) to a real `n8n start`, on n8n
 * 2.8.4 (Node 20) and 2.41.1 (Node 24), with credentials created over n8n's REST API (OAuth2 with
 * issued tokens, Self Client with a grant code), against the Zoho sandbox in its own process.
 *
 * The dropdowns are enumerated from the BUILT node descriptions (dist/nodes/...): every property
 * with a loadOptionsMethod (the triggers' Organization, Form, Workspace, Service and Staff; the
 * Invoice node's Currency, inside collections), once for every resource/operation that shows it,
 * with the parameters the editor would hold for that form (n8n-workflow's getNodeParameters). A
 * new dropdown is covered without editing this file; a loader without an expectation below fails,
 * and so does a loader no dropdown used.
 *
 * Resource locators are enumerated the same way (test/e2e/locators.ts: one enumeration of both):
 * every "From list" mode's listSearch method, also inside collections and fixed collections (line
 * items, Update Fields, filters, credit note invoices), in every form that shows it, called through
 * POST /rest/dynamic-node-parameters/resource-locator-results (the options body plus filter and
 * paginationToken; the answer is `{ data: { results, paginationToken } }`). A list search without
 * an expectation in locators.ts fails, and so does one no locator used.
 *
 * For each load: the exact options or list page (names, values, descriptions as strings, the next
 * page's token), computed from what the sandbox holds (read over its own API with a token of its
 * own, before any load), and the exact requests the sandbox recorded (method, path, query,
 * organization header, token): one request per load or page. What was typed is sent as Zoho's own
 * search parameter; the page token gives the next page (450 contacts: 200, 200, 50). Dependent
 * fields are loaded with a chosen organization / workspace / service / appointment, and the answer
 * must be that one's records (the organization also By URL and as a plain string saved before the
 * locators). A Self Client's first dropdown exchanges the grant code (once); a broken OAuth2
 * credential fails with a readable message that names no secret. n8n's own parameter checks
 * (NodeHelpers.getNodeParametersIssues of each line's n8n-workflow) find no issue on the Invoice
 * node's defaults, the empty organization included.
 *
 * Sandbox set-up: a second Invoice organization with records of its own (an inactive contact and
 * item that must not be offered; an invoice and an estimate); estimates in the first; a second Bookings workspace with its
 * own service and staff (`bookings-catalog`, a test-only control command).
 *
 * Skip with ZOHO_E2E=0. Limit lines with ZOHO_E2E_LINES=2.8 (comma separated).
 */
import * as path from 'path';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
} from 'n8n-workflow';
import type { NodeHelpers } from 'n8n-workflow';
import {
	CLI_TIMEOUT_MS,
	INSTALL_TIMEOUT_MS,
	createUserFolder,
	describeE2E,
	e2eEnabled,
	ensureN8n,
	exportCredentials,
	removeUserFolders,
	startN8nServer,
	startSandboxProcess,
	stopAll,
	type N8nServer,
	type SandboxProcess,
} from './n8n';
import { N8nRest, type NodeParameterOptionsRequest, type NodePropertyOption } from './rest';
import {
	enumerateDropdowns,
	formParameters as editorParameters,
	listValue,
	locatorExpectation,
	orgOf,
	str,
	type BuiltNode,
	type Call,
	type Dropdown,
	type ListPage,
	type LocatorTruth,
} from './locators';
import {
	CLIENT_ID,
	CLIENT_SECRET,
	control,
	controlGet,
	customHosts,
	oauthCredential,
	recordedRequests,
	selectedLines,
	selfClientCredential,
	type CredRef,
	type Recorded,
} from './workflows';
import { BOOKINGS_IDS } from '../sandbox/bookings';
import { DEFAULT_ORG } from '../sandbox/invoice';
import { FORM_DEFS } from '../sandbox/peopleData';
import { loadPackage } from '../harness/package-loader';

/* eslint-disable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------------------------
// The dropdowns and resource locators, from the built node descriptions

/**
 * The package's nodes as n8n loads them: the files package.json's "n8n" section lists, from
 * dist/ (the package n8n runs is packed from it; createUserFolder refuses a stale one).
 */
function builtNodes(): BuiltNode[] {
	const pkg = loadPackage();
	return pkg.nodeNames.map((nodeType) => {
		const type = pkg.nodeTypes.getByNameAndVersion(nodeType);
		const v = type.description.version;
		return {
			product: type.description.name,
			type,
			description: type.description,
			nodeType,
			version: Array.isArray(v) ? Math.max(...v) : v,
		};
	});
}

/** Other kinds of dynamic parameters than loadOptionsMethod and list searches, which this file does not cover. */
function otherDynamicParameters(nodes: BuiltNode[]): string[] {
	const found: string[] = [];
	const visit = (props: INodeProperties[], where: string): void => {
		for (const p of props) {
			const t = (p.typeOptions ?? {}) as IDataObject;
			for (const key of ['loadOptions', 'resourceMapper'])
				if (t[key]) found.push(`${where}.${p.name}: typeOptions.${key}`);
			const searches = (p.modes ?? []).filter((m) => m.typeOptions?.searchListMethod);
			if (p.type === 'resourceLocator' && !searches.length)
				found.push(`${where}.${p.name}: resourceLocator without a list search`);
			if (p.type === 'collection') visit(p.options as INodeProperties[], `${where}.${p.name}`);
			if (p.type === 'fixedCollection')
				for (const g of p.options as INodePropertyCollection[])
					visit(g.values, `${where}.${p.name}.${g.name}`);
		}
	};
	for (const n of nodes) {
		visit(n.description.properties, n.description.name);
		for (const kind of ['resourceMapping', 'localResourceMapping', 'actionHandler'])
			for (const m of Object.keys((n.type.methods as any)?.[kind] ?? {}))
				found.push(`${n.description.name}: methods.${kind}.${m}`);
	}
	return found;
}

const NODES_BUILT: BuiltNode[] = e2eEnabled ? builtNodes() : [];
const DROPDOWNS: Dropdown[] = enumerateDropdowns(NODES_BUILT, 'options');
const LOCATORS: Dropdown[] = enumerateDropdowns(NODES_BUILT, 'locator');
/**
 * The workflow time zone a list search counts days in: n8n's default (GENERIC_TIMEZONE is not set
 * for the e2e server), as the editor's search runs on a workflow without settings.
 */
const N8N_DEFAULT_ZONE = 'America/New_York';

/** `<product>.<method>` of every loader (`loadOptions`) or list search (`listSearch`) of every node. */
const methodsOf = (kind: 'loadOptions' | 'listSearch'): string[] =>
	NODES_BUILT.flatMap((n) =>
		Object.keys((n.type.methods as any)?.[kind] ?? {}).map((m) => `${n.product}.${m}`),
	);

/** One case per enumerated field and credential, titled by node, form, path and method. */
const casesOf = (fields: Dropdown[]) =>
	fields.flatMap((d) =>
		(['oAuth2', 'selfClient'] as const).map((auth) => ({
			d,
			auth,
			title: `${d.node.description.displayName} ${Object.values(d.shownWith).join('/')} ${d.path} (${d.method})`,
		})),
	);

// ---------------------------------------------------------------------------------------------
// Sandbox data: a second Invoice organization and a second Bookings workspace

const ORG1 = DEFAULT_ORG.organization_id;
/** A second organization (the sandbox serves any list of organizations). */
const ORG2 = {
	organization_id: '60023456789',
	name: 'E2E Branch Traders',
	time_zone: 'Europe/Berlin',
	is_default_org: false,
	currency_code: 'EUR',
};
const WS1 = BOOKINGS_IDS.workspace;
const WS2 = '4387000000010002';
const BRANCH_CATALOG = {
	workspaces: [{ id: WS2, name: 'Branch Office', time_zone: 'Asia/Kolkata' }],
	staff: [
		{
			id: '4387000000030004',
			name: 'Kiran Shah',
			email: 'kiran@sandbox.example',
			designation: 'Visiting Consultant',
			workspace_id: WS2,
		},
	],
	services: [
		{
			id: '4387000000020003',
			name: 'Home Visit',
			workspace_id: WS2,
			duration_minutes: 60,
			staff_ids: ['4387000000030004'],
		},
	],
};

/**
 * The ID a user picked for each field a dropdown or list depends on, in every form that shows it:
 * the second organization (its own records, not the default one's), the seed workspace (the
 * second has other services) and the Strategy Session (2 of the 3 seed staff); the tests add the
 * first appointment (bookingId) once the sandbox's data is read.
 */
const CHOSEN: Record<string, string> = {
	organizationId: ORG2.organization_id,
	workspaceId: WS1,
	serviceId: BOOKINGS_IDS.services.strategy,
};

const ORG_HEADER = 'x-com-zoho-invoice-organizationid';

/** What the sandbox holds, read over its own API before any dropdown is loaded. */
interface Truth extends LocatorTruth {
	/** has_more_page of the first page of 200 active contacts, per organization. */
	contactsHaveMorePages: Record<string, boolean>;
}

interface Expectation {
	options: NodePropertyOption[];
	calls: Call[];
}

const byName = (a: NodePropertyOption, b: NodePropertyOption): number =>
	a.name.localeCompare(b.name);

/** Drops undefined descriptions, as n8n's JSON answer does. */
function option(name: string, value: string, description?: string): NodePropertyOption {
	return description === undefined ? { name, value } : { name, value, description };
}

function invoiceList(
	org: string,
	resourcePath: string,
	query: Record<string, string> = {},
): Call[] {
	return [
		{
			server: 'api',
			method: 'GET',
			path: `/invoice/v3/${resourcePath}`,
			query: { per_page: '200', ...query },
			org,
		},
	];
}

/**
 * What each loader must answer and send, from the parameters of the form and the sandbox's data.
 * A loader missing here fails its dropdown ("no expectation").
 */
function expectationOf(product: string, method: string, p: INodeParameters, t: Truth): Expectation {
	// A trigger's dropdowns use its product's loaders (nodes/<Product>/methods/loadOptions.ts).
	const key = `${product.replace(/Trigger$/, '')}.${method}`;
	switch (key) {
		case 'zohoInvoice.getOrganizations':
			// The trigger's Organization dropdown (the action node has a locator): Zoho's order (no
			// sort), the default one marked.
			return {
				options: t.organizations.map((o) =>
					option(
						`${String(o.name)}${o.is_default_org ? ' (default)' : ''}`,
						str(o.organization_id),
						o.time_zone ? `Time zone ${String(o.time_zone)}` : undefined,
					),
				),
				calls: [{ server: 'api', method: 'GET', path: '/invoice/v3/organizations', query: {} }],
			};
		case 'zohoInvoice.getCurrencies': {
			const org = orgOf(p);
			return {
				options: t.invoice[org].currencies
					.map((c) => option(String(c.currency_code), str(c.currency_id), String(c.currency_name)))
					.sort(byName),
				calls: invoiceList(org, 'settings/currencies'),
			};
		}
		case 'zohoPeople.getForms':
			return {
				options: t.forms
					.map((f) => option(String(f.displayName ?? f.formLinkName), String(f.formLinkName)))
					.sort(byName),
				calls: [{ server: 'people', method: 'GET', path: '/people/api/forms', query: {} }],
			};
		case 'zohoBookings.getWorkspaces':
			return {
				options: t.workspaces.map((w) => option(String(w.name), str(w.id))).sort(byName),
				calls: [{ server: 'api', method: 'GET', path: '/bookings/v1/json/workspaces', query: {} }],
			};
		case 'zohoBookings.getServices': {
			const ws = String(p.workspaceId ?? '');
			return {
				options: t.services
					.filter((s) => !ws || s.workspace_id === ws)
					.map((s) => option(String(s.name), str(s.id)))
					.sort(byName),
				calls: [
					{
						server: 'api',
						method: 'GET',
						path: '/bookings/v1/json/services',
						query: ws ? { workspace_id: ws } : {},
					},
				],
			};
		}
		case 'zohoBookings.getStaff': {
			// The service's staff; without a service, the workspace's; else everyone.
			const service = String(p.serviceId ?? '');
			const ws = String(p.workspaceId ?? '');
			const assigned = service
				? ((t.services.find((s) => s.id === service)?.assigned_staffs ?? []) as string[])
				: undefined;
			return {
				options: t.staff
					.filter((s) => (assigned ? assigned.includes(str(s.id)) : !ws || s.workspace_id === ws))
					.map((s) => option(String(s.name), str(s.id)))
					.sort(byName),
				calls: [
					{
						server: 'api',
						method: 'GET',
						path: '/bookings/v1/json/staffs',
						query: service ? { service_id: service } : ws ? { workspace_id: ws } : {},
					},
				],
			};
		}
		default:
			throw new Error(
				`no expectation for the loader ${key}: add one to expectationOf() in this file`,
			);
	}
}

// ---------------------------------------------------------------------------------------------

const grantTypeOf = (r: Recorded): string | undefined =>
	r.form?.grant_type ?? (r.body && typeof r.body === 'object' ? r.body.grant_type : undefined);

function callOf(r: Recorded): Call {
	const org = r.headers[ORG_HEADER];
	return {
		server: r.server,
		method: r.method,
		path: r.path,
		query: r.query,
		...(org !== undefined ? { org } : {}),
		...(r.form?.data ? { data: JSON.parse(r.form.data) } : {}),
	};
}

describeE2E.each(selectedLines)('Zoho dropdowns through n8n %s server (e2e)', (line) => {
	let sb: SandboxProcess;
	let home: string;
	let server: N8nServer;
	let rest: N8nRest;
	let truth: Truth;
	let oauth: CredRef;
	let oauthToken: string;
	let selfClient: CredRef;
	/** The access token the Self Client obtained with its grant code (set by its first load). */
	let selfToken = '';
	/** Loaders exercised, as `<product>.<method>`. */
	const exercised = new Set<string>();
	/** List searches exercised, as `<product>.<method>`. */
	const searched = new Set<string>();
	/** CHOSEN and the first appointment (set once the sandbox's data is read). */
	let chosen: Record<string, string> = CHOSEN;

	const tokenOf = (cred: CredRef): string =>
		cred.type === 'zohoSelfClientApi' ? selfToken : oauthToken;

	/** Reads a Zoho list over the sandbox's API with a token of its own (every page). */
	async function sandboxList(
		token: string,
		url: string,
		key: string,
		headers: Record<string, string> = {},
	): Promise<{ records: IDataObject[]; body: any }> {
		const records: IDataObject[] = [];
		for (let page = 1; ; page++) {
			const u = new URL(url);
			if (u.pathname.startsWith('/invoice/')) {
				u.searchParams.set('page', String(page));
				u.searchParams.set('per_page', '200');
			}
			const res = await fetch(u, {
				headers: { Authorization: `Zoho-oauthtoken ${token}`, ...headers },
			});
			const text = await res.text();
			if (!res.ok)
				throw new Error(`sandbox GET ${u.toString()} → ${res.status}: ${text.slice(0, 300)}`);
			const body = JSON.parse(text);
			const list = key.split('.').reduce((o: any, k) => o?.[k], body);
			if (!Array.isArray(list))
				throw new Error(`sandbox GET ${u.toString()}: no ${key} in ${text.slice(0, 300)}`);
			records.push(...(list as IDataObject[]));
			if (!body.page_context?.has_more_page) return { records, body };
		}
	}

	async function sandboxWrite(
		token: string,
		org: string,
		urlPath: string,
		body?: unknown,
	): Promise<any> {
		const res = await fetch(`${sb.api}/invoice/v3${urlPath}`, {
			method: 'POST',
			headers: {
				Authorization: `Zoho-oauthtoken ${token}`,
				[ORG_HEADER]: org,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`sandbox POST ${urlPath} → ${res.status}: ${text.slice(0, 300)}`);
		return JSON.parse(text);
	}

	/** A second organization with two active and one inactive contact and item of its own. */
	async function setUpSandbox(token: string): Promise<void> {
		const orgs = (await sandboxList(token, `${sb.api}/invoice/v3/organizations`, 'organizations'))
			.records;
		await control(sb, 'invoice-organizations', { organizations: [...orgs, ORG2] });
		const org = ORG2.organization_id;
		const zeta = await sandboxWrite(token, org, '/contacts', {
			contact_name: 'Zeta Buyers',
			email: 'buy@zeta.example',
		});
		await sandboxWrite(token, org, '/contacts', { contact_name: 'Alpha Clients' });
		const dormant = await sandboxWrite(token, org, '/contacts', {
			contact_name: 'Dormant Partners',
		});
		await sandboxWrite(token, org, `/contacts/${str(dormant.contact.contact_id)}/inactive`);
		const widget = await sandboxWrite(token, org, '/items', { name: 'Branch Widget', rate: 12.5 });
		await sandboxWrite(token, org, '/items', { name: 'Assembly Hour', rate: 80 });
		const retired = await sandboxWrite(token, org, '/items', { name: 'Retired Gadget', rate: 3 });
		await sandboxWrite(token, org, `/items/${str(retired.item.item_id)}/inactive`);
		// An invoice and an estimate, so that every list of the chosen organization has records.
		for (const [document, quantity] of [
			['/invoices', 2],
			['/estimates', 1],
		] as const)
			await sandboxWrite(token, org, document, {
				customer_id: str(zeta.contact.contact_id),
				line_items: [{ item_id: str(widget.item.item_id), quantity }],
			});
		// The first organization has 450 contacts and 30 invoices (the sandbox's seed): estimates too.
		await control(sb, 'invoice-seed', { estimates: 3, orgId: ORG1 });
		await control(sb, 'bookings-catalog', BRANCH_CATALOG);
	}

	/** The employee form's records, every page; the record ID from getRecords' keys (exact). */
	async function employeeRecords(token: string): Promise<IDataObject[]> {
		const out: IDataObject[] = [];
		for (let sIndex = 1; ; sIndex += 200) {
			const res = await fetch(
				`${sb.people}/people/api/forms/employee/getRecords?sIndex=${sIndex}&limit=200`,
				{ headers: { Authorization: `Zoho-oauthtoken ${token}` } },
			);
			const body = (await res.json()) as any;
			const result = (body.response?.result ?? []) as Array<Record<string, IDataObject[]>>;
			for (const entry of result) {
				const [recordId] = Object.keys(entry);
				out.push({ ...entry[recordId][0], recordId });
			}
			if (result.length < 200) return out;
		}
	}

	async function readTruth(token: string): Promise<Truth> {
		const get = (url: string, key: string, headers?: Record<string, string>) =>
			sandboxList(token, url, key, headers).then((x) => x.records);
		const organizations = await get(`${sb.api}/invoice/v3/organizations`, 'organizations');
		const invoice: Truth['invoice'] = {};
		const contactsHaveMorePages: Record<string, boolean> = {};
		for (const o of organizations) {
			const org = str(o.organization_id);
			const h = { [ORG_HEADER]: org };
			invoice[org] = {
				contacts: await get(`${sb.api}/invoice/v3/contacts`, 'contacts', h),
				items: await get(`${sb.api}/invoice/v3/items`, 'items', h),
				taxes: await get(`${sb.api}/invoice/v3/settings/taxes`, 'taxes', h),
				currencies: await get(`${sb.api}/invoice/v3/settings/currencies`, 'currencies', h),
				invoices: await get(`${sb.api}/invoice/v3/invoices`, 'invoices', h),
				estimates: await get(`${sb.api}/invoice/v3/estimates`, 'estimates', h),
			};
			const first = await fetch(
				`${sb.api}/invoice/v3/contacts?per_page=200&filter_by=Status.Active`,
				{ headers: { Authorization: `Zoho-oauthtoken ${token}`, ...h } },
			);
			if (!first.ok) throw new Error(`sandbox: first page of active contacts → ${first.status}`);
			contactsHaveMorePages[org] = Boolean(
				((await first.json()) as any).page_context?.has_more_page,
			);
		}
		const bookings = (endpoint: string) =>
			get(`${sb.api}/bookings/v1/json/${endpoint}`, 'response.returnvalue.data');
		return {
			organizations,
			invoice,
			contactsHaveMorePages,
			forms: await get(`${sb.people}/people/api/forms`, 'response.result'),
			workspaces: await bookings('workspaces'),
			services: await bookings('services'),
			staff: await bookings('staffs'),
			resources: await bookings('resources'),
			employees: await employeeRecords(token),
			// fetchappointment's order: by start time.
			appointments: (await controlGet<IDataObject[]>(sb, 'bookings-appointments')).sort((a, b) =>
				String(a.iso_start_time).localeCompare(String(b.iso_start_time)),
			),
		};
	}

	/** The parameters the editor holds for a form showing `d` (test/e2e/locators.ts). */
	function formParameters(
		d: Dropdown,
		cred: CredRef,
		ids: Record<string, string> = chosen,
		saved?: INodeParameters,
	): INodeParameters {
		const authentication = cred.type === 'zohoSelfClientApi' ? 'selfClient' : 'oAuth2';
		return editorParameters(d, authentication, ids, saved);
	}

	/** POST /rest/credentials, as the editor saves a credential. */
	async function createCredential(
		name: string,
		type: CredRef['type'],
		data: Record<string, unknown>,
	): Promise<CredRef> {
		const created = await rest.createCredential(name, type, data);
		expect(created.type).toBe(type);
		return { type, id: created.id, name: created.name };
	}

	/** The editor's request for a dropdown or list of a form with these parameters. */
	function optionsRequest(
		d: Dropdown,
		params: INodeParameters,
		cred: CredRef,
	): NodeParameterOptionsRequest {
		return {
			nodeTypeAndVersion: { name: d.node.nodeType, version: d.node.version },
			path: d.path,
			methodName: d.method,
			currentNodeParameters: params,
			credentials: { [cred.type]: { id: cred.id, name: cred.name } },
		};
	}

	/** Every recorded request carried the credential's token. */
	function expectToken(calls: Recorded[], cred: CredRef): void {
		for (const c of calls) expect(c.headers.authorization).toBe(`Zoho-oauthtoken ${tokenOf(cred)}`);
	}

	async function load(
		d: Dropdown,
		params: INodeParameters,
		cred: CredRef,
	): Promise<{ options: NodePropertyOption[]; calls: Recorded[] }> {
		await control(sb, 'clear-requests');
		const r = await rest.nodeParameterOptions(optionsRequest(d, params, cred));
		return { options: r.json?.data ?? [], calls: await recordedRequests(sb) };
	}

	/** Loads one dropdown and checks the options and the requests against the sandbox's data. */
	async function loadAndCheck(
		d: Dropdown,
		cred: CredRef,
		ids: Record<string, string> = chosen,
	): Promise<NodePropertyOption[]> {
		const params = formParameters(d, cred, ids);
		const expected = expectationOf(d.node.product, d.method, params, truth);
		const { options, calls } = await load(d, params, cred);
		exercised.add(`${d.node.product}.${d.method}`);
		expect(options).toEqual(expected.options);
		expect(calls.map(callOf)).toEqual(expected.calls);
		expectToken(calls, cred);
		return options;
	}

	/**
	 * POST /rest/dynamic-node-parameters/resource-locator-results, as the editor's locator list
	 * sends it: the options body, what was typed and the page token.
	 */
	async function search(
		d: Dropdown,
		params: INodeParameters,
		cred: CredRef,
		extra: { filter?: string; paginationToken?: string } = {},
		expectStatus: number[] = [200],
	) {
		await control(sb, 'clear-requests');
		const r = await rest.request<{ data?: ListPage; message?: string }>(
			'POST',
			'/rest/dynamic-node-parameters/resource-locator-results',
			{ ...optionsRequest(d, params, cred), ...extra },
			{ expect: expectStatus },
		);
		return { r, page: r.json?.data, calls: await recordedRequests(sb) };
	}

	/** Searches one locator's list and checks the page and the requests against the sandbox's data. */
	async function searchAndCheck(
		d: Dropdown,
		cred: CredRef,
		opts: {
			ids?: Record<string, string>;
			saved?: INodeParameters;
			typed?: string;
			page?: number;
		} = {},
	): Promise<ListPage> {
		const params = formParameters(d, cred, opts.ids, opts.saved);
		const { calls: expectedCalls, ...expectedPage } = locatorExpectation(d, params, truth, {
			zone: N8N_DEFAULT_ZONE,
			typed: opts.typed,
			page: opts.page,
		});
		const token = opts.page && opts.page > 1 ? String(opts.page) : undefined;
		const { page, calls } = await search(d, params, cred, {
			...(opts.typed !== undefined ? { filter: opts.typed } : {}),
			...(token !== undefined ? { paginationToken: token } : {}),
		});
		searched.add(`${d.node.product}.${d.method}`);
		expect(page).toEqual(expectedPage);
		expect(calls.map(callOf)).toEqual(expectedCalls);
		expectToken(calls, cred);
		return page!;
	}

	/** The first enumerated field of a method (optionally in a given resource/operation). */
	function find(
		fields: Dropdown[],
		product: string,
		method: string,
		shown: Record<string, string> = {},
	): Dropdown {
		const d = fields.find(
			(x) =>
				x.node.product === product &&
				x.method === method &&
				Object.entries(shown).every(([k, v]) => x.shownWith[k] === v),
		);
		if (!d) throw new Error(`no ${product} field with ${method} ${JSON.stringify(shown)}`);
		return d;
	}
	const dropdown = (product: string, method: string, shown?: Record<string, string>) =>
		find(DROPDOWNS, product, method, shown);
	const locator = (product: string, method: string, shown?: Record<string, string>) =>
		find(LOCATORS, product, method, shown);

	beforeAll(async () => {
		await ensureN8n(line);
		sb = await startSandboxProcess();
		home = await createUserFolder(`dropdowns-${line}`);
		server = await startN8nServer(line, home);
		rest = new N8nRest(server.url);
		await rest.setupOwner();
		await rest.expectCredentialTypes(['zohoRegionalOAuth2Api', 'zohoSelfClientApi']);

		const { access_token: own } = await control<{ access_token: string }>(sb, 'access-token', {
			clientId: CLIENT_ID,
		});
		await setUpSandbox(own);
		truth = await readTruth(own);
		chosen = { ...CHOSEN, bookingId: String(truth.appointments[0].booking_id) };

		// Credentials as the editor creates them (POST /rest/credentials).
		const o = await oauthCredential(sb, {
			type: 'zohoRegionalOAuth2Api',
			id: 'unused',
			name: 'unused',
		});
		oauth = await createCredential('Zoho OAuth2 (dropdowns)', 'zohoRegionalOAuth2Api', o.data);
		oauthToken = (o.data.oauthTokenData as IDataObject).access_token as string;
		const s = await selfClientCredential(sb, {
			type: 'zohoSelfClientApi',
			id: 'unused',
			name: 'unused',
		});
		selfClient = await createCredential(
			'Zoho Self Client (dropdowns)',
			'zohoSelfClientApi',
			s.data,
		);
		await control(sb, 'clear-requests');
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await stopAll();
		removeUserFolders();
	});

	it('the built descriptions: dropdowns and list searches in every node, each backed by a method of its node', () => {
		// Every node with loaders has dropdowns (the triggers; the Invoice node's Currency).
		expect(new Set(DROPDOWNS.map((d) => d.node.product))).toEqual(
			new Set(
				NODES_BUILT.filter((n) => Object.keys(n.type.methods?.loadOptions ?? {}).length).map(
					(n) => n.product,
				),
			),
		);
		for (const d of DROPDOWNS)
			expect(typeof d.node.type.methods?.loadOptions?.[d.method]).toBe('function');
		// Dropdowns inside a collection are enumerated too.
		expect(DROPDOWNS.map((d) => d.path)).toEqual(
			expect.arrayContaining([
				'parameters.additionalFields.currencyId',
				'parameters.updateFields.currencyId',
			]),
		);
		// Every action node picks records with resource locators, inside fixed collections (line
		// items, credit note invoices) and collections too.
		expect(new Set(LOCATORS.map((d) => d.node.product))).toEqual(
			new Set(['zohoInvoice', 'zohoPeople', 'zohoBookings']),
		);
		for (const d of LOCATORS)
			expect(typeof (d.node.type.methods as any)?.listSearch?.[d.method]).toBe('function');
		expect(LOCATORS.map((d) => d.path)).toEqual(
			expect.arrayContaining([
				'parameters.organizationId',
				'parameters.lineItems.item[0].itemId',
				'parameters.lineItems.item[0].taxId',
				'parameters.updateFields.customerId',
				'parameters.additionalFields.customerId',
				'parameters.filters.customerId',
				'parameters.invoices.invoice[0].invoiceId',
				'parameters.bookingId',
			]),
		);
		// Other dynamic parameters (mappers, action handlers) would need tests of their own.
		expect(otherDynamicParameters(NODES_BUILT)).toEqual([]);
		// The sandbox data the expectations rest on: 18-digit IDs, the second org's own records.
		expect(truth.organizations.map((o) => o.organization_id)).toEqual([ORG1, ORG2.organization_id]);
		expect(truth.invoice[ORG1].estimates).toHaveLength(3);
		const org2 = truth.invoice[ORG2.organization_id];
		expect(org2.items.map((i) => [i.name, i.status])).toEqual([
			['Branch Widget', 'active'],
			['Assembly Hour', 'active'],
			['Retired Gadget', 'inactive'],
		]);
		for (const i of org2.items) expect(i.item_id).toMatch(/^\d{18}$/);
		// Every list of the chosen organization has records (taxes and currencies are built in).
		expect(Object.values(org2).map((records) => records.length > 0)).toEqual(
			Object.keys(org2).map(() => true),
		);
		expect(org2.invoices.map((i) => [i.customer_name, i.total])).toEqual([['Zeta Buyers', 25]]);
		expect(truth.forms.map((f) => f.formLinkName)).toEqual(FORM_DEFS.map((f) => f.formLinkName));
	});

	it(
		'Self Client: the first dropdown exchanges the grant code once, n8n keeps the token and the next dropdown reuses it',
		async () => {
			const d = dropdown('zohoInvoice', 'getCurrencies');
			const params = formParameters(d, selfClient);
			const first = await load(d, params, selfClient);
			expect(first.calls.map((c) => `${c.server} ${c.method} ${c.path}`)).toEqual([
				'accounts POST /us/oauth/v2/token',
				'api GET /invoice/v3/settings/currencies',
			]);
			expect(grantTypeOf(first.calls[0])).toBe('authorization_code');
			expect(first.calls[0].form).toMatchObject({ client_id: CLIENT_ID });
			const auth = first.calls[1].headers.authorization;
			expect(auth).toMatch(/^Zoho-oauthtoken 1000\./);
			selfToken = auth.slice('Zoho-oauthtoken '.length);
			expect(first.options).toEqual(expectationOf('zohoInvoice', d.method, params, truth).options);

			// n8n stored what the credential's preAuthentication obtained during the dropdown load.
			const stored = (await exportCredentials(line, home)).find((c) => c.id === selfClient.id);
			expect(stored?.data.accessToken).toBe(selfToken);
			expect(stored?.data.obtainedRefreshToken).toMatch(/^1000\./);

			const second = await load(d, params, selfClient);
			expect(second.calls.map(callOf)).toEqual(
				expectationOf('zohoInvoice', d.method, params, truth).calls,
			);
			expect(second.calls[0].headers.authorization).toBe(`Zoho-oauthtoken ${selfToken}`);
		},
		CLI_TIMEOUT_MS,
	);

	const credentialOf = (auth: 'oAuth2' | 'selfClient'): CredRef => {
		if (auth === 'selfClient' && !selfToken) throw new Error('the Self Client has no token yet');
		return auth === 'oAuth2' ? oauth : selfClient;
	};

	// (jest refuses an empty table: none when the e2e tests are skipped)
	if (DROPDOWNS.length) {
		it.each(casesOf(DROPDOWNS))(
			"$title with $auth: the sandbox's options, one request",
			async ({ d, auth }) => {
				await loadAndCheck(d, credentialOf(auth));
			},
		);
	}

	if (LOCATORS.length) {
		it.each(casesOf(LOCATORS))(
			"$title with $auth: the list's first page from the sandbox, Zoho's own request",
			async ({ d, auth }) => {
				await searchAndCheck(d, credentialOf(auth));
			},
		);
	}

	it('Invoice: the Currency dropdown and the locator lists follow the chosen organization', async () => {
		const create = { resource: 'invoice', operation: 'create' };
		const items = async (org: string) =>
			await searchAndCheck(locator('zohoInvoice', 'searchActiveItems', create), oauth, {
				ids: { ...chosen, organizationId: org },
			});
		const org2Items = await items(ORG2.organization_id);
		// The inactive item is not offered; sorted by name (sort_column), the rate as Zoho sent it.
		expect(org2Items.results.map((o) => [o.name, o.description])).toEqual([
			['Assembly Hour', 'Rate 80'],
			['Branch Widget', 'Rate 12.5'],
		]);
		const org1Items = await items(ORG1);
		expect(org1Items.results.length).toBeGreaterThan(0);
		const org2Ids = new Set(org2Items.results.map((o) => o.value));
		for (const o of org1Items.results) expect(org2Ids.has(o.value)).toBe(false);
		// The inactive contact is not offered; a contact without an email has no description.
		const customers = await searchAndCheck(
			locator('zohoInvoice', 'searchCustomers', create),
			oauth,
		);
		expect(customers.results.map((o) => [o.name, o.description])).toEqual([
			['Alpha Clients', undefined],
			['Zeta Buyers', 'buy@zeta.example'],
		]);
		// The organization By URL (any data center's web domain) and as a plain string saved before.
		for (const organizationId of [
			listValue(`https://invoice.zohocloud.ca/app/${ORG1}#/home/dashboard`, 'url'),
			ORG1,
		]) {
			const taxes = await searchAndCheck(locator('zohoInvoice', 'searchTaxes', create), oauth, {
				saved: { organizationId },
			});
			expect(taxes.results.length).toBeGreaterThan(0);
		}
		await loadAndCheck(dropdown('zohoInvoice', 'getCurrencies', create), oauth, {
			...chosen,
			organizationId: ORG1,
		});
	});

	it("Invoice: what was typed goes to Zoho's own search parameter", async () => {
		const create = { resource: 'invoice', operation: 'create' };
		const org1 = { ...chosen, organizationId: ORG1 };
		const zeta = await searchAndCheck(locator('zohoInvoice', 'searchCustomers', create), oauth, {
			typed: 'zeta',
		});
		expect(zeta.results.map((r) => r.name)).toEqual(['Zeta Buyers']);
		const widget = await searchAndCheck(
			locator('zohoInvoice', 'searchActiveItems', create),
			oauth,
			{ typed: 'widget' },
		);
		expect(widget.results.map((r) => r.name)).toEqual(['Branch Widget']);
		const gst = await searchAndCheck(locator('zohoInvoice', 'searchTaxes', create), oauth, {
			typed: 'gst',
			ids: org1,
		});
		expect(gst.results.map((r) => r.name)).toEqual(['GST18']);
		const number = String(truth.invoice[ORG1].invoices[4].invoice_number);
		const found = await searchAndCheck(
			locator('zohoInvoice', 'searchInvoices', { resource: 'invoice', operation: 'get' }),
			oauth,
			{ typed: number, ids: org1 },
		);
		expect(found.results.map((r) => r.value)).toEqual([truth.invoice[ORG1].invoices[4].invoice_id]);
		const estimates = await searchAndCheck(
			locator('zohoInvoice', 'searchEstimates', { resource: 'estimate', operation: 'get' }),
			oauth,
			{ ids: org1 },
		);
		expect(estimates.results).toHaveLength(3);
	});

	it('Invoice: 450 contacts page with the token: 200, 200 and the rest, one request each', async () => {
		expect(truth.contactsHaveMorePages[ORG1]).toBe(true);
		const d = locator('zohoInvoice', 'searchContacts', { resource: 'contact', operation: 'get' });
		const ids = { ...chosen, organizationId: ORG1 };
		const pages = [];
		for (let page = 1; page <= 3; page++) pages.push(await searchAndCheck(d, oauth, { ids, page }));
		expect(pages.map((p) => [p.results.length, p.paginationToken])).toEqual([
			[200, '2'],
			[200, '3'],
			[truth.invoice[ORG1].contacts.length - 400, undefined],
		]);
		const values = pages.flatMap((p) => p.results.map((r) => r.value));
		expect(new Set(values).size).toBe(truth.invoice[ORG1].contacts.length);
		for (const id of values) expect(id).toMatch(/^\d{18}$/);
	});

	it("Invoice: the organizations, exactly, in the node's list (two: no empty choice, which would fail) and the trigger's dropdown", async () => {
		const both = [
			{ name: 'Sandbox Traders (default)', value: ORG1, description: 'Time zone Asia/Kolkata' },
			{ name: 'E2E Branch Traders', value: '60023456789', description: 'Time zone Europe/Berlin' },
		];
		const page = await searchAndCheck(locator('zohoInvoice', 'searchOrganizations'), oauth);
		expect(page.results).toEqual(both);
		expect(await loadAndCheck(dropdown('zohoInvoiceTrigger', 'getOrganizations'), oauth)).toEqual(
			both,
		);
	});

	it('Invoice: with two organizations and none chosen, the list names them instead of guessing', async () => {
		const d = locator('zohoInvoice', 'searchActiveItems', {
			resource: 'invoice',
			operation: 'create',
		});
		const params = formParameters(d, oauth, { ...chosen, organizationId: '' });
		const { r, calls } = await search(d, params, oauth, {}, [400, 500]);
		expect(r.status).toBe(500);
		expect(r.json?.message).toBe(
			`This Zoho account has 2 organizations; choose one in Organization ID: Sandbox Traders (${ORG1}), E2E Branch Traders (60023456789)`,
		);
		expect(calls.map(callOf)).toEqual([
			{ server: 'api', method: 'GET', path: '/invoice/v3/organizations', query: {} },
		]);
	});

	it("Invoice: n8n's parameter checks of this line find no issue on the defaults, the empty organization included", async () => {
		// The n8n-workflow of the line under test, as its editor and its executions use it.
		const { dir } = await ensureN8n(line);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const workflowOfLine = require(path.join(dir, 'node_modules', 'n8n-workflow')) as {
			NodeHelpers: typeof NodeHelpers;
		};
		const invoice = NODES_BUILT.find((n) => n.product === 'zohoInvoice')!;
		const forms = invoice.description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((op) =>
				(op.options as Array<{ value: string }>).map((o) => ({
					resource: (op.displayOptions!.show!.resource as string[])[0],
					operation: o.value,
				})),
			);
		expect(forms.length).toBeGreaterThan(50);
		const issuesOf = (values: INodeParameters) => {
			const node = {
				id: 'e2e',
				name: 'Zoho Invoice',
				type: invoice.nodeType,
				typeVersion: invoice.version,
				position: [0, 0],
				parameters: {},
			} as unknown as INode;
			node.parameters =
				workflowOfLine.NodeHelpers.getNodeParameters(
					invoice.description.properties,
					values,
					true,
					false,
					node,
					invoice.description,
				) ?? {};
			return (
				workflowOfLine.NodeHelpers.getNodeParametersIssues(
					invoice.description.properties,
					node,
					invoice.description,
				)?.parameters ?? {}
			);
		};
		for (const form of forms) {
			const issues = issuesOf(form);
			expect({ form, organization: issues.organizationId }).toEqual({
				form,
				organization: undefined,
			});
			// What is left is a required record not picked yet (e.g. the customer of a new invoice).
			for (const messages of Object.values(issues))
				for (const m of messages) expect(m).toMatch(/^Parameter ".+" is required\.$/);
		}
		const contacts = { resource: 'contact', operation: 'getAll' };
		expect(issuesOf({ ...contacts, organizationId: listValue('') })).toEqual({});
		expect(issuesOf({ ...contacts, organizationId: listValue('abc', 'id') })).toEqual({
			organizationId: ['Not a valid organization ID (digits only)'],
		});
	});

	it('Bookings Trigger: services follow the chosen workspace, staff the chosen service', async () => {
		const book = {};
		const workspaces = await loadAndCheck(
			dropdown('zohoBookingsTrigger', 'getWorkspaces', book),
			oauth,
		);
		expect(workspaces).toEqual([
			{ name: 'Branch Office', value: WS2 },
			{ name: 'Sandbox Clinic', value: WS1 },
		]);
		const services = async (ws: string) =>
			await loadAndCheck(dropdown('zohoBookingsTrigger', 'getServices', book), oauth, {
				...chosen,
				workspaceId: ws,
			});
		expect(await services(WS1)).toEqual([
			{ name: 'Consultation', value: BOOKINGS_IDS.services.consultation },
			{ name: 'Strategy Session', value: BOOKINGS_IDS.services.strategy },
		]);
		expect(await services(WS2)).toEqual([{ name: 'Home Visit', value: '4387000000020003' }]);
		const staff = async (serviceId: string, workspaceId: string = WS1) =>
			await loadAndCheck(dropdown('zohoBookingsTrigger', 'getStaff', book), oauth, {
				...chosen,
				workspaceId,
				serviceId,
			});
		expect(await staff(BOOKINGS_IDS.services.strategy)).toEqual([
			{ name: 'Asha Rao', value: BOOKINGS_IDS.staff.asha },
			{ name: 'Ravi Kumar', value: BOOKINGS_IDS.staff.ravi },
		]);
		expect(await staff(BOOKINGS_IDS.services.consultation)).toEqual([
			{ name: 'Asha Rao', value: BOOKINGS_IDS.staff.asha },
			{ name: 'Meera Iyer', value: BOOKINGS_IDS.staff.meera },
			{ name: 'Ravi Kumar', value: BOOKINGS_IDS.staff.ravi },
		]);
		expect(await staff('4387000000020003', WS2)).toEqual([
			{ name: 'Kiran Shah', value: '4387000000030004' },
		]);
	});

	it('a broken OAuth2 credential: the dropdown fails with a readable message and no secret', async () => {
		const broken = {
			...customHosts(sb),
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			oauthTokenData: {
				access_token: '1000.e2e-unknown-access-token',
				refresh_token: '1000.e2e-unknown-refresh-token',
				token_type: 'Bearer',
				expires_in: 3600,
				api_domain: sb.api,
			},
		};
		const cred = await createCredential('Zoho OAuth2 (broken)', 'zohoRegionalOAuth2Api', broken);
		const d = dropdown('zohoInvoice', 'getCurrencies');
		await control(sb, 'clear-requests');
		const r = await rest.nodeParameterOptions(
			optionsRequest(d, formParameters(d, cred), cred),
			[400, 401, 403, 500],
		);
		// The editor shows `message` under the dropdown (n8n answers the loader's error with HTTP 500).
		expect(r.status).toBe(500);
		expect(r.json?.message).toBe(
			'Zoho Accounts refused the token request: invalid_code. The refresh token was revoked or evicted ' +
				'(Zoho keeps at most 20 refresh tokens per user and client): reconnect the credential.',
		);
		// Zoho refused the token; n8n's refresh (through the node) was refused too; nothing else was sent.
		const calls = await recordedRequests(sb);
		expect(calls.map((c) => `${c.server} ${c.method} ${c.path}`)).toEqual([
			'api GET /invoice/v3/settings/currencies',
			'accounts POST /us/oauth/v2/token',
		]);
		expect(calls[0].headers.authorization).toBe(
			`Zoho-oauthtoken ${broken.oauthTokenData.access_token}`,
		);
		expect(grantTypeOf(calls[1])).toBe('refresh_token');
		expect(calls[1].form?.refresh_token).toBe(broken.oauthTokenData.refresh_token);
		for (const secret of [
			CLIENT_SECRET,
			broken.oauthTokenData.access_token,
			broken.oauthTokenData.refresh_token,
		])
			expect(r.text).not.toContain(secret);
	});

	// (Last: they change the sandbox's data.)

	it("People: typed text is Zoho's search (searchParams; a whole email SearchColumn) and the token pages on", async () => {
		const d = locator('zohoPeople', 'searchEmployeeIds', { resource: 'timeLog', operation: 'add' });
		const params = formParameters(d, oauth);
		const byText = await search(d, params, oauth, { filter: 'first2' });
		// First2, First20–First25 of the 25 seeded employees (OR over the four fields: assumption).
		expect(byText.page?.results.map((r) => r.value)).toEqual(
			truth.employees
				.filter((e) => String(e.FirstName).toLowerCase().includes('first2'))
				.map((e) => String(e.EmployeeID)),
		);
		expect(byText.page?.results).toHaveLength(7);
		const condition = (searchField: string) =>
			JSON.stringify({
				searchField,
				searchOperator: 'Contains',
				searchText: 'first2',
				searchCriteria: 'OR',
			});
		expect(byText.calls.map(callOf)).toEqual([
			{
				server: 'people',
				method: 'GET',
				path: '/people/api/forms/employee/getRecords',
				query: {
					sIndex: '1',
					limit: '200',
					searchParams: ['FirstName', 'LastName', 'EmployeeID', 'EmailID'].map(condition).join('|'),
				},
			},
		]);
		const email = String(truth.employees[3].EmailID);
		const byEmail = await search(d, params, oauth, { filter: email });
		expect(byEmail.page?.results.map((r) => r.value)).toEqual([
			String(truth.employees[3].EmployeeID),
		]);
		expect(byEmail.calls.map((c) => c.query)).toEqual([
			{ sIndex: '1', limit: '200', SearchColumn: 'EMPLOYEEMAILALIAS', SearchValue: email },
		]);

		// 200 more employees: the first page is full, the token is the next sIndex.
		await control(sb, 'people-seed', { form: 'employee', n: 200 });
		const first = (await search(d, params, oauth)).page!;
		expect(first.results).toHaveLength(200);
		expect(first.paginationToken).toBe('201');
		const next = await search(d, params, oauth, { paginationToken: first.paginationToken });
		expect(next.page?.results).toHaveLength(25);
		expect(next.page?.paginationToken).toBeUndefined();
		expect(next.calls.map((c) => c.query)).toEqual([{ sIndex: '201', limit: '200' }]);
		expect(new Set([...first.results, ...next.page!.results].map((r) => r.value)).size).toBe(225);
	});

	it("Bookings: typed appointment text is fetchappointment's customer_name, an @ customer_email", async () => {
		const d = locator('zohoBookings', 'searchAppointments', {
			resource: 'appointment',
			operation: 'cancel',
		});
		const params = formParameters(d, oauth);
		const target = truth.appointments[2];
		const name = String(target.customer_name);
		const byName = await search(d, params, oauth, { filter: name });
		expect(byName.page?.results.map((r) => r.value)).toEqual(
			truth.appointments
				.filter((a) => String(a.customer_name).toLowerCase().includes(name.toLowerCase()))
				.map((a) => String(a.booking_id)),
		);
		expect(byName.page?.results.map((r) => r.value)).toContain(String(target.booking_id));
		expect(byName.calls.map(callOf)[0].data).toMatchObject({ customer_name: name, page: 1 });
		const email = String(target.customer_email);
		const byEmail = await search(d, params, oauth, { filter: email });
		expect(byEmail.page?.results.map((r) => r.value)).toEqual([String(target.booking_id)]);
		expect(byEmail.calls.map(callOf)[0].data).toMatchObject({ customer_email: email });
		// The chosen booking's service decides Reschedule's staff list (two calls).
		const staff = locator('zohoBookings', 'searchStaffForBooking', {
			resource: 'appointment',
			operation: 'reschedule',
		});
		const ids = { ...chosen, bookingId: String(target.booking_id) };
		const withBooking = await search(staff, formParameters(staff, oauth, ids), oauth);
		expect(withBooking.calls.map((c) => c.path)).toEqual([
			'/bookings/v1/json/getappointment',
			'/bookings/v1/json/staffs',
		]);
		expect(withBooking.calls[1].query).toEqual({ service_id: String(target.service_id) });
	});

	it('every loader and every list search of every node was exercised', () => {
		expect(methodsOf('loadOptions').length).toBeGreaterThan(0);
		expect([...exercised].sort()).toEqual([...new Set(methodsOf('loadOptions'))].sort());
		expect(methodsOf('listSearch').length).toBeGreaterThan(0);
		expect([...searched].sort()).toEqual([...new Set(methodsOf('listSearch'))].sort());
	});
});
/* eslint-enable @typescript-eslint/no-explicit-any */
