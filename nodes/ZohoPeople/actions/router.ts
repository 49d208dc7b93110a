import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationTable } from '../../shared/router';
import { operationTables, route } from '../../shared/router';
import { PeopleSession } from '../transport';
import * as customApiCall from './customApiCall';
import type { PeopleNodeMap } from './node.type';
import { RESOURCES } from './resources';

/** Every resource's handlers; the Resource list (node.description.ts) is checked against it. */
export const OPERATIONS: OperationTable<PeopleNodeMap, PeopleSession> = {
	...operationTables(RESOURCES),
	customApiCall: { request: customApiCall.request },
};

/** The node's operations for every input item; `continueOnFail` is the node setting, read by execute(). */
export async function router(
	this: IExecuteFunctions,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	return await route(
		this,
		OPERATIONS,
		(settings) => new PeopleSession(this, settings),
		continueOnFail,
	);
}
