import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	checkTimeZone,
	formatIsoDate,
	formatSlashDateTime,
	requiredDate,
	userDate,
	wallClockAt,
	wallClockOf,
	workflowTimeZone,
} from '../../../shared/dates';
import { resourceOperations } from '../../../shared/operations';
import { optionalId } from '../../../shared/parameters';
import { ATTENDANCE_DATE_FORMAT, ISO_DATE_FORMAT } from '../../helpers/dates';
import { flattenRecords, resultOf } from '../../helpers/output';
import type { PeopleOperation } from '../types';
import { employeeParam, employeeSelector } from '../employeeSelector';

function punch(direction: 'checkIn' | 'checkOut'): PeopleOperation {
	const label = direction === 'checkIn' ? 'Check In' : 'Check Out';
	return {
		name: label,
		action: `${label} an employee`,
		description: `Record an attendance ${label.toLowerCase()} for an employee (now, or at a given time)`,
		properties: [
			...employeeSelector,
			{
				displayName: 'Options',
				name: 'punchOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ displayName: 'Location', name: 'location', type: 'string', default: '' },
					{
						displayName: 'Time',
						name: 'time',
						type: 'dateTime',
						default: '',
						description:
							"Wall-clock time of the punch in the employee's time zone; sent as dd/MM/yyyy HH:mm:ss. A time with Z or an offset is converted into the Time Zone below. Default: now.",
					},
					{
						displayName: 'Time Zone',
						name: 'timeZone',
						type: 'string',
						default: '',
						placeholder: 'Asia/Kolkata',
						description:
							'The employee\'s time zone (IANA). Not sent: "now" and times with Z or an offset are converted into it. Default: the workflow\'s time zone.',
					},
				],
			},
		],
		async execute(session, itemIndex) {
			const employee = employeeParam(this, itemIndex);
			const options = this.getNodeParameter('punchOptions', itemIndex, {}) as IDataObject;
			const rawZone = options.timeZone ?? '';
			if (typeof rawZone !== 'string') {
				throw new NodeOperationError(
					this.getNode(),
					'"Time Zone" must be a time zone name such as Asia/Kolkata',
					{ itemIndex },
				);
			}
			const zone = rawZone.trim()
				? checkTimeZone(this, rawZone.trim(), 'Time Zone', itemIndex)
				: workflowTimeZone(this);
			const time = userDate(this, options.time, 'Time', itemIndex);
			// "now" is an instant too: the employee's wall-clock time, not UTC's.
			const wall = time ? wallClockOf(time, zone) : wallClockAt(Date.now(), zone);
			const qs: IDataObject = {
				dateFormat: ATTENDANCE_DATE_FORMAT,
				[direction]: formatSlashDateTime(wall),
				...employee,
			};
			if (options.location) qs.location = options.location;
			const response = await session.request(
				{ method: 'POST', path: '/people/api/attendance', qs },
				itemIndex,
			);
			return flattenRecords(resultOf(response.body)).map((json) => ({ json }));
		},
	};
}

const getEntries: PeopleOperation = {
	name: 'Get Entries',
	action: 'Get attendance entries for a date range',
	description: 'Get the attendance of an employee (or everyone) day by day for a date range',
	properties: [
		{ displayName: 'From', name: 'from', type: 'dateTime', required: true, default: '' },
		{ displayName: 'To', name: 'to', type: 'dateTime', required: true, default: '' },
		{
			displayName: 'Employee Email',
			name: 'emailId',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
			description: 'Leave empty for all employees',
		},
	],
	async execute(session, itemIndex) {
		const qs: IDataObject = {
			sdate: formatIsoDate(
				requiredDate(this, this.getNodeParameter('from', itemIndex, ''), 'From', itemIndex),
			),
			edate: formatIsoDate(
				requiredDate(this, this.getNodeParameter('to', itemIndex, ''), 'To', itemIndex),
			),
			dateFormat: ISO_DATE_FORMAT,
		};
		const email = optionalId(this, 'emailId', itemIndex, 'Employee Email');
		const request = { method: 'GET' as const, path: '/people/api/attendance/getUserReport', qs };
		let entries: IDataObject[];
		if (email) {
			const response = await session.request(
				{ ...request, qs: { ...qs, emailId: email } },
				itemIndex,
			);
			entries = flattenRecords(resultOf(response.body));
		} else {
			// Everyone: 100 employees a call from startIndex 0, 100, 200, … (paged like any People list).
			entries = await session.records(request, { returnAll: true, limit: 0 }, itemIndex);
		}
		return perEmployeeDay(entries).map((json) => ({ json }));
	},
};

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One item per employee and day: the employee's details, `date` and that day's fields, from
 * `{employeeDetails, attendanceDetails: {"<date>": {...}}}`. Entries of another shape pass unchanged.
 */
function perEmployeeDay(entries: IDataObject[]): IDataObject[] {
	const out: IDataObject[] = [];
	for (const entry of entries) {
		const days = entry.attendanceDetails;
		if (!isObject(days)) {
			out.push(entry);
			continue;
		}
		const employee = isObject(entry.employeeDetails) ? entry.employeeDetails : {};
		for (const [date, fields] of Object.entries(days)) {
			out.push({ ...employee, date, ...(isObject(fields) ? fields : { value: fields as string }) });
		}
	}
	return out;
}

export const attendance = resourceOperations(
	'attendance',
	{ checkIn: punch('checkIn'), checkOut: punch('checkOut'), getEntries },
	'checkIn',
);
