/**
 * Real-n8n harness for the e2e tests. The install/spawn logic lives in scripts/n8n-runtime.js
 * (plain JS, shared with `npm start`); this file gives it the shape the tests use.
 *
 *   const n8n = await ensureN8n('2.8');            // n8n 2.8.4 on Node 20 (cached in .cache/)
 *   const home = await createUserFolder();          // packed package installed in .n8n/nodes
 *   await importCredentials('2.8', home, [...]);
 *   await importWorkflow('2.8', home, wf);
 *   const { execution, code } = await executeWorkflow('2.8', home, wf.id);
 *
 * Set ZOHO_E2E=0 to skip the e2e tests; ZOHO_E2E_KEEP=1 keeps the user folders for debugging.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as runtime from '../../scripts/n8n-runtime';
import type {
	CommandResult,
	N8nLine,
	N8nRuntime,
	N8nServer,
	SandboxProcess,
} from '../../scripts/n8n-runtime';

export type { N8nLine, N8nRuntime, N8nServer, SandboxProcess };

export const PACKAGE = runtime.PACKAGE_NAME;
export const NODE_TYPE = `${PACKAGE}.zohoInvoice`;
export const LINES: N8nLine[] = ['2.8', '2.41'];

/** E2E tests run unless ZOHO_E2E=0 is set explicitly. */
export const e2eEnabled = process.env.ZOHO_E2E !== '0';
// Outside jest there is no `describe`: the bench's queue measure imports these helpers too.
export const describeE2E: jest.Describe =
	typeof describe === 'undefined'
		? (undefined as unknown as jest.Describe)
		: e2eEnabled
			? describe
			: describe.skip;

/** Jest timeouts: a cold install of one line takes ~6 min; leave room for two in a row. */
export const INSTALL_TIMEOUT_MS = 30 * 60 * 1000;
export const CLI_TIMEOUT_MS = 3 * 60 * 1000;

const log = (m: string): void => {
	process.stderr.write(`[e2e] ${m}\n`);
};

// A test run interrupted with Ctrl-C (or killed by jest) must not leave n8n or the sandbox behind.
runtime.killAllOnSignals();

const runtimes = new Map<N8nLine, Promise<N8nRuntime>>();

/** Installs (or reuses) the pinned n8n of a line. */
export function ensureN8n(line: N8nLine): Promise<N8nRuntime> {
	let p = runtimes.get(line);
	if (!p) {
		p = runtime.ensureN8n(line, { log: (m) => log(`[${line}] ${m}`) });
		runtimes.set(line, p);
		p.catch(() => runtimes.delete(line));
	}
	return p;
}

const folders: string[] = [];

/**
 * A fresh N8N_USER_FOLDER with the packed package installed into .n8n/nodes from its tarball,
 * the way a user installs a community package by hand. `dist/` must be built.
 */
export async function createUserFolder(label = 'home'): Promise<string> {
	// A stale build would test old code: refuse it before anything is installed.
	runtime.assertFreshDist();
	const root = path.join(runtime.CACHE, 'e2e-homes');
	fs.mkdirSync(root, { recursive: true });
	const folder = fs.mkdtempSync(path.join(root, `${label}-`));
	folders.push(folder);
	const tgz = await runtime.packPackage({ log });
	await runtime.installPackageInto(folder, tgz, { log });
	return folder;
}

/** Removes the user folders created by this process (kept when ZOHO_E2E_KEEP=1). */
export function removeUserFolders(): void {
	if (process.env.ZOHO_E2E_KEEP === '1') {
		if (folders.length) log(`kept user folders: ${folders.join(', ')}`);
		return;
	}
	for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true });
}

function opts(): { timeoutMs: number } {
	return { timeoutMs: CLI_TIMEOUT_MS };
}

export interface CredentialFixture {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export async function importCredentials(
	line: N8nLine,
	folder: string,
	creds: CredentialFixture[],
): Promise<CommandResult> {
	return runtime.importCredentials(await ensureN8n(line), folder, creds, opts());
}

export async function importWorkflow(
	line: N8nLine,
	folder: string,
	wf: unknown,
): Promise<CommandResult> {
	return runtime.importWorkflow(await ensureN8n(line), folder, wf, opts());
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface ExecuteResult extends CommandResult {
	/** The execution JSON printed by `n8n execute` (undefined when none was printed). */
	execution: any;
}

/** `n8n execute --id`; `code` is the exit code (0 success, 1 node error). */
export async function executeWorkflow(
	line: N8nLine,
	folder: string,
	id: string,
): Promise<ExecuteResult> {
	return runtime.executeWorkflow(await ensureN8n(line), folder, id, opts());
}

/** `n8n export:credentials --all --decrypted`: the credentials with their data in clear. */
export async function exportCredentials(
	line: N8nLine,
	folder: string,
): Promise<CredentialFixture[]> {
	return runtime.exportCredentials(await ensureN8n(line), folder, opts());
}

/** Output items (json) of a node in a parsed execution. */
export function nodeOutput(execution: any, nodeName: string): any[] {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) return [];
	const main = runs[runs.length - 1].data?.main?.[0] ?? [];
	return main.map((item: any) => item.json);
}

/** The error of a failed execution (message and description), as text. */
export function executionError(result: ExecuteResult): string {
	const e = result.execution?.data?.resultData?.error;
	const parts = [e?.message, e?.description].filter(Boolean);
	if (parts.length) return parts.join(' | ');
	return result.out;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The Zoho sandbox (test/sandbox/cli.ts) in its own process, on free ports. */
export function startSandboxProcess(ports?: {
	accounts?: number;
	api?: number;
	people?: number;
}): Promise<SandboxProcess> {
	return runtime.startSandboxProcess({ ports });
}

/** POST to the sandbox control API (GET for `requests` and `urls`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers name the answer's type
export function sandboxControl<T = any>(
	sb: SandboxProcess,
	cmd: string,
	body?: unknown,
): Promise<T> {
	const method = cmd === 'requests' || cmd === 'urls' ? 'GET' : 'POST';
	return runtime.sandboxControl(sb.control, cmd, body, method);
}

/**
 * `n8n start` for this user folder on a free port; stop() kills its process group. `opts.env`
 * adds n8n settings; `opts.onOutput` receives the process output as it comes.
 */
export async function startN8nServer(
	line: N8nLine,
	folder: string,
	opts?: { env?: Record<string, string>; onOutput?: (chunk: string) => void },
): Promise<N8nServer> {
	return runtime.startN8nServer(await ensureN8n(line), folder, opts);
}

/** Stops every process the harness started (n8n servers, CLI commands, sandboxes). */
export function stopAll(): Promise<void> {
	return runtime.stopAll();
}
