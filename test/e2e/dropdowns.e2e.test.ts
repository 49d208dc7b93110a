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
 * Skip with ZOHO_E2E=0. Limit lines with ZOHO_E2E_LINES=2.8 (comma separated).
 */
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodeType,
	INodeTypeDescription,
	NodeParameterValue,
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
	enumerateLocators,
	listValue,
	locatorExpectation,
	locatorParameters,
	type ListItem,
	type Locator,
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

function enumerateDropdowns(nodes: BuiltNode[]): Dropdown[] {
	const out: Dropdown[] = [];
	for (const node of nodes) {
		const visit = (props: INodeProperties[], prefix: string, top?: INodeProperties): void => {
			for (const p of props) {
				const holder = top ?? p;
				const method = p.typeOptions?.loadOptionsMethod;
				if (typeof method === 'string') {
					for (const shownWith of showCombinations(holder)) {
						out.push({
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

/** Other kinds of dynamic parameters than loadOptionsMethod, which this file does not cover. */
function otherDynamicParameters(nodes: BuiltNode[]): string[] {
	const found: string[] = [];
	const visit = (props: INodeProperties[], where: string): void => {
		for (const p of props) {
			const t = (p.typeOptions ?? {}) as IDataObject;
			for (const key of ['loadOptions', 'resourceMapper'])
				if (t[key]) found.push(`${where}.${p.name}: typeOptions.${key}`);
			// Resource locators: the list-search tests below (test/e2e/locators.ts).
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
const DROPDOWNS: Dropdown[] = enumerateDropdowns(NODES_BUILT);
const LOCATORS: Locator[] = enumerateLocators(NODES_BUILT);
/**
 * The workflow time zone a list search counts days in: n8n's default (GENERIC_TIMEZONE is not set
 * for the e2e server), as the editor's search runs on a workflow without settings.
 */
const N8N_DEFAULT_ZONE = 'America/New_York';

/** Puts '' at a nested editor path (the field exists once the user added it), e.g. lineItems.item[0].itemId. */
function setAtPath(target: INodeParameters, editorPath: string, value: NodeParameterValue): void {
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
const CHOSEN: Record<string, string> = {
	organizationId: ORG2.organization_id,
	workspaceId: WS1,
	serviceId: BOOKINGS_IDS.services.strategy,
};

const ORG_HEADER = 'x-com-zoho-invoice-organizationid';

/** What the sandbox holds, read over its own API before any dropdown is loaded. */
interface Truth extends LocatorTruth {
	organizations: IDataObject[];
	invoice: Record<string, Record<'contacts' | 'items' | 'taxes' | 'currencies', IDataObject[]>>;
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

/** The one page (200) of active records an Invoice dropdown shows, in the sandbox's order. */
function firstActivePage(records: IDataObject[]): IDataObject[] {
	return records.filter((r) => r.status === 'active').slice(0, 200);
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
	const org = String(p.organizationId ?? '');
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
	// A trigger's dropdowns use its action node's loaders (nodes/<Product>/methods/loadOptions.ts).
	const key = `${product.replace(/Trigger$/, '')}.${method}`;
	switch (key) {
		case 'zohoInvoice.getOrganizations':
			// Zoho's order (no sort), the default one marked.
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
		case 'zohoInvoice.getCustomers': {
			const org = orgOf(p);
			return {
				options: firstActivePage(t.invoice[org].contacts)
					.map((c) =>
						option(String(c.contact_name), str(c.contact_id), (c.email as string) || undefined),
					)
					.sort(byName),
				calls: invoiceList(org, 'contacts', { filter_by: 'Status.Active' }),
			};
		}
		case 'zohoInvoice.getItems': {
			const org = orgOf(p);
			return {
				options: firstActivePage(t.invoice[org].items)
					.map((i) => option(String(i.name), str(i.item_id), `Rate ${String(i.rate)}`))
					.sort(byName),
				calls: invoiceList(org, 'items', { filter_by: 'Status.Active' }),
			};
		}
		case 'zohoInvoice.getTaxes': {
			const org = orgOf(p);
			return {
				options: t.invoice[org].taxes
					.map((x) => option(String(x.tax_name), str(x.tax_id), `${String(x.tax_percentage)} %`))
					.sort(byName),
				calls: invoiceList(org, 'settings/taxes'),
			};
		}
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

	/** The node parameters the editor holds for a form showing `d`, with the dependencies chosen. */
	function formParameters(
		d: Dropdown,
		cred: CredRef,
		chosen: Record<string, string>,
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
		for (const dep of d.dependsOn) {
			if (dep in params && !(dep in chosen))
				throw new Error(`${d.path} depends on ${dep}: choose a value for it in CHOSEN`);
		}
		if (!NodeHelpers.displayParameter(params, d.top, node, d.node.description))
			throw new Error(`${d.path} is not shown with ${JSON.stringify(d.shownWith)}`);
		if (d.path.split('.').length > 2) setAtPath(params, d.path, '');
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
		chosen: Record<string, string> = CHOSEN,
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
		// Every node with loaders has dropdowns (People and Bookings pick records with resource
		// locators; the Bookings Trigger keeps dropdowns).
		expect(new Set(DROPDOWNS.map((d) => d.product))).toEqual(
			new Set(
				NODES_BUILT.filter((n) => Object.keys(n.type.methods?.loadOptions ?? {}).length).map(
					(n) => n.product,
				),
			),
		);
		for (const d of DROPDOWNS)
			expect(typeof d.node.type.methods?.loadOptions?.[d.method]).toBe('function');
		// Dropdowns inside a fixed collection (line items) and a collection are enumerated too.
		expect(DROPDOWNS.map((d) => d.path)).toEqual(
			expect.arrayContaining([
				'parameters.lineItems.item[0].itemId',
				'parameters.lineItems.item[0].taxId',
				'parameters.additionalFields.currencyId',
				'parameters.updateFields.customerId',
			]),
		);
		// Other dynamic parameters (resource locators, mappers) would need tests of their own.
		expect(otherDynamicParameters(NODES_BUILT)).toEqual([]);
		// The sandbox data the expectations rest on: 18-digit IDs, the second org's own records.
		expect(truth.organizations.map((o) => o.organization_id)).toEqual([ORG1, ORG2.organization_id]);
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
			const d = dropdown('zohoInvoice', 'getOrganizations');
			const params = formParameters(d, selfClient, CHOSEN);
			const first = await load(d, params, selfClient);
			expect(first.calls.map((c) => `${c.server} ${c.method} ${c.path}`)).toEqual([
				'accounts POST /us/oauth/v2/token',
				'api GET /invoice/v3/organizations',
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

	it('Invoice: Items, Customers, Taxes and Currencies follow the chosen organization', async () => {
		const byOrg = async (method: string, org: string) =>
			await loadAndCheck(
				dropdown('zohoInvoice', method, { resource: 'invoice', operation: 'create' }),
				oauth,
				{
					...CHOSEN,
					organizationId: org,
				},
			);
		const org2Items = await byOrg('getItems', ORG2.organization_id);
		// The inactive item is not offered; the rate is the item's, as Zoho sent it.
		expect(org2Items.map((o) => [o.name, o.description])).toEqual([
			['Assembly Hour', 'Rate 80'],
			['Branch Widget', 'Rate 12.5'],
		]);
		const org1Items = await byOrg('getItems', ORG1);
		expect(org1Items.length).toBeGreaterThan(0);
		const org2Ids = new Set(org2Items.map((o) => o.value));
		for (const o of org1Items) expect(org2Ids.has(o.value)).toBe(false);

		// The inactive contact is not offered; a contact without an email has no description.
		expect(
			(await byOrg('getCustomers', ORG2.organization_id)).map((o) => [o.name, o.description]),
		).toEqual([
			['Alpha Clients', undefined],
			['Zeta Buyers', 'buy@zeta.example'],
		]);
		await byOrg('getTaxes', ORG1);
		await byOrg('getCurrencies', ORG1);
	});

	it('Invoice: a customer list of more than 200 shows the first page of 200, in one request', async () => {
		// Assumption of the product (nodes/ZohoInvoice/methods/loadOptions.ts): a dropdown lists one
		// page (Zoho's maximum, 200); further customers are typed by ID or expression.
		expect(truth.contactsHaveMorePages[ORG1]).toBe(true);
		const options = await loadAndCheck(
			dropdown('zohoInvoice', 'getCustomers', { resource: 'invoice', operation: 'create' }),
			oauth,
			{ ...CHOSEN, organizationId: ORG1 },
		);
		expect(options).toHaveLength(200);
		for (const o of options) expect(o.value).toMatch(/^\d{18}$/);
	});

	it('Invoice: the organizations, exactly', async () => {
		const options = await loadAndCheck(dropdown('zohoInvoice', 'getOrganizations'), oauth);
		expect(options).toEqual([
			{ name: 'Sandbox Traders (default)', value: ORG1, description: 'Time zone Asia/Kolkata' },
			{ name: 'E2E Branch Traders', value: '60023456789', description: 'Time zone Europe/Berlin' },
		]);
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
				...CHOSEN,
				workspaceId: ws,
			});
		expect(await services(WS1)).toEqual([
			{ name: 'Consultation', value: BOOKINGS_IDS.services.consultation },
			{ name: 'Strategy Session', value: BOOKINGS_IDS.services.strategy },
		]);
		expect(await services(WS2)).toEqual([{ name: 'Home Visit', value: '4387000000020003' }]);
		const staff = async (serviceId: string, workspaceId: string = WS1) =>
			await loadAndCheck(dropdown('zohoBookingsTrigger', 'getStaff', book), oauth, {
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

	it('Invoice: with two organizations and none chosen, the dropdown names them instead of guessing', async () => {
		const d = dropdown('zohoInvoice', 'getItems', { resource: 'invoice', operation: 'create' });
		const params = formParameters(d, oauth, { ...CHOSEN, organizationId: '' });
		await control(sb, 'clear-requests');
		const r = await rest.nodeParameterOptions(optionsRequest(d, params, oauth), [400, 500]);
		expect(r.status).toBe(500);
		expect(r.json?.message).toBe(
			`This Zoho account has 2 organizations; choose one in Organization ID: Sandbox Traders (${ORG1}), E2E Branch Traders (60023456789)`,
		);
		expect((await recordedRequests(sb)).map(callOf)).toEqual([
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
		const d = dropdown('zohoInvoice', 'getOrganizations');
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
			'api GET /invoice/v3/organizations',
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

	// -----------------------------------------------------------------------------------------
	// Resource locators: "From list" through POST /rest/dynamic-node-parameters/resource-locator-results

	/** List searches exercised, as `<product>.<method>`. */
	const searched = new Set<string>();

	async function searchList(
		l: Locator,
		params: INodeParameters,
		cred: CredRef,
		extra: { filter?: string; paginationToken?: string } = {},
	): Promise<{ results: ListItem[]; paginationToken?: string; calls: Recorded[] }> {
		await control(sb, 'clear-requests');
		const r = await rest.request<{ data: { results: ListItem[]; paginationToken?: string } }>(
			'POST',
			'/rest/dynamic-node-parameters/resource-locator-results',
			{
				nodeTypeAndVersion: { name: l.node.nodeType, version: l.node.version },
				path: l.path,
				methodName: l.method,
				currentNodeParameters: params,
				credentials: credentialsOf(cred),
				...extra,
			},
		);
		searched.add(`${l.node.product}.${l.method}`);
		return { ...r.json!.data, calls: await recordedRequests(sb) };
	}

	const locatorCall = (r: Recorded) => ({
		server: r.server,
		method: r.method,
		path: r.path,
		query: r.query,
		...(r.form?.data ? { data: JSON.parse(r.form.data) } : {}),
	});

	/** What the editor holds: the seed workspace, the Strategy Session, the first appointment. */
	const chosenLocators = () => ({
		workspaceId: WS1,
		serviceId: BOOKINGS_IDS.services.strategy,
		bookingId: String(truth.appointments[0].booking_id),
	});

	const locatorCases = LOCATORS.filter((l) =>
		/^zoho(People|Bookings)$/.test(l.node.product),
	).flatMap((l) =>
		(['oAuth2', 'selfClient'] as const).map((auth) => ({
			l,
			auth,
			title: `${l.node.description.displayName} ${Object.values(l.shownWith).join('/')} ${l.path} (${l.method})`,
		})),
	);
	if (locatorCases.length) {
		it.each(locatorCases)(
			"$title with $auth: the sandbox's records, Zoho's own request",
			async ({ l, auth }) => {
				const cred = auth === 'oAuth2' ? oauth : selfClient;
				const params = locatorParameters(l, auth, chosenLocators());
				const expected = locatorExpectation(l.method, params, truth, N8N_DEFAULT_ZONE);
				if (!expected) throw new Error(`no expectation for the list search ${l.method}`);
				const { results, paginationToken, calls } = await searchList(l, params, cred);
				expect(results).toEqual(expected.results);
				expect(paginationToken).toEqual(expected.paginationToken);
				expect(calls.map(locatorCall)).toEqual(expected.calls);
				for (const c of calls)
					expect(c.headers.authorization).toBe(`Zoho-oauthtoken ${tokenOf(cred)}`);
			},
		);
	}

	const locator = (product: string, name: string, shown: Record<string, string>): Locator => {
		const l = LOCATORS.find(
			(x) =>
				x.node.product === product &&
				x.name === name &&
				Object.entries(shown).every(([k, v]) => x.shownWith[k] === v),
		);
		if (!l) throw new Error(`no ${product} locator ${name} ${JSON.stringify(shown)}`);
		return l;
	};

	it("People: typed text is Zoho's search (searchParams; a whole email SearchColumn) and the token pages on", async () => {
		const l = locator('zohoPeople', 'user', { resource: 'timeLog', operation: 'add' });
		const params = locatorParameters(l, 'oAuth2', {});
		const byText = await searchList(l, params, oauth, { filter: 'first2' });
		// First2, First20–First25 of the 25 seeded employees (OR over the four fields: assumption).
		expect(byText.results.map((r) => r.value)).toEqual(
			truth.employees
				.filter((e) => String(e.FirstName).toLowerCase().includes('first2'))
				.map((e) => String(e.EmployeeID)),
		);
		expect(byText.results).toHaveLength(7);
		const condition = (searchField: string) =>
			JSON.stringify({
				searchField,
				searchOperator: 'Contains',
				searchText: 'first2',
				searchCriteria: 'OR',
			});
		expect(byText.calls.map(locatorCall)).toEqual([
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
		const byEmail = await searchList(l, params, oauth, { filter: email });
		expect(byEmail.results.map((r) => r.value)).toEqual([String(truth.employees[3].EmployeeID)]);
		expect(byEmail.calls.map((c) => c.query)).toEqual([
			{ sIndex: '1', limit: '200', SearchColumn: 'EMPLOYEEMAILALIAS', SearchValue: email },
		]);

		// 200 more employees: the first page is full, the token is the next sIndex.
		await control(sb, 'people-seed', { form: 'employee', n: 200 });
		const first = await searchList(l, params, oauth);
		expect(first.results).toHaveLength(200);
		expect(first.paginationToken).toBe('201');
		const next = await searchList(l, params, oauth, { paginationToken: first.paginationToken });
		expect(next.results).toHaveLength(25);
		expect(next.paginationToken).toBeUndefined();
		expect(next.calls.map((c) => c.query)).toEqual([{ sIndex: '201', limit: '200' }]);
		expect(new Set([...first.results, ...next.results].map((r) => r.value)).size).toBe(225);
	});

	it("Bookings: typed appointment text is fetchappointment's customer_name, an @ customer_email", async () => {
		const l = locator('zohoBookings', 'bookingId', {
			resource: 'appointment',
			operation: 'cancel',
		});
		const params = locatorParameters(l, 'oAuth2', {});
		const target = truth.appointments[2];
		const name = String(target.customer_name);
		const byName = await searchList(l, params, oauth, { filter: name });
		expect(byName.results.map((r) => r.value)).toEqual(
			truth.appointments
				.filter((a) => String(a.customer_name).toLowerCase().includes(name.toLowerCase()))
				.map((a) => String(a.booking_id)),
		);
		expect(byName.results.map((r) => r.value)).toContain(String(target.booking_id));
		expect(byName.calls.map(locatorCall)[0].data).toMatchObject({ customer_name: name, page: 1 });
		const email = String(target.customer_email);
		const byEmail = await searchList(l, params, oauth, { filter: email });
		expect(byEmail.results.map((r) => r.value)).toEqual([String(target.booking_id)]);
		expect(byEmail.calls.map(locatorCall)[0].data).toMatchObject({ customer_email: email });
		// The chosen booking's service decides Reschedule's staff list (two calls).
		const staff = locator('zohoBookings', 'staffId', {
			resource: 'appointment',
			operation: 'reschedule',
		});
		const withBooking = await searchList(
			staff,
			{
				...locatorParameters(staff, 'oAuth2', {}),
				bookingId: listValue(String(target.booking_id)),
			},
			oauth,
		);
		expect(withBooking.calls.map((c) => c.path)).toEqual([
			'/bookings/v1/json/getappointment',
			'/bookings/v1/json/staffs',
		]);
		expect(withBooking.calls[1].query).toEqual({ service_id: String(target.service_id) });
	});

	it('every list search of People and Bookings was exercised', () => {
		const all = NODES_BUILT.filter((n) => /^zoho(People|Bookings)$/.test(n.product)).flatMap((n) =>
			Object.keys(n.type.methods?.listSearch ?? {}).map((m) => `${n.product}.${m}`),
		);
		expect(all.length).toBeGreaterThan(0);
		expect([...searched].sort()).toEqual([...new Set(all)].sort());
	});

	it('every loader of every node was exercised', () => {
		const all = NODES_BUILT.flatMap((n) =>
			Object.keys(n.type.methods?.loadOptions ?? {}).map((m) => `${n.product}.${m}`),
		);
		expect(all.length).toBeGreaterThan(0);
		expect([...exercised].sort()).toEqual([...new Set(all)].sort());
	});
});
/* eslint-enable @typescript-eslint/no-explicit-any */
