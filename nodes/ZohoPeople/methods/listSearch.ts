import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { loadOptionsSettings } from '../../shared/settings';
import { flattenRecords, resultOf } from '../helpers/output';
import { PeopleSession } from '../transport';

/**
 * The resource locators' "From list" searches. Each typed search (and each further page) is one
 * call to Zoho People, with Zoho's own search parameters where it has them.
 */

/** getRecords serves at most 200 records a call (docs/reference/zoho-api.md §4, "Bulk records"). */
const PAGE_SIZE = 200;

/** A whole email address: searched with People's documented exact-match SearchColumn. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const byName = (a: INodeListSearchItems, b: INodeListSearchItems) => a.name.localeCompare(b.name);

/**
 * Forms: GET /people/api/forms takes no parameters (docs/reference/zoho-api.md §4, "Fetch forms"),
 * so the one call lists every form and the typed text is matched here, on the name and link name.
 */
export async function searchForms(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await new PeopleSession(this, loadOptionsSettings(this)).request({
		method: 'GET',
		path: '/people/api/forms',
	});
	const text = (filter ?? '').trim().toLowerCase();
	const results = flattenRecords(resultOf(response.body))
		.filter((f) => f.formLinkName !== undefined && f.formLinkName !== null)
		.map((f: IDataObject) => ({
			name: String(f.displayName ?? f.formLinkName),
			value: String(f.formLinkName),
		}))
		.filter(
			(f) => !text || f.name.toLowerCase().includes(text) || f.value.toLowerCase().includes(text),
		)
		.sort(byName);
	return { results };
}

/**
 * The query of one page of employees matching `filter`. A whole email goes to People's documented
 * SearchColumn=EMPLOYEEMAILALIAS (exact match, "Bulk records"); any other text to `searchParams`
 * (zoho.com/people/api/forms-api/search-record.html): "Contains" on first name, last name,
 * employee ID and email, each condition with searchCriteria OR. Assumption: Zoho documents the
 * searchCriteria key (AND | OR, default AND) but not how it joins conditions; OR on every one
 * reads the same whether it joins a condition to the one before or applies to all.
 */
function employeeSearchQuery(filter: string | undefined, sIndex: number): IDataObject {
	const qs: IDataObject = { sIndex, limit: PAGE_SIZE };
	// '|' separates searchParams conditions; a typed one would split the text.
	const text = (filter ?? '').replace(/\|/g, ' ').trim();
	if (!text) return qs;
	if (EMAIL.test(text)) return { ...qs, SearchColumn: 'EMPLOYEEMAILALIAS', SearchValue: text };
	qs.searchParams = ['FirstName', 'LastName', 'EmployeeID', 'EmailID']
		.map((searchField) =>
			JSON.stringify({
				searchField,
				searchOperator: 'Contains',
				searchText: text,
				searchCriteria: 'OR',
			}),
		)
		.join('|');
	return qs;
}

/** One page of the employee form's records matching `filter`; the next sIndex when it was full. */
async function employeePage(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<{ records: IDataObject[]; next?: string }> {
	const sIndex = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 1;
	const response = await new PeopleSession(ctx, loadOptionsSettings(ctx)).request({
		method: 'GET',
		path: '/people/api/forms/employee/getRecords',
		qs: employeeSearchQuery(filter, sIndex),
	});
	// "No records found" (7024) is an empty page, not an error (transport/profile.ts).
	const records = flattenRecords(resultOf(response.body));
	return {
		records,
		next: records.length >= PAGE_SIZE ? String(sIndex + records.length) : undefined,
	};
}

function employeeName(record: IDataObject): string {
	const name = [record.FirstName, record.LastName]
		.filter((part) => typeof part === 'string' && part.trim() !== '')
		.join(' ');
	const id = record.EmployeeID ? ` (${String(record.EmployeeID)})` : '';
	return `${name || String(record.EmailID ?? record.recordId)}${id}`;
}

/** Employees by record ID (Zoho_ID), for fields that take the employee's record. */
export async function searchEmployees(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await employeePage(this, filter, paginationToken);
	const results = page.records
		.filter((r) => r.recordId !== undefined)
		.map((r) => ({
			name: employeeName(r),
			value: String(r.recordId),
			...(r.EmailID ? { description: String(r.EmailID) } : {}),
		}));
	return { results, paginationToken: page.next };
}

/** Employees by Employee ID (EmployeeID), for fields that take it (leave, time logs). */
export async function searchEmployeeIds(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await employeePage(this, filter, paginationToken);
	const results = page.records
		.filter((r) => typeof r.EmployeeID === 'string' && r.EmployeeID !== '')
		.map((r) => ({
			name: employeeName(r),
			value: String(r.EmployeeID),
			...(r.EmailID ? { description: String(r.EmailID) } : {}),
		}));
	return { results, paginationToken: page.next };
}
