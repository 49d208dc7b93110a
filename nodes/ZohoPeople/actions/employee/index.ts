import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { paginationProperties } from '../../../shared/descriptions';
import { resourceOperations } from '../../../shared/operations';
import { requiredId } from '../../../shared/parameters';
import type { PeopleSession } from '../../transport';
import type { PeopleOperation } from '../types';
import {
	employeeRecordLocator,
	simplifyEmployees,
	simplifyField,
	simplifyOn,
} from '../employeeLocators';
import { inputDataFields } from '../formFields';
import { getRecordById, getRecords, writeRecord } from '../record/formRecords';

/** Employees are the records of People's built-in `employee` form. */
const FORM = 'employee';

const getAll: PeopleOperation = {
	name: 'Get Many',
	action: 'Get many employees',
	description: 'Get employees, 200 per call',
	properties: [
		...paginationProperties(),
		{
			displayName: 'Modified Since',
			name: 'modifiedSince',
			type: 'dateTime',
			default: '',
			description: 'Only employees changed after this time',
		},
		simplifyField,
	],
	async execute(session, itemIndex) {
		const modifiedSince = this.getNodeParameter('modifiedSince', itemIndex, '');
		const items = await getRecords(this, session, itemIndex, FORM, { modifiedSince });
		return simplifyOn(this, itemIndex) ? simplifyEmployees(items) : items;
	},
};

const get: PeopleOperation = {
	name: 'Get',
	action: 'Get an employee',
	description: 'Get one employee by record ID, employee ID or email',
	properties: [
		{
			displayName: 'Find By',
			name: 'findBy',
			type: 'options',
			options: [
				{ name: 'Email', value: 'EMPLOYEEMAILALIAS' },
				{ name: 'Employee ID', value: 'EMPLOYEEID' },
				{ name: 'Record ID', value: 'recordId' },
			],
			default: 'EMPLOYEEMAILALIAS',
		},
		{ ...employeeRecordLocator, displayOptions: { show: { findBy: ['recordId'] } } },
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'name@email.com',
			displayOptions: { show: { findBy: ['EMPLOYEEMAILALIAS', 'EMPLOYEEID'] } },
		},
		simplifyField,
	],
	async execute(session, itemIndex) {
		const items = await getEmployee(this, session, itemIndex);
		return simplifyOn(this, itemIndex) ? simplifyEmployees(items) : items;
	},
};

/** One employee, by record ID (getDataByID) or by email or employee ID (getRecords' search). */
async function getEmployee(
	ctx: IExecuteFunctions,
	session: PeopleSession,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const findBy = ctx.getNodeParameter('findBy', itemIndex) as string;
	if (findBy === 'recordId') {
		return await getRecordById(
			session,
			itemIndex,
			FORM,
			requiredId(ctx, 'recordId', itemIndex, 'Employee'),
		);
	}
	// The employee to find: an empty value names no one.
	const value = requiredId(ctx, 'value', itemIndex, 'Value');
	const qs = { SearchColumn: findBy, SearchValue: value };
	const records = await session.records(
		{ method: 'GET', path: `/people/api/forms/${FORM}/getRecords`, qs },
		{ returnAll: false, limit: 1 },
		itemIndex,
	);
	return records.map((json) => ({ json }));
}

const create: PeopleOperation = {
	name: 'Create',
	action: 'Create an employee',
	description: 'Add an employee (a record of the employee form)',
	properties: inputDataFields,
	async execute(session, itemIndex) {
		return await writeRecord(this, session, itemIndex, FORM);
	},
};

const update: PeopleOperation = {
	name: 'Update',
	action: 'Update an employee',
	description: "Change fields of an employee's record",
	properties: [employeeRecordLocator, ...inputDataFields],
	async execute(session, itemIndex) {
		// Checked first: an empty Record ID must fail, never turn the update into an insert.
		return await writeRecord(
			this,
			session,
			itemIndex,
			FORM,
			requiredId(this, 'recordId', itemIndex, 'Employee'),
		);
	},
};

export const employee = resourceOperations('employee', { getAll, get, create, update });
