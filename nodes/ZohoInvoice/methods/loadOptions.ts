import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { listOrganizations } from '../transport';

export async function getOrganizations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const organizations = await listOrganizations.call(this);
	return organizations.map((org) => ({
		name: `${org.name}${org.is_default_org ? ' (default)' : ''}`,
		value: String(org.organization_id),
		description: org.time_zone ? `Time zone ${org.time_zone}` : undefined,
	}));
}
