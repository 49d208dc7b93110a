import { paginationProperties } from '../../../shared/descriptions';
import { resourceOperations } from '../../../shared/operations';
import { requiredId } from '../../../shared/parameters';
import type { PeopleOperation } from '../types';
import { formField, formOf, inputDataFields, recordIdField } from '../formFields';
import { getRecordById, getRecords, writeRecord } from './formRecords';

const getAll: PeopleOperation = {
	name: 'Get Many',
	action: 'Get many records of a form',
	description: 'Get the records of a form, 200 per call',
	properties: [
		formField,
		...paginationProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Search Column',
					name: 'searchColumn',
					type: 'options',
					options: [
						{ name: 'Email', value: 'EMPLOYEEMAILALIAS' },
						{ name: 'Employee ID', value: 'EMPLOYEEID' },
					],
					default: 'EMPLOYEEID',
				},
				{ displayName: 'Search Value', name: 'searchValue', type: 'string', default: '' },
				{
					displayName: 'Modified Since',
					name: 'modifiedSince',
					type: 'dateTime',
					default: '',
					description: 'Only records changed after this time (sent as milliseconds since 1970)',
				},
			],
		},
	],
	async execute(session, itemIndex) {
		const form = formOf(this, itemIndex);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as Record<string, string>;
		return await getRecords(this, session, itemIndex, form, {
			column: filters.searchColumn,
			value: filters.searchValue,
			modifiedSince: filters.modifiedSince,
		});
	},
};

const get: PeopleOperation = {
	name: 'Get',
	action: 'Get a record of a form',
	description: 'Get one record by its ID',
	properties: [formField, recordIdField],
	async execute(session, itemIndex) {
		const recordId = requiredId(this, 'recordId', itemIndex, 'Record ID');
		return await getRecordById(session, itemIndex, formOf(this, itemIndex), recordId);
	},
};

const insert: PeopleOperation = {
	name: 'Insert',
	action: 'Insert a record into a form',
	description: 'Add a record to a form',
	properties: [formField, ...inputDataFields],
	async execute(session, itemIndex) {
		return await writeRecord(this, session, itemIndex, formOf(this, itemIndex));
	},
};

const update: PeopleOperation = {
	name: 'Update',
	action: 'Update a record of a form',
	description: 'Change fields of a record; other fields keep their values',
	properties: [formField, recordIdField, ...inputDataFields],
	async execute(session, itemIndex) {
		// Checked first: an empty Record ID must fail, never turn the update into an insert.
		const recordId = requiredId(this, 'recordId', itemIndex, 'Record ID');
		return await writeRecord(this, session, itemIndex, formOf(this, itemIndex), recordId);
	},
};

export const record = resourceOperations('record', { getAll, get, insert, update });
