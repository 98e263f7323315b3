/**
 * Subscription Refund → Create and Get through n8n's engine against the simulator: money back
 * on a successful charge, the subscription in path and body, amounts exact, and Cashfree's
 * refusals for more than was charged or a refund_id used before.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	expectCashfreeError,
	runOperation,
	sentBodies,
	sentRequests,
	useHarness,
} from '../../helpers/harness';

const harness = useHarness();

const desk = () => harness.simulator.subscriptions;

/** A subscription with one successful charge of `amount`. */
async function chargedSubscription(subscriptionId: string, paymentId: string, amount: number) {
	desk().seedSubscription({ subscription_id: subscriptionId });
	const { error } = await runOperation(harness, 'subscriptionPayment', 'raiseCharge', {
		subscriptionId,
		paymentId,
		paymentAmount: amount,
	});
	expect(error).toBeUndefined();
	desk().settleCharge(subscriptionId, paymentId, 'SUCCESS');
	harness.simulator.clearRequests();
}

const refund = (parameters: INodeParameters, items?: IDataObject[]) =>
	runOperation(
		harness,
		'subscriptionRefund',
		'create',
		{
			subscriptionId: 'sub_1001',
			paymentId: 'charge_1',
			refundId: '={{ $json.refund }}',
			refundAmount: '={{ $json.amount }}',
			...parameters,
		},
		items,
	);

describe('Create and Get', () => {
	it("Create sends Cashfree's refund body with the subscription in path and body, and outputs it PENDING", async () => {
		await chargedSubscription('sub_1001', 'charge_1', 500);

		const { items, error } = await refund({ additionalFields: { refundSpeed: 'INSTANT' } }, [
			{ refund: 'refund_a', amount: '100.50' },
			{ refund: 'refund_b', amount: 99.5 },
		]);

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.refund_id, item.json.refund_status, item.pairedItem]),
		).toEqual([
			['refund_a', 'PENDING', { item: 0 }],
			['refund_b', 'PENDING', { item: 1 }],
		]);
		expect(sentBodies(harness, 'POST', '/subscriptions/sub_1001/refunds')).toEqual([
			{
				subscription_id: 'sub_1001',
				payment_id: 'charge_1',
				refund_id: 'refund_a',
				refund_amount: 100.5,
				refund_speed: 'INSTANT',
			},
			{
				subscription_id: 'sub_1001',
				payment_id: 'charge_1',
				refund_id: 'refund_b',
				refund_amount: 99.5,
				refund_speed: 'INSTANT',
			},
		]);
		const keys = sentRequests(harness, 'POST', '/refunds').map(
			(request) => request.headers['x-idempotency-key'],
		);
		expect(keys.every((key) => typeof key === 'string' && key.length === 36)).toBe(true);
	});

	it('Get reads the refund with its outcome', async () => {
		await chargedSubscription('sub_1001', 'charge_1', 500);
		await refund({}, [{ refund: 'refund_c', amount: 10 }]);

		const { items, error } = await runOperation(harness, 'subscriptionRefund', 'get', {
			subscriptionId: 'sub_1001',
			refundId: 'refund_c',
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			refund_id: 'refund_c',
			refund_amount: 10,
			refund_status: 'SUCCESS',
			payment_id: 'charge_1',
		});
		expect(sentRequests(harness, 'GET', '/subscriptions/sub_1001/refunds/refund_c')).toHaveLength(
			1,
		);
	});

	it('more than the charge took is refused by Cashfree, and the run says which refunds were made', async () => {
		await chargedSubscription('sub_1001', 'charge_1', 100);

		const { error } = await refund({ additionalOptions: { concurrency: 1 } }, [
			{ refund: 'refund_d', amount: 60 },
			{ refund: 'refund_e', amount: 60 },
		]);

		expectCashfreeError(harness, error, {
			status: 400,
			code: 'refund_amount_invalid',
			message:
				'refund_amount : should be at most what the payment took less its earlier refunds. 1 other refund was created before the run stopped: refund_d (subscription sub_1001).',
		});
	});

	it('a refund ID used before is refused, so re-running cannot refund twice', async () => {
		await chargedSubscription('sub_1001', 'charge_1', 100);
		await refund({}, [{ refund: 'refund_f', amount: 10 }]);

		const { error } = await refund({}, [{ refund: 'refund_f', amount: 10 }]);

		expectCashfreeError(harness, error, {
			status: 409,
			code: 'refund_already_exists',
			message: 'a refund with this refund_id already exists for this subscription',
		});
	});

	it('a refund amount with a third decimal is refused before anything is sent', async () => {
		await chargedSubscription('sub_1001', 'charge_1', 100);

		const { error } = await refund({}, [{ refund: 'refund_g', amount: 10.001 }]);

		expect(error?.message).toBe(
			'Invalid Refund Amount in item 0: got the number 10.001, which has more than 2 decimals',
		);
		expect(harness.simulator.requests).toEqual([]);
	});
});
