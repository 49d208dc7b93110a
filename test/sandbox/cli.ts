/**
 * Runs the sandbox as a process:
 *   node --require ./test/sandbox/register.js test/sandbox/cli.ts \
 *     --accounts-port 18930 --api-port 18931 --people-port 18932
 * Env alternatives: SANDBOX_ACCOUNTS_PORT, SANDBOX_API_PORT, SANDBOX_PEOPLE_PORT, SANDBOX_TOKEN_TTL_MS.
 * Prints one JSON line with the three base URLs, then serves until SIGINT/SIGTERM.
 */
import { startSandbox } from './index';

function arg(name: string, env: string): number {
	const i = process.argv.indexOf(`--${name}`);
	const raw = i >= 0 ? process.argv[i + 1] : process.env[env];
	const n = raw === undefined ? 0 : Number(raw);
	if (!Number.isInteger(n) || n < 0) throw new Error(`invalid --${name}: ${String(raw)}`);
	return n;
}

async function main(): Promise<void> {
	const ttl = arg('token-ttl-ms', 'SANDBOX_TOKEN_TTL_MS');
	const sb = await startSandbox({
		seed: true,
		accessTokenTtlMs: ttl > 0 ? ttl : undefined,
		ports: {
			accounts: arg('accounts-port', 'SANDBOX_ACCOUNTS_PORT'),
			api: arg('api-port', 'SANDBOX_API_PORT'),
			people: arg('people-port', 'SANDBOX_PEOPLE_PORT'),
		},
	});
	process.stdout.write(
		`${JSON.stringify({ accounts: sb.urls.accounts('us'), api: sb.urls.api, people: sb.urls.people })}\n`,
	);
	const stop = (): void => {
		sb.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((e: Error) => {
	process.stderr.write(`${e.stack ?? e.message}\n`);
	process.exit(1);
});
