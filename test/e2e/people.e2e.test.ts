/**
 * Zoho People node in a real n8n (2.8.4 on Node 20 and 2.41.1 on Node 24), against the Zoho
 * sandbox running as its own process, with the credential's Custom data center pointing at it.
 * The package is packed and installed into <user folder>/.n8n/nodes; workflows run through
 * `n8n execute`.
 *
 * One workflow per credential type (OAuth2 with issued tokens, Self Client with a grant code):
 *   Manual → Get Employees (Return All) → Create Employee (execute once) → Get By Email
 *          → Get By Record ID (record ID taken from Create Employee by an expression)
 *
 * One chain of the node's ready-made operations (OAuth2), run once:
 *   Manual → Insert Department → Update Department (record ID from the insert) → Get Department
 *          (record ID from the update) → Check In → Check Out → Attendance Entries → Leave Types
 *          → Apply Leave (leave type ID from Leave Types) → Leave Records → Add Time Log → Time Logs
 * and one continue-on-fail workflow: Manual → Code (3 record IDs, the middle one unknown)
 *          → Get Each (Record Get, onError continueRegularOutput).
 *
 * Skip with ZOHO_E2E=0. Limit lines with ZOHO_E2E_LINES=2.8 (comma separated).
 */
import {
	CLI_TIMEOUT_MS,
	INSTALL_TIMEOUT_MS,
	createUserFolder,
	describeE2E,
	ensureN8n,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	nodeOutput,
	removeUserFolders,
	startSandboxProcess,
	stopAll,
	type SandboxProcess,
} from './n8n';
import {
	CLIENT_ID,
	PEOPLE_NODE_TYPE,
	authOf,
	chainWorkflow,
	control,
	expectSuccess,
	oauthCredential,
	peopleEmployeeCount,
	recordedRequests,
	runCounts,
	selectedLines,
	selfClientCredential,
	tokenCalls,
	type CredRef,
	type Recorded,
} from './workflows';

/** Employees seeded before the first workflow runs: 2 pages of 200 (tests read the current count). */
const EMPLOYEES = 250;
const PAGE_SIZE = 200;

/**
 * The change times People's answers carry before the fields (ms as text): `CreatedTime` as in
 * Zoho's sample, `ModifiedTime` an assumption of the sandbox (test/sandbox/README.md).
 */
const RECORD_TIMES = {
	CreatedTime: expect.stringMatching(/^\d{13}$/),
	ModifiedTime: expect.stringMatching(/^\d{13}$/),
};

/* eslint-disable @typescript-eslint/no-explicit-any */
interface NewEmployee {
	EmployeeID: string;
	FirstName: string;
	LastName: string;
	EmailID: string;
}

function peopleWorkflow(
	id: string,
	cred: CredRef,
	emp: NewEmployee,
	inputAs: 'fields' | 'json',
): Record<string, unknown> {
	const authentication = authOf(cred);
	const insertParams =
		inputAs === 'fields'
			? {
					inputDataMode: 'fields',
					inputData: { field: Object.entries(emp).map(([name, value]) => ({ name, value })) },
				}
			: { inputDataMode: 'json', inputDataJson: JSON.stringify(emp) };
	return chainWorkflow(id, `People e2e (${authentication})`, [
		{
			name: 'Get Employees',
			type: PEOPLE_NODE_TYPE,
			parameters: { authentication, resource: 'employee', operation: 'getAll', returnAll: true },
			credential: cred,
		},
		{
			name: 'Create Employee',
			type: PEOPLE_NODE_TYPE,
			parameters: { authentication, resource: 'employee', operation: 'create', ...insertParams },
			credential: cred,
			// The list above gives one item per employee; the record is inserted once.
			settings: { executeOnce: true },
		},
		{
			name: 'Get By Email',
			type: PEOPLE_NODE_TYPE,
			parameters: {
				authentication,
				resource: 'employee',
				operation: 'get',
				findBy: 'EMPLOYEEMAILALIAS',
				value: emp.EmailID,
			},
			credential: cred,
		},
		{
			name: 'Get By Record ID',
			type: PEOPLE_NODE_TYPE,
			parameters: {
				authentication,
				resource: 'employee',
				operation: 'get',
				findBy: 'recordId',
				recordId: "={{ $('Create Employee').item.json.recordId }}",
			},
			credential: cred,
		},
	]);
}

/** The employee the attendance, leave and time-log steps are about (seeded: EMP0007). */
const WORKER = { EmployeeID: 'EMP0007', EmailID: 'employee7@example.com' };
/** Leave type and job of the sandbox (test/sandbox/peopleData.ts LEAVE_TYPES, JOBS). */
const SICK_LEAVE_ID = '412762000000040005';
const SUPPORT_JOB_ID = '412762000000060005';
/** 18 digits, never issued by the sandbox (its ids count up from 412762000000100001). */
const UNKNOWN_RECORD_ID = '412762000999999999';

const NEW_DEPARTMENT = { Department: 'E2E Research', MailAlias: 'research@example.com' };
const DEPARTMENT_UPDATE = { MailAlias: 'research-lab@example.com' };

/** Department record, then attendance, leave and time logs, all through ready-made operations. */
function chainOfOperations(id: string, cred: CredRef): Record<string, unknown> {
	const authentication = authOf(cred);
	const people = (
		name: string,
		parameters: Record<string, unknown>,
		settings?: Record<string, unknown>,
	) => ({
		name,
		type: PEOPLE_NODE_TYPE,
		parameters: { authentication, ...parameters },
		credential: cred,
		...(settings ? { settings } : {}),
	});
	return chainWorkflow(id, `People operations chain (${authentication})`, [
		people('Insert Department', {
			resource: 'record',
			operation: 'insert',
			form: 'department',
			inputDataMode: 'fields',
			inputData: {
				field: Object.entries(NEW_DEPARTMENT).map(([name, value]) => ({ name, value })),
			},
		}),
		people('Update Department', {
			resource: 'record',
			operation: 'update',
			form: 'department',
			recordId: "={{ $('Insert Department').item.json.recordId }}",
			inputDataMode: 'json',
			inputDataJson: JSON.stringify(DEPARTMENT_UPDATE),
		}),
		people('Get Department', {
			resource: 'record',
			operation: 'get',
			form: 'department',
			recordId: "={{ $('Update Department').item.json.recordId }}",
		}),
		people('Check In', {
			resource: 'attendance',
			operation: 'checkIn',
			employeeBy: 'empId',
			employee: WORKER.EmployeeID,
			// Wall-clock time without an offset: sent as written.
			punchOptions: { time: '2031-03-10T09:15:20', location: 'HQ' },
		}),
		people('Check Out', {
			resource: 'attendance',
			operation: 'checkOut',
			employeeBy: 'emailId',
			employee: WORKER.EmailID,
			// An instant: 12:15:20Z is 17:45:20 in Asia/Kolkata (+05:30).
			punchOptions: { time: '2031-03-10T12:15:20Z', timeZone: 'Asia/Kolkata' },
		}),
		people('Attendance Entries', {
			resource: 'attendance',
			operation: 'getEntries',
			from: '2031-03-10',
			to: '2031-03-10',
			emailId: WORKER.EmailID,
		}),
		people('Leave Types', { resource: 'leave', operation: 'getTypes', userId: WORKER.EmployeeID }),
		people(
			'Apply Leave',
			{
				resource: 'leave',
				operation: 'apply',
				employeeId: WORKER.EmployeeID,
				// The 18-digit Id of a type listed by Leave Types (a bare integer on the wire).
				leaveTypeId:
					"={{ $('Leave Types').all().find((t) => t.json.Name === 'Sick Leave').json.Id }}",
				from: '2031-03-12',
				to: '2031-03-13',
				reason: 'E2E conference',
			},
			// Leave Types gives one item per type; the leave is applied for once.
			{ executeOnce: true },
		),
		people('Leave Records', {
			resource: 'leave',
			operation: 'getAll',
			from: '2031-03-01',
			to: '2031-03-31',
			returnAll: true,
			filters: { employee: WORKER.EmployeeID },
		}),
		people('Add Time Log', {
			resource: 'timeLog',
			operation: 'add',
			user: WORKER.EmailID,
			workDate: '2031-03-11',
			jobId: SUPPORT_JOB_ID,
			hours: '02:30',
			timeLogOptions: { billingStatus: 'Non-Billable', description: 'E2E review' },
		}),
		people('Time Logs', {
			resource: 'timeLog',
			operation: 'getAll',
			user: WORKER.EmployeeID,
			fromDate: '2031-03-01',
			toDate: '2031-03-31',
			returnAll: true,
		}),
	]);
}

/** Code node version used on both lines (n8n-nodes-base.code has versions 1 and 2 on 2.8 and 2.41). */
const CODE_NODE_VERSION = 2;

/** Manual → Code (three items) → Get Each (Record Get, continue on fail). */
function continueOnFailWorkflow(
	id: string,
	cred: CredRef,
	recordIds: [string, string, string],
): Record<string, unknown> {
	const authentication = authOf(cred);
	const wf = chainWorkflow(id, `People continue on fail (${authentication})`, [
		{
			name: 'Three IDs',
			type: 'n8n-nodes-base.code',
			parameters: {
				mode: 'runOnceForAllItems',
				language: 'javaScript',
				jsCode: `return ${JSON.stringify(recordIds.map((recordId) => ({ json: { recordId } })))};`,
			},
		},
		{
			name: 'Get Each',
			type: PEOPLE_NODE_TYPE,
			parameters: {
				authentication,
				resource: 'record',
				operation: 'get',
				form: 'department',
				recordId: '={{ $json.recordId }}',
			},
			credential: cred,
			settings: { onError: 'continueRegularOutput' },
		},
	]);
	for (const node of wf.nodes as Array<{ name: string; typeVersion: number }>)
		if (node.name === 'Three IDs') node.typeVersion = CODE_NODE_VERSION;
	return wf;
}

interface PeopleState {
	records: Record<string, Array<Record<string, string>>>;
	attendance: Array<{ erecno: string; checkIn?: string; checkOut?: string; location?: string }>;
	timeLogs: Array<{
		timelogId: string;
		erecno: string;
		jobId: string;
		workDate: string;
		minutes: number;
		billingStatus: string;
		description: string;
	}>;
}

/** Output items (whole n8n items, with pairedItem) of a node's last run. */
function outputItems(execution: any, nodeName: string): any[] {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	return runs?.length ? (runs[runs.length - 1].data?.main?.[0] ?? []) : [];
}

describeE2E.each(selectedLines)('Zoho People in n8n %s (e2e)', (line) => {
	let sb: SandboxProcess;
	let home: string;
	/** Zoho_IDs of the seeded employees, as strings (from the control API's raw JSON). */
	let seededIds: string[] = [];

	const oauthCred: CredRef = {
		type: 'zohoRegionalOAuth2Api',
		id: 'zohoPplOauthE2E1',
		name: 'Zoho OAuth2 People (sandbox)',
	};
	const selfCred: CredRef = {
		type: 'zohoSelfClientApi',
		id: 'zohoPplSelfE2E01',
		name: 'Zoho Self Client People (sandbox)',
	};
	const wf = {
		oauth: 'zPplOauthFlow01',
		self: 'zPplSelfFlow001',
		chain: 'zPplOpsChain001',
		continueOnFail: 'zPplContFail001',
	};
	/** Department records seeded for the continue-on-fail workflow. */
	let departmentIds: string[] = [];
	const ada: NewEmployee = {
		EmployeeID: 'E2E-ADA',
		FirstName: 'Ada',
		LastName: 'Lovelace',
		EmailID: 'ada.e2e@example.com',
	};
	const alan: NewEmployee = {
		EmployeeID: 'E2E-ALAN',
		FirstName: 'Alan',
		LastName: 'Turing',
		EmailID: 'alan.e2e@example.com',
	};

	const peopleRequests = async (): Promise<Recorded[]> =>
		(await recordedRequests(sb)).filter((r) => r.server === 'people');
	const peopleState = (forms: string[] = []): Promise<PeopleState> =>
		control<PeopleState>(sb, 'people-state', { forms });

	beforeAll(async () => {
		await ensureN8n(line);
		sb = await startSandboxProcess();
		home = await createUserFolder(`people-${line}`);
		const existing = await peopleEmployeeCount(sb);
		({ ids: seededIds } = await control<{ ids: string[] }>(sb, 'people-seed', {
			form: 'employee',
			n: EMPLOYEES - existing,
		}));
		({ ids: departmentIds } = await control<{ ids: string[] }>(sb, 'people-seed', {
			form: 'department',
			n: 2,
		}));
		await importCredentials(line, home, [
			await oauthCredential(sb, oauthCred),
			await selfClientCredential(sb, selfCred),
		]);
		await importWorkflow(line, home, [
			peopleWorkflow(wf.oauth, oauthCred, ada, 'fields'),
			peopleWorkflow(wf.self, selfCred, alan, 'json'),
			chainOfOperations(wf.chain, oauthCred),
			continueOnFailWorkflow(wf.continueOnFail, oauthCred, [
				departmentIds[0],
				UNKNOWN_RECORD_ID,
				departmentIds[1],
			]),
		]);
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await stopAll();
		removeUserFolders();
	});

	beforeEach(async () => {
		await control(sb, 'clear-requests');
	});

	/**
	 * Runs one workflow and checks everything but the credential-specific token traffic. The
	 * employees expected are read from the sandbox first, so no test depends on which ran before.
	 */
	async function runAndCheck(
		id: string,
		emp: NewEmployee,
	): Promise<{ created: any; requests: Recorded[] }> {
		const expectedList = await peopleEmployeeCount(sb);
		await control(sb, 'clear-requests'); // the count's own reads
		// Two pages of 200, as the request checks below expect.
		expect(expectedList).toBeGreaterThan(PAGE_SIZE);
		expect(expectedList).toBeLessThan(2 * PAGE_SIZE);
		const r = await executeWorkflow(line, home, id);
		expectSuccess(r);
		expect(runCounts(r.execution)).toEqual({
			Manual: 1,
			'Get Employees': 1,
			'Create Employee': 1,
			'Get By Email': 1,
			'Get By Record ID': 1,
		});

		// Get Employees: flattened records, exact 18-digit ids as strings.
		const list = nodeOutput(r.execution, 'Get Employees');
		expect(list).toHaveLength(expectedList);
		for (const rec of list) {
			expect(typeof rec.recordId).toBe('string');
			expect(rec.recordId).toMatch(/^\d{18}$/);
			expect(rec.Zoho_ID).toBe(rec.recordId);
		}
		expect(new Set(list.map((x) => x.recordId)).size).toBe(expectedList);
		const byId = new Map(list.map((x) => [x.recordId as string, x]));
		for (const seeded of seededIds) expect(byId.has(seeded)).toBe(true);
		const last = byId.get(seededIds[seededIds.length - 1]);
		expect(last).toMatchObject({
			EmployeeID: expect.stringMatching(/^EMP\d+$/),
			EmailID: expect.stringMatching(/@example\.com$/),
		});

		// Create Employee: one insert, the new record's id as an exact string.
		const created = nodeOutput(r.execution, 'Create Employee');
		expect(created).toHaveLength(1);
		expect(created[0].recordId).toMatch(/^\d{18}$/);
		expect(created[0].message).toBe('Data added successfully');

		// Get By Email (getRecords, flattened): the record just inserted, with recordId.
		const byEmail = nodeOutput(r.execution, 'Get By Email');
		expect(byEmail).toHaveLength(1);
		expect(byEmail[0]).toMatchObject({
			...emp,
			recordId: created[0].recordId,
			Zoho_ID: created[0].recordId,
		});
		// Get By Record ID (getDataByID answers un-nested records): the same record, with recordId
		// taken from its Zoho_ID, both exact strings.
		const byRecordId = nodeOutput(r.execution, 'Get By Record ID');
		expect(byRecordId).toHaveLength(1);
		expect(byRecordId[0]).toMatchObject({
			...emp,
			recordId: created[0].recordId,
			Zoho_ID: created[0].recordId,
		});

		// The calls People received, in order: 2 pages, insert, search by email, get by id.
		const requests = await peopleRequests();
		expect(requests.map((q) => `${q.method} ${q.path}`)).toEqual([
			'GET /people/api/forms/employee/getRecords',
			'GET /people/api/forms/employee/getRecords',
			'POST /people/api/forms/json/employee/insertRecord',
			'GET /people/api/forms/employee/getRecords',
			'GET /people/api/forms/employee/getDataByID',
		]);
		expect(requests.slice(0, 2).map((q) => [q.query.sIndex, q.query.limit])).toEqual([
			['1', '200'],
			['201', '200'],
		]);
		const insert = requests[2];
		expect(insert.headers['content-type']).toContain('application/x-www-form-urlencoded');
		// Exactly one employee more in the sandbox (read after the request log was taken).
		const afterCount = await peopleEmployeeCount(sb);
		expect(afterCount).toBe(expectedList + 1);
		expect(Object.keys(insert.form ?? {})).toEqual(['inputData']);
		expect(JSON.parse(insert.form!.inputData)).toEqual(emp);
		expect(requests[3].query).toMatchObject({
			SearchColumn: 'EMPLOYEEMAILALIAS',
			SearchValue: emp.EmailID,
			limit: '1',
		});
		expect(requests[4].query).toEqual({ recordId: created[0].recordId });
		for (const q of requests)
			expect(q.headers.authorization).toMatch(/^(Zoho-oauthtoken|Bearer) 1000\./);
		return { created: created[0], requests };
	}

	it(
		`OAuth2: gets all ${EMPLOYEES} employees in 2 calls of 200, inserts one (fields) and gets it by email and by record ID`,
		async () => {
			const before = await tokenCalls(sb);
			await runAndCheck(wf.oauth, ada);
			expect(await tokenCalls(sb)).toEqual(before); // the issued access token was used as is
		},
		CLI_TIMEOUT_MS,
	);

	it(
		'Self Client: the same workflow exchanges the grant code once and inserts with JSON input',
		async () => {
			const before = await tokenCalls(sb);
			await runAndCheck(wf.self, alan);
			const after = await tokenCalls(sb);
			expect(after.authorization_code - before.authorization_code).toBe(1);
			expect(after.refresh_token - before.refresh_token).toBe(0);
		},
		CLI_TIMEOUT_MS,
	);

	describe('a chain of ready-made operations (OAuth2), run once', () => {
		let r: Awaited<ReturnType<typeof executeWorkflow>>;
		let requests: Recorded[];
		let before: PeopleState;
		let after: PeopleState;
		let tokensBefore: Awaited<ReturnType<typeof tokenCalls>>;
		let worker: Record<string, string>;

		beforeAll(async () => {
			before = await peopleState(['department', 'leave', 'employee']);
			const found = before.records.employee.find((e) => e.EmployeeID === WORKER.EmployeeID);
			if (!found) throw new Error(`${WORKER.EmployeeID} is not in the sandbox`);
			worker = found;
			tokensBefore = await tokenCalls(sb);
			await control(sb, 'clear-requests');
			r = await executeWorkflow(line, home, wf.chain);
			requests = await peopleRequests();
			after = await peopleState(['department', 'leave']);
		}, CLI_TIMEOUT_MS);

		it('runs every node once, with the requests in order and the issued token as is', async () => {
			expectSuccess(r);
			expect(runCounts(r.execution)).toEqual({
				Manual: 1,
				'Insert Department': 1,
				'Update Department': 1,
				'Get Department': 1,
				'Check In': 1,
				'Check Out': 1,
				'Attendance Entries': 1,
				'Leave Types': 1,
				'Apply Leave': 1,
				'Leave Records': 1,
				'Add Time Log': 1,
				'Time Logs': 1,
			});
			expect(requests.map((q) => `${q.method} ${q.path}`)).toEqual([
				'POST /people/api/forms/json/department/insertRecord',
				'POST /people/api/forms/json/department/updateRecord',
				'GET /people/api/forms/department/getDataByID',
				'POST /people/api/attendance',
				'POST /people/api/attendance',
				'GET /people/api/attendance/getUserReport',
				'GET /people/api/leave/getLeaveTypeDetails',
				'POST /people/api/forms/json/leave/insertRecord',
				'GET /api/v2/leavetracker/leaves/records',
				'POST /people/api/timetracker/addtimelog',
				'GET /people/api/timetracker/gettimelogs',
			]);
			for (const q of requests) expect(q.headers.authorization).toMatch(/^Zoho-oauthtoken 1000\./);
			expect(await tokenCalls(sb)).toEqual(tokensBefore);
		});

		it('form record: insert, update by the inserted 18-digit ID (no second record), get by ID', () => {
			expectSuccess(r);
			// Exactly one department more; the update changed it in place.
			expect(after.records.department).toHaveLength(before.records.department.length + 1);
			const stored = after.records.department[after.records.department.length - 1];
			expect(before.records.department.map((d) => d.Zoho_ID)).not.toContain(stored.Zoho_ID);
			expect(stored).toEqual({ ...NEW_DEPARTMENT, ...DEPARTMENT_UPDATE, Zoho_ID: stored.Zoho_ID });
			const id = stored.Zoho_ID;
			expect(id).toMatch(/^\d{18}$/);

			const inserted = nodeOutput(r.execution, 'Insert Department');
			expect(inserted).toEqual([{ recordId: id, pkId: id, message: 'Data added successfully' }]);
			const updated = nodeOutput(r.execution, 'Update Department');
			expect(updated).toEqual([{ recordId: id, pkId: id, message: 'Data updated successfully' }]);
			const got = nodeOutput(r.execution, 'Get Department');
			expect(got).toEqual([
				{ recordId: id, Zoho_ID: id, ...NEW_DEPARTMENT, ...DEPARTMENT_UPDATE, ...RECORD_TIMES },
			]);
			for (const out of [inserted[0].recordId, updated[0].recordId, got[0].recordId])
				expect(typeof out).toBe('string');

			const [insert, update, get] = requests;
			expect(insert.headers['content-type']).toContain('application/x-www-form-urlencoded');
			expect(insert.form).toEqual({ inputData: JSON.stringify(NEW_DEPARTMENT) });
			expect(insert.query).toEqual({});
			// The update names exactly the inserted record, and sends the JSON as typed.
			expect(update.form).toEqual({ inputData: JSON.stringify(DEPARTMENT_UPDATE), recordId: id });
			expect(update.query).toEqual({});
			expect(get.query).toEqual({ recordId: id });
		});

		it('attendance: check-in and check-out in dd/MM/yyyy HH:mm:ss make one entry, read back per day', () => {
			expectSuccess(r);
			const [checkIn, checkOut, report] = requests.slice(3, 6);
			// docs/reference/zoho-api.md §4: checkIn/checkOut as dd/MM/yyyy HH:mm:ss with dateFormat.
			expect(checkIn.query).toEqual({
				dateFormat: 'dd/MM/yyyy HH:mm:ss',
				checkIn: '10/03/2031 09:15:20',
				empId: WORKER.EmployeeID,
				location: 'HQ',
			});
			expect(checkOut.query).toEqual({
				dateFormat: 'dd/MM/yyyy HH:mm:ss',
				checkOut: '10/03/2031 17:45:20',
				emailId: WORKER.EmailID,
			});
			expect(checkIn.rawBody).toBe('');
			expect(checkOut.rawBody).toBe('');
			expect(report.query).toEqual({
				sdate: '2031-03-10',
				edate: '2031-03-10',
				dateFormat: 'yyyy-MM-dd',
				emailId: WORKER.EmailID,
			});
			// The sandbox's entries: one, closed by the check-out (times are wall clock, stored as UTC).
			expect(after.attendance.filter((a) => a.erecno === worker.Zoho_ID)).toEqual([
				{
					erecno: worker.Zoho_ID,
					checkIn: '2031-03-10T09:15:20.000Z',
					checkOut: '2031-03-10T17:45:20.000Z',
					location: 'HQ',
					// When the entry last changed (what fetchLatestAttEntries reads; sandbox clock).
					modifiedAt: expect.any(Number),
				},
			]);
			// Answer shape of the punch is the sandbox's (assumption: Zoho's page shows no JSON).
			expect(nodeOutput(r.execution, 'Check In')).toEqual([
				{
					response: 'success',
					msg: 'Successfully checked in',
					punchIn: '10/03/2031 09:15:20',
					tsecs: Date.UTC(2031, 2, 10, 9, 15, 20) / 1000,
					empId: WORKER.EmployeeID,
				},
			]);
			expect(nodeOutput(r.execution, 'Check Out')).toMatchObject([
				{ msg: 'Successfully checked out', punchOut: '10/03/2031 17:45:20' },
			]);
			expect(nodeOutput(r.execution, 'Attendance Entries')).toEqual([
				{
					id: WORKER.EmployeeID,
					'first name': 'First7',
					'last name': 'Last7',
					'mail id': WORKER.EmailID,
					erecno: worker.Zoho_ID,
					date: '2031-03-10',
					Status: 'Present',
					FirstIn: '09:15',
					LastOut: '17:45',
					TotalHours: '08:30',
					ShiftName: 'General',
				},
			]);
		});

		it('leave: lists the types, applies with a listed 18-digit type ID, finds the pending leave', () => {
			expectSuccess(r);
			const [types, apply, records] = requests.slice(6, 9);
			expect(types.query).toEqual({ userId: WORKER.EmployeeID });
			const listed = nodeOutput(r.execution, 'Leave Types');
			expect(listed.map((t) => [t.Name, t.Id])).toEqual([
				['Casual Leave', '412762000000040001'],
				['Sick Leave', SICK_LEAVE_ID],
				['Earned Leave', '412762000000040009'],
				['Leave Without Pay', '412762000000040013'],
			]);
			for (const t of listed) expect(typeof t.Id).toBe('string');

			// Assumption (docs/reference/zoho-api.md §4 "Add leave"): a leave is a record of the leave form.
			expect(apply.form).toEqual({
				inputData: JSON.stringify({
					Employee_ID: WORKER.EmployeeID,
					Leavetype: SICK_LEAVE_ID,
					From: '12-Mar-2031',
					To: '13-Mar-2031',
					Reasonforleave: 'E2E conference',
				}),
			});
			expect(after.records.leave).toHaveLength(before.records.leave.length + 1);
			const stored = after.records.leave[after.records.leave.length - 1];
			expect(stored).toEqual({
				Employee_ID: WORKER.EmployeeID,
				Leavetype: SICK_LEAVE_ID,
				From: '12-Mar-2031',
				To: '13-Mar-2031',
				Reasonforleave: 'E2E conference',
				ApprovalStatus: 'Pending',
				Zoho_ID: stored.Zoho_ID,
			});
			const applied = nodeOutput(r.execution, 'Apply Leave');
			expect(applied).toEqual([
				{ recordId: stored.Zoho_ID, pkId: stored.Zoho_ID, message: 'Data added successfully' },
			]);

			// Leave records v2: startIndex from 0, filters as JSON arrays.
			expect(records.query).toEqual({
				from: '2031-03-01',
				to: '2031-03-31',
				dateFormat: 'yyyy-MM-dd',
				employee: JSON.stringify([WORKER.EmployeeID]),
				startIndex: '0',
				limit: '200',
			});
			expect(nodeOutput(r.execution, 'Leave Records')).toEqual([
				{
					recordId: stored.Zoho_ID,
					'Zoho.ID': stored.Zoho_ID,
					Employee: 'First7 Last7',
					'Employee.ID': worker.Zoho_ID,
					EmployeeId: WORKER.EmployeeID,
					Leavetype: 'Sick Leave',
					'Leavetype.ID': SICK_LEAVE_ID,
					Type: 'PAID',
					Unit: 'Days',
					From: '2031-03-12',
					To: '2031-03-13',
					Days: { '2031-03-12': { LeaveCount: '1.0' }, '2031-03-13': { LeaveCount: '1.0' } },
					ApprovalStatus: 'Pending',
					Reason: 'E2E conference',
					DateOfRequest: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
				},
			]);
		});

		it('time logs: adds one and finds it by its ID in the list', () => {
			expectSuccess(r);
			const [add, list] = requests.slice(9, 11);
			expect(add.query).toEqual({
				user: WORKER.EmailID,
				jobId: SUPPORT_JOB_ID,
				workDate: '2031-03-11',
				dateFormat: 'yyyy-MM-dd',
				hours: '02:30',
				billingStatus: 'Non-Billable',
				description: 'E2E review',
			});
			expect(list.query).toEqual({
				user: WORKER.EmployeeID,
				fromDate: '2031-03-01',
				toDate: '2031-03-31',
				dateFormat: 'yyyy-MM-dd',
				sIndex: '0',
				limit: '200',
			});
			const mine = after.timeLogs.filter((l) => l.erecno === worker.Zoho_ID);
			expect(mine).toEqual([
				{
					timelogId: mine[0]?.timelogId,
					erecno: worker.Zoho_ID,
					jobId: SUPPORT_JOB_ID,
					workDate: '2031-03-11T00:00:00.000Z',
					minutes: 150,
					billingStatus: 'non-billable',
					description: 'E2E review',
				},
			]);
			const id = mine[0].timelogId;
			expect(id).toMatch(/^\d{18}$/);
			expect(nodeOutput(r.execution, 'Add Time Log')).toEqual([{ timeLogId: id }]);
			const listed = nodeOutput(r.execution, 'Time Logs');
			expect(listed).toHaveLength(1);
			expect(listed[0]).toMatchObject({
				timelogId: id,
				erecno: worker.Zoho_ID,
				jobId: SUPPORT_JOB_ID,
				jobName: 'Support',
				workDate: '2031-03-11',
				hours: '02:30',
				totaltime: 9000,
				billingStatus: 'non-billable',
				description: 'E2E review',
				employeeMailId: WORKER.EmailID,
			});
		});
	});

	it(
		'continue on fail: 3 items, the unknown middle ID gives an error item, each output paired with its input',
		async () => {
			const r = await executeWorkflow(line, home, wf.continueOnFail);
			expectSuccess(r);
			expect(runCounts(r.execution)).toEqual({ Manual: 1, 'Three IDs': 1, 'Get Each': 1 });
			const items = outputItems(r.execution, 'Get Each');
			expect(items).toHaveLength(3);
			expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			const [first, failed, third] = items.map((i) => i.json);
			const state = await peopleState(['department']);
			const stored = (id: string) => state.records.department.find((d) => d.Zoho_ID === id);
			expect(first).toEqual({
				recordId: departmentIds[0],
				...stored(departmentIds[0]),
				...RECORD_TIMES,
			});
			expect(third).toEqual({
				recordId: departmentIds[1],
				...stored(departmentIds[1]),
				...RECORD_TIMES,
			});
			expect(first.Department).toBe('Department 1');
			expect(third.Department).toBe('Department 2');
			expect(failed).toEqual({
				error: 'Zoho People: Missing record for the specified record Id (code 7049) [HTTP 200]',
				httpCode: '200',
				zohoCode: 7049,
				zohoMessage: 'Missing record for the specified record Id',
			});
			const requests = await peopleRequests();
			expect(requests.map((q) => [q.method, q.path, q.query])).toEqual(
				[departmentIds[0], UNKNOWN_RECORD_ID, departmentIds[1]].map((recordId) => [
					'GET',
					'/people/api/forms/department/getDataByID',
					{ recordId },
				]),
			);
		},
		CLI_TIMEOUT_MS,
	);
});
/* eslint-enable @typescript-eslint/no-explicit-any */
