import type { IDataObject } from 'n8n-workflow';
import { fromMonthDateTime } from '../../shared/dates';
import type { ZohoContext } from '../../shared/transport/auth';
import type { PageOptions } from '../../shared/transport/pagination';
import { fetchAllPages } from '../../shared/transport/pagination';
import type { RequestSettings, ZohoRequest, ZohoResponse } from '../../shared/transport/request';
import { zohoApiRequest } from '../../shared/transport/request';

/** Per-execution Bookings state: request settings, the plan's daily limit and the account time zone. */
export class BookingsSession {
	constructor(
		private readonly ctx: ZohoContext,
		readonly settings: RequestSettings,
	) {}

	async request(request: ZohoRequest, itemIndex?: number): Promise<ZohoResponse> {
		return await zohoApiRequest.call(this.ctx, 'bookings', request, { ...this.settings, itemIndex });
	}

	/** fetchappointment pages (page/per_page inside the `data` field) until `limit`. */
	async records(request: ZohoRequest, pages: PageOptions, itemIndex?: number): Promise<IDataObject[]> {
		const result = await fetchAllPages.call(this.ctx, 'bookings', request, pages, { ...this.settings, itemIndex });
		if ('records' in result) return result.records.map((r) => withIsoDates(r as IDataObject));
		return returnValueList(result.notAList.body);
	}
}

/** `response.returnvalue` of a Bookings answer. */
export function returnValue(body: unknown): IDataObject {
	const response = ((body ?? {}) as IDataObject).response as IDataObject | undefined;
	const value = response?.returnvalue;
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** The records of a list answer (`returnvalue.data[]`), with ISO dates added. */
export function returnValueList(body: unknown): IDataObject[] {
	const value = returnValue(body);
	const list = Array.isArray(value.data) ? value.data : Array.isArray(value.response) ? value.response : [];
	return (list as IDataObject[]).map(withIsoDates);
}

/** Adds `<field>_iso` beside every Bookings date field of a record. */
export function withIsoDates(record: IDataObject): IDataObject {
	const out: IDataObject = { ...record };
	for (const [key, value] of Object.entries(record)) {
		if (typeof value !== 'string') continue;
		const iso = fromMonthDateTime(value);
		if (iso) out[`${key}_iso`] = iso;
	}
	return out;
}
