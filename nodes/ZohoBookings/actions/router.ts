import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationTable } from '../../shared/router';
import { operationTables, route } from '../../shared/router';
import { DAILY_LIMITS, DEFAULT_PLAN } from '../helpers/plans';
import { BookingsSession } from '../transport';
import * as customApiCall from './customApiCall';
import type { BookingsNodeMap } from './node.type';
import { RESOURCES } from './resources';

/** Every resource's handlers; the Resource list (node.description.ts) is checked against it. */
export const OPERATIONS: OperationTable<BookingsNodeMap, BookingsSession> = {
	...operationTables(RESOURCES),
	customApiCall: { request: customApiCall.request },
};

/** The node's operations for every input item; `continueOnFail` is the node setting, read by execute(). */
export async function router(
	this: IExecuteFunctions,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const plan = this.getNodeParameter('options.plan', 0, DEFAULT_PLAN) as string;
	const timeZone = (this.getNodeParameter('options.accountTimeZone', 0, '') as string) || undefined;
	return await route(
		this,
		OPERATIONS,
		(settings) =>
			new BookingsSession(this, { ...settings, dailyLimit: DAILY_LIMITS[plan], timeZone }),
		continueOnFail,
	);
}
