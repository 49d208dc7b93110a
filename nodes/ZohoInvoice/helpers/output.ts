import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** The resource object (e.g. `invoice`) unless the user asked for Zoho's full response. */
export function recordOutput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	body: unknown,
	key: string,
): INodeExecutionData[] {
	const full = ctx.getNodeParameter('options.fullResponse', itemIndex, false) as boolean;
	const envelope = (body ?? {}) as IDataObject;
	const record = envelope[key];
	if (full || record === undefined || record === null || typeof record !== 'object')
		return [{ json: envelope }];
	return [{ json: record as IDataObject }];
}

/** For actions Zoho answers with only a message (delete, status changes, email). */
export function actionOutput(body: unknown, extra: IDataObject): INodeExecutionData[] {
	const envelope = (body ?? {}) as IDataObject;
	return [{ json: { success: true, ...extra, message: envelope.message ?? 'success' } }];
}
