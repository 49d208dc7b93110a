/**
 * What users type, checked before anything is sent (hardening issue items 3, 8, 9, 15, 23), through
 * real n8n-core executions against the sandbox:
 * - every operation that takes a record ID refuses '', blanks, objects and lists, naming the field
 *   and the item, with zero requests for that item (operations enumerated from the node descriptions);
 * - non-numeric Parallel Requests / Limit / Max Wait / Timeout / Rate Limit are errors naming the option;
 * - 18-digit integers typed in JSON go out on the wire exactly as typed;
 * - invalid dates are errors naming the field; times with Z or an offset are converted into the
 *   chosen time zone (exact wire strings);
 * - the People leave reason field name is the user's choice.
 */
import type { IDataObject, INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';
import { ZohoBookings } from '../../nodes/ZohoBookings/ZohoBookings.node';
import { ZohoInvoice } from '../../nodes/ZohoInvoice/ZohoInvoice.node';
import { ZohoPeople } from '../../nodes/ZohoPeople/ZohoPeople.node';
import type { RunNodeResult } from '../harness';
import type { RecordedRequest } from '../sandbox';
import { BOOKINGS_IDS } from '../sandbox/bookings';
import { ORG, overrideReplies, pairedIndex } from './faultKit';
import type { World } from './world';
import { jsonOf, useWorld } from './world';

const world = useWorld(0);
let w: World;
beforeEach(() => {
	w = world();
	w.sb.bookings.seed();
	w.sb.bookings.setClock(() => new Date('2031-03-09T00:00:00Z'));
	w.sb.clearRequests();
});

type NodeName = 'zohoInvoice' | 'zohoPeople' | 'zohoBookings';
const NODES: Record<NodeName, INodeType> = {
	zohoInvoice: new ZohoInvoice(),
	zohoPeople: new ZohoPeople(),
	zohoBookings: new ZohoBookings(),
};

/** Requests that reached a Zoho API (not the accounts server). */
const apiRequests = (): RecordedRequest[] =>
	w.sb.findRequests().filter((r) => r.server !== 'accounts');
const mentions = (r: RecordedRequest, marker: string) =>
	r.url.includes(marker) || r.rawBody.includes(marker);

const run = (
	nodeType: NodeName,
	params: INodeParameters,
	opts: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) =>
	w.run(
		'oAuth2',
		{ ...(nodeType === 'zohoInvoice' ? { organizationId: ORG } : {}), ...params },
		{ nodeType, ...opts },
	);

const errorMessage = (result: RunNodeResult) => String(result.error?.message ?? '');
const errorItemIndex = (result: RunNodeResult) =>
	(result.error as { context?: IDataObject } | undefined)?.context?.itemIndex;

// ---------------------------------------------------------------------------------------------
// Item 3: every ID-taking operation, enumerated from the node descriptions
// ---------------------------------------------------------------------------------------------

/** Fields that name an existing record (or the form / employee an operation acts on). */
const ID_NAMES = new Set(['user', 'employee', 'form', 'value']);
const isIdName = (name: string) => /(^|[a-z])Id$/.test(name) || ID_NAMES.has(name);

interface IdCase {
	node: NodeName;
	resource: string;
	operation: string;
	field: INodeProperties;
	/** Values of other parameters the field's display conditions need (findBy, slotsFor). */
	show: INodeParameters;
	/** The operation's other required fields. */
	others: INodeProperties[];
}

function shownFor(p: INodeProperties, resource: string, operation: string): boolean {
	const show = p.displayOptions?.show ?? {};
	return (
		(show.resource as string[] | undefined)?.includes(resource) === true &&
		(show.operation as string[] | undefined)?.includes(operation) === true
	);
}

function operationsOf(
	node: INodeType,
): Array<{ resource: string; operation: string; fields: INodeProperties[] }> {
	const props = node.description.properties;
	const resources = (
		props.find((p) => p.name === 'resource')!.options as Array<{ value: string }>
	).map((o) => o.value);
	return resources
		.filter((r) => r !== 'customApiCall')
		.flatMap((resource) => {
			const operationProperty = props.find(
				(p) =>
					p.name === 'operation' &&
					(p.displayOptions?.show?.resource as string[]).includes(resource),
			)!;
			return (operationProperty.options as Array<{ value: string }>).map(
				({ value: operation }) => ({
					resource,
					operation,
					fields: props.filter((p) => shownFor(p, resource, operation)),
				}),
			);
		});
}

function idCases(): IdCase[] {
	const cases: IdCase[] = [];
	for (const [node, type] of Object.entries(NODES) as Array<[NodeName, INodeType]>) {
		for (const { resource, operation, fields } of operationsOf(type)) {
			const required = fields.filter(
				(p) =>
					p.required &&
					(p.type === 'string' || p.type === 'options' || p.type === 'resourceLocator'),
			);
			for (const field of required.filter((p) => isIdName(p.name))) {
				const show: INodeParameters = {};
				for (const [key, values] of Object.entries(field.displayOptions?.show ?? {})) {
					if (key !== 'resource' && key !== 'operation') show[key] = (values as string[])[0];
				}
				// The operation's other required fields, as shown with the same conditions.
				const others = fields.filter(
					(p) =>
						p !== field &&
						p.required &&
						Object.entries(p.displayOptions?.show ?? {}).every(
							([k, v]) =>
								k === 'resource' ||
								k === 'operation' ||
								!(k in show) ||
								(v as unknown[]).includes(show[k]),
						),
				);
				cases.push({ node, resource, operation, field, show, others });
			}
		}
	}
	return cases;
}

const ID_CASES = idCases();

// Guards the enumeration itself (a suite error, not a test: it cannot fail on behaviour): every
// operation that acts on one existing record must show up with a required ID field.
{
	const perRecord =
		/^(get|update|delete|cancel|reschedule|mark\w+|email|downloadPdf|applyToInvoices|void|stop|resume)$/;
	const withId = new Set(ID_CASES.map((c) => `${c.node}.${c.resource}.${c.operation}`));
	const missing = (Object.entries(NODES) as Array<[NodeName, INodeType]>)
		.flatMap(([node, type]) =>
			operationsOf(type).map((o) => `${node}.${o.resource}.${o.operation}`),
		)
		.filter((key) => perRecord.test(key.split('.')[2]) && !withId.has(key));
	if (missing.length || ID_CASES.length < 80)
		throw new Error(
			`ID enumeration broken: ${ID_CASES.length} cases; no ID field found for ${missing.join(', ')}`,
		);
}
const MARK_A = 'IDAAA0001';
const MARK_C = 'IDCCC0003';

/** Parameters that make the operation valid apart from the tested ID (other IDs, dates, fields). */
function paramsFor(c: IdCase): INodeParameters {
	const params: INodeParameters = {
		resource: c.resource,
		operation: c.operation,
		...c.show,
		// People writes need a field; Reschedule needs a new time or staff.
		inputDataMode: 'json',
		inputDataJson: '{"Note":"x"}',
		startTime: '2031-03-10T10:00:00',
	};
	for (const other of c.others) {
		if (other.name === 'form') params.form = 'employee';
		else if (isIdName(other.name)) params[other.name] = 'OTHERID42';
		else if (other.type === 'dateTime') params[other.name] = '2031-03-10T10:00:00';
		else if (other.type === 'string') params[other.name] = 'x'; // n8n refuses to run with a required field empty
	}
	// A resource locator holds the expression in its By ID mode; n8n gives its value as the ID.
	params[c.field.name] =
		c.field.type === 'resourceLocator'
			? { __rl: true, mode: 'id', value: '={{ $json.id }}' }
			: '={{ $json.id }}';
	return params;
}

/** Every Zoho request answered with a plain success, so valid items each make exactly one request. */
function answerEverythingWithSuccess(): () => void {
	const restores = [
		overrideReplies(
			w.sb.invoice,
			() => true,
			{
				status: 200,
				body: '{"code":0,"message":"success"}',
				headers: { 'content-type': 'application/json' },
			},
			1000,
		),
		overrideReplies(
			w.sb.people,
			() => true,
			{
				status: 200,
				body: '{"response":{"result":[],"message":"Data fetched successfully","uri":"/api/x","status":0}}',
				headers: { 'content-type': 'application/json' },
			},
			1000,
		),
		overrideReplies(
			w.sb.bookings,
			() => true,
			{
				status: 200,
				body: '{"response":{"returnvalue":{"data":[]},"status":"success"}}',
				headers: { 'content-type': 'application/json' },
			},
			1000,
		),
	];
	return () => restores.forEach((restore) => restore());
}

const BAD_IDS: Array<[string, IDataObject['id']]> = [
	['empty', ''],
	['blank', '   '],
	['object', { id: 'IDBBB0002' }],
	['list', ['IDBBB0002']],
];

describe('Item 3: an ID-taking operation refuses a missing or malformed ID, naming the field and the item, sending nothing', () => {
	it.each(
		ID_CASES.map(
			(c) => [`${c.node} ${c.resource}.${c.operation} "${c.field.displayName}"`, c] as const,
		),
	)('%s', async (_title, c) => {
		const restore = answerEverythingWithSuccess();
		try {
			for (const [kind, bad] of BAD_IDS) {
				const items = [{ id: MARK_A }, { id: bad }, { id: MARK_C }];
				const label = `${kind} ${c.field.displayName}`;

				// Continue on fail: the middle item is the one error, naming the field; the others are sent,
				// once each (a list operation may answer them with no output items: the sandbox says "none").
				w.sb.clearRequests();
				const tolerant = await run(c.node, paramsFor(c), { items, continueOnFail: true });
				expect({ label, error: tolerant.error?.message }).toEqual({ label, error: undefined });
				const failed = (tolerant.output?.[0] ?? []).filter((o) => o.json.error !== undefined);
				expect({ label, failedItems: failed.map(pairedIndex) }).toEqual({
					label,
					failedItems: [1],
				});
				expect(String(failed[0].json.error)).toContain(`"${c.field.displayName}"`);
				expect(String(failed[0].json.error)).not.toMatch(
					/is not a function|\[object Object\]|Cannot read/,
				);
				const sent = apiRequests();
				expect({
					label,
					sent: sent.length,
					a: sent.filter((r) => mentions(r, MARK_A)).length,
					c: sent.filter((r) => mentions(r, MARK_C)).length,
				}).toEqual({
					label,
					sent: 2,
					a: 1,
					c: 1,
				});

				// Without continue on fail: the node stops at item 1 with the field's name; only item 0 was sent.
				w.sb.clearRequests();
				const strict = await run(c.node, paramsFor(c), { items });
				expect({
					label,
					message: errorMessage(strict).includes(`"${c.field.displayName}"`),
					itemIndex: errorItemIndex(strict),
				}).toEqual({
					label,
					message: true,
					itemIndex: 1,
				});
				expect({
					label,
					sent: apiRequests().length,
					a: apiRequests().filter((r) => mentions(r, MARK_A)).length,
				}).toEqual({ label, sent: 1, a: 1 });
			}
		} finally {
			restore();
		}
	});

	it('a Custom API Call path that is an object from an expression is a clear error', async () => {
		const result = await run('zohoInvoice', {
			resource: 'customApiCall',
			operation: 'request',
			method: 'GET',
			path: '={{ {} }}',
		});
		expect(errorMessage(result)).toBe('"Path" must be text, such as /contacts');
		expect(apiRequests()).toHaveLength(0);
	});

	it('an 18-digit ID that reached n8n as a JS number is refused, asking for a string; a safe number is sent as digits', async () => {
		const restore = answerEverythingWithSuccess();
		try {
			const unsafe = await run(
				'zohoInvoice',
				{ resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' },
				{ items: [{ id: 460000000012345678 }] },
			);
			expect(errorMessage(unsafe)).toContain('"Invoice"');
			expect(String((unsafe.error as { description?: string }).description)).toMatch(/as a string/);
			expect(apiRequests()).toHaveLength(0);
			const safe = await run(
				'zohoInvoice',
				{ resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' },
				{ items: [{ id: 12345 }] },
			);
			expect(safe.error).toBeUndefined();
			expect(apiRequests().map((r) => r.path)).toEqual(['/invoice/v3/invoices/12345']);
		} finally {
			restore();
		}
	});
});

describe('Item 3 against the real sandbox', () => {
	it('People Record Update with an empty Record ID fails and never calls insertRecord', async () => {
		const [employee] = w.sb.people.seedEmployees(1);
		const before = w.sb.people.records.get('employee')!.length;
		w.sb.clearRequests();
		const result = await run(
			'zohoPeople',
			{
				resource: 'record',
				operation: 'update',
				form: 'employee',
				recordId: '={{ $json.id }}',
				inputDataMode: 'json',
				inputDataJson: '{"Department":"Research"}',
			},
			{
				items: [{ id: String(employee.Zoho_ID) }, { id: '' }, { id: String(employee.Zoho_ID) }],
				continueOnFail: true,
			},
		);
		const out = jsonOf(result);
		expect(out.map((o) => o.error !== undefined)).toEqual([false, true, false]);
		expect(out[1].error).toBe('"Record ID" is required but was empty');
		expect(w.sb.countRequests({ pathIncludes: 'insertRecord' })).toBe(0);
		expect(w.sb.countRequests({ pathIncludes: 'updateRecord' })).toBe(2);
		expect(w.sb.people.records.get('employee')!.length).toBe(before);
	});

	it('Employee Update with a blank record ID (saved as text) fails without any request', async () => {
		w.sb.people.seedEmployees(1);
		w.sb.clearRequests();
		const result = await run('zohoPeople', {
			resource: 'employee',
			operation: 'update',
			recordId: '   ',
			inputDataMode: 'json',
			inputDataJson: '{"Department":"Research"}',
		});
		expect(errorMessage(result)).toBe('"Employee" is required but was only spaces');
		expect(apiRequests()).toHaveLength(0);
	});

	it('Invoice Get with "   " does not read the whole collection', async () => {
		w.sb.invoice.seedInvoices(3, ORG);
		w.sb.clearRequests();
		const result = await run('zohoInvoice', {
			resource: 'invoice',
			operation: 'get',
			invoiceId: '   ',
		});
		expect(errorMessage(result)).toBe('"Invoice" is required but was only spaces');
		expect(apiRequests()).toHaveLength(0);
	});
});

// ---------------------------------------------------------------------------------------------
// Item 8: numbers from expressions
// ---------------------------------------------------------------------------------------------

const LISTS: Record<NodeName, INodeParameters> = {
	zohoInvoice: { resource: 'contact', operation: 'getAll', returnAll: false },
	zohoPeople: { resource: 'record', operation: 'getAll', form: 'employee', returnAll: false },
	zohoBookings: { resource: 'appointment', operation: 'getAll', returnAll: false },
};

describe('Item 8: a non-numeric number option is an error naming it, and nothing is sent', () => {
	it.each(Object.keys(LISTS) as NodeName[])(
		'%s: Parallel Requests "abc" with 3 items',
		async (node) => {
			const params = { ...LISTS[node], limit: 5, options: { parallelRequests: '={{ "abc" }}' } };
			const strict = await run(node, params, { items: [{}, {}, {}] });
			expect(errorMessage(strict)).toBe('"Parallel Requests" must be a number, but it is "abc"');
			const tolerant = await run(node, params, { items: [{}, {}, {}], continueOnFail: true });
			expect(jsonOf(tolerant).map((o) => o.error)).toEqual(
				Array(3).fill('"Parallel Requests" must be a number, but it is "abc"'),
			);
			expect(apiRequests()).toHaveLength(0);
		},
	);

	it.each(Object.keys(LISTS) as NodeName[])('%s: Limit NaN, "abc", {} and 0', async (node) => {
		for (const [limit, shown] of [
			['={{ NaN }}', 'NaN'],
			['={{ "abc" }}', '"abc"'],
			['={{ {} }}', 'an object'],
		]) {
			const result = await run(
				node,
				{ ...LISTS[node], limit },
				{ items: [{}, {}, {}], continueOnFail: true },
			);
			expect(jsonOf(result).map((o) => o.error)).toEqual(
				Array(3).fill(`"Limit" must be a number, but it is ${shown}`),
			);
		}
		const zero = await run(node, { ...LISTS[node], limit: 0 });
		expect(errorMessage(zero)).toBe('"Limit" must be at least 1, but it is 0');
		expect(apiRequests()).toHaveLength(0);
	});

	it('Custom API Call: Limit NaN on a paged GET', async () => {
		const result = await run('zohoInvoice', {
			resource: 'customApiCall',
			operation: 'request',
			method: 'GET',
			path: '/contacts',
			returnAll: false,
			limit: '={{ NaN }}',
		});
		expect(errorMessage(result)).toBe('"Limit" must be a number, but it is NaN');
		expect(apiRequests()).toHaveLength(0);
	});

	it.each([
		['maxWaitSeconds', 'Max Wait on Rate Limit (Seconds)', '={{ "abc" }}', '"abc"'],
		['timeoutSeconds', 'Timeout (Seconds)', '={{ {} }}', 'an object'],
		['rateLimitPerMinute', 'Rate Limit (Calls per Minute)', '={{ NaN }}', 'NaN'],
		['parallelRequests', 'Parallel Requests', '={{ 2.5 }}', undefined],
	])('option %s from an expression', async (name, displayName, value, shown) => {
		const result = await run('zohoPeople', {
			resource: 'form',
			operation: 'getAll',
			options: { [name]: value },
		});
		expect(errorMessage(result)).toBe(
			shown
				? `"${displayName}" must be a number, but it is ${shown}`
				: `"${displayName}" must be a whole number, but it is 2.5`,
		);
		expect(apiRequests()).toHaveLength(0);
	});

	it('out-of-range numbers are refused (Parallel Requests 0 and 11); numeric text is accepted', async () => {
		for (const [parallelRequests, range] of [
			[0, 'between 1 and 10, but it is 0'],
			[11, 'between 1 and 10, but it is 11'],
		] as const) {
			const result = await run('zohoPeople', {
				resource: 'form',
				operation: 'getAll',
				options: { parallelRequests },
			});
			expect(errorMessage(result)).toBe(`"Parallel Requests" must be ${range}`);
		}
		expect(apiRequests()).toHaveLength(0);
		w.sb.people.seedEmployees(10);
		w.sb.clearRequests();
		const result = await run(
			'zohoPeople',
			{ ...LISTS.zohoPeople, limit: '={{ "3" }}', options: { parallelRequests: '={{ "2" }}' } },
			{ items: [{}, {}] },
		);
		expect(jsonOf(result)).toHaveLength(6);
		expect(apiRequests().map((r) => r.query.limit)).toEqual(['3', '3']);
	});
});

// ---------------------------------------------------------------------------------------------
// Item 9: 18-digit integers typed in JSON go out exactly as typed
// ---------------------------------------------------------------------------------------------

const BIG = '460000000012345678';
const ROUNDED = String(Number(BIG)); // 460000000012345660: what JSON.parse makes of it

describe('Item 9: an 18-digit number typed in JSON is sent exactly as typed', () => {
	it('Invoice: Custom Fields / Extra Fields / Line Items (JSON) and a Custom API Call body', async () => {
		const [contact] = w.sb.invoice.seedContacts(1, ORG);
		w.sb.clearRequests();
		await run(
			'zohoInvoice',
			{
				resource: 'invoice',
				operation: 'create',
				customerId: contact.contact_id as string,
				lineItemsMode: 'json',
				lineItemsJson: `[{"name": "Work", "rate": 10, "project_id": ${BIG}}]`,
				additionalFields: {
					customFields: `[{"customfield_id": ${BIG}, "value": "x"}]`,
					extraFieldsJson: `{"template_id": ${BIG}}`,
				},
			},
			{ continueOnFail: true },
		);
		const [create] = apiRequests();
		expect(create.rawBody).toContain(`"project_id":${BIG}`);
		expect(create.rawBody).toContain(`"customfield_id":${BIG}`);
		expect(create.rawBody).toContain(`"template_id":${BIG}`);
		expect(create.rawBody).not.toContain(ROUNDED);

		w.sb.clearRequests();
		const body = `{"contact_name": "Big One", "vendor_ref": ${BIG}}`;
		await run(
			'zohoInvoice',
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'POST',
				path: '/contacts',
				bodyFormat: 'json',
				body,
			},
			{ continueOnFail: true },
		);
		expect(apiRequests().map((r) => r.rawBody)).toEqual([body]);
	});

	it('Bookings: Additional Fields (JSON) of a booking and the data field of a paged Custom API Call', async () => {
		await run(
			'zohoBookings',
			{
				resource: 'appointment',
				operation: 'book',
				serviceId: BOOKINGS_IDS.services.consultation,
				staffId: BOOKINGS_IDS.staff.asha,
				fromTime: '2031-03-10T10:00:00',
				timeZone: 'Asia/Kolkata',
				customerName: 'Big',
				customerEmail: 'big@example.com',
				additionalFields: `{"member_no": ${BIG}}`,
			},
			{ continueOnFail: true },
		);
		expect(apiRequests()[0].form?.additional_fields).toBe(`{"member_no":${BIG}}`);

		w.sb.clearRequests();
		await run(
			'zohoBookings',
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'POST',
				path: '/fetchappointment',
				bodyFormat: 'multipart',
				bodyParameters: { parameter: [{ name: 'data', value: `{"customer_ref": ${BIG}}` }] },
				returnAll: false,
				limit: 5,
			},
			{ continueOnFail: true },
		);
		const data = String(apiRequests()[0].form?.data);
		// Paging re-writes `data`; the big integer keeps its digits (as a JSON string there).
		expect(data).toContain(BIG);
		expect(data).not.toContain(ROUNDED);
	});

	it('invalid JSON is an error naming the field, sending nothing (each product)', async () => {
		const cases: Array<[NodeName, INodeParameters, string]> = [
			[
				'zohoInvoice',
				{
					resource: 'contact',
					operation: 'create',
					contactName: 'X',
					additionalFields: { billingAddress: '{"city": ' },
				},
				'Billing Address (JSON)',
			],
			[
				'zohoInvoice',
				{
					resource: 'customApiCall',
					operation: 'request',
					method: 'POST',
					path: '/contacts',
					body: '{nope}',
				},
				'Body',
			],
			[
				'zohoPeople',
				{
					resource: 'record',
					operation: 'insert',
					form: 'employee',
					inputDataMode: 'json',
					inputDataJson: '{"a":}',
				},
				'Fields (JSON)',
			],
			[
				'zohoBookings',
				{
					resource: 'appointment',
					operation: 'book',
					serviceId: '1',
					staffId: '2',
					fromTime: '2031-03-10T10:00:00',
					customerName: 'a',
					customerEmail: 'a@example.com',
					additionalFields: '[1,',
				},
				'Additional Fields (JSON)',
			],
			[
				'zohoBookings',
				{
					resource: 'customApiCall',
					operation: 'request',
					method: 'POST',
					path: '/fetchappointment',
					bodyFormat: 'multipart',
					bodyParameters: { parameter: [{ name: 'data', value: '{"page":' }] },
				},
				'Body Fields: data',
			],
		];
		for (const [node, params, field] of cases) {
			const result = await run(node, params, { items: [{}, {}], continueOnFail: true });
			expect(jsonOf(result).map((o) => o.error)).toEqual([
				`"${field}" is not valid JSON`,
				`"${field}" is not valid JSON`,
			]);
		}
		expect(apiRequests()).toHaveLength(0);
	});

	it('People: typed Fields (JSON) and inputData bodies go out as typed; an object from an expression is accepted, but an unsafe number in it is refused asking for a string', async () => {
		const inputData = `{"EmployeeID":"BIG1","FirstName":"Big","LastName":"One","EmailID":"big1@example.com","Ref":${BIG}}`;
		await run(
			'zohoPeople',
			{
				resource: 'record',
				operation: 'insert',
				form: 'employee',
				inputDataMode: 'json',
				inputDataJson: inputData,
			},
			{ continueOnFail: true },
		);
		await run(
			'zohoPeople',
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'POST',
				path: '/people/api/forms/json/employee/insertRecord',
				bodyFormat: 'inputData',
				body: inputData,
			},
			{ continueOnFail: true },
		);
		expect(apiRequests().map((r) => r.form?.inputData)).toEqual([inputData, inputData]);
		w.sb.clearRequests();

		const ok = await run(
			'zohoPeople',
			{
				resource: 'record',
				operation: 'insert',
				form: 'employee',
				inputDataMode: 'json',
				inputDataJson: '={{ { "EmployeeID": "E9", "Ref": 12345 } }}',
			},
			{ continueOnFail: true },
		);
		expect(ok.error).toBeUndefined();
		expect(apiRequests().map((r) => r.form?.inputData)).toEqual([
			'{"EmployeeID":"E9","Ref":12345}',
		]);
		w.sb.clearRequests();
		const bad = await run('zohoPeople', {
			resource: 'record',
			operation: 'insert',
			form: 'employee',
			inputDataMode: 'json',
			inputDataJson: `={{ { "Ref": ${BIG} } }}`,
		});
		expect(errorMessage(bad)).toBe(
			`"Fields (JSON)" holds the number ${Number(BIG)} at Ref, too large to be exact in JavaScript (it may already have lost digits)`,
		);
		expect(String((bad.error as { description?: string }).description)).toMatch(
			/Put large IDs in quotes/,
		);
		expect(apiRequests()).toHaveLength(0);
	});
});

// ---------------------------------------------------------------------------------------------
// Item 15: dates
// ---------------------------------------------------------------------------------------------

const bookParams = (fromTime: string, timeZone = 'Asia/Kolkata'): INodeParameters => ({
	resource: 'appointment',
	operation: 'book',
	serviceId: BOOKINGS_IDS.services.consultation,
	staffId: BOOKINGS_IDS.staff.asha,
	fromTime,
	timeZone,
	customerName: 'Ada',
	customerEmail: 'ada@example.com',
});

describe('Item 15: dates', () => {
	it.each<[string, NodeName, INodeParameters, string]>([
		[
			'Bookings Start Time 30 Feb',
			'zohoBookings',
			bookParams('2031-02-30T10:00:00'),
			'"Start Time" is not a valid date: "2031-02-30T10:00:00"',
		],
		[
			'Bookings Date "tomorrow"',
			'zohoBookings',
			{
				resource: 'availability',
				operation: 'getSlots',
				serviceId: '1',
				staffId: '2',
				date: 'tomorrow',
			},
			'"Date" is not a valid date: "tomorrow"',
		],
		[
			'Bookings filter To 25:00',
			'zohoBookings',
			{ resource: 'appointment', operation: 'getAll', filters: { to_time: '2031-03-10T25:00:00' } },
			'"To" is not a valid date: "2031-03-10T25:00:00"',
		],
		[
			'People leave From',
			'zohoPeople',
			{
				resource: 'leave',
				operation: 'apply',
				employeeId: 'E1',
				leaveTypeId: 'L1',
				from: '12/03/2031',
				to: '2031-03-13',
			},
			'"From" is not a valid date: "12/03/2031"',
		],
		[
			'People punch Time',
			'zohoPeople',
			{
				resource: 'attendance',
				operation: 'checkIn',
				employee: 'a@example.com',
				punchOptions: { time: '2031-03-10T9:05' },
			},
			'"Time" is not a valid date: "2031-03-10T9:05"',
		],
		[
			'People Modified Since',
			'zohoPeople',
			{ resource: 'employee', operation: 'getAll', returnAll: true, modifiedSince: 'yesterday' },
			'"Modified Since" is not a valid date: "yesterday"',
		],
		[
			'Invoice Due Date month 13',
			'zohoInvoice',
			{
				resource: 'invoice',
				operation: 'create',
				customerId: '1',
				additionalFields: { dueDate: '2031-13-01' },
			},
			'"Due Date" is not a valid date: "2031-13-01"',
		],
		[
			'Invoice Modified Since',
			'zohoInvoice',
			{ resource: 'contact', operation: 'getAll', filters: { modifiedSince: 'garbage' } },
			'"Modified Since" is not a valid date: "garbage"',
		],
	])(
		'an invalid date is an error naming the field, nothing sent: %s',
		async (_title, node, params, message) => {
			const result = await run(node, params);
			expect(errorMessage(result)).toBe(message);
			expect(errorItemIndex(result)).toBe(0);
			expect(apiRequests()).toHaveLength(0);
		},
	);

	it('Bookings Book: Z and +05:30 times are converted into the chosen time zone (exact wire text)', async () => {
		await run('zohoBookings', bookParams('2031-03-10T04:30:00Z'));
		await run('zohoBookings', bookParams('2031-03-10T11:00:00+05:30'));
		await run('zohoBookings', bookParams('2031-03-10T06:30:00.000+01:00'), {
			continueOnFail: true,
		});
		expect(apiRequests().map((r) => [r.form?.from_time, r.form?.timezone])).toEqual([
			['10-Mar-2031 10:00:00', 'Asia/Kolkata'],
			['10-Mar-2031 11:00:00', 'Asia/Kolkata'],
			['10-Mar-2031 11:00:00', 'Asia/Kolkata'],
		]);
		// The first two were booked at those wall-clock times in Kolkata.
		expect(w.sb.bookings.appointments.map((a) => a.start_time)).toEqual([
			'10-Mar-2031 10:00:00',
			'10-Mar-2031 11:00:00',
		]);
	});

	it('Bookings Book: an instant with no Time Zone is converted into the workflow time zone, which is sent', async () => {
		// The harness workflow runs in n8n's default zone, America/New_York (EDT, UTC-4, on 10 March 2031).
		await run('zohoBookings', bookParams('2031-03-10T14:00:00Z', ''), { continueOnFail: true });
		expect(apiRequests().map((r) => [r.form?.from_time, r.form?.timezone])).toEqual([
			['10-Mar-2031 10:00:00', 'America/New_York'],
		]);
	});

	it('Bookings Reschedule and Get Many: an instant needs the workspace Time Zone; with it, it is converted', async () => {
		const booked = w.sb.bookings.book({
			service_id: BOOKINGS_IDS.services.consultation,
			staff_id: BOOKINGS_IDS.staff.asha,
			start: '10-Mar-2031 10:00:00',
			customer: { name: 'A', email: 'a@example.com' },
		});
		w.sb.clearRequests();
		const noZone = await run('zohoBookings', {
			resource: 'appointment',
			operation: 'reschedule',
			bookingId: booked.booking_id,
			startTime: '2031-03-10T09:00:00Z',
		});
		expect(errorMessage(noZone)).toBe(
			'"New Start Time" carries a time zone offset, but "Time Zone" is empty',
		);
		expect(apiRequests()).toHaveLength(0);
		const moved = await run('zohoBookings', {
			resource: 'appointment',
			operation: 'reschedule',
			bookingId: booked.booking_id,
			startTime: '2031-03-10T09:00:00Z',
			timeZone: 'Asia/Kolkata',
		});
		expect(moved.error).toBeUndefined();
		expect(apiRequests().map((r) => r.form?.start_time)).toEqual(['10-Mar-2031 14:30:00']);

		w.sb.clearRequests();
		await run('zohoBookings', {
			resource: 'appointment',
			operation: 'getAll',
			returnAll: true,
			filters: {
				from_time: '2031-03-09T18:30:00Z',
				to_time: '2031-03-10T23:59:00+05:30',
				timeZone: 'Asia/Kolkata',
			},
		});
		expect(JSON.parse(String(apiRequests()[0].form?.data))).toEqual({
			from_time: '10-Mar-2031 00:00:00',
			to_time: '10-Mar-2031 23:59:00',
			page: 1,
			per_page: 100,
		});
	});

	it('People Check In: a Z time is converted into the employee Time Zone', async () => {
		w.sb.people.seedEmployees(1);
		w.sb.clearRequests();
		await run('zohoPeople', {
			resource: 'attendance',
			operation: 'checkIn',
			employee: 'employee1@example.com',
			punchOptions: { time: '2031-03-10T03:35:00Z', timeZone: 'Asia/Kolkata' },
		});
		expect(apiRequests().map((r) => r.query.checkIn)).toEqual(['10/03/2031 09:05:00']);
	});

	it('Invoice and People Modified Since without an offset are read in the workflow time zone', async () => {
		// America/New_York: EST (UTC-5) from 1 November 2026, 02:00.
		await run('zohoInvoice', {
			resource: 'contact',
			operation: 'getAll',
			returnAll: true,
			filters: { modifiedSince: '2026-11-01T08:30:00' },
		});
		expect(apiRequests().map((r) => r.query.last_modified_time)).toEqual([
			'2026-11-01T13:30:00+0000',
		]);
		w.sb.clearRequests();
		await run(
			'zohoPeople',
			{
				resource: 'employee',
				operation: 'getAll',
				returnAll: true,
				modifiedSince: '2020-01-01T00:00:00',
			},
			{ continueOnFail: true },
		);
		expect(apiRequests().map((r) => r.query.modifiedtime)).toEqual([
			String(Date.UTC(2020, 0, 1, 5)),
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// Item 23: People leave reason field name
// ---------------------------------------------------------------------------------------------

describe("Item 23: the leave reason field name is the user's choice", () => {
	// Assumption: the sandbox accepts both Reasonforleave and Reason (as an alias) on the leave form;
	// Zoho does not document which label name an account's leave form uses.
	it('sends the reason under Reasonforleave by default and under the chosen name (Reason) when set', async () => {
		const [employee] = w.sb.people.seedEmployees(1);
		const typeId = String(w.sb.people.leaveTypeList[0].Id);
		const apply = (from: string, reason: string, reasonField?: string) =>
			run('zohoPeople', {
				resource: 'leave',
				operation: 'apply',
				employeeId: employee.EmployeeID as string,
				leaveTypeId: typeId,
				from,
				to: from,
				reason,
				...(reasonField ? { reasonField } : {}),
			});
		w.sb.clearRequests();
		expect((await apply('2031-03-12', 'Conference')).error).toBeUndefined();
		expect((await apply('2031-03-19', 'Family', 'Reason')).error).toBeUndefined();
		expect(apiRequests().map((r) => JSON.parse(String(r.form?.inputData)) as IDataObject)).toEqual([
			{
				Employee_ID: employee.EmployeeID,
				Leavetype: typeId,
				From: '12-Mar-2031',
				To: '12-Mar-2031',
				Reasonforleave: 'Conference',
			},
			{
				Employee_ID: employee.EmployeeID,
				Leavetype: typeId,
				From: '19-Mar-2031',
				To: '19-Mar-2031',
				Reason: 'Family',
			},
		]);
		// Both were stored, with their reasons (the sandbox files Reason under Reasonforleave).
		expect(w.sb.people.records.get('leave')!.map((r) => r.Reasonforleave)).toEqual([
			'Conference',
			'Family',
		]);
	});
});
