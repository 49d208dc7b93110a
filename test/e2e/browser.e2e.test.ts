/**
 * The package in a real n8n editor, driven by headless Chromium (playwright-core + Debian's
 * chromium, installed with apt-get when missing and this is root), against the Zoho sandbox.
 * Without Chromium (and without root to install it) the tests are skipped and stderr says why;
 * with CI set they fail instead (CI always runs them: .ci/run installs Chromium first). It checks:
 *
 *  - sign in through the editor's form;
 *  - "Add new credential" for both credential types: the Data Center choice shows the Custom
 *    hosts only for Custom, secrets are masked inputs, hidden fields never render;
 *  - OAuth2 "Connect my account" with a Custom data center pointing at the sandbox: the popup
 *    goes through the sandbox's auto-consent back to n8n, and the modal shows "Account connected";
 *  - the Zoho Invoice node in a new workflow: its parameters render without an issue, the
 *    Organization locator shows the account's only organization until a pick, its list is
 *    loaded from the sandbox with the connected credential, and the Authentication choice appears
 *    as n8n's auth switch in the node's new-credential modal (radios in 2.8, a dropdown in 2.41).
 *
 * The tests of one line share one n8n server and one browser and run in order (the node test
 * uses the credential the connect test created). Screenshots go to test-artifacts/.
 *
 * Skip with ZOHO_E2E=0. Lines: ZOHO_E2E_BROWSER_LINES (default: ZOHO_E2E_LINES, else both).
 */
import {
	INSTALL_TIMEOUT_MS,
	LINES,
	createUserFolder,
	describeE2E,
	e2eEnabled,
	ensureN8n,
	removeUserFolders,
	sandboxControl,
	startN8nServer,
	startSandboxProcess,
	stopAll,
	type N8nLine,
	type N8nServer,
	type SandboxProcess,
} from './n8n';
import { N8nRest } from './rest';
import {
	chooseCredentialAuth,
	chooseOption,
	credentialAuthChoices,
	IN_CI,
	findChromium,
	fillParameter,
	launchBrowser,
	oauthConnectButton,
	openNewCredential,
	parameterInput,
	renderedParameters,
	screenshot,
	signIn,
	withFailureShot,
	type BrowserSession,
	type ChromiumCheck,
} from './browser';
import { DATA_CENTERS } from '../../nodes/shared/dataCenters';

const selected = (
	process.env.ZOHO_E2E_BROWSER_LINES ??
	process.env.ZOHO_E2E_LINES ??
	LINES.join(',')
)
	.split(',')
	.map((s) => s.trim())
	.filter((s): s is N8nLine => (LINES as string[]).includes(s));

// Chromium is looked for (and, as root, installed) while the file is collected, so a missing
// browser is decided before any test starts: skipped with the reason on a developer machine,
// a failure in CI (CI=true), where the browser tests must always run.
const chromium: ChromiumCheck = e2eEnabled && selected.length ? findChromium() : {};
if (chromium.missing) {
	if (IN_CI)
		throw new Error(`CI is set, so the browser e2e tests must run, but ${chromium.missing}`);
	process.stderr.write(
		`\n[browser] SKIPPED the browser e2e tests (test/e2e/browser.e2e.test.ts): ${chromium.missing}\n\n`,
	);
}
const describeBrowser = chromium.missing ? describe.skip : describeE2E;
const SKIP_NOTE = chromium.missing ? ` — SKIPPED: ${chromium.missing}` : '';

const STEP_MS = 3 * 60 * 1000;
const CUSTOM = 'Custom (Enter Your Own Hosts)';
const CUSTOM_FIELDS = ['customAccountsUrl', 'customApiUrl', 'customPeopleUrl'];

/* eslint-disable @typescript-eslint/no-explicit-any */
describeBrowser.each(selected)(`n8n %s editor in Chromium (e2e)${SKIP_NOTE}`, (line) => {
	let sb: SandboxProcess;
	let server: N8nServer;
	let rest: N8nRest;
	let browser: BrowserSession | undefined;
	let oauthCredentialName = '';
	const shot = (name: string): Promise<string> =>
		screenshot(browser!.page, `browser-${line}-${name}`);
	const step = <T>(name: string, fn: () => Promise<T>): Promise<T> =>
		withFailureShot(browser!.page, `browser-${line}-${name}`, fn);

	beforeAll(async () => {
		await ensureN8n(line);
		sb = await startSandboxProcess();
		const home = await createUserFolder(`browser-${line}`);
		server = await startN8nServer(line, home);
		rest = new N8nRest(server.url);
		await rest.setupOwner();
		await rest.expectCredentialTypes(['zohoRegionalOAuth2Api', 'zohoSelfClientApi']);
		browser = await launchBrowser();
	}, INSTALL_TIMEOUT_MS);

	afterAll(async () => {
		await browser?.close();
		await stopAll();
		removeUserFolders();
	});

	it(
		'signs in through the editor',
		() =>
			step('signin', async () => {
				await signIn(browser!.page, server.url);
				expect(new URL(browser!.page.url()).pathname).not.toMatch(/^\/signin/);
			}),
		STEP_MS,
	);

	it(
		'OAuth2 credential: Custom hosts show only for Custom; the client secret is masked',
		() =>
			step('oauth2-fields', async () => {
				const { page } = browser!;
				const modal = await openNewCredential(page, server.url, 'Zoho Regional OAuth2 API');
				const base = await renderedParameters(modal);
				expect(base).toEqual(
					expect.arrayContaining([
						'clientId',
						'clientSecret',
						'dataCenter',
						'invoiceAccess',
						'peopleAccess',
						'bookingsAccess',
						'extraScopes',
					]),
				);
				// Hidden, derived fields never render.
				for (const hidden of [
					'authUrl',
					'accessTokenUrl',
					'scope',
					'authQueryParameters',
					'authentication',
					'grantType',
				])
					expect(base).not.toContain(hidden);
				expect(await parameterInput(modal, 'dataCenter').inputValue()).toBe(DATA_CENTERS.us.label);
				for (const f of CUSTOM_FIELDS) expect(base).not.toContain(f);
				expect(await parameterInput(modal, 'clientSecret').getAttribute('type')).toBe('password');
				expect(await parameterInput(modal, 'clientId').getAttribute('type')).not.toBe('password');
				await shot('oauth2-us');

				await chooseOption(page, modal, 'dataCenter', DATA_CENTERS.ca.label);
				expect(await parameterInput(modal, 'dataCenter').inputValue()).toBe(DATA_CENTERS.ca.label);
				const ca = await renderedParameters(modal);
				for (const f of CUSTOM_FIELDS) expect(ca).not.toContain(f);
				await shot('oauth2-canada');

				await chooseOption(page, modal, 'dataCenter', CUSTOM);
				const custom = await renderedParameters(modal);
				expect(custom).toEqual(expect.arrayContaining(CUSTOM_FIELDS));
				// Right after the Data Center field, in order.
				expect(
					custom.slice(custom.indexOf('dataCenter') + 1, custom.indexOf('dataCenter') + 4),
				).toEqual(CUSTOM_FIELDS);
				const labels = await modal.getByTestId('credential-connection-parameter').allInnerTexts();
				for (const label of ['Accounts URL', 'API Gateway URL', 'People URL']) {
					expect(labels.some((l) => l.split('\n')[0].trim() === label)).toBe(true);
				}
				await shot('oauth2-custom');

				await chooseOption(page, modal, 'dataCenter', DATA_CENTERS.eu.label);
				const eu = await renderedParameters(modal);
				for (const f of CUSTOM_FIELDS) expect(eu).not.toContain(f);
			}),
		STEP_MS,
	);

	it(
		'Self Client credential: Custom hosts only for Custom; secret, grant code and refresh token are masked',
		() =>
			step('selfclient-fields', async () => {
				const { page } = browser!;
				const modal = await openNewCredential(page, server.url, 'Zoho Self Client API');
				const base = await renderedParameters(modal);
				expect(base).toEqual(
					expect.arrayContaining([
						'dataCenter',
						'clientId',
						'clientSecret',
						'grantCode',
						'refreshToken',
					]),
				);
				for (const hidden of [
					'accessToken',
					'obtainedRefreshToken',
					'grantCodeFingerprint',
					'apiDomain',
				])
					expect(base).not.toContain(hidden);
				for (const f of CUSTOM_FIELDS) expect(base).not.toContain(f);
				for (const secret of ['clientSecret', 'grantCode', 'refreshToken']) {
					expect(await parameterInput(modal, secret).getAttribute('type')).toBe('password');
				}
				expect(await parameterInput(modal, 'clientId').getAttribute('type')).not.toBe('password');
				await shot('selfclient-us');

				await chooseOption(page, modal, 'dataCenter', DATA_CENTERS.ca.label);
				for (const f of CUSTOM_FIELDS) expect(await renderedParameters(modal)).not.toContain(f);

				await chooseOption(page, modal, 'dataCenter', CUSTOM);
				expect(await renderedParameters(modal)).toEqual(expect.arrayContaining(CUSTOM_FIELDS));
				await shot('selfclient-custom');
			}),
		STEP_MS,
	);

	it(
		'OAuth2 "Connect my account": the sandbox popup consents and the credential shows as connected',
		() =>
			step('oauth2-connect', async () => {
				const { page, context } = browser!;
				const redirectUri = `${server.url}/rest/oauth2-credential/callback`;
				const client = { clientId: `ui-client-${line}`, clientSecret: 'ui-client-secret' };
				await sandboxControl(sb, 'register-client', {
					...client,
					dc: 'us',
					redirectUris: [redirectUri],
				});
				await sandboxControl(sb, 'clear-requests');

				const modal = await openNewCredential(page, server.url, 'Zoho Regional OAuth2 API');
				oauthCredentialName = (await modal.getByTestId('credential-name').innerText()).trim();
				expect(oauthCredentialName).toBeTruthy();
				await chooseOption(page, modal, 'dataCenter', CUSTOM);
				await fillParameter(modal, 'clientId', client.clientId);
				await fillParameter(modal, 'clientSecret', client.clientSecret);
				await fillParameter(modal, 'customAccountsUrl', sb.accounts);
				await fillParameter(modal, 'customApiUrl', sb.api);
				await fillParameter(modal, 'customPeopleUrl', sb.people);
				const connect = oauthConnectButton(modal);
				await connect.waitFor();
				await shot('oauth2-before-connect');

				const popupUrls: string[] = [];
				const popupPromise = context.waitForEvent('page');
				await connect.click();
				const popup = await popupPromise;
				popupUrls.push(popup.url());
				popup.on('framenavigated', (f) => {
					if (f === popup.mainFrame()) popupUrls.push(f.url());
				});
				const banner = modal.getByTestId('oauth-connect-success-banner');
				await banner.waitFor({ timeout: 60_000 });
				expect(await banner.innerText()).toContain('Account connected');
				await shot('oauth2-connected');

				// The popup went to the sandbox's /us authorization endpoint with our query, and the
				// code was exchanged once at the /us token endpoint.
				const recorded = await sandboxControl<any[]>(sb, 'requests');
				const auth = recorded.filter((r) => r.path === '/us/oauth/v2/auth');
				expect(auth).toHaveLength(1);
				expect(auth[0].query).toMatchObject({
					client_id: client.clientId,
					access_type: 'offline',
					prompt: 'consent',
					redirect_uri: redirectUri,
				});
				const tokens = recorded.filter((r) => r.path.endsWith('/oauth/v2/token'));
				expect(tokens.map((r) => r.form?.grant_type)).toEqual(['authorization_code']);
				expect(tokens[0].path).toBe('/us/oauth/v2/token');

				// n8n saved it (the editor saves before it opens the popup) with token data.
				const list = await rest.data<any[]>('GET', '/rest/credentials');
				const saved = list.filter((c) => c.type === 'zohoRegionalOAuth2Api');
				expect(saved).toHaveLength(1);
				expect(saved[0].name).toBe(oauthCredentialName);
				const full = await rest.getCredential(saved[0].id);
				expect(full.data.oauthTokenData).toBeTruthy();
				expect(full.data.dataCenter).toBe('custom');
				if (!popup.isClosed()) await popup.close().catch(() => undefined);
			}),
		STEP_MS,
	);

	it(
		'Zoho Invoice node in a new workflow: parameters render, Organization loads from Zoho, Authentication is offered in the credential modal',
		() =>
			step('node', async () => {
				const { page } = browser!;
				await sandboxControl(sb, 'clear-requests');
				await page.goto(`${server.url}/workflow/new`);
				await page.getByTestId('canvas-add-button').first().click();
				await page.getByTestId('node-creator-search-bar').fill('Zoho Invoice');
				await page
					.getByTestId('node-creator-item-name')
					.filter({ hasText: /^Zoho Invoice$/ })
					.first()
					.click();
				// The node's actions; the generic request is the Custom API Call resource. With the
				// Zoho Invoice Trigger in the package, the creator may list the triggers first and the
				// actions under a collapsed "Actions" category.
				const apiRequest = page
					.getByTestId('node-creator-item-name')
					.filter({ hasText: /api request/i })
					.first();
				const actions = page
					.getByTestId('node-creator-category-item')
					.filter({ hasText: /^\s*Actions/ })
					.first();
				await apiRequest.or(actions).first().waitFor();
				if (!(await apiRequest.isVisible())) await actions.click();
				await apiRequest.click();
				const ndv = page.getByTestId('ndv');
				await ndv.waitFor();
				await ndv.getByTestId('parameter-input-path').waitFor();

				const params = await renderedParameters(ndv);
				expect(params).toEqual(
					expect.arrayContaining(['resource', 'operation', 'method', 'path', 'organizationId']),
				);
				expect(await parameterInput(ndv, 'resource').inputValue()).toBe('Custom API Call');
				expect(await parameterInput(ndv, 'method').inputValue()).toBe('GET');
				expect(await parameterInput(ndv, 'path').inputValue()).toBe('/contacts');
				const labels = (
					await ndv.locator('[data-test-id="parameter-item"], .parameter-item').allInnerTexts()
				).map((t) => t.split('\n')[0].trim());
				expect(labels).toEqual(
					expect.arrayContaining(['Resource', 'Method', 'Path', 'Organization']),
				);
				// The connected OAuth2 credential was picked for the default authentication.
				expect(await ndv.getByTestId('node-credentials-select').locator('input').inputValue()).toBe(
					oauthCredentialName,
				);

				// Opening the node (or the list) loads the organizations through the connected credential.
				// Under load (a cold CI run installs both n8n lines at once) the list can take long.
				// The Organization locator (issue 15): empty by default, shown as the account's only
				// organization (2.8 shows the default's cached name, 2.41 the list mode's placeholder),
				// and no parameter issue on the node (the old dropdown showed "The value "" is not supported!").
				const orgInput = ndv.getByTestId('parameter-input-organizationId').getByTestId('rlc-input');
				const shown = (await orgInput.inputValue()) || (await orgInput.getAttribute('placeholder'));
				expect(shown).toBe("The account's only organization");
				expect(await ndv.getByTestId('parameter-issues').count()).toBe(0);
				await orgInput.click();
				const items = page.getByTestId('rlc-item');
				const org = items.filter({ hasText: /Sandbox Traders \(default\)/ });
				await org.waitFor({ timeout: 90_000 });
				// The sandbox's account has one organization: the empty choice comes first.
				expect((await items.allInnerTexts()).map((t) => t.trim())).toEqual([
					"The account's only organization",
					'Sandbox Traders (default)',
				]);
				await shot('node-organizations');
				const orgCalls = (await sandboxControl<any[]>(sb, 'requests')).filter(
					(r) => r.server === 'api' && r.path === '/invoice/v3/organizations',
				);
				expect(orgCalls.length).toBeGreaterThanOrEqual(1);
				expect(orgCalls[0].headers.authorization).toMatch(/^(Bearer|Zoho-oauthtoken) 1000\./);
				await org.click();
				// The pick shows its name once the editor has stored it.
				let picked = '';
				for (let i = 0; i < 50 && picked !== 'Sandbox Traders (default)'; i++) {
					if (i) await page.waitForTimeout(100);
					picked = await orgInput.inputValue();
				}
				expect(picked).toBe('Sandbox Traders (default)');
				await shot('node-parameters');

				// n8n does not render the node's Authentication parameter in the parameter list: it
				// offers it in the node's new-credential modal ("Connect using" radios in 2.8, the
				// "Setup credential" mode dropdown in 2.41), and switching it swaps the credential type.
				expect(params).not.toContain('authentication');
				await ndv.getByTestId('node-credentials-select').click();
				await page.getByText('Create new credential').click();
				const modal = page.getByTestId('editCredential-modal');
				await modal.waitFor();
				const auth = await credentialAuthChoices(page, modal);
				expect(auth.labels).toEqual([
					'OAuth2 (Connect in the Browser)',
					'Self Client (Grant Code or Refresh Token)',
				]);
				expect(auth.ui).toBe(line === '2.8' ? 'radio' : 'dropdown');
				expect(await renderedParameters(modal)).toContain('invoiceAccess');
				await shot('node-authentication-oauth2');
				await chooseCredentialAuth(page, modal, 'Self Client (Grant Code or Refresh Token)');
				await modal.getByTestId('parameter-input-grantCode').waitFor();
				const selfParams = await renderedParameters(modal);
				expect(selfParams).toEqual(
					expect.arrayContaining([
						'clientId',
						'clientSecret',
						'grantCode',
						'refreshToken',
						'dataCenter',
					]),
				);
				expect(selfParams).not.toContain('invoiceAccess');
				await shot('node-authentication-selfclient');
			}),
		STEP_MS,
	);
});
/* eslint-enable @typescript-eslint/no-explicit-any */
