/**
 * Subscription Payment → Raise Charge, Get, Get Many, Cancel and Retry through n8n's engine
 * against the simulator. Raising a charge takes money: it carries an idempotency key, so a
 * retried request cannot charge twice, and Cashfree refuses a payment_id used before.
 */
import {
	expectCashfreeError,
	runOperation,
	sentBodies,
	sentRequests,
	useHarness,
} from '../../helpers/harness';

const harness = useHarness();

const desk = () => harness.simulator.subscriptions;

/** An authorised subscription on an on-demand plan of at most 1000. */
function activeSubscription(subscription_id: string) {
	desk().seedSubscription({ subscription_id });
}

/** Raises charges through the node; each item names its subscription, payment id and amount. */
async function raise(
	items: Array<{ sub: string; pay: string; amount: number | string }>,
	extra = {},
) {
	return await runOperation(
		harness,
		'subscriptionPayment',
		'raiseCharge',
		{
			subscriptionId: '={{ $json.sub }}',
			paymentId: '={{ $json.pay }}',
			paymentAmount: '={{ $json.amount }}',
			...extra,
		},
		items,
	);
}

describe('Raise Charge', () => {
	it("sends Cashfree's CHARGE body with an idempotency key and outputs the PENDING payment", async () => {
		activeSubscription('sub_1001');
		activeSubscription('sub_1002');

		const { items, error } = await raise(
			[
				{ sub: 'sub_1001', pay: 'charge_2026_12', amount: '499.90' },
				{ sub: 'sub_1002', pay: 'charge_2026_12', amount: 1.1 + 2.2 },
			],
			{ additionalFields: { paymentScheduleDate: '2026-12-05T00:00:00+05:30' } },
		);

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.subscription_id, item.json.payment_status, item.pairedItem]),
		).toEqual([
			['sub_1001', 'PENDING', { item: 0 }],
			['sub_1002', 'PENDING', { item: 1 }],
		]);
		expect(sentBodies(harness, 'POST', '/subscriptions/pay')).toEqual([
			{
				payment_type: 'CHARGE',
				subscription_id: 'sub_1001',
				payment_id: 'charge_2026_12',
				payment_amount: 499.9,
				payment_schedule_date: '2026-12-05T00:00:00+05:30',
			},
			{
				payment_type: 'CHARGE',
				subscription_id: 'sub_1002',
				payment_id: 'charge_2026_12',
				payment_amount: 3.3,
				payment_schedule_date: '2026-12-05T00:00:00+05:30',
			},
		]);
		const keys = sentRequests(harness, 'POST', '/subscriptions/pay').map(
			(request) => request.headers['x-idempotency-key'],
		);
		expect(new Set(keys).size).toBe(2);
	});

	it('an amount with a third decimal is refused before any charge is raised', async () => {
		activeSubscription('sub_1003');

		const { error } = await raise([
			{ sub: 'sub_1003', pay: 'charge_a', amount: 10 },
			{ sub: 'sub_1003', pay: 'charge_b', amount: '10.005' },
		]);

		expect(error?.message).toBe(
			'Invalid Payment Amount in item 1: got "10.005", which has more than 2 decimals',
		);
		expect(harness.simulator.requests).toEqual([]);
		expect(desk().getPayments('sub_1003')).toEqual([]);
	});

	it('a retry after a lost answer resends the same key, and the charge is taken once', async () => {
		activeSubscription('sub_1004');
		harness.simulator.injectFault({
			method: 'POST',
			pathIncludes: '/subscriptions/pay',
			fault: { kind: 'dropAfterApply' },
		});

		const { items, error } = await raise([{ sub: 'sub_1004', pay: 'charge_x', amount: 100 }]);

		expect(error).toBeUndefined();
		expect(items[0].json.payment_id).toBe('charge_x');
		const sent = sentRequests(harness, 'POST', '/subscriptions/pay');
		expect(sent).toHaveLength(2);
		expect(sent[1].headers['x-idempotency-key']).toBe(sent[0].headers['x-idempotency-key']);
		expect(desk().getPayments('sub_1004')).toHaveLength(1);
	});

	it('a payment ID used before is refused by Cashfree, so re-running cannot charge twice', async () => {
		activeSubscription('sub_1005');
		await raise([{ sub: 'sub_1005', pay: 'charge_dec', amount: 100 }]);

		const { error } = await raise([{ sub: 'sub_1005', pay: 'charge_dec', amount: 100 }]);

		expectCashfreeError(harness, error, {
			status: 409,
			code: 'payment_already_exists',
			message: 'a payment with this payment_id already exists for this subscription',
		});
		expect(desk().getPayments('sub_1005')).toHaveLength(1);
	});
});

describe('Get and Get Many', () => {
	it('Get Many outputs one item per payment of each subscription, paired to its item', async () => {
		activeSubscription('sub_2001');
		activeSubscription('sub_2002');
		await raise([
			{ sub: 'sub_2001', pay: 'charge_1', amount: 10 },
			{ sub: 'sub_2001', pay: 'charge_2', amount: 20 },
			{ sub: 'sub_2002', pay: 'charge_1', amount: 30 },
		]);
		harness.simulator.clearRequests();

		const { items, error } = await runOperation(
			harness,
			'subscriptionPayment',
			'getAll',
			{ subscriptionId: '={{ $json.sub }}', returnAll: true },
			[{ sub: 'sub_2002' }, { sub: 'sub_2001' }],
		);

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.payment_id, item.json.payment_amount, item.pairedItem]),
		).toEqual([
			['charge_1', 30, { item: 0 }],
			['charge_1', 10, { item: 1 }],
			['charge_2', 20, { item: 1 }],
		]);
	});

	it('Get Many with a Limit outputs at most that many payments', async () => {
		activeSubscription('sub_2003');
		await raise([
			{ sub: 'sub_2003', pay: 'charge_1', amount: 10 },
			{ sub: 'sub_2003', pay: 'charge_2', amount: 20 },
		]);

		const { items } = await runOperation(harness, 'subscriptionPayment', 'getAll', {
			subscriptionId: 'sub_2003',
			returnAll: false,
			limit: 1,
		});

		expect(items.map((item) => item.json.payment_id)).toEqual(['charge_1']);
	});

	it('Get reads one payment by subscription and payment ID, with its failure reason', async () => {
		activeSubscription('sub_2004');
		await raise([{ sub: 'sub_2004', pay: 'charge_1', amount: 10 }]);
		desk().settleCharge('sub_2004', 'charge_1', 'FAILED', 'INSUFFICIENT_FUNDS');

		const { items } = await runOperation(harness, 'subscriptionPayment', 'get', {
			subscriptionId: 'sub_2004',
			paymentId: 'charge_1',
		});

		expect(items[0].json).toMatchObject({
			payment_id: 'charge_1',
			payment_status: 'FAILED',
			failure_details: { failure_reason: 'INSUFFICIENT_FUNDS' },
		});
		expect(sentRequests(harness, 'GET', '/subscriptions/sub_2004/payments/charge_1')).toHaveLength(
			1,
		);
	});
});

describe('Cancel and Retry', () => {
	it('Cancel stops a pending charge; Cashfree refuses to cancel one already taken', async () => {
		activeSubscription('sub_3001');
		await raise([
			{ sub: 'sub_3001', pay: 'charge_1', amount: 10 },
			{ sub: 'sub_3001', pay: 'charge_2', amount: 10 },
		]);
		desk().settleCharge('sub_3001', 'charge_2', 'SUCCESS');

		const cancelled = await runOperation(harness, 'subscriptionPayment', 'cancel', {
			subscriptionId: 'sub_3001',
			paymentId: 'charge_1',
		});
		expect(cancelled.error).toBeUndefined();
		expect(cancelled.items[0].json.payment_status).toBe('CANCELLED');
		expect(sentBodies(harness, 'POST', '/payments/charge_1/manage')).toEqual([
			{ action: 'CANCEL', subscription_id: 'sub_3001', payment_id: 'charge_1' },
		]);

		const refused = await runOperation(harness, 'subscriptionPayment', 'cancel', {
			subscriptionId: 'sub_3001',
			paymentId: 'charge_2',
		});
		expectCashfreeError(harness, refused.error, {
			status: 400,
			code: 'action_invalid',
			message: 'CANCEL is not allowed on a payment that is SUCCESS',
		});
	});

	it('Retry schedules a failed charge again on the date given', async () => {
		activeSubscription('sub_3002');
		await raise([{ sub: 'sub_3002', pay: 'charge_1', amount: 10 }]);
		desk().settleCharge('sub_3002', 'charge_1', 'FAILED');

		const { items, error } = await runOperation(harness, 'subscriptionPayment', 'retry', {
			subscriptionId: 'sub_3002',
			paymentId: 'charge_1',
			nextScheduledTime: '2027-01-10T10:00:00+05:30',
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			payment_status: 'PENDING',
			retry_attempts: 1,
			payment_schedule_date: '2027-01-10T10:00:00+05:30',
		});
		expect(sentBodies(harness, 'POST', '/payments/charge_1/manage')).toEqual([
			{
				action: 'RETRY',
				subscription_id: 'sub_3002',
				payment_id: 'charge_1',
				action_details: { next_scheduled_time: '2027-01-10T10:00:00+05:30' },
			},
		]);
	});
});
