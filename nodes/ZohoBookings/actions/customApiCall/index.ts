import type { IDataObject } from 'n8n-workflow';
import { customApiCallProperties, customApiCallRequest } from '../../../shared/customApiCall';
import type { ItemOperation } from '../../../shared/router';
import type { BookingsSession } from '../../transport';

export const description = customApiCallProperties('Zoho Bookings', '/workspaces', ['multipart', 'form', 'none']);

/** Any Bookings v1 call relative to …/bookings/v1/json; fetchappointment-style lists are paged. */
export const request: ItemOperation<BookingsSession> = async function (session, itemIndex) {
	const call = customApiCallRequest(this, itemIndex, ['page', 'per_page']);
	if (call.paged && call.request.method === 'POST' && typeof call.request.multipart?.data === 'string') {
		return (await session.records(call.request, call, itemIndex)).map((json) => ({ json }));
	}
	const response = await session.request(call.request, itemIndex);
	return [{ json: (response.body ?? { statusCode: response.statusCode }) as IDataObject }];
};
