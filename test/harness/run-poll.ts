import { Container } from '@n8n/di';
import { PollContext } from 'n8n-core';
// Not re-exported from n8n-core's index; same module instance as the one n8n-core uses.
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { deepCopy, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { setupContainer } from './container';
import type { CredentialStore } from './credential-store';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { LoadedPackage } from './package-loader';
import { currentPackage, resolveNodeTypeName } from './package-loader';

export interface RunPollOptions {
	/** `zohoInvoiceTrigger` or the full `n8n-nodes-zoho-regional.zohoInvoiceTrigger`. */
	nodeType: string;
	parameters: INodeParameters;
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
	/**
	 * The workflow's static data as n8n stored it after the last poll (undefined: a new workflow).
	 * Passing the returned `staticData` of one poll into the next is what n8n does across polls and
	 * restarts (it keeps static data in its database).
	 */
	staticData?: IDataObject;
	/** 'trigger' for an active workflow's poll, 'manual' for the editor's "Fetch Test Event". */
	mode?: WorkflowExecuteMode;
	activation?: WorkflowActivateMode;
	package?: LoadedPackage;
	/**
	 * Gets the workflow's static data after the poll, also when poll() throws: n8n keeps what a
	 * failed poll changed in memory (docs/triggers.md), which the next poll in the same process sees.
	 */
	onStaticData?: (staticData: IDataObject) => void;
}

export interface RunPollResult {
	/** What poll() returned: null when nothing new. */
	output: INodeExecutionData[][] | null;
	/** The workflow's static data after the poll, as n8n would save it. */
	staticData: IDataObject;
	node: INode;
}

/**
 * Runs a polling trigger's poll() as n8n-core does for an active workflow: a PollContext over the
 * workflow, called through TriggersAndPollers.runPoll. A thrown error is thrown here too, carrying
 * the static data as n8n would keep it in memory (staticDataOf).
 */
export async function runPoll(opts: RunPollOptions): Promise<RunPollResult> {
	setupContainer();
	const pkg = opts.package ?? currentPackage();
	const type = resolveNodeTypeName(pkg, opts.nodeType);
	const description = pkg.nodeTypes.getByNameAndVersion(type).description;
	const { version, defaultVersion } = description;
	const typeVersion = defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
	const node: INode = {
		id: 'harness-trigger',
		name: 'Trigger',
		type,
		typeVersion,
		position: [0, 0],
		parameters: deepCopy(opts.parameters),
		...(opts.credentials ? { credentials: deepCopy(opts.credentials) } : {}),
	};
	const workflow = new Workflow({
		id: 'harness-poll-workflow',
		name: 'Harness poll workflow',
		nodes: [node],
		connections: {},
		nodeTypes: pkg.nodeTypes,
		active: true,
		staticData: opts.staticData ? deepCopy(opts.staticData) : undefined,
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes, opts.store);
	const additionalData = createAdditionalData(credentialsHelper);
	const placed = workflow.getNode(node.name) ?? node;
	const context = new PollContext(
		workflow,
		placed,
		additionalData,
		opts.mode ?? 'trigger',
		opts.activation ?? 'activate',
	);
	const pollers: TriggersAndPollers = Container.get(TriggersAndPollers);
	let output: INodeExecutionData[][] | null | undefined;
	try {
		output = await pollers.runPoll(workflow, placed, context);
	} catch (error) {
		// n8n keeps static data changed before a throw in memory, and the next poll of the same
		// workflow sees it (docs/triggers.md): the error carries it for the test to pass on.
		if (error && typeof error === 'object')
			Object.defineProperty(error, 'staticData', {
				value: deepCopy(workflow.staticData),
				configurable: true,
			});
		throw error;
	} finally {
		opts.onStaticData?.(deepCopy(workflow.staticData));
	}
	return { output: output ?? null, staticData: deepCopy(workflow.staticData), node: placed };
}

/** The static data a failed runPoll left in memory (see runPoll), or undefined. */
export function staticDataOf(error: unknown): IDataObject | undefined {
	return (error as { staticData?: IDataObject } | undefined)?.staticData;
}
