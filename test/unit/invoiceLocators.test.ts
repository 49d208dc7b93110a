/**
 * The Zoho Invoice node's resource locators as n8n's own parameter checks see them
 * (NodeHelpers.getNodeParametersIssues: the editor's issue icons, and WorkflowExecute refuses to
 * run a workflow that has issues), and their URL modes on every data center's web domain. The
 * e2e dropdowns test repeats the issue check with the n8n-workflow of each n8n line.
 */
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyMode,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { ZohoInvoice } from '../../nodes/ZohoInvoice/ZohoInvoice.node';
import { ONLY_ORGANIZATION } from '../../nodes/ZohoInvoice/actions/resourceBuilder/locators';

const description: INodeTypeDescription = new ZohoInvoice().description;
const properties = description.properties;

function node(parameters: INodeParameters): INode {
	const n: INode = {
		id: 'n',
		name: 'Zoho Invoice',
		type: 'n8n-nodes-zoho-regional.zohoInvoice',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	// The parameters as the editor holds them: the user's, the rest at their defaults.
	n.parameters = NodeHelpers.getNodeParameters(
		properties,
		parameters,
		true,
		false,
		n,
		description,
	)!;
	return n;
}

const issuesOf = (parameters: INodeParameters) => {
	const n = node(parameters);
	return NodeHelpers.getNodeParametersIssues(properties, n, description)?.parameters ?? {};
};

/** Every resource and operation of the node. */
const FORMS = properties
	.filter((p) => p.name === 'operation')
	.flatMap((op) =>
		(op.options as Array<{ value: string }>).map((o) => ({
			resource: (op.displayOptions!.show!.resource as string[])[0],
			operation: o.value,
		})),
	);

/** Every property of the description, inside collections and fixed collections too. */
function allProperties(props: INodeProperties[]): INodeProperties[] {
	return props.flatMap((p) => [
		p,
		...(p.type === 'collection' ? allProperties(p.options as INodeProperties[]) : []),
		...(p.type === 'fixedCollection'
			? (p.options as INodePropertyCollection[]).flatMap((g) => allProperties(g.values))
			: []),
	]);
}

const requiredNames = new Set(
	allProperties(properties)
		.filter((p) => p.required)
		.map((p) => p.displayName),
);

describe('Organization: the empty value is a labelled, valid choice', () => {
	const organization = properties.find((p) => p.name === 'organizationId')!;

	it("is a locator that shows The account's only organization by default", () => {
		// The editor shows a list-mode locator's cachedResultName; the old options dropdown showed ''
		// and n8n's "The value "" is not supported!" (issue 15).
		expect(organization.type).toBe('resourceLocator');
		expect(organization.default).toEqual({
			mode: 'list',
			value: '',
			cachedResultName: ONLY_ORGANIZATION,
		});
		// n8n 2.41 shows an empty list value as the list mode's placeholder instead.
		expect(organization.modes?.find((m) => m.name === 'list')?.placeholder).toBe(ONLY_ORGANIZATION);
		expect(organization.required).toBeUndefined();
	});

	it.each(FORMS)(
		'$resource / $operation with its defaults: no issue on the organization, and only required fields left empty otherwise',
		({ resource, operation }) => {
			const issues = issuesOf({ resource, operation });
			expect(issues.organizationId).toBeUndefined();
			for (const [name, messages] of Object.entries(issues))
				for (const m of messages) {
					const label = /^Parameter "(.*)" is required\.$/.exec(m)?.[1];
					expect({ name, label: label && requiredNames.has(label) }).toEqual({ name, label: true });
				}
		},
	);

	it.each([
		['the list, empty', { mode: 'list', value: '' }],
		['By ID, empty', { mode: 'id', value: '' }],
		['By ID', { mode: 'id', value: '60012345678' }],
		['By URL', { mode: 'url', value: 'https://invoice.zoho.com/app/60012345678#/home/dashboard' }],
		['an expression', { mode: 'id', value: '={{ $json.org }}' }],
		['a plain string saved before the locator', '60012345678'],
	])('%s raises no issue', (_title, organizationId) => {
		expect(issuesOf({ resource: 'contact', operation: 'getAll', organizationId })).toEqual({});
	});

	it.each([
		[
			'By ID with letters',
			{ mode: 'id', value: 'abc' },
			'Not a valid organization ID (digits only)',
		],
		[
			'By URL of another site',
			{ mode: 'url', value: 'https://books.zoho.com/app/60012345678#/home' },
			'Not a Zoho Invoice URL with an organization ID',
		],
	])('%s is an issue', (_title, organizationId, message) => {
		expect(issuesOf({ resource: 'contact', operation: 'getAll', organizationId })).toEqual({
			organizationId: [message],
		});
	});
});

/** n8n-core's extractValue for a regex mode: the regex's one group, or an error. */
function extract(mode: INodePropertyMode, value: string): string | undefined {
	const extractValue = mode.extractValue as { type: string; regex: string };
	expect(extractValue.type).toBe('regex');
	return new RegExp(extractValue.regex).exec(value)?.[1];
}

const modeOf = (property: INodeProperties, name: string) =>
	property.modes!.find((m) => m.name === name)!;

describe('URL modes: every data center of Zoho Invoice', () => {
	const DOMAINS = [
		'invoice.zoho.com',
		'invoice.zoho.eu',
		'invoice.zoho.in',
		'invoice.zoho.com.au',
		'invoice.zoho.jp',
		'invoice.zohocloud.ca',
		'invoice.zoho.sa',
		'invoice.zoho.uk',
		'invoice.zoho.com.cn',
	];
	const ID = '460000000012345678';
	const ORG = '60012345678';
	const locator = (resource: string) =>
		properties.find(
			(p) =>
				p.name === `${resource}Id` &&
				p.type === 'resourceLocator' &&
				(p.displayOptions?.show?.operation as string[]).includes('get'),
		)!;
	const pages: Array<[string, string]> = [
		['contact', 'contacts'],
		['invoice', 'invoices'],
		['estimate', 'quotes'],
		['estimate', 'estimates'],
		['item', 'inventory/items'],
		['item', 'items'],
	];

	it.each(DOMAINS)('%s: each record page gives its ID, without an issue', (domain) => {
		for (const [resource, section] of pages) {
			for (const url of [
				`https://${domain}/app/${ORG}#/${section}/${ID}`,
				`https://${domain}/app#/${section}/${ID}/edit`,
				`https://${domain}/app/${ORG}#/${section}/${ID}?filter_by=Status.All`,
			]) {
				expect({ url, id: extract(modeOf(locator(resource), 'url'), url) }).toEqual({
					url,
					id: ID,
				});
				const issues = issuesOf({
					resource,
					operation: 'get',
					[`${resource}Id`]: { __rl: true, mode: 'url', value: url },
				});
				expect({ url, issues }).toEqual({ url, issues: {} });
			}
		}
		const organization = properties.find((p) => p.name === 'organizationId')!;
		expect(extract(modeOf(organization, 'url'), `https://${domain}/app/${ORG}#/invoices`)).toBe(
			ORG,
		);
	});

	it.each([
		['another record kind', `https://invoice.zoho.com/app/${ORG}#/contacts/${ID}`],
		['another Zoho product', `https://books.zoho.com/app/${ORG}#/invoices/${ID}`],
		['not Zoho', `https://invoice.example.com/app/${ORG}#/invoices/${ID}`],
	])('an invoice URL of %s is an issue', (_title, url) => {
		expect(
			issuesOf({
				resource: 'invoice',
				operation: 'get',
				invoiceId: { __rl: true, mode: 'url', value: url },
			}),
		).toEqual({ invoiceId: ['Not a Zoho Invoice invoice URL'] });
	});

	it('By ID takes digits only; the list mode any picked value', () => {
		expect(
			issuesOf({
				resource: 'contact',
				operation: 'get',
				contactId: { __rl: true, mode: 'id', value: '46x' },
			}),
		).toEqual({ contactId: ['Not a valid contact ID (digits only)'] });
		expect(
			issuesOf({
				resource: 'contact',
				operation: 'get',
				contactId: { __rl: true, mode: 'list', value: ID },
			}),
		).toEqual({});
	});
});

describe('Simplify', () => {
	const SIMPLIFIED = [
		'contact',
		'creditNote',
		'customerPayment',
		'estimate',
		'expense',
		'invoice',
		'item',
		'project',
		'recurringInvoice',
	];

	it('is on by default for Get and Get Many of every resource with many fields, naming what it keeps', () => {
		const toggles = properties.filter((p) => p.name === 'simplify');
		const shown = toggles.flatMap((p) =>
			(p.displayOptions!.show!.resource as string[]).flatMap((r) =>
				(p.displayOptions!.show!.operation as string[]).map((o) => `${r}.${o}`),
			),
		);
		expect(shown.sort()).toEqual(SIMPLIFIED.flatMap((r) => [`${r}.get`, `${r}.getAll`]).sort());
		for (const t of toggles) {
			expect(t.type).toBe('boolean');
			expect(t.default).toBe(true);
			expect(t.description).toMatch(
				/^Whether to return only these fields instead of the whole record: \w+_id, /,
			);
		}
	});
});
