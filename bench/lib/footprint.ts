/** Measure 5: packed size, runtime dependencies, and time to require the package's modules. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface FootprintResult {
	tarball: { size: number; unpackedSize: number; files: number };
	runtimeDependencies: number;
	peerDependencies: string[];
	require: {
		runs: number;
		/** This package's node and credential modules (after n8n-workflow is loaded), median ms. */
		packageMs: number;
		packageRunsMs: number[];
		/** n8n-workflow itself (what any node pays; loaded first, not counted above), median ms. */
		n8nWorkflowMs: number;
		/** The built-in Zoho CRM node + its credential from n8n-nodes-base, timed the same way. */
		builtinZohoMs?: number;
		builtinZohoRunsMs?: number[];
		builtinZohoSource?: string;
	};
}

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Child script: require n8n-workflow (timed apart), then every listed module, instantiating the
 * class named like each file, as n8n's loader does. Prints {workflowMs, modulesMs}.
 */
const CHILD = `
const path = require('path');
const [workflowPath, ...files] = JSON.parse(process.argv[1]);
const ns = () => Number(process.hrtime.bigint()) / 1e6;
let t = ns();
require(workflowPath);
const workflowMs = ns() - t;
t = ns();
for (const file of files) {
  const mod = require(file);
  const name = path.basename(file).split('.')[0];
  const Cls = mod[name];
  if (typeof Cls !== 'function') throw new Error('no class ' + name + ' in ' + file);
  new Cls();
}
const modulesMs = ns() - t;
process.stdout.write(JSON.stringify({ workflowMs, modulesMs }));
`;

function timeRequire(
	workflowPath: string,
	files: string[],
	cwd: string,
): { workflowMs: number; modulesMs: number } {
	const out = execFileSync(
		process.execPath,
		['-e', CHILD, JSON.stringify([workflowPath, ...files])],
		{ cwd, encoding: 'utf8' },
	);
	return JSON.parse(out) as { workflowMs: number; modulesMs: number };
}

export function measureFootprint(runs: number): FootprintResult {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
		peerDependencies?: Record<string, string>;
		n8n: { nodes: string[]; credentials: string[] };
	};
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	) as Array<{ size: number; unpackedSize: number; entryCount: number }>;

	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((f) => path.join(ROOT, f));
	const workflowPath = require.resolve('n8n-workflow', { paths: [ROOT] });

	// The baseline: n8n's built-in Zoho node, from the n8n that `npm install` put in .cache/.
	const base = path.join(ROOT, '.cache/n8n-2.8.4/node_modules');
	const builtin = [
		path.join(base, 'n8n-nodes-base/dist/nodes/Zoho/ZohoCrm.node.js'),
		path.join(base, 'n8n-nodes-base/dist/credentials/ZohoOAuth2Api.credentials.js'),
	];
	const builtinWorkflow = path.join(base, 'n8n-workflow');
	const haveBuiltin = builtin.every((f) => existsSync(f)) && existsSync(builtinWorkflow);

	const pkgRuns: Array<{ workflowMs: number; modulesMs: number }> = [];
	const builtinRuns: number[] = [];
	for (let i = 0; i < runs; i++) {
		// Interleaved: package, built-in, package, built-in, …
		pkgRuns.push(timeRequire(workflowPath, files, ROOT));
		if (haveBuiltin)
			builtinRuns.push(timeRequire(require.resolve(builtinWorkflow), builtin, base).modulesMs);
	}
	return {
		tarball: {
			size: packed[0].size,
			unpackedSize: packed[0].unpackedSize,
			files: packed[0].entryCount,
		},
		runtimeDependencies: Object.keys(pkg.dependencies ?? {}).length,
		peerDependencies: Object.keys(pkg.peerDependencies ?? {}),
		require: {
			runs,
			packageMs: median(pkgRuns.map((r) => r.modulesMs)),
			packageRunsMs: pkgRuns.map((r) => r.modulesMs),
			n8nWorkflowMs: median(pkgRuns.map((r) => r.workflowMs)),
			...(haveBuiltin
				? {
						builtinZohoMs: median(builtinRuns),
						builtinZohoRunsMs: builtinRuns,
						builtinZohoSource:
							'n8n-nodes-base 2.8.4 ZohoCrm.node.js + ZohoOAuth2Api.credentials.js',
					}
				: {}),
		},
	};
}
