/**
 * A derived idempotency key belongs to one run of the node: the same node run twice in one
 * execution (a loop, or an AI agent calling it as a tool again) with identical input is two
 * operations, while the retries of one item within a run keep one key.
 */
import type { INode, INodeParameters } from 'n8n-workflow';

import { cashfreeWorkflow } from '../../tools/engine/cashfree-workflow';
import { sentRequests, useHarness } from '../helpers/harness';

const harness = useHarness();

/** Create Order without an Order ID (Cashfree makes one up), identical on every run. */
const sameOrderEveryTime = {
	resource: 'order',
	operation: 'create',
	orderAmount: 250,
	orderCurrency: 'INR',
	customerId: 'cust_loop',
	customerPhone: '9999999999',
};

/**
 * Start → Create, and Start → Again → Create: n8n runs Create twice in one execution, once
 * for each branch that reaches it, with the same parameters.
 */
async function createOrderTwiceInOneExecution() {
	const credentials = await harness.credential();
	harness.simulator.seedLink({ link_id: 'loop_start' });
	const node = (name: string, parameters: INodeParameters, position: number): INode => ({
		...cashfreeWorkflow({ credentials, nodeName: name, parameters }).nodes[0],
		id: `node-${name}`,
		position: [position, 300],
	});
	const getLink = { resource: 'paymentLink', operation: 'get', linkId: 'loop_start' };
	const workflow = {
		nodes: [
			node('Start', getLink, 0),
			node('Create', sameOrderEveryTime, 400),
			node('Again', getLink, 200),
		],
		connections: {
			Start: {
				main: [
					[
						{ node: 'Create', type: 'main' as const, index: 0 },
						{ node: 'Again', type: 'main' as const, index: 0 },
					],
				],
			},
			Again: { main: [[{ node: 'Create', type: 'main' as const, index: 0 }]] },
		},
	};
	const { run, error } = await harness.engine.run(workflow);
	const runs = run.data.resultData.runData.Create ?? [];
	return { error, orders: runs.map((task) => task.data?.main?.[0]?.[0]?.json ?? {}) };
}

describe('derived idempotency keys and runs of the node', () => {
	it('two runs of the node in one execution create two orders, not one answered twice', async () => {
		const { error, orders } = await createOrderTwiceInOneExecution();

		expect(error).toBeUndefined();
		expect(orders).toHaveLength(2);
		expect(orders[0].order_id).toEqual(expect.any(String));
		expect(orders[1].order_id).not.toBe(orders[0].order_id);
		const keys = sentRequests(harness, 'POST', '/orders').map(
			(request) => request.headers['x-idempotency-key'],
		);
		expect(new Set(keys).size).toBe(2);
	});

	it('the retries of one item within a run keep its key', async () => {
		harness.simulator.injectFault({
			fault: { kind: 'drop' },
			method: 'POST',
			pathIncludes: '/orders',
			times: 2,
		});
		const credentials = await harness.credential();
		const { error } = await harness.engine.run(
			cashfreeWorkflow({ credentials, parameters: sameOrderEveryTime }),
		);

		expect(error).toBeUndefined();
		const keys = sentRequests(harness, 'POST', '/orders').map(
			(request) => request.headers['x-idempotency-key'],
		);
		expect(keys).toHaveLength(3);
		expect(new Set(keys).size).toBe(1);
	});
});
