import { defineResource } from '../resourceBuilder/crud';
import { ITEM_URL_SECTIONS, field, taxIdField } from '../resourceBuilder/fields';
import { activeStatusFilter, searchText, text } from '../resourceBuilder/fieldPresets';

export const item = defineResource({
	value: 'item',
	name: 'Item',
	plural: 'items',
	path: '/items',
	idField: 'item_id',
	singularKey: 'item',
	locator: { searchListMethod: 'searchItems', urlSections: ITEM_URL_SECTIONS },
	simplify: [
		'item_id',
		'name',
		'sku',
		'description',
		'rate',
		'unit',
		'product_type',
		'tax_id',
		'tax_name',
		'status',
		'last_modified_time',
	],
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		field('name', 'plain', { ...text('Name', 'Name of the item'), required: true }),
		field('rate', 'plain', {
			displayName: 'Rate',
			name: 'rate',
			type: 'number',
			required: true,
			default: 0,
			description: 'Price of one unit',
		}),
	],
	additionalFields: [
		field('description', 'plain', text('Description')),
		field('sku', 'plain', text('SKU', 'Stock keeping unit', 'sku')),
		field('unit', 'plain', text('Unit', 'Unit of measure, e.g. hrs or kg')),
		taxIdField,
		field('product_type', 'plain', {
			displayName: 'Product Type',
			name: 'productType',
			type: 'options',
			options: [
				{ name: 'Goods', value: 'goods' },
				{ name: 'Service', value: 'service' },
			],
			default: 'service',
		}),
	],
	filters: [searchText, activeStatusFilter],
	stateChanges: [
		{
			value: 'markActive',
			name: 'Mark as Active',
			action: 'Mark an item as active',
			suffix: '/active',
			description: 'Mark the item as active',
		},
		{
			value: 'markInactive',
			name: 'Mark as Inactive',
			action: 'Mark an item as inactive',
			suffix: '/inactive',
			description: 'Mark the item as inactive',
		},
	],
});
