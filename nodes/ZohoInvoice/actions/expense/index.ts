import { defineResource } from '../resourceBuilder/crud';
import { currencyField, customerField, field } from '../resourceBuilder/fields';
import {
	customerFilter,
	date,
	modifiedSince,
	searchText,
	text,
} from '../resourceBuilder/fieldPresets';

export const expense = defineResource({
	value: 'expense',
	name: 'Expense',
	plural: 'expenses',
	path: '/expenses',
	idField: 'expense_id',
	singularKey: 'expense',
	simplify: [
		'expense_id',
		'date',
		'account_id',
		'account_name',
		'amount',
		'currency_code',
		'customer_id',
		'customer_name',
		'description',
		'reference_number',
		'is_billable',
		'last_modified_time',
	],
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		field('account_id', 'id', {
			...text('Account ID', 'Expense account the amount is booked to', 'accountId'),
			required: true,
		}),
		field('amount', 'plain', {
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			required: true,
			default: 0,
		}),
		field('date', 'date', { ...date('Date'), required: true }),
	],
	additionalFields: [
		field('description', 'plain', text('Description')),
		field('reference_number', 'plain', text('Reference Number')),
		field('customer_id', 'id', {
			...customerField.property,
			required: false,
			description: 'Customer to bill the expense to',
		}),
		field('is_billable', 'plain', {
			displayName: 'Is Billable',
			name: 'isBillable',
			type: 'boolean',
			default: false,
			description: 'Whether the expense can be billed to the customer',
		}),
		currencyField,
	],
	filters: [customerFilter, searchText, modifiedSince],
});
