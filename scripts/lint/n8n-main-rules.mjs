/**
 * Community-node rules that n8n has on its main branch but not yet in the published
 * @n8n/eslint-plugin-community-nodes (docs/reference/updates-2026-12.md, "Community-node rules"),
 * written here from their documented behaviour so `npm run lint` applies them now:
 * - require-continue-on-fail: a node's execute() calls this.continueOnFail();
 * - node-operation-error-itemindex: NodeOperationError / NodeApiError created inside a loop over
 *   the input items carries { itemIndex };
 * - options-sorted-alphabetically: an `options` parameter written out in a node file lists its
 *   options by name, A to Z.
 * Options built by code, and codex files, are checked by test/unit/nodeConventions.test.ts.
 */

const isNodeFile = (context) => context.filename.endsWith('.node.ts');

/** A class with a `description` property and an implements/extends clause: a node type. */
function isNodeClass(node) {
	return node.body.body.some(
		(m) =>
			m.type === 'PropertyDefinition' &&
			m.key.type === 'Identifier' &&
			m.key.name === 'description',
	);
}

function executeMethod(classNode) {
	return classNode.body.body.find(
		(m) => m.type === 'MethodDefinition' && m.key.type === 'Identifier' && m.key.name === 'execute',
	);
}

/** Every AST node below `node` (parent links and locations skipped). */
function* descendants(node) {
	for (const [key, value] of Object.entries(node)) {
		if (key === 'parent' || key === 'loc' || key === 'range') continue;
		const children = Array.isArray(value) ? value : [value];
		for (const child of children) {
			if (child && typeof child === 'object' && typeof child.type === 'string') {
				yield child;
				yield* descendants(child);
			}
		}
	}
}

const isThisCall = (node, name) =>
	node.type === 'CallExpression' &&
	node.callee.type === 'MemberExpression' &&
	node.callee.object.type === 'ThisExpression' &&
	node.callee.property.type === 'Identifier' &&
	node.callee.property.name === name;

const requireContinueOnFail = {
	meta: {
		type: 'problem',
		docs: { description: "A node's execute() must handle this.continueOnFail()" },
		messages: {
			missing:
				'execute() must call this.continueOnFail() (and pass what it says to the item loop), so "Continue on fail" works.',
		},
		schema: [],
	},
	create(context) {
		if (!isNodeFile(context)) return {};
		return {
			ClassDeclaration(node) {
				if (!isNodeClass(node)) return;
				const execute = executeMethod(node);
				if (!execute?.value.body) return;
				const calls = [...descendants(execute.value.body)].some((n) =>
					isThisCall(n, 'continueOnFail'),
				);
				if (!calls) context.report({ node: execute.key, messageId: 'missing' });
			},
		};
	},
};

const ERROR_CLASSES = new Set(['NodeOperationError', 'NodeApiError']);

const nodeOperationErrorItemIndex = {
	meta: {
		type: 'problem',
		docs: { description: 'Errors created in the item loop of execute() carry { itemIndex }' },
		messages: {
			missing:
				'`new {{ name }}(…)` inside the item loop needs `{ itemIndex }` in its options (third argument).',
		},
		schema: [],
	},
	create(context) {
		if (!isNodeFile(context)) return {};
		return {
			ClassDeclaration(node) {
				if (!isNodeClass(node)) return;
				const execute = executeMethod(node);
				if (!execute?.value.body) return;
				const body = [...descendants(execute.value.body)];
				// Variables holding this.getInputData(), and loops over them.
				const items = new Set(
					body
						.filter(
							(n) =>
								n.type === 'VariableDeclarator' &&
								n.id.type === 'Identifier' &&
								n.init &&
								isThisCall(n.init, 'getInputData'),
						)
						.map((n) => n.id.name),
				);
				const overItems = (loop) => {
					if (loop.type === 'ForOfStatement')
						return (
							(loop.right.type === 'Identifier' && items.has(loop.right.name)) ||
							isThisCall(loop.right, 'getInputData')
						);
					const test = loop.test;
					const isLength = (e) =>
						e?.type === 'MemberExpression' &&
						e.property.type === 'Identifier' &&
						e.property.name === 'length' &&
						e.object.type === 'Identifier' &&
						items.has(e.object.name);
					return test?.type === 'BinaryExpression' && (isLength(test.left) || isLength(test.right));
				};
				for (const loop of body.filter(
					(n) => (n.type === 'ForStatement' || n.type === 'ForOfStatement') && overItems(n),
				)) {
					for (const created of descendants(loop)) {
						if (
							created.type !== 'NewExpression' ||
							created.callee.type !== 'Identifier' ||
							!ERROR_CLASSES.has(created.callee.name)
						)
							continue;
						const options = created.arguments[2];
						const ok =
							options !== undefined &&
							(options.type !== 'ObjectExpression' ||
								options.properties.some(
									(p) =>
										p.type === 'SpreadElement' ||
										(p.key?.type === 'Identifier' && p.key.name === 'itemIndex'),
								));
						if (!ok)
							context.report({
								node: created,
								messageId: 'missing',
								data: { name: created.callee.name },
							});
					}
				}
			},
		};
	},
};

const literalString = (node) =>
	node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
const propertyOf = (object, name) =>
	object.properties.find(
		(p) => p.type === 'Property' && !p.computed && (p.key.name === name || p.key.value === name),
	);

const optionsSortedAlphabetically = {
	meta: {
		type: 'suggestion',
		docs: {
			description: 'Options of an options parameter written in a node file are sorted by name',
		},
		messages: {
			unsorted: 'Options of "{{ name }}" are not sorted by name; expected: {{ expected }}.',
		},
		schema: [],
	},
	create(context) {
		if (!isNodeFile(context)) return {};
		return {
			ObjectExpression(node) {
				if (literalString(propertyOf(node, 'type')?.value) !== 'options') return;
				const options = propertyOf(node, 'options')?.value;
				if (options?.type !== 'ArrayExpression') return;
				const names = options.elements.map((e) =>
					e?.type === 'ObjectExpression' ? literalString(propertyOf(e, 'name')?.value) : undefined,
				);
				if (names.length < 2 || names.some((n) => n === undefined)) return;
				const sorted = [...names].sort((a, b) =>
					a.localeCompare(b, undefined, { sensitivity: 'base' }),
				);
				if (names.every((n, i) => n === sorted[i])) return;
				context.report({
					node: options,
					messageId: 'unsorted',
					data: {
						name: literalString(propertyOf(node, 'displayName')?.value) ?? '?',
						expected: sorted.join(', '),
					},
				});
			},
		};
	},
};

export default {
	rules: {
		'require-continue-on-fail': requireContinueOnFail,
		'node-operation-error-itemindex': nodeOperationErrorItemIndex,
		'options-sorted-alphabetically': optionsSortedAlphabetically,
	},
};
