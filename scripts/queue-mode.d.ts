/** Types for scripts/queue-mode.js (n8n main + workers in queue mode). */
import type { CommandResult, N8nLine, N8nRuntime, N8nServer, TrackedProcess } from './n8n-runtime';
import type { PostgresDatabase, QueueServices } from './queue-services';

export interface QueueWorker {
	name: string;
	pid: number;
	folder: string;
	brokerPort: number;
	healthPort: number;
	/** http://127.0.0.1:<health port>: /healthz and /healthz/readiness. */
	healthUrl: string;
	logFile: string;
	handle: TrackedProcess;
	stop(): Promise<void>;
}

export interface QueueMain extends N8nServer {
	logFile: string;
	folder: string;
}

export interface PrepareContext {
	/** Runs an n8n CLI command on the queue-mode database (throws unless it exits 0). */
	cli(args: string[]): Promise<CommandResult>;
	env: Record<string, string>;
	db: PostgresDatabase;
	root: string;
	/** The main's user folder (CLI commands run there). */
	folder: string;
	n8n: N8nRuntime;
}

export interface QueueMode {
	line: N8nLine;
	version: string;
	runtime: N8nRuntime;
	url: string;
	port: number;
	main: QueueMain;
	workers: QueueWorker[];
	database: PostgresDatabase;
	redis: { host: string; port: number };
	/** The settings every process shares (EXECUTIONS_MODE, DB_*, QUEUE_*, key, ...). */
	env: Record<string, string>;
	root: string;
	cli(args: string[]): Promise<CommandResult>;
	stop(): Promise<void>;
}

export interface QueueModeOptions {
	services?: QueueServices;
	workers?: number;
	concurrency?: number;
	root?: string;
	tgz?: string;
	/** An installed nodes folder (<user folder>/.n8n/nodes) to link instead of installing tgz. */
	nodesDir?: string;
	database?: string;
	prepare?: (ctx: PrepareContext) => Promise<void>;
	preferredPort?: number;
	encryptionKey?: string;
	env?: Record<string, string>;
	timeoutMs?: number;
	log?: (message: string) => void;
	onOutput?: (process: string, chunk: string) => void;
}

export function queueEnv(opts: {
	db: PostgresDatabase;
	redis: { host: string; port: number };
	prefix: string;
	encryptionKey?: string;
}): Record<string, string>;
export function startQueueMode(line: N8nLine, opts?: QueueModeOptions): Promise<QueueMode>;
