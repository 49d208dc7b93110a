// n8n's community-node rules: @n8n/eslint-plugin-community-nodes (recommended) and
// eslint-plugin-n8n-nodes-base (community, credentials and nodes configs). Tests get typed rules
// that catch floating and misused promises.
import tsParser from '@typescript-eslint/parser';
import n8nCommunity from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import ts from 'typescript';
import n8nMainRules from './scripts/lint/n8n-main-rules.mjs';

const communityRecommended = n8nCommunity.configs.recommended;
const base = n8nNodesBase.configs;

// @typescript-eslint/eslint-plugin is not among the dev dependencies; when it is, its own rules
// are used instead of the local stand-ins below (same names, so disable comments keep working).
let typescriptEslint;
try {
	typescriptEslint = (await import('@typescript-eslint/eslint-plugin')).default;
} catch {
	typescriptEslint = undefined;
}

/**
 * Local versions of the two typed rules (the cases that matter in tests):
 * - no-floating-promises: a statement whose value is a promise that is not awaited, returned,
 *   voided, assigned, or given a rejection handler (.catch(fn), .then(fn, fn)).
 * - no-misused-promises: a promise used as a condition, or a promise-returning function given
 *   where only a function returning void is expected (a callback whose result is dropped).
 */
function typed(context) {
	const services = context.sourceCode.parserServices;
	if (!services?.program)
		throw new Error(`${context.id} needs typed linting (parserOptions.project)`);
	const checker = services.program.getTypeChecker();
	const typeOf = (node) => checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node));
	const parts = (type) => (type.isUnion() ? type.types : [type]);
	const thenable = (t) => {
		const then = t.getProperty('then');
		return then !== undefined && checker.getTypeOfSymbol(then).getCallSignatures().length > 0;
	};
	/** Might be a promise (a statement holding one may float). */
	const isThenable = (type) => parts(type).some(thenable);
	/** Is a promise whatever it holds (`Promise | undefined` is a fair condition). */
	const isAlwaysThenable = (type) => parts(type).every(thenable);
	const returnsThenable = (type) =>
		parts(type).some((t) => t.getCallSignatures().some((s) => isThenable(s.getReturnType())));
	const isVoid = (type) =>
		parts(type).every((t) => (t.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) !== 0);
	/** True when every function the contextual type allows returns void (so a returned promise is dropped). */
	const wantsVoidCallback = (node) => {
		const contextual = checker.getContextualType(services.esTreeNodeToTSNodeMap.get(node));
		if (!contextual) return false;
		const signatures = parts(contextual).flatMap((t) => t.getCallSignatures());
		return signatures.length > 0 && signatures.every((s) => isVoid(s.getReturnType()));
	};
	return { typeOf, isThenable, isAlwaysThenable, returnsThenable, wantsVoidCallback };
}

const isHandled = (node) => {
	if (node.type === 'ChainExpression') return isHandled(node.expression);
	if (
		node.type !== 'CallExpression' ||
		node.callee.type !== 'MemberExpression' ||
		node.callee.property.type !== 'Identifier'
	)
		return false;
	const method = node.callee.property.name;
	if (method === 'catch') return node.arguments.length >= 1;
	if (method === 'then') return node.arguments.length >= 2;
	if (method === 'finally') return isHandled(node.callee.object);
	return false;
};

/** Local stand-ins for @typescript-eslint rules the code already names in disable comments. */
const localTypescriptEslint = {
	rules: {
		'no-explicit-any': {
			meta: {
				type: 'suggestion',
				schema: [],
				messages: { any: 'Unexpected any. Specify a different type.' },
			},
			create: (context) => ({ TSAnyKeyword: (node) => context.report({ node, messageId: 'any' }) }),
		},
		'no-require-imports': {
			meta: {
				type: 'problem',
				schema: [],
				messages: { require: 'A `require()` style import is forbidden.' },
			},
			create: (context) => ({
				'CallExpression[callee.type="Identifier"][callee.name="require"]': (node) => {
					if (
						!context.sourceCode
							.getScope(node)
							.references.some((r) => r.identifier === node.callee && r.resolved)
					) {
						context.report({ node, messageId: 'require' });
					}
				},
				TSExternalModuleReference: (node) => context.report({ node, messageId: 'require' }),
			}),
		},
		'no-floating-promises': {
			meta: {
				type: 'problem',
				schema: [],
				messages: {
					floating: 'Promises must be awaited, returned, voided, or given a rejection handler.',
				},
			},
			create(context) {
				const t = typed(context);
				return {
					ExpressionStatement(statement) {
						const e = statement.expression;
						if (statement.directive || e.type === 'AssignmentExpression') return;
						if (e.type === 'UnaryExpression' && e.operator === 'void') return;
						if (isHandled(e)) return;
						if (t.isThenable(t.typeOf(e)))
							context.report({ node: statement, messageId: 'floating' });
					},
				};
			},
		},
		'no-misused-promises': {
			meta: {
				type: 'problem',
				schema: [],
				messages: {
					conditional: 'A promise is always truthy: await it before using it as a condition.',
					voidReturn:
						'A promise-returning function is given where the result is dropped; its rejection would go unhandled.',
				},
			},
			create(context) {
				const t = typed(context);
				const checkCondition = (node) => {
					if (node && t.isAlwaysThenable(t.typeOf(node)))
						context.report({ node, messageId: 'conditional' });
				};
				const checkCallback = (node) => {
					if (t.returnsThenable(t.typeOf(node)) && t.wantsVoidCallback(node))
						context.report({ node, messageId: 'voidReturn' });
				};
				return {
					IfStatement: (n) => checkCondition(n.test),
					WhileStatement: (n) => checkCondition(n.test),
					DoWhileStatement: (n) => checkCondition(n.test),
					ForStatement: (n) => checkCondition(n.test),
					ConditionalExpression: (n) => checkCondition(n.test),
					'UnaryExpression[operator="!"]': (n) => checkCondition(n.argument),
					'LogicalExpression[operator="&&"], LogicalExpression[operator="||"]': (n) =>
						checkCondition(n.left),
					ArrowFunctionExpression: checkCallback,
					FunctionExpression: checkCallback,
					'CallExpression > Identifier.arguments, NewExpression > Identifier.arguments':
						checkCallback,
				};
			},
		},
	},
};

const testRules = {
	'@typescript-eslint/no-floating-promises': 'error',
	'@typescript-eslint/no-misused-promises': 'error',
	'@typescript-eslint/no-explicit-any': 'error',
	'@typescript-eslint/no-require-imports': 'error',
};

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'scripts/**',
			'bench/**',
			'eslint.config.mjs',
			'gulpfile.js',
			'jest.config.js',
			'index.js',
			'**/*.js',
		],
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
		},
		plugins: { ...communityRecommended.plugins, 'n8n-main': n8nMainRules },
		rules: {
			...communityRecommended.rules,
			'no-console': 'error',
			// Rules on n8n's main branch, not yet published (scripts/lint/n8n-main-rules.mjs).
			'n8n-main/require-continue-on-fail': 'error',
			'n8n-main/node-operation-error-itemindex': 'error',
			'n8n-main/options-sorted-alphabetically': 'error',
		},
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...communityRecommended.plugins },
		// Both plugins read package.json as a JavaScript object expression.
		rules: { ...base.community.rules, ...communityRecommended.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...base.credentials.rules,
			// "Only applicable to nodes in the main repository" (the rule's own doc); community
			// credentials need a full URL, which @n8n/community-nodes requires.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...base.nodes.rules,
			// These want the string 'main'; @n8n/community-nodes (node-connection-type-literal)
			// wants NodeConnectionTypes.Main. The newer plugin wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// A test that forgets an await passes before its assertions run: catch it here.
		files: ['test/**/*.ts'],
		languageOptions: {
			parser: tsParser,
			parserOptions: {
				ecmaVersion: 'latest',
				sourceType: 'module',
				project: './test/tsconfig.json',
				tsconfigRootDir: import.meta.dirname,
			},
		},
		plugins: { '@typescript-eslint': typescriptEslint ?? localTypescriptEslint },
		rules: { ...testRules, 'no-console': 'error' },
	},
];
