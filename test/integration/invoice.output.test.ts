/**
 * What Zoho Invoice operations output (issue 15, n8n's UX guidelines): Get and Get Many return a
 * simplified record by default (the fields each resource's Simplify names), the whole record with
 * Simplify off, Zoho's whole answer with Return Full Response. Simplify came with node version 1.1
 * (the default for new nodes); a workflow saved with version 1 keeps the whole record.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { loadPackage } from '../harness';
import { RESOURCES_BY_VALUE } from '../../nodes/ZohoInvoice/actions/resources';
import type { World } from './world';
import { jsonOf, useWorld } from './world';

const ORG = '60012345678';
const world = useWorld(2);
let w: World;
let invoices: Array<Record<string, unknown>>;
beforeEach(() => {
	w = world();
	invoices = w.sb.invoice.seedInvoices(2, ORG);
	w.sb.clearRequests();
});

/** The Simplify fields of the invoice resource, as its toggle's description names them. */
const INVOICE_FIELDS = (
	RESOURCES_BY_VALUE.invoice.description.find((p) => p.name === 'simplify')!.description as string
)
	.replace(/^.*: /, '')
	.split(', ');

/** The record as Zoho holds it, cut to `fields` in their order (absent ones left out). */
const pick = (record: IDataObject, fields: string[]) =>
	Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));

const stored = (id: unknown) => w.sb.invoice.get('invoices', String(id), ORG) as IDataObject;

it('the invoice Simplify names its twelve fields', () => {
	expect(INVOICE_FIELDS).toEqual([
		'invoice_id',
		'invoice_number',
		'status',
		'date',
		'due_date',
		'customer_id',
		'customer_name',
		'reference_number',
		'currency_code',
		'total',
		'balance',
		'last_modified_time',
	]);
});

it('new nodes are version 1.1, the version with Simplify; the toggle is not shown on version 1', () => {
	const { description } = loadPackage().nodeTypes.getByNameAndVersion(
		'n8n-nodes-zoho-regional.zohoInvoice',
	);
	expect(description.version).toEqual([1, 1.1]);
	expect(description.defaultVersion).toBe(1.1);
	const toggles = description.properties.filter((p) => p.name === 'simplify');
	// Get and Get Many of the nine resources with many fields.
	expect(toggles).toHaveLength(18);
	for (const t of toggles)
		expect(t.displayOptions?.show?.['@version']).toEqual([{ _cnd: { gte: 1.1 } }]);
});

it('Get returns the simplified invoice by default, the whole one with Simplify off', async () => {
	const id = invoices[1].invoice_id;
	const simple = jsonOf(
		await w.run('oAuth2', {
			resource: 'invoice',
			operation: 'get',
			organizationId: ORG,
			invoiceId: id as string,
		}),
	);
	const record = stored(id);
	expect(simple).toEqual([pick(record, INVOICE_FIELDS)]);
	// The sandbox's invoice has more than these (line items, addresses, …): Simplify cut them.
	expect(Object.keys(record).length).toBeGreaterThan(Object.keys(simple[0]).length + 5);
	const whole = jsonOf(
		await w.run('oAuth2', {
			resource: 'invoice',
			operation: 'get',
			organizationId: ORG,
			invoiceId: id as string,
			simplify: false,
		}),
	);
	expect(whole).toEqual([record]);
	expect(w.apiCalls('/invoices/')).toBe(2);
});

it('Return Full Response wins over Simplify: Zoho’s whole answer', async () => {
	const id = invoices[0].invoice_id as string;
	const [full] = jsonOf(
		await w.run('oAuth2', {
			resource: 'invoice',
			operation: 'get',
			organizationId: ORG,
			invoiceId: id,
			options: { fullResponse: true },
		}),
	);
	expect(full).toMatchObject({ code: 0, message: 'success', invoice: stored(id) });
});

it('Get Many simplifies every record, and not with Simplify off', async () => {
	const params = {
		resource: 'invoice',
		operation: 'getAll',
		organizationId: ORG,
		returnAll: true,
		filters: { status: 'draft' },
	};
	const simple = jsonOf(await w.run('oAuth2', params));
	expect(simple).toEqual(invoices.map((i) => pick(stored(i.invoice_id), INVOICE_FIELDS)));
	const whole = jsonOf(await w.run('oAuth2', { ...params, simplify: false }));
	expect(whole.map((r) => r.invoice_id)).toEqual(invoices.map((i) => i.invoice_id));
	expect(whole[0].line_items).toBeDefined();
	expect(w.apiCalls('/invoices')).toBe(2);
});

it('a resource without Simplify (users) returns the whole record', async () => {
	const [user] = jsonOf(
		await w.run('oAuth2', {
			resource: 'user',
			operation: 'getAll',
			organizationId: ORG,
			returnAll: false,
			limit: 1,
		}),
	);
	expect(user).toEqual(w.sb.invoice.records('users', ORG)[0]);
});

describe('a workflow saved with version 1 (before Simplify)', () => {
	const v1 = (parameters: INodeParameters) =>
		w.run('oAuth2', { organizationId: ORG, ...parameters }, { typeVersion: 1 });

	it('Get returns the whole invoice, also with a simplify value left in its parameters', async () => {
		const id = invoices[1].invoice_id as string;
		const get = { resource: 'invoice', operation: 'get', invoiceId: id };
		expect(jsonOf(await v1(get))).toEqual([stored(id)]);
		expect(jsonOf(await v1({ ...get, simplify: true }))).toEqual([stored(id)]);
		expect(w.apiCalls('/invoices/')).toBe(2);
	});

	it('Get Many returns every record whole, as version 1.1 does with Simplify off', async () => {
		const params = {
			resource: 'invoice',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'draft' },
		};
		const whole = jsonOf(await v1(params));
		expect(whole).toEqual(
			jsonOf(await w.run('oAuth2', { ...params, organizationId: ORG, simplify: false })),
		);
		expect(whole.map((r) => r.invoice_id)).toEqual(invoices.map((i) => i.invoice_id));
		expect(whole[0].line_items).toBeDefined();
		// The same for a contact (another resource with Simplify).
		const [contact] = jsonOf(
			await v1({ resource: 'contact', operation: 'getAll', returnAll: false, limit: 1 }),
		);
		expect(contact).toEqual(w.sb.invoice.records('contacts', ORG)[0]);
	});
});
