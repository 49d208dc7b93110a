#!/usr/bin/env node
'use strict';
/**
 * Counts how often `n8n execute` dies at exit: runs one short workflow N times in a real n8n
 * against the Zoho sandbox and tallies exit results (see docs/e2e-sigsegv.md).
 *
 *   node scripts/n8n-exit-check.js [line=2.41] [runs=40]
 *   ZOHO_E2E_EXIT_GUARD=0 node scripts/n8n-exit-check.js 2.41 40   # without scripts/n8n-exit-guard.js
 *
 * The workflow is the e2e test's "daily quota exhausted, continue on fail" one: a single Zoho
 * Invoice call answered 429, so the execution ends quickly and n8n exits while it is still
 * rebuilding the expression isolate it released. dist/ must be built (npm run build).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const rt = require('./n8n-runtime');

const [line = '2.41', runsArg = '40'] = process.argv.slice(2);
const CLIENT = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' };
const CRED = {
	type: 'zohoRegionalOAuth2Api',
	id: 'zohoExitCheck001',
	name: 'Zoho OAuth2 (sandbox)',
};
const WF = 'zExitCheck00001';

async function main() {
	const runtime = await rt.ensureN8n(line);
	const say = (m) => process.stdout.write(`${m}\n`);
	say(
		`n8n ${runtime.version} on Node ${runtime.nodeVersion}; exit guard ${process.env.ZOHO_E2E_EXIT_GUARD === '0' ? 'off' : 'on'}`,
	);
	const sb = await rt.startSandboxProcess();
	const home = fs.mkdtempSync(path.join(os.tmpdir(), `zoho-exit-check-${line}-`));
	try {
		const ctl = (cmd, body) => rt.sandboxControl(sb.control, cmd, body);
		await rt.installPackageInto(home, await rt.packPackage({ log: () => {} }), { log: () => {} });
		const { refresh_token } = await ctl('refresh-token', { clientId: CLIENT.clientId });
		const { access_token } = await ctl('access-token', { clientId: CLIENT.clientId });
		const hosts = {
			dataCenter: 'custom',
			customAccountsUrl: sb.accounts,
			customApiUrl: sb.api,
			customPeopleUrl: sb.people,
		};
		await rt.importCredentials(runtime, home, [
			{
				...CRED,
				data: {
					...hosts,
					...CLIENT,
					oauthTokenData: {
						access_token,
						refresh_token,
						token_type: 'Bearer',
						expires_in: 3600,
						api_domain: sb.api,
					},
				},
			},
		]);
		await rt.importWorkflow(runtime, home, [
			{
				id: WF,
				name: 'Exit check',
				active: false,
				settings: {},
				nodes: [
					{
						id: 'm',
						name: 'Manual',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'z',
						name: 'Zoho Invoice',
						type: `${rt.PACKAGE_NAME}.zohoInvoice`,
						typeVersion: 1,
						position: [220, 0],
						parameters: {
							authentication: 'oAuth2',
							resource: 'customApiCall',
							operation: 'request',
							method: 'GET',
							path: '/contacts',
							returnAll: true,
						},
						credentials: { [CRED.type]: { id: CRED.id, name: CRED.name } },
						onError: 'continueRegularOutput',
					},
				],
				connections: { Manual: { main: [[{ node: 'Zoho Invoice', type: 'main', index: 0 }]] } },
			},
		]);
		const tally = {};
		const runs = Number(runsArg);
		for (let i = 1; i <= runs; i++) {
			await ctl('invoice-limits', { perDay: { limit: 1 } }); // a fresh day: the one call is answered 429
			const started = Date.now();
			const r = await rt.executeWorkflow(runtime, home, WF, { timeoutMs: 180000 });
			const exit = r.exitCrash ?? r.code;
			const complete = rt.executionComplete(r, r.execution) ? 'complete' : 'incomplete';
			tally[`${exit}/${complete}`] = (tally[`${exit}/${complete}`] ?? 0) + 1;
			say(
				`run ${i}: exit ${exit}, execution ${r.execution?.status ?? 'none'} (${complete}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
			);
		}
		say(
			`TALLY n8n ${runtime.version} Node ${runtime.nodeVersion} guard ${process.env.ZOHO_E2E_EXIT_GUARD === '0' ? 'off' : 'on'}: ${JSON.stringify(tally)}`,
		);
	} finally {
		await sb.stop();
		await rt.stopAll();
		fs.rmSync(home, { recursive: true, force: true });
	}
}

main().catch((e) => {
	process.stderr.write(`${e.stack || e.message}\n`);
	process.exit(1);
});
