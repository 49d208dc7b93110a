/** Zoho People sandbox data: form definitions, leave types, jobs, Java-style date patterns. */

export type Rec = Record<string, unknown>;

export interface FieldDef {
	labelname: string;
	displayname: string;
	comptype: 'Text' | 'Email' | 'Date' | 'Lookup' | 'Picklist' | 'Multi_Line' | 'Number';
	isMandatory?: boolean;
	/** Values must be unique within the form (7051). */
	unique?: boolean;
	options?: string[];
	/** Set by the system; not accepted in inputData (7013). */
	readOnly?: boolean;
}

export interface FormDef {
	formLinkName: string;
	displayName: string;
	componentId: string;
	viewId: string;
	viewName: string;
	fields: FieldDef[];
	/** Field values for the k-th seeded record (1-based). */
	sample(k: number): Rec;
}

export const ORG_DATE_FORMAT = 'dd-MMM-yyyy';
export const ATTENDANCE_DATE_FORMAT = 'dd/MM/yyyy HH:mm:ss';
export const TIMETRACKER_DATE_FORMAT = 'yyyy-MM-dd';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const FORM_DEFS: FormDef[] = [
	{
		formLinkName: 'employee',
		displayName: 'Employee',
		componentId: '412762000000035001',
		viewId: '412762000000035003',
		viewName: 'P_EmployeeView',
		fields: [
			{
				labelname: 'EmployeeID',
				displayname: 'Employee ID',
				comptype: 'Text',
				isMandatory: true,
				unique: true,
			},
			{ labelname: 'FirstName', displayname: 'First Name', comptype: 'Text', isMandatory: true },
			{ labelname: 'LastName', displayname: 'Last Name', comptype: 'Text', isMandatory: true },
			{
				labelname: 'EmailID',
				displayname: 'Email ID',
				comptype: 'Email',
				isMandatory: true,
				unique: true,
			},
			{ labelname: 'Department', displayname: 'Department', comptype: 'Lookup' },
			{ labelname: 'Designation', displayname: 'Designation', comptype: 'Text' },
			{
				labelname: 'Employeestatus',
				displayname: 'Employee Status',
				comptype: 'Picklist',
				options: ['Active', 'Resigned', 'Terminated', 'Deceased'],
			},
			{ labelname: 'Date_of_joining', displayname: 'Date of Joining', comptype: 'Date' },
		],
		sample: (k) => ({
			EmployeeID: `EMP${String(k).padStart(4, '0')}`,
			FirstName: `First${k}`,
			LastName: `Last${k}`,
			EmailID: `employee${k}@example.com`,
			Department: 'Engineering',
			Designation: k % 5 === 0 ? 'Manager' : 'Engineer',
			Employeestatus: 'Active',
			Date_of_joining: formatDate(new Date(Date.UTC(2020, 0, 1 + k)), ORG_DATE_FORMAT),
		}),
	},
	{
		formLinkName: 'department',
		displayName: 'Department',
		componentId: '412762000000035009',
		viewId: '412762000000035011',
		viewName: 'P_DepartmentView',
		fields: [
			{
				labelname: 'Department',
				displayname: 'Department Name',
				comptype: 'Text',
				isMandatory: true,
				unique: true,
			},
			{ labelname: 'Parent_Department', displayname: 'Parent Department', comptype: 'Lookup' },
			{ labelname: 'MailAlias', displayname: 'Mail Alias', comptype: 'Email' },
		],
		sample: (k) => ({ Department: `Department ${k}`, MailAlias: `dept${k}@example.com` }),
	},
	{
		formLinkName: 'leave',
		displayName: 'Leave',
		componentId: '412762000000035305',
		viewId: '412762000000035307',
		viewName: 'P_ApplyLeaveView',
		fields: [
			{
				labelname: 'Employee_ID',
				displayname: 'Employee ID',
				comptype: 'Lookup',
				isMandatory: true,
			},
			{ labelname: 'Leavetype', displayname: 'Leave type', comptype: 'Lookup', isMandatory: true },
			{ labelname: 'From', displayname: 'From', comptype: 'Date', isMandatory: true },
			{ labelname: 'To', displayname: 'To', comptype: 'Date', isMandatory: true },
			{ labelname: 'Reasonforleave', displayname: 'Reason for leave', comptype: 'Multi_Line' },
			{
				labelname: 'ApprovalStatus',
				displayname: 'Approval Status',
				comptype: 'Text',
				readOnly: true,
			},
		],
		// Leaves are seeded through PeopleService.seedLeaves (they reference employees).
		sample: (k) => ({ Reasonforleave: `Reason ${k}` }),
	},
];

export interface LeaveType {
	/** 18-digit id (bare integer on the wire). */
	Id: string;
	Name: string;
	Unit: 'Days' | 'Hours';
	Type: 'PAID' | 'UNPAID';
	PermittedCount: number;
}

export const LEAVE_TYPES: LeaveType[] = [
	{
		Id: '412762000000040001',
		Name: 'Casual Leave',
		Unit: 'Days',
		Type: 'PAID',
		PermittedCount: 12,
	},
	{ Id: '412762000000040005', Name: 'Sick Leave', Unit: 'Days', Type: 'PAID', PermittedCount: 10 },
	{
		Id: '412762000000040009',
		Name: 'Earned Leave',
		Unit: 'Days',
		Type: 'PAID',
		PermittedCount: 15,
	},
	{
		Id: '412762000000040013',
		Name: 'Leave Without Pay',
		Unit: 'Days',
		Type: 'UNPAID',
		PermittedCount: 365,
	},
];

export interface Job {
	jobId: string;
	jobName: string;
	jobBillableStatus: '0' | '1';
}

export const JOBS: Job[] = [
	{ jobId: '412762000000060001', jobName: 'Development', jobBillableStatus: '1' },
	{ jobId: '412762000000060005', jobName: 'Support', jobBillableStatus: '1' },
	{ jobId: '412762000000060009', jobName: 'Internal', jobBillableStatus: '0' },
];

/* ---------------------------------------------------------------- dates */

/** Java-style pattern tokens the sandbox understands (wall-clock, no time zones). */
const TOKENS = ['yyyy', 'MMM', 'MM', 'dd', 'HH', 'mm', 'ss'] as const;

function tokenize(pattern: string): string[] {
	const out: string[] = [];
	let i = 0;
	while (i < pattern.length) {
		const t = TOKENS.find((x) => pattern.startsWith(x, i));
		if (t) {
			out.push(t);
			i += t.length;
		} else {
			out.push(pattern[i]);
			i += 1;
		}
	}
	return out;
}

/** Parses `text` with a pattern such as dd-MMM-yyyy or dd/MM/yyyy HH:mm:ss (UTC wall clock). */
export function parseDate(text: string | undefined, pattern: string): Date | undefined {
	if (text === undefined) return undefined;
	const parts = tokenize(pattern);
	let re = '^';
	for (const p of parts) {
		if (p === 'yyyy') re += '(\\d{4})';
		else if (p === 'MMM') re += '([A-Za-z]{3})';
		else if ((TOKENS as readonly string[]).includes(p)) re += '(\\d{2})';
		else re += p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	const m = new RegExp(`${re}$`).exec(text.trim());
	if (!m) return undefined;
	const v: Record<string, number> = { yyyy: 1970, MM: 1, dd: 1, HH: 0, mm: 0, ss: 0 };
	let g = 1;
	for (const p of parts) {
		if (!(TOKENS as readonly string[]).includes(p)) continue;
		const raw = m[g++];
		if (p === 'MMM') {
			const idx = MONTHS.findIndex((x) => x.toLowerCase() === raw.toLowerCase());
			if (idx < 0) return undefined;
			v.MM = idx + 1;
		} else v[p] = Number(raw);
	}
	const d = new Date(Date.UTC(v.yyyy, v.MM - 1, v.dd, v.HH, v.mm, v.ss));
	// Reject overflow such as 31/02 or 25:00.
	if (
		d.getUTCMonth() !== v.MM - 1 ||
		d.getUTCDate() !== v.dd ||
		d.getUTCHours() !== v.HH ||
		v.mm > 59 ||
		v.ss > 59
	)
		return undefined;
	return d;
}

export function formatDate(d: Date, pattern: string): string {
	const pad = (n: number): string => String(n).padStart(2, '0');
	return tokenize(pattern)
		.map((p) => {
			switch (p) {
				case 'yyyy':
					return String(d.getUTCFullYear());
				case 'MMM':
					return MONTHS[d.getUTCMonth()];
				case 'MM':
					return pad(d.getUTCMonth() + 1);
				case 'dd':
					return pad(d.getUTCDate());
				case 'HH':
					return pad(d.getUTCHours());
				case 'mm':
					return pad(d.getUTCMinutes());
				case 'ss':
					return pad(d.getUTCSeconds());
				default:
					return p;
			}
		})
		.join('');
}

/** Only patterns made of known tokens and separators are accepted as dateFormat. */
export function validPattern(pattern: string): boolean {
	return (
		/^(yyyy|MMM|MM|dd|HH|mm|ss|[-/.: ,T])+$/.test(pattern) &&
		/yyyy/.test(pattern) &&
		/dd/.test(pattern)
	);
}

export const DAY_MS = 86400000;

export function dayStart(d: Date): Date {
	return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** `HH:mm` for a duration in ms. */
export function hhmm(ms: number): string {
	const minutes = Math.round(ms / 60000);
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `HH:mm`, `H:mm` or decimal hours (`1.5`) → minutes; undefined when invalid or over 24 h. */
export function parseHours(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const t = text.trim();
	let minutes: number | undefined;
	const m = /^(\d{1,2}):(\d{2})$/.exec(t);
	if (m && Number(m[2]) < 60) minutes = Number(m[1]) * 60 + Number(m[2]);
	else if (/^\d+(\.\d+)?$/.test(t)) minutes = Math.round(Number(t) * 60);
	return minutes !== undefined && minutes > 0 && minutes <= 24 * 60 ? minutes : undefined;
}
