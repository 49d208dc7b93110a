/**
 * Every dropdown of the Zoho Invoice, People and Bookings nodes, filled the way the editor fills
 * it: POST /rest/dynamic-node-parameters/options (body: nodeTypeAndVersion, path, methodName,
 * currentNodeParameters, credentials; the same DTO on both lines) to a real `n8n start`, on n8n
 * 2.8.4 (Node 20) and 2.41.1 (Node 24), with credentials created over n8n's REST API (OAuth2 with
 * issued tokens, Self Client with a grant code), against the Zoho sandbox in its own process.
 *
 * The dropdowns are enumerated from the BUILT node descriptions (dist/nodes/...): every property
 * with a loadOptionsMethod, also inside collections and fixed collections (line-item Item and
 * Tax), once for every resource/operation that shows it, with the parameters the editor would
 * hold for that form (n8n-workflow's getNodeParameters). A new dropdown is covered without editing
 * this file; a loader without an expectation below fails, and so does a loader no dropdown used.
 *
 * For each load: the exact options (names, values, descriptions as strings), computed from what
 * the sandbox holds (read over its own API with a token of its own, before any load), and the
 * exact requests the sandbox recorded (method, path, query, organization header, token): one
 * request per load, also when Zoho has more pages (a dropdown lists one page of 200 by the
 * product's design; see the 450-customer test). Dependent dropdowns are loaded with a chosen
 * organization / workspace / service, and the answer must be that one's records. A Self Client's
 * first dropdown exchanges the grant code (once); a broken OAuth2 credential fails with a readable
 * message that names no secret.
 *
 * Sandbox set-up: a second Invoice organization with records of its own (and an inactive contact
 * and item that must not be offered); a second Bookings workspace with its own service and staff
 * (`bookings-catalog`, a test-only control command).
 *
 * Resource locators (issue 15) are enumerated the same way: every "From list" mode's listSearch
 * method, called through POST /rest/dynamic-node-parameters/resource-locator-results (the same
 * DTO on both lines: the options body plus filter and paginationToken; the answer is
 * `{ data: { results, paginationToken } }`), with the exact results and requests computed from the
 * sandbox, what was typed sent as Zoho's search parameter, and the page token giving the next page.
 * n8n's own parameter checks (NodeHelpers.getNodeParametersIssues of each line's n8n-workflow)
 * find no issue on the Invoice node's defaults, the empty organization included.
 *
 * Skip with ZOHO_E2E=0. Limit lines with ZOHO_E2E_LINES=2.8 (comma separated).
 */
import * as path from 'path';
import type {
	IDataObject,
	INode,
	INodeListSearchItems,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodeType,
	INodeTypeDescription,
	NodeParameterValue,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
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
	CLIENT_ID,
	CLIENT_SECRET,
	control,
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
import { ONLY_ORGANIZATION } from '../../nodes/ZohoInvoice/actions/resourceBuilder/locators';
import { FORM_DEFS } from '../sandbox/peopleData';
import { loadPackage } from '../harness/package-loader';

/* eslint-disable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------------------------
// The dropdowns, from the built node descriptions

/** A node of the package, by its description name (zohoInvoice, zohoPeople, zohoBookings). */
type Product = string;

interface BuiltNode {
	product: Product;
	type: INodeType;
	description: INodeTypeDescription;
	/** `<package>.<name>`, as n8n knows the node. */
	nodeType: string;
	version: number;
}

interface Dropdown {
	/** A loadOptions dropdown, or a resource locator's "From list" mode (listSearch). */
	kind: 'options' | 'locator';
	product: Product;
	node: BuiltNode;
	/** The parameter's path as the editor sends it, e.g. `parameters.lineItems.item[0].itemId`. */
	path: string;
	method: string;
	dependsOn: string[];
	/** The display conditions chosen for this occurrence (resource, operation, …). */
	shownWith: Record<string, NodeParameterValue>;
	/** The top-level property that holds the dropdown (itself, or its collection). */
	top: INodeProperties;
}

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

/** Every combination of the values a `show` condition lists (conditions other than plain values fail). */
function showCombinations(top: INodeProperties): Array<Record<string, NodeParameterValue>> {
	let combos: Array<Record<string, NodeParameterValue>> = [{}];
	for (const [key, values] of Object.entries(top.displayOptions?.show ?? {})) {
		if (key.startsWith('@')) continue; // @version: the nodes have one version
		const name = key.replace(/^\//, '');
		for (const v of values ?? []) {
			if (v !== null && typeof v === 'object')
				throw new Error(`${top.name}: display condition on ${key} is not a plain value`);
		}
		combos = combos.flatMap((c) =>
			(values ?? []).map((v) => ({ ...c, [name]: v as NodeParameterValue })),
		);
	}
	return combos;
}

function enumerateDropdowns(nodes: BuiltNode[], kind: Dropdown['kind'] = 'options'): Dropdown[] {
	const out: Dropdown[] = [];
	for (const node of nodes) {
		const visit = (props: INodeProperties[], prefix: string, top?: INodeProperties): void => {
			for (const p of props) {
				const holder = top ?? p;
				const method =
					kind === 'options'
						? p.typeOptions?.loadOptionsMethod
						: p.type === 'resourceLocator'
							? p.modes?.find((m) => m.name === 'list')?.typeOptions?.searchListMethod
							: undefined;
				if (typeof method === 'string') {
					for (const shownWith of showCombinations(holder)) {
						out.push({
							kind,
							product: node.product,
							node,
							path: `${prefix}${p.name}`,
							method,
							dependsOn: (p.typeOptions?.loadOptionsDependsOn ?? []) as string[],
							shownWith,
							top: holder,
						});
					}
				}
				if (p.type === 'collection')
					visit(p.options as INodeProperties[], `${prefix}${p.name}.`, holder);
				if (p.type === 'fixedCollection') {
					const many = p.typeOptions?.multipleValues === true;
					for (const group of p.options as INodePropertyCollection[])
						visit(group.values, `${prefix}${p.name}.${group.name}${many ? '[0]' : ''}.`, holder);
				}
			}
		};
		visit(node.description.properties, 'parameters.');
	}
	return out;
}

/** Other kinds of dynamic parameters than loadOptionsMethod and listSearch, which this file does not cover. */
function otherDynamicParameters(nodes: BuiltNode[]): string[] {
	const found: string[] = [];
	const visit = (props: INodeProperties[], where: string): void => {
		for (const p of props) {
			const t = (p.typeOptions ?? {}) as IDataObject;
			for (const key of ['loadOptions', 'resourceMapper'])
				if (t[key]) found.push(`${where}.${p.name}: typeOptions.${key}`);
			if (p.type === 'resourceLocator' && !p.modes?.some((m) => m.name === 'list'))
				found.push(`${where}.${p.name}: resourceLocator without a list`);
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
const DROPDOWNS: Dropdown[] = enumerateDropdowns(NODES_BUILT);
const LOCATORS: Dropdown[] = enumerateDropdowns(NODES_BUILT, 'locator');

/** A resource locator's value as the editor saves it. */
const rl = (value: string, mode = 'list'): NodeParameterValueType =>
	({ __rl: true, mode, value }) as unknown as NodeParameterValueType;

/** Puts '' at a nested editor path (the field exists once the user added it), e.g. lineItems.item[0].itemId. */
function setAtPath(
	target: INodeParameters,
	editorPath: string,
	value: NodeParameterValueType,
): void {
	const keys = editorPath
		.replace(/^parameters\./, '')
		.split('.')
		.flatMap((k) => {
			const m = /^(.*)\[(\d+)\]$/.exec(k);
			return m ? [m[1], Number(m[2])] : [k];
		});
	let cur: any = target;
	keys.forEach((k, i) => {
		if (i === keys.length - 1) {
			cur[k] = value;
			return;
		}
		const nextIsIndex = typeof keys[i + 1] === 'number';
		if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== 'object')
			cur[k] = nextIsIndex ? [] : {};
		cur = cur[k];
	});
}

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
 * The value a user picked for each parameter a dropdown depends on, in every form that shows it:
 * the second organization (its own records), the seed workspace (the second has other services)
 * and the Strategy Session (2 of the 3 seed staff).
 */
const CHOSEN: Record<string, NodeParameterValueType> = {
	organizationId: rl(ORG2.organization_id),
	workspaceId: WS1,
	serviceId: BOOKINGS_IDS.services.strategy,
};

const ORG_HEADER = 'x-com-zoho-invoice-organizationid';

/** What the sandbox holds, read over its own API before any dropdown is loaded. */
interface Truth {
	organizations: IDataObject[];
	invoice: Record<
		string,
		Record<'contacts' | 'items' | 'taxes' | 'currencies' | 'invoices' | 'estimates', IDataObject[]>
	>;
	/** has_more_page of the first page of 200 active contacts, per organization. */
	contactsHaveMorePages: Record<string, boolean>;
	forms: IDataObject[];
	workspaces: IDataObject[];
	services: IDataObject[];
	staff: IDataObject[];
}

/** The request the sandbox recorded, in the shape the expectations use. */
interface Call {
	server: Recorded['server'];
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** The Invoice organization header, when sent. */
	org?: string;
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

function str(v: unknown): string {
	if (typeof v !== 'string')
		throw new Error(`expected an ID as a string, got ${JSON.stringify(v)}`);
	return v;
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

function orgOf(p: INodeParameters): string {
	const chosen = p.organizationId as unknown;
	const locator =
		chosen !== null && typeof chosen === 'object' ? (chosen as IDataObject) : undefined;
	// By URL: the organization's ID follows /app/ in the web app's address.
	const org = locator
		? locator.mode === 'url'
			? String(/\/app\/(\d+)/.exec(String(locator.value))?.[1] ?? '')
			: String(locator.value ?? '')
		: String(chosen ?? '');
	if (!org) throw new Error('expectation: no organization chosen');
	return org;
}

/**
 * What each loader must answer and send, from the parameters of the form and the sandbox's data.
 * A loader missing here fails its dropdown ("no expectation").
 */
function expectationOf(
	product: Product,
	method: string,
	p: INodeParameters,
	t: Truth,
): Expectation {
	// A trigger's dropdowns are its product's loaders (e.g. zohoBookingsTrigger.getWorkspaces).
	const key = `${product.replace(/Trigger$/, '')}.${method}`;
	switch (key) {
		case 'zohoInvoice.getOrganizations':
			// The Invoice trigger's Organization dropdown (the action node has a locator): Zoho's order.
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
// Resource locators: what each listSearch method must answer and send

/** A page of a locator's list, as n8n answers it (an undefined description is absent). */
interface LocatorPage {
	results: INodeListSearchItems[];
	paginationToken?: string;
}

interface LocatorExpectation extends LocatorPage {
	calls: Call[];
}

function listItem(name: string, value: string, description?: string): INodeListSearchItems {
	return description === undefined ? { name, value } : { name, value, description };
}

/** The sandbox's order for a sort_column (lower-cased, localeCompare), as Zoho's sorted lists. */
const sortedBy = (records: IDataObject[], key: string): IDataObject[] =>
	[...records].sort((a, b) =>
		String(a[key] ?? '')
			.toLowerCase()
			.localeCompare(String(b[key] ?? '').toLowerCase()),
	);

/** One page of 200 of `records`, with the next page's token when more follow. */
function pageOfRecords(
	records: IDataObject[],
	page: number,
	toItem: (r: IDataObject) => INodeListSearchItems,
): LocatorPage {
	const slice = records.slice((page - 1) * 200, page * 200);
	const more = page * 200 < records.length;
	return {
		results: slice.map(toItem),
		...(more ? { paginationToken: String(page + 1) } : {}),
	};
}

function invoicePageCall(org: string, resourcePath: string, page: number, query = {}): Call {
	return {
		server: 'api',
		method: 'GET',
		path: `/invoice/v3/${resourcePath}`,
		query: { page: String(page), per_page: '200', ...query },
		org,
	};
}

const contains = (value: unknown, typed: string) =>
	String(value ?? '')
		.toLowerCase()
		.includes(typed.toLowerCase());

/** "INV-000001 (Acme Ltd)" and "2024-01-02 · INR 123 · draft", as methods/listSearch.ts writes them. */
function documentItem(d: IDataObject, numberKey: string, idKey: string): INodeListSearchItems {
	const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
	const name = d.customer_name
		? `${String(d[numberKey])} (${String(d.customer_name)})`
		: String(d[numberKey]);
	const total =
		d.total !== undefined ? `${text(d.currency_code) ?? ''} ${String(d.total)}`.trim() : undefined;
	const parts = [text(d.date), total, text(d.status)].filter((x) => x !== undefined);
	return listItem(name, str(d[idKey]), parts.length ? parts.join(' · ') : undefined);
}

/**
 * What each listSearch method must answer and send for a form, what was typed and a page token,
 * from the sandbox's data. A method missing here fails its locator ("no expectation").
 */
function locatorExpectation(
	product: Product,
	method: string,
	p: INodeParameters,
	t: Truth,
	typed = '',
	page = 1,
): LocatorExpectation {
	const key = `${product}.${method}`;
	const contactItem = (c: IDataObject) =>
		listItem(String(c.contact_name), str(c.contact_id), (c.email as string) || undefined);
	const itemItem = (i: IDataObject) =>
		listItem(String(i.name), str(i.item_id), `Rate ${String(i.rate)}`);
	switch (key) {
		case 'zohoInvoice.searchOrganizations': {
			// Zoho's order; the empty choice only when the account has one organization.
			const orgs = t.organizations.filter((o) => !typed || contains(o.name, typed));
			const results = orgs.map((o) =>
				listItem(
					`${String(o.name)}${o.is_default_org ? ' (default)' : ''}`,
					str(o.organization_id),
					o.time_zone ? `Time zone ${String(o.time_zone)}` : undefined,
				),
			);
			if (t.organizations.length === 1 && !typed)
				results.unshift(
					listItem(ONLY_ORGANIZATION, '', `Currently ${String(t.organizations[0].name)}`),
				);
			return {
				results,
				calls: [{ server: 'api', method: 'GET', path: '/invoice/v3/organizations', query: {} }],
			};
		}
		case 'zohoInvoice.searchCustomers':
		case 'zohoInvoice.searchContacts': {
			const org = orgOf(p);
			const active = method === 'searchCustomers';
			const records = sortedBy(t.invoice[org].contacts, 'contact_name').filter(
				(c) => (!active || c.status === 'active') && (!typed || contains(c.contact_name, typed)),
			);
			return {
				...pageOfRecords(records, page, contactItem),
				calls: [
					invoicePageCall(org, 'contacts', page, {
						sort_column: 'contact_name',
						...(active ? { filter_by: 'Status.Active' } : {}),
						...(typed ? { contact_name_contains: typed } : {}),
					}),
				],
			};
		}
		case 'zohoInvoice.searchActiveItems':
		case 'zohoInvoice.searchItems': {
			const org = orgOf(p);
			const active = method === 'searchActiveItems';
			const records = sortedBy(t.invoice[org].items, 'name').filter(
				(i) => (!active || i.status === 'active') && (!typed || contains(i.name, typed)),
			);
			return {
				...pageOfRecords(records, page, itemItem),
				calls: [
					invoicePageCall(org, 'items', page, {
						sort_column: 'name',
						...(active ? { filter_by: 'Status.Active' } : {}),
						...(typed ? { name_contains: typed } : {}),
					}),
				],
			};
		}
		case 'zohoInvoice.searchTaxes': {
			// No Zoho search parameter for taxes: the node filters the page itself.
			const org = orgOf(p);
			const pageRecords = pageOfRecords(t.invoice[org].taxes, page, (x) =>
				listItem(String(x.tax_name), str(x.tax_id), `${String(x.tax_percentage)} %`),
			);
			return {
				...pageRecords,
				results: pageRecords.results.filter((r) => !typed || contains(r.name, typed)),
				calls: [invoicePageCall(org, 'settings/taxes', page)],
			};
		}
		case 'zohoInvoice.searchInvoices':
		case 'zohoInvoice.searchEstimates': {
			const org = orgOf(p);
			const noun = method === 'searchInvoices' ? 'invoice' : 'estimate';
			// The sandbox's search_text looks in the number, the customer's name and the reference.
			const records = t.invoice[org][`${noun}s`].filter(
				(d) =>
					!typed ||
					[d[`${noun}_number`], d.customer_name, d.reference_number].some((v) =>
						contains(v, typed),
					),
			);
			return {
				...pageOfRecords(records, page, (d) => documentItem(d, `${noun}_number`, `${noun}_id`)),
				calls: [invoicePageCall(org, `${noun}s`, page, typed ? { search_text: typed } : {})],
			};
		}
		default:
			throw new Error(
				`no expectation for the listSearch method ${key}: add one to locatorExpectation() in this file`,
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
	/** listSearch methods exercised, as `<product>.<method>`. */
	const searched = new Set<string>();

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
		await sandboxWrite(token, org, '/contacts', {
			contact_name: 'Zeta Buyers',
			email: 'buy@zeta.example',
		});
		await sandboxWrite(token, org, '/contacts', { contact_name: 'Alpha Clients' });
		const dormant = await sandboxWrite(token, org, '/contacts', {
			contact_name: 'Dormant Partners',
		});
		await sandboxWrite(token, org, `/contacts/${str(dormant.contact.contact_id)}/inactive`);
		await sandboxWrite(token, org, '/items', { name: 'Branch Widget', rate: 12.5 });
		await sandboxWrite(token, org, '/items', { name: 'Assembly Hour', rate: 80 });
		const retired = await sandboxWrite(token, org, '/items', { name: 'Retired Gadget', rate: 3 });
		await sandboxWrite(token, org, `/items/${str(retired.item.item_id)}/inactive`);
		// The first organization has 450 contacts and 30 invoices (the sandbox's seed): estimates too.
		await control(sb, 'invoice-seed', { estimates: 3, orgId: ORG1 });
		await control(sb, 'bookings-catalog', BRANCH_CATALOG);
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
		};
	}

	/** The node parameters the editor holds for a form showing `d`, with the dependencies chosen. */
	function formParameters(
		d: Dropdown,
		cred: CredRef,
		chosen: Record<string, NodeParameterValueType>,
	): INodeParameters {
		const node = {
			id: 'e2e',
			name: d.node.description.displayName,
			type: d.node.nodeType,
			typeVersion: d.node.version,
			position: [0, 0],
			parameters: {},
		} as unknown as INode;
		const resolve = (values: INodeParameters): INodeParameters =>
			NodeHelpers.getNodeParameters(
				d.node.description.properties,
				values,
				true,
				false,
				node,
				d.node.description,
			) ?? {};
		const base: INodeParameters = {
			authentication: cred.type === 'zohoSelfClientApi' ? 'selfClient' : 'oAuth2',
			...d.shownWith,
		};
		let params = resolve(base);
		// What the user picked, in the fields this form shows.
		const picked = Object.fromEntries(Object.entries(chosen).filter(([k]) => k in params));
		params = resolve({ ...params, ...picked });
		for (const dependency of d.dependsOn) {
			// A dependency may name a value inside a parameter (organizationId.value: a locator's ID).
			const dep = dependency.split('.')[0];
			if (dep in params && !(dep in chosen))
				throw new Error(`${d.path} depends on ${dep}: choose a value for it in CHOSEN`);
		}
		if (!NodeHelpers.displayParameter(params, d.top, node, d.node.description))
			throw new Error(`${d.path} is not shown with ${JSON.stringify(d.shownWith)}`);
		if (d.path.split('.').length > 2) setAtPath(params, d.path, d.kind === 'locator' ? rl('') : '');
		return params;
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

	function credentialsOf(cred: CredRef): NodeParameterOptionsRequest['credentials'] {
		return { [cred.type]: { id: cred.id, name: cred.name } };
	}

	/** The editor's request for a dropdown of a form with these parameters. */
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
			credentials: credentialsOf(cred),
		};
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
		chosen: Record<string, NodeParameterValueType> = CHOSEN,
	): Promise<NodePropertyOption[]> {
		const params = formParameters(d, cred, chosen);
		const expected = expectationOf(d.product, d.method, params, truth);
		const { options, calls } = await load(d, params, cred);
		exercised.add(`${d.product}.${d.method}`);
		expect(options).toEqual(expected.options);
		expect(calls.map(callOf)).toEqual(expected.calls);
		for (const c of calls) expect(c.headers.authorization).toBe(`Zoho-oauthtoken ${tokenOf(cred)}`);
		return options;
	}

	/** The editor's request for a locator's list: the options body, what was typed and the page token. */
	function searchRequest(
		d: Dropdown,
		params: INodeParameters,
		cred: CredRef,
		filter?: string,
		paginationToken?: string,
	): NodeParameterOptionsRequest & { filter?: string; paginationToken?: string } {
		return {
			...optionsRequest(d, params, cred),
			...(filter !== undefined ? { filter } : {}),
			...(paginationToken !== undefined ? { paginationToken } : {}),
		};
	}

	/** POST /rest/dynamic-node-parameters/resource-locator-results, as the editor's locator list sends it. */
	async function search(
		d: Dropdown,
		params: INodeParameters,
		cred: CredRef,
		filter?: string,
		paginationToken?: string,
		expectStatus: number[] = [200],
	) {
		await control(sb, 'clear-requests');
		const r = await rest.request<{ data?: LocatorPage; message?: string }>(
			'POST',
			'/rest/dynamic-node-parameters/resource-locator-results',
			searchRequest(d, params, cred, filter, paginationToken),
			{ expect: expectStatus },
		);
		return { r, page: r.json?.data, calls: await recordedRequests(sb) };
	}

	/** Searches one locator's list and checks the page and the requests against the sandbox's data. */
	async function searchAndCheck(
		d: Dropdown,
		cred: CredRef,
		opts: { chosen?: Record<string, NodeParameterValueType>; typed?: string; page?: number } = {},
	): Promise<LocatorPage> {
		const params = formParameters(d, cred, opts.chosen ?? CHOSEN);
		const expected = locatorExpectation(d.product, d.method, params, truth, opts.typed, opts.page);
		const token = opts.page && opts.page > 1 ? String(opts.page) : undefined;
		const { page, calls } = await search(d, params, cred, opts.typed, token);
		searched.add(`${d.product}.${d.method}`);
		const { calls: expectedCalls, ...expectedPage } = expected;
		expect(page).toEqual(expectedPage);
		expect(calls.map(callOf)).toEqual(expectedCalls);
		for (const c of calls) expect(c.headers.authorization).toBe(`Zoho-oauthtoken ${tokenOf(cred)}`);
		return page!;
	}

	/** The first enumerated locator with a listSearch method (optionally in a given resource/operation). */
	function locator(product: Product, method: string, shown: Record<string, string> = {}): Dropdown {
		const d = LOCATORS.find(
			(x) =>
				x.product === product &&
				x.method === method &&
				Object.entries(shown).every(([k, v]) => x.shownWith[k] === v),
		);
		if (!d) throw new Error(`no ${product} locator with ${method} ${JSON.stringify(shown)}`);
		return d;
	}

	/** The first enumerated dropdown of a loader (optionally in a given resource/operation). */
	function dropdown(
		product: Product,
		method: string,
		shown: Record<string, string> = {},
	): Dropdown {
		const d = DROPDOWNS.find(
			(x) =>
				x.product === product &&
				x.method === method &&
				Object.entries(shown).every(([k, v]) => x.shownWith[k] === v),
		);
		if (!d) throw new Error(`no ${product} dropdown with ${method} ${JSON.stringify(shown)}`);
		return d;
	}

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

	it('the built descriptions have dropdowns in all three nodes, every one backed by a loader of its node', () => {
		// (and in the triggers that have dropdowns of their own)
		expect([...new Set(DROPDOWNS.map((d) => d.product.replace(/Trigger$/, '')))].sort()).toEqual([
			'zohoBookings',
			'zohoInvoice',
			'zohoPeople',
		]);
		for (const d of DROPDOWNS)
			expect(typeof d.node.type.methods?.loadOptions?.[d.method]).toBe('function');
		// Dropdowns inside a collection are enumerated too.
		expect(DROPDOWNS.map((d) => d.path)).toEqual(
			expect.arrayContaining([
				'parameters.additionalFields.currencyId',
				'parameters.updateFields.currencyId',
			]),
		);
		// So are resource locators, inside fixed collections (line items) and collections too.
		for (const d of LOCATORS)
			expect(typeof (d.node.type.methods as any)?.listSearch?.[d.method]).toBe('function');
		expect(LOCATORS.map((d) => d.path)).toEqual(
			expect.arrayContaining([
				'parameters.organizationId',
				'parameters.lineItems.item[0].itemId',
				'parameters.lineItems.item[0].taxId',
				'parameters.updateFields.customerId',
				'parameters.filters.customerId',
				'parameters.invoices.invoice[0].invoiceId',
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
		expect(truth.forms.map((f) => f.formLinkName)).toEqual(FORM_DEFS.map((f) => f.formLinkName));
	});

	it(
		'Self Client: the first dropdown exchanges the grant code once, n8n keeps the token and the next dropdown reuses it',
		async () => {
			const d = dropdown('zohoInvoice', 'getCurrencies');
			const params = formParameters(d, selfClient, CHOSEN);
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

	const cases = DROPDOWNS.flatMap((d) =>
		(['oAuth2', 'selfClient'] as const).map((auth) => ({
			d,
			auth,
			title: `${d.node.description.displayName} ${Object.values(d.shownWith).join('/')} ${d.path} (${d.method})`,
		})),
	);

	// (jest refuses an empty table: none when the e2e tests are skipped)
	if (cases.length) {
		it.each(cases)("$title with $auth: the sandbox's options, one request", async ({ d, auth }) => {
			if (auth === 'selfClient' && !selfToken) throw new Error('the Self Client has no token yet');
			await loadAndCheck(d, auth === 'oAuth2' ? oauth : selfClient);
		});
	}

	// One search of every locator's list for each parameter path that shows it (the same method at the
	// same path in other forms sends the same request), with each credential.
	const locatorCases = LOCATORS.filter(
		(d, i) => LOCATORS.findIndex((x) => x.method === d.method && x.path === d.path) === i,
	).flatMap((d) =>
		(['oAuth2', 'selfClient'] as const).map((auth) => ({
			d,
			auth,
			title: `${d.node.description.displayName} ${Object.values(d.shownWith).join('/')} ${d.path} (${d.method})`,
		})),
	);
	if (locatorCases.length) {
		it.each(locatorCases)(
			"$title with $auth: the list's first page from the sandbox, one request",
			async ({ d, auth }) => {
				if (auth === 'selfClient' && !selfToken)
					throw new Error('the Self Client has no token yet');
				await searchAndCheck(d, auth === 'oAuth2' ? oauth : selfClient);
			},
		);
	}

	it('Invoice: the Currency dropdown and the locator lists follow the chosen organization', async () => {
		const create = { resource: 'invoice', operation: 'create' };
		const items = async (org: string) =>
			await searchAndCheck(locator('zohoInvoice', 'searchActiveItems', create), oauth, {
				chosen: { ...CHOSEN, organizationId: rl(org) },
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
			rl(`https://invoice.zohocloud.ca/app/${ORG1}#/home/dashboard`, 'url'),
			ORG1,
		])
			await searchAndCheck(locator('zohoInvoice', 'searchTaxes', create), oauth, {
				chosen: { ...CHOSEN, organizationId },
			});
		await loadAndCheck(dropdown('zohoInvoice', 'getCurrencies', create), oauth, {
			...CHOSEN,
			organizationId: rl(ORG1),
		});
	});

	it("Invoice: what was typed goes to Zoho's own search parameter", async () => {
		const create = { resource: 'invoice', operation: 'create' };
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
			chosen: { ...CHOSEN, organizationId: rl(ORG1) },
		});
		expect(gst.results.map((r) => r.name)).toEqual(['GST18']);
		const number = String(truth.invoice[ORG1].invoices[4].invoice_number);
		const found = await searchAndCheck(
			locator('zohoInvoice', 'searchInvoices', { resource: 'invoice', operation: 'get' }),
			oauth,
			{ typed: number, chosen: { ...CHOSEN, organizationId: rl(ORG1) } },
		);
		expect(found.results.map((r) => r.value)).toEqual([truth.invoice[ORG1].invoices[4].invoice_id]);
		const estimates = await searchAndCheck(
			locator('zohoInvoice', 'searchEstimates', { resource: 'estimate', operation: 'get' }),
			oauth,
			{ chosen: { ...CHOSEN, organizationId: rl(ORG1) } },
		);
		expect(estimates.results).toHaveLength(3);
	});

	it('Invoice: 450 contacts page with the token: 200, 200 and the rest, one request each', async () => {
		expect(truth.contactsHaveMorePages[ORG1]).toBe(true);
		const d = locator('zohoInvoice', 'searchContacts', { resource: 'contact', operation: 'get' });
		const chosen = { ...CHOSEN, organizationId: rl(ORG1) };
		const pages = [];
		for (let page = 1; page <= 3; page++)
			pages.push(await searchAndCheck(d, oauth, { chosen, page }));
		expect(pages.map((p) => [p.results.length, p.paginationToken])).toEqual([
			[200, '2'],
			[200, '3'],
			[truth.invoice[ORG1].contacts.length - 400, undefined],
		]);
		const ids = pages.flatMap((p) => p.results.map((r) => r.value));
		expect(new Set(ids).size).toBe(truth.invoice[ORG1].contacts.length);
		for (const id of ids) expect(id).toMatch(/^\d{18}$/);
	});

	it('Invoice: the organizations, exactly (two: no empty choice, which would fail)', async () => {
		const page = await searchAndCheck(locator('zohoInvoice', 'searchOrganizations'), oauth);
		expect(page.results).toEqual([
			{ name: 'Sandbox Traders (default)', value: ORG1, description: 'Time zone Asia/Kolkata' },
			{ name: 'E2E Branch Traders', value: '60023456789', description: 'Time zone Europe/Berlin' },
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
		expect(issuesOf({ resource: 'contact', operation: 'getAll', organizationId: rl('') })).toEqual(
			{},
		);
		expect(
			issuesOf({ resource: 'contact', operation: 'getAll', organizationId: rl('abc', 'id') }),
		).toEqual({ organizationId: ['Not a valid organization ID (digits only)'] });
	});

	it('People: the forms, exactly', async () => {
		const options = await loadAndCheck(dropdown('zohoPeople', 'getForms'), oauth);
		expect(options).toEqual([
			{ name: 'Department', value: 'department' },
			{ name: 'Employee', value: 'employee' },
			{ name: 'Leave', value: 'leave' },
		]);
	});

	it('Bookings: services follow the chosen workspace, staff the chosen service', async () => {
		const book = { resource: 'appointment', operation: 'book' };
		const workspaces = await loadAndCheck(dropdown('zohoBookings', 'getWorkspaces', book), oauth);
		expect(workspaces).toEqual([
			{ name: 'Branch Office', value: WS2 },
			{ name: 'Sandbox Clinic', value: WS1 },
		]);
		const services = async (ws: string) =>
			await loadAndCheck(dropdown('zohoBookings', 'getServices', book), oauth, {
				...CHOSEN,
				workspaceId: ws,
			});
		expect(await services(WS1)).toEqual([
			{ name: 'Consultation', value: BOOKINGS_IDS.services.consultation },
			{ name: 'Strategy Session', value: BOOKINGS_IDS.services.strategy },
		]);
		expect(await services(WS2)).toEqual([{ name: 'Home Visit', value: '4387000000020003' }]);
		const staff = async (serviceId: string, workspaceId: string = WS1) =>
			await loadAndCheck(dropdown('zohoBookings', 'getStaff', book), oauth, {
				...CHOSEN,
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

	it('Invoice: with two organizations and none chosen, the list names them instead of guessing', async () => {
		const d = locator('zohoInvoice', 'searchActiveItems', {
			resource: 'invoice',
			operation: 'create',
		});
		const params = formParameters(d, oauth, { ...CHOSEN, organizationId: rl('') });
		const { r, calls } = await search(d, params, oauth, undefined, undefined, [400, 500]);
		expect(r.status).toBe(500);
		expect(r.json?.message).toBe(
			`This Zoho account has 2 organizations; choose one in Organization ID: Sandbox Traders (${ORG1}), E2E Branch Traders (60023456789)`,
		);
		expect(calls.map(callOf)).toEqual([
			{ server: 'api', method: 'GET', path: '/invoice/v3/organizations', query: {} },
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
			optionsRequest(d, formParameters(d, cred, CHOSEN), cred),
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

	it('every loader of every node was exercised', () => {
		const all = NODES_BUILT.flatMap((n) =>
			Object.keys(n.type.methods?.loadOptions ?? {}).map((m) => `${n.product}.${m}`),
		);
		expect(all.length).toBeGreaterThan(0);
		expect([...exercised].sort()).toEqual([...new Set(all)].sort());
	});

	it('every listSearch method of every node was exercised', () => {
		const all = NODES_BUILT.flatMap((n) =>
			Object.keys((n.type.methods as any)?.listSearch ?? {}).map((m) => `${n.product}.${m}`),
		);
		expect(all.length).toBeGreaterThan(0);
		expect([...searched].sort()).toEqual([...new Set(all)].sort());
	});
});
/* eslint-enable @typescript-eslint/no-explicit-any */
