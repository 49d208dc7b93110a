import type { INodeProperties } from 'n8n-workflow';
import * as request from './request.operation';

export { request };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApiCall'] } },
		options: [
			{
				name: 'Make a Request',
				value: 'request',
				action: 'Make a zoho invoice api request',
				description:
					'Send any Zoho Invoice API v3 request in the data center of the credential, with paging for lists',
			},
		],
		default: 'request',
	},
	...request.description,
];
