/**
 * A bulk refund stopped by a failure can be re-run to completion: with Treat Existing Refunds
 * as Success, a refund that exists already with the same amount is output as it is
 * (alreadyExisted: true) instead of stopping the run at Cashfree's 409, and nothing is
 * refunded twice. One that exists with another amount still fails, saying how it differs.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorText, runOperation, useHarness } from '../../helpers/harness';

const harness = useHarness();

const refundFromItem = {
	orderId: '={{ $json.order_id }}',
	refundId: '={{ $json.refund_id }}',
	refundAmount: '={{ $json.amount }}',
};

const batch: IDataObject[] = [0, 1, 2].map((index) => ({
	order_id: `order_batch_${index}`,
	refund_id: `refund_batch_${index}`,
	amount: 5,
}));

async function refundBatch(items: IDataObject[], treatExistingAsSuccess?: boolean) {
	return await runOperation(
		harness,
		'refund',
		'create',
		{
			...refundFromItem,
			additionalOptions: {
				concurrency: 1,
				...(treatExistingAsSuccess === undefined ? {} : { treatExistingAsSuccess }),
			},
		},
		items,
	);
}

describe('re-running a stopped batch of refunds', () => {
	beforeEach(() => {
		harness.simulator.seedOrder({
			order_id: 'order_batch_0',
			order_amount: 10,
			order_status: 'PAID',
		});
		harness.simulator.seedOrder({
			order_id: 'order_batch_1',
			order_amount: 10,
			order_status: 'PAID',
		});
		// Not paid yet: the first run stops here.
		harness.simulator.seedOrder({ order_id: 'order_batch_2', order_amount: 10 });
	});

	async function firstRunStopsAtTheUnpaidOrder() {
		const first = await refundBatch(batch);
		expect(first.error).toBeDefined();
		expect(harness.simulator.refundCount('order_batch_0')).toBe(1);
		expect(harness.simulator.refundCount('order_batch_1')).toBe(1);
		harness.simulator.seedOrder({
			order_id: 'order_batch_2b',
			order_amount: 10,
			order_status: 'PAID',
		});
	}

	it('without the option, the re-run stops again at the first refund already made', async () => {
		await firstRunStopsAtTheUnpaidOrder();
		const rerun = await refundBatch([
			batch[0],
			batch[1],
			{ ...batch[2], order_id: 'order_batch_2b' },
		]);

		expect(rerun.error?.message).toMatch(/^Cashfree: /);
		expect((rerun.error as { httpCode?: string }).httpCode).toBe('409');
	});

	it('with Treat Existing Refunds as Success, the re-run completes and refunds nothing twice', async () => {
		await firstRunStopsAtTheUnpaidOrder();
		const rerun = await refundBatch(
			[batch[0], batch[1], { ...batch[2], order_id: 'order_batch_2b' }],
			true,
		);

		expect(rerun.error).toBeUndefined();
		expect(rerun.items.map((item) => [item.json.refund_id, item.json.alreadyExisted])).toEqual([
			['refund_batch_0', true],
			['refund_batch_1', true],
			['refund_batch_2', undefined],
		]);
		expect(rerun.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(harness.simulator.refundCount('order_batch_0')).toBe(1);
		expect(harness.simulator.refundCount('order_batch_1')).toBe(1);
		expect(harness.simulator.refundCount('order_batch_2b')).toBe(1);
	});

	it('an existing refund of another amount is not taken for this item', async () => {
		await firstRunStopsAtTheUnpaidOrder();
		const rerun = await refundBatch([{ ...batch[0], amount: 4 }], true);

		expect(errorText(rerun.error)).toContain(
			'The refund refund_batch_0 of order order_batch_0 exists already with refund_amount 5, not 4',
		);
		expect(harness.simulator.refundCount('order_batch_0')).toBe(1);
	});
});

describe('the same option on Create Order and Create Link', () => {
	it('an order created before is output again; one with another amount fails', async () => {
		const order = {
			orderId: 'order_again',
			orderAmount: '={{ $json.amount }}',
			orderCurrency: 'INR',
			customerId: 'cust_1',
			customerPhone: '9999999999',
			additionalOptions: { treatExistingAsSuccess: true },
		};
		await runOperation(harness, 'order', 'create', order, [{ amount: 100 }]);

		const same = await runOperation(harness, 'order', 'create', order, [{ amount: 100 }]);
		const other = await runOperation(harness, 'order', 'create', order, [{ amount: 99 }]);

		expect(same.error).toBeUndefined();
		expect(same.items[0].json).toMatchObject({ order_id: 'order_again', alreadyExisted: true });
		expect(errorText(other.error)).toContain('exists already with order_amount 100, not 99');
	});

	it('a payment link created before is output again', async () => {
		const link = {
			linkId: 'link_again',
			linkAmount: 100,
			linkCurrency: 'INR',
			linkPurpose: 'Invoice 7',
			customerPhone: '9999999999',
			additionalOptions: { treatExistingAsSuccess: true },
		};
		await runOperation(harness, 'paymentLink', 'create', link);

		const again = await runOperation(harness, 'paymentLink', 'create', link);

		expect(again.error).toBeUndefined();
		expect(again.items[0].json).toMatchObject({ link_id: 'link_again', alreadyExisted: true });
	});
});
