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
			{ name: 'Attendance', value: 'attendance' },
			{ name: 'Custom API Call', value: 'customApiCall' },
			{ name: 'Employee', value: 'employee' },
			{ name: 'Form', value: 'form' },
			{ name: 'Leave', value: 'leave' },
			{ name: 'Record', value: 'record' },
			{ name: 'Time Log', value: 'timeLog' },
		],
		default: 'employee',
	}),
	...Object.values(RESOURCES).flatMap((r) => r.description),
	...customApiCall.description,
	optionsCollection(),
];
