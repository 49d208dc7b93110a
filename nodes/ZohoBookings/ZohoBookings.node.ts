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
import * as listSearch from './methods/listSearch';

/**
 * Written out rather than extending a shared base class: n8n's lint rules read `description` as an
 * object literal of the class in this *.node.ts file. What the nodes share is imported instead.
 */
export class ZohoBookings implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Bookings',
		name: 'zohoBookings',
		icon: { light: 'file:zohoBookings.svg', dark: 'file:zohoBookings.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify on appointment Get and Get Many, on by default; version 1 keeps every field.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Book, sync and follow up appointments with Zoho Bookings in any Zoho data center',
		defaults: { name: 'Zoho Bookings' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: zohoCredentials,
		properties,
	};

	// Every record is a resource locator; methods/loadOptions.ts serves the Trigger's dropdowns.
	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, this.continueOnFail());
	}
}
