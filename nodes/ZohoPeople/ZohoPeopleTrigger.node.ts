import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { zohoCredentials } from '../shared/descriptions';
import { getForms } from './methods/loadOptions';
import { properties } from './trigger/description';
import { pollPeople } from './trigger/poll';

/**
 * Polls Zoho People (no webhook can be registered through its API): changed form records, leave
 * requests and status changes, attendance entries. See docs/trigger-people.md.
 */
export class ZohoPeopleTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho People Trigger',
		name: 'zohoPeopleTrigger',
		icon: { light: 'file:zohoPeople.svg', dark: 'file:zohoPeople.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when form records, leave or attendance change in Zoho People, in any Zoho data center',
		defaults: { name: 'Zoho People Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: zohoCredentials,
		properties,
	};

	methods = { loadOptions: { getForms } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollPeople(this);
	}
}
