/**
 * OAuth scopes per product and access level. Zoho scopes are `Service.scope.OPERATION`, joined
 * with commas. Full access uses `.ALL` per scope group, because `ZohoInvoice.fullaccess.all` is
 * not documented by Zoho (docs/reference/zoho-api.md §3).
 */

export type ScopeAccess = 'none' | 'read' | 'full';
export type ScopeProduct = 'invoice' | 'people' | 'bookings';

export const PRODUCT_SCOPES: Readonly<Record<ScopeProduct, Record<'read' | 'full', string[]>>> = {
	invoice: {
		read: [
			'ZohoInvoice.settings.READ',
			'ZohoInvoice.contacts.READ',
			'ZohoInvoice.invoices.READ',
			'ZohoInvoice.estimates.READ',
			'ZohoInvoice.customerpayments.READ',
			'ZohoInvoice.creditnotes.READ',
			'ZohoInvoice.expenses.READ',
			'ZohoInvoice.projects.READ',
		],
		full: [
			'ZohoInvoice.settings.ALL',
			'ZohoInvoice.contacts.ALL',
			'ZohoInvoice.invoices.ALL',
			'ZohoInvoice.estimates.ALL',
			'ZohoInvoice.customerpayments.ALL',
			'ZohoInvoice.creditnotes.ALL',
			'ZohoInvoice.expenses.ALL',
			'ZohoInvoice.projects.ALL',
		],
	},
	people: {
		// employee, attendance and timetracker only exist as ALL (docs/reference/zoho-api.md §4, scopes).
		read: ['ZOHOPEOPLE.forms.READ', 'ZOHOPEOPLE.leave.READ'],
		full: [
			'ZOHOPEOPLE.forms.ALL',
			'ZOHOPEOPLE.employee.ALL',
			'ZOHOPEOPLE.attendance.ALL',
			'ZOHOPEOPLE.leave.ALL',
			'ZOHOPEOPLE.timetracker.ALL',
		],
	},
	bookings: {
		// Zoho documents zohobookings.data.CREATE for every call, reads included; READ is unconfirmed.
		read: ['zohobookings.data.READ'],
		full: ['zohobookings.data.CREATE'],
	},
};

/** The comma-separated scope string for a set of choices plus free-text extras. */
export function buildScope(choices: Partial<Record<ScopeProduct, ScopeAccess>>, extra = ''): string {
	const scopes: string[] = [];
	for (const product of Object.keys(PRODUCT_SCOPES) as ScopeProduct[]) {
		const access = choices[product];
		if (access === 'read' || access === 'full') scopes.push(...PRODUCT_SCOPES[product][access]);
	}
	for (const s of extra.split(/[\s,]+/)) if (s && !scopes.includes(s)) scopes.push(s);
	return scopes.join(',');
}

/**
 * The same computation as an n8n expression over the credential's own fields, generated from the
 * table above. n8n drops a stored `scope` of community OAuth2 credentials and falls back to the
 * default, so the default must be an expression that re-derives it (docs/reference/n8n-internals.md §1).
 */
export function scopeExpression(): string {
	const parts = (Object.keys(PRODUCT_SCOPES) as ScopeProduct[]).map(
		(product) =>
			`...((${JSON.stringify(PRODUCT_SCOPES[product])})[$self["${product}Access"]] || [])`,
	);
	return (
		'={{ [' +
		parts.join(', ') +
		', ...String($self["extraScopes"] || "").split(/[\\s,]+/)].filter((s, i, all) => s && all.indexOf(s) === i).join(",") }}'
	);
}
