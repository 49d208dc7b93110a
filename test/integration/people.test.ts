import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { Auth, World } from './world';
import { expectNoSecrets, jsonOf, useWorld } from './world';

const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
	w.sb.people.reset();
	w.sb.clearRequests();
});

const run = (
	auth: Auth,
	resource: string,
	operation: string,
	params: INodeParameters,
	opts: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) => w.run(auth, { resource, operation, ...params }, { nodeType: 'zohoPeople', ...opts });
const peopleCalls = () => w.sb.findRequests({ server: 'people' });
const last = () => peopleCalls().pop()!;

describe.each(['oAuth2', 'selfClient'] as Auth[])('Zoho People with %s', (auth) => {
	it("lists forms and a form's fields", async () => {
		const forms = jsonOf(await run(auth, 'form', 'getAll', {}));
		expect(forms.map((f) => f.formLinkName)).toEqual(['employee', 'department', 'leave']);
		expect(forms.find((f) => f.formLinkName === 'employee')!.componentId).toMatch(/^\d{18}$/);
		const fields = jsonOf(await run(auth, 'form', 'getFields', { form: 'employee' }));
		expect(last().path).toBe('/people/api/forms/employee/components');
		expect(fields.map((f) => f.labelname)).toEqual(
			w.sb.people.components('employee').map((f) => f.labelname),
		);
		expect(fields.map((f) => f.labelname)).toContain('EmailID');
	});

	it('gets 450 records in 3 calls of 200, flattened, with exact 18-digit IDs', async () => {
		const seeded = w.sb.people.seedEmployees(450);
		w.sb.clearRequests();
		const records = jsonOf(
			await run(auth, 'record', 'getAll', { form: 'employee', returnAll: true }),
		);
		expect(records).toHaveLength(450);
		expect(peopleCalls().map((r) => [r.query.sIndex, r.query.limit])).toEqual([
			['1', '200'],
			['201', '200'],
			['401', '200'],
		]);
		expect(records[0].recordId).toBe(String(seeded[0].Zoho_ID));
		expect(records[0].Zoho_ID).toBe(String(seeded[0].Zoho_ID));
		expect(records[0].recordId).toMatch(/^\d{18}$/);
		expect(records[0].EmailID).toBe(seeded[0].EmailID);
	});

	it('stops at the limit, and searches by column and modified time', async () => {
		w.sb.people.seedEmployees(30);
		w.sb.clearRequests();
		expect(
			jsonOf(await run(auth, 'record', 'getAll', { form: 'employee', returnAll: false, limit: 5 })),
		).toHaveLength(5);
		expect(last().query).toMatchObject({ sIndex: '1', limit: '5' });
		const found = jsonOf(
			await run(auth, 'record', 'getAll', {
				form: 'employee',
				returnAll: true,
				filters: {
					searchColumn: 'EMPLOYEEMAILALIAS',
					searchValue: 'employee3@example.com',
					modifiedSince: '2020-01-01T00:00:00Z',
				},
			}),
		);
		expect(found).toHaveLength(1);
		expect(last().query).toMatchObject({
			SearchColumn: 'EMPLOYEEMAILALIAS',
			SearchValue: 'employee3@example.com',
			modifiedtime: '1577836800000',
		});
	});

	it('gets, inserts and updates records with inputData from fields or JSON', async () => {
		const inserted = jsonOf(
			await run(auth, 'record', 'insert', {
				form: 'employee',
				inputDataMode: 'fields',
				inputData: {
					field: [
						{ name: 'EmployeeID', value: 'N8N1' },
						{ name: 'FirstName', value: 'Grace' },
						{ name: 'LastName', value: 'Hopper' },
						{ name: 'EmailID', value: 'grace@example.com' },
					],
				},
			}),
		)[0];
		const request = last();
		expect(request).toMatchObject({
			method: 'POST',
			path: '/people/api/forms/json/employee/insertRecord',
		});
		expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
		expect(JSON.parse(request.form!.inputData as string)).toEqual({
			EmployeeID: 'N8N1',
			FirstName: 'Grace',
			LastName: 'Hopper',
			EmailID: 'grace@example.com',
		});
		const id = inserted.recordId as string;
		expect(id).toMatch(/^\d{18}$/);

		const updated = await run(auth, 'record', 'update', {
			form: 'employee',
			recordId: id,
			inputDataMode: 'json',
			inputDataJson: '{"Department":"Research"}',
		});
		expect(updated.error).toBeUndefined();
		expect(last().form).toEqual({ recordId: id, inputData: '{"Department":"Research"}' });
		const got = jsonOf(await run(auth, 'record', 'get', { form: 'employee', recordId: id }))[0];
		expect(last().query).toEqual({ recordId: id });
		expect(got.recordId).toBe(id);
		expect(got.Department).toBe('Research');
	});

	it('gets an employee by email and by employee ID, creates and updates one', async () => {
		w.sb.people.seedEmployees(3);
		const byEmail = jsonOf(
			await run(auth, 'employee', 'get', {
				findBy: 'EMPLOYEEMAILALIAS',
				value: 'employee2@example.com',
			}),
		);
		expect(byEmail).toHaveLength(1);
		expect(last().query).toMatchObject({
			SearchColumn: 'EMPLOYEEMAILALIAS',
			SearchValue: 'employee2@example.com',
			limit: '1',
		});
		const byId = jsonOf(
			await run(auth, 'employee', 'get', {
				findBy: 'EMPLOYEEID',
				value: byEmail[0].EmployeeID as string,
			}),
		);
		expect(byId[0].recordId).toBe(byEmail[0].recordId);
		const created = jsonOf(
			await run(auth, 'employee', 'create', {
				inputDataMode: 'json',
				inputDataJson:
					'{"EmployeeID":"E9","FirstName":"Alan","LastName":"Turing","EmailID":"alan@example.com"}',
			}),
		)[0];
		expect(last().path).toBe('/people/api/forms/json/employee/insertRecord');
		await run(auth, 'employee', 'update', {
			recordId: created.recordId as string,
			inputDataMode: 'json',
			inputDataJson: '{"Designation":"Fellow"}',
		});
		expect(last().path).toBe('/people/api/forms/json/employee/updateRecord');
		expect(jsonOf(await run(auth, 'employee', 'getAll', { returnAll: true }))).toHaveLength(4);
	});

	it("checks an employee in and out with the time in People's format", async () => {
		w.sb.people.seedEmployees(1);
		const inResult = await run(auth, 'attendance', 'checkIn', {
			employeeBy: 'emailId',
			employee: 'employee1@example.com',
			punchOptions: { time: '2031-03-10T09:05:00', location: 'Office' },
		});
		expect(inResult.error).toBeUndefined();
		expect(last()).toMatchObject({ method: 'POST', path: '/people/api/attendance' });
		expect(last().query).toEqual({
			dateFormat: 'dd/MM/yyyy HH:mm:ss',
			checkIn: '10/03/2031 09:05:00',
			emailId: 'employee1@example.com',
			location: 'Office',
		});
		const out = await run(auth, 'attendance', 'checkOut', {
			employeeBy: 'empId',
			employee: 'EMP0001',
			punchOptions: { time: '2031-03-10T17:30:00' },
		});
		expect(out.error).toBeUndefined();
		expect(last().query).toMatchObject({ checkOut: '10/03/2031 17:30:00', empId: 'EMP0001' });
		const entries = await run(auth, 'attendance', 'getEntries', {
			from: '2031-03-10T00:00:00',
			to: '2031-03-11',
			emailId: 'employee1@example.com',
		});
		expect(entries.error).toBeUndefined();
		expect(last().query).toEqual({
			sdate: '2031-03-10',
			edate: '2031-03-11',
			dateFormat: 'yyyy-MM-dd',
			emailId: 'employee1@example.com',
		});
		// One entry per day asked for: the day of the punches, and the next one without any.
		expect(jsonOf(entries).map((e) => [e.date, e.Status, e.FirstIn, e.LastOut])).toEqual([
			['2031-03-10', 'Present', '09:05', '17:30'],
			['2031-03-11', 'Absent', '-', '-'],
		]);
	});

	it('lists leave types, applies for leave and lists leave records', async () => {
		const [emp] = w.sb.people.seedEmployees(1);
		const types = jsonOf(await run(auth, 'leave', 'getTypes', { userId: emp.EmailID as string }));
		expect(types.map((t) => t.Id)).toEqual(w.sb.people.leaveTypeList.map((t) => t.Id));
		const typeId = String(types[0].Id);
		const applied = await run(auth, 'leave', 'apply', {
			employeeId: emp.EmployeeID as string,
			leaveTypeId: typeId,
			from: '2031-03-12T00:00:00',
			to: '2031-03-13',
			reason: 'Conference',
		});
		expect(applied.error).toBeUndefined();
		expect(last().path).toBe('/people/api/forms/json/leave/insertRecord');
		expect(JSON.parse(last().form!.inputData as string)).toEqual({
			Employee_ID: emp.EmployeeID,
			Leavetype: typeId,
			From: '12-Mar-2031',
			To: '13-Mar-2031',
			Reasonforleave: 'Conference',
		});
		w.sb.people.seedLeaves(450, { from: '2030-01-01' });
		w.sb.clearRequests();
		const records = jsonOf(
			await run(auth, 'leave', 'getAll', {
				from: '2030-01-01T00:00:00',
				to: '2031-12-31',
				returnAll: true,
			}),
		);
		// The 450 seeded plus the one applied for above, all inside the range asked for.
		expect(records).toHaveLength(451);
		expect(w.sb.people.records.get('leave')).toHaveLength(451);
		expect(peopleCalls().map((r) => r.query.startIndex)).toEqual(['0', '200', '400']);
		expect(records[0].recordId).toMatch(/^\d{18}$/);
	});

	it('adds and lists time logs', async () => {
		const [emp] = w.sb.people.seedEmployees(1);
		const jobId = w.sb.people.jobs[0].jobId;
		const added = await run(auth, 'timeLog', 'add', {
			user: emp.EmailID as string,
			workDate: '2031-03-10T00:00:00',
			jobId,
			hours: '02:30',
			timeLogOptions: { billingStatus: 'Non-Billable', description: 'Review' },
		});
		expect(added.error).toBeUndefined();
		expect(last().query).toMatchObject({
			user: emp.EmailID,
			workDate: '2031-03-10',
			dateFormat: 'yyyy-MM-dd',
			jobId,
			hours: '02:30',
			description: 'Review',
		});
		const logs = jsonOf(
			await run(auth, 'timeLog', 'getAll', {
				user: emp.EmailID as string,
				fromDate: '2031-03-01T00:00:00',
				toDate: '2031-03-31',
				returnAll: true,
			}),
		);
		expect(logs).toHaveLength(1);
	});

	it("keeps going on failure: one error item per failed input, with People's code", async () => {
		w.sb.people.seedEmployees(2);
		const result = await run(
			auth,
			'record',
			'getAll',
			{ form: '={{ $json.form }}', returnAll: false, limit: 1 },
			{
				items: [{ form: 'employee' }, { form: 'nosuchform' }, { form: 'employee' }],
				continueOnFail: true,
			},
		);
		const out = jsonOf(result);
		expect(out).toHaveLength(3);
		expect(out[1].error).toMatch(/^Zoho People: .*\(code 7011\) \[HTTP 200\]$/);
		expect(out[0].recordId).toBeDefined();
		expect(out[2].recordId).toBeDefined();
		expectNoSecrets(result, w.secrets);
	});

	it('waits out a 7209 lock that fits the bound: one refusal, one re-send after the lock ended', async () => {
		await run(auth, 'form', 'getAll', {}); // get a token first: only /forms calls below
		w.sb.clearRequests();
		const LOCK_MS = 700;
		// One call a window passes; the second locks /forms for LOCK_MS. The node's first wait (1 s)
		// outlasts the lock, so the re-send goes through.
		w.sb.people.setThreshold({
			path: '/people/api/forms',
			limit: 1,
			windowMs: 60000,
			lockMs: LOCK_MS,
		});
		const codes: unknown[] = [];
		w.sb.overrideReplies({
			server: 'people',
			pathIncludes: '/people/api/forms',
			reply: async (r, real) => {
				const reply = await real(r);
				codes.push(
					(JSON.parse(reply.body) as { response: { errors?: { code: number } } }).response.errors
						?.code ?? 'ok',
				);
				return reply;
			},
		});
		const waited = await run(
			auth,
			'form',
			'getAll',
			{ options: { maxWaitSeconds: 600 } },
			{ items: [{}, {}] },
		);
		expect(waited.error).toBeUndefined();
		expect(jsonOf(waited)).toHaveLength(2 * w.sb.people.formList().length);
		const calls = peopleCalls();
		expect(calls.map((c) => c.path)).toEqual([
			'/people/api/forms',
			'/people/api/forms',
			'/people/api/forms',
		]);
		expect(codes).toEqual(['ok', 7209, 'ok']);
		// The re-send came after the lock had ended (sandbox timestamps, not the test's clock).
		expect(calls[2].at - calls[1].answeredAt!).toBeGreaterThanOrEqual(LOCK_MS);
	});

	it('fails at once naming the endpoint when the 7209 lock outlasts the bound', async () => {
		w.sb.people.setThreshold({
			path: '/people/api/forms',
			limit: 0,
			windowMs: 60000,
			lockMs: 300000,
		});
		const failed = jsonOf(
			await run(
				auth,
				'form',
				'getAll',
				{ options: { maxWaitSeconds: 60 } },
				{ continueOnFail: true },
			),
		)[0];
		// Sent once, never re-sent: the lock (5 minutes by Zoho's docs) cannot end within 60 s.
		expect(peopleCalls().filter((c) => c.path === '/people/api/forms')).toHaveLength(1);
		expect(failed.error).toMatch(
			/^Zoho People: \/people\/api\/forms is locked after its threshold limit was exceeded \(Zoho code 7209\); access returns after the lock period \(up to 5 minutes\)/,
		);
		expect((failed.quota as IDataObject).kind).toBe('lockPeriod');
	});

	// Assumption: Zoho does not document People's answer over the daily cap; the sandbox chose code
	// 7210 and the words "API call limit for the day exceeded" (docs/reference/zoho-api.md §4: 7209 is the only code seen).
	it('reports the daily cap as a daily limit (assumption: code 7210, sandbox wording)', async () => {
		w.sb.people.setDailyLimit(1);
		const out = jsonOf(
			await run(auth, 'form', 'getAll', {}, { items: [{}, {}], continueOnFail: true }),
		);
		// Item 0 lists the sandbox's forms; item 1 is refused.
		expect(out.map((o) => o.error !== undefined)).toEqual([
			...w.sb.people.formList().map(() => false),
			true,
		]);
		const failed = out[out.length - 1];
		expect(failed.error).toMatch(
			/^Zoho People: daily API limit of 1 calls for this organization reached \(Zoho code 7210\); resets at 00:00/,
		);
		expect((failed.quota as IDataObject).kind).toBe('daily');
		expect(peopleCalls()).toHaveLength(2); // a daily cap is never re-sent
	});

	// Errors whose words sound like a quota ("locked", "per day") but are about the data: a plain
	// error, sent once, with no quota. (Codes chosen by the test; only the words matter here.)
	it.each([
		['The record is locked for editing', 7013],
		['Leave cannot exceed 2 days per day type', 7055],
	])('does not take "%s" for a quota', async (message, code) => {
		await run(auth, 'form', 'getAll', {}); // get a token first: only /forms calls below
		w.sb.clearRequests();
		w.sb.overrideReplies({
			server: 'people',
			pathIncludes: '/people/api/forms',
			times: 1,
			reply: {
				status: 200,
				headers: { 'content-type': 'application/json;charset=UTF-8' },
				body: JSON.stringify({
					response: {
						message: 'Error occurred',
						uri: '/api/forms',
						errors: { code, message },
						status: 1,
					},
				}),
			},
		});
		const [out] = jsonOf(
			await run(
				auth,
				'form',
				'getAll',
				{ options: { maxWaitSeconds: 600 } },
				{ continueOnFail: true },
			),
		);
		expect(out.error).toBe(`Zoho People: ${message} (code ${code}) [HTTP 200]`);
		expect(out.quota).toBeUndefined();
		expect(peopleCalls()).toHaveLength(1);
	});

	it('renews an expired token whether People says so with HTTP 200 or 401', async () => {
		for (const status of [200, 401] as const) {
			w.sb.people.invalidTokenStatus = status;
			await run(auth, 'form', 'getAll', {});
			w.sb.expireAccessTokens();
			const before = w.sb.tokenEndpointCalls();
			const result = await run(auth, 'form', 'getAll', {});
			expect(result.error).toBeUndefined();
			expect(w.sb.tokenEndpointCalls() - before).toBe(1);
		}
	});
});

describe('People Custom API Call', () => {
	it('calls any path on the People host with an inputData body, and pages GET lists', async () => {
		w.sb.people.seedEmployees(250);
		w.sb.clearRequests();
		const list = jsonOf(
			await w.run(
				'oAuth2',
				{
					resource: 'customApiCall',
					operation: 'request',
					method: 'GET',
					path: '/people/api/forms/employee/getRecords',
					returnAll: true,
				},
				{ nodeType: 'zohoPeople' },
			),
		);
		expect(list).toHaveLength(250);
		expect(peopleCalls()).toHaveLength(2);
		const inserted = await w.run(
			'oAuth2',
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'POST',
				path: '/api/forms/json/employee/insertRecord',
				bodyFormat: 'inputData',
				body: '{"EmployeeID":"X1","FirstName":"Custom","LastName":"Call","EmailID":"x1@example.com"}',
			},
			{ nodeType: 'zohoPeople' },
		);
		expect(inserted.error).toBeUndefined();
		expect(last().form).toEqual({
			inputData:
				'{"EmployeeID":"X1","FirstName":"Custom","LastName":"Call","EmailID":"x1@example.com"}',
		});
		const hostile = await w.run(
			'oAuth2',
			{ resource: 'customApiCall', operation: 'request', method: 'GET', path: '//evil.example/x' },
			{ nodeType: 'zohoPeople' },
		);
		expect(hostile.error?.message).toMatch(/refused before sending/);
	});
});
