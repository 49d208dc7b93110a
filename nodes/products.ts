/**
 * The product registry: every Zoho product the package speaks to. Each product describes itself in
 * its own folder (nodes/Zoho<Product>/transport/profile.ts: key, name, base URL, scopes, the OAuth2
 * credential's access option, envelope, paging and quotas); whatever lists the products is derived
 * from here, so adding a product is one profile and one line below.
 *
 * Layering: credentials → nodes → nodes/shared, never back. This file sits at the top of nodes/
 * because it imports every product. nodes/shared never imports it: the shared transport takes the
 * ProductProfile its caller passes (each product's session passes its own), so nothing registers
 * itself at load time and a node loads only its own product.
 */
import type { ResolvedHosts } from './shared/dataCenters';
import type { ProductScopes } from './shared/scopes';
import { scopeExpression as scopeExpressionOf } from './shared/scopes';
import type { ProductProfile } from './shared/transport/profile';
import { bookingsProfile } from './ZohoBookings/transport/profile';
import { invoiceProfile } from './ZohoInvoice/transport/profile';
import { peopleProfile } from './ZohoPeople/transport/profile';

/** Checks at compile time that every profile is filed under its own key. */
function registry<T extends { [K in keyof T]: ProductProfile<K & string> }>(products: T): T {
	return products;
}

export const PRODUCTS = registry({
	invoice: invoiceProfile,
	people: peopleProfile,
	bookings: bookingsProfile,
});

/** Where only a product's key is needed: 'invoice' | 'people' | 'bookings'. */
export type ProductKey = keyof typeof PRODUCTS;

/** The products in the registry's order (the credential shows their options in it). */
export const PRODUCT_LIST: ReadonlyArray<ProductProfile<ProductKey>> = Object.values(PRODUCTS);

/** One value per product, keyed by product. */
function perProduct<T>(value: (profile: ProductProfile<ProductKey>) => T): Record<ProductKey, T> {
	// Object.fromEntries types its keys as string; they are exactly the registry's keys.
	return Object.fromEntries(PRODUCT_LIST.map((profile) => [profile.key, value(profile)])) as Record<
		ProductKey,
		T
	>;
}

/** Base URL of each product in a data center. */
export function productBaseUrls(
	hosts: Pick<ResolvedHosts, 'apiGateway' | 'people'>,
): Record<ProductKey, string> {
	return perProduct((profile) => profile.baseUrl(hosts));
}

/** OAuth scopes per product and access level. */
export const PRODUCT_SCOPES: Record<ProductKey, ProductScopes['scopes']> = perProduct(
	(profile) => profile.scopes,
);

/** The OAuth2 credential's scope, as an expression over its access options and extra scopes. */
export function scopeExpression(): string {
	return scopeExpressionOf(PRODUCT_LIST);
}
