/**
 * What the Zoho Invoice Trigger watches: one list per event. Paths, list keys and ID fields are
 * those of Zoho Invoice v3 (docs/reference/zoho-api.md §3; the same as the action node's resources).
 */
export interface WatchedList {
	path: string;
	/** The list's key in Zoho's answer, e.g. `invoices`. */
	listKey: string;
	idField: string;
	/** For messages, e.g. "customer payments". */
	plural: string;
}

export const WATCHED = {
	contact: { path: '/contacts', listKey: 'contacts', idField: 'contact_id', plural: 'contacts' },
	creditNote: {
		path: '/creditnotes',
		listKey: 'creditnotes',
		idField: 'creditnote_id',
		plural: 'credit notes',
	},
	customerPayment: {
		path: '/customerpayments',
		listKey: 'customerpayments',
		idField: 'payment_id',
		plural: 'customer payments',
	},
	estimate: {
		path: '/estimates',
		listKey: 'estimates',
		idField: 'estimate_id',
		plural: 'estimates',
	},
	expense: { path: '/expenses', listKey: 'expenses', idField: 'expense_id', plural: 'expenses' },
	invoice: { path: '/invoices', listKey: 'invoices', idField: 'invoice_id', plural: 'invoices' },
} satisfies Record<string, WatchedList>;

export type WatchedResource = keyof typeof WATCHED;

/** The event of "an invoice's status becomes …". */
export const STATUS_EVENT = 'invoiceStatus';

export type TriggerEvent = WatchedResource | typeof STATUS_EVENT;

/**
 * The statuses an invoice can reach, with their `filter_by` value (Zoho Books v3 OpenAPI, invoices
 * `filter_by`: Status.Sent, Status.Draft, Status.OverDue, Status.Paid, Status.Void,
 * Status.PartiallyPaid).
 */
export const INVOICE_STATUSES = {
	draft: 'Status.Draft',
	overdue: 'Status.OverDue',
	paid: 'Status.Paid',
	partially_paid: 'Status.PartiallyPaid',
	sent: 'Status.Sent',
	void: 'Status.Void',
} as const;

export type InvoiceStatus = keyof typeof INVOICE_STATUSES;

export function isInvoiceStatus(value: unknown): value is InvoiceStatus {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(INVOICE_STATUSES, value);
}
