import type { INodeProperties } from 'n8n-workflow';

/* The Bookings Trigger's dropdowns (workspace, service, staff; loaders in methods/loadOptions.ts). */

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

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'Asia/Kolkata',
	description: "IANA time zone the times are in. Empty: the staff member's time zone in Bookings.",
};

/*
 * The action node's resource locators. The dropdowns above stay for the Bookings Trigger. Parameter
 * names are those the fields had as dropdowns or text, so a workflow saved then (a plain string)
 * still runs: requiredId / optionalId read both. Bookings has no record URL that carries these IDs
 * (an appointment's summary_url holds a token, booking pages a portal name), so there is no By URL.
 */

/** Catalog IDs are digits (16 in the sandbox, 19 in Zoho's samples). */
const digitsOnly = {
	type: 'regex',
	properties: { regex: '\\s*[0-9]+\\s*', errorMessage: 'An ID has only digits' },
};

function catalogLocator(
	displayName: string,
	name: string,
	noun: string,
	searchListMethod: string,
	placeholder: string,
	description: string,
	dependsOn: string[] = [],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		// The list is searched again when a field it is filtered by changes.
		...(dependsOn.length ? { typeOptions: { loadOptionsDependsOn: dependsOn } } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${noun}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [digitsOnly],
			},
		],
	};
}

export const workspaceLocator = catalogLocator(
	'Workspace',
	'workspaceId',
	'a workspace',
	'searchWorkspaces',
	'4387000000010001',
	'The workspace',
);

/** The service; its list is the chosen workspace's. */
export const serviceLocator: INodeProperties = {
	...catalogLocator(
		'Service',
		'serviceId',
		'a service',
		'searchServices',
		'4387000000020001',
		"The service; the list shows the chosen workspace's",
		['workspaceId'],
	),
	required: true,
};

/** The staff member; the list shows the chosen service's staff (else the workspace's). */
export const staffLocator: INodeProperties = {
	...catalogLocator(
		'Staff',
		'staffId',
		'a staff member',
		'searchStaff',
		'4387000000030001',
		"The staff member; the list shows the chosen service's staff",
		['serviceId', 'workspaceId'],
	),
	required: true,
};

export const resourceIdLocator: INodeProperties = {
	...catalogLocator(
		'Resource',
		'resourceId',
		'a resource',
		'searchResources',
		'4387000000040001',
		"The resource; the list shows the chosen service's resources",
		['serviceId'],
	),
	required: true,
};

/** An appointment by booking ID; the list shows the last 30 and next 90 days' appointments. */
export const bookingLocator: INodeProperties = {
	displayName: 'Appointment',
	name: 'bookingId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The appointment, by the booking ID Zoho gave it (e.g. #AN-00014)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an appointment...',
			typeOptions: { searchListMethod: 'searchAppointments', searchable: true },
		},
		{
			displayName: 'By Booking ID',
			name: 'id',
			type: 'string',
			placeholder: '#AN-00014',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '\\s*#\\S+\\s*',
						errorMessage: 'A booking ID starts with #, e.g. #AN-00014',
					},
				},
			],
		},
	],
};
