/**
 * Workflows saved before the hardening must load and run unchanged: same node type and version,
 * same parameter names and values, same outputs. The node objects below are as n8n saved them
 * with version 1 of the node before the Rate Limit Wait Budget option and the option checks
 * existed (the first is the shipped clean-up example's node, read from examples/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import { itemsFor, useHarness } from '../helpers/harness';

const harness = useHarness();

function exampleCashfreeNode(file: string): INode {
	const workflow = JSON.parse(
		readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'),
	) as { nodes: INode[] };
	const node = workflow.nodes.find((candidate) => candidate.type === 'n8n-nodes-cashfree.cashfree');
	if (!node) throw new Error(`no Cashfree node in ${file}`);
	return node;
}

/** Every Additional Option the node had before, with the values the editor saved. */
const savedWithEveryOldOption: INode = {
	id: '7d1f0c2a-1111-4e5b-9c3d-000000000001',
	name: 'Cashfree',
	type: 'n8n-nodes-cashfree.cashfree',
	typeVersion: 1,
	position: [400, 300],
	parameters: {
		resource: 'paymentLink',
		operation: 'cancel',
		linkId: '={{ $json.link_id }}',
		additionalOptions: {
			idempotencyKey: '=nightly-{{ $json.link_id }}',
			concurrency: 10,
			maxAttempts: 3,
			requestId: '=support-{{ $json.link_id }}',
			timeout: 30000,
			treatAlreadyCancelledAsSuccess: true,
			waitOnRateLimit: true,
		},
	},
	credentials: {},
};

async function runSaved(node: INode, linkIds: string[]) {
	const credentials = await harness.credential();
	const saved = { ...node, credentials };
	return await harness.engine.run({ nodes: [saved], connections: {} }, itemsFor(linkIds));
}

describe('workflows saved before the hardening', () => {
	it("the clean-up example's Cashfree node (On Error: Continue, idempotency key per link) runs as before", async () => {
		const node = exampleCashfreeNode('scheduled-cancellation.json');
		harness.simulator.seedLink({ link_id: 'saved_active' });
		harness.simulator.seedLink({ link_id: 'saved_paid', link_status: 'PAID' });

		const { outputs, error } = await runSaved(node, ['saved_active', 'saved_paid']);
		const items = outputs[node.name];

		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toMatchObject({ link_id: 'saved_active', link_status: 'CANCELLED' });
		expect(items[1].json).toMatchObject({
			httpStatus: 400,
			code: 'link_not_active',
			error: expect.stringMatching(/is PAID/),
		});
		expect(
			harness.simulator.requests.find((request) => request.path.endsWith('saved_active/cancel'))
				?.headers['x-idempotency-key'],
		).toBe('cancel-saved_active');
	});

	it('a node saved with every old Additional Option keeps its names, values and outputs', async () => {
		harness.simulator.seedLink({ link_id: 'old_a' });
		harness.simulator.seedLink({ link_id: 'old_b', link_status: 'CANCELLED' });

		const { outputs, error } = await runSaved(savedWithEveryOldOption, ['old_a', 'old_b']);
		const items = outputs.Cashfree;

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ link_id: 'old_a', link_status: 'CANCELLED' });
		expect(items[0].json.alreadyCancelled).toBeUndefined();
		expect(items[1].json).toMatchObject({
			link_id: 'old_b',
			link_status: 'CANCELLED',
			alreadyCancelled: true,
		});
		const cancelA = harness.simulator.requests.find(
			(request) => request.path === '/pg/links/old_a/cancel',
		);
		expect(cancelA?.headers['x-idempotency-key']).toBe('nightly-old_a');
		expect(cancelA?.headers['x-request-id']).toBe('support-old_a');
	});

	it('a Get node saved before the resources grew still outputs the link, paired, with its options', async () => {
		const savedGet: INode = {
			...savedWithEveryOldOption,
			name: 'Get link',
			parameters: {
				resource: 'paymentLink',
				operation: 'get',
				linkId: '={{ $json.link_id }}',
				additionalOptions: {
					concurrency: 2,
					maxAttempts: 1,
					requestId: '=lookup-{{ $json.link_id }}',
				},
			},
		};
		harness.simulator.seedLink({ link_id: 'old_paid', link_status: 'PAID' });

		const { outputs, error } = await runSaved(savedGet, ['old_paid']);

		expect(error).toBeUndefined();
		expect(outputs['Get link']).toEqual([
			{
				json: expect.objectContaining({ link_id: 'old_paid', link_status: 'PAID' }),
				pairedItem: { item: 0 },
			},
		]);
		const lookup = harness.simulator.requests[0];
		expect([lookup.method, lookup.path, lookup.headers['x-request-id']]).toEqual([
			'GET',
			'/pg/links/old_paid',
			'lookup-old_paid',
		]);
		expect(lookup.headers['x-idempotency-key']).toBeUndefined();
	});
});
