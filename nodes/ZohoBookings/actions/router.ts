import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ItemOperation } from '../../shared/router';
import { route } from '../../shared/router';
import { BookingsSession } from '../transport';
import * as customApiCall from './customApiCall';
import { RESOURCES } from './resources';

const operations: Record<string, Record<string, ItemOperation<BookingsSession>>> = {
	...Object.fromEntries(Object.entries(RESOURCES).map(([name, r]) => [name, r.operations])),
	customApiCall: { request: customApiCall.request },
};

/** Calls per user per day by plan (docs/reference/zoho-api.md §5). */
const DAILY_LIMITS: Record<string, number> = { free: 250, basic: 1000, premium: 3000, zohoOne: 3000 };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const plan = this.getNodeParameter('options.plan', 0, 'free') as string;
	const timeZone = (this.getNodeParameter('options.accountTimeZone', 0, '') as string) || undefined;
	return await route(this, operations, (settings) => new BookingsSession(this, { ...settings, dailyLimit: DAILY_LIMITS[plan], timeZone }));
}
