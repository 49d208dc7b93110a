import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ItemOperation } from '../../shared/router';
import { route } from '../../shared/router';
import { PeopleSession } from '../transport';
import * as customApiCall from './customApiCall';
import { RESOURCES } from './resources';

const operations: Record<string, Record<string, ItemOperation<PeopleSession>>> = {
	...Object.fromEntries(Object.entries(RESOURCES).map(([name, r]) => [name, r.operations])),
	customApiCall: { request: customApiCall.request },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await route(this, operations, (settings) => new PeopleSession(this, settings));
}
