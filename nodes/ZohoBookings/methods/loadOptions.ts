import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { loadOptionsSettings } from '../../shared/settings';
import { returnValueList } from '../helpers/output';
import { BookingsSession } from '../transport';

async function list(
	ctx: ILoadOptionsFunctions,
	endpoint: string,
	qs: IDataObject,
): Promise<INodePropertyOptions[]> {
	const response = await new BookingsSession(ctx, loadOptionsSettings(ctx)).request({
		method: 'GET',
		path: `/${endpoint}`,
		qs,
	});
	return returnValueList(response.body)
		.map((r) => ({ name: String(r.name ?? r.id), value: String(r.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function current(ctx: ILoadOptionsFunctions, name: string): string {
	return (ctx.getCurrentNodeParameter(name) as string) ?? '';
}

export async function getWorkspaces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await list(this, 'workspaces', {});
}

export async function getServices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const workspaceId = current(this, 'workspaceId');
	return await list(this, 'services', workspaceId ? { workspace_id: workspaceId } : {});
}

export async function getStaff(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const serviceId = current(this, 'serviceId');
	const workspaceId = current(this, 'workspaceId');
	return await list(
		this,
		'staffs',
		serviceId ? { service_id: serviceId } : workspaceId ? { workspace_id: workspaceId } : {},
	);
}
