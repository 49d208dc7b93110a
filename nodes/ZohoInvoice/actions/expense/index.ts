import { defineResource } from '../resourceBuilder/crud';
import { currencyField } from '../resourceBuilder/fields';
import { customerFilter, date, modifiedSince, searchText, text } from '../resourceBuilder/fieldPresets';

export const expense = defineResource({
	value: 'expense',
	name: 'Expense',
	plural: 'expenses',
	path: '/expenses',
	idField: 'expense_id',
	singularKey: 'expense',
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		{ ...text('Account ID', 'Expense account the amount is booked to', 'accountId'), required: true },
		{ displayName: 'Amount', name: 'amount', type: 'number', required: true, default: 0 },
		{ ...date('Date'), required: true },
	],
	additionalFields: [
		text('Description'),
		text('Reference Number'),
		text('Customer ID', 'Customer to bill the expense to', 'customerId'),
		{ displayName: 'Is Billable', name: 'isBillable', type: 'boolean', default: false, description: 'Whether the expense can be billed to the customer' },
		currencyField,
	],
	filters: [customerFilter, searchText, modifiedSince],
});
