/**
 * Tiny node types the harness needs besides the package's own nodes.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const HARNESS_START_NODE_TYPE = 'n8n-nodes-harness.start';
export const NOOP_NODE_TYPE = 'n8n-nodes-base.noOp';

/** Start node: its execution-stack entry carries the input items; it passes them on. */
export class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: HARNESS_START_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Feeds the test input items into the workflow',
		defaults: { name: 'Start' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => ({
				json: item.json,
				...(item.binary ? { binary: item.binary } : {}),
				pairedItem: { item: index },
			})),
		];
	}
}

/** Minimal copy of n8n-nodes-base's No Operation node (used as the credential-test node). */
export class NoOp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: NOOP_NODE_TYPE,
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}
