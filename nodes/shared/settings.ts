import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { numberParameter, positiveInteger } from './parameters';
import { authenticationKind } from './transport/auth';
import type { RequestSettings } from './transport/request';
import { DEFAULT_MAX_WAIT_MS, DEFAULT_TIMEOUT_MS } from './transport/request';

/**
 * The request settings every Zoho node takes from its Options collection, and its Authentication
 * choice. The transport reads no node parameters itself, so a trigger or a worker can call it with
 * settings of its own.
 */
export function requestSettings(
	ctx: Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>,
): RequestSettings & { parallel: number } {
	// Node-wide options, read from item 0; a value from an expression ("abc", NaN, {}) is an error
	// naming the option, not 0 workers (no output) or no timeout. Ranges are the fields' min/max.
	const option = (name: string, displayName: string, fallback: number, min: number, max?: number) =>
		numberParameter(ctx, `options.${name}`, 0, displayName, { fallback, min, max, forItem: false });
	const maxWaitSeconds = option(
		'maxWaitSeconds',
		'Max Wait on Rate Limit (Seconds)',
		DEFAULT_MAX_WAIT_MS / 1000,
		0,
		900,
	);
	const timeoutSeconds = option(
		'timeoutSeconds',
		'Timeout (Seconds)',
		DEFAULT_TIMEOUT_MS / 1000,
		1,
		600,
	);
	const rateLimitPerMinute = option('rateLimitPerMinute', 'Rate Limit (Calls per Minute)', 0, 0);
	const workersSharingRate = positiveInteger(
		ctx,
		'options.workersSharingRate',
		0,
		'Workers Sharing the Rate Limit',
		{ fallback: 1, max: 100, forItem: false },
	);
	return {
		// Read once, here: the transport never reads node parameters itself.
		authentication: authenticationKind(ctx.getNodeParameter('authentication', 0, 'oAuth2')),
		rateLimitPerMinute: rateLimitPerMinute > 0 ? rateLimitPerMinute : undefined,
		workersSharingRate,
		maxWaitMs: maxWaitSeconds * 1000,
		timeoutMs: timeoutSeconds * 1000,
		maxPages: positiveInteger(ctx, 'options.maxPages', 0, 'Max Pages', {
			fallback: 1000,
			forItem: false,
		}),
		parallel: positiveInteger(ctx, 'options.parallelRequests', 0, 'Parallel Requests', {
			fallback: 1,
			max: 10,
			forItem: false,
		}),
	};
}

/** A dropdown's settings: the node's Authentication choice; its options do not apply to a listing. */
export function loadOptionsSettings(ctx: ILoadOptionsFunctions): RequestSettings {
	return { authentication: authenticationKind(ctx.getNodeParameter('authentication', 'oAuth2')) };
}

/** A poll context read the way the item-based parameter checks read an execute context. */
export function pollParameters(
	ctx: IPollFunctions,
): Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'> {
	return {
		getNode: () => ctx.getNode(),
		getNodeParameter: ((name: string, _itemIndex: number, fallback?: unknown) =>
			ctx.getNodeParameter(name, fallback)) as IExecuteFunctions['getNodeParameter'],
	};
}

/**
 * A trigger's request settings: its Options, with quota waits kept inside the time n8n gives one
 * poll (`budgetMs`, where n8n says), so a per-minute limit never makes a poll overrun its slot.
 */
export function pollSettings(ctx: IPollFunctions, budgetMs?: number): RequestSettings {
	const { parallel: _parallel, ...settings } = requestSettings(pollParameters(ctx));
	if (budgetMs === undefined) return settings;
	return {
		...settings,
		maxWaitMs: Math.min(settings.maxWaitMs ?? DEFAULT_MAX_WAIT_MS, budgetMs),
		timeoutMs: Math.min(settings.timeoutMs ?? DEFAULT_TIMEOUT_MS, budgetMs),
	};
}
