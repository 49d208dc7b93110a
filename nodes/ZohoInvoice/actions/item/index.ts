import { defineResource } from '../resourceBuilder/crud';
import { activeStatusFilter, searchText, text } from '../resourceBuilder/fieldPresets';

export const item = defineResource({
	value: 'item',
	name: 'Item',
	plural: 'items',
	path: '/items',
	idField: 'item_id',
	singularKey: 'item',
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		{ ...text('Name', 'Name of the item'), required: true },
		{ displayName: 'Rate', name: 'rate', type: 'number', required: true, default: 0, description: 'Price of one unit' },
	],
	additionalFields: [
		text('Description'),
		text('SKU', 'Stock keeping unit', 'sku'),
		text('Unit', 'Unit of measure, e.g. hrs or kg'),
		{
			displayName: 'Tax Name or ID',
			name: 'taxId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getTaxes', loadOptionsDependsOn: ['organizationId'] },
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		{
			displayName: 'Product Type',
			name: 'productType',
			type: 'options',
			options: [
				{ name: 'Goods', value: 'goods' },
				{ name: 'Service', value: 'service' },
			],
			default: 'service',
		},
	],
	filters: [searchText, activeStatusFilter],
	stateChanges: [
		{ value: 'markActive', name: 'Mark as Active', action: 'Mark an item as active', suffix: '/active', description: 'Mark the item as active' },
		{ value: 'markInactive', name: 'Mark as Inactive', action: 'Mark an item as inactive', suffix: '/inactive', description: 'Mark the item as inactive' },
	],
});
