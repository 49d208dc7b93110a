import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { formatMonthDateTime, wallClockAt } from '../../shared/dates';
import { loadOptionsSettings } from '../../shared/settings';
import { returnValue, returnValueList } from '../helpers/output';
import { BookingsSession } from '../transport';

/**
 * The resource locators' "From list" searches. Each typed search (and each further page) is one
 * Bookings call, which counts against the plan's few calls a day (docs/reference/zoho-api.md §5).
 *
 * Zoho Bookings has no name search on its catalog (workspaces, services, staffs, resources take
 * only IDs and staff_email, docs/reference/zoho-api.md §5) and no documented paging there: one call
 * lists them and the typed text is matched here. Appointments are searched with fetchappointment's
 * own customer_name / customer_email filters and paged with page / per_page.
 */

/** fetchappointment's largest page (docs/reference/zoho-api.md §5: max 100, UNCERTAIN). */
const APPOINTMENT_PAGE = 100;
/** The appointments a list offers: from this many days back (to mark completed or no-show)… */
const DAYS_BACK = 30;
/** …to this many ahead (to cancel or reschedule). */
const DAYS_AHEAD = 90;
const DAY_MS = 86_400_000;

const byName = (a: INodeListSearchItems, b: INodeListSearchItems) => a.name.localeCompare(b.name);

function session(ctx: ILoadOptionsFunctions): BookingsSession {
	return new BookingsSession(ctx, loadOptionsSettings(ctx));
}

/**
 * A field's current ID as the editor holds it: a resource locator's value, or the text a workflow
 * saved before the field was one. An expression is not resolved for a search: '' (no filter).
 */
function currentId(ctx: ILoadOptionsFunctions, name: string): string {
	let value = ctx.getCurrentNodeParameter(name) as unknown;
	if (value && typeof value === 'object' && 'value' in value)
		value = (value as { value: unknown }).value;
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.startsWith('=')) return '';
	return value.trim();
}

async function catalog(
	ctx: ILoadOptionsFunctions,
	endpoint: string,
	qs: IDataObject,
	filter: string | undefined,
	describe: (record: IDataObject) => string | undefined = () => undefined,
): Promise<INodeListSearchResult> {
	const response = await session(ctx).request({ method: 'GET', path: `/${endpoint}`, qs });
	const text = (filter ?? '').trim().toLowerCase();
	const results = returnValueList(response.body)
		.filter((r) => r.id !== undefined && r.id !== null)
		.map((r) => {
			const description = describe(r);
			return {
				name: String(r.name ?? r.id),
				value: String(r.id),
				...(description ? { description } : {}),
			};
		})
		.filter(
			(r) =>
				!text ||
				r.name.toLowerCase().includes(text) ||
				(r.description ?? '').toLowerCase().includes(text) ||
				r.value === text,
		)
		.sort(byName);
	return { results };
}

export async function searchWorkspaces(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await catalog(this, 'workspaces', {}, filter);
}

/** The services of the chosen workspace (all when none is chosen). */
export async function searchServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const workspaceId = currentId(this, 'workspaceId');
	return await catalog(this, 'services', workspaceId ? { workspace_id: workspaceId } : {}, filter);
}

const staffEmail = (r: IDataObject) => (r.email ? String(r.email) : undefined);

/** The staff of the chosen service, else of the chosen workspace, else all. */
export async function searchStaff(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const serviceId = currentId(this, 'serviceId');
	const workspaceId = currentId(this, 'workspaceId');
	const qs = serviceId
		? { service_id: serviceId }
		: workspaceId
			? { workspace_id: workspaceId }
			: {};
	return await catalog(this, 'staffs', qs, filter, staffEmail);
}

/**
 * Reschedule's new staff: the staff of the appointment's service, as only they can take it (the
 * form has no Service field). One more call (getappointment) while a booking ID is given; all
 * staff when none is, or it comes from an expression.
 */
export async function searchStaffForBooking(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const bookingId = currentId(this, 'bookingId');
	let qs: IDataObject = {};
	if (bookingId) {
		const response = await session(this).request({
			method: 'GET',
			path: '/getappointment',
			qs: { booking_id: bookingId },
		});
		const serviceId = returnValue(response.body).service_id;
		if (typeof serviceId === 'string' && serviceId) qs = { service_id: serviceId };
	}
	return await catalog(this, 'staffs', qs, filter, staffEmail);
}

/** The resources of the chosen service (all when none is chosen). */
export async function searchResources(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const serviceId = currentId(this, 'serviceId');
	return await catalog(this, 'resources', serviceId ? { service_id: serviceId } : {}, filter);
}

/**
 * Appointments from DAYS_BACK days ago to DAYS_AHEAD days ahead (the workflow's time zone; Bookings
 * reads the times in the workspace's), 100 a page. Typed text is sent as customer_email when it
 * has an @, else as customer_name: Zoho's "contains" filters (docs/reference/zoho-api.md §5).
 */
export async function searchAppointments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 1;
	const zone = this.getTimezone();
	const now = Date.now();
	const from = { ...wallClockAt(now - DAYS_BACK * DAY_MS, zone), hour: 0, minute: 0, second: 0 };
	const to = { ...wallClockAt(now + DAYS_AHEAD * DAY_MS, zone), hour: 23, minute: 59, second: 59 };
	const data: IDataObject = {
		from_time: formatMonthDateTime(from),
		to_time: formatMonthDateTime(to),
		page,
		per_page: APPOINTMENT_PAGE,
	};
	const text = (filter ?? '').trim();
	if (text) data[text.includes('@') ? 'customer_email' : 'customer_name'] = text;
	const response = await session(this).request({
		method: 'POST',
		path: '/fetchappointment',
		multipart: { data: JSON.stringify(data) },
	});
	const value = returnValue(response.body);
	const list = Array.isArray(value.response) ? (value.response as IDataObject[]) : [];
	const results = list
		.filter((a) => typeof a.booking_id === 'string' && a.booking_id !== '')
		.map((a) => ({
			name: [a.booking_id, a.customer_name, a.service_name, a.start_time]
				.filter((part) => typeof part === 'string' && part !== '')
				.join(' · '),
			value: String(a.booking_id),
			...(a.status ? { description: `Status: ${String(a.status)}` } : {}),
		}));
	return {
		results,
		paginationToken: value.next_page_available === true ? String(page + 1) : undefined,
	};
}
