import type { INodeProperties } from 'n8n-workflow';
import { authenticationProperty } from '../../shared/descriptions';
import { triggerOptions } from '../../shared/trigger/description';
import { STATUS_EVENT } from './resources';

/** Days of due dates the Overdue status watches by default. */
export const DEFAULT_OVERDUE_DAYS = 30;

export const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Contact Created or Updated',
				value: 'contact',
				description: 'A contact is added or changed',
			},
			{
				name: 'Credit Note Created or Updated',
				value: 'creditNote',
				description: 'A credit note is added or changed',
			},
			{
				name: 'Customer Payment Created or Updated',
				value: 'customerPayment',
				description: 'A customer payment is recorded or changed',
			},
			{
				name: 'Estimate Created or Updated',
				value: 'estimate',
				description: 'An estimate is added or changed',
			},
			{
				name: 'Expense Created or Updated',
				value: 'expense',
				description: 'An expense is recorded or changed',
			},
			{
				name: 'Invoice Created or Updated',
				value: 'invoice',
				description: 'An invoice is added or changed',
			},
			{
				name: 'Invoice Status Changed',
				value: STATUS_EVENT,
				description: 'An invoice reaches the chosen status',
			},
		],
		default: 'invoice',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { event: [STATUS_EVENT] } },
		options: [
			{ name: 'Draft', value: 'draft' },
			{ name: 'Overdue', value: 'overdue' },
			{ name: 'Paid', value: 'paid' },
			{ name: 'Partially Paid', value: 'partially_paid' },
			{ name: 'Sent', value: 'sent' },
			{ name: 'Void', value: 'void' },
		],
		default: 'paid',
		description: 'Emit an invoice once when its status becomes this one',
	},
	{
		displayName: 'Overdue Window (Days)',
		name: 'overdueWindowDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		displayOptions: { show: { event: [STATUS_EVENT], status: ['overdue'] } },
		default: DEFAULT_OVERDUE_DAYS,
		description:
			'Watch invoices due in this many past days. An invoice is emitted when it becomes overdue within them; one whose due date is older when it becomes overdue is not.',
	},
	{
		displayName: 'Organization Name or ID',
		name: 'organizationId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOrganizations' },
		default: '',
		description:
			'The Zoho Invoice organization to watch. Leave empty when the account has a single organization. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	triggerOptions(),
];
