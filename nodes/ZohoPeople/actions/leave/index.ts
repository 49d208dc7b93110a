import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { formatIsoDate, formatMonthDate, requiredDate } from '../../../shared/dates';
import { paginationProperties } from '../../../shared/descriptions';
import { resourceOperations } from '../../../shared/operations';
import { idValue, pageOptions, requiredId } from '../../../shared/parameters';
import { ISO_DATE_FORMAT } from '../../helpers/dates';
import { flattenRecords, resultOf } from '../../helpers/output';
import { employeeIdLocator } from '../employeeLocators';
import type { PeopleOperation } from '../types';
import { writeRecordFields } from '../record/formRecords';

const getTypes: PeopleOperation = {
	name: 'Get Types',
	action: 'Get leave types',
	description: 'List the leave types an employee can take, with balances',
	properties: [
		employeeIdLocator(
			'userId',
			'The employee: from the list, or by Employee ID, email or record ID',
			'Email',
		),
	],
	async execute(session, itemIndex) {
		const userId = requiredId(this, 'userId', itemIndex, 'Employee');
		const response = await session.request(
			{ method: 'GET', path: '/people/api/leave/getLeaveTypeDetails', qs: { userId } },
			itemIndex,
		);
		return flattenRecords(resultOf(response.body)).map((json) => ({ json }));
	},
};

const getAll: PeopleOperation = {
	name: 'Get Many',
	action: 'Get leave records for a date range',
	description: 'Get leave records between two dates, for everyone or one employee',
	properties: [
		{ displayName: 'From', name: 'from', type: 'dateTime', required: true, default: '' },
		{ displayName: 'To', name: 'to', type: 'dateTime', required: true, default: '' },
		...paginationProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Employee',
					name: 'employee',
					type: 'string',
					default: '',
					description: 'Employee ID or email',
				},
				{ displayName: 'Leave Type ID', name: 'leavetype', type: 'string', default: '' },
				{
					displayName: 'Approval Status',
					name: 'approvalStatus',
					type: 'options',
					options: [
						{ name: 'Approved', value: 'APPROVED' },
						{ name: 'Cancelled', value: 'CANCELLED' },
						{ name: 'Pending', value: 'PENDING' },
						{ name: 'Rejected', value: 'REJECTED' },
					],
					default: 'APPROVED',
				},
			],
		},
	],
	async execute(session, itemIndex) {
		const pages = pageOptions(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {
			from: formatIsoDate(
				requiredDate(this, this.getNodeParameter('from', itemIndex, ''), 'From', itemIndex),
			),
			to: formatIsoDate(
				requiredDate(this, this.getNodeParameter('to', itemIndex, ''), 'To', itemIndex),
			),
			dateFormat: ISO_DATE_FORMAT,
		};
		const labels: Record<string, string> = { employee: 'Employee', leavetype: 'Leave Type ID' };
		// Zoho documents these filters as JSON arrays.
		for (const [key, value] of Object.entries(filters)) {
			const text = key in labels ? idValue(this, value, labels[key], itemIndex) : value;
			if (text) qs[key] = JSON.stringify([text]);
		}
		const records = await session.records(
			{ method: 'GET', path: '/api/v2/leavetracker/leaves/records', qs },
			pages,
			itemIndex,
		);
		return records.map((json) => ({ json }));
	},
};

const apply: PeopleOperation = {
	name: 'Apply',
	action: 'Apply for leave',
	description: 'Apply for leave on behalf of an employee (a record of the leave form)',
	properties: [
		employeeIdLocator('employeeId', 'The employee on leave, by Employee ID'),
		{
			displayName: 'Leave Type ID',
			name: 'leaveTypeId',
			type: 'string',
			required: true,
			default: '',
		},
		{ displayName: 'From', name: 'from', type: 'dateTime', required: true, default: '' },
		{ displayName: 'To', name: 'to', type: 'dateTime', required: true, default: '' },
		{ displayName: 'Reason', name: 'reason', type: 'string', default: '' },
		{
			displayName: 'Reason Field Name',
			name: 'reasonField',
			type: 'string',
			default: 'Reasonforleave',
			description:
				"Label name of the leave form's reason field, which Zoho does not document for certain (Reasonforleave or Reason). Check the leave form's field names with Form → Get Fields.",
		},
	],
	async execute(session, itemIndex) {
		const fields: IDataObject = {
			Employee_ID: requiredId(this, 'employeeId', itemIndex, 'Employee'),
			Leavetype: requiredId(this, 'leaveTypeId', itemIndex, 'Leave Type ID'),
			// People's default form date format; dates as written.
			From: formatMonthDate(
				requiredDate(this, this.getNodeParameter('from', itemIndex, ''), 'From', itemIndex),
			),
			To: formatMonthDate(
				requiredDate(this, this.getNodeParameter('to', itemIndex, ''), 'To', itemIndex),
			),
		};
		const reason = this.getNodeParameter('reason', itemIndex, '') as string;
		if (reason) {
			// Zoho does not document the leave form's reason label name for certain, so it is the user's choice.
			const reasonField = this.getNodeParameter(
				'reasonField',
				itemIndex,
				'Reasonforleave',
			) as unknown;
			if (typeof reasonField !== 'string' || !reasonField.trim()) {
				throw new NodeOperationError(
					this.getNode(),
					'"Reason Field Name" is required when a Reason is given',
					{ itemIndex },
				);
			}
			fields[reasonField.trim()] = reason;
		}
		return await writeRecordFields(session, itemIndex, 'leave', JSON.stringify(fields));
	},
};

export const leave = resourceOperations('leave', { getTypes, getAll, apply }, 'getAll');
