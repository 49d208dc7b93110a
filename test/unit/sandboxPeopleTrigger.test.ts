/** Self-test of what the People trigger reads in the sandbox: record times, latest attendance entries, controls. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox's JSON answers are read loosely here */
import { startSandbox, type Sandbox } from '../sandbox';

const CLIENT = { clientId: '1000.SANDBOXCLIENT', clientSecret: 'sandbox-secret', dc: 'us' };
let sb: Sandbox;
let token: string;

beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.close());
beforeEach(() => {
	sb.reset();
	sb.registerClient(CLIENT);
	token = sb.issueAccessToken({ clientId: CLIENT.clientId });
});

async function get(path: string, query: Record<string, string> = {}) {
	const qs = new URLSearchParams(query).toString();
	const res = await fetch(`${sb.urls.people}${path}${qs ? `?${qs}` : ''}`, {
		headers: { authorization: `Zoho-oauthtoken ${token}` },
	});
	const text = await res.text();
	return { text, json: JSON.parse(text) as any };
}

async function control(cmd: string, body: object): Promise<any> {
	const base = sb.urls.accounts('us').replace(/\/us$/, '');
	const res = await fetch(`${base}/__sandbox/${cmd}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return await res.json();
}

const keysOf = (result: any[]) => result.map((entry) => Object.keys(entry)[0]);

describe('People record times (getRecords)', () => {
	it('sends CreatedTime and ModifiedTime as ms text, and filters modifiedtime strictly after by default', async () => {
		sb.people.setClock(() => new Date(1_800_000_000_000));
		const [a, b] = sb.people.seedEmployees(2).map((e) => String(e.Zoho_ID));
		sb.people.setClock(() => new Date(1_800_000_005_000));
		sb.people.update('employee', b, { Designation: 'Lead' });
		const all = await get('/people/api/forms/employee/getRecords');
		expect(all.json.response.result[1][b][0]).toMatchObject({
			CreatedTime: '1800000000000',
			ModifiedTime: '1800000005000',
			Designation: 'Lead',
		});
		// Zoho_ID stays the last key, a bare integer.
		expect(all.text).toContain(`"Zoho_ID":${b}}`);
		const after = await get('/people/api/forms/employee/getRecords', {
			modifiedtime: '1800000005000',
		});
		expect(after.json.response.errors.code).toBe(7024);
		const since = await get('/people/api/forms/employee/getRecords', {
			modifiedtime: '1800000004999',
		});
		expect(keysOf(since.json.response.result)).toEqual([b]);
		expect(a).toMatch(/^\d{18}$/);
	});

	it('serves the variants through the control API: field name, none, inclusive, ignored', async () => {
		sb.people.setClock(() => new Date(1_800_000_000_000));
		const [a] = sb.people.seedEmployees(1).map((e) => String(e.Zoho_ID));
		await control('people-record-times', { modifiedTimeField: 'Modified_Time' });
		const renamed = (await get('/people/api/forms/employee/getRecords')).json.response.result[0][
			a
		][0];
		expect(renamed.Modified_Time).toBe('1800000000000');
		expect(renamed.ModifiedTime).toBeUndefined();
		await control('people-record-times', { modifiedTimeField: null });
		const none = (await get('/people/api/forms/employee/getDataByID', { recordId: a })).json
			.response.result[0];
		expect(Object.keys(none).filter((k) => /modified/i.test(k))).toEqual([]);
		expect(none.CreatedTime).toBe('1800000000000');
		await control('people-record-times', { modifiedtimeFilter: 'atOrAfter' });
		const at = await get('/people/api/forms/employee/getRecords', {
			modifiedtime: '1800000000000',
		});
		expect(keysOf(at.json.response.result)).toEqual([a]);
		await control('people-record-times', { modifiedtimeFilter: 'ignored' });
		const ignored = await get('/people/api/forms/employee/getRecords', {
			modifiedtime: '1900000000000',
		});
		expect(keysOf(ignored.json.response.result)).toEqual([a]);
		expect(sb.people.recordTimes).toEqual({
			modifiedTimeField: null,
			modifiedtimeFilter: 'ignored',
		});
	});
});

describe('People fetchLatestAttEntries', () => {
	const path = '/api/attendance/fetchLatestAttEntries';

	it('answers the entries added or updated within `duration` minutes, per employee and day', async () => {
		const start = 1_800_000_000_000;
		let now = start;
		sb.people.setClock(() => new Date(now));
		sb.people.seedEmployees(2);
		sb.people.punch({ empId: 'EMP0002', checkIn: '10/03/2031 09:00:00', location: 'Delhi' });
		now += 10 * 60_000;
		sb.people.punch({ empId: 'EMP0001', checkIn: '10/03/2031 09:30:00' });
		await control('people-attendance-entry', {
			employee: 'EMP0001',
			checkIn: '2031-03-09T09:00:00Z',
			checkOut: '2031-03-09T18:00:00Z',
			kind: 'singleRegEntries',
		});
		const recent = await get(path, { duration: '5', dateTimeFormat: 'dd-MM-yyyy HH:mm:ss' });
		expect(recent.json.response.status).toBe(0);
		const [emp1] = recent.json.response.result;
		expect(recent.json.response.result).toHaveLength(1);
		expect(emp1).toMatchObject({ firstName: 'First1', employeeId: 'EMP0001' });
		expect(emp1.entries).toEqual([
			{ '2031-03-10': { attEntries: [{ checkInTime: '10-03-2031 09:30:00' }] } },
			{
				'2031-03-09': {
					singleRegEntries: {
						checkOutTime: '09-03-2031 18:00:00',
						checkInTime: '09-03-2031 09:00:00',
					},
				},
			},
		]);
		const erecno = String(sb.people.findEmployee('EMP0001')!.Zoho_ID);
		expect(recent.text).toContain(`"erecNo":${erecno}`);

		// A check-out updates the entry: it is in the window again.
		now += 10 * 60_000;
		sb.people.punch({ empId: 'EMP0002', checkOut: '10/03/2031 17:00:00' });
		// Entries changed exactly `duration` minutes ago are in (assumption: inclusive).
		const edge = await get(path, { duration: '10' });
		expect(edge.json.response.result.map((x: any) => x.employeeId)).toEqual(['EMP0001', 'EMP0002']);
		const wide = await get(path, { duration: '9' });
		expect(wide.json.response.result.map((x: any) => x.employeeId)).toEqual(['EMP0002']);
		// No dateTimeFormat: the [O] sample's format.
		expect(wide.json.response.result[0].entries[0]['2031-03-10'].attEntries[0]).toEqual({
			checkInLocation: 'Delhi',
			checkOutLocation: 'Delhi',
			checkOutTime: '10-Mar-2031 17:00:00',
			checkInTime: '10-Mar-2031 09:00:00',
		});
		const all = await get(path, { duration: '20' });
		expect(all.json.response.result).toHaveLength(2);
	});

	it('answers an empty window, a bad duration and the sample-format variant', async () => {
		expect((await get(path, { duration: '5' })).json.response.result).toEqual([]);
		expect((await get(path)).json.response.errors.code).toBe(7019);
		expect((await get(path, { duration: 'x' })).json.response.errors.code).toBe(7016);
		await control('people-latest-entries-style', { times: 'sample', empty: 'noRecords' });
		expect((await get(path, { duration: '5' })).json.response.errors.code).toBe(7024);
		sb.people.seedEmployees(1);
		sb.people.punch({ empId: 'EMP0001', checkIn: '10/03/2031 09:30:00' });
		const entry = (await get(path, { duration: '5', dateTimeFormat: 'dd-MM-yyyy HH:mm:ss' })).json
			.response.result[0].entries[0]['2031-03-10'].attEntries[0];
		expect(entry.checkInTime).toBe('10-Mar-2031 09:30:00');
	});

	it('has its documented threshold: 30 calls a minute, then a 5 minute lock', async () => {
		let now = 1_800_000_000_000;
		sb.people.setClock(() => new Date(now));
		sb.people.useDocumentedThresholds(true);
		for (let i = 0; i < 30; i++)
			expect((await get(path, { duration: '1' })).json.response.status).toBe(0);
		expect((await get(path, { duration: '1' })).json.response.errors.code).toBe(7209);
		now += 4 * 60_000;
		expect((await get(path, { duration: '1' })).json.response.errors.code).toBe(7209);
		now += 61_000;
		expect((await get(path, { duration: '1' })).json.response.status).toBe(0);
	});
});
