import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

/**
 * Resource locators (From list / By URL / By ID) for the records a user picks in Zoho Invoice. The
 * list modes search through methods/listSearch.ts; the values are read with extractValue through
 * requiredId/optionalId (nodes/shared/parameters.ts), so a plain string saved before a field became
 * a locator still reads as the ID it was.
 */

/**
 * Zoho Invoice's web app in every data center: invoice.zoho.com, .eu, .in, .com.au, .jp, .sa, .uk,
 * .com.cn and invoice.zohocloud.ca (docs/reference/zoho-api.md §1.2 lists the domains).
 */
const WEB_APP = String.raw`https?://invoice\.zoho(?:cloud)?\.[a-z]{2,3}(?:\.[a-z]{2})?/app`;

/**
 * A record's page in the web app: /app/<organization ID>#/<section>/<record ID>, the organization
 * segment sometimes left out (/app#/…). One capturing group, as n8n's extractValue requires.
 */
function recordUrl(sections: string): string {
	return String.raw`${WEB_APP}(?:/\d+)?/?#/(?:${sections})/(\d+)`;
}

/** What may follow the ID in a pasted URL: /edit, ?filter=…, #… */
const URL_TAIL = String.raw`(?:[/?#].*)?`;

/** Zoho IDs are digits (18 of them for records); n8n anchors the regex (^…$). */
const DIGITS = String.raw`\d+`;

export interface LocatorOptions {
	displayName: string;
	name: string;
	/** The listSearch method of the From list mode. */
	searchListMethod: string;
	/** Lower-case noun for messages, e.g. "contact". */
	noun: string;
	/**
	 * The web app's section(s) of the record's page, e.g. 'contacts', or 'quotes|estimates'; none
	 * where Zoho shows the record on no page of its own (taxes).
	 */
	urlSections?: string;
	/** The section shown in the URL placeholder. */
	urlExample?: string;
	required?: boolean;
	description?: string;
}

/** Mode "By URL" of a record: the ID taken from the record's page in the web app. */
function urlMode(sections: string, example: string, noun: string): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator's mode, not a parameter
	return {
		displayName: 'By URL',
		name: 'url',
		type: 'string',
		placeholder: `e.g. https://invoice.zoho.com/app/60012345678#/${example}/460000000012345`,
		validation: [
			{
				type: 'regex',
				properties: {
					regex: `${recordUrl(sections)}${URL_TAIL}`,
					errorMessage: `Not a Zoho Invoice ${noun} URL`,
				},
			},
		],
		extractValue: { type: 'regex', regex: recordUrl(sections) },
	};
}

function idMode(noun: string, regex = DIGITS): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator's mode, not a parameter
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: 'e.g. 460000000012345',
		validation: [
			{
				type: 'regex',
				properties: { regex, errorMessage: `Not a valid ${noun} ID (digits only)` },
			},
		],
	};
}

/**
 * A record of the chosen organization. Its list reloads when the organization changes: n8n keys
 * a locator's cached results by the other parameters, and `loadOptionsDependsOn` (the
 * organization's ID, inside its own locator value) clears a pick that belonged to the previous one.
 */
export function recordLocator(o: LocatorOptions): INodeProperties {
	return {
		displayName: o.displayName,
		name: o.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(o.required ? { required: true } : {}),
		...(o.description ? { description: o.description } : {}),
		typeOptions: { loadOptionsDependsOn: ['organizationId.value'] },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: o.searchListMethod, searchable: true },
			},
			...(o.urlSections
				? [urlMode(o.urlSections, o.urlExample ?? o.urlSections.split('|')[0], o.noun)]
				: []),
			idMode(o.noun),
		],
	};
}

/** What the empty organization means, as the list offers it and the field shows it by default. */
export const ONLY_ORGANIZATION = "The account's only organization";

/**
 * The organization. Empty is a valid choice, shown as "The account's only organization" (the
 * default carries that name, so does the list's placeholder, and the list offers it when the
 * account has one organization): the
 * node then looks the organization up. Not required, and no mode refuses an empty value, so n8n's
 * parameter checks (NodeHelpers.getNodeParametersIssues) raise no issue on it.
 */
export const organizationLocator: INodeProperties = {
	displayName: 'Organization',
	name: 'organizationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '', cachedResultName: ONLY_ORGANIZATION },
	description:
		"The Zoho Invoice organization to work in. Leave it at The account's only organization when the account has one.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			// n8n 2.8 shows the default's cachedResultName; later editors show an empty value's
			// placeholder, the list mode's own.
			placeholder: ONLY_ORGANIZATION,
			typeOptions: { searchListMethod: 'searchOrganizations', searchable: true },
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://invoice.zoho.com/app/60012345678#/home/dashboard',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: String.raw`${WEB_APP}/(\d+)${URL_TAIL}`,
						errorMessage: 'Not a Zoho Invoice URL with an organization ID',
					},
				},
			],
			extractValue: { type: 'regex', regex: String.raw`${WEB_APP}/(\d+)` },
		},
		// Empty stays valid here too: the account's only organization.
		idMode('organization', String.raw`\d*`),
	],
};
