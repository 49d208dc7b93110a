import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { dataCenterProperties } from '../nodes/shared/credentialFields';
import { accountsServerExpression } from '../nodes/shared/dataCenters';
import {
	TOKEN_ONLY_HEADER,
	TOKEN_ONLY_MESSAGE,
	selfClientTokens,
} from '../nodes/shared/transport/tokenEndpoint';

/**
 * Zoho Self Client: for back-end jobs without a browser. The one-time grant code is exchanged
 * once; the refresh token it yields is kept (hidden) and every later access token comes from it.
 * A refresh token the user pastes is used as it is.
 */
export class ZohoSelfClientApi implements ICredentialType {
	name = 'zohoSelfClientApi';

	displayName = 'Zoho Self Client API';

	icon: Icon = { light: 'file:zoho.svg', dark: 'file:zoho.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-zoho-regional/n8n-nodes-zoho-regional/blob/main/README.md';

	properties: INodeProperties[] = [
		...dataCenterProperties,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Grant Code',
			name: 'grantCode',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'One-time code from the Zoho API Console (Self Client > Generate Code), valid 3 to 10 minutes. It is exchanged once, at the first use or credential test; the refresh token it yields is kept.',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional: a refresh token you already have. Used when no new grant code is given.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Obtained Refresh Token',
			name: 'obtainedRefreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Exchanged Grant Code Fingerprint',
			name: 'grantCodeFingerprint',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Token Fingerprint',
			name: 'tokenFingerprint',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'API Domain',
			name: 'apiDomain',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await selfClientTokens(this, credentials);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = (requestOptions.headers ?? {}) as IDataObject;
		if (Object.keys(headers).some((name) => name.toLowerCase() === TOKEN_ONLY_HEADER)) {
			throw new Error(TOKEN_ONLY_MESSAGE);
		}
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			Authorization: `Zoho-oauthtoken ${String(credentials.accessToken ?? '')}`,
		};
		return requestOptions;
	}

	// Getting a token is the real check (wrong secret, used code, wrong data center all fail there,
	// and its result is persisted); serverinfo then confirms the accounts server answers.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${accountsServerExpression('$credentials')} }}`,
			url: '/oauth/serverinfo',
			method: 'GET',
		},
	};
}
