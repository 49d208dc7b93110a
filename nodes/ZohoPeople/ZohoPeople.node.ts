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
export class ZohoPeople implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho People',
		name: 'zohoPeople',
		icon: { light: 'file:zohoPeople.svg', dark: 'file:zohoPeople.dark.svg' },
		group: ['transform'],
		// 1.1: Simplify on employee Get and Get Many, on by default; version 1 keeps every field.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Sync employees, attendance, leave and time logs with Zoho People in any Zoho data center',
		defaults: { name: 'Zoho People' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: zohoCredentials,
		properties,
	};

	// The form and employee fields are resource locators; methods/loadOptions.ts keeps getForms
	// for the People Trigger's form dropdown.
	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this, this.continueOnFail());
	}
}
