import type { INodeProperties } from 'n8n-workflow';
import {
	authenticationProperty,
	optionsCollection,
	resourceProperty,
} from '../../shared/descriptions';
import { accountTimeZoneOption, planOption } from '../helpers/plans';
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
	optionsCollection([planOption, accountTimeZoneOption]),
];
