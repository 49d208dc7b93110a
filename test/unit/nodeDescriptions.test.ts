import type { INodeType } from 'n8n-workflow';
import { ZohoBookings } from '../../nodes/ZohoBookings/ZohoBookings.node';
import { RESOURCES as BOOKINGS } from '../../nodes/ZohoBookings/actions/resources';
import { ZohoPeople } from '../../nodes/ZohoPeople/ZohoPeople.node';
import { RESOURCES as PEOPLE } from '../../nodes/ZohoPeople/actions/resources';

describe.each([
	['Zoho People', new ZohoPeople() as INodeType, Object.keys(PEOPLE)],
	['Zoho Bookings', new ZohoBookings() as INodeType, Object.keys(BOOKINGS)],
])('%s node description', (_name, node, resources) => {
	it('is usable as an AI tool, with an action for every operation', () => {
		expect(node.description.usableAsTool).toBe(true);
		const operations = node.description.properties.filter((p) => p.name === 'operation');
		expect(operations).toHaveLength(resources.length + 1);
		for (const op of operations) {
			expect((op.options as Array<{ value: string }>).map((o) => o.value)).toContain(op.default);
			for (const option of op.options as Array<{ action?: string; description?: string }>) {
				// A verb, then what it acts on ("Get leave types", "Check In an employee").
				expect(option.action).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)? [a-z]+/);
				expect(option.description).toMatch(/^[A-Z][a-z]+ [a-z]/);
			}
		}
	});

	it('offers both credentials', () => {
		expect(node.description.credentials?.map((c) => c.name)).toEqual([
			'zohoRegionalOAuth2Api',
			'zohoSelfClientApi',
		]);
	});
});
