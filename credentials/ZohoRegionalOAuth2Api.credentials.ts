import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';
import { dataCenterProperties } from '../nodes/shared/credentialFields';
import { accountsServerExpression } from '../nodes/shared/dataCenters';
import { scopeExpression } from '../nodes/shared/scopes';

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

	documentationUrl = 'https://github.com/n8n-nodes-zoho-regional/n8n-nodes-zoho-regional/blob/main/README.md';

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
		{
			displayName: 'Zoho Invoice Access',
			name: 'invoiceAccess',
			type: 'options',
			options: accessOptions,
			default: 'full',
		},
		{
			displayName: 'Zoho People Access',
			name: 'peopleAccess',
			type: 'options',
			options: accessOptions,
			// Read access by default: with None, a People node fails on its first call.
			default: 'read',
		},
		{
			displayName: 'Zoho Bookings Access',
			name: 'bookingsAccess',
			type: 'options',
			options: accessOptions,
			// Not Read Only by default: Zoho documents only zohobookings.data.CREATE, for reads too, and
			// an unknown scope in the default would break the consent screen for every user
			// (docs/reference/zoho-api.md §5). A Bookings node without it says which option to set.
			default: 'none',
		},
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
