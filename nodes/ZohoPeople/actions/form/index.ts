import { resourceOperations } from '../../../shared/operations';
import { flattenRecords, resultOf } from '../../helpers/output';
import type { PeopleOperation } from '../types';
import { formField, formOf } from '../formFields';

const list: PeopleOperation = {
	name: 'Get Many',
	action: 'Get many forms',
	description: 'List the forms of the account (employee, leave, custom forms)',
	properties: [],
	async execute(session, itemIndex) {
		const response = await session.request({ method: 'GET', path: '/people/api/forms' }, itemIndex);
		return flattenRecords(resultOf(response.body)).map((json) => ({ json }));
	},
};

const fields: PeopleOperation = {
	name: 'Get Fields',
	action: "Get a form's fields",
	description: 'List the fields of a form, with their label names and types',
	properties: [formField],
	async execute(session, itemIndex) {
		const form = formOf(this, itemIndex);
		const response = await session.request(
			{ method: 'GET', path: `/people/api/forms/${encodeURIComponent(form)}/components` },
			itemIndex,
		);
		return flattenRecords(resultOf(response.body)).map((json) => ({ json }));
	},
};

export const form = resourceOperations('form', { getAll: list, getFields: fields }, 'getAll');
