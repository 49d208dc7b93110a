import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';
import { dataCenterProperties } from '../nodes/shared/credentialFields';
import { accountsServerExpression } from '../nodes/shared/dataCenters';
import { PRODUCT_LIST, scopeExpression } from '../nodes/products';

const accessOptions = [
	{ name: 'None', value: 'none' },
	{ name: 'Read Only', value: 'read' },
	{ name: 'Full Access', value: 'full' },
];

/**
 * Zoho OAuth2 (authorization-code flow) through n8n's own OAuth2 machinery. One Data Center choice
 * drives both the authorization and the token URL, so they can never point at different data
 * centers. `prompt=consent` makes Zoho return a refresh token on every connect (n8n issue #18037).
 */
export class ZohoRegionalOAuth2Api implements ICredentialType {
	name = 'zohoRegionalOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zoho Regional OAuth2 API';

	icon: Icon = { light: 'file:zoho.svg', dark: 'file:zoho.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-zoho-regional/n8n-nodes-zoho-regional/blob/main/README.md';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		...dataCenterProperties,
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${accountsServerExpression()} }}/oauth/v2/auth`,
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${accountsServerExpression()} }}/oauth/v2/token`,
			required: true,
		},
		// One option per product of the registry, with the product's own name and default.
		...PRODUCT_LIST.map(({ access }): INodeProperties => ({
			displayName: access.displayName,
			name: access.name,
			type: 'options',
			options: accessOptions,
			default: access.default,
		})),
		{
			displayName: 'Additional Scopes',
			name: 'extraScopes',
			type: 'string',
			default: '',
			placeholder: 'ZohoInvoice.settings.READ,ZOHOPEOPLE.dashboard.ALL',
			description: 'More Zoho scopes to request, separated by commas',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: scopeExpression(),
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'access_type=offline&prompt=consent',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];
}
