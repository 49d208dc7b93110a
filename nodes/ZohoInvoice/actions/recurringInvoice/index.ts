import { defineResource } from '../resourceBuilder/crud';
import { customerField } from '../resourceBuilder/fields';
import { customerFilter, date, searchText, statusFilter, text } from '../resourceBuilder/fieldPresets';

export const recurringInvoice = defineResource({
	value: 'recurringInvoice',
	name: 'Recurring Invoice',
	plural: 'recurring invoices',
	path: '/recurringinvoices',
	idField: 'recurrence_id',
	singularKey: 'recurring_invoice',
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		{ ...text('Recurrence Name', 'Name of the profile'), required: true },
		customerField,
		{
			displayName: 'Frequency',
			name: 'recurrenceFrequency',
			type: 'options',
			options: [
				{ name: 'Days', value: 'days' },
				{ name: 'Weeks', value: 'weeks' },
				{ name: 'Months', value: 'months' },
				{ name: 'Years', value: 'years' },
			],
			required: true,
			default: 'months',
		},
	],
	lineItems: true,
	additionalFields: [
		{ displayName: 'Repeat Every', name: 'repeatEvery', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
		date('Start Date'),
		date('End Date'),
		text('Notes'),
		text('Terms'),
	],
	filters: [
		statusFilter(['active', 'expired', 'stopped'], 'active'),
		customerFilter,
		searchText,
	],
	stateChanges: [
		{ value: 'stop', name: 'Stop', action: 'Stop a recurring invoice', suffix: '/status/stop', description: 'Stop creating invoices from this profile' },
		{ value: 'resume', name: 'Resume', action: 'Resume a recurring invoice', suffix: '/status/resume', description: 'Resume a stopped profile' },
	],
});
