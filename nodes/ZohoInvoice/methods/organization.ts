import type { ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * The organization the editor holds now ('' for the account's only one), for the lists that
 * depend on it. extractValue takes the ID out of the Organization locator (a pasted URL too); a
 * plain string saved before the field was a locator reads as it is.
 */
export function currentOrganization(ctx: ILoadOptionsFunctions): string {
	const value = ctx.getCurrentNodeParameter('organizationId', { extractValue: true }) as unknown;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	return '';
}
