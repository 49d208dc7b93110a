import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IRunData,
	IWorkflowBase,
} from 'n8n-workflow';
import { createRunExecutionData, deepCopy, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { createAdditionalData, nextExecutionId } from './additional-data';
import { HARNESS_START_NODE_TYPE } from './builtin-nodes';
import { setupContainer } from './container';
import type { CredentialStore } from './credential-store';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { LoadedPackage } from './package-loader';
import { currentPackage, resolveNodeTypeName } from './package-loader';

export interface RunNodeOptions {
	/** `zohoInvoice` or the full `n8n-nodes-zoho-regional.zohoInvoice`. */
	nodeType: string;
	parameters: INodeParameters;
	/** credential type -> stored credential reference, as in a workflow's node JSON. */
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
	/** JSON of the items the node receives; default `[{}]`. */
	inputItems?: IDataObject[];
	/** Full input items (e.g. with binary); takes precedence over `inputItems`. */
	inputData?: INodeExecutionData[];
	/** Sets `onError: 'continueRegularOutput'` (and the legacy `continueOnFail: true`). */
	continueOnFail?: boolean;
	/** Default: the type's `defaultVersion`, else its highest version. */
	typeVersion?: number;
	/** Name of the node in the workflow; default 'Node'. */
	nodeName?: string;
	/** Package to use; default: the last `loadPackage()` result (loading `dist` if none). */
	package?: LoadedPackage;
}

export interface RunNodeResult {
	/** Output of the node's last run (`runData[nodeName][last].data.main`). */
	output: INodeExecutionData[][] | undefined;
	/** `executionData.data.resultData.error` — set when the workflow failed. */
	error?: ExecutionError;
	runData: IRunData;
	executionData: IRun;
	/** The node as it was placed in the workflow (parameters incl. defaults). */
	node: INode;
}

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	setupContainer();
	const pkg = opts.package ?? currentPackage();
	const type = resolveNodeTypeName(pkg, opts.nodeType);
	const nodeType = pkg.nodeTypes.getByName(type);
	let typeVersion = opts.typeVersion;
	if (typeVersion === undefined) {
		if ('nodeVersions' in nodeType) {
			typeVersion =
				nodeType.description.defaultVersion ??
				Math.max(...Object.keys(nodeType.nodeVersions).map(Number));
		} else {
			const { version, defaultVersion } = nodeType.description;
			typeVersion = defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
		}
	}
	const nodeName = opts.nodeName ?? 'Node';

	const startNode: INode = {
		id: 'harness-start',
		name: 'Start',
		type: HARNESS_START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const node: INode = {
		id: 'harness-node',
		name: nodeName,
		type,
		typeVersion,
		position: [200, 0],
		parameters: deepCopy(opts.parameters),
		...(opts.credentials ? { credentials: deepCopy(opts.credentials) } : {}),
		...(opts.continueOnFail ? { onError: 'continueRegularOutput', continueOnFail: true } : {}),
	};
	const connections = {
		Start: { main: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]] },
	};

	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: [startNode, node],
		connections,
		nodeTypes: pkg.nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const executionId = nextExecutionId();
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		nodes: [startNode, node],
		connections,
		active: false,
		isArchived: false,
		settings: workflow.settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);

	const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes, opts.store);
	const additionalData = createAdditionalData(credentialsHelper, hooks, executionId);

	const input: INodeExecutionData[] =
		opts.inputData ?? (opts.inputItems ?? [{}]).map((json) => ({ json }));

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: workflow.getNode('Start')!, data: { main: [input] }, source: null },
			],
		},
	});

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const executionData = await workflowExecute.processRunExecutionData(workflow);

	const runData = executionData.data.resultData.runData;
	const taskData = runData[nodeName]?.at(-1);
	return {
		output: taskData?.data?.main as INodeExecutionData[][] | undefined,
		error: executionData.data.resultData.error,
		runData,
		executionData,
		node: workflow.getNode(nodeName)!,
	};
}
