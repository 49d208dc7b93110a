import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { runItems } from '../../shared/execute';
import { DEFAULT_MAX_WAIT_MS } from '../../shared/transport/request';
import { InvoiceSession } from '../transport';
import * as customApiCall from './customApiCall';

import type { InvoiceOperation } from './common/types';
import { RESOURCES } from './resources';

const operations: Record<string, Record<string, InvoiceOperation>> = {
	...Object.fromEntries(RESOURCES.map((r) => [r.option.value, r.operations])),
	customApiCall: { request: customApiCall.request.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const maxWaitSeconds = this.getNodeParameter('options.maxWaitSeconds', 0, 60) as number;
	const parallel = this.getNodeParameter('options.parallelRequests', 0, 1) as number;
	const timeoutSeconds = this.getNodeParameter('options.timeoutSeconds', 0, 60) as number;
	const session = new InvoiceSession(this, {
		maxWaitMs: Number.isFinite(maxWaitSeconds) ? maxWaitSeconds * 1000 : DEFAULT_MAX_WAIT_MS,
		timeoutMs: timeoutSeconds * 1000,
	});
	const items = await runItems(this, async (itemIndex) => await handler.call(this, session, itemIndex), parallel);
	return [items];
}
