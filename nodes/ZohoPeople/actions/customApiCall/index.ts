import { bodyItems } from '../../../shared/execute';
import type { ItemOperation } from '../../../shared/router';
import { customApiCallProperties, customApiCallRequest } from '../../../shared/customApiCall';
import type { PeopleSession } from '../../transport';

export const description = customApiCallProperties('Zoho People', '/people/api/forms', [
	'form',
	'inputData',
	'json',
	'none',
]);

/** Any People call relative to the People host; lists are paged with sIndex/limit. */
export const request: ItemOperation<PeopleSession> = async function (session, itemIndex) {
	const call = customApiCallRequest(this, itemIndex, ['sIndex', 'limit', 'startIndex']);
	if (call.paged && call.request.method === 'GET') {
		return (await session.records(call.request, call, itemIndex)).map((json) => ({ json }));
	}
	const response = await session.request(call.request, itemIndex);
	return bodyItems(response.body, { statusCode: response.statusCode });
};
