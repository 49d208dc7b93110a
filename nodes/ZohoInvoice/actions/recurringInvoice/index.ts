import { defineResource } from '../resourceBuilder/crud';
import { customerField, field } from '../resourceBuilder/fields';
import {
	customerFilter,
	date,
	searchText,
	statusFilter,
	text,
} from '../resourceBuilder/fieldPresets';

export const recurringInvoice = defineResource({
	value: 'recurringInvoice',
	name: 'Recurring Invoice',
	plural: 'recurring invoices',
	path: '/recurringinvoices',
	idField: 'recurrence_id',
	singularKey: 'recurring_invoice',
	simplify: [
		'recurrence_id',
		'recurrence_name',
		'status',
		'customer_id',
		'customer_name',
		'recurrence_frequency',
		'repeat_every',
		'start_date',
		'end_date',
		'next_invoice_date',
		'total',
		'last_modified_time',
	],
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		field('recurrence_name', 'plain', {
			...text('Recurrence Name', 'Name of the profile'),
			required: true,
		}),
		customerField,
		field('recurrence_frequency', 'plain', {
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
		}),
	],
	lineItems: true,
	additionalFields: [
		field('repeat_every', 'plain', {
			displayName: 'Repeat Every',
			name: 'repeatEvery',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
		}),
		field('start_date', 'date', date('Start Date')),
		field('end_date', 'date', date('End Date')),
		field('notes', 'plain', text('Notes')),
		field('terms', 'plain', text('Terms')),
	],
	filters: [statusFilter(['active', 'expired', 'stopped'], 'active'), customerFilter, searchText],
	stateChanges: [
		{
			value: 'stop',
			name: 'Stop',
			action: 'Stop a recurring invoice',
			suffix: '/status/stop',
			description: 'Stop creating invoices from this profile',
		},
		{
			value: 'resume',
			name: 'Resume',
			action: 'Resume a recurring invoice',
			suffix: '/status/resume',
			description: 'Resume a stopped profile',
		},
	],
});
