import type { INodeProperties } from 'n8n-workflow';
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
