/**
 * The one table of Zoho hosts per data center. Every host the package talks to comes from here
 * (or from the hosts a user typed into a Custom data center). Hosts are written out in full on
 * purpose: Zoho's domains do not follow one pattern (Canada: accounts.zohocloud.ca, but
 * www.zohoapis.ca and people.zohocloud.ca), so no host is ever built from a template.
 */

export type DataCenterCode = 'us' | 'eu' | 'in' | 'au' | 'jp' | 'ca' | 'sa' | 'uk' | 'cn';
export type DataCenterKey = DataCenterCode | 'custom';

export interface DataCenter {
	code: DataCenterCode;
	/** Label shown in the credential's Data Center option. */
	label: string;
	/** Zoho Accounts server: OAuth authorize, token and revoke endpoints live here. */
	accounts: string;
	/** API gateway (`api_domain`); Invoice and Bookings are served below it. */
	apiGateway: string;
	/** Zoho People is not behind the gateway; it has its own host. */
	people: string;
	/** False where Zoho's docs do not confirm the host (docs/reference/zoho-api.md marks it UNCERTAIN). */
	confirmed: { invoice: boolean; people: boolean; bookings: boolean };
}

export const DATA_CENTERS: Readonly<Record<DataCenterCode, DataCenter>> = {
	us: {
		code: 'us',
		label: 'United States (zoho.com)',
		accounts: 'https://accounts.zoho.com',
		apiGateway: 'https://www.zohoapis.com',
		people: 'https://people.zoho.com',
		confirmed: { invoice: true, people: true, bookings: true },
	},
	eu: {
		code: 'eu',
		label: 'Europe (zoho.eu)',
		accounts: 'https://accounts.zoho.eu',
		apiGateway: 'https://www.zohoapis.eu',
		people: 'https://people.zoho.eu',
		confirmed: { invoice: true, people: true, bookings: true },
	},
	in: {
		code: 'in',
		label: 'India (zoho.in)',
		accounts: 'https://accounts.zoho.in',
		apiGateway: 'https://www.zohoapis.in',
		people: 'https://people.zoho.in',
		confirmed: { invoice: true, people: true, bookings: true },
	},
	au: {
		code: 'au',
		label: 'Australia (zoho.com.au)',
		accounts: 'https://accounts.zoho.com.au',
		apiGateway: 'https://www.zohoapis.com.au',
		people: 'https://people.zoho.com.au',
		confirmed: { invoice: true, people: true, bookings: true },
	},
	jp: {
		code: 'jp',
		label: 'Japan (zoho.jp)',
		accounts: 'https://accounts.zoho.jp',
		apiGateway: 'https://www.zohoapis.jp',
		people: 'https://people.zoho.jp',
		confirmed: { invoice: true, people: true, bookings: true },
	},
	ca: {
		code: 'ca',
		label: 'Canada (zohocloud.ca)',
		accounts: 'https://accounts.zohocloud.ca',
		apiGateway: 'https://www.zohoapis.ca',
		people: 'https://people.zohocloud.ca',
		confirmed: { invoice: true, people: true, bookings: true },
	},
	sa: {
		code: 'sa',
		label: 'Saudi Arabia (zoho.sa)',
		accounts: 'https://accounts.zoho.sa',
		apiGateway: 'https://www.zohoapis.sa',
		people: 'https://people.zoho.sa',
		confirmed: { invoice: false, people: false, bookings: true },
	},
	uk: {
		code: 'uk',
		label: 'United Kingdom (zoho.uk)',
		accounts: 'https://accounts.zoho.uk',
		apiGateway: 'https://www.zohoapis.uk',
		people: 'https://people.zoho.uk',
		confirmed: { invoice: false, people: false, bookings: false },
	},
	cn: {
		code: 'cn',
		label: 'China (zoho.com.cn)',
		accounts: 'https://accounts.zoho.com.cn',
		apiGateway: 'https://www.zohoapis.com.cn',
		people: 'https://people.zoho.com.cn',
		confirmed: { invoice: false, people: true, bookings: true },
	},
};

export const DATA_CENTER_CODES = Object.keys(DATA_CENTERS) as DataCenterCode[];

/** The hosts one credential may send its token to, resolved from the table or the Custom fields. */
export interface ResolvedHosts {
	dataCenter: DataCenterKey;
	label: string;
	accounts: string;
	apiGateway: string;
	people: string;
}

export interface DataCenterFields {
	dataCenter?: unknown;
	customAccountsUrl?: unknown;
	customApiUrl?: unknown;
	customPeopleUrl?: unknown;
}

function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

export function isDataCenterCode(value: unknown): value is DataCenterCode {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DATA_CENTERS, value);
}

/**
 * Reads the Data Center fields of either credential. Throws a plain Error with a user-facing
 * message when a Custom data center is missing a URL or has one that is not http(s).
 */
export function resolveHosts(fields: DataCenterFields): ResolvedHosts {
	const key = fields.dataCenter ?? 'us';
	if (isDataCenterCode(key)) {
		const dc = DATA_CENTERS[key];
		return {
			dataCenter: key,
			label: dc.label,
			accounts: dc.accounts,
			apiGateway: dc.apiGateway,
			people: dc.people,
		};
	}
	if (key !== 'custom') {
		throw new Error(`Unknown Zoho data center "${String(key)}"`);
	}
	const custom = {
		accounts: customUrl(fields.customAccountsUrl, 'Accounts URL'),
		apiGateway: customUrl(fields.customApiUrl, 'API Gateway URL'),
		people: customUrl(fields.customPeopleUrl ?? fields.customApiUrl, 'People URL'),
	};
	return { dataCenter: 'custom', label: `Custom (${custom.accounts})`, ...custom };
}

function isLoopback(hostname: string): boolean {
	const host = hostname.toLowerCase();
	if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
	const parts = host.split('.');
	return (
		parts.length === 4 &&
		parts[0] === '127' &&
		parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
	);
}

function customUrl(value: unknown, name: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new Error(`The Custom data center needs a ${name}`);
	}
	if (!URL.canParse(value.trim()))
		throw new Error(`The Custom data center's ${name} is not a valid URL`);
	const parsed = new URL(value.trim());
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new Error(`The Custom data center's ${name} must start with https://`);
	}
	// A token must never cross the network in clear text; plain http is for a local test server only.
	if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
		throw new Error(
			`The Custom data center's ${name} must start with https:// (http:// is allowed only for 127.0.0.1, localhost or [::1])`,
		);
	}
	if (parsed.username || parsed.password || parsed.search || parsed.hash) {
		throw new Error(
			`The Custom data center's ${name} must be a plain URL without credentials, query or fragment`,
		);
	}
	return trimSlash(parsed.origin + parsed.pathname);
}

/** Options for the credential's Data Center field, in the table's order, plus Custom. */
export function dataCenterOptions(): Array<{ name: string; value: string }> {
	return [
		...DATA_CENTER_CODES.map((code) => ({ name: DATA_CENTERS[code].label, value: code })),
		{ name: 'Custom (Enter Your Own Hosts)', value: 'custom' },
	];
}

/**
 * An n8n expression that maps the credential's own Data Center field to its accounts server.
 * Generated from the table so the hidden authUrl/accessTokenUrl can never drift from it.
 */
export function accountsServerExpression(source: '$self' | '$credentials' = '$self'): string {
	const map: Record<string, string> = {};
	for (const code of DATA_CENTER_CODES) map[code] = DATA_CENTERS[code].accounts;
	return `(${source}["dataCenter"] === "custom" ? String(${source}["customAccountsUrl"] || "").replace(/\\/+$/, "") : (${JSON.stringify(map)})[${source}["dataCenter"]])`;
}
