import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { paginationProperties } from '../../../shared/descriptions';
import { resourceOperations } from '../../../shared/operations';
import { returnValue, toBookingsDateTime, withIsoDates } from '../../transport';
import type { OperationModule } from '../common';
import { bookingIdField, serviceField, staffField, timeZoneField, workspaceField } from '../common';

function appointmentOutput(body: unknown): Array<{ json: IDataObject }> {
	return [{ json: withIsoDates(returnValue(body)) }];
}

const book: OperationModule = {
	value: 'book',
	name: 'Book',
	action: 'Book an appointment',
	description: 'Book an appointment for a customer with a staff member at a start time',
	properties: [
		workspaceField,
		serviceField,
		{ ...staffField, required: true },
		{ displayName: 'Start Time', name: 'fromTime', type: 'dateTime', required: true, default: '', description: 'Wall-clock start time in the chosen time zone' },
		timeZoneField,
		{ displayName: 'Customer Name', name: 'customerName', type: 'string', required: true, default: '' },
		{ displayName: 'Customer Email', name: 'customerEmail', type: 'string', placeholder: 'name@email.com', required: true, default: '' },
		{ displayName: 'Customer Phone', name: 'customerPhone', type: 'string', default: '' },
		{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
		{
			displayName: 'Additional Fields (JSON)',
			name: 'additionalFields',
			type: 'json',
			default: '{}',
			description: 'Answers to the booking form\'s custom fields, as a JSON object',
		},
	],
	async execute(session, itemIndex) {
		const customer: IDataObject = {
			name: this.getNodeParameter('customerName', itemIndex),
			email: this.getNodeParameter('customerEmail', itemIndex),
		};
		const phone = this.getNodeParameter('customerPhone', itemIndex, '') as string;
		if (phone) customer.phone_number = phone;
		const fields: IDataObject = {
			service_id: this.getNodeParameter('serviceId', itemIndex),
			staff_id: this.getNodeParameter('staffId', itemIndex),
			from_time: toBookingsDateTime(this.getNodeParameter('fromTime', itemIndex) as string),
			customer_details: JSON.stringify(customer),
		};
		const timeZone = this.getNodeParameter('timeZone', itemIndex, '') as string;
		if (timeZone) fields.timezone = timeZone;
		const notes = this.getNodeParameter('notes', itemIndex, '') as string;
		if (notes) fields.notes = notes;
		const additional = jsonObject(this, this.getNodeParameter('additionalFields', itemIndex, '{}'), itemIndex);
		if (Object.keys(additional).length) fields.additional_fields = JSON.stringify(additional);
		const response = await session.request({ method: 'POST', path: '/appointment', multipart: fields }, itemIndex);
		return appointmentOutput(response.body);
	},
};

function jsonObject(ctx: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject {
	if (typeof value !== 'string') return (value ?? {}) as IDataObject;
	try {
		const parsed = JSON.parse(value || '{}') as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch {
		// fall through to the error below
	}
	throw new NodeOperationError(ctx.getNode(), 'Additional Fields (JSON) must be a JSON object', { itemIndex });
}

const get: OperationModule = {
	value: 'get',
	name: 'Get',
	action: 'Get an appointment',
	description: 'Get an appointment by its booking ID',
	properties: [bookingIdField],
	async execute(session, itemIndex) {
		const bookingId = (this.getNodeParameter('bookingId', itemIndex) as string).trim();
		const response = await session.request({ method: 'GET', path: '/getappointment', qs: { booking_id: bookingId } }, itemIndex);
		return appointmentOutput(response.body);
	},
};

const STATUSES = ['CANCEL', 'COMPLETED', 'NO_SHOW', 'ONGOING', 'PAYMENT_FAILURE', 'PENDING', 'PENDING_PAYMENT', 'UPCOMING'];

const getAll: OperationModule = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many appointments',
	description: 'Get appointments in a date range, filtered by status, service, staff or customer',
	properties: [
		...paginationProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Customer Email', name: 'customer_email', type: 'string', placeholder: 'name@email.com', default: '' },
				{ displayName: 'Customer Name', name: 'customer_name', type: 'string', default: '' },
				{ displayName: 'Customer Phone', name: 'customer_phone_number', type: 'string', default: '' },
				{ displayName: 'From', name: 'from_time', type: 'dateTime', default: '' },
				{ displayName: 'Service ID', name: 'service_id', type: 'string', default: '' },
				{ displayName: 'Staff ID', name: 'staff_id', type: 'string', default: '' },
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: STATUSES.map((value) => ({ name: value.replace(/_/g, ' ').toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()), value })),
					default: 'UPCOMING',
				},
				{ displayName: 'To', name: 'to_time', type: 'dateTime', default: '' },
			],
		},
	],
	async execute(session, itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const data: IDataObject = {};
		for (const [key, value] of Object.entries(filters)) {
			if (value === '' || value === undefined) continue;
			data[key] = key === 'from_time' || key === 'to_time' ? toBookingsDateTime(String(value)) : value;
		}
		// Filters go as one JSON form field `data`, as the three known clients send them.
		const records = await session.records(
			{ method: 'POST', path: '/fetchappointment', multipart: { data: JSON.stringify(data) } },
			{ returnAll: this.getNodeParameter('returnAll', itemIndex) as boolean, limit: this.getNodeParameter('limit', itemIndex, 50) as number },
			itemIndex,
		);
		return records.map((json) => ({ json }));
	},
};

function update(value: string, name: string, action: string, zohoAction: string, description: string): OperationModule {
	return {
		value,
		name,
		action,
		description,
		properties: [bookingIdField],
		async execute(session, itemIndex) {
			const bookingId = (this.getNodeParameter('bookingId', itemIndex) as string).trim();
			const response = await session.request(
				{ method: 'POST', path: '/updateappointment', multipart: { booking_id: bookingId, action: zohoAction } },
				itemIndex,
			);
			return appointmentOutput(response.body);
		},
	};
}

const reschedule: OperationModule = {
	value: 'reschedule',
	name: 'Reschedule',
	action: 'Reschedule an appointment',
	description: 'Move an appointment to a new start time, another staff member, or both',
	properties: [
		bookingIdField,
		{ displayName: 'New Start Time', name: 'startTime', type: 'dateTime', default: '', description: 'Leave empty to keep the time' },
		{ ...staffField, displayName: 'New Staff Name or ID', description: 'Leave empty to keep the staff member. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' },
	],
	async execute(session, itemIndex) {
		const fields: IDataObject = { booking_id: (this.getNodeParameter('bookingId', itemIndex) as string).trim() };
		const start = this.getNodeParameter('startTime', itemIndex, '') as string;
		const staffId = this.getNodeParameter('staffId', itemIndex, '') as string;
		if (start) fields.start_time = toBookingsDateTime(start);
		if (staffId) fields.staff_id = staffId;
		if (!start && !staffId) {
			throw new NodeOperationError(this.getNode(), 'Give a new start time, a new staff member, or both', { itemIndex });
		}
		const response = await session.request({ method: 'POST', path: '/rescheduleappointment', multipart: fields }, itemIndex);
		return appointmentOutput(response.body);
	},
};

export const appointment = resourceOperations('appointment', [
	book,
	get,
	getAll,
	update('cancel', 'Cancel', 'Cancel an appointment', 'cancel', 'Cancel an upcoming appointment'),
	update('markCompleted', 'Mark as Completed', 'Mark an appointment as completed', 'completed', 'Mark an appointment that has started as completed'),
	update('markNoShow', 'Mark as No-Show', 'Mark an appointment as no-show', 'noshow', 'Mark that the customer did not come'),
	reschedule,
]);
