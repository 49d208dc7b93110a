import type { INodeProperties } from 'n8n-workflow';
import { authenticationProperty, requestOptionsProperties } from '../../shared/descriptions';
import * as customApiCall from './customApiCall';

export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Custom API Call', value: 'customApiCall' }],
		default: 'customApiCall',
	},
	...customApiCall.description,
	{
		displayName: 'Organization Name or ID',
		name: 'organizationId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOrganizations' },
		default: '',
		description:
			'The Zoho Invoice organization to work in. Leave empty when the account has a single organization. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: requestOptionsProperties,
	},
];
