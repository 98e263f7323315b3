/**
 * The n8n editor, in headless Chromium, as a person uses it: owner setup, the example
 * workflow with the Cashfree node, its fields, a run from the editor with CANCELLED in the
 * node's output panel, and the credential's Test button against the simulator (success with
 * the right secret, Cashfree's "rejected" message with a wrong one). A screenshot of each step
 * goes to e2e/screenshots/.
 */
import { rmSync } from 'node:fs';

import type { Page } from 'playwright-core';

import { readExample } from '../tools/n8n/examples';
import type { N8nInstance } from '../tools/n8n/instance';
import type { CashfreeSimulator } from '../tools/simulator';
import { openBrowser, SCREENSHOT_DIR, type BrowserSession } from './helpers/browser';
import { OWNER, SETUP_TIMEOUT_MS, startSimulatorAndN8n } from './helpers/n8n';

const cancelExample = readExample('cancel-payment-link.json');
const cleanupExample = readExample('scheduled-cancellation.json');
const paidExample = readExample('cancel-other-links-when-paid.json');
/** The editor loads every node type (about 17 MB of JSON) before it shows a workflow. */
const EDITOR_TIMEOUT_MS = 90_000;

let simulator: CashfreeSimulator;
let n8n: N8nInstance;
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
	rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
	// The default expression engine, as in a user's n8n: a server's exit code is not asserted,
	// so the vm engine's occasional crash at exit (ARCHITECTURE.md) cannot make this flaky.
	({ simulator, n8n } = await startSimulatorAndN8n([cancelExample, cleanupExample, paidExample], {
		expressionEngine: 'vm',
	}));
	await n8n.start();
	session = await openBrowser();
	page = session.page;
	page.setDefaultTimeout(30_000);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	// What n8n's front end tried to reach outside this machine (aborted, so nothing left it).
	if (session?.blocked.length)
		process.stderr.write(
			`requests from the n8n editor blocked:\n  ${session.blocked.join('\n  ')}\n`,
		);
	await session?.close();
	await n8n?.stop();
	await simulator?.stop();
});

async function openWorkflow(id: string): Promise<void> {
	await page.goto(`${n8n.baseUrl}/workflow/${id}`);
	await page.getByTestId('canvas-node').first().waitFor({ timeout: EDITOR_TIMEOUT_MS });
}

/** Closes the node details view if a step left it open. */
async function closeNodePanel(): Promise<void> {
	const ndv = page.getByTestId('ndv');
	if (await ndv.isVisible()) {
		await page.getByTestId('ndv-close-button').click();
		await ndv.waitFor({ state: 'hidden' });
	}
}

describe('the n8n editor in Chromium, with the package installed', () => {
	it('completes the owner setup', async () => {
		await page.goto(`${n8n.baseUrl}/`);
		await page.waitForURL(/\/setup/);
		await page.locator('input[name=email]').fill(OWNER.email);
		await page.locator('input[name=firstName]').fill(OWNER.firstName);
		await page.locator('input[name=lastName]').fill(OWNER.lastName);
		await page.locator('input[name=password]').fill(OWNER.password);
		await session.screenshot('01-owner-setup');
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/setup'));
	});

	it('lists the Cashfree node and the cashfreeApi credential among its types, and offers the node in the nodes panel', async () => {
		const cookie = await n8n.signIn(OWNER.email, OWNER.password);
		const nodeTypes = (await (
			await fetch(`${n8n.baseUrl}/types/nodes.json`, { headers: { cookie } })
		).json()) as {
			name: string;
			displayName: string;
			credentials?: { name: string }[];
		}[];
		const cashfree = nodeTypes.find((type) => type.name === 'n8n-nodes-cashfree.cashfree');
		expect(cashfree).toMatchObject({
			displayName: 'Cashfree',
			credentials: [{ name: 'cashfreeApi', required: true }],
		});
		const credentialTypes = (await (
			await fetch(`${n8n.baseUrl}/types/credentials.json`, { headers: { cookie } })
		).json()) as {
			name: string;
			displayName: string;
		}[];
		expect(credentialTypes.find((type) => type.name === 'cashfreeApi')).toMatchObject({
			displayName: 'Cashfree API',
		});

		await openWorkflow(cleanupExample.id);
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Cashfree');
		await page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: /^Cashfree$/ })
			.first()
			.waitFor();
		await session.screenshot('02-nodes-panel');
	});

	it('opens examples/cancel-payment-link.json and the Cashfree node shows its fields', async () => {
		await openWorkflow(cancelExample.id);
		await session.screenshot('03-workflow');
		await page.getByTestId('canvas-node').filter({ hasText: 'Cancel payment link' }).dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		const parameters = ndv.getByTestId('node-parameters');
		// The editor fills in a collection's fields a moment after the rest ("Loading fields...").
		for (const name of ['resource', 'operation', 'linkId', 'idempotencyKey']) {
			await parameters.getByTestId(`parameter-input-${name}`).waitFor();
		}
		const text = await parameters.innerText();
		for (const label of [
			'Credential',
			'Resource',
			'Operation',
			'Link ID',
			'Additional Options',
			'Idempotency Key',
		]) {
			expect(text).toContain(label);
		}
		await expect(
			ndv.getByTestId('node-credentials-select').locator('input').inputValue(),
		).resolves.toBe('Cashfree simulator');
		await expect(
			parameters.getByTestId('parameter-input-resource').locator('input').inputValue(),
		).resolves.toBe('Payment Link');
		await expect(
			parameters.getByTestId('parameter-input-operation').locator('input').inputValue(),
		).resolves.toBe('Cancel');
		await expect(parameters.getByTestId('parameter-input-linkId').innerText()).resolves.toContain(
			'{{ $json.link_id }}',
		);
		await expect(
			parameters.getByTestId('parameter-input-idempotencyKey').innerText(),
		).resolves.toContain('cancel-{{ $json.link_id }}');
		await session.screenshot('04-cashfree-node');
	});

	it('executes the workflow from the editor and shows CANCELLED in the node output panel', async () => {
		await closeNodePanel();
		await page.getByTestId('execute-workflow-button').click();
		await page.getByText('Workflow executed successfully').waitFor({ timeout: 60_000 });
		await session.screenshot('05-executed');
		await page.getByTestId('canvas-node').filter({ hasText: 'Cancel payment link' }).dblclick();
		const output = page.getByTestId('output-panel');
		await output.getByText('CANCELLED', { exact: true }).first().waitFor();
		const shown = await output.innerText();
		expect(shown).toContain('demo_active_1');
		expect(shown).toContain('1 item');
		await session.screenshot('06-output-cancelled');
		expect(simulator.getLink('demo_active_1')?.link_status).toBe('CANCELLED');
		await closeNodePanel();
	});

	it('opens the credential: its Test reaches the simulator and succeeds', async () => {
		const checksBefore = credentialChecks();
		await page.goto(`${n8n.baseUrl}/home/credentials`);
		await page.getByTestId('resources-list-item').filter({ hasText: 'Cashfree simulator' }).click();
		await page.getByTestId('editCredential-modal').waitFor();
		const success = page.getByTestId('credentials-config-container-test-success');
		await success.waitFor();
		expect(await success.innerText()).toContain('Connection tested successfully');
		expect(credentialChecks()).toBeGreaterThan(checksBefore);
		await session.screenshot('07-credential-test-success');
	});

	it('reports Cashfree\'s "rejected" message when the credential is saved with a wrong secret', async () => {
		const checksBefore = credentialChecks();
		await page.getByTestId('parameter-input-clientSecret').locator('input').fill('not-the-secret');
		await page.getByTestId('credential-save-button').click();
		const modal = page.getByTestId('editCredential-modal');
		await modal.getByText('Couldn’t connect with these settings').waitFor();
		const details = modal.getByText('More details');
		if (await details.isVisible()) await details.click();
		await modal.getByText('Cashfree rejected the Client ID or Client Secret').waitFor();
		expect(credentialChecks()).toBeGreaterThan(checksBefore);
		await session.screenshot('08-credential-test-wrong-secret');
	});

	it('opens examples/cancel-other-links-when-paid.json: the Cashfree Trigger shows its webhook URLs and the setup note', async () => {
		await openWorkflow(paidExample.id);
		await page.getByTestId('canvas-node').filter({ hasText: 'Cashfree Trigger' }).dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		const notice = ndv.getByText(
			"Paste this node's webhook URL in the Cashfree Merchant Dashboard under Developers → Webhooks",
			{ exact: false },
		);
		await notice.first().waitFor();
		expect(await notice.first().isVisible()).toBe(true);
		// n8n shows a webhook node's URLs in a section that opens on a click.
		await ndv.getByText('Webhook URLs').first().click();
		const webhookId = paidExample.nodes.find((node) => node.name === 'Cashfree Trigger')?.webhookId;
		const url = ndv.getByText(`/webhook-test/${webhookId}/webhook`, { exact: false });
		await url.first().waitFor();
		await session.screenshot('09-cashfree-trigger-webhook-urls');
		// The production URL, the one to paste into Cashfree's dashboard.
		await ndv.getByText('Production URL').first().click();
		await ndv.getByText(`/webhook/${webhookId}/webhook`, { exact: false }).first().waitFor();
		await session.screenshot('10-cashfree-trigger-production-url');
	});
});

/** How many credential Test requests (the "link that cannot exist" lookup) reached the simulator. */
function credentialChecks(): number {
	return simulator.requests.filter(
		(request) => request.method === 'GET' && request.path === '/pg/links/n8n.credential.check',
	).length;
}
