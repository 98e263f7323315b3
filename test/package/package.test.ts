import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { N8nEngine, PACKAGE_ROOT } from '../../tools/engine/n8n-engine';

const packageJson = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	files: string[];
	license: string;
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; strict: boolean; nodes: string[]; credentials: string[] };
};

/** The fields every Cashfree credential starts with (credentials/cashfreeFields.ts). */
const SHARED_CREDENTIAL_FIELDS = [
	'clientId',
	'clientSecret',
	'previousClientSecret',
	'environment',
	'baseUrl',
];

describe('the package, as n8n and npm see it', () => {
	it('is a community node package with no runtime dependencies', () => {
		expect(packageJson.name).toBe('n8n-nodes-cashfree');
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		expect(packageJson.license).toBe('MIT');
		expect(packageJson.files).toEqual(['dist']);
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(Object.keys(packageJson.peerDependencies ?? {})).toEqual(['n8n-workflow']);
		expect(packageJson.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
			expect(existsSync(path.join(PACKAGE_ROOT, file))).toBe(true);
		}
	});

	it("keeps the eslint config that strict mode requires: n8n's template, unchanged", () => {
		const template = readFileSync(
			path.join(
				PACKAGE_ROOT,
				'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
			),
			'utf8',
		);
		const ours = readFileSync(path.join(PACKAGE_ROOT, 'eslint.config.mjs'), 'utf8');
		expect(ours.replace(/\s+/g, ' ').trim()).toBe(template.replace(/\s+/g, ' ').trim());
	});

	it("is loaded by n8n's package loader with its node, credential, codex and icons", async () => {
		const engine = await N8nEngine.load();
		expect(engine.packageName).toBe('n8n-nodes-cashfree');
		expect(Object.keys(engine.loader.known.nodes).sort()).toEqual([
			'cashfree',
			'cashfreePayouts',
			'cashfreePayoutsTrigger',
			'cashfreeTrigger',
		]);
		expect(Object.keys(engine.loader.known.credentials).sort()).toEqual([
			'cashfreeApi',
			'cashfreePayoutsApi',
		]);

		const node = engine.nodeTypes.getByNameAndVersion('n8n-nodes-cashfree.cashfree');
		const { description } = node;
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([
			{ name: 'cashfreeApi', required: true, testedBy: 'cashfreeApiCredentialTest' },
		]);
		expect(description.codex?.categories).toEqual(['Finance & Accounting']);
		const names = description.properties.map((property) => property.name);
		expect(names).toEqual(
			expect.arrayContaining(['resource', 'operation', 'linkId', 'additionalOptions']),
		);
		const cancel = description.properties
			.find((property) => property.name === 'operation')
			?.options?.find((option) => 'value' in option && option.value === 'cancel') as {
			description?: string;
		};
		expect(cancel.description).toMatch(/only.*ACTIVE|ACTIVE payment link/);

		const credential = engine.credentialsHelper.credentialType('cashfreeApi');
		expect(credential.properties.map((property) => property.name)).toEqual([
			...SHARED_CREDENTIAL_FIELDS,
			'apiVersion',
		]);
		for (const secret of ['clientSecret', 'previousClientSecret']) {
			expect(
				credential.properties.find((property) => property.name === secret)?.typeOptions?.password,
			).toBe(true);
		}

		const trigger = engine.nodeTypes.getByNameAndVersion('n8n-nodes-cashfree.cashfreeTrigger');
		expect(trigger.description).toMatchObject({
			group: ['trigger'],
			inputs: [],
			// n8n's loader turns the node's `file:` icons into URLs of the package's icons.
			iconUrl: {
				light: 'icons/n8n-nodes-cashfree/dist/nodes/Cashfree/cashfree.svg',
				dark: 'icons/n8n-nodes-cashfree/dist/nodes/Cashfree/cashfree.dark.svg',
			},
			credentials: [{ name: 'cashfreeApi', required: true, testedBy: 'cashfreeApiCredentialTest' }],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
		});
		expect(trigger.description.usableAsTool).toBeUndefined();
		expect(trigger.description.codex?.categories).toEqual(['Finance & Accounting']);

		const payoutsTrigger = engine.nodeTypes.getByNameAndVersion(
			'n8n-nodes-cashfree.cashfreePayoutsTrigger',
		);
		expect(payoutsTrigger.description).toMatchObject({
			displayName: 'Cashfree Payouts Trigger',
			group: ['trigger'],
			inputs: [],
			version: 1,
			// The Payment Gateway's icons, reached from the node's own folder.
			iconUrl: {
				light: 'icons/n8n-nodes-cashfree/dist/nodes/Cashfree/cashfree.svg',
				dark: 'icons/n8n-nodes-cashfree/dist/nodes/Cashfree/cashfree.dark.svg',
			},
			credentials: [{ name: 'cashfreePayoutsApi', required: true }],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
			],
		});
		expect(payoutsTrigger.description.usableAsTool).toBeUndefined();
		expect(payoutsTrigger.description.codex?.categories).toEqual(['Finance & Accounting']);

		for (const icon of ['cashfree.svg', 'cashfree.dark.svg']) {
			const file = path.join(PACKAGE_ROOT, 'dist', 'nodes', 'Cashfree', icon);
			expect(readFileSync(file, 'utf8')).toMatch(/^<svg /);
		}
	});

	it('loads the Cashfree Payouts node with its own credential, tested by the node, usable as a tool', async () => {
		const engine = await N8nEngine.load();
		const payouts = engine.nodeTypes.getByNameAndVersion('n8n-nodes-cashfree.cashfreePayouts');

		expect(payouts.description).toMatchObject({
			displayName: 'Cashfree Payouts',
			usableAsTool: true,
			credentials: [
				{
					name: 'cashfreePayoutsApi',
					required: true,
					testedBy: 'cashfreePayoutsApiCredentialTest',
				},
			],
			iconUrl: {
				light: 'icons/n8n-nodes-cashfree/dist/nodes/Cashfree/cashfree.svg',
				dark: 'icons/n8n-nodes-cashfree/dist/nodes/Cashfree/cashfree.dark.svg',
			},
		});
		expect(payouts.description.codex?.categories).toEqual(['Finance & Accounting']);
		const credential = engine.credentialsHelper.credentialType('cashfreePayoutsApi');
		expect(credential.properties.map((property) => property.name)).toEqual([
			...SHARED_CREDENTIAL_FIELDS,
			'secondFactor',
			'publicKey',
		]);
		for (const secret of ['clientSecret', 'previousClientSecret', 'publicKey']) {
			expect(
				credential.properties.find((property) => property.name === secret)?.typeOptions?.password,
			).toBe(true);
		}
	});

	it('packs only the built package: no tests, no sources, no tools', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: PACKAGE_ROOT,
			encoding: 'utf8',
		});
		const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }>; size: number }>;
		const files = pack.files.map((file) => file.path);
		expect(files).toEqual(
			expect.arrayContaining([
				'package.json',
				'dist/nodes/Cashfree/Cashfree.node.js',
				'dist/nodes/Cashfree/CashfreeTrigger.node.js',
				'dist/nodes/Cashfree/CashfreeTrigger.node.json',
				'dist/nodes/CashfreePayouts/CashfreePayoutsTrigger.node.js',
				'dist/nodes/CashfreePayouts/CashfreePayoutsTrigger.node.json',
			]),
		);
		expect(
			files.filter((file) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(file)),
		).toEqual([]);
		expect(
			files.filter(
				(file) => /\.test\.|\/test\/|tools\/|\.ts$/.test(file) && !file.endsWith('.d.ts'),
			),
		).toEqual([]);
	});
});
