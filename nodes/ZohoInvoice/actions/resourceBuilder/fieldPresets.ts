/** Ready-made fields and filters that several Invoice resources use, and factories for simple fields. */
import type { INodeProperties } from 'n8n-workflow';
import { field, filter } from './fields';
import { recordLocator } from './locators';
import type { BodyField, QueryField } from './types';

export const searchText = filter('search_text', 'plain', {
	displayName: 'Search Text',
	name: 'searchText',
	type: 'string',
	default: '',
	description: 'Text to search for in names and numbers',
});

export const modifiedSince = filter('last_modified_time', 'instant', {
	displayName: 'Modified Since',
	name: 'modifiedSince',
	type: 'dateTime',
	default: '',
	description: 'Only records changed at or after this time',
});

/** Any contact, active or not: older records may belong to a customer since made inactive. */
export const customerFilter = filter(
	'customer_id',
	'id',
	recordLocator({
		displayName: 'Customer',
		name: 'customerId',
		searchListMethod: 'searchContacts',
		noun: 'contact',
		urlSections: 'contacts',
		description: 'Only records of this customer',
	}),
);

export const dateStart = filter('date_start', 'day', {
	displayName: 'Date From',
	name: 'dateStart',
	type: 'dateTime',
	default: '',
	description: 'Only records dated on or after this day',
});

export const dateEnd = filter('date_end', 'day', {
	displayName: 'Date To',
	name: 'dateEnd',
	type: 'dateTime',
	default: '',
	description: 'Only records dated on or before this day',
});

/** A Status filter whose option names are the values in words: partially_paid -> Partially Paid. */
export function statusFilter(values: string[], defaultValue: string): QueryField {
	const words = (v: string) =>
		v
			.replace(/^Status\./, '')
			.replace(/_/g, ' ')
			.replace(/\b\w/g, (c) => c.toUpperCase());
	return filter('status', 'status', {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: values
			.map((value) => ({ name: words(value), value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultValue,
	});
}

export const activeStatusFilter = filter('status', 'status', {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Active', value: 'Status.Active' },
		{ name: 'All', value: 'Status.All' },
		{ name: 'Inactive', value: 'Status.Inactive' },
	],
	default: 'Status.All',
});

/** "Due Date" -> dueDate: the n8n name (its Zoho key is declared with the field). */
function camel(displayName: string): string {
	return displayName
		.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase())
		.replace(/^\w/, (c) => c.toLowerCase());
}

export const date = (displayName = 'Date'): INodeProperties => ({
	displayName,
	name: camel(displayName),
	type: 'dateTime',
	default: '',
});

export const text = (
	displayName: string,
	description?: string,
	name = camel(displayName),
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...(description ? { description } : {}),
});

export const json = (
	displayName: string,
	name: string,
	description: string,
	example = '{}',
): INodeProperties => ({
	displayName,
	name,
	type: 'json',
	default: example,
	description,
});

export const customFields = field(
	'custom_fields',
	'json',
	json('Custom Fields (JSON)', 'customFields', "Zoho's custom_fields array", '[]'),
);

export const documentFields: BodyField[] = [
	field('reference_number', 'plain', text('Reference Number')),
	field('date', 'date', date('Date')),
	field('notes', 'plain', text('Notes')),
	field('terms', 'plain', text('Terms')),
	field('discount', 'plain', {
		displayName: 'Discount',
		name: 'discount',
		type: 'string',
		default: '',
		description: 'Amount, or a percentage such as 10%',
	}),
	customFields,
];

/** Filters shared by the document lists (invoices, estimates). */
export const documentListFilters: QueryField[] = [
	customerFilter,
	dateStart,
	dateEnd,
	searchText,
	modifiedSince,
];
