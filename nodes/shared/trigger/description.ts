import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { requestOptionsProperties } from '../descriptions';

/** Pages one poll reads by default: a burst of changes is emitted over the next polls. */
export const DEFAULT_PAGES_PER_POLL = 5;

/** The Options every Zoho trigger has: where to start, how much one poll reads, and the request options. */
export function triggerOptions(ownOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...ownOptions,
			{
				displayName: 'Include Existing Records Since',
				name: 'includeExistingSince',
				type: 'dateTime',
				default: '',
				description:
					'On activation, also emit records changed since this date. Empty: only changes made after the workflow is activated.',
			},
			{
				displayName: 'Max Pages per Poll',
				name: 'maxPagesPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: DEFAULT_PAGES_PER_POLL,
				description:
					'Most list pages one poll reads. More changes than fit are emitted by the next polls, none lost.',
			},
			// Triggers read lists one page at a time, one poll at a time: the paging and parallel
			// options of the action nodes do not apply.
			...requestOptionsProperties.filter(
				(option) => option.name !== 'maxPages' && option.name !== 'parallelRequests',
			),
		],
	};
}

/**
 * The trigger's Event, one of `events`; anything else (an expression, a value from another version)
 * is refused with the known ones, rather than read as some other event.
 */
export function eventParameter<E extends string>(
	ctx: IPollFunctions,
	events: readonly E[],
	fallback: E,
): E {
	const value = ctx.getNodeParameter('event', fallback) as unknown;
	if (typeof value === 'string' && (events as readonly string[]).includes(value)) return value as E;
	throw new NodeOperationError(ctx.getNode(), '"Event" is not a known event', {
		description: `Got ${JSON.stringify(String(value)).slice(0, 60)}; known: ${events.join(', ')}.`,
	});
}
