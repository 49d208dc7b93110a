import type { IDataObject } from 'n8n-workflow';
import type { ZohoContext } from '../../shared/transport/auth';
import { fetchAllPages } from '../../shared/transport/pagination';
import type { PageOptions } from '../../shared/transport/pagination';
import type { RequestSettings, ZohoRequest, ZohoResponse } from '../../shared/transport/request';
import { zohoApiRequest } from '../../shared/transport/request';

export const ORGANIZATION_HEADER = 'X-com-zoho-invoice-organizationid';

export interface InvoiceOrganization {
	organization_id: string;
	name: string;
	time_zone?: string;
	is_default_org?: boolean;
}

/** Organization time zones seen in this process, by organization ID, for daily-reset messages. */
const knownTimeZones = new Map<string, string>();

/** Lists the account's organizations (GET /organizations needs no organization ID). */
export async function listOrganizations(this: ZohoContext, settings: RequestSettings = {}): Promise<InvoiceOrganization[]> {
	const response = await zohoApiRequest.call(this, 'invoice', { method: 'GET', path: '/organizations' }, settings);
	const organizations = ((response.body as IDataObject)?.organizations ?? []) as InvoiceOrganization[];
	for (const org of organizations) {
		if (org.time_zone) knownTimeZones.set(String(org.organization_id), org.time_zone);
	}
	return organizations;
}

/**
 * Per-execution Invoice state: the organization ID is resolved at most once per execution, and
 * only when the user left it empty.
 */
export class InvoiceSession {
	private organization?: Promise<string>;

	constructor(
		private readonly ctx: ZohoContext,
		readonly settings: RequestSettings,
	) {}

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
			throw new Error('This Zoho account has no Zoho Invoice organization yet. Create one in Zoho Invoice first.');
		}
		const names = organizations.map((o) => `${o.name} (${o.organization_id})`).join(', ');
		throw new Error(`This Zoho account has ${organizations.length} organizations; choose one in Organization ID: ${names}`);
	}

	private withOrganization(request: ZohoRequest, organizationId: string): ZohoRequest {
		return { ...request, headers: { ...(request.headers ?? {}), [ORGANIZATION_HEADER]: organizationId } };
	}

	private settingsFor(organizationId: string, itemIndex?: number): RequestSettings {
		return { ...this.settings, itemIndex, timeZone: knownTimeZones.get(organizationId) };
	}

	async request(organizationId: string, request: ZohoRequest, itemIndex?: number): Promise<ZohoResponse> {
		const org = await this.organizationId(organizationId);
		return await zohoApiRequest.call(this.ctx, 'invoice', this.withOrganization(request, org), this.settingsFor(org, itemIndex));
	}

	async requestPages(organizationId: string, request: ZohoRequest, pages: PageOptions, itemIndex?: number) {
		const org = await this.organizationId(organizationId);
		return await fetchAllPages.call(this.ctx, 'invoice', this.withOrganization(request, org), pages, this.settingsFor(org, itemIndex));
	}
}
