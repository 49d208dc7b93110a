import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { loadOptionsSettings } from '../../shared/settings';
import { InvoiceSession, listOrganizations } from '../transport';

export async function getOrganizations(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const organizations = await listOrganizations.call(this, loadOptionsSettings(this));
	return organizations.map((org) => ({
		name: `${org.name}${org.is_default_org ? ' (default)' : ''}`,
		value: String(org.organization_id),
		description: org.time_zone ? `Time zone ${org.time_zone}` : undefined,
	}));
}

/** One page (200, Zoho's maximum) of a list, for a dropdown; an ID can still be typed. */
async function firstPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	key: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const organizationId = (ctx.getCurrentNodeParameter('organizationId') as string) ?? '';
	const session = new InvoiceSession(ctx, loadOptionsSettings(ctx));
	const response = await session.request(organizationId, {
		method: 'GET',
		path,
		qs: { per_page: 200, ...qs },
	});
	return (((response.body as IDataObject)?.[key] ?? []) as IDataObject[]).filter(Boolean);
}

function options(
	records: IDataObject[],
	nameKey: string,
	valueKey: string,
	describe?: (r: IDataObject) => string | undefined,
) {
	return records
		.map((r) => ({
			name: String(r[nameKey] ?? r[valueKey]),
			value: String(r[valueKey]),
			description: describe?.(r),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getCustomers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const contacts = await firstPage(this, '/contacts', 'contacts', { filter_by: 'Status.Active' });
	return options(contacts, 'contact_name', 'contact_id', (c) => (c.email as string) || undefined);
}

export async function getItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const items = await firstPage(this, '/items', 'items', { filter_by: 'Status.Active' });
	return options(items, 'name', 'item_id', (i) =>
		i.rate !== undefined ? `Rate ${String(i.rate)}` : undefined,
	);
}

export async function getTaxes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const taxes = await firstPage(this, '/settings/taxes', 'taxes');
	return options(taxes, 'tax_name', 'tax_id', (t) =>
		t.tax_percentage !== undefined ? `${String(t.tax_percentage)} %` : undefined,
	);
}

export async function getCurrencies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const currencies = await firstPage(this, '/settings/currencies', 'currencies');
	return options(
		currencies,
		'currency_code',
		'currency_id',
		(c) => (c.currency_name as string) || undefined,
	);
}
