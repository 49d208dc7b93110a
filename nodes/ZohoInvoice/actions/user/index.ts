import { defineResource } from '../common/crud';
import { activeStatusFilter } from '../common/sharedFields';

export const user = defineResource({
	value: 'user',
	name: 'User',
	plural: 'users',
	path: '/users',
	idField: 'user_id',
	singularKey: 'user',
	listKey: 'users',
	operations: ['get', 'getAll'],
	filters: [activeStatusFilter],
});
