import type { IDataObject } from 'n8n-workflow';
import type { ZohoContext } from '../../shared/transport/auth';
import type { PageOptions } from '../../shared/transport/pagination';
import { fetchAllPages } from '../../shared/transport/pagination';
import type { RequestSettings, ZohoRequest, ZohoResponse } from '../../shared/transport/request';
import { zohoApiRequest } from '../../shared/transport/request';
import { peopleProfile } from './profile';

/** Per-execution People state: the request settings every item shares. */
export class PeopleSession {
	constructor(
		private readonly ctx: ZohoContext,
		readonly settings: RequestSettings,
	) {}

	async request(request: ZohoRequest, itemIndex?: number): Promise<ZohoResponse> {
		return await zohoApiRequest.call(this.ctx, peopleProfile, request, { ...this.settings, itemIndex });
	}

	/** sIndex/limit pages of 200 until `limit` records are in hand. */
	async records(request: ZohoRequest, pages: PageOptions, itemIndex?: number): Promise<IDataObject[]> {
		const result = await fetchAllPages.call(this.ctx, peopleProfile, request, pages, { ...this.settings, itemIndex });
		if ('records' in result) return flattenRecords(result.records);
		return flattenRecords(resultOf(result.notAList.body));
	}
}

/** `response.result` of a People answer, as an array. */
export function resultOf(body: unknown): unknown[] {
	const response = ((body ?? {}) as IDataObject).response as IDataObject | undefined;
	const result = response?.result ?? (body as IDataObject)?.result;
	if (Array.isArray(result)) return result;
	return result === undefined || result === null ? [] : [result];
}

/**
 * People nests records as `[{"<recordId>": [{...fields}]}]`; users want `{recordId, ...fields}`.
 * Other shapes pass through unchanged.
 */
export function flattenRecords(result: unknown[]): IDataObject[] {
	const out: IDataObject[] = [];
	for (const entry of result) {
		if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
			const keys = Object.keys(entry);
			const nested = keys.length === 1 && /^\d+$/.test(keys[0]) ? (entry as IDataObject)[keys[0]] : undefined;
			if (Array.isArray(nested)) {
				for (const fields of nested) out.push({ recordId: keys[0], ...(fields as IDataObject) });
				continue;
			}
			// Single records (getDataByID) are not nested; their ID is the Zoho_ID field.
			const record = entry as IDataObject;
			out.push(record.recordId === undefined && record.Zoho_ID !== undefined ? { recordId: String(record.Zoho_ID), ...record } : record);
		} else {
			out.push({ value: entry as string });
		}
	}
	return out;
}

/** The attendance date-time format, sent as dateFormat (dates: shared/dates.ts formatSlashDateTime). */
export const ATTENDANCE_DATE_FORMAT = 'dd/MM/yyyy HH:mm:ss';

/** `yyyy-MM-dd`, sent as dateFormat where People accepts a format (shared/dates.ts formatIsoDate). */
export const ISO_DATE_FORMAT = 'yyyy-MM-dd';
