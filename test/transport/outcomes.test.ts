/**
 * Three outcomes, not two. A state change whose answer was lost (dropped after Cashfree acted,
 * past its deadline) may have happened: the stopped run's message and Continue On Fail items
 * say so, with the idempotency key to retry with. A failure Cashfree stored under the key
 * (it keeps 5xx answers too, as it documents) is not sent again with the same key.
 */
import type { IDataObject } from 'n8n-workflow';

import { cashfreeWorkflow } from '../../tools/engine/cashfree-workflow';
import { errorText, runOperation, sentRequests, useHarness } from '../helpers/harness';

const harness = useHarness();

const refundFromItem = {
	orderId: '={{ $json.order_id }}',
	refundId: '={{ $json.refund_id }}',
	refundAmount: 1,
};

function paidOrders(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => {
		const orderId = `order_out_${index}`;
		harness.simulator.seedOrder({ order_id: orderId, order_amount: 10, order_status: 'PAID' });
		return { order_id: orderId, refund_id: `refund_out_${index}` };
	});
}

describe('an answer lost after Cashfree acted', () => {
	it('a Continue On Fail item says the outcome is unknown and carries the key to retry with', async () => {
		const [refund] = paidOrders(1);
		harness.simulator.injectFault({
			fault: { kind: 'dropAfterApply' },
			pathIncludes: '/refunds',
			times: Infinity,
		});

		const { items } = await runOperation(
			harness,
			'refund',
			'create',
			{ ...refundFromItem, additionalOptions: { maxAttempts: 1 } },
			[refund],
			{ continueOnFail: true },
		);

		expect(harness.simulator.refundCount('order_out_0')).toBe(1);
		expect(items[0].json).toMatchObject({
			outcome: 'unknown',
			idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
		});
		expect(String(items[0].json.errorDescription)).toContain(
			`retry with the same Idempotency Key (${String(items[0].json.idempotencyKey)}`,
		);
	});

	it.each([
		{
			lost: 'the deadline passed after the request was sent (Cashfree acted later)',
			fault: { kind: 'delay', ms: 2500 } as const,
			createdAfterwards: true,
		},
		{
			lost: 'a 2xx came back that cannot be read as JSON',
			fault: { kind: 'nonJson', status: 200, body: '<html>ok</html>' } as const,
			createdAfterwards: false,
		},
	])(
		'$lost: the item says the outcome is unknown, not that nothing happened',
		async ({ fault, createdAfterwards }) => {
			const [refund] = paidOrders(1);
			harness.simulator.injectFault({ fault, pathIncludes: '/refunds' });

			const { items } = await runOperation(
				harness,
				'refund',
				'create',
				{ ...refundFromItem, additionalOptions: { maxAttempts: 1, timeout: 1000 } },
				[refund],
				{ continueOnFail: true },
			);

			expect(items[0].json).toMatchObject({
				outcome: 'unknown',
				idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
			});
			// The node cannot tell these apart from the answer; Cashfree's state can.
			if (createdAfterwards) {
				await new Promise((resolve) => setTimeout(resolve, 2000));
				expect(harness.simulator.refundCount('order_out_0')).toBe(1);
			}
		},
	);

	it('a stopped run names every refund that exists: created, or may have been created', async () => {
		const refunds = paidOrders(6);
		// Item 0 teaches the rate-limit governor and succeeds; items 1 to 4 are carried out but
		// their answers dropped; item 5 is refused (more than the order's amount).
		refunds[5] = { ...refunds[5], amount: 1000 };
		for (const index of [1, 2, 3, 4]) {
			harness.simulator.injectFault({
				fault: { kind: 'dropAfterApply' },
				pathIncludes: `/orders/order_out_${index}/refunds`,
			});
		}

		const { error } = await runOperation(
			harness,
			'refund',
			'create',
			{
				...refundFromItem,
				refundAmount: '={{ $json.amount ?? 1 }}',
				additionalOptions: { maxAttempts: 1, concurrency: 6 },
			},
			refunds,
		);

		const made = refunds.filter((refund) =>
			harness.simulator.getRefund(String(refund.order_id), String(refund.refund_id)),
		);
		expect(made.map((refund) => refund.refund_id)).toEqual([
			'refund_out_0',
			'refund_out_1',
			'refund_out_2',
			'refund_out_3',
			'refund_out_4',
		]);
		const text = errorText(error);
		expect(text).toMatch(/may have been created \(the answer was lost\)/);
		for (const refund of made) expect(text).toContain(String(refund.refund_id));
	});
});

describe('a failure Cashfree stored under the key', () => {
	it('is sent once, not retried with the same key, and the hint does not say to retry with it', async () => {
		const [refund] = paidOrders(1);
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 500, stored: true },
			pathIncludes: '/refunds',
		});

		const { error } = await runOperation(harness, 'refund', 'create', refundFromItem, [refund]);

		expect(sentRequests(harness, 'POST', '/refunds')).toHaveLength(1);
		const text = errorText(error);
		expect(text).toContain('keeps this answer under the idempotency key');
		expect(text).toContain('run the item again with a new Idempotency Key');
		expect(text).not.toContain('retry with the same Idempotency Key');
	});

	it("n8n's Retry On Fail sends it once more and stops at Cashfree's replay: 2 POSTs, not 4", async () => {
		const [refund] = paidOrders(1);
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 500, stored: true },
			pathIncludes: '/refunds',
		});
		const credentials = await harness.credential();
		const workflow = cashfreeWorkflow({
			credentials,
			parameters: { resource: 'refund', operation: 'create', ...refundFromItem },
		});
		delete workflow.nodes[0].parameters.linkId;
		Object.assign(workflow.nodes[0], { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });

		const { error } = await harness.engine.run(workflow, [{ json: refund }]);

		expect(error).toBeDefined();
		expect(sentRequests(harness, 'POST', '/refunds')).toHaveLength(2);
		expect(harness.simulator.refundCount('order_out_0')).toBe(0);
	});

	it('a 5xx from in front of Cashfree (not stored under the key) is still retried', async () => {
		const [refund] = paidOrders(1);
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 503 },
			pathIncludes: '/refunds',
		});

		const { error } = await runOperation(harness, 'refund', 'create', refundFromItem, [refund]);

		expect(error).toBeUndefined();
		expect(sentRequests(harness, 'POST', '/refunds')).toHaveLength(2);
		expect(harness.simulator.refundCount('order_out_0')).toBe(1);
	});
});
