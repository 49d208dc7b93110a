/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for e2e tests of the
 * n8n editor. Selectors are n8n's own `data-test-id` attributes (checked against the editor bundles
 * of n8n 2.8.4 and 2.41.1 and n8n's packages/testing/playwright page objects).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { OWNER } from './rest';

export const CHROMIUM = process.env.ZOHO_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

/** Flags for a machine without outbound internet: no background networking, updates, sync or QUIC. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const log = (m: string): void => {
	process.stderr.write(`[browser] ${m}\n`);
};

function which(cmd: string): string | undefined {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

/** True when CI is set (as in `CI=true bash .ci/run`): environment gaps fail instead of skipping. */
export const IN_CI = !!process.env.CI && !/^(0|false|no)$/i.test(process.env.CI);

/** Where Chromium is, or, in plain words, why it is not there. */
export interface ChromiumCheck {
	path?: string;
	missing?: string;
}

/**
 * Finds Chromium: ZOHO_E2E_CHROMIUM, else Debian's /usr/bin/chromium or `chromium` on PATH. When it
 * is missing and this is root (as in CI), installs Debian's package with apt-get (non-interactive).
 * Never throws: what is missing is returned as a sentence, so the caller can skip or fail with it.
 */
export function findChromium(): ChromiumCheck {
	if (fs.existsSync(CHROMIUM)) return { path: CHROMIUM };
	if (!process.env.ZOHO_E2E_CHROMIUM) {
		const found = which('chromium');
		if (found) return { path: found };
	}
	const howTo =
		'install it with `apt-get install -y chromium` as root, or point ZOHO_E2E_CHROMIUM at a Chromium binary';
	// A path the user chose is not replaced by whatever apt-get would install.
	if (process.env.ZOHO_E2E_CHROMIUM)
		return { missing: `ZOHO_E2E_CHROMIUM points at ${CHROMIUM}, which does not exist` };
	const what = 'Chromium (/usr/bin/chromium, or `chromium` on PATH)';
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		return {
			missing: `${what} is not installed, and this user is not root so it cannot be installed here; ${howTo}`,
		};
	}
	if (!which('apt-get'))
		return { missing: `${what} is not installed and there is no apt-get to install it; ${howTo}` };
	log('Chromium is missing: installing Debian chromium (apt-get) ...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (args: string[]): string | undefined => {
		const r = spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: 20 * 60 * 1000 });
		return r.status === 0
			? undefined
			: `\`apt-get ${args.join(' ')}\` failed (${r.status ?? r.signal}): ${(r.stdout + r.stderr).trim().slice(-1500)}`;
	};
	const failed =
		run(['update', '-qq']) ?? run(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
	if (failed) return { missing: `${what} is not installed and installing it failed: ${failed}` };
	if (!fs.existsSync(CHROMIUM))
		return { missing: `apt-get installed chromium but ${CHROMIUM} is still missing` };
	return { path: CHROMIUM };
}

/** Chromium's path, or an error saying what is missing. */
export function ensureChromium(): string {
	const c = findChromium();
	if (!c.path) throw new Error(c.missing);
	return c.path;
}

/** playwright-core, loaded lazily so a missing devDependency fails with a clear message. */
function playwright(): typeof import('playwright-core') {
	try {
		return require('playwright-core') as typeof import('playwright-core'); // eslint-disable-line @typescript-eslint/no-require-imports
	} catch (e) {
		throw new Error(
			`playwright-core is not installed (add it as a devDependency): ${(e as Error).message}`,
		);
	}
}

export interface BrowserSession {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/** A fresh persistent context (own, new --user-data-dir), removed again by close(). */
export async function launchBrowser(): Promise<BrowserSession> {
	const executablePath = ensureChromium();
	const pw = playwright();
	pw.selectors.setTestIdAttribute('data-test-id');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-e2e-chromium-'));
	let context: BrowserContext | undefined;
	try {
		context = await pw.chromium.launchPersistentContext(userDataDir, {
			executablePath,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1400, height: 900 },
			timeout: 60_000,
		});
	} catch (e) {
		fs.rmSync(userDataDir, { recursive: true, force: true });
		throw e;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	const ctx = context;
	return {
		context: ctx,
		page,
		async close() {
			await ctx.close().catch(() => undefined);
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/** Saves a full-page screenshot to test-artifacts/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/** Runs `fn`; on failure saves a screenshot `failed-<name>` before rethrowing. */
export async function withFailureShot<T>(
	page: Page,
	name: string,
	fn: () => Promise<T>,
): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		const file = await screenshot(page, `failed-${name}`).catch(() => undefined);
		if (file) (e as Error).message += `\n(screenshot: ${file})`;
		throw e;
	}
}

/** Signs in through the editor's sign-in form. */
export async function signIn(page: Page, baseUrl: string, owner = OWNER): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(owner.email);
	await page.getByTestId('password').locator('input').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60_000 });
}

/**
 * Opens "Add new credential" (route /home/credentials/create), picks the credential type by its
 * display name and returns the credential edit modal.
 */
export async function openNewCredential(
	page: Page,
	baseUrl: string,
	displayName: string,
): Promise<Locator> {
	await page.goto(`${baseUrl}/home/credentials/create`);
	const chooser = page.getByTestId('selectCredential-modal');
	await chooser.getByTestId('new-credential-type-select').locator('input').fill(displayName);
	await page
		.getByTestId('new-credential-type-select-option')
		.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(displayName)}\\s*$`) })
		.click();
	await chooser.getByTestId('new-credential-type-button').click();
	const modal = page.getByTestId('editCredential-modal');
	await modal.waitFor();
	await modal.getByTestId('credential-connection-parameter').first().waitFor();
	return modal;
}

/** Names of the parameters a container renders (`parameter-input-<name>`), in order. */
export async function renderedParameters(container: Locator): Promise<string[]> {
	const ids = await container
		.locator('[data-test-id^="parameter-input-"]')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-test-id') ?? ''));
	const generic = new Set([
		'parameter-input-field',
		'parameter-input-item',
		'parameter-input-hint',
		'parameter-input-list-wrapper',
	]);
	return [
		...new Set(
			ids.filter((id) => !generic.has(id)).map((id) => id.slice('parameter-input-'.length)),
		),
	];
}

/** Picks an option of an n8n `options` parameter (element-plus select). */
export async function chooseOption(
	page: Page,
	container: Locator,
	parameter: string,
	optionText: string,
): Promise<void> {
	await container.getByTestId(`parameter-input-${parameter}`).click();
	await page.getByRole('option', { name: optionText, exact: true }).click();
	await page
		.getByRole('option', { name: optionText, exact: true })
		.waitFor({ state: 'hidden' })
		.catch(() => undefined);
}

/** The <input>/<textarea> of a parameter. */
export function parameterInput(container: Locator, parameter: string): Locator {
	return container.getByTestId(`parameter-input-${parameter}`).locator('input, textarea').first();
}

export async function fillParameter(
	container: Locator,
	parameter: string,
	value: string,
): Promise<void> {
	const input = parameterInput(container, parameter);
	await input.fill(value);
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The "Connect my account" button of an OAuth2 credential modal: `oauth-connect-button` up to
 * n8n 2.8; in 2.41 a `quick-connect-button` inside the `oauth-not-connected-banner`.
 */
export function oauthConnectButton(modal: Locator): Locator {
	return modal
		.getByTestId('oauth-connect-button')
		.or(modal.getByTestId('oauth-not-connected-banner').getByTestId('quick-connect-button'));
}

/**
 * How the editor offers a node's Authentication choice in the new-credential modal opened from the
 * node: radio buttons under "Connect using" (2.8), or the `credential-mode-dropdown` next to
 * "Setup credential" (2.41). Returns the option labels in order.
 */
export async function credentialAuthChoices(
	page: Page,
	modal: Locator,
): Promise<{ ui: 'radio' | 'dropdown'; labels: string[] }> {
	const trigger = modal.getByTestId('credential-mode-dropdown-trigger');
	const radios = modal.locator('label.el-radio');
	await trigger.or(radios.first()).first().waitFor();
	if ((await radios.count()) > 0) {
		return { ui: 'radio', labels: (await radios.allInnerTexts()).map((t) => t.trim()) };
	}
	// The menu is teleported out of the modal: its items are the menu items that appear on click.
	const visibleItems = async (): Promise<string[]> =>
		(await page.getByRole('menuitem').filter({ visible: true }).allInnerTexts())
			.map((t) => t.trim())
			.filter(Boolean);
	const before = new Set(await visibleItems());
	await trigger.click();
	let labels: string[] = [];
	for (let i = 0; i < 50 && labels.length === 0; i++) {
		labels = (await visibleItems()).filter((t) => !before.has(t));
		if (labels.length === 0) await page.waitForTimeout(100);
	}
	// Close it again with the trigger (Escape would also ask to close the credential modal).
	await trigger.click();
	if (labels.length)
		await page.getByRole('menuitem', { name: labels[0] }).waitFor({ state: 'hidden' });
	return { ui: 'dropdown', labels };
}

/** Picks an Authentication choice in that modal (radio or dropdown, see credentialAuthChoices). */
export async function chooseCredentialAuth(
	page: Page,
	modal: Locator,
	label: string,
): Promise<void> {
	const radios = modal.locator('label.el-radio');
	if ((await radios.count()) > 0) {
		await radios.filter({ hasText: label }).click();
		return;
	}
	await modal.getByTestId('credential-mode-dropdown-trigger').click();
	await page.getByRole('menuitem').filter({ visible: true }).filter({ hasText: label }).click();
}

/* ------------------------------------------------------------------ the canvas and the NDV */

/** A node on the canvas, by name (n8n's CanvasNode: `data-node-name` with `data-node-type`). */
export function canvasNode(page: Page, name: string): Locator {
	return page.locator(`div[data-node-type][data-node-name="${name.replace(/"/g, '\\"')}"]`);
}

/** What the canvas shows on each node: its name, a success mark, an issue icon. */
export interface CanvasNodeState {
	name: string;
	success: boolean;
	/** `node-issues` (parameter, credential or execution issues) or 2.41's `node-setup-required`. */
	issues: boolean;
}

export async function canvasNodeStates(page: Page): Promise<CanvasNodeState[]> {
	return await page.locator('div[data-node-type][data-node-name]').evaluateAll((els) =>
		els.map((e) => ({
			name: e.getAttribute('data-node-name') ?? '',
			success: !!e.querySelector('[data-test-id="canvas-node-status-success"]'),
			issues: !!e.querySelector(
				'[data-test-id="node-issues"], [data-test-id="node-setup-required"]',
			),
		})),
	);
}

/**
 * Counts the editor's requests for remote parameter data (options, resource-locator lists): the
 * NDV's parameters are checked for issues only once none is in flight.
 */
export function trackParameterLoads(page: Page): { idle(): Promise<void> } {
	const pending = new Set<unknown>();
	page.on('request', (r) => {
		if (r.url().includes('/rest/dynamic-node-parameters/')) pending.add(r);
	});
	const done = (r: unknown): void => {
		pending.delete(r);
	};
	page.on('requestfinished', done);
	page.on('requestfailed', done);
	return {
		async idle() {
			// Settled: nothing in flight on 5 looks 100 ms apart (a load starts right after the
			// NDV renders a parameter, so one empty look is not enough).
			let quiet = 0;
			for (let i = 0; i < 600 && quiet < 5; i++) {
				quiet = pending.size === 0 ? quiet + 1 : 0;
				await page.waitForTimeout(100);
			}
			if (quiet < 5) throw new Error(`parameter loads still pending after 60 s: ${pending.size}`);
		},
	};
}

/** Opens a node's NDV by double-clicking it on the canvas. */
export async function openNode(page: Page, name: string): Promise<Locator> {
	await canvasNode(page, name).dblclick();
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	await ndv
		.getByTestId('parameter-input-resource')
		.or(ndv.getByTestId('node-parameters'))
		.first()
		.waitFor();
	return ndv;
}

/** Closes the NDV with its close button (`back-to-canvas` in 2.8, `ndv-close-button` in 2.41). */
export async function closeNdv(page: Page): Promise<void> {
	const ndv = page.getByTestId('ndv');
	await page
		.getByTestId('back-to-canvas')
		.or(page.getByTestId('ndv-close-button'))
		.filter({ visible: true })
		.first()
		.click();
	await ndv.waitFor({ state: 'hidden' });
}

/** Labels of the parameters of an open NDV that show n8n's issue icon (`parameter-issues`). */
export async function parameterIssueLabels(ndv: Locator): Promise<string[]> {
	return await ndv.getByTestId('parameter-issues').evaluateAll((els) =>
		els.map((e) => {
			const item = e.closest('[data-test-id="parameter-item"], .parameter-item');
			return (item?.textContent ?? e.textContent ?? '').trim().slice(0, 80);
		}),
	);
}

/**
 * Clicks "Execute workflow" and waits until every node of the canvas shows its success mark, or a
 * node shows an issue (then the caller's assertions say which).
 */
export async function executeFromEditor(page: Page, timeoutMs = 180_000): Promise<void> {
	await page.getByTestId('execute-workflow-button').click();
	// A string: this file is compiled without the DOM library.
	await page.waitForFunction(
		`(() => {
			const nodes = [...document.querySelectorAll('div[data-node-type][data-node-name]')];
			const ok = nodes.filter((e) => e.querySelector('[data-test-id="canvas-node-status-success"]')).length;
			const bad = nodes.some((e) => e.querySelector('[data-test-id="node-issues"]'));
			return bad || (nodes.length > 0 && ok === nodes.length);
		})()`,
		undefined,
		{ timeout: timeoutMs },
	);
}

/** A screenshot of one element (e.g. a modal) to test-artifacts/<name>.png; returns the path. */
export async function elementShot(target: Locator, name: string): Promise<string> {
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
	await target.screenshot({ path: file });
	return file;
}

/** n8n's execution data as the REST API sends it (flatted): the reader lives with the REST client. */
export { parseFlatted } from './rest';
