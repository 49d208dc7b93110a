import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { requiredDate, workflowTimeZone } from '../../../shared/dates';
import { paginationProperties } from '../../../shared/descriptions';
import { resourceOperations } from '../../../shared/operations';
import {
	idValue,
	optionalId,
	pageOptions,
	parseUserJsonObject,
	requiredId,
	stringifyJson,
} from '../../../shared/parameters';
import { bookingsDateTime, timeZoneOf, withIsoDates } from '../../helpers/dates';
import { returnValue } from '../../helpers/output';
import { simplifyAppointments, simplifyField, simplifyOn } from '../../helpers/simplify';
import type { BookingsOperation } from '../types';
import {
	bookingLocator,
	serviceLocator,
	staffLocator,
	timeZoneField,
	workspaceLocator,
} from '../fields';

function appointmentOutput(body: unknown): Array<{ json: IDataObject }> {
	return [{ json: withIsoDates(returnValue(body)) }];
}

const book: BookingsOperation = {
	name: 'Book',
	action: 'Book an appointment',
	description: 'Book an appointment for a customer with a staff member at a start time',
	properties: [
		workspaceLocator,
		serviceLocator,
		staffLocator,
		{
			displayName: 'Start Time',
			name: 'fromTime',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				"Wall-clock start time in the chosen time zone. A time with Z or an offset is converted into that zone (with no Time Zone set: into the workflow's time zone, which is then sent).",
		},
		timeZoneField,
		{
			displayName: 'Customer Name',
			name: 'customerName',
			type: 'string',
			required: true,
			default: '',
		},
		{
			displayName: 'Customer Email',
			name: 'customerEmail',
			type: 'string',
			placeholder: 'name@email.com',
			required: true,
			default: '',
		},
		{ displayName: 'Customer Phone', name: 'customerPhone', type: 'string', default: '' },
		{ displayName: 'Notes', name: 'notes', type: 'string', default: '' },
		{
			displayName: 'Additional Fields (JSON)',
			name: 'additionalFields',
			type: 'json',
			default: '{}',
			description: "Answers to the booking form's custom fields, as a JSON object",
		},
	],
	async execute(session, itemIndex) {
		const serviceId = requiredId(this, 'serviceId', itemIndex, 'Service');
		const staffId = requiredId(this, 'staffId', itemIndex, 'Staff');
		let timeZone = timeZoneOf(
			this,
			this.getNodeParameter('timeZone', itemIndex, ''),
			'Time Zone',
			itemIndex,
		);
		const start = this.getNodeParameter('fromTime', itemIndex, '');
		// An instant (Z or an offset) and no zone chosen: convert it into the workflow's zone and
		// send that zone, so Bookings reads the wall-clock time in the zone it was converted into.
		if (!timeZone && requiredDate(this, start, 'Start Time', itemIndex).offsetMinutes !== undefined)
			timeZone = workflowTimeZone(this);
		const customer: IDataObject = {
			name: this.getNodeParameter('customerName', itemIndex),
			email: this.getNodeParameter('customerEmail', itemIndex),
		};
		const phone = this.getNodeParameter('customerPhone', itemIndex, '') as string;
		if (phone) customer.phone_number = phone;
		const fields: IDataObject = {
			service_id: serviceId,
			staff_id: staffId,
			from_time: bookingsDateTime(this, start, 'Start Time', itemIndex, {
				name: timeZone,
				displayName: 'Time Zone',
			}),
			customer_details: JSON.stringify(customer),
		};
		if (timeZone) fields.timezone = timeZone;
		const notes = this.getNodeParameter('notes', itemIndex, '') as string;
		if (notes) fields.notes = notes;
		const additional = parseUserJsonObject(
			this,
			this.getNodeParameter('additionalFields', itemIndex, '{}'),
			'Additional Fields (JSON)',
			itemIndex,
		);
		// stringifyJson: an 18-digit number typed in the JSON goes out exactly as typed.
		if (Object.keys(additional).length) fields.additional_fields = stringifyJson(additional);
		const response = await session.request(
			{ method: 'POST', path: '/appointment', multipart: fields },
			itemIndex,
		);
		return appointmentOutput(response.body);
	},
};

const get: BookingsOperation = {
	name: 'Get',
	action: 'Get an appointment',
	description: 'Get an appointment by its booking ID',
	properties: [bookingLocator, simplifyField],
	async execute(session, itemIndex) {
		const bookingId = requiredId(this, 'bookingId', itemIndex, 'Appointment');
		const response = await session.request(
			{ method: 'GET', path: '/getappointment', qs: { booking_id: bookingId } },
			itemIndex,
		);
		const items = appointmentOutput(response.body);
		return simplifyOn(this, itemIndex) ? simplifyAppointments(items) : items;
	},
};

const STATUSES = [
	'CANCEL',
	'COMPLETED',
	'NO_SHOW',
	'ONGOING',
	'PAYMENT_FAILURE',
	'PENDING',
	'PENDING_PAYMENT',
	'UPCOMING',
];

const getAll: BookingsOperation = {
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
				{
					displayName: 'Customer Email',
					name: 'customer_email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
				},
				{ displayName: 'Customer Name', name: 'customer_name', type: 'string', default: '' },
				{
					displayName: 'Customer Phone',
					name: 'customer_phone_number',
					type: 'string',
					default: '',
				},
				{ displayName: 'From', name: 'from_time', type: 'dateTime', default: '' },
				{ displayName: 'Service ID', name: 'service_id', type: 'string', default: '' },
				{ displayName: 'Staff ID', name: 'staff_id', type: 'string', default: '' },
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: STATUSES.map((value) => ({
						name: value
							.replace(/_/g, ' ')
							.toLowerCase()
							.replace(/\b\w/g, (c) => c.toUpperCase()),
						value,
					})),
					default: 'UPCOMING',
				},
				{
					displayName: 'Time Zone',
					name: 'timeZone',
					type: 'string',
					default: '',
					placeholder: 'Asia/Kolkata',
					description:
						"Not sent: the workspace's time zone, into which From and To are converted when they carry Z or an offset. Times without an offset are sent as written.",
				},
				{ displayName: 'To', name: 'to_time', type: 'dateTime', default: '' },
			],
		},
		simplifyField,
	],
	async execute(session, itemIndex) {
		const pages = pageOptions(this, itemIndex);
		const { timeZone: rawZone, ...filters } = this.getNodeParameter(
			'filters',
			itemIndex,
			{},
		) as IDataObject;
		const zone = {
			name: timeZoneOf(this, rawZone, 'Time Zone', itemIndex),
			displayName: 'Time Zone',
		};
		const labels: IDataObject = {
			from_time: 'From',
			to_time: 'To',
			service_id: 'Service ID',
			staff_id: 'Staff ID',
		};
		const data: IDataObject = {};
		for (const [key, value] of Object.entries(filters)) {
			if (value === '' || value === undefined || value === null) continue;
			if (key === 'from_time' || key === 'to_time')
				data[key] = bookingsDateTime(this, value, labels[key] as string, itemIndex, zone);
			else if (key === 'service_id' || key === 'staff_id')
				data[key] = idValue(this, value, labels[key] as string, itemIndex);
			else data[key] = value;
		}
		// Filters go as one JSON form field `data`, as the three known clients send them.
		const records = await session.records(
			{ method: 'POST', path: '/fetchappointment', multipart: { data: JSON.stringify(data) } },
			pages,
			itemIndex,
		);
		const items = records.map((json) => ({ json }));
		return simplifyOn(this, itemIndex) ? simplifyAppointments(items) : items;
	},
};

function update(
	name: string,
	action: string,
	zohoAction: string,
	description: string,
): BookingsOperation {
	return {
		name,
		action,
		description,
		properties: [bookingLocator],
		async execute(session, itemIndex) {
			const bookingId = requiredId(this, 'bookingId', itemIndex, 'Appointment');
			const response = await session.request(
				{
					method: 'POST',
					path: '/updateappointment',
					multipart: { booking_id: bookingId, action: zohoAction },
				},
				itemIndex,
			);
			return appointmentOutput(response.body);
		},
	};
}

const reschedule: BookingsOperation = {
	name: 'Reschedule',
	action: 'Reschedule an appointment',
	description: 'Move an appointment to a new start time, another staff member, or both',
	properties: [
		bookingLocator,
		{
			displayName: 'New Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			description: 'Leave empty to keep the time',
		},
		{
			...timeZoneField,
			description:
				"Not sent: the workspace's time zone, in which Bookings reads the new start time. Needed only to convert a start time that carries Z or an offset.",
		},
		{
			...staffLocator,
			displayName: 'New Staff',
			required: false,
			description:
				"Leave empty to keep the staff member. The list shows the staff of the appointment's service.",
			// The form has no Service field: the list follows the appointment's service.
			typeOptions: { loadOptionsDependsOn: ['bookingId'] },
			modes: (staffLocator.modes ?? []).map((mode) =>
				mode.name === 'list'
					? {
							...mode,
							typeOptions: { ...mode.typeOptions, searchListMethod: 'searchStaffForBooking' },
						}
					: mode,
			),
		},
	],
	async execute(session, itemIndex) {
		const fields: IDataObject = {
			booking_id: requiredId(this, 'bookingId', itemIndex, 'Appointment'),
		};
		const rawStart = this.getNodeParameter('startTime', itemIndex, '');
		const hasStart = !(rawStart === '' || rawStart === undefined || rawStart === null);
		const staffId = optionalId(this, 'staffId', itemIndex, 'New Staff');
		if (hasStart) {
			const zone = {
				name: timeZoneOf(
					this,
					this.getNodeParameter('timeZone', itemIndex, ''),
					'Time Zone',
					itemIndex,
				),
				displayName: 'Time Zone',
			};
			fields.start_time = bookingsDateTime(this, rawStart, 'New Start Time', itemIndex, zone);
		}
		if (staffId) fields.staff_id = staffId;
		if (!hasStart && !staffId) {
			throw new NodeOperationError(
				this.getNode(),
				'Give a new start time, a new staff member, or both',
				{ itemIndex },
			);
		}
		const response = await session.request(
			{ method: 'POST', path: '/rescheduleappointment', multipart: fields },
			itemIndex,
		);
		return appointmentOutput(response.body);
	},
};

export const appointment = resourceOperations('appointment', {
	book,
	get,
	getAll,
	cancel: update('Cancel', 'Cancel an appointment', 'cancel', 'Cancel an upcoming appointment'),
	markCompleted: update(
		'Mark as Completed',
		'Mark an appointment as completed',
		'completed',
		'Mark an appointment that has started as completed',
	),
	markNoShow: update(
		'Mark as No-Show',
		'Mark an appointment as no-show',
		'noshow',
		'Mark that the customer did not come',
	),
	reschedule,
});
