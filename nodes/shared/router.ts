import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { runItems } from './execute';
import type { RequestSettings } from './transport/request';
import { DEFAULT_MAX_WAIT_MS, DEFAULT_TIMEOUT_MS } from './transport/request';

export type ItemOperation<S> = (this: IExecuteFunctions, session: S, itemIndex: number) => Promise<INodeExecutionData[]>;

/** The request settings every Zoho node takes from its Options collection. */
export function requestSettings(ctx: IExecuteFunctions): RequestSettings & { parallel: number } {
	const maxWaitSeconds = ctx.getNodeParameter('options.maxWaitSeconds', 0, 60) as number;
	const timeoutSeconds = ctx.getNodeParameter('options.timeoutSeconds', 0, 60) as number;
	const rateLimitPerMinute = ctx.getNodeParameter('options.rateLimitPerMinute', 0, 0) as number;
	return {
		rateLimitPerMinute: rateLimitPerMinute > 0 ? rateLimitPerMinute : undefined,
		maxWaitMs: Number.isFinite(maxWaitSeconds) ? maxWaitSeconds * 1000 : DEFAULT_MAX_WAIT_MS,
		timeoutMs: Number.isFinite(timeoutSeconds) ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS,
		maxPages: ctx.getNodeParameter('options.maxPages', 0, 1000) as number,
		parallel: ctx.getNodeParameter('options.parallelRequests', 0, 1) as number,
	};
}

/**
 * Dispatches resource and operation to the operation's code, once per input item, with one
 * per-execution session (organization lookups, caches) shared by all items.
 */
export async function route<S>(
	ctx: IExecuteFunctions,
	operations: Record<string, Record<string, ItemOperation<S>>>,
	makeSession: (settings: RequestSettings) => S,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const { parallel, ...settings } = requestSettings(ctx);
	const session = makeSession(settings);
	return [await runItems(ctx, async (itemIndex) => await handler.call(ctx, session, itemIndex), parallel)];
}
