import { defineResource } from '../resourceBuilder/crud';
import { customerField, field } from '../resourceBuilder/fields';
import {
	customerFilter,
	date,
	json,
	modifiedSince,
	searchText,
	text,
} from '../resourceBuilder/fieldPresets';

export const customerPayment = defineResource({
	value: 'customerPayment',
	name: 'Customer Payment',
	plural: 'customer payments',
	path: '/customerpayments',
	idField: 'payment_id',
	singularKey: 'payment',
	simplify: [
		'payment_id',
		'payment_number',
		'date',
		'customer_id',
		'customer_name',
		'amount',
		'unused_amount',
		'payment_mode',
		'reference_number',
		'last_modified_time',
	],
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		customerField,
		field('amount', 'plain', {
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			required: true,
			default: 0,
		}),
		field('date', 'date', {
			...date('Date'),
			required: true,
			description: 'Day the payment was received',
		}),
		field('payment_mode', 'plain', {
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
		}),
	],
	additionalFields: [
		field('reference_number', 'plain', text('Reference Number')),
		field('description', 'plain', text('Description')),
		field(
			'invoices',
			'json',
			json(
				'Invoices (JSON)',
				'invoices',
				'Invoices the payment settles: [{"invoice_id": "…", "amount_applied": 100}]',
				'[]',
			),
		),
	],
	filters: [customerFilter, searchText, modifiedSince],
});
