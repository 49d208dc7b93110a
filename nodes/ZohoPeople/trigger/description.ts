import type { INodeProperties } from 'n8n-workflow';
import { authenticationProperty } from '../../shared/descriptions';
import { triggerOptions } from '../../shared/trigger/description';

export type PeopleEvent =
	'attendanceEntry' | 'leaveRequested' | 'leaveStatusChanged' | 'recordChanged';

export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Leave Requested',
				value: 'leaveRequested',
				description: 'A new leave request (a record of the leave form)',
			},
			{
				name: 'Leave Status Changed',
				value: 'leaveStatusChanged',
				description: 'A leave request is approved, rejected or cancelled',
			},
			{
				name: 'New Attendance Entry',
				value: 'attendanceEntry',
				description: 'A check-in, a check-out or a regularisation entry',
			},
			{
				name: 'Record Created or Updated',
				value: 'recordChanged',
				description:
					'A record of a form (employee, department, any custom form) is added or changed',
			},
		],
		default: 'recordChanged',
	},
	{
		displayName: 'Form Name or ID',
		name: 'form',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getForms' },
		required: true,
		default: '',
		description:
			'The form whose records to watch (its link name, e.g. employee). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { event: ['recordChanged'] } },
	},
	{
		displayName: 'To Status',
		name: 'leaveStatus',
		type: 'options',
		options: [
			{ name: 'Any Status', value: 'any' },
			{ name: 'Approved', value: 'approved' },
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Pending', value: 'pending' },
			{ name: 'Rejected', value: 'rejected' },
		],
		default: 'any',
		description: 'Only changes to this approval status',
		displayOptions: { show: { event: ['leaveStatusChanged'] } },
	},
	{
		displayName:
			'Zoho lets only admins and data admins read the latest attendance entries. Each poll makes one call (30 a minute at most).',
		name: 'attendanceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['attendanceEntry'] } },
	},
	triggerOptions(),
];
