import type { INodeProperties } from 'n8n-workflow';
import type { ItemOperation } from './router';

/** One operation of one resource: its option in the Operation list, its fields and its code. */
export interface OperationDefinition<S> {
	value: string;
	name: string;
	/** What an AI agent sees, e.g. "Create an invoice". */
	action: string;
	description: string;
	properties: INodeProperties[];
	execute: ItemOperation<S>;
}

/** Shows a field only for its resource and operation, keeping any other conditions it has. */
export function scoped(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	if (show.resource) return property;
	return {
		...property,
		displayOptions: { ...property.displayOptions, show: { resource: [resource], operation: [operation], ...show } },
	};
}

/**
 * A resource's Operation option list, its operations' fields (shown only for that resource and
 * operation) and its dispatch table.
 */
export function resourceOperations<S>(
	resource: string,
	definitions: Array<OperationDefinition<S>>,
	defaultOperation?: string,
): { description: INodeProperties[]; operations: Record<string, ItemOperation<S>> } {
	const sorted = [...definitions].sort((a, b) => a.name.localeCompare(b.name));
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- computed from the operations
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: sorted.map((m) => ({ name: m.name, value: m.value, action: m.action, description: m.description })),
		default: defaultOperation ?? sorted.find((m) => m.value === 'get')?.value ?? sorted[0].value,
	};
	const fields = sorted.flatMap((m) => m.properties.map((p) => scoped(p, resource, m.value)));
	return {
		description: [operationProperty, ...fields],
		operations: Object.fromEntries(sorted.map((m) => [m.value, m.execute])),
	};
}
