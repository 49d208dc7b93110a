/**
 * Zoho People's resource locators (form, employee) and Simplify, through n8n-core against the
 * sandbox: each list search's exact records and request, Zoho's own search parameters, the next
 * page by token, each mode sending the exact ID, and workflows saved before the locators (plain
 * text, node version 1) running as they did.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { listSearch } from '../harness';
import type { Auth, World } from './world';
import { OAUTH_CRED, jsonOf, useWorld } from './world';

const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
	w.sb.people.reset();
	w.sb.clearRequests();
});

const peopleCalls = () => w.sb.findRequests({ server: 'people' });
const search = (method: string, filter?: string, paginationToken?: string) =>
	listSearch({
		nodeType: 'zohoPeople',
		method,
		parameters: { authentication: 'oAuth2', resource: 'employee', operation: 'update' },
		credentials: { zohoRegionalOAuth2Api: OAUTH_CRED },
		store: w.store,
		filter,
		paginationToken,
	});
const run = (
	resource: string,
	operation: string,
	params: INodeParameters,
	opts: { typeVersion?: number; auth?: Auth; items?: IDataObject[] } = {},
) =>
	w.run(
		opts.auth ?? 'oAuth2',
		{ resource, operation, ...params },
		{ nodeType: 'zohoPeople', typeVersion: opts.typeVersion, items: opts.items },
	);
const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

describe('Zoho People form locator', () => {
	it('lists every form in one call, sorted, and matches typed text on name and link name', async () => {
		expect(await search('searchForms')).toEqual({
			results: [
				{ name: 'Department', value: 'department' },
				{ name: 'Employee', value: 'employee' },
				{ name: 'Leave', value: 'leave' },
			],
		});
		// Fetch forms takes no search parameter (docs/reference/zoho-api.md §4): matched here.
		expect((await search('searchForms', 'EMP')).results).toEqual([
			{ name: 'Employee', value: 'employee' },
		]);
		expect((await search('searchForms', 'zzz')).results).toEqual([]);
		expect(peopleCalls().map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', '/people/api/forms', {}],
			['GET', '/people/api/forms', {}],
			['GET', '/people/api/forms', {}],
		]);
	});

	it.each([
		['From List', rl('list', 'department')],
		['By Link Name', rl('id', 'department')],
		['saved as text', 'department'],
	])('sends the form chosen %s', async (_mode, form) => {
		const seeded = w.sb.people.seedRecords('department', 1);
		w.sb.clearRequests();
		const out = jsonOf(await run('form', 'getFields', { form }));
		expect(peopleCalls().map((r) => r.path)).toEqual(['/people/api/forms/department/components']);
		expect(out.map((f) => f.labelname)).toEqual(['Department', 'Parent_Department', 'MailAlias']);
		const got = jsonOf(await run('record', 'get', { form, recordId: String(seeded[0].Zoho_ID) }));
		expect(peopleCalls()[1]).toMatchObject({
			path: '/people/api/forms/department/getDataByID',
			query: { recordId: String(seeded[0].Zoho_ID) },
		});
		expect(got[0].Department).toBe('Department 1');
	});

	it('refuses an empty form before any call: n8n for a typed one, the node for an expression', async () => {
		// n8n's own check of required parameters stops the workflow before it runs.
		await expect(run('form', 'getFields', { form: rl('list', '') })).rejects.toThrow(
			'The workflow has issues',
		);
		const result = await run('form', 'getFields', { form: rl('id', '={{ "" }}') });
		expect(result.error?.message).toBe('"Form" is required but was empty');
		expect(peopleCalls()).toHaveLength(0);
	});
});

describe('Zoho People employee locators', () => {
	it('lists employees 200 a page, by record ID, and the token gives the next page', async () => {
		const seeded = w.sb.people.seedEmployees(450);
		w.sb.clearRequests();
		const first = await search('searchEmployees');
		expect(first.results).toHaveLength(200);
		expect(first.results[0]).toEqual({
			name: 'First1 Last1 (EMP0001)',
			value: String(seeded[0].Zoho_ID),
			description: 'employee1@example.com',
		});
		expect(first.results[0].value).toMatch(/^\d{18}$/);
		expect(first.paginationToken).toBe('201');
		const second = await search('searchEmployees', undefined, '201');
		expect(second.results[0].value).toBe(String(seeded[200].Zoho_ID));
		expect(second.paginationToken).toBe('401');
		const third = await search('searchEmployees', undefined, '401');
		expect(third.results.map((r) => r.value)).toEqual(
			seeded.slice(400).map((e) => String(e.Zoho_ID)),
		);
		expect(third.paginationToken).toBeUndefined();
		expect(peopleCalls().map((r) => [r.path, r.query])).toEqual([
			['/people/api/forms/employee/getRecords', { sIndex: '1', limit: '200' }],
			['/people/api/forms/employee/getRecords', { sIndex: '201', limit: '200' }],
			['/people/api/forms/employee/getRecords', { sIndex: '401', limit: '200' }],
		]);
	});

	it("searches a whole email with People's SearchColumn, other text with searchParams", async () => {
		w.sb.people.seedEmployees(25);
		w.sb.clearRequests();
		const byEmail = await search('searchEmployeeIds', 'employee12@example.com');
		expect(byEmail).toEqual({
			results: [
				{
					name: 'First12 Last12 (EMP0012)',
					value: 'EMP0012',
					description: 'employee12@example.com',
				},
			],
		});
		expect(peopleCalls()[0].query).toEqual({
			sIndex: '1',
			limit: '200',
			SearchColumn: 'EMPLOYEEMAILALIAS',
			SearchValue: 'employee12@example.com',
		});
		// "last2" is in Last2 and Last20–Last25; OR over the four fields (assumption, see listSearch.ts).
		const byText = await search('searchEmployeeIds', 'last2');
		expect(byText.results.map((r) => r.value)).toEqual([
			'EMP0002',
			'EMP0020',
			'EMP0021',
			'EMP0022',
			'EMP0023',
			'EMP0024',
			'EMP0025',
		]);
		const condition = (searchField: string) =>
			JSON.stringify({
				searchField,
				searchOperator: 'Contains',
				searchText: 'last2',
				searchCriteria: 'OR',
			});
		expect(peopleCalls()[1].query).toEqual({
			sIndex: '1',
			limit: '200',
			searchParams: ['FirstName', 'LastName', 'EmployeeID', 'EmailID'].map(condition).join('|'),
		});
		// No match is People's "No records found" (7024): an empty list, not an error.
		expect(await search('searchEmployees', 'nobody-here')).toEqual({
			results: [],
			paginationToken: undefined,
		});
		expect(peopleCalls()).toHaveLength(3);
	});

	it.each([
		['From List', (id: string) => rl('list', id)],
		['By Record ID', (id: string) => rl('id', id)],
		['saved as text', (id: string) => id],
	])(
		'updates and gets the employee chosen %s by its exact 18-digit record ID',
		async (_m, pick) => {
			const [employee] = w.sb.people.seedEmployees(1);
			const id = String(employee.Zoho_ID);
			w.sb.clearRequests();
			const updated = await run('employee', 'update', {
				recordId: pick(id),
				inputDataMode: 'json',
				inputDataJson: '{"Designation":"Fellow"}',
			});
			expect(updated.error).toBeUndefined();
			const got = jsonOf(await run('employee', 'get', { findBy: 'recordId', recordId: pick(id) }));
			expect(peopleCalls().map((r) => [r.path, r.form?.recordId ?? r.query.recordId])).toEqual([
				['/people/api/forms/json/employee/updateRecord', id],
				['/people/api/forms/employee/getDataByID', id],
			]);
			expect(got[0]).toMatchObject({ recordId: id, Designation: 'Fellow' });
		},
	);

	it.each([
		['From List', rl('list', 'EMP0002')],
		['By Employee ID', rl('id', 'EMP0002')],
		['saved as text', 'EMP0002'],
	])('sends the Employee ID chosen %s to leave types and time logs', async (_m, employee) => {
		w.sb.people.seedEmployees(2);
		w.sb.clearRequests();
		expect((await run('leave', 'getTypes', { userId: employee })).error).toBeUndefined();
		const logs = await run('timeLog', 'getAll', {
			user: employee,
			fromDate: '2031-03-01',
			toDate: '2031-03-31',
			returnAll: true,
		});
		expect(logs.error).toBeUndefined();
		expect(peopleCalls().map((r) => [r.path, r.query.userId ?? r.query.user])).toEqual([
			['/people/api/leave/getLeaveTypeDetails', 'EMP0002'],
			['/people/api/timetracker/gettimelogs', 'EMP0002'],
		]);
	});
});

describe('Zoho People Simplify', () => {
	it('keeps the documented main fields of employees on version 1.1, every field on version 1', async () => {
		w.sb.people.seedEmployees(2);
		const simple = jsonOf(await run('employee', 'getAll', { returnAll: true }));
		expect(simple).toHaveLength(2);
		expect(Object.keys(simple[0])).toEqual([
			'recordId',
			'EmployeeID',
			'FirstName',
			'LastName',
			'EmailID',
			'Department',
			'Designation',
			'Employeestatus',
			'Date_of_joining',
		]);
		const full = jsonOf(await run('employee', 'getAll', { returnAll: true, simplify: false }));
		expect(full[0]).toHaveProperty('Zoho_ID');
		const one = jsonOf(await run('employee', 'get', { findBy: 'EMPLOYEEID', value: 'EMP0001' }))[0];
		expect(Object.keys(one)).toEqual(Object.keys(simple[0]));
		const v1 = jsonOf(await run('employee', 'getAll', { returnAll: true }, { typeVersion: 1 }));
		expect(v1[0]).toEqual(full[0]);
	});
});

describe('Zoho People workflow saved before the resource locators (version 1, plain text)', () => {
	it('runs as it did: text IDs sent as they are, full output', async () => {
		const [first, second] = w.sb.people.seedEmployees(2);
		w.sb.clearRequests();
		// The parameters as n8n saved them: text where the fields are now locators.
		const saved = [
			() => run('form', 'getFields', { form: 'employee' }, { typeVersion: 1 }),
			() =>
				run(
					'employee',
					'get',
					{ findBy: 'recordId', recordId: String(first.Zoho_ID) },
					{ typeVersion: 1 },
				),
			() =>
				run(
					'employee',
					'update',
					{
						recordId: '={{ $json.id }}',
						inputDataMode: 'json',
						inputDataJson: '{"Designation":"Lead"}',
					},
					{ typeVersion: 1, items: [{ id: String(second.Zoho_ID) }] },
				),
			() => run('leave', 'getTypes', { userId: 'employee1@example.com' }, { typeVersion: 1 }),
		];
		const results = [];
		for (const r of saved) results.push(await r());
		expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
		expect(peopleCalls().map((r) => r.path)).toEqual([
			'/people/api/forms/employee/components',
			'/people/api/forms/employee/getDataByID',
			'/people/api/forms/json/employee/updateRecord',
			'/people/api/leave/getLeaveTypeDetails',
		]);
		expect(peopleCalls()[1].query).toEqual({ recordId: String(first.Zoho_ID) });
		expect(peopleCalls()[2].form).toEqual({
			recordId: String(second.Zoho_ID),
			inputData: '{"Designation":"Lead"}',
		});
		expect(peopleCalls()[3].query).toEqual({ userId: 'employee1@example.com' });
		// Version 1 has no Simplify: the record with every field.
		expect(jsonOf(results[1])[0]).toHaveProperty('Zoho_ID', String(first.Zoho_ID));
	});
});
