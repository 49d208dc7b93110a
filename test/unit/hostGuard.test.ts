import {
	UnsafePathError,
	buildGuardedUrl,
	checkRelativePath,
} from '../../nodes/shared/transport/hostGuard';

export const HOSTILE_PATHS = [
	'https://evil.example/contacts',
	'http://127.0.0.2/invoice/v3/contacts',
	'//evil.example/contacts',
	'/\\evil.example',
	'\\\\evil.example\\x',
	'/../../oauth/v2/token',
	'/contacts/../../../people/api/forms',
	'/%2e%2e/%2e%2e/oauth',
	'/%252e%252e/%252e%252e/oauth',
	'%2F%2Fevil.example/x',
	'/contacts/%5c..%5cevil',
	'/@evil.example',
	'/contacts%40evil.example',
	'javascript:alert(1)',
	'/./contacts',
	'/contacts#frag',
	'/contacts?organization_id=1',
	'/con\ntacts',
	'/%E0%A4%A',
	'',
	'/contacts/..;/..;/oauth/v2/token',
	'/..;x/people/api/forms',
	'/contacts/%2e%2e;/oauth',
];

describe('host guard', () => {
	it.each(HOSTILE_PATHS)('refuses %j', (path) => {
		expect(() =>
			buildGuardedUrl('https://www.zohoapis.eu/invoice/v3', path, ['https://www.zohoapis.eu']),
		).toThrow(UnsafePathError);
	});

	it('accepts plain relative paths and keeps them under the base', () => {
		expect(
			buildGuardedUrl('https://www.zohoapis.eu/invoice/v3', 'contacts/123', [
				'https://www.zohoapis.eu',
			]),
		).toBe('https://www.zohoapis.eu/invoice/v3/contacts/123');
		expect(checkRelativePath('/invoices/1/status/sent')).toBe('/invoices/1/status/sent');
	});

	it('refuses a base whose origin is not allowed', () => {
		expect(() =>
			buildGuardedUrl('https://www.zohoapis.com/invoice/v3', '/contacts', [
				'https://www.zohoapis.eu',
			]),
		).toThrow(/not a host of this data center/);
	});
});
