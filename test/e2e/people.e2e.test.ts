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
	const wf = { oauth: 'zPplOauthFlow01', self: 'zPplSelfFlow001' };
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

	beforeAll(async () => {
		await ensureN8n(line);
		sb = await startSandboxProcess();
		home = await createUserFolder(`people-${line}`);
		const existing = await peopleEmployeeCount(sb);
		({ ids: seededIds } = await control<{ ids: string[] }>(sb, 'people-seed', {
			form: 'employee',
			n: EMPLOYEES - existing,
		}));
		await importCredentials(line, home, [
			await oauthCredential(sb, oauthCred),
			await selfClientCredential(sb, selfCred),
		]);
		await importWorkflow(line, home, [
			peopleWorkflow(wf.oauth, oauthCred, ada, 'fields'),
			peopleWorkflow(wf.self, selfCred, alan, 'json'),
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
});
/* eslint-enable @typescript-eslint/no-explicit-any */
