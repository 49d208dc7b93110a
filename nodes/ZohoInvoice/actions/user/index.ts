import { defineResource } from '../resourceBuilder/crud';
import { activeStatusFilter } from '../resourceBuilder/fieldPresets';

export const user = defineResource({
	value: 'user',
	name: 'User',
	plural: 'users',
	path: '/users',
	idField: 'user_id',
	singularKey: 'user',
	operations: ['get', 'getAll'],
	filters: [activeStatusFilter],
});
