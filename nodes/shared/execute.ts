import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What a continue-on-fail item shows: the message, Zoho's code and, for quotas, the limit. */
export function errorJson(error: Error): IDataObject {
	const e = error as Error & {
		description?: string | null;
		httpCode?: string | null;
		context?: IDataObject;
	};
	const json: IDataObject = { error: e.message };
	if (e.description) json.description = e.description;
	if (e.httpCode) json.httpCode = e.httpCode;
	if (e.context?.zohoCode !== undefined) json.zohoCode = e.context.zohoCode as string;
	if (e.context?.zohoMessage !== undefined) json.zohoMessage = e.context.zohoMessage as string;
	if (e.context?.quota) json.quota = e.context.quota as IDataObject;
	return json;
}

/**
 * Runs `handler` for every input item, at most `concurrency` at a time, keeping output order and
 * pairing every output item with its input. With continue-on-fail (the node's execute() reads it)
 * a failed item becomes one error item; otherwise the first failure stops the node with its item
 * index.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<INodeExecutionData[]>,
	{ concurrency = 1, continueOnFail }: { concurrency?: number; continueOnFail: boolean },
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: INodeExecutionData[][] = new Array(count);
	let next = 0;
	let firstError: Error | undefined;

	const worker = async () => {
		while (next < count && !firstError) {
			const itemIndex = next++;
			try {
				const out = await handler(itemIndex);
				results[itemIndex] = out.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
			} catch (caught) {
				const error = caught as Error;
				if (continueOnFail) {
					results[itemIndex] = [{ json: errorJson(error), pairedItem: { item: itemIndex } }];
					continue;
				}
				firstError ??= withItemIndex(ctx, error, itemIndex);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	if (firstError) throw firstError;
	return results.flat();
}

function withItemIndex(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

/** The JSON of one n8n item from any value Zoho sent: an object as it is, anything else as `{ value }`. */
export function itemJson(value: unknown): IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: { value: value as IDataObject[keyof IDataObject] };
}

/**
 * Items from a whole answer body: an object is one item, a list one item per entry, and anything
 * else (no body) `fallback`. Never a bare number, string or list as an item's JSON.
 */
export function bodyItems(body: unknown, fallback: IDataObject = {}): INodeExecutionData[] {
	if (body === undefined || body === null) return [{ json: fallback }];
	if (Array.isArray(body)) return body.map((entry) => ({ json: itemJson(entry) }));
	return [{ json: itemJson(body) }];
}
