import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { checkTimeZone, formatMonthDateTime, requiredDate, wallClockIn } from '../../shared/dates';
import type { OperationModule as GenericOperationModule } from '../../shared/operations';
import type { BookingsSession } from '../transport';

export type OperationModule = GenericOperationModule<BookingsSession>;

export const workspaceField: INodeProperties = {
	displayName: 'Workspace Name or ID',
	name: 'workspaceId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getWorkspaces' },
	default: '',
	description:
		'The workspace. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const serviceField: INodeProperties = {
	displayName: 'Service Name or ID',
	name: 'serviceId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getServices', loadOptionsDependsOn: ['workspaceId'] },
	required: true,
	default: '',
	description:
		'The service. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const staffField: INodeProperties = {
	displayName: 'Staff Name or ID',
	name: 'staffId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getStaff', loadOptionsDependsOn: ['serviceId'] },
	default: '',
	description:
		'The staff member. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const bookingIdField: INodeProperties = {
	displayName: 'Booking ID',
	name: 'bookingId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '#AN-00014',
	description: 'The booking ID Zoho gave the appointment',
};

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'Asia/Kolkata',
	description: 'IANA time zone the times are in. Empty: the staff member\'s time zone in Bookings.',
};

/** An optional Time Zone field's value, checked; '' when empty. */
export function timeZoneOf(ctx: IExecuteFunctions, value: unknown, displayName: string, itemIndex: number): string {
	if (value === undefined || value === null || value === '') return '';
	if (typeof value !== 'string') {
		throw new NodeOperationError(ctx.getNode(), `"${displayName}" must be a time zone name such as Asia/Kolkata`, { itemIndex });
	}
	return value.trim() ? checkTimeZone(ctx, value.trim(), displayName, itemIndex) : '';
}

/**
 * A date-time for Bookings (`dd-MMM-yyyy HH:mm:ss`, docs/reference/zoho-api.md §5). Without an offset it is
 * wall-clock time, sent as written. With Z or an offset it is converted into `zone`; with no zone
 * to convert into, it is an error rather than the instant's digits re-read as wall-clock time.
 */
export function bookingsDateTime(
	ctx: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
	zone: { name: string; displayName: string },
): string {
	const date = requiredDate(ctx, value, displayName, itemIndex);
	const wall = wallClockIn(date, zone.name || undefined);
	if (!wall) {
		throw new NodeOperationError(ctx.getNode(), `"${displayName}" carries a time zone offset, but "${zone.displayName}" is empty`, {
			itemIndex,
			description: `Set "${zone.displayName}" to the workspace's time zone so the time can be converted into it, or give the wall-clock time without Z or an offset.`,
		});
	}
	return formatMonthDateTime(wall);
}
