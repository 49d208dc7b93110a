/** Jest runs TypeScript tests under test/ through ts-jest. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 60000,
	maxWorkers: 2,
	// The default output, then the tests skipped for a missing environment need, with the reason.
	reporters: ['default', '<rootDir>/test/e2e/skipReporter.js'],
};
