import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { zohoCredentials } from '../shared/descriptions';
import { getOrganizations } from './methods/loadOptions';
import { properties } from './trigger/description';
import { pollInvoiceTrigger } from './trigger/poll';

/**
 * Polls Zoho Invoice for new and changed records (Zoho Invoice offers no webhook an integration can
 * register through its API). How each event finds changes: docs/trigger-invoice.md.
 */
export class ZohoInvoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Invoice Trigger',
		name: 'zohoInvoiceTrigger',
		icon: { light: 'file:zohoInvoice.svg', dark: 'file:zohoInvoice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Zoho Invoice records are created or changed',
		defaults: { name: 'Zoho Invoice Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: zohoCredentials,
		properties,
	};

	methods = { loadOptions: { getOrganizations } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollInvoiceTrigger.call(this);
	}
}
