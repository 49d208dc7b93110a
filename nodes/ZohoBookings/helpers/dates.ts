import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	checkTimeZone,
	formatMonthDateTime,
	fromMonthDateTime,
	requiredDate,
	wallClockIn,
} from '../../shared/dates';

/** Adds `<field>_iso` beside every Bookings date field of a record. */
export function withIsoDates(record: IDataObject): IDataObject {
	const out: IDataObject = { ...record };
	for (const [key, value] of Object.entries(record)) {
		if (typeof value !== 'string') continue;
		const iso = fromMonthDateTime(value);
		if (iso) out[`${key}_iso`] = iso;
	}
	return out;
}

/** An optional Time Zone field's value, checked; '' when empty. */
export function timeZoneOf(
	ctx: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
): string {
	if (value === undefined || value === null || value === '') return '';
	if (typeof value !== 'string') {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${displayName}" must be a time zone name such as Asia/Kolkata`,
			{ itemIndex },
		);
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
		throw new NodeOperationError(
			ctx.getNode(),
			`"${displayName}" carries a time zone offset, but "${zone.displayName}" is empty`,
			{
				itemIndex,
				description: `Set "${zone.displayName}" to the workspace's time zone so the time can be converted into it, or give the wall-clock time without Z or an offset.`,
			},
		);
	}
	return formatMonthDateTime(wall);
}
