import { readFileSync } from 'fs';
import { resolve } from 'path';
import {
	DATA_CENTERS,
	DATA_CENTER_CODES,
	accountsServerExpression,
	resolveHosts,
} from '../../nodes/shared/dataCenters';
import { productBaseUrls } from '../../nodes/products';

// The facts with their sources, kept in the repository (built from docs/reference/zoho-api.md §1.1-§1.2).
const reference = readFileSync(resolve(__dirname, '../../docs/zoho-data-centers.md'), 'utf8');

function tableRows(startHeading: string): string[][] {
	const at = reference.indexOf(startHeading);
	if (at < 0) throw new Error(`docs/zoho-data-centers.md has no "${startHeading}" section`);
	const section = reference.slice(at);
	const lines = section.split('\n');
	const start = lines.findIndex((l) => l.startsWith('|'));
	const rows: string[][] = [];
	for (const line of lines.slice(start + 2)) {
		if (!line.startsWith('|')) break;
		rows.push(
			line
				.split('|')
				.slice(1, -1)
				.map((c) => c.trim()),
		);
	}
	return rows;
}

const firstUrl = (cell: string) => cell.replace(/\*\*/g, '').match(/https:\/\/[a-z0-9.\-/]+/i)?.[0];

describe('data-center table against docs/zoho-data-centers.md', () => {
	const hostRows = tableRows('## Accounts server and API gateway');
	const productRows = tableRows('## Base URL per product');

	it('names a source for every row', () => {
		for (const row of [...hostRows, ...productRows])
			expect(row[row.length - 1]).toMatch(/\[(O|SDK|3P)\]|updates-2026-12\.md/);
		expect(hostRows).toHaveLength(10);
		expect(productRows).toHaveLength(9);
	});

	it('covers exactly the nine data centers of the reference', () => {
		const codes = hostRows.map((r) => r[1].match(/`(\w+)`/)?.[1]).filter((c) => c && c !== 'ae');
		expect(new Set(DATA_CENTER_CODES)).toEqual(new Set(codes));
		expect(DATA_CENTER_CODES).toHaveLength(9);
	});

	it.each(DATA_CENTER_CODES)('%s: accounts server and API gateway match the docs table', (code) => {
		const row = hostRows.find((r) => r[1].startsWith(`\`${code}\``));
		expect(row).toBeDefined();
		expect(DATA_CENTERS[code].accounts).toBe(firstUrl(row![2]));
		expect(DATA_CENTERS[code].apiGateway).toBe(firstUrl(row![3]));
	});

	it.each(DATA_CENTER_CODES)(
		'%s: Invoice, People and Bookings bases match the docs table where it knows them',
		(code) => {
			const row = productRows.find((r) => r[0] === code.toUpperCase());
			expect(row).toBeDefined();
			const bases = productBaseUrls(DATA_CENTERS[code]);
			const [, invoice, people, bookings] = row!;
			const check = (cell: string, actual: string, confirmed: boolean) => {
				const url = firstUrl(cell);
				if (url) expect(actual).toBe(url);
				// Where the reference says unknown or UNCERTAIN, the row is flagged unconfirmed.
				if (!url || /UNCERTAIN/.test(cell)) expect(confirmed).toBe(false);
			};
			check(invoice, bases.invoice, DATA_CENTERS[code].confirmed.invoice);
			check(people, bases.people, DATA_CENTERS[code].confirmed.people);
			check(bookings, bases.bookings, DATA_CENTERS[code].confirmed.bookings);
		},
	);

	it('keeps Canada split across zohocloud.ca and zohoapis.ca', () => {
		expect(DATA_CENTERS.ca.accounts).toBe('https://accounts.zohocloud.ca');
		expect(DATA_CENTERS.ca.apiGateway).toBe('https://www.zohoapis.ca');
		expect(DATA_CENTERS.ca.people).toBe('https://people.zohocloud.ca');
	});
});

describe('resolveHosts', () => {
	it('resolves a table data center', () => {
		expect(resolveHosts({ dataCenter: 'eu' })).toMatchObject({
			accounts: 'https://accounts.zoho.eu',
			apiGateway: 'https://www.zohoapis.eu',
			people: 'https://people.zoho.eu',
		});
	});

	it('takes the typed hosts of a Custom data center, without trailing slashes', () => {
		const hosts = resolveHosts({
			dataCenter: 'custom',
			customAccountsUrl: 'http://127.0.0.1:1/us/',
			customApiUrl: 'http://127.0.0.1:2',
			customPeopleUrl: 'http://127.0.0.1:3/',
		});
		expect(hosts).toMatchObject({
			accounts: 'http://127.0.0.1:1/us',
			apiGateway: 'http://127.0.0.1:2',
			people: 'http://127.0.0.1:3',
		});
	});

	it.each([
		[{ dataCenter: 'custom' }, /needs a Accounts URL/],
		[
			{ dataCenter: 'custom', customAccountsUrl: 'ftp://x', customApiUrl: 'http://a' },
			/must start with https/,
		],
		[
			{ dataCenter: 'custom', customAccountsUrl: 'https://u:p@x', customApiUrl: 'https://a' },
			/plain URL/,
		],
		// A token never crosses the network in clear text: http:// only for loopback.
		[
			{
				dataCenter: 'custom',
				customAccountsUrl: 'http://accounts.example.com',
				customApiUrl: 'https://a',
			},
			/Accounts URL must start with https:\/\/ \(http:\/\/ is allowed only for/,
		],
		[
			{ dataCenter: 'custom', customAccountsUrl: 'https://a', customApiUrl: 'http://10.0.0.1' },
			/API Gateway URL must start with https:\/\//,
		],
		[
			{
				dataCenter: 'custom',
				customAccountsUrl: 'https://a',
				customApiUrl: 'https://b',
				customPeopleUrl: 'http://127.evil.com',
			},
			/People URL must start with https:\/\//,
		],
		[{ dataCenter: 'mars' }, /Unknown Zoho data center/],
	])('refuses bad Custom input %#', (fields, message) => {
		expect(() => resolveHosts(fields)).toThrow(message);
	});

	it.each(['http://127.0.0.1:1', 'http://127.9.9.9', 'http://localhost:8080', 'http://[::1]:9'])(
		'accepts loopback http %s for a local test server',
		(url) => {
			expect(
				resolveHosts({ dataCenter: 'custom', customAccountsUrl: url, customApiUrl: url }).accounts,
			).toBe(url.replace(/\/$/, ''));
		},
	);

	it('generates the accounts expression from the table, one entry per data center', () => {
		const expression = accountsServerExpression();
		for (const code of DATA_CENTER_CODES)
			expect(expression).toContain(`"${code}":"${DATA_CENTERS[code].accounts}"`);
	});
});
