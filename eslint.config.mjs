import { config } from '@n8n/node-cli/eslint';

// n8n's rules are for what ships (nodes/, credentials/, package.json): `n8n-node lint` at the
// root would otherwise apply them to the tests, tools and e2e suite too.
export default [{ ignores: ['test/**', 'tools/**', 'e2e/**', 'build/**', 'dist/**'] }, ...config];
