import type { IDataObject } from 'n8n-workflow';
import { withIsoDates } from './dates';

/** `response.returnvalue` of a Bookings answer. */
export function returnValue(body: unknown): IDataObject {
	const response = ((body ?? {}) as IDataObject).response as IDataObject | undefined;
	const value = response?.returnvalue;
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** The records of a list answer (`returnvalue.data[]`), with ISO dates added. */
export function returnValueList(body: unknown): IDataObject[] {
	const value = returnValue(body);
	const list = Array.isArray(value.data)
		? value.data
		: Array.isArray(value.response)
			? value.response
			: [];
	return (list as IDataObject[]).map(withIsoDates);
}
