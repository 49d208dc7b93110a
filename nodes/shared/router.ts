import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { errorJson, runItems } from './execute';
import { requestSettings } from './settings';
import { dailyCallsMessage, lowDailyCalls } from './transport/dailyCalls';
import type { RequestSettings } from './transport/request';

export type ItemOperation<S> = (
	this: IExecuteFunctions,
	session: S,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

/**
 * A node's dispatch table, typed by its map `M` of resource → operation union (n8n's AllEntities
 * idea, nodes-base Airtable v2 node.type.ts): a resource or operation of the map without a handler
 * does not compile.
 */
export type OperationTable<M extends Record<string, string>, S> = {
	[R in keyof M]: Record<M[R], ItemOperation<S>>;
};

/** The handler tables of a node's resources, by resource. */
export function operationTables<T extends Record<string, { operations: object }>>(
	resources: T,
): { [R in keyof T]: T[R]['operations'] } {
	const tables = {} as { [R in keyof T]: T[R]['operations'] }; // filled below for every resource
	for (const name of Object.keys(resources) as Array<keyof T>)
		tables[name] = resources[name].operations;
	return tables;
}

/** The handler of a resource and operation as the node's parameters name them; undefined when there is none. */
function handlerOf<S>(
	table: Readonly<Record<string, Readonly<Record<string, ItemOperation<S>>>>>,
	resource: string,
	operation: string,
): ItemOperation<S> | undefined {
	const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
	const operations = has(table, resource) ? table[resource] : undefined;
	return operations && has(operations, operation) ? operations[operation] : undefined;
}

/**
 * Says on the node's output when less than a fifth of the day's Zoho calls are left (n8n ≥ 1.x has
 * execution hints; feature-detected).
 */
function hintLowDailyCalls(ctx: IExecuteFunctions): void {
	const low = lowDailyCalls(ctx);
	if (low.length === 0 || typeof ctx.addExecutionHints !== 'function') return;
	ctx.addExecutionHints(
		...low.map((calls) => ({
			message: dailyCallsMessage(calls),
			type: 'warning' as const,
			location: 'outputPane' as const,
		})),
	);
}

/**
 * Dispatches resource and operation to the operation's code, once per input item, with one
 * per-execution session (organization lookups, caches) shared by all items.
 */
export async function route<M extends Record<string, string>, S>(
	ctx: IExecuteFunctions,
	operations: OperationTable<M, S>,
	makeSession: (settings: RequestSettings) => S,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const handler = handlerOf<S>(operations, resource, operation);
	if (!handler) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	let checked: ReturnType<typeof requestSettings>;
	try {
		checked = requestSettings(ctx);
	} catch (error) {
		// n8n would pass the input through unchanged on a node-level error with continue-on-fail;
		// a bad option fails every item instead, visibly.
		if (!continueOnFail)
			throw error instanceof NodeOperationError
				? error
				: new NodeOperationError(ctx.getNode(), error as Error);
		return [
			ctx.getInputData().map((_item, itemIndex) => ({
				json: errorJson(error as Error),
				pairedItem: { item: itemIndex },
			})),
		];
	}
	const { parallel, ...settings } = checked;
	const session = makeSession(settings);
	const output = await runItems(
		ctx,
		async (itemIndex) => await handler.call(ctx, session, itemIndex),
		{
			concurrency: parallel,
			continueOnFail,
		},
	);
	hintLowDailyCalls(ctx);
	return [output];
}
