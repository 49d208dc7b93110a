import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** The appointment fields Simplify keeps, in this order (names as Bookings sends them, §5). */
export const SIMPLE_APPOINTMENT_FIELDS = [
	'booking_id',
	'status',
	'service_name',
	'staff_name',
	'customer_name',
	'customer_email',
	'start_time_iso',
	'end_time_iso',
	'time_zone',
	'summary_url',
];

/**
 * Simplify, on the operations that read appointments (about 30 fields each); shown from node
 * version 1.1, so a workflow saved with version 1 keeps its full output.
 */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	description:
		'Whether to return only the main fields (booking ID, status, service, staff, customer name and email, ISO start and end, time zone, summary URL) instead of every field',
};

/** Whether the item's output is simplified: never on version 1, which had no such option. */
export function simplifyOn(ctx: IExecuteFunctions, itemIndex: number): boolean {
	if (ctx.getNode().typeVersion < 1.1) return false;
	return ctx.getNodeParameter('simplify', itemIndex, true) === true;
}

export function simplifyAppointments(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => {
		const json: INodeExecutionData['json'] = {};
		for (const key of SIMPLE_APPOINTMENT_FIELDS) if (key in item.json) json[key] = item.json[key];
		return { ...item, json };
	});
}
