import { bodyItems, itemJson } from '../../../shared/execute';
import { customApiCallProperties, customApiCallRequest } from '../../../shared/customApiCall';
import { organizationIdOf } from '../resourceBuilder/fields';
import type { ItemOperation } from '../../../shared/router';
import type { InvoiceSession } from '../../transport';

export const description = customApiCallProperties('Zoho Invoice', '/contacts', [
	'json',
	'jsonString',
	'none',
]);

/** Any Invoice v3 call; lists are paged with page/per_page unless the user pages by hand. */
export const request: ItemOperation<InvoiceSession> = async function (session, itemIndex) {
	const organizationId = organizationIdOf(this, itemIndex);
	const call = customApiCallRequest(this, itemIndex, ['page', 'per_page']);
	if (call.paged && call.request.method === 'GET') {
		const result = await session.requestPages(organizationId, call.request, call, itemIndex);
		if ('records' in result) return result.records.map((record) => ({ json: itemJson(record) }));
		return bodyItems(result.notAList.body);
	}
	const response = await session.request(organizationId, call.request, itemIndex);
	return bodyItems(response.body, { statusCode: response.statusCode });
};
