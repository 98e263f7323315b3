/**
 * n8n itself (2.41.1, or the version CASHFREE_N8N_VERSION picks, see tools/n8n/install.ts),
 * from its CLI: the packed package installed as Community Nodes installs
 * it, a credential imported with `n8n import:credentials`, the shipped example workflows
 * (and variants of them) imported with `n8n import:workflow` and run with
 * `n8n execute --id ... --rawOutput` against the Cashfree simulator. The CLI runs with
 * N8N_EXPRESSION_ENGINE=legacy (the instance's default, see ARCHITECTURE.md), so an exit code
 * other than the expected one is always a failure, never n8n's crash at exit.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
	nodeItems,
	parseExecution,
	readExample,
	setLinkIds,
	type ExecutionResult,
	type WorkflowFile,
} from '../tools/n8n/examples';
import { n8nVersionToRun } from '../tools/n8n/install';
import { describeFailure, type N8nInstance } from '../tools/n8n/instance';
import type { CashfreeSimulator } from '../tools/simulator';
import { CLIENT_ID, reseed, SETUP_TIMEOUT_MS, startSimulatorAndN8n, variant } from './helpers/n8n';

const cancelExample = readExample('cancel-payment-link.json');
const cleanupExample = readExample('scheduled-cancellation.json');

const setLinkId = (linkId: string) => (node: WorkflowFile['nodes'][number]) => {
	(
		node.parameters as { assignments: { assignments: { value: string }[] } }
	).assignments.assignments[0].value = linkId;
};

const badLinkId = variant(cancelExample, 'cfE2eBadLinkId01', {
	'Link to cancel': setLinkId('abc/def'),
});
const paidLink = variant(cancelExample, 'cfE2ePaidLink001', {
	'Link to cancel': setLinkId('demo_paid'),
});
const cleanupWithErrors = variant(cleanupExample, 'cfE2eCleanupErr1', {
	'Links to cancel': setLinkIds(['demo_active_2', 'abc/def', 'demo_expired', 'demo_cancelled']),
});

let simulator: CashfreeSimulator;
let n8n: N8nInstance;

beforeAll(async () => {
	({ simulator, n8n } = await startSimulatorAndN8n([
		cancelExample,
		cleanupExample,
		badLinkId,
		paidLink,
		cleanupWithErrors,
	]));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await simulator?.stop();
});

beforeEach(() => reseed(simulator));

/** `n8n execute --id <id> --rawOutput`; the exit code must be the expected one, with no crash. */
async function execute(workflowId: string, expectedExitCode: 0 | 1): Promise<ExecutionResult> {
	const result = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
	if (result.code !== expectedExitCode) throw new Error(describeFailure(result));
	return parseExecution(result.stdout);
}

function cancelRequests(): string[] {
	return simulator.requests
		.filter((request) => request.method === 'POST' && request.path.endsWith('/cancel'))
		.map((request) => request.path);
}

describe(`n8n ${n8nVersionToRun()} with the packed package installed as a community package`, () => {
	it('has the package unpacked from the tarball in nodes/node_modules and recorded in nodes/package.json', () => {
		const nodesDir = path.join(n8n.n8nFolder, 'nodes');
		const packageDir = path.join(nodesDir, 'node_modules', 'n8n-nodes-cashfree');
		expect(lstatSync(packageDir).isSymbolicLink()).toBe(false);
		expect(existsSync(path.join(packageDir, 'dist', 'nodes', 'Cashfree', 'Cashfree.node.js'))).toBe(
			true,
		);
		expect(
			existsSync(path.join(packageDir, 'dist', 'credentials', 'CashfreeApi.credentials.js')),
		).toBe(true);
		// Only what `files` in package.json publishes: no sources, no tests.
		expect(existsSync(path.join(packageDir, 'nodes'))).toBe(false);
		expect(existsSync(path.join(packageDir, 'test'))).toBe(false);
		const recorded = JSON.parse(readFileSync(path.join(nodesDir, 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
		};
		expect(recorded.dependencies).toEqual({
			'n8n-nodes-cashfree': expect.stringMatching(/^\d+\.\d+\.\d+/),
		});
	});

	it('runs examples/cancel-payment-link.json: the link comes back CANCELLED and is cancelled in the simulator', async () => {
		const execution = await execute(cancelExample.id, 0);

		expect(execution).toMatchObject({ status: 'success', mode: 'cli', finished: true });
		expect(execution.data.resultData.lastNodeExecuted).toBe('Cancel payment link');
		const items = nodeItems(execution, 'Cancel payment link');
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			link_id: 'demo_active_1',
			link_status: 'CANCELLED',
			link_amount: 499,
			link_currency: 'INR',
			link_purpose: 'Demo: active link',
		});
		expect(typeof items[0].cf_link_id).toBe('string');

		expect(simulator.getLink('demo_active_1')?.link_status).toBe('CANCELLED');
		expect(simulator.cancelCount('demo_active_1')).toBe(1);
		const [request] = simulator.requests.filter((candidate) => candidate.path.endsWith('/cancel'));
		expect(request.headers).toMatchObject({
			'x-client-id': CLIENT_ID,
			'x-api-version': '2025-01-01',
			'x-idempotency-key': 'cancel-demo_active_1',
		});
	});

	it('runs examples/scheduled-cancellation.json from its Manual Trigger: cancels the list in one run and summarises', async () => {
		const execution = await execute(cleanupExample.id, 0);

		expect(execution.status).toBe('success');
		// n8n 2.41.1 ignores the start node `execute` picks and starts from the first trigger in the
		// file, which is why the example lists its Manual Trigger before its Schedule Trigger.
		expect(Object.keys(execution.data.resultData.runData)).toContain(
			"When clicking 'Execute workflow'",
		);
		expect(Object.keys(execution.data.resultData.runData)).not.toContain('Every day at 02:00');
		const cancelled = nodeItems(execution, 'Cancel payment links');
		expect(cancelled).toHaveLength(4);
		expect(cancelled[0]).toMatchObject({ link_id: 'demo_active_1', link_status: 'CANCELLED' });
		expect(cancelled[1]).toMatchObject({ link_id: 'demo_active_2', link_status: 'CANCELLED' });
		expect(cancelled[2]).toMatchObject({
			httpStatus: 400,
			code: 'link_not_active',
			type: 'invalid_request_error',
		});
		expect(cancelled[2].error).toContain('Payment link "demo_cancelled" is already CANCELLED');
		expect(cancelled[3]).toMatchObject({ httpStatus: 400, code: 'link_not_active' });
		expect(cancelled[3].error).toContain('Payment link "demo_paid" is PAID');

		expect(
			nodeItems(execution, 'Outcome per link').map(({ link_id, outcome }) => [link_id, outcome]),
		).toEqual([
			['demo_active_1', 'cancelled'],
			['demo_active_2', 'cancelled'],
			['demo_cancelled', 'already_cancelled'],
			['demo_paid', 'failed'],
		]);
		const summary = nodeItems(execution, 'Summary');
		expect(summary).toHaveLength(1);
		expect(summary[0]).toMatchObject({
			summary: '2 cancelled, 1 failed, 1 already cancelled',
			cancelled: ['demo_active_1', 'demo_active_2'],
			already_cancelled: ['demo_cancelled'],
			failed: [
				{
					link_id: 'demo_paid',
					error: expect.stringContaining('is PAID; only ACTIVE links can be cancelled'),
				},
			],
		});

		expect(simulator.getLink('demo_active_1')?.link_status).toBe('CANCELLED');
		expect(simulator.getLink('demo_active_2')?.link_status).toBe('CANCELLED');
		expect(simulator.getLink('demo_paid')?.link_status).toBe('PAID');
		expect(cancelRequests()).toEqual([
			'/pg/links/demo_active_1/cancel',
			'/pg/links/demo_active_2/cancel',
			'/pg/links/demo_cancelled/cancel',
			'/pg/links/demo_paid/cancel',
		]);
	});

	it('stops a run on a bad link id with the node validation error, before anything is sent', async () => {
		const execution = await execute(badLinkId.id, 1);

		expect(execution.status).toBe('error');
		const { error } = execution.data.resultData;
		expect(error?.message).toBe(
			'Invalid Link ID in item 0: "abc/def" contains "/" (U+002F) at position 4; only letters A-Z and a-z, digits 0-9, "-" and "_" are allowed',
		);
		expect(error?.node?.name).toBe('Cancel payment link');
		expect(simulator.requests).toEqual([]);
	});

	it('stops a run on a link that is not ACTIVE with the error that says which status it is in', async () => {
		const execution = await execute(paidLink.id, 1);

		expect(execution.status).toBe('error');
		const { error } = execution.data.resultData;
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Cashfree: the payment link cannot be cancelled because it is not active. Payment link "demo_paid" is PAID; only ACTIVE links can be cancelled',
		);
		expect(error?.description).toMatch(
			/HTTP status: 400 · code: link_not_active · type: invalid_request_error · x-request-id: n8n-/,
		);
		expect(simulator.getLink('demo_paid')?.link_status).toBe('PAID');
	});

	it('with Continue On Fail completes the run: a bad id and not-cancellable links become error items, the rest is cancelled', async () => {
		const execution = await execute(cleanupWithErrors.id, 0);

		expect(execution.status).toBe('success');
		const items = nodeItems(execution, 'Cancel payment links');
		expect(items).toHaveLength(4);
		expect(items[0]).toMatchObject({ link_id: 'demo_active_2', link_status: 'CANCELLED' });
		expect(items[1].error).toBe(
			'Invalid Link ID in item 1: "abc/def" contains "/" (U+002F) at position 4; only letters A-Z and a-z, digits 0-9, "-" and "_" are allowed',
		);
		expect(items[2]).toMatchObject({ code: 'link_not_active', httpStatus: 400 });
		expect(items[2].error).toContain('Payment link "demo_expired" has EXPIRED');
		expect(items[3].error).toContain('Payment link "demo_cancelled" is already CANCELLED');
		// The item a Continue On Fail error becomes: the validation error has no HTTP side.
		expect(Object.keys(items[1]).sort()).toEqual(['error', 'errorDescription']);
		// A refused cancel also carries the idempotency key it was sent with; its outcome is
		// known (refused), so no "outcome": "unknown".
		for (const item of items.slice(2)) {
			expect(Object.keys(item).sort()).toEqual([
				'code',
				'error',
				'errorDescription',
				'httpStatus',
				'idempotencyKey',
				'requestId',
				'type',
			]);
		}

		expect(nodeItems(execution, 'Summary')[0]).toMatchObject({
			summary: '1 cancelled, 2 failed, 1 already cancelled',
			cancelled: ['demo_active_2'],
			already_cancelled: ['demo_cancelled'],
			failed: [
				{ link_id: 'abc/def', error: expect.stringContaining('Invalid Link ID') },
				{ link_id: 'demo_expired', error: expect.stringContaining('has EXPIRED') },
			],
		});
		expect(simulator.getLink('demo_active_2')?.link_status).toBe('CANCELLED');
		expect(cancelRequests()).not.toContain('/pg/links/abc%2Fdef/cancel');
	});
});
