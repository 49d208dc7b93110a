import { ZohoInvoice } from '../../nodes/ZohoInvoice/ZohoInvoice.node';
import { RESOURCES } from '../../nodes/ZohoInvoice/actions/resources';

describe('Zoho Invoice node description', () => {
	const node = new ZohoInvoice();
	it('gives every operation an action text an AI agent can act on', () => {
		expect(node.description.usableAsTool).toBe(true);
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		expect(operations).toHaveLength(RESOURCES.length + 1);
		for (const op of operations) {
			for (const option of op.options as Array<{
				action?: string;
				description?: string;
				value: string;
			}>) {
				expect(option.action).toMatch(
					/^[A-Z][a-z]+ (a|an|many|the) |^(Make|Download|Email|Apply|Void|Stop|Resume|Mark)/,
				);
				expect(option.description).toMatch(/^[A-Z][a-z]+ [a-z]/);
			}
		}
	});

	it('has operation defaults that exist among its options', () => {
		for (const op of node.description.properties.filter((p) => p.name === 'operation')) {
			expect((op.options as Array<{ value: string }>).map((o) => o.value)).toContain(op.default);
		}
	});
});
