/**
 * The worked example of CONTRIBUTING.md: a new product's profile (test/fixtures/exampleProduct) is
 * all the shared transport needs to sign, send, page and word errors for it, and the registry's
 * derived lists take it in. Runs over real HTTP on 127.0.0.1 with n8n-core's own httpRequest.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import { PRODUCT_LIST } from '../../nodes/products';
import { scopeExpression } from '../../nodes/shared/scopes';
import { fetchAllPages } from '../../nodes/shared/transport/pagination';
import { zohoApiRequest } from '../../nodes/shared/transport/request';
import { exampleProfile } from '../fixtures/exampleProduct/profile';

const RECORDS = [
	{ id: '900000000000000001' },
	{ id: '900000000000000002' },
	{ id: '900000000000000003' },
	{ id: '900000000000000004' },
	{ id: '900000000000000005' },
];
const TOKEN = 'example-access-token';

interface Seen {
	url: string;
	authorization: string | undefined;
}

describe('a new product: Zoho Example (test fixture)', () => {
	let server: http.Server;
	let origin = '';
	const seen: Seen[] = [];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			res.setHeader('Content-Type', 'application/json');
			if (url.pathname === '/example/v1/records') {
				const page = Number(url.searchParams.get('page'));
				const size = Number(url.searchParams.get('per_page'));
				const data = RECORDS.slice((page - 1) * size, page * size);
				// IDs written as bare 18-digit numbers, as Zoho does: they must come back exact.
				const json = JSON.stringify({
					data,
					info: { more_records: page * size < RECORDS.length },
				}).replace(/"id":"(\d+)"/g, '"id":$1');
				res.end(json);
				return;
			}
			res.statusCode = 400;
			res.end(JSON.stringify({ status: 'error', code: 7001, message: 'No such record' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});

	beforeEach(() => {
		seen.length = 0;
	});

	/** The parts of an n8n context the transport uses: the node, its OAuth2 credential (Custom data center) and httpRequest. */
	function context(): IExecuteFunctions {
		const node: INode = {
			id: 'example',
			name: 'Zoho Example',
			type: 'test.zohoExample',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { zohoRegionalOAuth2Api: { id: 'example-credential', name: 'Example' } },
		};
		const credentials = {
			dataCenter: 'custom',
			customAccountsUrl: `${origin}/accounts`,
			customApiUrl: origin,
			clientId: 'example-client',
			oauthTokenData: { access_token: TOKEN, refresh_token: 'example-refresh-token' },
		};
		// Only the members the transport calls; the rest of IExecuteFunctions is never reached here.
		const ctx: Pick<IExecuteFunctions, 'getNode' | 'getCredentials'> & {
			helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'>;
		} = {
			getNode: () => node,
			getCredentials: async <T>() => credentials as T,
			helpers: { httpRequest: async (options: IHttpRequestOptions) => await httpRequest(options) },
		};
		return ctx as unknown as IExecuteFunctions;
	}

	it('pages a list with its own page size and paging fields, signed, IDs exact (3 calls for 5 records)', async () => {
		const result = await fetchAllPages.call(
			context(),
			exampleProfile,
			{ method: 'GET', path: '/records' },
			{ returnAll: true, limit: 0 },
			{ authentication: 'oAuth2' },
		);
		expect('records' in result && result.records).toEqual(RECORDS);
		expect(seen.map((s) => s.url)).toEqual([
			'/example/v1/records?page=1&per_page=2',
			'/example/v1/records?page=2&per_page=2',
			'/example/v1/records?page=3&per_page=2',
		]);
		expect(seen.map((s) => s.authorization)).toEqual(Array(3).fill(`Zoho-oauthtoken ${TOKEN}`));
	});

	it('words an error answer with its product name, code and status, without retrying a 400 (1 call)', async () => {
		await expect(
			zohoApiRequest.call(
				context(),
				exampleProfile,
				{ method: 'GET', path: '/records/1' },
				{ authentication: 'oAuth2' },
			),
		).rejects.toThrow('Zoho Example: No such record (code 7001) [HTTP 400]');
		expect(seen.map((s) => s.url)).toEqual(['/example/v1/records/1']);
	});

	it('is taken into the OAuth2 scope expression once listed with the registry', () => {
		const expression = scopeExpression([...PRODUCT_LIST, exampleProfile]);
		expect(expression).toContain(
			'{"read":["ZohoExample.records.READ"],"full":["ZohoExample.records.ALL"]})[$self["exampleAccess"]]',
		);
		// The registry's products keep their options, and come first.
		const last = PRODUCT_LIST[PRODUCT_LIST.length - 1].access.name;
		for (const { access } of PRODUCT_LIST)
			expect(expression).toContain(`[$self["${access.name}"]]`);
		expect(expression.indexOf('$self["exampleAccess"]')).toBeGreaterThan(
			expression.indexOf(`$self["${last}"]`),
		);
		expect(scopeExpression(PRODUCT_LIST)).not.toContain('ZohoExample');
	});
});
