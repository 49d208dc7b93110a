import { defineResource, resourceSpec } from '../resourceBuilder/crud';
import { emailOperation } from '../resourceBuilder/extraOperations';
import { currencyField, customerField, field } from '../resourceBuilder/fields';
import {
	date,
	documentFields,
	documentListFilters,
	statusFilter,
	text,
} from '../resourceBuilder/fieldPresets';
import { downloadPdf } from './downloadPdf.operation';

const spec = resourceSpec({
	value: 'invoice',
	name: 'Invoice',
	plural: 'invoices',
	path: '/invoices',
	idField: 'invoice_id',
	singularKey: 'invoice',
	locator: { searchListMethod: 'searchInvoices', urlSections: 'invoices' },
	simplify: [
		'invoice_id',
		'invoice_number',
		'status',
		'date',
		'due_date',
		'customer_id',
		'customer_name',
		'reference_number',
		'currency_code',
		'total',
		'balance',
		'last_modified_time',
	],
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [customerField],
	lineItems: true,
	additionalFields: [
		field('invoice_number', 'plain', text('Invoice Number', 'Leave empty for Zoho to number it')),
		field('due_date', 'date', date('Due Date')),
		currencyField,
		...documentFields,
	],
	filters: [
		statusFilter(['draft', 'overdue', 'paid', 'partially_paid', 'sent', 'unpaid', 'void'], 'sent'),
		...documentListFilters,
	],
	stateChanges: [
		{
			value: 'markSent',
			name: 'Mark as Sent',
			action: 'Mark an invoice as sent',
			suffix: '/status/sent',
			description: 'Mark a draft invoice as sent',
		},
		{
			value: 'markDraft',
			name: 'Mark as Draft',
			action: 'Mark an invoice as draft',
			suffix: '/status/draft',
			description: 'Turn a void invoice back into a draft',
		},
		{
			value: 'void',
			name: 'Void',
			action: 'Void an invoice',
			suffix: '/status/void',
			description: 'Mark the invoice as void',
		},
	],
});

export const invoice = defineResource(spec, {
	email: emailOperation(spec),
	downloadPdf: downloadPdf(spec),
});
