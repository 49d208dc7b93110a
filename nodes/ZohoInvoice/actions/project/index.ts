import { defineResource } from '../resourceBuilder/crud';
import { customerField, field, filter } from '../resourceBuilder/fields';
import {
	activeStatusFilter,
	customerFilter,
	searchText,
	text,
} from '../resourceBuilder/fieldPresets';

export const project = defineResource({
	value: 'project',
	name: 'Project',
	plural: 'projects',
	path: '/projects',
	idField: 'project_id',
	singularKey: 'project',
	simplify: [
		'project_id',
		'project_name',
		'customer_id',
		'customer_name',
		'billing_type',
		'rate',
		'budget_hours',
		'status',
		'description',
		'created_time',
		'last_modified_time',
	],
	operations: ['create', 'delete', 'get', 'getAll', 'update'],
	requiredFields: [
		field('project_name', 'plain', { ...text('Project Name'), required: true }),
		customerField,
		field('billing_type', 'plain', {
			displayName: 'Billing Type',
			name: 'billingType',
			type: 'options',
			options: [
				{ name: 'Based on Project Hours', value: 'based_on_project_hours' },
				{ name: 'Based on Staff Hours', value: 'based_on_staff_hours' },
				{ name: 'Based on Task Hours', value: 'based_on_task_hours' },
				{ name: 'Fixed Cost for Project', value: 'fixed_cost_for_project' },
			],
			required: true,
			default: 'based_on_project_hours',
		}),
	],
	additionalFields: [
		field('description', 'plain', text('Description')),
		field('rate', 'plain', {
			displayName: 'Rate',
			name: 'rate',
			type: 'number',
			default: 0,
			description: 'Hourly rate or fixed cost',
		}),
		field('budget_hours', 'plain', {
			displayName: 'Budget Hours',
			name: 'budgetHours',
			type: 'number',
			default: 0,
		}),
	],
	filters: [
		filter('filter_by', 'plain', { ...activeStatusFilter.property, name: 'filterBy' }),
		customerFilter,
		searchText,
	],
});
