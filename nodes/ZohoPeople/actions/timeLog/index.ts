import type { IDataObject } from 'n8n-workflow';
import { formatIsoDate, requiredDate } from '../../../shared/dates';
import { paginationProperties } from '../../../shared/descriptions';
import { resourceOperations } from '../../../shared/operations';
import { pageOptions, requiredId } from '../../../shared/parameters';
import { ISO_DATE_FORMAT } from '../../helpers/dates';
import { flattenRecords, resultOf } from '../../helpers/output';
import { employeeIdLocator } from '../employeeLocators';
import type { PeopleOperation } from '../types';

/** Who the time logs are of; gettimelogs and addtimelog take an email, Employee ID or record ID. */
const user = employeeIdLocator(
	'user',
	'The employee: from the list, or by Employee ID, email or record ID',
	'Email',
);

const getAll: PeopleOperation = {
	name: 'Get Many',
	action: 'Get many time logs',
	description: 'Get the time logs of an employee between two dates',
	properties: [
		user,
		{ displayName: 'From', name: 'fromDate', type: 'dateTime', required: true, default: '' },
		{ displayName: 'To', name: 'toDate', type: 'dateTime', required: true, default: '' },
		...paginationProperties(),
	],
	async execute(session, itemIndex) {
		const qs: IDataObject = {
			user: requiredId(this, 'user', itemIndex, 'Employee'),
			fromDate: formatIsoDate(
				requiredDate(this, this.getNodeParameter('fromDate', itemIndex, ''), 'From', itemIndex),
			),
			toDate: formatIsoDate(
				requiredDate(this, this.getNodeParameter('toDate', itemIndex, ''), 'To', itemIndex),
			),
			dateFormat: ISO_DATE_FORMAT,
		};
		const records = await session.records(
			{ method: 'GET', path: '/people/api/timetracker/gettimelogs', qs },
			pageOptions(this, itemIndex),
			itemIndex,
		);
		return records.map((json) => ({ json }));
	},
};

const add: PeopleOperation = {
	name: 'Add',
	action: 'Add a time log',
	description: 'Log hours of work for an employee on a day',
	properties: [
		user,
		{ displayName: 'Work Date', name: 'workDate', type: 'dateTime', required: true, default: '' },
		{ displayName: 'Job ID', name: 'jobId', type: 'string', required: true, default: '' },
		{
			displayName: 'Hours',
			name: 'hours',
			type: 'string',
			required: true,
			default: '',
			placeholder: '02:30',
			description: 'Hours worked, as HH:mm',
		},
		{
			displayName: 'Options',
			name: 'timeLogOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Billing Status',
					name: 'billingStatus',
					type: 'options',
					options: [
						{ name: 'Billable', value: 'Billable' },
						{ name: 'Non-Billable', value: 'Non-Billable' },
					],
					default: 'Billable',
				},
				{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			],
		},
	],
	async execute(session, itemIndex) {
		const qs: IDataObject = {
			user: requiredId(this, 'user', itemIndex, 'Employee'),
			jobId: requiredId(this, 'jobId', itemIndex, 'Job ID'),
			workDate: formatIsoDate(
				requiredDate(
					this,
					this.getNodeParameter('workDate', itemIndex, ''),
					'Work Date',
					itemIndex,
				),
			),
			dateFormat: ISO_DATE_FORMAT,
			hours: this.getNodeParameter('hours', itemIndex),
			...(this.getNodeParameter('timeLogOptions', itemIndex, {}) as IDataObject),
		};
		const response = await session.request(
			{ method: 'POST', path: '/people/api/timetracker/addtimelog', qs },
			itemIndex,
		);
		return flattenRecords(resultOf(response.body)).map((json) => ({ json }));
	},
};

export const timeLog = resourceOperations('timeLog', { getAll, add }, 'getAll');
