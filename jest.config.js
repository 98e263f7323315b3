/** Tests are TypeScript, compiled on the fly; `npm run build:dev` type-checks them. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', diagnostics: false }],
	},
	reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
	testTimeout: 30000,
};
