import type { INodeProperties } from 'n8n-workflow';
import type { ItemOperation } from './router';

/** One operation of one resource: its option in the Operation list, its fields and its code. */
export interface OperationDefinition<S> {
	name: string;
	/** What an AI agent sees, e.g. "Create an invoice". */
	action: string;
	description: string;
	properties: INodeProperties[];
	execute: ItemOperation<S>;
}

/** A resource's Operation option list and fields, and its handler for each operation `V`. */
export interface ResourceDefinition<S, V extends string> {
	description: INodeProperties[];
	operations: Record<V, ItemOperation<S>>;
}

/** Shows a field only for its resource and operation, keeping any other conditions it has. */
export function scoped(
	property: INodeProperties,
	resource: string,
	operation: string,
): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	if (show.resource) return property;
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { resource: [resource], operation: [operation], ...show },
		},
	};
}

/** The keys of a record built from exactly those keys (Object.keys types them as string). */
export function keysOf<K extends string>(record: Readonly<Record<K, unknown>>): K[] {
	return Object.keys(record) as K[];
}

/**
 * A resource's Operation option list, its operations' fields (shown only for that resource and
 * operation) and its dispatch table, from its operations keyed by their values: the Operation
 * list and the handlers come from the same definitions, so no operation is offered without one.
 */
export function resourceOperations<S, V extends string>(
	resource: string,
	definitions: Readonly<Record<V, OperationDefinition<S>>>,
	defaultOperation?: NoInfer<V>,
): ResourceDefinition<S, V> {
	const sorted = keysOf(definitions)
		.map((value) => ({ value, ...definitions[value] }))
		.sort((a, b) => a.name.localeCompare(b.name));
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- computed from the operations
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: sorted.map((d) => ({
			name: d.name,
			value: d.value,
			action: d.action,
			description: d.description,
		})),
		default: defaultOperation ?? sorted.find((d) => d.value === 'get')?.value ?? sorted[0].value,
	};
	const fields = sorted.flatMap((d) => d.properties.map((p) => scoped(p, resource, d.value)));
	const operations = {} as Record<V, ItemOperation<S>>; // filled below for every key of `definitions`
	for (const d of sorted) operations[d.value] = d.execute;
	return { description: [operationProperty, ...fields], operations };
}
