import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { zohoCredentials } from '../shared/descriptions';
import * as loadOptions from './methods/loadOptions';
import { costHints, costSubtitle, properties } from './trigger/description';
import { pollAppointments } from './trigger/poll';

/**
 * A polling trigger, as n8n's own (Gmail Trigger): Zoho Bookings offers no webhook an integration
 * can register through an API (docs/reference/updates-2026-12.md, "Webhooks"). How it finds
 * changes: docs/trigger-bookings.md.
 */
export class ZohoBookingsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Bookings Trigger',
		name: 'zohoBookingsTrigger',
		icon: { light: 'file:zohoBookings.svg', dark: 'file:zohoBookings.dark.svg' },
		group: ['trigger'],
		version: 1,
		// What the Poll Times cost a day against the chosen plan, shown on the canvas.
		subtitle: costSubtitle,
		description: 'Starts the workflow when an appointment is booked or changes in Zoho Bookings',
		defaults: { name: 'Zoho Bookings Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: zohoCredentials,
		hints: costHints,
		properties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollAppointments(this);
	}
}
