import type { IDataObject } from 'n8n-workflow';
import { formatMonthDate, requiredDate } from '../../../shared/dates';
import { resourceOperations } from '../../../shared/operations';
import { requiredId } from '../../../shared/parameters';
import { returnValue } from '../../helpers/output';
import type { BookingsOperation } from '../types';
import { resourceIdLocator, serviceLocator, staffLocator, workspaceLocator } from '../fields';

const getSlots: BookingsOperation = {
	name: 'Get Slots',
	action: 'Get available slots',
	description: 'Get the free start times of a service on a day, for a staff member or resource',
	properties: [
		workspaceLocator,
		serviceLocator,
		{
			displayName: 'For',
			name: 'slotsFor',
			type: 'options',
			options: [
				{ name: 'Resource', value: 'resource' },
				{ name: 'Staff', value: 'staff' },
			],
			default: 'staff',
		},
		{ ...staffLocator, displayOptions: { show: { slotsFor: ['staff'] } } },
		{ ...resourceIdLocator, displayOptions: { show: { slotsFor: ['resource'] } } },
		{
			displayName: 'Date',
			name: 'date',
			type: 'dateTime',
			required: true,
			default: '',
			description: "The day, in the staff member's time zone",
		},
	],
	async execute(session, itemIndex) {
		const qs: IDataObject = {
			service_id: requiredId(this, 'serviceId', itemIndex, 'Service'),
		};
		if (this.getNodeParameter('slotsFor', itemIndex) === 'resource')
			qs.resource_id = requiredId(this, 'resourceId', itemIndex, 'Resource');
		else qs.staff_id = requiredId(this, 'staffId', itemIndex, 'Staff');
		// A day: the calendar date as written (see shared/dates.ts).
		qs.selected_date = formatMonthDate(
			requiredDate(this, this.getNodeParameter('date', itemIndex, ''), 'Date', itemIndex),
		);
		const response = await session.request(
			{ method: 'GET', path: '/availableslots', qs },
			itemIndex,
		);
		const value = returnValue(response.body);
		// When there are no slots, `data` is a sentence, not a list.
		const slots = Array.isArray(value.data) ? (value.data as string[]) : [];
		return [
			{
				json: {
					date: qs.selected_date as string,
					available: slots.length > 0,
					slots,
					...(slots.length ? {} : { message: value.data as string }),
				},
			},
		];
	},
};

export const availability = resourceOperations('availability', { getSlots }, 'getSlots');
