/** Types for scripts/n8n-runtime.js (shared by test/e2e and scripts/start.js). */
import type { ChildProcess } from 'child_process';

export type N8nLine = '2.8' | '2.41';

export interface N8nRuntime {
	line: N8nLine;
	version: string;
	dir: string;
	/** The real node binary n8n runs on. */
	nodeBin: string;
	nodeVersion: string;
	/** node_modules/n8n/bin/n8n (a JS file, run as `nodeBin n8nJs ...`). */
	n8nJs: string;
	bin: string;
	/** Base environment (PATH with the right node first). */
	env: NodeJS.ProcessEnv;
}

export interface Logger {
	log?: (message: string) => void;
}

export interface TrackedProcess {
	child: ChildProcess;
	pid: number;
	out: string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	exitCode: number | string | undefined;
	stop(timeoutMs?: number): Promise<void>;
}

export interface CommandResult {
	/** Exit code, or the signal that ended the process. */
	code: number | string | null;
	stdout: string;
	stderr: string;
	out: string;
	pid: number;
	/** The harness killed the command after opts.timeoutMs. */
	timedOut?: boolean;
	/** Set when the first run died of this crash signal and the command was run once more. */
	retriedAfter?: string;
	/** execute only: n8n died of this signal after printing a complete execution (see executeWorkflow). */
	exitCrash?: string;
}

export interface CommandOptions {
	brokerPort?: number;
	env?: Record<string, string>;
	timeoutMs?: number;
	/** Never run the command a second time after a crash. */
	noRetry?: boolean;
}

export interface SandboxUrls {
	accounts: string;
	api: string;
	people: string;
}

export interface SandboxProcess extends SandboxUrls {
	control: string;
	handle: TrackedProcess;
	pid: number;
	stop(): Promise<void>;
}

export interface N8nServer {
	url: string;
	port: number;
	brokerPort: number;
	handle: TrackedProcess;
	pid: number;
	stop(): Promise<void>;
}

export const REPO: string;
export const CACHE: string;
export const LINES: Record<N8nLine, { n8n: string; node: string | null; ignoreScripts: boolean }>;
export const PACKAGE_NAME: string;
export const ENCRYPTION_KEY: string;

export function ensureN8n(line: N8nLine, opts?: Logger): Promise<N8nRuntime>;
export function installDirOf(line: N8nLine): string;
/** Throws when dist/ is missing or older than a file under nodes/ or credentials/. */
export function assertFreshDist(): void;
export function packPackage(opts?: Logger & { force?: boolean }): Promise<string>;
export function installPackageInto(userFolder: string, tgz: string, opts?: Logger): Promise<string>;
export function n8nEnv(
	rt: N8nRuntime,
	userFolder: string,
	extra?: Record<string, string>,
): NodeJS.ProcessEnv;
export function freePort(preferred?: number): Promise<number>;
export function spawnTracked(
	cmd: string,
	args: string[],
	opts?: {
		cwd?: string;
		env?: NodeJS.ProcessEnv;
		onOutput?: (chunk: string) => void;
		/** Run as this user/group (needs root). */
		uid?: number;
		gid?: number;
		/** Signal sent by stop() before the SIGKILL fallback (default SIGTERM). */
		stopSignal?: NodeJS.Signals;
	},
): TrackedProcess;
export function killGroup(pid: number, signal: NodeJS.Signals): void;
export function stopAll(): Promise<void>;
export function killAllOnSignals(): void;
export function runN8nCommand(
	rt: N8nRuntime,
	userFolder: string,
	args: string[],
	opts?: CommandOptions,
): Promise<CommandResult>;
export function parseExecuteOutput(stdout: string): any; // eslint-disable-line @typescript-eslint/no-explicit-any
export function executionComplete(r: CommandResult, execution: unknown): boolean;
export function importCredentials(
	rt: N8nRuntime,
	userFolder: string,
	creds: unknown[],
	opts?: CommandOptions,
): Promise<CommandResult>;
export function importWorkflow(
	rt: N8nRuntime,
	userFolder: string,
	wf: unknown,
	opts?: CommandOptions,
): Promise<CommandResult>;
export function executeWorkflow(
	rt: N8nRuntime,
	userFolder: string,
	id: string,
	opts?: CommandOptions,
): Promise<CommandResult & { execution: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
export function exportCredentials(
	rt: N8nRuntime,
	userFolder: string,
	opts?: CommandOptions,
): Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
export function waitForHttp(
	url: string,
	opts?: {
		timeoutMs?: number;
		ok?: (res: Response, body: string) => boolean;
		init?: RequestInit;
		isAlive?: () => boolean;
	},
): Promise<{ status: number; body: string }>;
export function startN8nServer(
	rt: N8nRuntime,
	userFolder: string,
	opts?: {
		port?: number;
		preferredPort?: number;
		brokerPort?: number;
		env?: Record<string, string>;
		timeoutMs?: number;
		onOutput?: (chunk: string) => void;
	},
): Promise<N8nServer>;
export function startSandboxProcess(opts?: {
	ports?: { accounts?: number; api?: number; people?: number };
	tokenTtlMs?: number;
	timeoutMs?: number;
}): Promise<SandboxProcess>;
export function sandboxControl(
	control: string,
	cmd: string,
	body?: unknown,
	method?: 'GET' | 'POST',
): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export function sleep(ms: number): Promise<void>;
