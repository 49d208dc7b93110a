import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * The employee resource locators. Parameter names are those the fields had as text, so a workflow
 * saved then (a plain string) still runs: requiredId reads both.
 */

/** An employee's record ID (Zoho_ID, 18 digits), e.g. for Employee → Update. */
export const employeeRecordLocator: INodeProperties = {
	displayName: 'Employee',
	name: 'recordId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: "The employee's record (its record ID, 18 digits)",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an employee...',
			typeOptions: { searchListMethod: 'searchEmployees', searchable: true },
		},
		{
			displayName: 'By Record ID',
			name: 'id',
			type: 'string',
			placeholder: '412762000000239001',
			validation: [
				{
					type: 'regex',
					properties: { regex: '\\s*[0-9]+\\s*', errorMessage: 'A record ID has only digits' },
				},
			],
		},
	],
};

/**
 * An employee by Employee ID (e.g. EMP0001). "By ID" also takes what Zoho takes in that field
 * besides (`alsoTakes`, e.g. an email), as the text field did.
 */
export function employeeIdLocator(
	name: string,
	description: string,
	alsoTakes?: string,
): INodeProperties {
	return {
		displayName: 'Employee',
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an employee...',
				typeOptions: { searchListMethod: 'searchEmployeeIds', searchable: true },
			},
			{
				displayName: alsoTakes ? `By Employee ID or ${alsoTakes}` : 'By Employee ID',
				name: 'id',
				type: 'string',
				placeholder: 'EMP0001',
			},
		],
	};
}

/**
 * Simplify, on operations whose records have many fields; shown from node version 1.1, so a
 * workflow saved with version 1 keeps its full output.
 */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	description:
		'Whether to return only the main fields (record ID, employee ID, names, email, department, designation, status, mobile, date of joining) instead of every field',
};

/** Whether the item's output is simplified: never on version 1, which had no such option. */
export function simplifyOn(ctx: IExecuteFunctions, itemIndex: number): boolean {
	if (ctx.getNode().typeVersion < 1.1) return false;
	return ctx.getNodeParameter('simplify', itemIndex, true) === true;
}

/** The employee fields Simplify keeps, in this order (Zoho's employee form label names). */
export const SIMPLE_EMPLOYEE_FIELDS = [
	'recordId',
	'EmployeeID',
	'FirstName',
	'LastName',
	'EmailID',
	'Department',
	'Designation',
	'Employeestatus',
	'Mobile',
	'Date_of_joining',
];

export function simplifyEmployees(items: INodeExecutionData[]): INodeExecutionData[] {
	return items.map((item) => {
		const json: INodeExecutionData['json'] = {};
		for (const key of SIMPLE_EMPLOYEE_FIELDS) if (key in item.json) json[key] = item.json[key];
		return { ...item, json };
	});
}
