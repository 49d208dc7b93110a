/**
 * OAuth scopes. Zoho scopes are `Service.scope.OPERATION`, joined with commas. Each product lists
 * its own (nodes/Zoho<Product>/transport/profile.ts); the registry (nodes/products.ts) hands them
 * to the OAuth2 credential.
 */

export type ScopeAccess = 'none' | 'read' | 'full';

/** What the OAuth2 credential needs to know of a product: its scopes and the option that grants them. */
export interface ProductScopes {
	/** Scopes of each access level. */
	scopes: Readonly<Record<'read' | 'full', readonly string[]>>;
	/** The credential's option for this product, e.g. `peopleAccess`, shown as "Zoho People Access". */
	access: { name: string; displayName: string; default: ScopeAccess };
}

/**
 * The scope string as an n8n expression over the credential's own fields: each product's scopes
 * for the access level its option names, then the free-text extras, without repeats. n8n drops a
 * stored `scope` of community OAuth2 credentials and falls back to the default, so the default
 * must be an expression that re-derives it (docs/reference/n8n-internals.md §1).
 */
export function scopeExpression(products: readonly ProductScopes[]): string {
	const parts = products.map(
		({ scopes, access }) =>
			`...((${JSON.stringify({ read: scopes.read, full: scopes.full })})[$self["${access.name}"]] || [])`,
	);
	return (
		'={{ [' +
		parts.join(', ') +
		', ...String($self["extraScopes"] || "").split(/[\\s,]+/)].filter((s, i, all) => s && all.indexOf(s) === i).join(",") }}'
	);
}
