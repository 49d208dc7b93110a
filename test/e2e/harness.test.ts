/**
 * The e2e harness's handling of n8n CLI commands that crash, and its exit guard, checked against
 * a stand-in for n8n (a small script run the way the harness runs n8n's bin/n8n). Fast: no n8n.
 *
 *  - `execute` that dies of SIGSEGV after printing a complete execution: the printed execution is
 *    used, never re-run, with the exit code n8n would have had and `exitCrash` set;
 *  - `execute` that dies before its execution is complete: returned as the crash it is;
 *  - an import that dies of SIGSEGV: run exactly once more;
 *  - scripts/n8n-exit-guard.js: process.exit disposes n8n's expression engine first and keeps
 *    the exit code; ZOHO_E2E_EXIT_GUARD=0 leaves it out.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as runtime from '../../scripts/n8n-runtime';
import type { N8nRuntime } from '../../scripts/n8n-runtime';

const FAKE_N8N = `
const fs = require('fs');
const mode = process.env.FAKE_MODE;
const calls = Number(fs.existsSync('calls') ? fs.readFileSync('calls', 'utf8') : '0') + 1;
fs.writeFileSync('calls', String(calls));
const execution = (error) => ({
	data: { resultData: { runData: { Manual: [{}] }, ...(error ? { error: { message: 'boom' } } : {}) } },
	mode: 'cli',
	startedAt: '2026-12-01T00:00:00.000Z',
	stoppedAt: '2026-12-01T00:00:01.000Z',
	status: error ? 'error' : 'success',
	finished: !error,
});
const die = () => process.kill(process.pid, 'SIGSEGV');
if (mode === 'complete-segv') {
	process.stdout.write('Execution was successful:\\n====\\n' + JSON.stringify(execution(false), null, 2) + '\\n', die);
} else if (mode === 'complete-error-segv') {
	process.stdout.write('Execution was NOT successful. See log message for details.\\n' + JSON.stringify(execution(true), null, 2) + '\\n', die);
} else if (mode === 'partial-segv') {
	process.stdout.write('Execution was successful:\\n{\\n  "data": {', die);
} else if (mode === 'segv-first-call') {
	if (calls === 1) die();
	else process.exit(0);
} else {
	process.exit(Number(mode));
}
`;

/** A fake n8n package whose n8n-workflow has a VM expression engine to dispose. */
const FAKE_WORKFLOW = `
const fs = require('fs');
exports.Expression = {
	vmEvaluator: {},
	async disposeExpressionEngine() {
		await new Promise((r) => setTimeout(r, 50));
		fs.writeFileSync(process.env.DISPOSED_MARKER, 'disposed');
	},
};
`;
const FAKE_N8N_WITH_ENGINE = `
require('n8n-workflow');
setTimeout(() => process.exit(Number(process.env.FAKE_EXIT)), 10);
`;

describe('e2e harness: crashed n8n commands and the exit guard', () => {
	let root: string;
	let home: string;
	let rt: N8nRuntime;
	const stderrWrites: string[] = [];
	let restoreStderr: () => void;

	beforeAll(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-harness-'));
		fs.mkdirSync(path.join(root, 'n8n', 'bin'), { recursive: true });
		fs.writeFileSync(path.join(root, 'n8n', 'bin', 'n8n.js'), FAKE_N8N);
		fs.writeFileSync(path.join(root, 'n8n', 'bin', 'engine.js'), FAKE_N8N_WITH_ENGINE);
		fs.mkdirSync(path.join(root, 'node_modules', 'n8n-workflow'), { recursive: true });
		fs.writeFileSync(path.join(root, 'node_modules', 'n8n-workflow', 'index.js'), FAKE_WORKFLOW);
		rt = {
			line: '2.41',
			version: 'fake',
			dir: root,
			nodeBin: process.execPath,
			nodeVersion: process.versions.node,
			n8nJs: path.join(root, 'n8n', 'bin', 'n8n.js'),
			bin: path.join(root, 'n8n', 'bin', 'n8n.js'),
			env: { ...process.env },
		};
		const write = process.stderr.write.bind(process.stderr);
		process.stderr.write = ((chunk: string | Uint8Array) => {
			stderrWrites.push(String(chunk));
			return true;
		}) as typeof process.stderr.write;
		restoreStderr = () => {
			process.stderr.write = write;
		};
	});

	afterAll(() => {
		restoreStderr();
		fs.rmSync(root, { recursive: true, force: true });
	});

	beforeEach(() => {
		home = fs.mkdtempSync(path.join(root, 'home-'));
		stderrWrites.length = 0;
	});

	const calls = (): number => Number(fs.readFileSync(path.join(home, 'calls'), 'utf8'));
	const env = (extra: Record<string, string>) => ({ env: extra, timeoutMs: 30_000 });

	it('uses a complete successful execution printed before a SIGSEGV, without running it again', async () => {
		const r = await runtime.executeWorkflow(rt, home, 'wf1', env({ FAKE_MODE: 'complete-segv' }));
		expect(r).toMatchObject({ code: 0, exitCrash: 'SIGSEGV' });
		expect(r.execution.status).toBe('success');
		expect(calls()).toBe(1);
		expect(stderrWrites.join('')).toMatch(
			/printed a complete execution \(status success\) and then died of SIGSEGV/,
		);
	});

	it('keeps exit code 1 for a complete failed execution printed before a SIGSEGV', async () => {
		const r = await runtime.executeWorkflow(
			rt,
			home,
			'wf1',
			env({ FAKE_MODE: 'complete-error-segv' }),
		);
		expect(r).toMatchObject({ code: 1, exitCrash: 'SIGSEGV' });
		expect(r.execution.status).toBe('error');
		expect(calls()).toBe(1);
	});

	it('returns a SIGSEGV before the execution is complete as the crash it is, never re-run', async () => {
		const partial = await runtime.executeWorkflow(
			rt,
			home,
			'wf1',
			env({ FAKE_MODE: 'partial-segv' }),
		);
		expect(partial.code).toBe('SIGSEGV');
		expect(partial.exitCrash).toBeUndefined();
		expect(partial.execution).toBeUndefined();
		expect(calls()).toBe(1);
		expect(stderrWrites.join('')).toMatch(
			/died of SIGSEGV .* before its execution was complete; not accepted/,
		);

		// Nothing printed at all: the same.
		home = fs.mkdtempSync(path.join(root, 'home-'));
		const silent = await runtime.executeWorkflow(
			rt,
			home,
			'wf1',
			env({ FAKE_MODE: 'segv-first-call' }),
		);
		expect(silent.code).toBe('SIGSEGV');
		expect(calls()).toBe(1);
	});

	it('runs a crashed import exactly once more and says so; a normal failure (exit 1) is not run again', async () => {
		const r = await runtime.runN8nCommand(
			rt,
			home,
			['import:workflow', '--input=x.json'],
			env({ FAKE_MODE: 'segv-first-call' }),
		);
		expect(r).toMatchObject({ code: 0, retriedAfter: 'SIGSEGV' });
		expect(calls()).toBe(2);
		expect(stderrWrites.join('')).toMatch(
			/`n8n import:workflow --input=x.json` died of SIGSEGV .* running it once more/,
		);

		home = fs.mkdtempSync(path.join(root, 'home-'));
		const failed = await runtime.runN8nCommand(
			rt,
			home,
			['import:workflow', '--input=x.json'],
			env({ FAKE_MODE: '1' }),
		);
		expect(failed.code).toBe(1);
		expect(failed.retriedAfter).toBeUndefined();
		expect(calls()).toBe(1);
	});

	it('exit guard: process.exit disposes the expression engine first and keeps the exit code; ZOHO_E2E_EXIT_GUARD=0 leaves it out', async () => {
		const engine = { ...rt, n8nJs: path.join(root, 'n8n', 'bin', 'engine.js') };
		const marker = path.join(home, 'disposed');
		const guarded = await runtime.runN8nCommand(
			engine,
			home,
			[],
			env({ FAKE_EXIT: '3', DISPOSED_MARKER: marker }),
		);
		expect(guarded.code).toBe(3);
		expect(fs.existsSync(marker)).toBe(true);

		fs.rmSync(marker);
		const saved = process.env.ZOHO_E2E_EXIT_GUARD;
		process.env.ZOHO_E2E_EXIT_GUARD = '0';
		try {
			const unguarded = await runtime.runN8nCommand(
				engine,
				home,
				[],
				env({ FAKE_EXIT: '3', DISPOSED_MARKER: marker }),
			);
			expect(unguarded.code).toBe(3);
			expect(fs.existsSync(marker)).toBe(false);
		} finally {
			if (saved === undefined) delete process.env.ZOHO_E2E_EXIT_GUARD;
			else process.env.ZOHO_E2E_EXIT_GUARD = saved;
		}
	});
});

describe("e2e harness: the installed package loads n8n's own n8n-workflow", () => {
	it("links the line's n8n-workflow into .n8n/nodes, found before the repository's devDependency", () => {
		// A fake n8n install (its own n8n-workflow) and a user folder inside the repository, where
		// the harness keeps them (runtime.CACHE/e2e-homes).
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-own-workflow-'));
		const home = fs.mkdtempSync(path.join(runtime.CACHE, 'own-workflow-'));
		try {
			const own = path.join(root, 'node_modules', 'n8n-workflow');
			fs.mkdirSync(own, { recursive: true });
			fs.writeFileSync(
				path.join(own, 'package.json'),
				JSON.stringify({ name: 'n8n-workflow', version: '0.0.0-own' }),
			);
			const pkg = path.join(home, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-zoho-regional');
			fs.mkdirSync(pkg, { recursive: true });
			// Resolved by Node in a process of its own, as n8n loads the package (jest's resolver caches).
			const resolved = (): string =>
				execFileSync(
					process.execPath,
					[
						'-p',
						`require('fs').realpathSync(require.resolve('n8n-workflow/package.json', { paths: [${JSON.stringify(pkg)}] }))`,
					],
					{ encoding: 'utf8' },
				).trim();
			// Without the link the walk up from the package finds the repository's copy.
			expect(resolved()).toBe(
				fs.realpathSync(
					path.join(__dirname, '..', '..', 'node_modules', 'n8n-workflow', 'package.json'),
				),
			);
			const rt = { dir: root, env: {} } as unknown as N8nRuntime;
			runtime.n8nEnv(rt, home);
			expect(resolved()).toBe(fs.realpathSync(path.join(own, 'package.json')));
			// Idempotent: a second process on the same folder keeps the link.
			runtime.n8nEnv(rt, home);
			expect(resolved()).toBe(fs.realpathSync(path.join(own, 'package.json')));
		} finally {
			fs.rmSync(home, { recursive: true, force: true });
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});
