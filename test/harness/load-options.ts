import { LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { Workflow, deepCopy } from 'n8n-workflow';
import { createAdditionalData } from './additional-data';
import { setupContainer } from './container';
import type { CredentialStore } from './credential-store';
import { HarnessCredentialsHelper } from './credentials-helper';
import { currentPackage, resolveNodeTypeName } from './package-loader';

/**
 * Calls a node's loadOptions method the way n8n's editor does (DynamicNodeParametersService):
 * a one-node workflow and a LoadOptionsContext with the node's current parameters.
 */
export async function loadOptions(opts: {
	nodeType: string;
	method: string;
	parameters: INodeParameters;
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
}): Promise<INodePropertyOptions[]> {
	setupContainer();
	const pkg = currentPackage();
	const type = resolveNodeTypeName(pkg, opts.nodeType);
	const nodeType = pkg.nodeTypes.getByName(type) as INodeType;
	const node: INode = {
		id: 'load-options-node',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: deepCopy(opts.parameters),
		...(opts.credentials ? { credentials: deepCopy(opts.credentials) } : {}),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
	});
	const additionalData = createAdditionalData(
		new HarnessCredentialsHelper(pkg.credentialTypes, opts.store),
	);
	// The editor sends the node's current (unsaved) parameters along; getCurrentNodeParameter reads them.
	additionalData.currentNodeParameters = deepCopy(opts.parameters);
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData,
		`parameters.${opts.method}`,
	);
	const method = nodeType.methods?.loadOptions?.[opts.method];
	if (!method) throw new Error(`${type} has no loadOptions method ${opts.method}`);
	return await method.call(context);
}

/**
 * Calls a node's listSearch method (a resource locator's "From list") the way n8n's editor does
 * (POST /rest/dynamic-node-parameters/resource-locator-results → DynamicNodeParametersService):
 * a LoadOptionsContext with the node's current parameters, then `method(filter, paginationToken)`.
 */
export async function listSearch(opts: {
	nodeType: string;
	method: string;
	parameters: INodeParameters;
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
	filter?: string;
	paginationToken?: string;
	typeVersion?: number;
	/** The workflow's time zone ($getTimezone()); default n8n's (America/New_York). */
	timezone?: string;
	/** The locator's parameter path, e.g. `parameters.lineItems.item[0].itemId`. */
	path?: string;
}): Promise<INodeListSearchResult> {
	setupContainer();
	const pkg = currentPackage();
	const type = resolveNodeTypeName(pkg, opts.nodeType);
	const nodeType = pkg.nodeTypes.getByName(type) as INodeType;
	const node: INode = {
		id: 'list-search-node',
		name: 'Node',
		type,
		typeVersion: opts.typeVersion ?? 1,
		position: [0, 0],
		parameters: deepCopy(opts.parameters),
		...(opts.credentials ? { credentials: deepCopy(opts.credentials) } : {}),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
		...(opts.timezone ? { settings: { timezone: opts.timezone } } : {}),
	});
	const additionalData = createAdditionalData(
		new HarnessCredentialsHelper(pkg.credentialTypes, opts.store),
	);
	additionalData.currentNodeParameters = deepCopy(opts.parameters);
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalData,
		opts.path ?? `parameters.${opts.method}`,
	);
	const method = nodeType.methods?.listSearch?.[opts.method];
	if (!method) throw new Error(`${type} has no listSearch method ${opts.method}`);
	return await method.call(context, opts.filter, opts.paginationToken);
}
