/**
 * "Home data center" front for the Zoho sandbox, to reproduce a user who picked the wrong Data
 * Center in the credential.
 *
 * What happens with real Zoho: the sign-in / consent page of any accounts server sends the user
 * to the data center their account lives in; consent happens there and the redirect back carries
 * `location=<home dc>` and `accounts-server=<home accounts server>`. The token exchange, however,
 * goes wherever the credential says (n8n always POSTs to the configured accessTokenUrl and never
 * follows `accounts-server`). If the client only exists in the home DC, the chosen DC's token
 * endpoint answers HTTP 200 with `{"error":"invalid_client"}` (docs/reference/zoho-api.md / docs/reference/peers.md §0).
 *
 * The sandbox models one accounts server per `/<dc>` path and its /auth refuses clients that are
 * not registered in that dc, so this front plays the "redirect to your home DC" part:
 *   GET  <front>/<dc>/oauth/v2/auth?…  → 302 <sandbox>/<homeDc>/oauth/v2/auth?… (same query)
 *   anything else                       → proxied unchanged to <sandbox> (so /<dc>/oauth/v2/token
 *                                         is the chosen DC's token endpoint, recorded as usual).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface HomeDcFront {
	/** Origin of the front, e.g. http://127.0.0.1:40123 (append `/<dc>` for an accounts URL). */
	origin: string;
	/** Auth requests the front redirected. */
	redirected: string[];
	close(): Promise<void>;
}

export async function startHomeDcFront(
	sandboxAccounts: string,
	homeDc: string,
): Promise<HomeDcFront> {
	const target = new URL(sandboxAccounts).origin;
	const redirected: string[] = [];
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://front');
		const m = /^\/([a-z]{2})\/oauth\/v2\/auth$/.exec(url.pathname);
		if (req.method === 'GET' && m) {
			redirected.push(req.url ?? '');
			res.writeHead(302, { location: `${target}/${homeDc}/oauth/v2/auth${url.search}` });
			res.end();
			return;
		}
		const upstream = http.request(
			`${target}${req.url ?? '/'}`,
			{ method: req.method, headers: { ...req.headers, host: new URL(target).host } },
			(up) => {
				res.writeHead(up.statusCode ?? 502, up.headers);
				up.pipe(res);
			},
		);
		upstream.on('error', (e) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`front: ${e.message}`);
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		redirected,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
