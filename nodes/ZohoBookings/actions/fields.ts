import type { INodeProperties } from 'n8n-workflow';

export const workspaceField: INodeProperties = {
	displayName: 'Workspace Name or ID',
	name: 'workspaceId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getWorkspaces' },
	default: '',
	description:
		'The workspace. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const serviceField: INodeProperties = {
	displayName: 'Service Name or ID',
	name: 'serviceId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getServices', loadOptionsDependsOn: ['workspaceId'] },
	required: true,
	default: '',
	description:
		'The service. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const staffField: INodeProperties = {
	displayName: 'Staff Name or ID',
	name: 'staffId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getStaff', loadOptionsDependsOn: ['serviceId'] },
	default: '',
	description:
		'The staff member. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const bookingIdField: INodeProperties = {
	displayName: 'Booking ID',
	name: 'bookingId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '#AN-00014',
	description: 'The booking ID Zoho gave the appointment',
};

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'Asia/Kolkata',
	description: "IANA time zone the times are in. Empty: the staff member's time zone in Bookings.",
};
