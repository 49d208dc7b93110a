import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isJsonObject } from '../../shared/transport/profile';
import type { InvoiceSession } from '../transport';
import type { WatchedList } from './resources';

/** Zoho Invoice's largest page (docs/reference/zoho-api.md §3, "Pagination"). */
export const PAGE_SIZE = 200;

/** Where the organization found for an empty Organization is kept, next to the cursor. */
const ORGANIZATION_KEY = 'zohoInvoiceOrganization';

/** One page of a Zoho Invoice list as the trigger reads it. */
export interface ListPage {
	rows: IDataObject[];
	/** Zoho's `page_context` (its filter, sort and `has_more_page`), when it sent one. */
	context?: IDataObject;
	/** Whether another page follows: `has_more_page`, or a full page when Zoho sent no context. */
	hasMore: boolean;
}

/**
 * Reads the lists of one organization for one poll. With an empty Organization the account's only
 * organization is looked up once (as the Invoice node does) and kept in the node's static data, so
 * an idle poll stays one call; a manual test never writes static data.
 */
export class TriggerLists {
	private organization?: Promise<string>;

	constructor(
		private readonly ctx: IPollFunctions,
		private readonly session: InvoiceSession,
		private readonly chosenOrganization: string,
		/** The node's static data, or undefined in a manual test. */
		private readonly stored: IDataObject | undefined,
	) {}

	private organizationId(): Promise<string> {
		this.organization ??= this.resolveOrganization();
		return this.organization;
	}

	private async resolveOrganization(): Promise<string> {
		if (this.chosenOrganization) return this.chosenOrganization;
		const kept = this.stored?.[ORGANIZATION_KEY];
		if (typeof kept === 'string' && kept !== '') return kept;
		const found = await this.session.organizationId('');
		if (this.stored) this.stored[ORGANIZATION_KEY] = found;
		return found;
	}

	async page(list: WatchedList, qs: IDataObject): Promise<ListPage> {
		const organizationId = await this.organizationId();
		const response = await this.session.request(organizationId, {
			method: 'GET',
			path: list.path,
			qs,
		});
		const body = response.body;
		const rows = isJsonObject(body)
			? Array.isArray(body[list.listKey])
				? body[list.listKey]
				: Object.values(body).find((value) => Array.isArray(value))
			: undefined;
		if (!Array.isArray(rows)) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				`Zoho Invoice answered the list of ${list.plural} without a list`,
				{ description: `GET ${list.path} gave no "${list.listKey}" array.` },
			);
		}
		const context =
			isJsonObject(body) && isJsonObject(body.page_context)
				? (body.page_context as IDataObject)
				: undefined;
		const requested = Number(qs.per_page ?? PAGE_SIZE);
		return {
			rows: rows.filter((row): row is IDataObject => isJsonObject(row)),
			context,
			hasMore: context ? context.has_more_page === true : rows.length >= requested,
		};
	}
}

/** A record's ID as Zoho sent it, a string (never through a JS number); undefined when missing. */
export function idOf(row: IDataObject, idField: string): string | undefined {
	const id = row[idField];
	if (typeof id === 'string' && id !== '') return id;
	// The transport's parser keeps 18-digit integers as strings; a small bare number is exact.
	if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
	return undefined;
}

/** Whether Zoho says it sorted the page by `column`, newest (largest) first. */
export function sortedBy(context: IDataObject | undefined, column: string): boolean {
	if (!context || context.sort_column !== column) return false;
	const order = context.sort_order;
	return order === undefined || String(order).toUpperCase() === 'D';
}
