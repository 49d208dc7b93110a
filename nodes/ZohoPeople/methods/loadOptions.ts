import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { loadOptionsSettings } from '../../shared/settings';
import { flattenRecords, resultOf } from '../helpers/output';
import { PeopleSession } from '../transport';

/** The forms, for the People Trigger's form dropdown (the action node uses listSearch.searchForms). */
export async function getForms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = await new PeopleSession(this, loadOptionsSettings(this)).request({
		method: 'GET',
		path: '/people/api/forms',
	});
	return flattenRecords(resultOf(response.body))
		.map((f: IDataObject) => ({
			name: String(f.displayName ?? f.formLinkName),
			value: String(f.formLinkName),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
