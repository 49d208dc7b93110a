import { defineResource, resourceSpec } from '../resourceBuilder/crud';
import { currencyField, customerField, field } from '../resourceBuilder/fields';
import {
	customerFilter,
	documentFields,
	modifiedSince,
	searchText,
	statusFilter,
	text,
} from '../resourceBuilder/fieldPresets';
import { applyToInvoices } from './applyToInvoices.operation';

const spec = resourceSpec({
	value: 'creditNote',
	name: 'Credit Note',
	plural: 'credit notes',
	path: '/creditnotes',
	idField: 'creditnote_id',
	singularKey: 'creditnote',
	simplify: [
		'creditnote_id',
		'creditnote_number',
		'status',
		'date',
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
		field(
			'creditnote_number',
			'plain',
			text('Credit Note Number', 'Leave empty for Zoho to number it', 'creditnoteNumber'),
		),
		currencyField,
		...documentFields,
	],
	filters: [
		statusFilter(['closed', 'draft', 'open', 'void'], 'open'),
		customerFilter,
		searchText,
		modifiedSince,
	],
});

export const creditNote = defineResource(spec, { applyToInvoices: applyToInvoices(spec) });
