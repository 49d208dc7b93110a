/**
 * The sandbox in its own process (for the memory measure, so the client process holds only the
 * client): seeds N Invoice contacts, prints one JSON line {urls, accessToken, refreshToken}, and
 * serves until SIGTERM or until its parent closes stdin.
 *   node --require ./test/sandbox/register.js bench/lib/sandboxChild.ts 10000
 */
import { startSandbox } from '../../test/sandbox';
import { CLIENT_ID, CLIENT_SECRET } from './constants';

async function main(): Promise<void> {
	const contacts = Number(process.argv[2] ?? 0);
	const sb = await startSandbox();
	sb.registerClient({
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		dc: 'us',
		selfClient: true,
	});
	sb.invoice.seedContacts(contacts);
	const info = {
		urls: { accounts: sb.urls.accounts('us'), api: sb.urls.api, people: sb.urls.people },
		accessToken: sb.issueAccessToken({ clientId: CLIENT_ID }),
		refreshToken: sb.issueRefreshToken({ clientId: CLIENT_ID }),
	};
	process.stdout.write(`${JSON.stringify(info)}\n`);
	const stop = () => void sb.close().then(() => process.exit(0));
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);
	process.stdin.on('end', stop);
	process.stdin.resume();
}

main().catch((e: Error) => {
	process.stderr.write(`${e.stack ?? e.message}\n`);
	process.exit(1);
});
