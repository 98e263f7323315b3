/**
 * The end-to-end suite (`npm run test:e2e`): a real n8n (installed by tools/n8n/install.ts),
 * the packed package installed into it, workflows run by its CLI and its editor driven in
 * headless Chromium. Files run one at a time: each starts its own n8n, and two cores are
 * better spent on one n8n than shared by two.
 */
module.exports = {
	rootDir: '..',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	testEnvironment: 'node',
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/e2e/tsconfig.json', diagnostics: false }],
	},
	maxWorkers: 1,
	testTimeout: 120000,
	reporters: ['default', ['<rootDir>/test/helpers/summary-reporter.js', { label: 'e2e' }]],
};
