import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationTable } from '../../shared/router';
import { operationTables, route } from '../../shared/router';
import { InvoiceSession } from '../transport';
import * as customApiCall from './customApiCall';
import type { InvoiceNodeMap } from './node.type';
import { RESOURCES_BY_VALUE } from './resources';

/** Every resource's handlers; the Resource list (node.description.ts) is checked against it. */
export const OPERATIONS: OperationTable<InvoiceNodeMap, InvoiceSession> = {
	...operationTables(RESOURCES_BY_VALUE),
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
		(settings) => new InvoiceSession(this, settings),
		continueOnFail,
	);
}
