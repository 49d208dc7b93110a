import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { loadOptionsSettings } from '../../shared/settings';
import { ONLY_ORGANIZATION } from '../actions/resourceBuilder/locators';
import { InvoiceSession, listOrganizations } from '../transport';
import { currentOrganization } from './organization';

/**
 * The "From list" searches of the node's resource locators. Each page the user scrolls to or
 * types is one call to Zoho, with Zoho's own search parameter (docs/reference/zoho-api.md §3;
 * contact_name_contains, name_contains and search_text are the list endpoints' documented
 * filters) and Zoho's largest page (200); the pagination token is the next page number.
 * Records are listed in the organization the node has chosen, read at every search, so a list
 * follows a change of organization.
 */

/** Zoho Invoice's largest page (docs/reference/zoho-api.md §3, Pagination). */
const PAGE_SIZE = 200;

/** The page a pagination token names; the first page without one (or with one we did not issue). */
function pageOf(paginationToken: string | undefined): number {
	const page = Number(paginationToken);
	return Number.isSafeInteger(page) && page > 1 ? page : 1;
}

/** What the user typed, or undefined when nothing (the whole list). */
function searchText(filter: string | undefined): string | undefined {
	const text = (filter ?? '').trim();
	return text === '' ? undefined : text;
}

/** One page of a list of the chosen organization, and the token of the next page if Zoho has one. */
async function listPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	key: string,
	qs: IDataObject,
	paginationToken: string | undefined,
): Promise<{ records: IDataObject[]; paginationToken?: string }> {
	const page = pageOf(paginationToken);
	const session = new InvoiceSession(ctx, loadOptionsSettings(ctx));
	const response = await session.request(currentOrganization(ctx), {
		method: 'GET',
		path,
		qs: { ...qs, page, per_page: PAGE_SIZE },
	});
	const body = (response.body ?? {}) as IDataObject;
	const records = ((body[key] ?? []) as IDataObject[]).filter(
		(r) => r !== null && typeof r === 'object',
	);
	const more = (body.page_context as IDataObject | undefined)?.has_more_page === true;
	return more ? { records, paginationToken: String(page + 1) } : { records };
}

function item(name: unknown, value: unknown, description?: string): INodeListSearchItems {
	const id = String(value);
	const label = name === undefined || name === null || name === '' ? id : String(name);
	return description ? { name: label, value: id, description } : { name: label, value: id };
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Name and ID of every organization of the account; the account's only one first, when it has one. */
export async function searchOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const organizations = await listOrganizations.call(this, loadOptionsSettings(this));
	const typed = searchText(filter)?.toLowerCase();
	const results = organizations
		.filter((org) => !typed || String(org.name).toLowerCase().includes(typed))
		.map((org) =>
			item(
				`${org.name}${org.is_default_org ? ' (default)' : ''}`,
				org.organization_id,
				org.time_zone ? `Time zone ${org.time_zone}` : undefined,
			),
		);
	// Empty means "look the organization up", which works only when there is one to find.
	if (organizations.length === 1 && !typed)
		results.unshift({
			name: ONLY_ORGANIZATION,
			value: '',
			description: `Currently ${String(organizations[0].name)}`,
		});
	return { results };
}

/** A list a locator searches: where it lives, Zoho's search parameter, and how a record shows. */
interface SearchedList {
	path: string;
	key: string;
	query(typed: string | undefined): IDataObject;
	row(record: IDataObject): INodeListSearchItems;
}

/** One page of `list`, searched with what the user typed (one call). */
async function searchList(
	ctx: ILoadOptionsFunctions,
	list: SearchedList,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const { records, paginationToken: next } = await listPage(
		ctx,
		list.path,
		list.key,
		list.query(searchText(filter)),
		paginationToken,
	);
	return { results: records.map((r) => list.row(r)), paginationToken: next };
}

/** Contacts by name (contact_name_contains); active ones only for a new document's customer. */
const contacts = (activeOnly: boolean): SearchedList => ({
	path: '/contacts',
	key: 'contacts',
	query: (typed) => ({
		sort_column: 'contact_name',
		...(activeOnly ? { filter_by: 'Status.Active' } : {}),
		...(typed ? { contact_name_contains: typed } : {}),
	}),
	row: (c) => item(c.contact_name, c.contact_id, text(c.email)),
});

/** Items by name (name_contains); active ones only for a line item. */
const items = (activeOnly: boolean): SearchedList => ({
	path: '/items',
	key: 'items',
	query: (typed) => ({
		sort_column: 'name',
		...(activeOnly ? { filter_by: 'Status.Active' } : {}),
		...(typed ? { name_contains: typed } : {}),
	}),
	row: (i) => item(i.name, i.item_id, i.rate !== undefined ? `Rate ${String(i.rate)}` : undefined),
});

/** Every contact, active or not (a contact's own operations, filters). */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, contacts(false), filter, paginationToken);
}

/** Active contacts: the customer of a new document. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, contacts(true), filter, paginationToken);
}

/** Every item, active or not (an item's own operations). */
export async function searchItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, items(false), filter, paginationToken);
}

/** Active items: a line item of a document. */
export async function searchActiveItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, items(true), filter, paginationToken);
}

/**
 * The organization's taxes. Zoho documents no search parameter for taxes, so what was typed
 * filters each page's tax names here (still one call per page).
 */
export async function searchTaxes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const typed = searchText(filter)?.toLowerCase();
	const { records, paginationToken: next } = await listPage(
		this,
		'/settings/taxes',
		'taxes',
		{},
		paginationToken,
	);
	return {
		results: records
			.filter(
				(t) =>
					!typed ||
					String(t.tax_name ?? '')
						.toLowerCase()
						.includes(typed),
			)
			.map((t) =>
				item(
					t.tax_name,
					t.tax_id,
					t.tax_percentage !== undefined ? `${String(t.tax_percentage)} %` : undefined,
				),
			),
		paginationToken: next,
	};
}

/** "INV-000001 (Acme Ltd)": a document's number and its customer. */
function documentName(number: unknown, customer: unknown): string | undefined {
	if (number === undefined || number === null || number === '') return undefined;
	return customer ? `${String(number)} (${String(customer)})` : String(number);
}

/** Date, total and status of a document, for its line in the list. */
function documentDescription(d: IDataObject): string | undefined {
	const total =
		d.total !== undefined ? `${text(d.currency_code) ?? ''} ${String(d.total)}`.trim() : undefined;
	const parts = [text(d.date), total, text(d.status)].filter((p): p is string => p !== undefined);
	return parts.length ? parts.join(' · ') : undefined;
}

/** Invoices or estimates, searched by Zoho's search_text (number, reference or customer name). */
const documents = (
	plural: 'invoices' | 'estimates',
	singular: 'invoice' | 'estimate',
): SearchedList => ({
	path: `/${plural}`,
	key: plural,
	query: (typed) => (typed ? { search_text: typed } : {}),
	row: (d) =>
		item(
			documentName(d[`${singular}_number`], d.customer_name),
			d[`${singular}_id`],
			documentDescription(d),
		),
});

export async function searchInvoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, documents('invoices', 'invoice'), filter, paginationToken);
}

export async function searchEstimates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList(this, documents('estimates', 'estimate'), filter, paginationToken);
}
