import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { PeopleSession } from '../../transport';
import { flattenRecords, resultOf, toEpochMs } from '../../transport';
import { inputDataOf } from '../common';

/** Records of a form: GET …/getRecords with sIndex/limit pages, optional search and modified-since. */
export async function getRecords(
	ctx: IExecuteFunctions,
	session: PeopleSession,
	itemIndex: number,
	form: string,
	search: { column?: string; value?: string; modifiedSince?: string },
): Promise<INodeExecutionData[]> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = ctx.getNodeParameter('limit', itemIndex, 50) as number;
	const qs: IDataObject = {};
	if (search.column && search.value) {
		qs.SearchColumn = search.column;
		qs.SearchValue = search.value;
	}
	if (search.modifiedSince) qs.modifiedtime = toEpochMs(search.modifiedSince);
	const records = await session.records(
		{ method: 'GET', path: `/people/api/forms/${encodeURIComponent(form)}/getRecords`, qs },
		{ returnAll, limit },
		itemIndex,
	);
	return records.map((json) => ({ json }));
}

export async function getRecordById(session: PeopleSession, itemIndex: number, form: string, recordId: string): Promise<INodeExecutionData[]> {
	const response = await session.request(
		{ method: 'GET', path: `/people/api/forms/${encodeURIComponent(form)}/getDataByID`, qs: { recordId: recordId.trim() } },
		itemIndex,
	);
	return flattenRecords(resultOf(response.body)).map((json) => ({ json }));
}

/** insertRecord / updateRecord with inputData as a form field; answers `{pkId, message}`. */
export async function writeRecord(
	ctx: IExecuteFunctions,
	session: PeopleSession,
	itemIndex: number,
	form: string,
	recordId?: string,
	extra: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const inputData = inputDataOf(ctx, itemIndex, extra);
	if (inputData === '{}') throw new NodeOperationError(ctx.getNode(), 'Give at least one field', { itemIndex });
	return await writeRecordFields(session, itemIndex, form, inputData, recordId);
}

/** Sends `inputData` (JSON text) to insertRecord, or to updateRecord when a record ID is given. */
export async function writeRecordFields(
	session: PeopleSession,
	itemIndex: number,
	form: string,
	inputData: string,
	recordId?: string,
): Promise<INodeExecutionData[]> {
	const verb = recordId === undefined ? 'insertRecord' : 'updateRecord';
	const form_: IDataObject = { inputData };
	if (recordId !== undefined) form_.recordId = recordId.trim();
	const response = await session.request(
		{ method: 'POST', path: `/people/api/forms/json/${encodeURIComponent(form)}/${verb}`, form: form_ },
		itemIndex,
	);
	const [result] = resultOf(response.body) as IDataObject[];
	const id = String(result?.pkId ?? result?.recordId ?? recordId ?? '');
	return [{ json: { recordId: id, ...(result ?? {}), message: ((response.body as IDataObject)?.response as IDataObject)?.message } }];
}
