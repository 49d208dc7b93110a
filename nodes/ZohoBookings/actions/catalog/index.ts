import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { resourceOperations } from '../../../shared/operations';
import { optionalId, requiredId } from '../../../shared/parameters';
import { returnValueList } from '../../helpers/output';
import type { BookingsOperation } from '../types';
import { serviceLocator, workspaceLocator } from '../fields';

/** A Get Many over one of Bookings' catalog endpoints (workspaces, services, staffs, resources). */
function list(
	noun: string,
	endpoint: string,
	properties: BookingsOperation['properties'],
	query: (ctx: IExecuteFunctions, itemIndex: number) => IDataObject,
): BookingsOperation {
	return {
		name: 'Get Many',
		action: `Get many ${noun}`,
		description: `Get the ${noun} of the Bookings account`,
		properties,
		async execute(session, itemIndex) {
			const qs: IDataObject = {};
			for (const [key, value] of Object.entries(query(this, itemIndex))) if (value) qs[key] = value;
			const response = await session.request(
				{ method: 'GET', path: `/${endpoint}`, qs },
				itemIndex,
			);
			return returnValueList(response.body).map((json) => ({ json }));
		},
	};
}

export const workspace = resourceOperations('workspace', {
	getAll: list('workspaces', 'workspaces', [], () => ({})),
});

export const service = resourceOperations('service', {
	getAll: list('services', 'services', [{ ...workspaceLocator, required: true }], (ctx, i) => ({
		workspace_id: requiredId(ctx, 'workspaceId', i, 'Workspace'),
	})),
});

export const staff = resourceOperations('staff', {
	getAll: list(
		'staff members',
		'staffs',
		[
			{
				displayName: 'Of',
				name: 'staffOf',
				type: 'options',
				options: [
					{ name: 'Service', value: 'service' },
					{ name: 'Workspace', value: 'workspace' },
				],
				default: 'service',
			},
			{ ...workspaceLocator, displayOptions: { show: { staffOf: ['workspace'] } } },
			{ ...serviceLocator, required: false, displayOptions: { show: { staffOf: ['service'] } } },
		],
		(ctx, i) =>
			ctx.getNodeParameter('staffOf', i) === 'workspace'
				? { workspace_id: optionalId(ctx, 'workspaceId', i, 'Workspace') }
				: { service_id: optionalId(ctx, 'serviceId', i, 'Service') },
	),
});

export const resource = resourceOperations('resource', {
	getAll: list('resources', 'resources', [{ ...serviceLocator, required: false }], (ctx, i) => ({
		service_id: optionalId(ctx, 'serviceId', i, 'Service'),
	})),
});
