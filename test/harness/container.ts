/**
 * DI setup for running n8n-core in-process, following packages/core/nodes-testing:
 * a silent Logger, a fake InstanceSettings (nothing written to ~/.n8n), an ErrorReporter stub,
 * and a BinaryDataService that is never `init()`-ed, so it has no storage manager and keeps
 * binary data inline (base64 in `data`, no id) — n8n's "default" (in-memory) mode.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { BinaryDataService, ErrorReporter, InstanceSettings } from 'n8n-core';
import type { BinaryDataConfig } from 'n8n-core';
// Not re-exported from n8n-core's index; same module instance as the one n8n-core uses.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { tmpdir } from 'node:os';
import path from 'node:path';

let initialised = false;

export interface HarnessLog {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** Messages logged by n8n-core during harness runs (the logger is otherwise silent). */
export const harnessLogs: HarnessLog[] = [];

function createLogger(): Logger {
	const logger: Record<string, unknown> = {};
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		logger[level] = (message: string, meta?: unknown) => {
			harnessLogs.push({ level, message, meta });
			if (harnessLogs.length > 1000) harnessLogs.shift();
		};
	}
	logger.scoped = () => logger;
	return logger as unknown as Logger;
}

export function setupContainer(): void {
	if (initialised) return;
	initialised = true;

	const logger = createLogger();
	Container.set(Logger, logger);

	const n8nFolder = path.join(tmpdir(), 'n8n-harness');
	const instanceSettings = Object.create(InstanceSettings.prototype) as InstanceSettings;
	Object.defineProperties(instanceSettings, {
		n8nFolder: { value: n8nFolder },
		staticCacheDir: { value: path.join(n8nFolder, 'cache') },
		customExtensionDir: { value: path.join(n8nFolder, 'custom') },
		nodesDownloadDir: { value: path.join(n8nFolder, 'nodes') },
		instanceId: { value: 'harness-instance-id' },
		hmacSignatureSecret: { value: 'harness-hmac-secret' },
		instanceType: { value: 'main' },
		instanceRole: { value: 'leader', writable: true },
		hostId: { value: 'harness-host' },
		encryptionKey: { value: 'harness-encryption-key' },
		settings: { value: { encryptionKey: 'harness-encryption-key' } },
	});
	Container.set(InstanceSettings, instanceSettings);

	const errorReporter = {
		error: (e: unknown) => harnessLogs.push({ level: 'error', message: 'ErrorReporter', meta: e }),
		warn: () => {},
		info: () => {},
	} as unknown as ErrorReporter;
	Container.set(ErrorReporter, errorReporter);

	const binaryDataConfig = {
		mode: 'default',
		availableModes: ['default'],
		localStoragePath: path.join(n8nFolder, 'binaryData'),
		signingSecret: 'harness-binary-signing-secret',
		dbMaxFileSize: 512,
	} as unknown as BinaryDataConfig;
	const binaryDataService = new BinaryDataService(binaryDataConfig, errorReporter, logger);
	// Not init()-ed on purpose: without a manager for the current mode, n8n-core keeps
	// binary data inline (base64) — what n8n does in 'default' mode without a filesystem.
	(binaryDataService as unknown as { mode: string }).mode = 'default';
	Container.set(BinaryDataService, binaryDataService);

	// ExecuteContext pulls SSHClientsManager from the container, whose constructor starts a
	// 60s cleanup interval that would keep Jest from exiting: create it now and unref it.
	const sshClientsManager = Container.get(SSHClientsManager);
	(sshClientsManager as unknown as { cleanupTimer?: NodeJS.Timeout }).cleanupTimer?.unref();
}
