import { bodyItems } from '../../../shared/execute';
import { NodeOperationError } from 'n8n-workflow';
import { customApiCallProperties, customApiCallRequest } from '../../../shared/customApiCall';
import { parseUserJson } from '../../../shared/parameters';
import type { ItemOperation } from '../../../shared/router';
import type { BookingsSession } from '../../transport';

export const description = customApiCallProperties('Zoho Bookings', '/workspaces', [
	'multipart',
	'form',
	'none',
]);

/** Any Bookings v1 call relative to …/bookings/v1/json; fetchappointment-style lists are paged. */
export const request: ItemOperation<BookingsSession> = async function (session, itemIndex) {
	const call = customApiCallRequest(this, itemIndex, ['page', 'per_page']);
	if (
		call.paged &&
		call.request.method === 'POST' &&
		typeof call.request.multipart?.data === 'string'
	) {
		// Paging rewrites `data`, so it must be a JSON object; checked here to name the field.
		if (
			parseUserJson(this, call.request.multipart.data, 'Body Fields: data', itemIndex, {
				expect: 'object',
			}) === undefined
		) {
			throw new NodeOperationError(
				this.getNode(),
				'"Body Fields: data" is empty; give a JSON object such as {}',
				{ itemIndex },
			);
		}
		return (await session.records(call.request, call, itemIndex)).map((json) => ({ json }));
	}
	const response = await session.request(call.request, itemIndex);
	return bodyItems(response.body, { statusCode: response.statusCode });
};
