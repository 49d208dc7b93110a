import type { INodeProperties } from 'n8n-workflow';
import {
	authenticationProperty,
	optionsCollection,
	resourceProperty,
} from '../../shared/descriptions';
import * as customApiCall from './customApiCall';
import { RESOURCES } from './resources';
import { OPERATIONS } from './router';

export const properties: INodeProperties[] = [
	authenticationProperty,
	resourceProperty(OPERATIONS, {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		// Written out so n8n's lint rules can read it; checked against the router's table at compile time.
		options: [
			{ name: 'Appointment', value: 'appointment' },
			{ name: 'Availability', value: 'availability' },
			{ name: 'Custom API Call', value: 'customApiCall' },
			{ name: 'Resource', value: 'resource' },
			{ name: 'Service', value: 'service' },
			{ name: 'Staff', value: 'staff' },
			{ name: 'Workspace', value: 'workspace' },
		],
		default: 'appointment',
	}),
	...Object.values(RESOURCES).flatMap((r) => r.description),
	...customApiCall.description,
	optionsCollection([
		{
			displayName: 'Plan',
			name: 'plan',
			type: 'options',
			options: [
				{ name: 'Basic (1000 Calls a Day)', value: 'basic' },
				{ name: 'Free (250 Calls a Day)', value: 'free' },
				{ name: 'Premium (3000 Calls a Day)', value: 'premium' },
				{ name: 'Zoho One (3000 Calls a Day)', value: 'zohoOne' },
			],
			default: 'free',
			description: 'Your Bookings plan, so a daily-limit error can name the limit',
		},
		{
			displayName: 'Account Time Zone',
			name: 'accountTimeZone',
			type: 'string',
			default: '',
			placeholder: 'Asia/Kolkata',
			description:
				"Bookings counts calls per day in the account's time zone; used to say when the limit resets",
		},
	]),
];
