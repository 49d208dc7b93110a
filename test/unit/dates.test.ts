import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	checkTimeZone,
	formatIsoDate,
	formatMonthDate,
	formatMonthDateTime,
	formatSlashDateTime,
	formatUtcPlus0000,
	fromMonthDateTime,
	instantOf,
	parseIsoDate,
	requiredDate,
	userDate,
	wallClockAt,
	wallClockIn,
} from '../../nodes/shared/dates';

const node: INode = {
	id: '1',
	name: 'Zoho',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const ctx = {
	getNode: () => node,
	getTimezone: () => 'America/New_York',
} as unknown as IExecuteFunctions;

function errorOf(fn: () => unknown): NodeOperationError {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected an error');
}

describe('parseIsoDate', () => {
	it.each([
		[
			'2031-03-10',
			{
				year: 2031,
				month: 3,
				day: 10,
				hour: 0,
				minute: 0,
				second: 0,
				hasTime: false,
				offsetMinutes: undefined,
			},
		],
		[
			'2031-03-10T09:05',
			{
				year: 2031,
				month: 3,
				day: 10,
				hour: 9,
				minute: 5,
				second: 0,
				hasTime: true,
				offsetMinutes: undefined,
			},
		],
		[
			'2031-03-10 09:05:07.123Z',
			{
				year: 2031,
				month: 3,
				day: 10,
				hour: 9,
				minute: 5,
				second: 7,
				hasTime: true,
				offsetMinutes: 0,
			},
		],
		[
			'2031-03-10T09:05:07+05:30',
			{
				year: 2031,
				month: 3,
				day: 10,
				hour: 9,
				minute: 5,
				second: 7,
				hasTime: true,
				offsetMinutes: 330,
			},
		],
		[
			'2031-03-10T09:05:07-0330',
			{
				year: 2031,
				month: 3,
				day: 10,
				hour: 9,
				minute: 5,
				second: 7,
				hasTime: true,
				offsetMinutes: -210,
			},
		],
		[
			'2028-02-29',
			{
				year: 2028,
				month: 2,
				day: 29,
				hour: 0,
				minute: 0,
				second: 0,
				hasTime: false,
				offsetMinutes: undefined,
			},
		],
	])('reads %s', (text, parts) => {
		expect(parseIsoDate(text)).toEqual(parts);
	});

	it.each([
		'',
		'2031-3-10',
		'2031-02-29',
		'2031-04-31',
		'2031-13-01',
		'2031-00-10',
		'2031-03-10T24:00',
		'2031-03-10T09:60',
		'2031-03-10Z',
		'10-Mar-2031',
		'tomorrow',
		'2031-03-10T09:00+19:00',
	])('refuses %p', (text) => {
		expect(parseIsoDate(text)).toBeUndefined();
	});
});

describe('userDate / requiredDate', () => {
	it('is undefined when empty, and reads Dates and Luxon-like values from expressions', () => {
		expect(userDate(ctx, '', 'Date', 0)).toBeUndefined();
		expect(userDate(ctx, new Date('2031-03-10T09:00:00Z'), 'Date', 0)?.offsetMinutes).toBe(0);
		expect(
			userDate(ctx, { toISO: () => '2031-03-10T09:00:00.000+05:30' }, 'Date', 0)?.offsetMinutes,
		).toBe(330);
	});

	it('names the field and item of an invalid or missing date', () => {
		const invalid = errorOf(() => userDate(ctx, '2031-02-30', 'Due Date', 3));
		expect(invalid.message).toBe('"Due Date" is not a valid date: "2031-02-30"');
		expect(invalid.context.itemIndex).toBe(3);
		expect(errorOf(() => userDate(ctx, { a: 1 }, 'From', 0)).message).toBe(
			'"From" is not a valid date: an object',
		);
		expect(errorOf(() => requiredDate(ctx, '', 'From', 0)).message).toBe(
			'"From" is required but was empty',
		);
	});
});

describe('time zones', () => {
	it('converts an instant into a zone, and reads wall-clock time in a zone across DST', () => {
		expect(wallClockAt(Date.UTC(2031, 2, 10, 4, 30), 'Asia/Kolkata')).toMatchObject({
			day: 10,
			hour: 10,
			minute: 0,
		});
		// New York: EST until 9 March 2031 02:00, EDT after.
		expect(instantOf(parseIsoDate('2031-03-08T10:00:00')!, 'America/New_York')).toBe(
			Date.UTC(2031, 2, 8, 15),
		);
		expect(instantOf(parseIsoDate('2031-03-10T10:00:00')!, 'America/New_York')).toBe(
			Date.UTC(2031, 2, 10, 14),
		);
		expect(instantOf(parseIsoDate('2031-03-10T10:00:00+05:30')!, 'America/New_York')).toBe(
			Date.UTC(2031, 2, 10, 4, 30),
		);
	});

	it('keeps wall-clock times as written; converts offset times; needs a zone for them', () => {
		expect(wallClockIn(parseIsoDate('2031-03-10T09:00:00')!, 'Asia/Kolkata')).toMatchObject({
			hour: 9,
			minute: 0,
		});
		expect(wallClockIn(parseIsoDate('2031-03-10T09:00:00Z')!, 'Asia/Kolkata')).toMatchObject({
			hour: 14,
			minute: 30,
		});
		expect(wallClockIn(parseIsoDate('2031-03-10T09:00:00Z')!, undefined)).toBeUndefined();
	});

	it('refuses an unknown zone naming the field', () => {
		expect(checkTimeZone(ctx, 'Asia/Kolkata', 'Time Zone', 0)).toBe('Asia/Kolkata');
		expect(errorOf(() => checkTimeZone(ctx, 'Mars/Olympus', 'Time Zone', 1)).message).toBe(
			'"Time Zone" is not a known time zone: "Mars/Olympus"',
		);
	});
});

describe('formats', () => {
	const d = parseIsoDate('2031-03-05T07:08:09')!;
	it('writes each Zoho format', () => {
		expect(formatIsoDate(d)).toBe('2031-03-05');
		expect(formatMonthDate(d)).toBe('05-Mar-2031');
		expect(formatMonthDateTime(d)).toBe('05-Mar-2031 07:08:09');
		expect(formatSlashDateTime(d)).toBe('05/03/2031 07:08:09');
		expect(formatUtcPlus0000(Date.UTC(2031, 2, 5, 7, 8, 9))).toBe('2031-03-05T07:08:09+0000');
		expect(fromMonthDateTime('05-mar-2031 07:08')).toBe('2031-03-05T07:08:00');
		expect(fromMonthDateTime('05-Foo-2031')).toBeUndefined();
	});
});
