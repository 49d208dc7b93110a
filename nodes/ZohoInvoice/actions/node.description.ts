import type { INodeProperties } from 'n8n-workflow';
import {
	authenticationProperty,
	optionsCollection,
	resourceProperty,
} from '../../shared/descriptions';
import * as customApiCall from './customApiCall';
import { organizationLocator } from './resourceBuilder/locators';
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
			{ name: 'Contact', value: 'contact' },
			{ name: 'Credit Note', value: 'creditNote' },
			{ name: 'Custom API Call', value: 'customApiCall' },
			{ name: 'Customer Payment', value: 'customerPayment' },
			{ name: 'Estimate', value: 'estimate' },
			{ name: 'Expense', value: 'expense' },
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Item', value: 'item' },
			{ name: 'Project', value: 'project' },
			{ name: 'Recurring Invoice', value: 'recurringInvoice' },
			{ name: 'User', value: 'user' },
		],
		default: 'invoice',
	}),
	...RESOURCES.flatMap((r) => r.description),
	...customApiCall.description,
	organizationLocator,
	optionsCollection([
		{
			displayName: 'Return Full Response',
			name: 'fullResponse',
			type: 'boolean',
			default: false,
			description: "Whether to return Zoho's whole answer instead of just the record",
		},
	]),
];
