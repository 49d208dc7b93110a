import type { IDataObject } from 'n8n-workflow';
import { paginationProperties } from '../../../shared/descriptions';
import { resourceOperations } from '../../../shared/operations';
import { ISO_DATE_FORMAT, flattenRecords, resultOf, toIsoDate, toPeopleDate } from '../../transport';
import type { OperationModule } from '../common';
import { writeRecordFields } from '../record/shared';

const getTypes: OperationModule = {
	value: 'getTypes',
	name: 'Get Types',
	action: 'Get leave types',
	description: 'List the leave types an employee can take, with balances',
	properties: [
		{
			displayName: 'Employee',
			name: 'userId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'name@email.com',
			description: 'Email, employee ID or record ID of the employee',
		},
	],
	async execute(session, itemIndex) {
		const userId = (this.getNodeParameter('userId', itemIndex) as string).trim();
		const response = await session.request({ method: 'GET', path: '/people/api/leave/getLeaveTypeDetails', qs: { userId } }, itemIndex);
		return flattenRecords(resultOf(response.body)).map((json) => ({ json }));
	},
};

const getAll: OperationModule = {
	value: 'getAll',
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
				{ displayName: 'Employee', name: 'employee', type: 'string', default: '', description: 'Employee ID or email' },
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
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {
			from: toIsoDate(this.getNodeParameter('from', itemIndex) as string),
			to: toIsoDate(this.getNodeParameter('to', itemIndex) as string),
			dateFormat: ISO_DATE_FORMAT,
		};
		// Zoho documents these filters as JSON arrays.
		for (const [key, value] of Object.entries(filters)) if (value) qs[key] = JSON.stringify([value]);
		const records = await session.records(
			{ method: 'GET', path: '/api/v2/leavetracker/leaves/records', qs },
			{ returnAll: this.getNodeParameter('returnAll', itemIndex) as boolean, limit: this.getNodeParameter('limit', itemIndex, 50) as number },
			itemIndex,
		);
		return records.map((json) => ({ json }));
	},
};

const apply: OperationModule = {
	value: 'apply',
	name: 'Apply',
	action: 'Apply for leave',
	description: 'Apply for leave on behalf of an employee (a record of the leave form)',
	properties: [
		{ displayName: 'Employee ID', name: 'employeeId', type: 'string', required: true, default: '', description: 'The EmployeeID of the employee' },
		{ displayName: 'Leave Type ID', name: 'leaveTypeId', type: 'string', required: true, default: '' },
		{ displayName: 'From', name: 'from', type: 'dateTime', required: true, default: '' },
		{ displayName: 'To', name: 'to', type: 'dateTime', required: true, default: '' },
		{ displayName: 'Reason', name: 'reason', type: 'string', default: '' },
	],
	async execute(session, itemIndex) {
		const fields: IDataObject = {
			Employee_ID: this.getNodeParameter('employeeId', itemIndex),
			Leavetype: this.getNodeParameter('leaveTypeId', itemIndex),
			From: toPeopleDate(this.getNodeParameter('from', itemIndex) as string),
			To: toPeopleDate(this.getNodeParameter('to', itemIndex) as string),
		};
		const reason = this.getNodeParameter('reason', itemIndex, '') as string;
		if (reason) fields.Reasonforleave = reason;
		return await writeRecordFields(session, itemIndex, 'leave', JSON.stringify(fields));
	},
};

export const leave = resourceOperations('leave', [getTypes, getAll, apply], 'getAll');
