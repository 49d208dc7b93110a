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

const spec = resourceSpec({
	value: 'estimate',
	name: 'Estimate',
	plural: 'estimates',
	path: '/estimates',
	idField: 'estimate_id',
	singularKey: 'estimate',
	// Zoho's web app shows estimates under #/quotes/<id> (as Zoho Books does); #/estimates/ is accepted too.
	locator: { searchListMethod: 'searchEstimates', urlSections: 'quotes|estimates' },
	simplify: [
		'estimate_id',
		'estimate_number',
		'status',
		'date',
		'expiry_date',
		'customer_id',
		'customer_name',
		'reference_number',
		'currency_code',
		'total',
		'last_modified_time',
	],
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [customerField],
	lineItems: true,
	additionalFields: [
		field('estimate_number', 'plain', text('Estimate Number', 'Leave empty for Zoho to number it')),
		field('expiry_date', 'date', date('Expiry Date')),
		currencyField,
		...documentFields,
	],
	filters: [
		statusFilter(['accepted', 'declined', 'draft', 'expired', 'invoiced', 'sent'], 'sent'),
		...documentListFilters,
	],
	stateChanges: [
		{
			value: 'markSent',
			name: 'Mark as Sent',
			action: 'Mark an estimate as sent',
			suffix: '/status/sent',
			description: 'Mark a draft estimate as sent',
		},
		{
			value: 'markAccepted',
			name: 'Mark as Accepted',
			action: 'Mark an estimate as accepted',
			suffix: '/status/accepted',
			description: 'Record that the customer accepted the estimate',
		},
		{
			value: 'markDeclined',
			name: 'Mark as Declined',
			action: 'Mark an estimate as declined',
			suffix: '/status/declined',
			description: 'Record that the customer declined the estimate',
		},
	],
});

export const estimate = defineResource(spec, { email: emailOperation(spec) });
