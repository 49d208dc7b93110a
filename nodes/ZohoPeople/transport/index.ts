import type { IDataObject } from 'n8n-workflow';
import type { ZohoContext } from '../../shared/transport/auth';
import type { PageOptions } from '../../shared/transport/pagination';
import { fetchAllPages } from '../../shared/transport/pagination';
import type { RequestSettings } from '../../shared/transport/request';
import { zohoApiRequest } from '../../shared/transport/request';
import type { ZohoRequest, ZohoResponse } from '../../shared/transport/wire';
import { flattenRecords, resultOf } from '../helpers/output';
import { peopleProfile } from './profile';

/** Per-execution People state: the request settings every item shares. */
export class PeopleSession {
	constructor(
		private readonly ctx: ZohoContext,
		readonly settings: RequestSettings,
	) {}

	async request(request: ZohoRequest, itemIndex?: number): Promise<ZohoResponse> {
		return await zohoApiRequest.call(this.ctx, peopleProfile, request, {
			...this.settings,
			itemIndex,
		});
	}

	/** sIndex/limit pages of 200 until `limit` records are in hand. */
	async records(
		request: ZohoRequest,
		pages: PageOptions,
		itemIndex?: number,
	): Promise<IDataObject[]> {
		const result = await fetchAllPages.call(this.ctx, peopleProfile, request, pages, {
			...this.settings,
			itemIndex,
		});
		if ('records' in result) return flattenRecords(result.records);
		return flattenRecords(resultOf(result.notAList.body));
	}
}
