import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** The record's `fields` that it has, in that order (Simplify). */
export function simplified(record: IDataObject, fields: readonly string[]): IDataObject {
	const json: IDataObject = {};
	for (const field of fields) if (record[field] !== undefined) json[field] = record[field];
	return json;
}

/**
 * The resource object (e.g. `invoice`) unless the user asked for Zoho's full response; only its
 * `simplify` fields when given (Zoho's full response is never cut).
 */
export function recordOutput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: unknown,
	key: string,
	simplify?: readonly string[],
): INodeExecutionData[] {
	const full = ctx.getNodeParameter('options.fullResponse', itemIndex, false) as boolean;
	const envelope = (body ?? {}) as IDataObject;
	const record = envelope[key];
	if (full || record === undefined || record === null || typeof record !== 'object')
		return [{ json: envelope }];
	const json = record as IDataObject;
	return [{ json: simplify ? simplified(json, simplify) : json }];
}

/** For actions Zoho answers with only a message (status changes, email). */
export function actionOutput(body: unknown, extra: IDataObject): INodeExecutionData[] {
	const envelope = (body ?? {}) as IDataObject;
	return [{ json: { success: true, ...extra, message: envelope.message ?? 'success' } }];
}
