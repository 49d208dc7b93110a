import { paginationProperties } from '../../../shared/descriptions';
import { resourceOperations } from '../../../shared/operations';
import type { OperationModule } from '../common';
import { formField, inputDataFields, recordIdField } from '../common';
import { getRecordById, getRecords, writeRecord } from './shared';

const getAll: OperationModule = {
	value: 'getAll',
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
						{ name: 'Employee ID', value: 'EMPLOYEEID' },
						{ name: 'Email', value: 'EMPLOYEEMAILALIAS' },
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
		const form = this.getNodeParameter('form', itemIndex) as string;
		const filters = this.getNodeParameter('filters', itemIndex, {}) as Record<string, string>;
		return await getRecords(this, session, itemIndex, form, {
			column: filters.searchColumn,
			value: filters.searchValue,
			modifiedSince: filters.modifiedSince,
		});
	},
};

const get: OperationModule = {
	value: 'get',
	name: 'Get',
	action: 'Get a record of a form',
	description: 'Get one record by its ID',
	properties: [formField, recordIdField],
	async execute(session, itemIndex) {
		const form = this.getNodeParameter('form', itemIndex) as string;
		return await getRecordById(session, itemIndex, form, this.getNodeParameter('recordId', itemIndex) as string);
	},
};

const insert: OperationModule = {
	value: 'insert',
	name: 'Insert',
	action: 'Insert a record into a form',
	description: 'Add a record to a form',
	properties: [formField, ...inputDataFields],
	async execute(session, itemIndex) {
		return await writeRecord(this, session, itemIndex, this.getNodeParameter('form', itemIndex) as string);
	},
};

const update: OperationModule = {
	value: 'update',
	name: 'Update',
	action: 'Update a record of a form',
	description: 'Change fields of a record; other fields keep their values',
	properties: [formField, recordIdField, ...inputDataFields],
	async execute(session, itemIndex) {
		const form = this.getNodeParameter('form', itemIndex) as string;
		return await writeRecord(this, session, itemIndex, form, this.getNodeParameter('recordId', itemIndex) as string);
	},
};

export const record = resourceOperations('record', [getAll, get, insert, update]);
