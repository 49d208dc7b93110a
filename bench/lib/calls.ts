/** Measure 1: API calls per job (list N records; fetch the first 5), node vs baseline vs minimum. */
import type { IDataObject } from 'n8n-workflow';
import { BOOKINGS_IDS } from '../../test/sandbox';
import { bookingsListAll, client, invoiceListAll, peopleListAll } from './baseline';
import { contactsOfPages, listContactsParameters } from './httpRequestNode';
import type { Bench } from './world';
import { ORG_ID, UNPACED, assertRan, itemsOf } from './world';

export interface CallsResult {
	product: string;
	records: number;
	maxPage: number;
	minimum: number;
	nodeAll: number;
	nodeAllRecords: number;
	baselineAll: number;
	baselineAllRecords: number;
	nodeFirst5: number;
	nodeFirst5Records: number;
	baselineFirst5: number;
	tokenCalls: number;
	/**
	 * n8n's HTTP Request node, same credential, Pagination option set for Zoho Invoice (`page` +1 per
	 * request, `per_page` 200, complete when `has_more_page` is false); first 5: `per_page` 5 and
	 * Limit Pages Fetched 1. Invoice only (absent when the node could not be loaded).
	 */
	http?: {
		all: number;
		allRecords: number;
		/** Output items: HTTP Request returns one item per page (a Split Out node would follow). */
		allItems: number;
		first5: number;
		first5Records: number;
	};
}

interface ProductSpec {
	product: string;
	nodeType: string;
	server: 'api' | 'people';
	maxPage: number;
	seed(bench: Bench, n: number): void;
	params: IDataObject;
	baseline: typeof invoiceListAll;
}

const PRODUCTS: ProductSpec[] = [
	{
		product: 'Invoice contacts',
		nodeType: 'zohoInvoice',
		server: 'api',
		maxPage: 200,
		seed: (b, n) => void b.sb.invoice.seedContacts(n),
		params: { resource: 'contact', operation: 'getAll', organizationId: ORG_ID },
		baseline: invoiceListAll,
	},
	{
		product: 'People employees',
		nodeType: 'zohoPeople',
		server: 'people',
		maxPage: 200,
		seed: (b, n) => void b.sb.people.seedEmployees(n),
		params: { resource: 'employee', operation: 'getAll' },
		baseline: peopleListAll,
	},
	{
		product: 'Bookings appointments',
		nodeType: 'zohoBookings',
		server: 'api',
		maxPage: 100,
		seed: (b, n) => {
			b.sb.bookings.seed();
			const start = Date.UTC(2031, 0, 6, 3, 30); // a Monday, 09:00 in Asia/Kolkata
			for (let i = 0; i < n; i++) {
				b.sb.bookings.book({
					service_id: BOOKINGS_IDS.services.consultation,
					staff_id: BOOKINGS_IDS.staff.asha,
					start: new Date(start + i * 30 * 60_000),
					customer: { name: `Customer ${i}`, email: `customer${i}@example.com` },
				});
			}
		},
		params: { resource: 'appointment', operation: 'getAll', filters: {} },
		baseline: bookingsListAll,
	},
];

export async function measureCalls(
	bench: Bench,
	n: number,
	only?: string,
	opts: { httpNode?: boolean } = {},
): Promise<CallsResult[]> {
	const out: CallsResult[] = [];
	const ax = client();
	for (const spec of PRODUCTS) {
		if (only && !spec.product.startsWith(only)) continue;
		const phase = bench.phase(`calls-${spec.nodeType}`);
		spec.seed(bench, n);
		const count = () => bench.sb.countRequests({ server: spec.server });
		const options = { rateLimitPerMinute: UNPACED };

		bench.sb.clearRequests();
		const all = await phase.run(spec.nodeType, { ...spec.params, returnAll: true, options });
		assertRan(all, `${spec.product} Return All`);
		const nodeAll = count();
		const nodeAllRecords = itemsOf(all).length;

		bench.sb.clearRequests();
		const five = await phase.run(spec.nodeType, {
			...spec.params,
			returnAll: false,
			limit: 5,
			options,
		});
		assertRan(five, `${spec.product} Limit 5`);
		const nodeFirst5 = count();
		const nodeFirst5Records = itemsOf(five).length;

		bench.sb.clearRequests();
		const base = await spec.baseline(ax, bench.sb, phase.currentAccessToken());
		const baselineAll = count();
		if (base.calls !== baselineAll)
			throw new Error(
				`${spec.product}: baseline counted ${base.calls} calls, sandbox saw ${baselineAll}`,
			);

		let http: CallsResult['http'];
		if (opts.httpNode && spec.product === 'Invoice contacts') {
			const api = bench.sb.urls.api;
			bench.sb.clearRequests();
			const r = await phase.runHttp(listContactsParameters(api, phase.credentialType));
			assertRan(r, 'HTTP Request node, all pages');
			const all = count();
			bench.sb.clearRequests();
			const r5 = await phase.runHttp(listContactsParameters(api, phase.credentialType, 5, 1));
			assertRan(r5, 'HTTP Request node, first 5');
			http = {
				all,
				allRecords: contactsOfPages(itemsOf(r)).length,
				allItems: itemsOf(r).length,
				first5: count(),
				first5Records: contactsOfPages(itemsOf(r5)).length,
			};
		}

		out.push({
			product: spec.product,
			records: n,
			maxPage: spec.maxPage,
			minimum: Math.ceil(n / spec.maxPage),
			nodeAll,
			nodeAllRecords,
			baselineAll,
			baselineAllRecords: base.records.length,
			nodeFirst5,
			nodeFirst5Records,
			// The baseline pattern (as n8n's built-in Zoho CRM node) fetches every page, then keeps 5.
			baselineFirst5: baselineAll,
			tokenCalls: bench.sb.tokenEndpointCalls(),
			...(http ? { http } : {}),
		});
	}
	return out;
}
