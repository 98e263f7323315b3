/**
 * Tests are TypeScript, compiled on the fly; `npm run build:dev` type-checks them. They run the
 * compiled package in dist/, so a run stops at once when dist/ is older than the sources.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	globalSetup: '<rootDir>/test/helpers/check-dist-fresh.js',
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', diagnostics: false }],
	},
	reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
	testTimeout: 30000,
};
