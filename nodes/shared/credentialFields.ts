import type { INodeProperties } from 'n8n-workflow';
import { dataCenterOptions } from './dataCenters';

const customOnly = { show: { dataCenter: ['custom'] } };

/** The Data Center choice and the Custom hosts, shared by both credentials. */
export const dataCenterProperties: INodeProperties[] = [
	{
		displayName: 'Data Center',
		name: 'dataCenter',
		type: 'options',
		options: dataCenterOptions(),
		default: 'us',
		description:
			'The Zoho data center your account lives in: the domain you sign in at (zoho.eu, zoho.in, zohocloud.ca, …). It must also be the one your API client was created in or enabled for.',
	},
	{
		displayName: 'Accounts URL',
		name: 'customAccountsUrl',
		type: 'string',
		displayOptions: customOnly,
		default: '',
		placeholder: 'https://accounts.zoho.com',
		description: 'Zoho Accounts server that issues tokens',
	},
	{
		displayName: 'API Gateway URL',
		name: 'customApiUrl',
		type: 'string',
		displayOptions: customOnly,
		default: '',
		placeholder: 'https://www.zohoapis.com',
		// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-json -- a URL path, lowercase on the wire (docs/reference/zoho-api.md §5)
		description: 'Host serving Zoho Invoice (/invoice/v3) and Zoho Bookings (/bookings/v1/json)',
	},
	{
		displayName: 'People URL',
		name: 'customPeopleUrl',
		type: 'string',
		displayOptions: customOnly,
		default: '',
		placeholder: 'https://people.zoho.com',
		description: 'Host serving Zoho People',
	},
];
