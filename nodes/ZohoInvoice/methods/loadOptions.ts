import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { loadOptionsSettings } from '../../shared/settings';
import { InvoiceSession, listOrganizations } from '../transport';
import { currentOrganization } from './organization';

/**
 * Dropdowns of Zoho Invoice. The action node picks records with resource locators
 * (methods/listSearch.ts); what stays here is the Currency dropdown and the organization list
 * the trigger's Organization dropdown uses.
 */
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
	const session = new InvoiceSession(ctx, loadOptionsSettings(ctx));
	const response = await session.request(currentOrganization(ctx), {
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

export async function getCurrencies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const currencies = await firstPage(this, '/settings/currencies', 'currencies');
	return options(
		currencies,
		'currency_code',
		'currency_id',
		(c) => (c.currency_name as string) || undefined,
	);
}
