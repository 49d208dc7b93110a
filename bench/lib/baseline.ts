/**
 * The baseline: what a user does today with n8n's HTTP Request node. Plain axios with the access
 * token in the Authorization header, one call per item, the product's default page size, no
 * pacing, no retries, and every page fetched even when only a few records are wanted.
 * (n8n's HTTP Request node sends all items' requests at once unless Batching is set:
 * HttpRequestV3.node.js collects one promise per item and awaits Promise.allSettled.)
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import http from 'node:http';
import type { Sandbox } from '../../test/sandbox';

/** Only the sandbox's URLs are used, so an out-of-process sandbox works too. */
export type Target = Pick<Sandbox, 'urls'>;
import { CLIENT_ID, CLIENT_SECRET, ORG_ID } from './constants';

export const ORG_HEADER = 'X-com-zoho-invoice-organizationid';

export function client(keepAlive = true): AxiosInstance {
	// keepAlive: as Node 20's default global agent. Never throw on HTTP status.
	return axios.create({
		httpAgent: new http.Agent({ keepAlive }),
		validateStatus: () => true,
		maxRedirects: 0,
	});
}

const auth = (token: string) => ({ Authorization: `Zoho-oauthtoken ${token}` });

export interface Counted<T> {
	records: T[];
	calls: number;
}

/** Invoice GET /contacts with no per_page (Zoho's default page, 200), until has_more_page is false. */
export async function invoiceListAll(
	ax: AxiosInstance,
	sb: Target,
	token: string,
): Promise<Counted<unknown>> {
	const records: unknown[] = [];
	let calls = 0;
	for (let page = 1; ; page++) {
		const res = await ax.get(`${sb.urls.api}/invoice/v3/contacts`, {
			params: { page },
			headers: { ...auth(token), [ORG_HEADER]: ORG_ID },
		});
		calls++;
		records.push(...(res.data.contacts ?? []));
		if (!res.data.page_context?.has_more_page) return { records, calls };
	}
}

/** People getRecords with no `limit` (the sandbox's default, 200) from sIndex 1 until "No records found" or a short page. */
export async function peopleListAll(
	ax: AxiosInstance,
	sb: Target,
	token: string,
): Promise<Counted<unknown>> {
	const records: unknown[] = [];
	let calls = 0;
	for (let sIndex = 1; ;) {
		const res = await ax.get(`${sb.urls.people}/people/api/forms/employee/getRecords`, {
			params: { sIndex },
			headers: auth(token),
		});
		calls++;
		const result = res.data?.response?.result;
		if (!Array.isArray(result) || result.length === 0) return { records, calls };
		records.push(...result);
		// Without `limit` the page size is whatever People returns; a short page is the last one.
		if (result.length < 200) return { records, calls };
		sIndex += result.length;
	}
}

/** Bookings fetchappointment with no per_page (default 50), form fields, until next_page_available is false. */
export async function bookingsListAll(
	ax: AxiosInstance,
	sb: Target,
	token: string,
): Promise<Counted<unknown>> {
	const records: unknown[] = [];
	let calls = 0;
	for (let page = 1; ; page++) {
		const res = await ax.post(
			`${sb.urls.api}/bookings/v1/json/fetchappointment`,
			new URLSearchParams({ page: String(page) }).toString(),
			{
				headers: { ...auth(token), 'Content-Type': 'application/x-www-form-urlencoded' },
			},
		);
		calls++;
		const value = res.data?.response?.returnvalue;
		records.push(...(value?.response ?? []));
		if (!value?.next_page_available) return { records, calls };
	}
}

export async function getContact(
	ax: AxiosInstance,
	sb: Target,
	token: string,
	id: string,
): Promise<AxiosResponse> {
	return await ax.get(`${sb.urls.api}/invoice/v3/contacts/${id}`, {
		headers: { ...auth(token), [ORG_HEADER]: ORG_ID },
	});
}

export async function createContact(
	ax: AxiosInstance,
	sb: Target,
	token: string,
	name: string,
): Promise<AxiosResponse> {
	return await ax.post(
		`${sb.urls.api}/invoice/v3/contacts`,
		{ contact_name: name },
		{ headers: { ...auth(token), [ORG_HEADER]: ORG_ID } },
	);
}

/** POST /oauth/v2/token grant_type=refresh_token, as every hand-written client does on a 401. */
export async function refreshToken(
	ax: AxiosInstance,
	sb: Target,
	refresh: string,
): Promise<string | undefined> {
	const res = await ax.post(
		`${sb.urls.accounts('us')}/oauth/v2/token`,
		new URLSearchParams({
			grant_type: 'refresh_token',
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
			refresh_token: refresh,
		}).toString(),
		{ headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
	);
	return typeof res.data?.access_token === 'string' ? res.data.access_token : undefined;
}
