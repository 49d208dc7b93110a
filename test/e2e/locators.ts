/**
 * The dropdowns and resource locators of the built nodes, for test/e2e/dropdowns.e2e.test.ts:
 * one enumeration of both (every loadOptionsMethod dropdown and every resource locator's "From
 * list" search, also inside collections and fixed collections, once for every form that shows
 * it), the parameters the editor holds for such a form, and what each list search must answer
 * and send, computed from the sandbox's data. The editor asks for a list through POST
 * /rest/dynamic-node-parameters/resource-locator-results (@n8n/api-types ResourceLocatorRequestDto
 * on 2.8.4 and 2.41.1: the options body plus filter? and paginationToken?; 2.41 also takes a
 * numeric token), answered `{ data: { results, paginationToken? } }`.
 */
import type {
	IDataObject,
	INode,
	INodeParameterResourceLocator,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodeType,
	INodeTypeDescription,
	NodeParameterValue,
	NodeParameterValueType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { ONLY_ORGANIZATION } from '../../nodes/ZohoInvoice/actions/resourceBuilder/locators';
import type { Recorded } from './workflows';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A node of the package as n8n loads it; `product` is its description name (zohoInvoice, …). */
export interface BuiltNode {
	product: string;
	type: INodeType;
	description: INodeTypeDescription;
	/** `<package>.<name>`, as n8n knows the node. */
	nodeType: string;
	/** The newest version, the one the editor places. */
	version: number;
}

/** A loadOptions dropdown, or a resource locator's "From list" mode (listSearch). */
export interface Dropdown {
	kind: 'options' | 'locator';
	node: BuiltNode;
	/** The parameter's path as the editor sends it, e.g. `parameters.lineItems.item[0].itemId`. */
	path: string;
	method: string;
	dependsOn: string[];
	/** The display conditions chosen for this occurrence (resource, operation, …). */
	shownWith: Record<string, NodeParameterValue>;
	/** The top-level property that holds the field (itself, or its collection). */
	top: INodeProperties;
}

export interface ListItem {
	name: string;
	value: string;
	description?: string;
}

/** What the sandbox holds, read over its own API before any list is loaded. */
export interface LocatorTruth {
	organizations: IDataObject[];
	/** Every record of each Invoice organization, by its ID. */
	invoice: Record<
		string,
		Record<'contacts' | 'items' | 'taxes' | 'currencies' | 'invoices' | 'estimates', IDataObject[]>
	>;
	forms: IDataObject[];
	/** The employee form's records, `recordId` from getRecords' keys (exact 18 digits). */
	employees: IDataObject[];
	workspaces: IDataObject[];
	services: IDataObject[];
	staff: IDataObject[];
	resources: IDataObject[];
	appointments: IDataObject[];
}

/** A request the sandbox recorded, in the shape the expectations use. */
export interface Call {
	server: Recorded['server'];
	method: string;
	path: string;
	query: Record<string, unknown>;
	/** The Invoice organization header, when sent. */
	org?: string;
	/** fetchappointment's `data` field, parsed. */
	data?: IDataObject;
}

/** A page of a locator's list, as n8n answers it (an undefined description is absent). */
export interface ListPage {
	results: ListItem[];
	paginationToken?: string;
}

export interface LocatorExpectation extends ListPage {
	calls: Call[];
}

// ---------------------------------------------------------------------------------------------
// The enumeration

/** Every combination of the values a `show` condition lists (conditions other than plain values fail). */
function showCombinations(top: INodeProperties): Array<Record<string, NodeParameterValue>> {
	let combos: Array<Record<string, NodeParameterValue>> = [{}];
	for (const [key, values] of Object.entries(top.displayOptions?.show ?? {})) {
		if (key.startsWith('@')) continue; // @version: the newest version is the one enumerated
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

/**
 * Every dropdown (`options`: a loadOptionsMethod) or every resource locator's list search
 * (`locator`) of the nodes, top-level and inside collections and fixed collections, once for
 * every form that shows it.
 */
export function enumerateDropdowns(nodes: BuiltNode[], kind: Dropdown['kind']): Dropdown[] {
	const out: Dropdown[] = [];
	for (const node of nodes) {
		const visit = (props: INodeProperties[], prefix: string, top?: INodeProperties): void => {
			for (const p of props) {
				const holder = top ?? p;
				const method =
					kind === 'options'
						? p.typeOptions?.loadOptionsMethod
						: p.type === 'resourceLocator'
							? p.modes?.find((m) => m.typeOptions?.searchListMethod)?.typeOptions?.searchListMethod
							: undefined;
				if (typeof method === 'string') {
					for (const shownWith of showCombinations(holder)) {
						out.push({
							kind,
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

// ---------------------------------------------------------------------------------------------
// The parameters of a form

/** A resource locator's value as the editor saves it (`list` mode: a pick from the list). */
export const listValue = (value: string, mode = 'list'): INodeParameterResourceLocator => ({
	__rl: true,
	mode,
	value,
});

/** Puts a value at a nested editor path (the field exists once the user added it), e.g. lineItems.item[0].itemId. */
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

/**
 * The node parameters the editor holds for a form showing `d` (n8n-workflow's getNodeParameters
 * with the form's resource/operation): `chosen` holds the IDs the user picked in the other fields
 * this form shows (a locator's is its `list` value, a dropdown's the plain ID); `saved` holds
 * values as a workflow saved them (a URL-mode locator, a plain string from before the locators).
 * A nested field is present, empty (the user added it). Fails when a field the dropdown depends
 * on is on the form and was not chosen.
 */
export function formParameters(
	d: Dropdown,
	authentication: string,
	chosen: Record<string, string>,
	saved: INodeParameters = {},
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
	let params = resolve({ authentication, ...d.shownWith });
	const picked = Object.fromEntries(
		Object.entries(chosen)
			.filter(([k]) => k in params && `parameters.${k}` !== d.path)
			.map(([k, v]) => [k, params[k] !== null && typeof params[k] === 'object' ? listValue(v) : v]),
	);
	params = resolve({ ...params, ...picked, ...saved });
	for (const dependency of d.dependsOn) {
		// A dependency may name a value inside a parameter (organizationId.value: a locator's ID).
		const dep = dependency.split('.')[0];
		if (dep in params && !(dep in chosen) && !(dep in saved))
			throw new Error(`${d.path} depends on ${dep}: choose a value for it`);
	}
	if (!NodeHelpers.displayParameter(params, d.top, node, d.node.description))
		throw new Error(`${d.path} is not shown with ${JSON.stringify(d.shownWith)}`);
	if (d.path.split('.').length > 2)
		setAtPath(params, d.path, d.kind === 'locator' ? listValue('') : '');
	return params;
}

/** A field's chosen ID in the parameters ('' when empty or not on the form). */
export function chosenId(p: INodeParameters, name: string): string {
	const v = p[name] as any;
	if (v === null || typeof v !== 'object') return String(v ?? '');
	// By URL: the organization's ID follows /app/ in the web app's address (the only URL chosen here).
	if (v.mode === 'url') return /\/app\/(\d+)/.exec(String(v.value))?.[1] ?? '';
	return String(v.value ?? '');
}

/** The Invoice organization chosen in the form (an expectation needs one). */
export function orgOf(p: INodeParameters): string {
	const org = chosenId(p, 'organizationId');
	if (!org) throw new Error('expectation: no organization chosen');
	return org;
}

// ---------------------------------------------------------------------------------------------
// What each list search answers and sends

export function str(v: unknown): string {
	if (typeof v !== 'string')
		throw new Error(`expected an ID as a string, got ${JSON.stringify(v)}`);
	return v;
}

const byName = (a: ListItem, b: ListItem) => a.name.localeCompare(b.name);
const item = (name: string, value: string, description?: string): ListItem =>
	description ? { name, value, description } : { name, value };
const bookings = (path: string, query: Record<string, unknown> = {}): Call => ({
	server: 'api',
	method: 'GET',
	path: `/bookings/v1/json/${path}`,
	query,
});
const contains = (value: unknown, typed: string) =>
	String(value ?? '')
		.toLowerCase()
		.includes(typed.toLowerCase());

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
	toItem: (r: IDataObject) => ListItem,
): ListPage {
	const more = page * 200 < records.length;
	return {
		results: records.slice((page - 1) * 200, page * 200).map(toItem),
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

/** "INV-000001 (Acme Ltd)" and "2024-01-02 · INR 123 · draft", as methods/listSearch.ts writes them. */
function documentItem(d: IDataObject, numberKey: string, idKey: string): ListItem {
	const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
	const name = d.customer_name
		? `${String(d[numberKey])} (${String(d.customer_name)})`
		: String(d[numberKey]);
	const total =
		d.total !== undefined ? `${text(d.currency_code) ?? ''} ${String(d.total)}`.trim() : undefined;
	const parts = [text(d.date), total, text(d.status)].filter((x) => x !== undefined);
	return item(name, str(d[idKey]), parts.length ? parts.join(' · ') : undefined);
}

/** `dd-MMM-yyyy` of the day `ms` falls on in `zone`. */
export function zoneDay(ms: number, zone: string): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: zone,
			day: '2-digit',
			month: 'short',
			year: 'numeric',
		})
			.formatToParts(new Date(ms))
			.map((x) => [x.type, x.value]),
	);
	return `${parts.day}-${parts.month}-${parts.year}`;
}

/**
 * What a list search answers and the requests it sends (nodes/Zoho<Product>/methods/listSearch.ts)
 * for a form, what was typed and a page, from the sandbox's data. `zone` is the workflow time zone
 * the appointment window is counted in. People's and Bookings' typed searches and later pages are
 * checked by tests of their own (their expectations here are for the first untyped page). A
 * method without an expectation fails.
 */
export function locatorExpectation(
	d: Dropdown,
	p: INodeParameters,
	t: LocatorTruth,
	opts: { zone: string; typed?: string; page?: number },
): LocatorExpectation {
	const key = `${d.node.product}.${d.method}`;
	const typed = opts.typed ?? '';
	const page = opts.page ?? 1;
	if (!key.startsWith('zohoInvoice.') && (typed || page > 1))
		throw new Error(`${key}: typed text and later pages are checked by their own tests`);
	const employee = (e: IDataObject) =>
		`${String(e.FirstName)} ${String(e.LastName)} (${String(e.EmployeeID)})`;
	const firstEmployees = t.employees.slice(0, 200);
	const employeesCall: Call = {
		server: 'people',
		method: 'GET',
		path: '/people/api/forms/employee/getRecords',
		query: { sIndex: '1', limit: '200' },
	};
	const moreEmployees = t.employees.length > 200 ? { paginationToken: '201' } : {};
	const contactItem = (c: IDataObject) =>
		item(String(c.contact_name), str(c.contact_id), (c.email as string) || undefined);
	const itemItem = (i: IDataObject) =>
		item(String(i.name), str(i.item_id), `Rate ${String(i.rate)}`);
	switch (key) {
		case 'zohoInvoice.searchOrganizations': {
			// Zoho's order; the empty choice only when the account has one organization.
			const results = t.organizations
				.filter((o) => !typed || contains(o.name, typed))
				.map((o) =>
					item(
						`${String(o.name)}${o.is_default_org ? ' (default)' : ''}`,
						str(o.organization_id),
						o.time_zone ? `Time zone ${String(o.time_zone)}` : undefined,
					),
				);
			if (t.organizations.length === 1 && !typed)
				results.unshift(
					item(ONLY_ORGANIZATION, '', `Currently ${String(t.organizations[0].name)}`),
				);
			return {
				results,
				calls: [{ server: 'api', method: 'GET', path: '/invoice/v3/organizations', query: {} }],
			};
		}
		case 'zohoInvoice.searchContacts':
		case 'zohoInvoice.searchCustomers':
		case 'zohoInvoice.searchItems':
		case 'zohoInvoice.searchActiveItems': {
			// Sorted by name (sort_column), the active ones only for a new document's customer and items.
			const org = orgOf(p);
			const contacts = /Contacts|Customers/.test(d.method);
			const active = /Customers|ActiveItems/.test(d.method);
			const nameKey = contacts ? 'contact_name' : 'name';
			const records = sortedBy(t.invoice[org][contacts ? 'contacts' : 'items'], nameKey).filter(
				(r) => (!active || r.status === 'active') && (!typed || contains(r[nameKey], typed)),
			);
			return {
				...pageOfRecords(records, page, contacts ? contactItem : itemItem),
				calls: [
					invoicePageCall(org, contacts ? 'contacts' : 'items', page, {
						sort_column: nameKey,
						...(active ? { filter_by: 'Status.Active' } : {}),
						...(typed ? { [`${nameKey}_contains`]: typed } : {}),
					}),
				],
			};
		}
		case 'zohoInvoice.searchTaxes': {
			// No Zoho search parameter for taxes: the node filters the page itself.
			const org = orgOf(p);
			const taxes = pageOfRecords(t.invoice[org].taxes, page, (x) =>
				item(String(x.tax_name), str(x.tax_id), `${String(x.tax_percentage)} %`),
			);
			return {
				...taxes,
				results: taxes.results.filter((r) => !typed || contains(r.name, typed)),
				calls: [invoicePageCall(org, 'settings/taxes', page)],
			};
		}
		case 'zohoInvoice.searchInvoices':
		case 'zohoInvoice.searchEstimates': {
			const org = orgOf(p);
			const noun = d.method === 'searchInvoices' ? 'invoice' : 'estimate';
			// The sandbox's search_text looks in the number, the customer's name and the reference.
			const records = t.invoice[org][`${noun}s`].filter(
				(r) =>
					!typed ||
					[r[`${noun}_number`], r.customer_name, r.reference_number].some((v) =>
						contains(v, typed),
					),
			);
			return {
				...pageOfRecords(records, page, (r) => documentItem(r, `${noun}_number`, `${noun}_id`)),
				calls: [invoicePageCall(org, `${noun}s`, page, typed ? { search_text: typed } : {})],
			};
		}
		case 'zohoPeople.searchForms':
			return {
				results: t.forms
					.map((f) => item(String(f.displayName ?? f.formLinkName), String(f.formLinkName)))
					.sort(byName),
				calls: [{ server: 'people', method: 'GET', path: '/people/api/forms', query: {} }],
			};
		case 'zohoPeople.searchEmployees':
		case 'zohoPeople.searchEmployeeIds': {
			const idKey = d.method === 'searchEmployees' ? 'recordId' : 'EmployeeID';
			return {
				results: firstEmployees.map((e) =>
					item(employee(e), String(e[idKey]), e.EmailID as string),
				),
				...moreEmployees,
				calls: [employeesCall],
			};
		}
		case 'zohoBookings.searchWorkspaces':
			return {
				results: t.workspaces.map((w) => item(String(w.name), String(w.id))).sort(byName),
				calls: [bookings('workspaces')],
			};
		case 'zohoBookings.searchServices': {
			const ws = chosenId(p, 'workspaceId');
			return {
				results: t.services
					.filter((s) => !ws || s.workspace_id === ws)
					.map((s) => item(String(s.name), String(s.id)))
					.sort(byName),
				calls: [bookings('services', ws ? { workspace_id: ws } : {})],
			};
		}
		case 'zohoBookings.searchStaff':
		case 'zohoBookings.searchStaffForBooking': {
			let service = '';
			const ws = d.method === 'searchStaff' ? chosenId(p, 'workspaceId') : '';
			const calls: Call[] = [];
			if (d.method === 'searchStaff') service = chosenId(p, 'serviceId');
			else {
				const booking = chosenId(p, 'bookingId');
				if (booking) {
					calls.push(bookings('getappointment', { booking_id: booking }));
					service = String(t.appointments.find((a) => a.booking_id === booking)?.service_id);
				}
			}
			const assigned = service
				? ((t.services.find((s) => s.id === service)?.assigned_staffs ?? []) as string[])
				: undefined;
			calls.push(
				bookings('staffs', service ? { service_id: service } : ws ? { workspace_id: ws } : {}),
			);
			return {
				results: t.staff
					.filter((s) =>
						assigned ? assigned.includes(String(s.id)) : !ws || s.workspace_id === ws,
					)
					.map((s) => item(String(s.name), String(s.id), s.email as string))
					.sort(byName),
				calls,
			};
		}
		case 'zohoBookings.searchResources': {
			const service = chosenId(p, 'serviceId');
			return {
				results: t.resources
					.filter((r) => !service || (r.assigned_services as string[]).includes(service))
					.map((r) => item(String(r.name), String(r.id)))
					.sort(byName),
				calls: [bookings('resources', service ? { service_id: service } : {})],
			};
		}
		case 'zohoBookings.searchAppointments': {
			const now = Date.now();
			const data = {
				from_time: `${zoneDay(now - 30 * 86_400_000, opts.zone)} 00:00:00`,
				to_time: `${zoneDay(now + 90 * 86_400_000, opts.zone)} 23:59:59`,
				page: 1,
				per_page: 100,
			};
			return {
				// The sandbox's demo appointments are all within the window, sorted by start.
				results: t.appointments.map((a) =>
					item(
						[a.booking_id, a.customer_name, a.service_name, a.start_time].join(' · '),
						String(a.booking_id),
						`Status: ${String(a.status)}`,
					),
				),
				calls: [
					{
						server: 'api',
						method: 'POST',
						path: '/bookings/v1/json/fetchappointment',
						query: {},
						data,
					},
				],
			};
		}
		default:
			throw new Error(
				`no expectation for the list search ${key}: add one to locatorExpectation() in test/e2e/locators.ts`,
			);
	}
}
/* eslint-enable @typescript-eslint/no-explicit-any */
