/**
 * n8n's community-node conventions that a lint rule cannot see in our sources, checked on every node
 * of the package as n8n loads it (built dist/, package.json "n8n"): options built by code, nested
 * collections, and the codex files. The rules on n8n's main branch that lint can run are in
 * scripts/lint/n8n-main-rules.mjs (docs/reference/updates-2026-12.md, "Community-node rules").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { loadPackage } from '../harness';

const ROOT = path.resolve(__dirname, '../..');
const pkg = loadPackage();
const descriptions: INodeTypeDescription[] = pkg.nodeNames.map(
	(name) => pkg.nodeTypes.getByNameAndVersion(name).description,
);

/**
 * n8n's node panel keys off these exact category names: an unknown one hides the node. The list
 * n8n's main branch checks against (valid-codex-categories) and its public codex-file docs.
 */
const KNOWN_CATEGORIES = new Set([
	'AI',
	'Analytics',
	'Communication',
	'Core Nodes',
	'Data & Storage',
	'Developer Tools',
	'Development',
	'ECM',
	'Finance & Accounting',
	'HITL',
	'Marketing & Content',
	'Miscellaneous',
	'Productivity',
	'Sales',
	'Utility',
]);

/** Options lists whose order carries meaning, with the reason. */
const ORDERED: Record<string, string> = {
	'zohoInvoice:recurrenceFrequency': 'units of time, shortest first',
	'zohoInvoice:updateFields.recurrenceFrequency': 'units of time, shortest first',
};

interface Found {
	node: string;
	path: string;
	property: INodeProperties | INodePropertyOptions;
}

/** Every parameter, also inside collections and fixed collections, with a readable path. */
function allParameters(description: INodeTypeDescription): Found[] {
	const out: Found[] = [];
	const walk = (properties: unknown[], prefix: string) => {
		for (const p of properties as Array<INodeProperties & { values?: INodeProperties[] }>) {
			if (!p || typeof p !== 'object') continue;
			const here = `${prefix}${p.name ?? p.displayName}`;
			if ('type' in p) out.push({ node: description.name, path: here, property: p });
			const nested = (p.options ?? []) as Array<INodeProperties & { values?: INodeProperties[] }>;
			if (p.type === 'collection') walk(nested, `${here}.`);
			if (p.type === 'fixedCollection')
				for (const group of nested) walk(group.values ?? [], `${here}.${group.name}.`);
		}
	};
	walk(description.properties, '');
	return out;
}

const params = descriptions.flatMap(allParameters);

describe('n8n community-node conventions, on every node as n8n loads it', () => {
	it('loads the action nodes and the trigger nodes of package.json', () => {
		expect(descriptions.length).toBeGreaterThanOrEqual(3);
		expect(params.length).toBeGreaterThan(100);
	});

	it('options-sorted-alphabetically: every options list, built by code or nested, is sorted by name', () => {
		const unsorted = params
			.filter(({ property }) => 'type' in property && property.type === 'options')
			.filter(({ node, path: at }) => !ORDERED[`${node}:${at}`])
			// Poll Times is n8n's own parameter, added by its loader to polling nodes.
			.filter(({ path: at }) => !at.startsWith('pollTimes.'))
			.map(({ node, path: at, property }) => {
				const names = ((property as INodeProperties).options ?? []).map((o) =>
					'name' in o ? String(o.name) : '',
				);
				const sorted = [...names].sort((a, b) =>
					a.localeCompare(b, undefined, { sensitivity: 'base' }),
				);
				return names.every((n, i) => n === sorted[i])
					? undefined
					: `${node}:${at}: ${names.join(', ')}`;
			})
			.filter((x) => x !== undefined);
		expect(unsorted).toEqual([]);
	});

	it('hint-max-length and sentence case: hints are one short sentence, not Title Case', () => {
		const bad = params
			.map(({ node, path: at, property }) => ({
				at: `${node}:${at}`,
				hint: (property as INodeProperties).hint,
			}))
			.filter(({ hint }) => typeof hint === 'string')
			.filter(({ hint }) => {
				const words = String(hint)
					.split(/\s+/)
					.filter((w) => /^[A-Za-z]/.test(w));
				const capitalised = words.slice(1).filter((w) => /^[A-Z][a-z]/.test(w));
				return (
					String(hint).length > 120 ||
					!/^[A-Z]/.test(String(hint)) ||
					(words.length > 3 && capitalised.length > words.length / 2)
				);
			})
			.map(({ at, hint }) => `${at}: ${String(hint)}`);
		expect(bad).toEqual([]);
	});

	it('valid-codex-categories and no-codex-subcategories: each node file has known categories only', () => {
		const problems: string[] = [];
		for (const rel of [
			...(
				JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
					n8n: { nodes: string[] };
				}
			).n8n.nodes,
		]) {
			const codexFile = path
				.join(ROOT, rel)
				.replace(`${path.sep}dist${path.sep}`, `${path.sep}`)
				.replace(/\.node\.js$/, '.node.json');
			const codex = JSON.parse(readFileSync(codexFile, 'utf8')) as {
				categories?: string[];
				subcategories?: unknown;
			};
			if (!codex.categories?.length) problems.push(`${rel}: no categories`);
			for (const c of codex.categories ?? [])
				if (!KNOWN_CATEGORIES.has(c)) problems.push(`${rel}: unknown category "${c}"`);
			if (codex.subcategories !== undefined) problems.push(`${rel}: has subcategories`);
		}
		expect(problems).toEqual([]);
	});

	it('trigger-node conventions: triggers end in "Trigger", have no inputs and are not AI tools; actions are', () => {
		for (const d of descriptions) {
			const isTrigger = d.polling === true || d.group.includes('trigger');
			if (isTrigger) {
				expect({ name: d.name, inputs: d.inputs, tool: d.usableAsTool }).toEqual({
					name: expect.stringMatching(/Trigger$/),
					inputs: [],
					tool: undefined,
				});
				expect(d.displayName).toMatch(/ Trigger$/);
			} else {
				expect({ name: d.name, tool: d.usableAsTool }).toEqual({ name: d.name, tool: true });
			}
		}
	});

	it('single-credential-per-node: one Authentication selector shows exactly one credential at a time', () => {
		for (const d of descriptions) {
			const selector = d.properties.find((p) => p.name === 'authentication');
			const choices = (selector?.options ?? []).map((o) => ('value' in o ? o.value : undefined));
			expect(choices.length).toBeGreaterThan(0);
			for (const choice of choices) {
				const shown = (d.credentials ?? []).filter((c) =>
					(c.displayOptions?.show?.authentication as unknown[] | undefined)?.includes(choice),
				);
				expect({ node: d.name, choice, shown: shown.length }).toEqual({
					node: d.name,
					choice,
					shown: 1,
				});
			}
		}
	});
});
