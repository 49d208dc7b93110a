import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { route } from '../../shared/router';
import { InvoiceSession } from '../transport';
import type { ItemOperation } from '../../shared/router';
import * as customApiCall from './customApiCall';
import { RESOURCES } from './resources';

const operations: Record<string, Record<string, ItemOperation<InvoiceSession>>> = {
	...Object.fromEntries(RESOURCES.map((r) => [r.option.value, r.operations])),
	customApiCall: { request: customApiCall.request },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, operations, (settings) => new InvoiceSession(this, settings));
}
