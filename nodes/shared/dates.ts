import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Dates the user types, read one way for all three nodes, and the formats each Zoho API wants.
 *
 * Input: ISO `yyyy-MM-dd`, optionally with `THH:mm[:ss[.fff]]` and then `Z` or an offset
 * (`+05:30`, `+0530`, `+05`), or a Date / Luxon DateTime from an expression. Anything else, and
 * impossible dates (31 April, 25:00), is an error naming the field: Zoho would store garbage or
 * answer with an error that does not name our field.
 *
 * Date-times: a time without an offset is wall-clock time and is sent as written. A time with `Z`
 * or an offset is an instant; it is converted into the operation's time zone, never re-read as
 * wall-clock time (09:00Z is 14:30 in Asia/Kolkata).
 *
 * Date-only fields take the calendar date as written, offset or not: a date that comes as
 * midnight UTC from a database would otherwise move to the day before west of Greenwich.
 */

export const MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec',
];

/** A calendar date and wall-clock time, without a time zone. */
export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** A date as typed: its wall-clock parts and, when the user gave one, its offset from UTC. */
export interface UserDate extends WallClock {
	hasTime: boolean;
	/** Minutes east of UTC (`Z` is 0); undefined when no offset was given. */
	offsetMinutes?: number;
}

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses ISO text into its parts; undefined when it is not a real date. Exported for tests. */
export function parseIsoDate(text: string): UserDate | undefined {
	const m = ISO_DATE.exec(text.trim());
	if (!m) return undefined;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
	if (hour > 23 || minute > 59 || second > 59) return undefined;
	let offsetMinutes: number | undefined;
	if (m[7]) {
		if (m[7].toUpperCase() === 'Z') offsetMinutes = 0;
		else {
			const digits = m[7].slice(1).replace(':', '');
			const oh = Number(digits.slice(0, 2));
			const om = Number(digits.slice(2) || 0);
			if (oh > 18 || om > 59) return undefined;
			offsetMinutes = (m[7][0] === '-' ? -1 : 1) * (oh * 60 + om);
		}
	}
	return { year, month, day, hour, minute, second, hasTime: m[4] !== undefined, offsetMinutes };
}

function describe(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'an object' : String(value);
}

const DATE_HELP =
	'Use an ISO date such as 2031-03-10 or 2031-03-10T09:30:00 (optionally with Z or an offset such as +05:30).';

/**
 * Reads a user's date from a parameter value; undefined when it is empty. Throws a
 * NodeOperationError naming `displayName` when the value is not a valid date.
 */
export function userDate(
	ctx: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
): UserDate | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	let text: string | undefined;
	if (typeof value === 'string') text = value;
	else if (value instanceof Date)
		text = Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	else if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		// A Luxon DateTime from an expression such as {{ $now }}.
		const iso = (value as { toISO: () => unknown }).toISO();
		text = typeof iso === 'string' ? iso : undefined;
	}
	const parsed = text === undefined ? undefined : parseIsoDate(text);
	if (!parsed) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${displayName}" is not a valid date: ${describe(value)}`,
			{
				itemIndex,
				description: DATE_HELP,
			},
		);
	}
	return parsed;
}

/** Like userDate, but an empty value is an error. */
export function requiredDate(
	ctx: IExecuteFunctions,
	value: unknown,
	displayName: string,
	itemIndex: number,
): UserDate {
	const date = userDate(ctx, value, displayName, itemIndex);
	if (!date)
		throw new NodeOperationError(ctx.getNode(), `"${displayName}" is required but was empty`, {
			itemIndex,
			description: DATE_HELP,
		});
	return date;
}

/** The workflow's time zone (n8n Settings → Timezone), for dates that need one and have no field of their own. */
export function workflowTimeZone(ctx: IExecuteFunctions): string {
	return ctx.getTimezone();
}

/** Checks an IANA time zone name; throws naming `displayName` when Intl does not know it. */
export function checkTimeZone(
	ctx: IExecuteFunctions,
	zone: string,
	displayName: string,
	itemIndex: number,
): string {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return zone;
	} catch {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${displayName}" is not a known time zone: "${zone}"`,
			{
				itemIndex,
				description: 'Use an IANA time zone name such as Asia/Kolkata or Europe/Berlin.',
			},
		);
	}
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in `zone` at the instant `ms`. */
export function wallClockAt(ms: number, zone: string): WallClock {
	let format = formatters.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(zone, format);
	}
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(new Date(ms)))
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	return {
		year: parts.year,
		month: parts.month,
		day: parts.day,
		hour: parts.hour % 24,
		minute: parts.minute,
		second: parts.second,
	};
}

function utcOfWall(wall: WallClock): number {
	return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/**
 * The instant a date stands for: its own offset when it has one, else its wall-clock time read in
 * `zone` (for a time skipped by a DST change, the instant one offset later).
 */
export function instantOf(date: UserDate, zone: string): number {
	const wall = utcOfWall(date);
	if (date.offsetMinutes !== undefined) return wall - date.offsetMinutes * 60_000;
	let guess = wall;
	for (let i = 0; i < 2; i++) guess = wall - (utcOfWall(wallClockAt(guess, zone)) - guess);
	return guess;
}

/**
 * The wall-clock time to send: as written when the date has no offset; converted into `zone` when
 * it has one. Returns undefined when it has an offset and no zone was given (the caller explains).
 */
export function wallClockIn(date: UserDate, zone: string | undefined): WallClock | undefined {
	if (date.offsetMinutes === undefined) return date;
	if (!zone) return undefined;
	return wallClockOf(date, zone);
}

/** The wall-clock time to send when there is always a zone: as written, or converted into `zone`. */
export function wallClockOf(date: UserDate, zone: string): WallClock {
	return date.offsetMinutes === undefined ? date : wallClockAt(instantOf(date, zone), zone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyy-MM-dd` */
export function formatIsoDate(d: WallClock): string {
	return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** `dd-MMM-yyyy` (Bookings' selected_date, People's form dates) */
export function formatMonthDate(d: WallClock): string {
	return `${pad(d.day)}-${MONTHS[d.month - 1]}-${pad(d.year, 4)}`;
}

/** `dd-MMM-yyyy HH:mm:ss` (Bookings' date-times) */
export function formatMonthDateTime(d: WallClock): string {
	return `${formatMonthDate(d)} ${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`;
}

/** `dd/MM/yyyy HH:mm:ss` (People attendance, sent with dateFormat) */
export function formatSlashDateTime(d: WallClock): string {
	return `${pad(d.day)}/${pad(d.month)}/${pad(d.year, 4)} ${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`;
}

/** `yyyy-MM-ddTHH:mm:ss+0000` (Invoice's last_modified_time) for an instant. */
export function formatUtcPlus0000(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

/** `dd-MMM-yyyy[ HH:mm[:ss]]` as Bookings and People answer -> ISO wall-clock `yyyy-MM-ddTHH:mm:ss`. */
export function fromMonthDateTime(value: string): string | undefined {
	const m = /^(\d{2})-([A-Za-z]{3})-(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
	if (!m) return undefined;
	const month = MONTHS.findIndex((name) => name.toLowerCase() === m[2].toLowerCase()) + 1;
	if (!month) return undefined;
	return `${m[3]}-${pad(month)}-${m[1]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`;
}
