/**
 * Return All ends: a repeated page or a server that ignores the paging cursor fails after the
 * second call, a list that never ends fails at Max Pages, and People pages each endpoint the way
 * Zoho documents it (time logs from sIndex 0, attendance 100 employees per startIndex).
 */
import type { IDataObject, INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';
import { ZohoBookings } from '../../nodes/ZohoBookings/ZohoBookings.node';
import { ZohoInvoice } from '../../nodes/ZohoInvoice/ZohoInvoice.node';
import { ZohoPeople } from '../../nodes/ZohoPeople/ZohoPeople.node';
import type { RecordedRequest } from '../sandbox';
import { JSON_TYPE } from '../sandbox/types';
import type { World } from './world';
import { expectNoSecrets, jsonOf, listContacts, useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
	w.sb.clearRequests();
});

const peopleCalls = () => w.sb.findRequests({ server: 'people' });
const contactCalls = () =>
	w.sb.findRequests({ server: 'api', pathIncludes: '/invoice/v3/contacts' });
const bookingCalls = () =>
	w.sb.findRequests({ server: 'api', pathIncludes: '/bookings/v1/json/fetchappointment' });

const people = (params: INodeParameters, opts: { continueOnFail?: boolean } = {}) =>
	w.run('oAuth2', params, { nodeType: 'zohoPeople', ...opts });
const bookings = (params: INodeParameters, opts: { continueOnFail?: boolean } = {}) =>
	w.run('oAuth2', params, { nodeType: 'zohoBookings', ...opts });

/** The one error item of a continue-on-fail run, checked to be the only output. */
function onlyError(items: IDataObject[]): IDataObject {
	expect(items).toHaveLength(1);
	expect(items[0].error).toEqual(expect.any(String));
	return items[0];
}

/** An endless Invoice list: page N holds two new contacts and always says another page follows. */
function endlessContacts(r: RecordedRequest) {
	const page = Number(r.query.page ?? 1);
	const contacts = [0, 1].map((i) => ({
		contact_id: `4600000000000${String(page * 10 + i).padStart(5, '0')}`,
		contact_name: `Endless ${page}.${i}`,
	}));
	return {
		status: 200,
		headers: { 'content-type': JSON_TYPE },
		body: JSON.stringify({
			code: 0,
			message: 'success',
			contacts,
			page_context: { page, per_page: 200, has_more_page: true },
		}),
	};
}

/** A fixed fetchappointment page that always says another page follows. */
const bookingsPage = (ids: string[]) => ({
	status: 200,
	headers: { 'content-type': JSON_TYPE },
	body: JSON.stringify({
		response: {
			returnvalue: {
				response: ids.map((booking_id) => ({ booking_id, status: 'upcoming' })),
				next_page_available: true,
				page: 1,
			},
			status: 'success',
		},
	}),
});

describe('Max Pages option', () => {
	it.each([
		['Zoho Invoice', new ZohoInvoice() as INodeType],
		['Zoho People', new ZohoPeople() as INodeType],
		['Zoho Bookings', new ZohoBookings() as INodeType],
	])('%s offers Max Pages in Options with a default of 1,000', (_name, node) => {
		const options = node.description.properties.filter((p) => p.name === 'options');
		expect(options).toHaveLength(1); // one Options collection, shared by every operation
		for (const collection of options) {
			const maxPages = (collection.options as INodeProperties[]).find((o) => o.name === 'maxPages');
			expect(maxPages).toMatchObject({
				type: 'number',
				default: 1000,
				typeOptions: { minValue: 1 },
			});
			expect(maxPages!.description).toMatch(/Return All/);
		}
	});
});

describe('Zoho Invoice paging ends', () => {
	it('fails after 2 calls when the server ignores page and repeats page 1 (has_more_page stays true)', async () => {
		w.sb.invoice.seedContacts(450, ORG);
		// The real handler, but always asked for page 1: has_more_page is true on every answer.
		w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/invoice/v3/contacts',
			reply: (r, real) => real({ ...r, query: { ...r.query, page: '1' } }),
		});
		const result = await w.run('oAuth2', listContacts({ organizationId: ORG }), {
			continueOnFail: true,
		});
		const out = onlyError(jsonOf(result));
		expect(out.error).toBe(
			'Zoho Invoice returned the same page twice (page 2 repeated page 1); the server ignored the paging parameters. Stopped after 2 calls.',
		);
		expect(contactCalls().map((r) => r.query.page)).toEqual(['1', '2']);
		expectNoSecrets(result, w.secrets);
	});

	it('stops at Max Pages (3): exactly 3 calls, then an error naming the product and the flag, no partial output', async () => {
		const remove = w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/invoice/v3/contacts',
			reply: endlessContacts,
		});
		const result = await w.run(
			'oAuth2',
			listContacts({ organizationId: ORG, options: { maxPages: 3 } }),
			{ continueOnFail: true },
		);
		const out = onlyError(jsonOf(result));
		expect(out.error).toBe(
			'Zoho Invoice kept answering has_more_page: true past 3 pages (6 records so far); stopped. Raise Max Pages or narrow the request.',
		);
		expect(contactCalls().map((r) => r.query.page)).toEqual(['1', '2', '3']);

		// A list that ends on page Max Pages is whole: no error, no extra call.
		remove();
		w.sb.invoice.seedContacts(600, ORG);
		w.sb.clearRequests();
		expect(
			jsonOf(
				await w.run('oAuth2', listContacts({ organizationId: ORG, options: { maxPages: 3 } })),
			),
		).toHaveLength(600);
		expect(contactCalls()).toHaveLength(3);
	});

	it('fails the node (not continue-on-fail) with the item index when the cap is hit', async () => {
		w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/invoice/v3/contacts',
			reply: endlessContacts,
		});
		const result = await w.run(
			'oAuth2',
			listContacts({ organizationId: ORG, options: { maxPages: 2 } }),
			{ items: [{}, {}] },
		);
		expect(result.error?.message).toBe(
			'Zoho Invoice kept answering has_more_page: true past 2 pages (4 records so far); stopped. Raise Max Pages or narrow the request.',
		);
		expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(0);
		expect(contactCalls()).toHaveLength(2);
	});

	it('a limit above one page keeps the page size, so page 2 follows page 1 (250 of 450: 2 calls, no duplicates)', async () => {
		const seeded = w.sb.invoice.seedContacts(450, ORG);
		const contacts = jsonOf(
			await w.run('oAuth2', listContacts({ organizationId: ORG, returnAll: false, limit: 250 })),
		);
		expect(contacts.map((c) => c.contact_id)).toEqual(
			seeded.slice(0, 250).map((c) => c.contact_id),
		);
		expect(contactCalls().map((r) => [r.query.page, r.query.per_page])).toEqual([
			['1', '200'],
			['2', '200'],
		]);
	});
});

describe('Zoho Bookings paging ends', () => {
	const getAll = (extra: IDataObject = {}): INodeParameters => ({
		resource: 'appointment',
		operation: 'getAll',
		returnAll: true,
		filters: {},
		...extra,
	});

	it('fails after 2 calls when every answer is the same page with next_page_available: true', async () => {
		w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/fetchappointment',
			reply: bookingsPage(['#AN-00001', '#AN-00002']),
		});
		const out = onlyError(jsonOf(await bookings(getAll(), { continueOnFail: true })));
		expect(out.error).toBe(
			'Zoho Bookings returned the same page twice (page 2 repeated page 1); the server ignored the paging parameters. Stopped after 2 calls.',
		);
		expect(bookingCalls().map((r) => JSON.parse(r.form!.data as string).page)).toEqual([1, 2]);
	});

	it('stops at Max Pages (3) when next_page_available never turns false', async () => {
		w.sb.overrideReplies({
			server: 'api',
			pathIncludes: '/fetchappointment',
			reply: (r) =>
				bookingsPage([`#AN-${String(JSON.parse(r.form!.data as string).page).padStart(5, '0')}`]),
		});
		const out = onlyError(
			jsonOf(await bookings(getAll({ options: { maxPages: 3 } }), { continueOnFail: true })),
		);
		expect(out.error).toBe(
			'Zoho Bookings kept answering next_page_available: true past 3 pages (3 records so far); stopped. Raise Max Pages or narrow the request.',
		);
		expect(bookingCalls()).toHaveLength(3);
	});
});

describe('Zoho People paging ends', () => {
	const getRecords = (extra: IDataObject = {}): INodeParameters => ({
		resource: 'record',
		operation: 'getAll',
		form: 'employee',
		returnAll: true,
		...extra,
	});

	it('fails after 2 calls when the server answers the same full page whatever sIndex says', async () => {
		w.sb.people.seedEmployees(250);
		w.sb.overrideReplies({
			server: 'people',
			pathIncludes: '/getRecords',
			reply: (r, real) => real({ ...r, query: { ...r.query, sIndex: '1' } }),
		});
		const out = onlyError(jsonOf(await people(getRecords(), { continueOnFail: true })));
		expect(out.error).toBe(
			'Zoho People returned the same page twice (page 2 repeated page 1); the server ignored the paging parameters. Stopped after 2 calls.',
		);
		expect(peopleCalls().map((r) => r.query.sIndex)).toEqual(['1', '201']);
	});

	it('stops at Max Pages (2) when real data has more pages', async () => {
		w.sb.people.seedEmployees(450);
		const out = onlyError(
			jsonOf(await people(getRecords({ options: { maxPages: 2 } }), { continueOnFail: true })),
		);
		expect(out.error).toBe(
			'Zoho People kept answering full pages past 2 pages (400 records so far); stopped. Raise Max Pages or narrow the request.',
		);
		expect(peopleCalls()).toHaveLength(2);
	});
});

describe('Zoho People time logs page from sIndex 0 (get-timelogs: "sIndex … default 0")', () => {
	const getLogs = (extra: IDataObject = {}): INodeParameters => ({
		resource: 'timeLog',
		operation: 'getAll',
		user: 'EMP0001',
		fromDate: '2024-01-01T00:00:00',
		toDate: '2025-12-31T00:00:00',
		...extra,
	});

	it('Return All over 250 logs: each log exactly once, the first included, in 2 calls from sIndex 0 and 200', async () => {
		const seeded = w.sb.people.seedTimeLogs(250);
		w.sb.clearRequests();
		const logs = jsonOf(await people(getLogs({ returnAll: true })));
		expect(logs.map((l) => l.timelogId)).toEqual(seeded.map((l) => l.timelogId));
		expect(peopleCalls().map((r) => [r.query.sIndex, r.query.limit])).toEqual([
			['0', '200'],
			['200', '200'],
		]);
	});

	it('a small Limit returns the first logs in one call', async () => {
		const seeded = w.sb.people.seedTimeLogs(7);
		w.sb.clearRequests();
		const logs = jsonOf(await people(getLogs({ returnAll: false, limit: 3 })));
		expect(logs.map((l) => l.timelogId)).toEqual(seeded.slice(0, 3).map((l) => l.timelogId));
		expect(peopleCalls().map((r) => [r.query.sIndex, r.query.limit])).toEqual([['0', '3']]);
	});

	// Assumption: gettimelogs carries the time tracker's `response.isNextAvailable` (documented on get-clients,
	// sent only while more data follows). Here the server serves at most 50 logs a call whatever limit says.
	it('follows isNextAvailable past short pages, from where the last page ended (120 logs, 50 a call: 3 calls)', async () => {
		const seeded = w.sb.people.seedTimeLogs(120);
		w.sb.clearRequests();
		w.sb.overrideReplies({
			server: 'people',
			pathIncludes: '/gettimelogs',
			reply: (r, real) =>
				real({ ...r, query: { ...r.query, limit: String(Math.min(Number(r.query.limit), 50)) } }),
		});
		const logs = jsonOf(await people(getLogs({ returnAll: true })));
		expect(logs.map((l) => l.timelogId)).toEqual(seeded.map((l) => l.timelogId));
		expect(peopleCalls().map((r) => r.query.sIndex)).toEqual(['0', '50', '100']);
	});
});

describe('Zoho People attendance entries for every employee', () => {
	it('pages 250 employees 100 at a time (3 calls) and outputs one item per employee and day', async () => {
		const employees = w.sb.people.seedEmployees(250);
		w.sb.clearRequests();
		const items = jsonOf(
			await people({
				resource: 'attendance',
				operation: 'getEntries',
				from: '2024-01-03T00:00:00',
				to: '2024-01-05T00:00:00',
			}),
		);
		expect(peopleCalls().map((r) => r.query.startIndex)).toEqual(['0', '100', '200']);
		expect(items).toHaveLength(250 * 3);
		const pairs = new Set(items.map((i) => `${String(i.id)}|${String(i.date)}`));
		expect(pairs.size).toBe(750);
		expect(items[0]).toMatchObject({
			id: employees[0].EmployeeID,
			'mail id': employees[0].EmailID,
			date: '2024-01-03',
			Status: 'Absent',
			TotalHours: '00:00',
		});
		expect(items[749]).toMatchObject({ id: employees[249].EmployeeID, date: '2024-01-05' });
	});

	it('one employee by email: one call without startIndex, one item per day', async () => {
		w.sb.people.seedEmployees(2);
		w.sb.clearRequests();
		const items = jsonOf(
			await people({
				resource: 'attendance',
				operation: 'getEntries',
				from: '2024-01-03T00:00:00',
				to: '2024-01-06T00:00:00',
				emailId: 'employee2@example.com',
			}),
		);
		expect(peopleCalls()).toHaveLength(1);
		expect(peopleCalls()[0].query.startIndex).toBeUndefined();
		expect(items.map((i) => [i.id, i.date, i.Status])).toEqual([
			['EMP0002', '2024-01-03', 'Absent'],
			['EMP0002', '2024-01-04', 'Absent'],
			['EMP0002', '2024-01-05', 'Absent'],
			['EMP0002', '2024-01-06', 'Weekend'],
		]);
	});
});
