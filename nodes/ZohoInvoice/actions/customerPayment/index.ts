import { defineResource } from '../resourceBuilder/crud';
import { customerField } from '../resourceBuilder/fields';
import { customerFilter, date, json, modifiedSince, searchText, text } from '../resourceBuilder/fieldPresets';

export const customerPayment = defineResource({
	value: 'customerPayment',
	name: 'Customer Payment',
	plural: 'customer payments',
	path: '/customerpayments',
	idField: 'payment_id',
	singularKey: 'payment',
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		customerField,
		{ displayName: 'Amount', name: 'amount', type: 'number', required: true, default: 0 },
		{ ...date('Date'), required: true, description: 'Day the payment was received' },
		{
			displayName: 'Payment Mode',
			name: 'paymentMode',
			type: 'options',
			options: [
				{ name: 'Bank Remittance', value: 'bankremittance' },
				{ name: 'Bank Transfer', value: 'banktransfer' },
				{ name: 'Cash', value: 'cash' },
				{ name: 'Check', value: 'check' },
				{ name: 'Credit Card', value: 'creditcard' },
				{ name: 'Others', value: 'others' },
			],
			required: true,
			default: 'banktransfer',
		},
	],
	additionalFields: [
		text('Reference Number'),
		text('Description'),
		json('Invoices (JSON)', 'invoices', 'Invoices the payment settles: [{"invoice_id": "…", "amount_applied": 100}]', '[]'),
	],
	filters: [customerFilter, searchText, modifiedSince],
});
