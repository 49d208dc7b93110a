/** Types for scripts/queue-services.js (Redis and PostgreSQL for n8n's queue mode). */
import type { Logger, TrackedProcess } from './n8n-runtime';

export const APT_PACKAGES: string[];

export interface QueueServicesCheck {
	redisServer?: string;
	/** Directory with postgres, initdb and createdb. */
	pgBin?: string;
	/** Why the services are not available (what is missing and how to get it). */
	missing?: string;
}

export interface PostgresDatabase {
	host: string;
	port: number;
	user: string;
	password: string;
	database: string;
}

export interface RedisServer {
	host: string;
	port: number;
	pid: number;
	dir: string;
	logFile: string;
	handle: TrackedProcess;
	stop(): Promise<void>;
}

export interface PostgresCluster {
	host: string;
	port: number;
	user: string;
	password: string;
	pid: number;
	dir: string;
	dataDir: string;
	socketDir: string;
	logFile: string;
	/** The unprivileged user the cluster runs as when started by root. */
	runAs?: string;
	handle: TrackedProcess;
	createDatabase(name: string): Promise<PostgresDatabase>;
	stop(): Promise<void>;
}

export interface QueueServices {
	redis: RedisServer;
	postgres: PostgresCluster;
	stop(): Promise<void>;
}

export function findQueueServices(opts?: Logger & { install?: boolean }): QueueServicesCheck;
export function ensureQueueServices(opts?: Logger): { redisServer: string; pgBin: string };
export function startRedis(
	opts?: Logger & { redisServer?: string; port?: number },
): Promise<RedisServer>;
export function startPostgres(
	opts?: Logger & { pgBin?: string; port?: number },
): Promise<PostgresCluster>;
export function startQueueServices(opts?: Logger): Promise<QueueServices>;
