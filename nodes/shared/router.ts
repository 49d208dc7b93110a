import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { errorJson, runItems } from './execute';
import { requestSettings } from './settings';
import type { RequestSettings } from './transport/request';

export type ItemOperation<S> = (this: IExecuteFunctions, session: S, itemIndex: number) => Promise<INodeExecutionData[]>;

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
