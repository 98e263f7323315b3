/**
 * Payments through n8n: Get Many (one output item per payment attempt of an order) and Get,
 * run in n8n-core's engine against the Cashfree simulator, including answers that are not
 * the shape Cashfree documents. Field validation is in ../common/field-checks.test.ts.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	CLIENT_ID,
	CLIENT_SECRET,
	expectCashfreeError,
	runOperation,
	useHarness,
	type RecordedApiError,
} from '../../helpers/harness';
import { simulatorKit } from '../../helpers/simulator-client';

const harness = useHarness();
const { call } = simulatorKit(CLIENT_ID, CLIENT_SECRET);

/**
 * Runs an operation that must fail without output, and returns its error after checking it is a
 * NodeApiError: with `cashfree`, the refusal Cashfree answered; without, one about its answer.
 */
async function failingRun(
	operation: 'get' | 'getAll',
	parameters: INodeParameters,
	cashfree?: Parameters<typeof expectCashfreeError>[2],
): Promise<RecordedApiError> {
	const { items, error } = await runOperation(harness, 'payment', operation, parameters);
	expect(items).toEqual([]);
	if (cashfree) return expectCashfreeError(harness, error, cashfree);
	expect(error).toMatchObject({ name: 'NodeApiError' });
	return error as RecordedApiError;
}

/** An order with a failed attempt and then a successful one, as a customer retrying would leave it. */
function orderPaidOnSecondTry(orderId: string): void {
	harness.simulator.seedOrder({ order_id: orderId });
	harness.simulator.payOrder(orderId, 'FAILED');
	harness.simulator.payOrder(orderId, 'SUCCESS');
}

const paymentIds = (items: INodeExecutionData[]) => items.map((item) => item.json.cf_payment_id);

describe('Payment → Get Many', () => {
	it('outputs one item per payment of the order, each paired to the input item', async () => {
		orderPaidOnSecondTry('order_7001');

		const { items, error } = await runOperation(harness, 'payment', 'getAll', {
			orderId: 'order_7001',
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(items.map((item) => [item.json.order_id, item.json.payment_status])).toEqual([
			['order_7001', 'FAILED'],
			['order_7001', 'SUCCESS'],
		]);
		expect(paymentIds(items)).toEqual(
			harness.simulator.getPayments('order_7001').map((payment) => payment.cf_payment_id),
		);
		const asCashfreeHasThem = await call(harness.simulator, '/orders/order_7001/payments');
		expect(items.map((item) => item.json)).toEqual(asCashfreeHasThem.json);
	});

	it('outputs at most Limit payments, and all of them with Return All', async () => {
		orderPaidOnSecondTry('order_7002');
		const [first] = harness.simulator.getPayments('order_7002');

		const limited = await runOperation(harness, 'payment', 'getAll', {
			orderId: 'order_7002',
			limit: 1,
		});
		const all = await runOperation(harness, 'payment', 'getAll', {
			orderId: 'order_7002',
			returnAll: true,
			limit: 1,
		});

		expect(paymentIds(limited.items)).toEqual([first.cf_payment_id]);
		expect(all.items).toHaveLength(2);
	});

	it('an order without payments gives no output item for it, and no error', async () => {
		harness.simulator.seedOrder({ order_id: 'order_7003' });
		orderPaidOnSecondTry('order_7004');

		const { items, error } = await runOperation(
			harness,
			'payment',
			'getAll',
			{ orderId: '={{ $json.order }}' },
			[{ order: 'order_7003' }, { order: 'order_7004' }],
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.order_id, item.pairedItem])).toEqual([
			['order_7004', { item: 1 }],
			['order_7004', { item: 1 }],
		]);
	});

	it("pairs each order's payments to that order's input item, in input order", async () => {
		orderPaidOnSecondTry('order_7005');
		harness.simulator.seedOrder({ order_id: 'order_7006' });
		harness.simulator.payOrder('order_7006');

		const { items, error } = await runOperation(
			harness,
			'payment',
			'getAll',
			{ orderId: '={{ $json.order }}' },
			[{ order: 'order_7006' }, { order: 'order_7005' }],
		);

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.order_id, item.json.payment_status, item.pairedItem]),
		).toEqual([
			['order_7006', 'SUCCESS', { item: 0 }],
			['order_7005', 'FAILED', { item: 1 }],
			['order_7005', 'SUCCESS', { item: 1 }],
		]);
	});

	it('answers JSON that is not a list (an object) with an error, not with an item', async () => {
		harness.simulator.seedOrder({ order_id: 'order_7007' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 200, body: { payments: [{ cf_payment_id: '1' }] } },
			pathIncludes: '/payments',
		});

		const error = await failingRun('getAll', { orderId: 'order_7007' });

		expect(error.message).toBe('Cashfree answered with JSON that is not a list of objects');
		expect(error.description).toMatch(/HTTP status: 200/);
		expect(error.description).toMatch(
			/body starts with: \{"payments":\[\{"cf_payment_id":"1"\}\]\}/,
		);
		// A refused shape is not retried: the next answer would not be Cashfree's either.
		expect(harness.simulator.requests).toHaveLength(1);
	});

	it('answers a list with a number among the payments with the same error', async () => {
		harness.simulator.seedOrder({ order_id: 'order_7008' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 200, body: [{ cf_payment_id: '1' }, 42] },
			pathIncludes: '/payments',
		});

		const error = await failingRun('getAll', { orderId: 'order_7008' });

		expect(error.message).toBe('Cashfree answered with JSON that is not a list of objects');
		expect(error.description).toMatch(/body starts with: \[\{"cf_payment_id":"1"\},42\]/);
	});
});

describe('Payment → Get', () => {
	it.each(['2022-09-01', '2025-01-01'])(
		'gets the payment whose cf_payment_id Get Many output (API version %s)',
		async (apiVersion) => {
			orderPaidOnSecondTry('order_7101');
			const credentials = await harness.credential({ apiVersion });
			const listed = await runOperation(
				harness,
				'payment',
				'getAll',
				{ orderId: 'order_7101' },
				[{}],
				{ credentials },
			);

			const { items, error } = await runOperation(
				harness,
				'payment',
				'get',
				{ orderId: '={{ $json.order_id }}', cfPaymentId: '={{ $json.cf_payment_id }}' },
				listed.items.map((item) => item.json),
				{ credentials },
			);

			expect(error).toBeUndefined();
			// 2022-09-01 sends cf_payment_id as a number: the chain must take it as well as a text.
			expect(typeof listed.items[0].json.cf_payment_id).toBe(
				apiVersion === '2022-09-01' ? 'number' : 'string',
			);
			const [failed, succeeded] = harness.simulator.getPayments('order_7101');
			expect(harness.simulator.requests.slice(-2).map((request) => request.path)).toEqual([
				`/pg/orders/order_7101/payments/${failed.cf_payment_id}`,
				`/pg/orders/order_7101/payments/${succeeded.cf_payment_id}`,
			]);
			expect(items.map((item) => [item.json.payment_status, item.pairedItem])).toEqual([
				['FAILED', { item: 0 }],
				['SUCCESS', { item: 1 }],
			]);
			// The same payment objects Get Many output, in the version's own shape.
			expect(items.map((item) => item.json)).toEqual(listed.items.map((item) => item.json));
		},
	);

	it("an unknown payment is a 404 NodeApiError with Cashfree's code", async () => {
		orderPaidOnSecondTry('order_7102');

		const error = await failingRun(
			'get',
			{ orderId: 'order_7102', cfPaymentId: '999999999' },
			{
				status: 404,
				code: 'payment_not_found',
				message: 'no payment exists with this cf_payment_id',
			},
		);

		expect(error.description).toMatch(/^Check the order ID and payment ID, and that the payment/);
	});

	it('answers a list where Cashfree documents one payment with an error, not with items', async () => {
		orderPaidOnSecondTry('order_7103');
		const [payment] = harness.simulator.getPayments('order_7103');
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 200, body: [{ cf_payment_id: payment.cf_payment_id }] },
			pathIncludes: '/payments/',
		});

		const error = await failingRun('get', {
			orderId: 'order_7103',
			cfPaymentId: payment.cf_payment_id,
		});

		expect(error.message).toBe('Cashfree answered with JSON that is not an object');
		expect(error.description).toMatch(/HTTP status: 200/);
	});
});
