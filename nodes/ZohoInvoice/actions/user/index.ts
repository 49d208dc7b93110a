import { defineResource } from '../common/crud';

export const user = defineResource({
	value: 'user',
	name: 'User',
	plural: 'users',
	path: '/users',
	idField: 'user_id',
	singularKey: 'user',
	listKey: 'users',
	operations: ['get', 'getAll'],
	filters: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Active', value: 'Status.Active' },
				{ name: 'All', value: 'Status.All' },
				{ name: 'Inactive', value: 'Status.Inactive' },
			],
			default: 'Status.All',
		},
	],
});
