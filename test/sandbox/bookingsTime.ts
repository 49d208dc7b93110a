/**
 * Date/time helpers for the Zoho Bookings emulation.
 *
 * "Wall" times are local clock readings in some IANA time zone, stored as milliseconds as if that
 * reading were UTC (so `new Date(wall).getUTCHours()` is the local hour). All availability maths
 * happens in the workspace's wall time; conversion to and from real instants goes through Intl.
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
export const MINUTE = 60_000;
export const DAY = 86_400_000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function isValidTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return tz.length > 0;
	} catch {
		return false;
	}
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `tz` from UTC at instant `utcMs`, in minutes (Asia/Kolkata → 330). */
export function tzOffsetMinutes(tz: string, utcMs: number): number {
	let f = formatters.get(tz);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone: tz,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(tz, f);
	}
	const parts: Record<string, number> = {};
	for (const p of f.formatToParts(new Date(utcMs)))
		if (p.type !== 'literal') parts[p.type] = Number(p.value);
	const asUtc = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour % 24,
		parts.minute,
		parts.second,
	);
	return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / MINUTE);
}

export function utcToWall(utcMs: number, tz: string): number {
	return utcMs + tzOffsetMinutes(tz, utcMs) * MINUTE;
}

export function wallToUtc(wallMs: number, tz: string): number {
	let utc = wallMs - tzOffsetMinutes(tz, wallMs) * MINUTE;
	utc = wallMs - tzOffsetMinutes(tz, utc) * MINUTE;
	return utc;
}

/** Converts a wall time in `fromTz` to the wall time in `toTz`. */
export function convertWall(wallMs: number, fromTz: string, toTz: string): number {
	return fromTz === toTz ? wallMs : utcToWall(wallToUtc(wallMs, fromTz), toTz);
}

/**
 * Parses `dd-MMM-yyyy HH:mm:ss` (seconds optional; month name case-insensitive) into wall ms.
 * With `dateOnly`, also accepts a bare `dd-MMM-yyyy` (time part, if any, is dropped).
 * Returns undefined when the text does not match or names an impossible date.
 */
export function parseZohoDateTime(text: string | undefined, dateOnly = false): number | undefined {
	if (text === undefined) return undefined;
	const m = /^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(
		text,
	);
	if (!m) return undefined;
	const month = MONTHS.findIndex((x) => x.toLowerCase() === m[2].toLowerCase());
	if (month < 0) return undefined;
	const [day, year] = [Number(m[1]), Number(m[3])];
	if (m[4] === undefined && !dateOnly) return undefined;
	const [h, min, s] = dateOnly ? [0, 0, 0] : [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
	if (h > 23 || min > 59 || s > 59) return undefined;
	const ms = Date.UTC(year, month, day, h, min, s);
	const d = new Date(ms);
	if (d.getUTCDate() !== day || d.getUTCMonth() !== month) return undefined;
	return ms;
}

/** `30-Apr-2019 22:00:00` */
export function formatZohoDateTime(wallMs: number): string {
	const d = new Date(wallMs);
	return `${formatZohoDate(wallMs)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `30-Apr-2019` */
export function formatZohoDate(wallMs: number): string {
	const d = new Date(wallMs);
	return `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()}`;
}

/** `22:00` */
export function formatHm(wallMs: number): string {
	const d = new Date(wallMs);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `2019-04-30T22:00:00+05:30` for a wall time in `tz`. */
export function formatIso(wallMs: number, tz: string): string {
	const off = tzOffsetMinutes(tz, wallToUtc(wallMs, tz));
	const sign = off < 0 ? '-' : '+';
	const a = Math.abs(off);
	return `${new Date(wallMs).toISOString().slice(0, 19)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** Minutes after midnight for `HH:mm`. */
export function hmToMinutes(hm: string): number {
	const [h, m] = hm.split(':').map(Number);
	return h * 60 + m;
}

export function startOfDay(wallMs: number): number {
	return Math.floor(wallMs / DAY) * DAY;
}
