/**
 * Resource locators of the built nodes, for test/e2e/dropdowns.e2e.test.ts: which "From list"
 * searches the editor can run (every resource locator, once for every form that shows it), the
 * parameters the editor holds then, and what each People and Bookings search must answer and send,
 * computed from the sandbox's data. The editor asks through POST
 * /rest/dynamic-node-parameters/resource-locator-results (@n8n/api-types ResourceLocatorRequestDto
 * on 2.8.4 and 2.41.1: the options body plus filter? and paginationToken?; 2.41 also takes a
 * numeric token), answered `{ data: { results, paginationToken? } }`.
 */
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	NodeParameterValue,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface LocatorNode {
	product: string;
	type: INodeType;
	description: INodeTypeDescription;
	nodeType: string;
	version: number;
}

export interface Locator {
	node: LocatorNode;
	/** `parameters.<name>`, as the editor sends it. */
	path: string;
	name: string;
	method: string;
	dependsOn: string[];
	shownWith: Record<string, NodeParameterValue>;
	top: INodeProperties;
}

export interface ListItem {
	name: string;
	value: string;
	description?: string;
}

export interface LocatorTruth {
	forms: IDataObject[];
	/** The employee form's records, `recordId` from getRecords' keys (exact 18 digits). */
	employees: IDataObject[];
	workspaces: IDataObject[];
	services: IDataObject[];
	staff: IDataObject[];
	resources: IDataObject[];
	appointments: IDataObject[];
}

export interface LocatorCall {
	server: string;
	method: string;
	path: string;
	query: Record<string, unknown>;
	/** fetchappointment's `data` field, parsed. */
	data?: IDataObject;
}

export interface LocatorExpectation {
	results: ListItem[];
	paginationToken?: string;
	calls: LocatorCall[];
}

/** Every combination of the plain values a `show` condition lists (`@version` skipped). */
function combinations(top: INodeProperties): Array<Record<string, NodeParameterValue>> {
	let combos: Array<Record<string, NodeParameterValue>> = [{}];
	for (const [key, values] of Object.entries(top.displayOptions?.show ?? {})) {
		if (key.startsWith('@')) continue;
		combos = combos.flatMap((c) =>
			(values ?? []).map((v) => ({ ...c, [key.replace(/^\//, '')]: v as NodeParameterValue })),
		);
	}
	return combos;
}

/** Every top-level resource locator's list search, once for every form that shows it. */
export function enumerateLocators(nodes: LocatorNode[]): Locator[] {
	const out: Locator[] = [];
	for (const node of nodes) {
		for (const p of node.description.properties) {
			if (p.type !== 'resourceLocator') continue;
			for (const mode of p.modes ?? []) {
				const method = mode.typeOptions?.searchListMethod;
				if (typeof method !== 'string') continue;
				for (const shownWith of combinations(p))
					out.push({
						node,
						path: `parameters.${p.name}`,
						name: p.name,
						method,
						dependsOn: (p.typeOptions?.loadOptionsDependsOn ?? []) as string[],
						shownWith,
						top: p,
					});
			}
		}
	}
	return out;
}

/** The editor's value of a locator set to `value` in its list mode. */
export const listValue = (value: string) => ({ __rl: true, mode: 'list', value });

/**
 * The node parameters the editor holds for a form showing `l`, with `chosen` (locator values for
 * the fields it shows) filled in; the other locators are at their defaults.
 */
export function locatorParameters(
	l: Locator,
	authentication: string,
	chosen: Record<string, string>,
): INodeParameters {
	const node = {
		id: 'e2e',
		name: l.node.description.displayName,
		type: l.node.nodeType,
		typeVersion: l.node.version,
		position: [0, 0],
		parameters: {},
	} as unknown as INode;
	const resolve = (values: INodeParameters): INodeParameters =>
		NodeHelpers.getNodeParameters(
			l.node.description.properties,
			values,
			true,
			false,
			node,
			l.node.description,
		) ?? {};
	let params = resolve({ authentication, ...l.shownWith });
	const picked = Object.fromEntries(
		Object.entries(chosen)
			.filter(([k]) => k in params && k !== l.name)
			.map(([k, v]) => [k, listValue(v)]),
	);
	params = resolve({ ...params, ...picked });
	if (!NodeHelpers.displayParameter(params, l.top, node, l.node.description))
		throw new Error(`${l.path} is not shown with ${JSON.stringify(l.shownWith)}`);
	return params;
}

/** A locator field's chosen ID in the parameters ('' when empty or not on the form). */
function chosenId(p: INodeParameters, name: string): string {
	const v = p[name] as any;
	return String((v && typeof v === 'object' ? v.value : v) ?? '');
}

const byName = (a: ListItem, b: ListItem) => a.name.localeCompare(b.name);
const item = (name: string, value: string, description?: string): ListItem =>
	description ? { name, value, description } : { name, value };
const bookings = (path: string, query: Record<string, unknown> = {}): LocatorCall => ({
	server: 'api',
	method: 'GET',
	path: `/bookings/v1/json/${path}`,
	query,
});

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
 * What a People or Bookings list search answers with no typed text, and the requests it sends
 * (nodes/ZohoPeople/methods/listSearch.ts, nodes/ZohoBookings/methods/listSearch.ts). `zone` is
 * the workflow time zone the appointment window is counted in. Undefined for another product's.
 */
export function locatorExpectation(
	method: string,
	p: INodeParameters,
	t: LocatorTruth,
	zone: string,
): LocatorExpectation | undefined {
	const employee = (e: IDataObject) =>
		`${String(e.FirstName)} ${String(e.LastName)} (${String(e.EmployeeID)})`;
	const firstPage = t.employees.slice(0, 200);
	const employeesCall: LocatorCall = {
		server: 'people',
		method: 'GET',
		path: '/people/api/forms/employee/getRecords',
		query: { sIndex: '1', limit: '200' },
	};
	const more = t.employees.length > 200 ? { paginationToken: '201' } : {};
	switch (method) {
		case 'searchForms':
			return {
				results: t.forms
					.map((f) => item(String(f.displayName ?? f.formLinkName), String(f.formLinkName)))
					.sort(byName),
				calls: [{ server: 'people', method: 'GET', path: '/people/api/forms', query: {} }],
			};
		case 'searchEmployees':
			return {
				results: firstPage.map((e) => item(employee(e), String(e.recordId), e.EmailID as string)),
				...more,
				calls: [employeesCall],
			};
		case 'searchEmployeeIds':
			return {
				results: firstPage.map((e) => item(employee(e), String(e.EmployeeID), e.EmailID as string)),
				...more,
				calls: [employeesCall],
			};
		case 'searchWorkspaces':
			return {
				results: t.workspaces.map((w) => item(String(w.name), String(w.id))).sort(byName),
				calls: [bookings('workspaces')],
			};
		case 'searchServices': {
			const ws = chosenId(p, 'workspaceId');
			return {
				results: t.services
					.filter((s) => !ws || s.workspace_id === ws)
					.map((s) => item(String(s.name), String(s.id)))
					.sort(byName),
				calls: [bookings('services', ws ? { workspace_id: ws } : {})],
			};
		}
		case 'searchStaff':
		case 'searchStaffForBooking': {
			let service = '';
			const ws = method === 'searchStaff' ? chosenId(p, 'workspaceId') : '';
			const calls: LocatorCall[] = [];
			if (method === 'searchStaff') service = chosenId(p, 'serviceId');
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
		case 'searchResources': {
			const service = chosenId(p, 'serviceId');
			return {
				results: t.resources
					.filter((r) => !service || (r.assigned_services as string[]).includes(service))
					.map((r) => item(String(r.name), String(r.id)))
					.sort(byName),
				calls: [bookings('resources', service ? { service_id: service } : {})],
			};
		}
		case 'searchAppointments': {
			const now = Date.now();
			const data = {
				from_time: `${zoneDay(now - 30 * 86_400_000, zone)} 00:00:00`,
				to_time: `${zoneDay(now + 90 * 86_400_000, zone)} 23:59:59`,
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
			return undefined;
	}
}
/* eslint-enable @typescript-eslint/no-explicit-any */
