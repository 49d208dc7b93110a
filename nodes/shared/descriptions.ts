import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** Both credentials, each shown for its Authentication choice. */
export const zohoCredentials: INodeCredentialDescription[] = [
	{
		name: 'zohoRegionalOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{
		name: 'zohoSelfClientApi',
		required: true,
		displayOptions: { show: { authentication: ['selfClient'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Connect in the Browser)', value: 'oAuth2' },
		{ name: 'Self Client (Grant Code or Refresh Token)', value: 'selfClient' },
	],
	default: 'oAuth2',
};

/** Options every Zoho node offers for pacing and quota waits. */
export const requestOptionsProperties: INodeProperties[] = [
	{
		displayName: 'Max Wait on Rate Limit (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 900 },
		default: 60,
		description:
			'How long to wait in total for per-minute, concurrency or lock limits to pass before failing. Daily limits always fail at once.',
	},
	{
		displayName: 'Rate Limit (Calls per Minute)',
		name: 'rateLimitPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"Pace calls to this many per minute. 0 uses Zoho's documented limit (Invoice: 100 per organization; People: each endpoint's threshold). Set it when your plan's limit differs.",
	},
	{
		displayName: 'Workers Sharing the Rate Limit',
		name: 'workersSharingRate',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 1,
		description:
			"In n8n's queue mode, how many workers may call Zoho for this account at the same time. Each paces to its share of the per-minute and concurrency limits, so together they stay within them.",
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: 60,
		description: 'How long to wait for Zoho to answer one request',
	},
	{
		displayName: 'Max Pages',
		name: 'maxPages',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1000,
		description:
			'Most pages one Return All (or a large Limit) may fetch. If Zoho still says more pages follow after this many, the item fails instead of running on or returning part of the list.',
	},
	{
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 1,
		description:
			'How many input items to send to Zoho at the same time. Zoho allows 5 requests in process on free plans and 10 on paid plans.',
	},
];

/** Return All and Limit, as every n8n "Get Many" has them. */
export function paginationProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The Options collection every node ends with: its own options, then the request options. */
export function optionsCollection(ownOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...ownOptions, ...requestOptionsProperties],
	};
}

/** A Resource parameter as written, typed by the option values it carries. */
type ResourceParameter<V extends string> = Omit<INodeProperties, 'options' | 'default'> & {
	options: ReadonlyArray<{ name: string; value: V }>;
	default: NoInfer<V>;
};

/**
 * The Resource parameter, written out in full so n8n's lint rules can read it, and checked at
 * compile time against the router's table `_handled`: every option names a resource with handlers,
 * and every resource with handlers has an option (else the property `unlistedResources` is missing).
 */
export function resourceProperty<R extends string, const V extends R>(
	_handled: Readonly<Record<R, unknown>>,
	property: ResourceParameter<V> &
		([Exclude<R, V>] extends [never] ? unknown : { unlistedResources: Exclude<R, V> }),
): INodeProperties {
	return { ...property, options: [...property.options] };
}
