import type { IDataObject } from 'n8n-workflow';
import type { ZohoContext } from '../../shared/transport/auth';
import type { PageOptions } from '../../shared/transport/pagination';
import type { RequestSettings } from '../../shared/transport/request';
import { zohoApiRequest } from '../../shared/transport/request';
import { ProductSession } from '../../shared/transport/session';
import type { ZohoRequest, ZohoResponse } from '../../shared/transport/wire';
import { invoiceProfile } from './profile';

export const ORGANIZATION_HEADER = 'X-com-zoho-invoice-organizationid';

export interface InvoiceOrganization {
	organization_id: string;
	name: string;
	time_zone?: string;
	is_default_org?: boolean;
}

/** Organizations whose time zone this process keeps (the oldest are dropped beyond it). */
const MAX_ORGANIZATIONS = 1000;
/** Organization time zones seen in this process, by organization ID, for daily-reset messages. */
const knownTimeZones = new Map<string, string>();
/** Time-zone lookups made after a daily-limit error: at most one per organization per process. */
const timeZoneLookups = new Map<string, Promise<string | undefined>>();

function keep<V>(map: Map<string, V>, key: string, value: V): void {
	map.delete(key);
	map.set(key, value);
	for (const oldest of map.keys()) {
		if (map.size <= MAX_ORGANIZATIONS) break;
		map.delete(oldest);
	}
}

/** Lists the account's organizations (GET /organizations needs no organization ID). */
export async function listOrganizations(
	this: ZohoContext,
	settings: RequestSettings,
): Promise<InvoiceOrganization[]> {
	const response = await zohoApiRequest.call(
		this,
		invoiceProfile,
		{ method: 'GET', path: '/organizations' },
		settings,
	);
	const organizations = ((response.body as IDataObject)?.organizations ??
		[]) as InvoiceOrganization[];
	// Every listing (the Organization dropdown, an empty Organization ID) teaches the time zones.
	for (const org of organizations) {
		if (org.time_zone) keep(knownTimeZones, String(org.organization_id), org.time_zone);
	}
	return organizations;
}

/**
 * The organization's time zone once a daily limit was hit and no listing taught it (the user
 * picked the organization): one GET /organizations per organization per process, never a call
 * spent just in case. Its failure (Zoho may refuse it under the same limit) leaves the zone unknown.
 */
function lookUpTimeZone(
	ctx: ZohoContext,
	settings: RequestSettings,
	organizationId: string,
): Promise<string | undefined> {
	const known = knownTimeZones.get(organizationId);
	if (known) return Promise.resolve(known);
	let lookup = timeZoneLookups.get(organizationId);
	if (!lookup) {
		const quiet: RequestSettings = { ...settings, lookUpTimeZone: undefined, maxWaitMs: 0 };
		lookup = listOrganizations.call(ctx, quiet).then(
			() => knownTimeZones.get(organizationId),
			() => undefined,
		);
		keep(timeZoneLookups, organizationId, lookup);
	}
	return lookup;
}

/**
 * Per-execution Invoice state: the organization ID is resolved at most once per execution, and
 * only when the user left it empty.
 */
export class InvoiceSession extends ProductSession {
	private organization?: Promise<string>;

	constructor(ctx: ZohoContext, settings: RequestSettings) {
		super(ctx, invoiceProfile, settings);
	}

	async organizationId(chosen: string): Promise<string> {
		const trimmed = String(chosen ?? '').trim();
		if (trimmed) return trimmed;
		this.organization ??= this.lookUpOrganization();
		return await this.organization;
	}

	private async lookUpOrganization(): Promise<string> {
		const organizations = await listOrganizations.call(this.ctx, this.settings);
		if (organizations.length === 1) return String(organizations[0].organization_id);
		if (organizations.length === 0) {
			throw new Error(
				'This Zoho account has no Zoho Invoice organization yet. Create one in Zoho Invoice first.',
			);
		}
		const names = organizations.map((o) => `${o.name} (${o.organization_id})`).join(', ');
		throw new Error(
			`This Zoho account has ${organizations.length} organizations; choose one in Organization ID: ${names}`,
		);
	}

	private withOrganization(request: ZohoRequest, organizationId: string): ZohoRequest {
		return {
			...request,
			headers: { ...(request.headers ?? {}), [ORGANIZATION_HEADER]: organizationId },
		};
	}

	/** One item's settings in an organization, whose time zone names when a daily limit resets. */
	private settingsOf(organizationId: string, itemIndex?: number): RequestSettings {
		const settings = this.settingsFor(itemIndex);
		const timeZone = knownTimeZones.get(organizationId);
		return {
			...settings,
			timeZone,
			lookUpTimeZone: timeZone
				? undefined
				: () => lookUpTimeZone(this.ctx, settings, organizationId),
		};
	}

	async request(
		organizationId: string,
		request: ZohoRequest,
		itemIndex?: number,
	): Promise<ZohoResponse> {
		const org = await this.organizationId(organizationId);
		return await this.send(this.withOrganization(request, org), this.settingsOf(org, itemIndex));
	}

	async requestPages(
		organizationId: string,
		request: ZohoRequest,
		pages: PageOptions,
		itemIndex?: number,
	) {
		const org = await this.organizationId(organizationId);
		return await this.sendPages(
			this.withOrganization(request, org),
			pages,
			this.settingsOf(org, itemIndex),
		);
	}
}
