import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { instantOf, userDate, workflowTimeZone } from '../../../shared/dates';
import { pageOptions } from '../../../shared/parameters';
import type { PeopleSession } from '../../transport';
import { flattenRecords, resultOf } from '../../helpers/output';
import { inputDataOf } from '../formFields';

/** Records of a form: GET …/getRecords with sIndex/limit pages, optional search and modified-since. */
export async function getRecords(
	ctx: IExecuteFunctions,
	session: PeopleSession,
	itemIndex: number,
	form: string,
	search: { column?: string; value?: string; modifiedSince?: unknown },
): Promise<INodeExecutionData[]> {
	const pages = pageOptions(ctx, itemIndex);
	const qs: IDataObject = {};
	if (search.column && search.value) {
		qs.SearchColumn = search.column;
		qs.SearchValue = search.value;
	}
	// An instant, sent as epoch milliseconds: its own offset, else the workflow's time zone.
	const modifiedSince = userDate(ctx, search.modifiedSince, 'Modified Since', itemIndex);
	if (modifiedSince) qs.modifiedtime = String(instantOf(modifiedSince, workflowTimeZone(ctx)));
	const records = await session.records(
		{ method: 'GET', path: `/people/api/forms/${encodeURIComponent(form)}/getRecords`, qs },
		pages,
		itemIndex,
	);
	return records.map((json) => ({ json }));
}

/** `recordId` comes from requiredId: never empty. */
export async function getRecordById(
	session: PeopleSession,
	itemIndex: number,
	form: string,
	recordId: string,
): Promise<INodeExecutionData[]> {
	const response = await session.request(
		{
			method: 'GET',
			path: `/people/api/forms/${encodeURIComponent(form)}/getDataByID`,
			qs: { recordId },
		},
		itemIndex,
	);
	return flattenRecords(resultOf(response.body)).map((json) => ({ json }));
}

/**
 * insertRecord, or updateRecord when `recordId` is given (checked by requiredId, so an update with
 * an empty ID can never become an insert); inputData as a form field; answers `{pkId, message}`.
 */
export async function writeRecord(
	ctx: IExecuteFunctions,
	session: PeopleSession,
	itemIndex: number,
	form: string,
	recordId?: string,
	extra: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const inputData = inputDataOf(ctx, itemIndex, extra);
	if (inputData === '{}')
		throw new NodeOperationError(ctx.getNode(), 'Give at least one field', { itemIndex });
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
	if (recordId !== undefined) form_.recordId = recordId;
	const response = await session.request(
		{
			method: 'POST',
			path: `/people/api/forms/json/${encodeURIComponent(form)}/${verb}`,
			form: form_,
		},
		itemIndex,
	);
	const [result] = resultOf(response.body) as IDataObject[];
	const id = String(result?.pkId ?? result?.recordId ?? recordId ?? '');
	return [
		{
			json: {
				recordId: id,
				...(result ?? {}),
				message: ((response.body as IDataObject)?.response as IDataObject)?.message,
			},
		},
	];
}
