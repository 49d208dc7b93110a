import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { errorJson, runItems } from './execute';
import { numberParameter, positiveInteger } from './parameters';
import type { RequestSettings } from './transport/request';
import { DEFAULT_MAX_WAIT_MS, DEFAULT_TIMEOUT_MS } from './transport/request';

export type ItemOperation<S> = (this: IExecuteFunctions, session: S, itemIndex: number) => Promise<INodeExecutionData[]>;

/** The request settings every Zoho node takes from its Options collection. */
export function requestSettings(ctx: IExecuteFunctions): RequestSettings & { parallel: number } {
	// Node-wide options, read from item 0; a value from an expression ("abc", NaN, {}) is an error
	// naming the option, not 0 workers (no output) or no timeout. Ranges are the fields' min/max.
	const option = (name: string, displayName: string, fallback: number, min: number, max?: number) =>
		numberParameter(ctx, `options.${name}`, 0, displayName, { fallback, min, max, forItem: false });
	const maxWaitSeconds = option('maxWaitSeconds', 'Max Wait on Rate Limit (Seconds)', DEFAULT_MAX_WAIT_MS / 1000, 0, 900);
	const timeoutSeconds = option('timeoutSeconds', 'Timeout (Seconds)', DEFAULT_TIMEOUT_MS / 1000, 1, 600);
	const rateLimitPerMinute = option('rateLimitPerMinute', 'Rate Limit (Calls per Minute)', 0, 0);
	return {
		rateLimitPerMinute: rateLimitPerMinute > 0 ? rateLimitPerMinute : undefined,
		maxWaitMs: maxWaitSeconds * 1000,
		timeoutMs: timeoutSeconds * 1000,
		maxPages: positiveInteger(ctx, 'options.maxPages', 0, 'Max Pages', { fallback: 1000, forItem: false }),
		parallel: positiveInteger(ctx, 'options.parallelRequests', 0, 'Parallel Requests', { fallback: 1, max: 10, forItem: false }),
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
	let checked: ReturnType<typeof requestSettings>;
	try {
		checked = requestSettings(ctx);
	} catch (error) {
		// n8n would pass the input through unchanged on a node-level error with continue-on-fail;
		// a bad option fails every item instead, visibly.
		if (!ctx.continueOnFail()) throw error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error);
		return [ctx.getInputData().map((_item, itemIndex) => ({ json: errorJson(error as Error), pairedItem: { item: itemIndex } }))];
	}
	const { parallel, ...settings } = checked;
	const session = makeSession(settings);
	return [await runItems(ctx, async (itemIndex) => await handler.call(ctx, session, itemIndex), parallel)];
}
