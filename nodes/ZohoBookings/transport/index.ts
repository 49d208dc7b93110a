import type { IDataObject } from 'n8n-workflow';
import type { ZohoContext } from '../../shared/transport/auth';
import type { PageOptions } from '../../shared/transport/pagination';
import type { RequestSettings } from '../../shared/transport/request';
import { ProductSession } from '../../shared/transport/session';
import type { ZohoRequest, ZohoResponse } from '../../shared/transport/wire';
import { withIsoDates } from '../helpers/dates';
import { returnValue, returnValueList } from '../helpers/output';
import { bookingsProfile } from './profile';

/** Credentials whose Bookings time zones this process keeps, and zones kept per credential. */
const MAX_CREDENTIALS = 500;
const MAX_ZONES = 10;
/** Workspace time zones seen in Bookings answers, by credential, for daily-reset messages. */
const seenTimeZones = new Map<string, Set<string>>();

function credentialKey(ctx: ZohoContext): string {
	const credential = Object.values(ctx.getNode().credentials ?? {})[0];
	return String(credential?.id ?? credential?.name ?? '');
}

/**
 * Learns time zones from answers the node gets anyway (workspaces, appointments carry
 * `time_zone`): Bookings counts calls per day in the account's time zone (docs/reference/zoho-api.md §5), and a
 * call just to ask would itself count.
 */
function noteTimeZones(ctx: ZohoContext, values: unknown[]): void {
	const zones = values
		.map((v) => (v && typeof v === 'object' ? (v as IDataObject).time_zone : undefined))
		.filter((z): z is string => typeof z === 'string' && z !== '');
	if (zones.length === 0) return;
	const key = credentialKey(ctx);
	const known = seenTimeZones.get(key) ?? new Set<string>();
	for (const zone of zones) if (known.size < MAX_ZONES) known.add(zone);
	seenTimeZones.delete(key);
	seenTimeZones.set(key, known);
	for (const oldest of seenTimeZones.keys()) {
		if (seenTimeZones.size <= MAX_CREDENTIALS) break;
		seenTimeZones.delete(oldest);
	}
}

/** The one time zone seen for this credential; none when several workspaces differ. */
function learnedTimeZone(ctx: ZohoContext): string | undefined {
	const known = seenTimeZones.get(credentialKey(ctx));
	return known?.size === 1 ? [...known][0] : undefined;
}

/** Per-execution Bookings state: request settings, the plan's daily limit and the account time zone. */
export class BookingsSession extends ProductSession {
	constructor(ctx: ZohoContext, settings: RequestSettings) {
		super(ctx, bookingsProfile, settings);
	}

	/** The user's Account Time Zone, else the workspace time zone seen in earlier answers. */
	protected settingsFor(itemIndex?: number): RequestSettings {
		return {
			...this.settings,
			itemIndex,
			timeZone: this.settings.timeZone || learnedTimeZone(this.ctx),
		};
	}

	async request(request: ZohoRequest, itemIndex?: number): Promise<ZohoResponse> {
		const response = await this.send(request, this.settingsFor(itemIndex));
		const value = returnValue(response.body);
		noteTimeZones(this.ctx, [
			value,
			...(Array.isArray(value.data) ? value.data : []),
			...(Array.isArray(value.response) ? value.response : []),
		]);
		return response;
	}

	/** fetchappointment pages (page/per_page inside the `data` field) until `limit`. */
	async records(
		request: ZohoRequest,
		pages: PageOptions,
		itemIndex?: number,
	): Promise<IDataObject[]> {
		const result = await this.sendPages(request, pages, this.settingsFor(itemIndex));
		if ('records' in result) {
			noteTimeZones(this.ctx, result.records);
			return result.records.map((r) => withIsoDates(r as IDataObject));
		}
		return returnValueList(result.notAList.body);
	}
}
