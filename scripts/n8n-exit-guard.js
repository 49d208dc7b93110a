'use strict';
/**
 * Preloaded (`node --require`) into the n8n CLI commands the e2e harness runs. It makes
 * `process.exit` dispose n8n's expression engine first, as n8n's own `start`, `worker` and
 * `webhook` commands do (BaseCommand.exitSuccessfully). `n8n execute` and the import/export
 * commands end in BaseCommand.finally instead, which calls process.exit without that step.
 *
 * Why: n8n 2.41 evaluates expressions in isolated-vm isolates by default (N8N_EXPRESSION_ENGINE=
 * vm). Taking an isolate for an execution makes the pool build a replacement on an isolated-vm
 * thread (~250 ms of V8 work), and disposing an isolate tears it down on such a thread too. When
 * process.exit comes while one of those threads still runs V8 code, Node disposes its V8 platform
 * and then, in exit(), isolated-vm's thread-pool destructor waits for that thread; V8 on it calls
 * into the disposed platform and the process dies of SIGSEGV after printing a complete execution
 * (gdb backtraces and counts: docs/e2e-sigsegv.md).
 *
 * So: dispose the engine (n8n's disposeExpressionEngine waits for isolates still being built),
 * then wait until no thread but the main one uses CPU (the isolates' teardown has finished), then
 * exit. Nothing changes for a process without a VM expression engine (n8n 2.8, imports, exports).
 * Bounded: after 5 s the exit goes ahead as it would have.
 */
const fs = require('fs');
const path = require('path');

const realExit = process.exit.bind(process);
let exiting = false;

/** n8n-workflow's Expression class as n8n loaded it, when it was loaded at all. */
function loadedExpressionClass() {
	try {
		// Resolved from n8n's bin/n8n (the main script; require.main is not set for a preload).
		if (!process.argv[1]) return undefined;
		const resolved = require.resolve('n8n-workflow', {
			paths: [path.dirname(fs.realpathSync(process.argv[1]))],
		});
		const mod = require.cache[resolved];
		return mod ? mod.exports.Expression : undefined;
	} catch {
		return undefined;
	}
}

/** CPU ticks (utime + stime) and state of every thread of this process but the main one. */
function otherThreads() {
	const out = new Map();
	for (const tid of fs.readdirSync('/proc/self/task')) {
		if (Number(tid) === process.pid) continue;
		try {
			const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			out.set(tid, { state: f[0], ticks: Number(f[11]) + Number(f[12]) });
		} catch {
			/* the thread ended */
		}
	}
	return out;
}

/** Resolves once no other thread ran for two 25 ms samples in a row (or after `maxMs`). */
async function threadsQuiet(maxMs) {
	const until = Date.now() + maxMs;
	const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
	let quiet = 0;
	let before = otherThreads();
	while (quiet < 2 && Date.now() < until) {
		await sleep(25);
		const now = otherThreads();
		const busy = [...now].some(
			([tid, t]) => t.state === 'R' || (before.has(tid) && before.get(tid).ticks !== t.ticks),
		);
		quiet = busy ? 0 : quiet + 1;
		before = now;
	}
}

process.exit = function exitAfterDisposingExpressionEngine(code) {
	const Expression = loadedExpressionClass();
	// `vmEvaluator` is set only while a VM engine (isolated-vm or QuickJS) is initialised.
	if (
		exiting ||
		!Expression ||
		!Expression.vmEvaluator ||
		typeof Expression.disposeExpressionEngine !== 'function'
	) {
		return realExit(code);
	}
	exiting = true;
	const started = Date.now();
	let disposedAt = 0;
	const timer = setTimeout(() => realExit(code), 5000);
	Promise.resolve()
		.then(() => Expression.disposeExpressionEngine())
		.then(() => {
			disposedAt = Date.now();
			return fs.existsSync('/proc/self/task')
				? threadsQuiet(3000)
				: new Promise((r) => setTimeout(r, 250));
		})
		.catch(() => undefined)
		.finally(() => {
			clearTimeout(timer);
			// ZOHO_E2E_EXIT_GUARD_LOG=1: how long the disposal and the wait took (for docs/e2e-sigsegv.md).
			if (process.env.ZOHO_E2E_EXIT_GUARD_LOG === '1') {
				process.stderr.write(
					`[exit-guard] engine disposed in ${disposedAt - started} ms, threads quiet ${Date.now() - disposedAt} ms later\n`,
				);
			}
			realExit(code);
		});
	return undefined;
};
