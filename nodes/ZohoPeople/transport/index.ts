import type { IDataObject } from 'n8n-workflow';
import type { ZohoContext } from '../../shared/transport/auth';
import type { PageOptions } from '../../shared/transport/pagination';
import type { RequestSettings } from '../../shared/transport/request';
import { ProductSession } from '../../shared/transport/session';
import type { ZohoRequest, ZohoResponse } from '../../shared/transport/wire';
import { flattenRecords, resultOf } from '../helpers/output';
import { peopleProfile } from './profile';

/** Per-execution People state: the request settings every item shares. */
export class PeopleSession extends ProductSession {
	constructor(ctx: ZohoContext, settings: RequestSettings) {
		super(ctx, peopleProfile, settings);
	}

	async request(request: ZohoRequest, itemIndex?: number): Promise<ZohoResponse> {
		return await this.send(request, this.settingsFor(itemIndex));
	}

	/** sIndex/limit pages of 200 until `limit` records are in hand. */
	async records(
		request: ZohoRequest,
		pages: PageOptions,
		itemIndex?: number,
	): Promise<IDataObject[]> {
		const result = await this.sendPages(request, pages, this.settingsFor(itemIndex));
		if ('records' in result) return flattenRecords(result.records);
		return flattenRecords(resultOf(result.notAList.body));
	}
}
