import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { zohoCredentials } from '../shared/descriptions';
import { properties } from './actions/node.description';
import { router } from './actions/router';
import { getCurrencies } from './methods/loadOptions';
import * as listSearch from './methods/listSearch';

/**
 * Written out rather than extending a shared base class: n8n's lint rules read `description` as an
 * object literal of the class in this *.node.ts file. What the nodes share is imported instead.
 */
export class ZohoInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Invoice',
		name: 'zohoInvoice',
		icon: { light: 'file:zohoInvoice.svg', dark: 'file:zohoInvoice.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify on Get and Get Many of records with many fields, on by default; version 1
		// keeps the whole record.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with Zoho Invoice in any Zoho data center',
		defaults: { name: 'Zoho Invoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: zohoCredentials,
		properties,
	};

	// The Organization dropdown's loader (getOrganizations) serves the trigger; the action node's
	// Organization is a resource locator (listSearch.searchOrganizations).
	methods = { loadOptions: { getCurrencies }, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, this.continueOnFail());
	}
}
