import { defineResource } from '../resourceBuilder/crud';
import { currencyField, field, filter } from '../resourceBuilder/fields';
import {
	activeStatusFilter,
	customFields,
	json,
	modifiedSince,
	searchText,
	text,
} from '../resourceBuilder/fieldPresets';

export const contact = defineResource({
	value: 'contact',
	name: 'Contact',
	plural: 'contacts',
	path: '/contacts',
	idField: 'contact_id',
	singularKey: 'contact',
	locator: { searchListMethod: 'searchContacts', urlSections: 'contacts' },
	simplify: [
		'contact_id',
		'contact_name',
		'company_name',
		'email',
		'phone',
		'status',
		'currency_code',
		'outstanding_receivable_amount',
		'payment_terms',
		'created_time',
		'last_modified_time',
	],
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		field('contact_name', 'plain', {
			...text('Contact Name', 'Display name of the contact'),
			required: true,
		}),
	],
	additionalFields: [
		field('company_name', 'plain', text('Company Name')),
		field('website', 'plain', text('Website')),
		currencyField,
		field('payment_terms', 'plain', {
			displayName: 'Payment Terms (Days)',
			name: 'paymentTerms',
			type: 'number',
			default: 0,
		}),
		field('notes', 'plain', text('Notes')),
		field(
			'billing_address',
			'json',
			json('Billing Address (JSON)', 'billingAddress', "Zoho's billing_address object"),
		),
		field(
			'shipping_address',
			'json',
			json('Shipping Address (JSON)', 'shippingAddress', "Zoho's shipping_address object"),
		),
		field(
			'contact_persons',
			'json',
			json(
				'Contact Persons (JSON)',
				'contactPersons',
				'Array of people with first_name, last_name, email, phone',
				'[]',
			),
		),
		customFields,
	],
	filters: [
		searchText,
		filter('contact_name', 'plain', text('Contact Name', 'Only contacts with exactly this name')),
		filter('email', 'plain', {
			...text('Email', 'Only contacts with this email'),
			placeholder: 'name@email.com',
		}),
		activeStatusFilter,
		modifiedSince,
	],
	stateChanges: [
		{
			value: 'markActive',
			name: 'Mark as Active',
			action: 'Mark a contact as active',
			suffix: '/active',
			description: 'Mark the contact as active',
		},
		{
			value: 'markInactive',
			name: 'Mark as Inactive',
			action: 'Mark a contact as inactive',
			suffix: '/inactive',
			description: 'Mark the contact as inactive',
		},
	],
});
