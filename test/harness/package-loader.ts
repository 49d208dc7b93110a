/**
 * Loads the package's built nodes and credentials the way n8n's package loader does:
 * from the "n8n" section of package.json, instantiating the class named like the file
 * (`dist/nodes/Foo/Foo.node.js` -> `Foo`), and registering nodes as `<package name>.<description.name>`.
 */
// Not re-exported from n8n-core's index: what n8n's DirectoryLoader adds to polling nodes.
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { HARNESS_START_NODE_TYPE, HarnessStart, NOOP_NODE_TYPE, NoOp } from './builtin-nodes';
import { OAuth2Api } from './oAuth2Api';
import { HarnessCredentialTypes, HarnessNodeTypes } from './types';

export interface LoadPackageOptions {
	/** Built output of the package; default `<repo>/dist`. Skipped when it does not exist. */
	distDir?: string;
	/** package.json whose "n8n" section lists the files; default `<distDir>/../package.json`. */
	packageJsonPath?: string;
	/** Extra node types, registered as `<packageName>.<description.name>`. */
	extraNodes?: Array<INodeType | IVersionedNodeType>;
	/** Extra credential types (e.g. defined inside a test). */
	extraCredentials?: ICredentialType[];
}

export interface LoadedPackage {
	packageName: string;
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
	/** Full type names (`<packageName>.<name>`) of the package's nodes, incl. extraNodes. */
	nodeNames: string[];
}

let lastLoaded: LoadedPackage | undefined;

/** The most recently loaded package (loading the default one on first use). */
export function currentPackage(): LoadedPackage {
	return lastLoaded ?? loadPackage();
}

const DEFAULT_DIST = path.resolve(__dirname, '../../dist');

function instantiate<T>(file: string, isWanted: (value: unknown) => value is T): T {
	if (!existsSync(file)) {
		throw new Error(
			`${file} is listed in package.json "n8n" but not built — run \`npm run build\``,
		);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const mod = require(file) as Record<string, unknown>;
	const className = path.basename(file).split('.')[0];
	const candidates = [mod[className], ...Object.values(mod)];
	for (const candidate of candidates) {
		if (typeof candidate !== 'function') continue;
		try {
			const instance = new (candidate as new () => unknown)();
			if (isWanted(instance)) return instance;
		} catch {
			// not a zero-arg class
		}
	}
	throw new Error(`No suitable class exported from ${file}`);
}

const isNodeType = (v: unknown): v is INodeType | IVersionedNodeType =>
	typeof v === 'object' && v !== null && 'description' in v;
const isCredentialType = (v: unknown): v is ICredentialType =>
	typeof v === 'object' && v !== null && 'name' in v && 'properties' in v;

/**
 * What n8n's DirectoryLoader adds to a loaded node: a polling node gets the Poll Times parameter
 * (`pollTimes`) in front of its own.
 */
function applySpecialNodeParameters(node: INodeType | IVersionedNodeType): void {
	const versions = 'nodeVersions' in node ? Object.values(node.nodeVersions) : [node as INodeType];
	for (const { description } of versions) {
		if (description.polling && !description.properties.some((p) => p.name === 'pollTimes'))
			description.properties.unshift(...deepCopy(commonPollingParameters));
	}
}

export function loadPackage(options: string | LoadPackageOptions = {}): LoadedPackage {
	const opts: LoadPackageOptions = typeof options === 'string' ? { distDir: options } : options;
	const distDir = opts.distDir ?? DEFAULT_DIST;
	const packageRoot = path.dirname(distDir);
	const packageJsonPath = opts.packageJsonPath ?? path.join(packageRoot, 'package.json');
	const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf-8')) as {
		name: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const packageName = packageJson.name;

	const nodeTypes = new HarnessNodeTypes();
	const credentialTypes = new HarnessCredentialTypes();
	const nodeNames: string[] = [];

	credentialTypes.add(new OAuth2Api());
	nodeTypes.add(HARNESS_START_NODE_TYPE, new HarnessStart());
	nodeTypes.add(NOOP_NODE_TYPE, new NoOp());

	const packageNodes: Array<INodeType | IVersionedNodeType> = [];
	if (existsSync(distDir)) {
		for (const rel of packageJson.n8n?.credentials ?? []) {
			credentialTypes.add(instantiate(path.resolve(packageRoot, rel), isCredentialType));
		}
		for (const rel of packageJson.n8n?.nodes ?? []) {
			packageNodes.push(instantiate(path.resolve(packageRoot, rel), isNodeType));
		}
	}
	for (const credential of opts.extraCredentials ?? []) credentialTypes.add(credential);
	packageNodes.push(...(opts.extraNodes ?? []));

	for (const node of packageNodes) {
		applySpecialNodeParameters(node);
		const fullName = `${packageName}.${node.description.name}`;
		nodeTypes.add(fullName, node);
		nodeNames.push(fullName);
		const versions =
			'nodeVersions' in node ? Object.values(node.nodeVersions) : [node as INodeType];
		for (const version of versions) {
			for (const { name } of version.description.credentials ?? []) {
				const supported = credentialTypes.supportedNodes.get(name) ?? [];
				if (!supported.includes(fullName)) supported.push(fullName);
				credentialTypes.supportedNodes.set(name, supported);
			}
		}
	}

	lastLoaded = { packageName, nodeTypes, credentialTypes, nodeNames };
	return lastLoaded;
}

/** Accepts `zohoInvoice` or `n8n-nodes-zoho-regional.zohoInvoice`. */
export function resolveNodeTypeName(pkg: LoadedPackage, nodeType: string): string {
	if (pkg.nodeTypes.types.has(nodeType)) return nodeType;
	const full = `${pkg.packageName}.${nodeType}`;
	if (pkg.nodeTypes.types.has(full)) return full;
	throw new Error(
		`Unknown node type "${nodeType}". Known: ${pkg.nodeNames.join(', ') || '(none — is dist built?)'}`,
	);
}
