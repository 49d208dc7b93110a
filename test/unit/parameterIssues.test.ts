/**
 * No false issues (issue 15): every node of the package, as n8n loads it, opened on every resource
 * and operation (triggers: every event) with its defaults, through n8n's own parameter checks
 * (NodeHelpers.getNodeParametersIssues: the editor's red issue icons; WorkflowExecute also refuses
 * to run a workflow with issues). The only issues allowed are "required" ones on fields whose
 * default is empty and that the user must fill (an ID to act on); a default that n8n itself finds
 * invalid (e.g. `The value "" is not supported!`) fails the test.
 */
import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { loadPackage } from '../harness';

const pkg = loadPackage();

interface Form {
	node: string;
	parameters: INodeParameters;
}

/** The versions a node offers (a versioned description lists several). */
function versionsOf(description: INodeTypeDescription): number[] {
	return Array.isArray(description.version) ? description.version : [description.version];
}

/** Every resource × operation, or every event, of a node; one form when it has neither. */
function formsOf(description: INodeTypeDescription): INodeParameters[] {
	const props = description.properties;
	const operations = props.filter((p) => p.name === 'operation');
	if (operations.length) {
		return operations.flatMap((op) =>
			((op.options ?? []) as Array<{ value: string }>).map((o) => ({
				resource: ((op.displayOptions?.show?.resource ?? []) as string[])[0],
				operation: o.value,
			})),
		);
	}
	const event = props.find((p) => p.name === 'event');
	if (event)
		return ((event.options ?? []) as Array<{ value: string }>).map((o) => ({ event: o.value }));
	return [{}];
}

function issuesOf(
	description: INodeTypeDescription,
	typeVersion: number,
	values: INodeParameters,
): Record<string, string[]> {
	const node: INode = {
		id: 'n',
		name: description.displayName,
		type: `${pkg.packageName}.${description.name}`,
		typeVersion,
		position: [0, 0],
		parameters: {},
	};
	node.parameters =
		NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ??
		{};
	const issues: Record<string, string[]> = {
		...(NodeHelpers.getNodeParametersIssues(description.properties, node, description)
			?.parameters ?? {}),
	};
	// The editor's own check, which NodeHelpers does not make: a shown options parameter's value
	// must be one of its options ('The value "…" is not supported!').
	for (const property of description.properties) {
		if (property.type !== 'options' || !Array.isArray(property.options)) continue;
		if (!NodeHelpers.displayParameter(node.parameters, property, node, description)) continue;
		const allowed = (property.options as Array<{ value?: unknown }>).map((o) => o.value);
		const value = node.parameters[property.name];
		if (!allowed.includes(value))
			issues[property.name] = [
				...(issues[property.name] ?? []),
				`The value "${String(value)}" is not supported!`,
			];
	}
	return issues;
}

const cases: Array<[string, number, INodeParameters, INodeTypeDescription]> = pkg.nodeNames.flatMap(
	(name) => {
		const description = pkg.nodeTypes.getByNameAndVersion(name).description;
		return versionsOf(description).flatMap((v) =>
			formsOf(description).map(
				(values): [string, number, INodeParameters, INodeTypeDescription] => [
					description.name,
					v,
					values,
					description,
				],
			),
		);
	},
);

describe("n8n's parameter checks on every node, version and operation with its defaults", () => {
	it('covers every node of the package', () => {
		expect(new Set(cases.map(([n]) => n)).size).toBe(pkg.nodeNames.length);
		expect(cases.length).toBeGreaterThan(100);
	});

	it('finds only "required" issues, on fields the user must fill', () => {
		const unexpected: string[] = [];
		for (const [name, version, values, description] of cases) {
			const issues = issuesOf(description, version, values);
			for (const [parameter, messages] of Object.entries(issues)) {
				for (const message of messages) {
					if (/^Parameter ".*" is required\.$/.test(message)) {
						// A required field must have an empty default: an issue on a filled default is false.
						const property = description.properties.find((p) => p.name === parameter);
						const value = property?.default as unknown;
						const empty =
							value === '' ||
							value === undefined ||
							(typeof value === 'object' &&
								value !== null &&
								'value' in value &&
								(value as { value: unknown }).value === '');
						if (empty) continue;
					}
					unexpected.push(
						`${name} v${version} ${JSON.stringify(values)}: ${parameter}: ${message}`,
					);
				}
			}
		}
		expect(unexpected).toEqual([]);
	});
});
