import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { requiredId } from '../../shared/parameters';

/** Who an attendance or time-log call is about: People takes empId, emailId or mapId. */
export const employeeSelector: INodeProperties[] = [
	{
		displayName: 'Employee By',
		name: 'employeeBy',
		type: 'options',
		options: [
			{ name: 'Email', value: 'emailId' },
			{ name: 'Employee ID', value: 'empId' },
			{ name: 'Mapper ID', value: 'mapId' },
		],
		default: 'emailId',
	},
	{
		displayName: 'Employee',
		name: 'employee',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: "The employee's email, employee ID or mapper ID, as chosen above",
	},
];

export function employeeParam(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const by = ctx.getNodeParameter('employeeBy', itemIndex, 'emailId') as string;
	return { [by]: requiredId(ctx, 'employee', itemIndex, 'Employee') };
}
