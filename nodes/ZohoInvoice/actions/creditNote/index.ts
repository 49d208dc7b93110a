import { defineResource } from '../common/crud';
import { currencyField, customerField } from '../common/fields';
import { customerFilter, documentFields, modifiedSince, searchText, statusFilter, text } from '../common/sharedFields';
import type { ResourceSpec } from '../common/types';
import { applyToInvoices } from './applyToInvoices.operation';

const spec: ResourceSpec = {
	value: 'creditNote',
	name: 'Credit Note',
	plural: 'credit notes',
	path: '/creditnotes',
	idField: 'creditnote_id',
	singularKey: 'creditnote',
	listKey: 'creditnotes',
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [customerField],
	lineItems: true,
	additionalFields: [text('Credit Note Number', 'Leave empty for Zoho to number it', 'creditnoteNumber'), currencyField, ...documentFields],
	filters: [
		statusFilter(['closed', 'draft', 'open', 'void'], 'open'),
		customerFilter,
		searchText,
		modifiedSince,
	],
};

export const creditNote = defineResource(spec, [applyToInvoices(spec)]);
