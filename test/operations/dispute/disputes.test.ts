/**
 * Disputes through n8n's engine against the simulator (API version 2023-08-01 and later):
 * listing an order's disputes, reading one, and accepting one, which gives the money to the
 * customer and cannot be done twice.
 */
import { expectCashfreeError, runOperation, useHarness } from '../../helpers/harness';

const harness = useHarness();

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A paid order its customer disputed; returns the dispute_id. */
function disputedOrder(
	orderId: string,
	options: Parameters<typeof harness.simulator.openDispute>[1] = {},
) {
	harness.simulator.seedOrder({ order_id: orderId, order_status: 'PAID', order_amount: 500 });
	return harness.simulator.openDispute(orderId, options).dispute_id;
}

describe('Get Many and Get', () => {
	it("Get Many outputs one item per dispute of each item's order, paired to that item", async () => {
		const first = disputedOrder('order_1001');
		const second = harness.simulator.openDispute('order_1001', {
			dispute_type: 'CHARGEBACK',
			dispute_amount: 200,
		}).dispute_id;
		const third = disputedOrder('order_1002');
		harness.simulator.seedOrder({ order_id: 'order_1003', order_status: 'PAID' });

		const { items, error } = await runOperation(
			harness,
			'dispute',
			'getAll',
			{ orderId: '={{ $json.order_id }}', returnAll: true },
			[{ order_id: 'order_1001' }, { order_id: 'order_1003' }, { order_id: 'order_1002' }],
		);

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.dispute_id, item.json.dispute_status, item.pairedItem]),
		).toEqual([
			[first, 'DISPUTE_CREATED', { item: 0 }],
			[second, 'CHARGEBACK_CREATED', { item: 0 }],
			[third, 'DISPUTE_CREATED', { item: 2 }],
		]);
		expect(items[1].json).toMatchObject({
			dispute_amount: 200,
			order_details: { order_id: 'order_1001' },
		});
		expect(
			harness.simulator.requests.map((request) => `${request.method} ${request.url}`).sort(),
		).toEqual([
			'GET /pg/orders/order_1001/disputes',
			'GET /pg/orders/order_1002/disputes',
			'GET /pg/orders/order_1003/disputes',
		]);
	});

	it('Get Many with a Limit outputs at most that many disputes', async () => {
		const first = disputedOrder('order_1004');
		harness.simulator.openDispute('order_1004', { dispute_amount: 10 });

		const { items } = await runOperation(harness, 'dispute', 'getAll', {
			orderId: 'order_1004',
			returnAll: false,
			limit: 1,
		});

		expect(items.map((item) => item.json.dispute_id)).toEqual([first]);
	});

	it('Get reads one dispute by its dispute_id, a number from the item', async () => {
		const disputeId = disputedOrder('order_2001', { reason_code: '4853' });

		const { items, error } = await runOperation(
			harness,
			'dispute',
			'get',
			{ disputeId: '={{ $json.dispute_id }}' },
			[{ dispute_id: disputeId }],
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			dispute_id: disputeId,
			dispute_status: 'DISPUTE_CREATED',
			reason_code: '4853',
			dispute_amount: 500,
			order_details: { order_id: 'order_2001' },
		});
		expect(harness.simulator.requests.map((request) => `${request.method} ${request.url}`)).toEqual(
			[`GET /pg/disputes/${disputeId}`],
		);
	});

	it('an unknown dispute is a 404 whose hint names the dispute ID', async () => {
		const { error } = await runOperation(harness, 'dispute', 'get', { disputeId: '999999' });

		const apiError = expectCashfreeError(harness, error, {
			status: 404,
			code: 'dispute_not_found',
			message: 'no dispute exists with this dispute_id',
		});
		expect(apiError.description).toMatch(/^Check the dispute ID, and that the dispute was created/);
	});

	it('Get Many of an unknown order is a 404 whose hint names the order ID', async () => {
		const { error } = await runOperation(harness, 'dispute', 'getAll', {
			orderId: 'order_missing',
			returnAll: true,
		});

		const apiError = expectCashfreeError(harness, error, {
			status: 404,
			code: 'order_not_found',
			message: 'no order exists with this order_id',
		});
		expect(apiError.description).toMatch(/^Check the order ID, and that the dispute was created/);
	});
});

describe('Accept', () => {
	it('is sent as PUT with an idempotency key and outputs the dispute as MERCHANT_ACCEPTED', async () => {
		const disputeId = disputedOrder('order_3001', { dispute_type: 'CHARGEBACK' });

		const { items, error } = await runOperation(harness, 'dispute', 'accept', {
			disputeId: String(disputeId),
		});

		expect(error).toBeUndefined();
		const sent = harness.simulator.requests;
		expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
			`PUT /pg/disputes/${disputeId}/accept`,
		]);
		expect(sent[0].headers['x-idempotency-key']).toMatch(UUID_SHAPE);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			dispute_id: disputeId,
			dispute_status: 'CHARGEBACK_MERCHANT_ACCEPTED',
			resolved_at: expect.any(String),
		});
		expect(harness.simulator.getDispute(disputeId)?.dispute_status).toBe(
			'CHARGEBACK_MERCHANT_ACCEPTED',
		);
		expect(harness.simulator.acceptCount(disputeId)).toBe(1);
	});

	it("accepting again is Cashfree's refusal, and the dispute stays accepted once", async () => {
		const disputeId = disputedOrder('order_3002');
		const parameters = { disputeId: String(disputeId) };

		const first = await runOperation(harness, 'dispute', 'accept', parameters);
		const second = await runOperation(harness, 'dispute', 'accept', parameters);

		expect(first.error).toBeUndefined();
		expect(second.items).toEqual([]);
		const apiError = expectCashfreeError(harness, second.error, {
			status: 400,
			code: 'dispute_not_acceptable',
			message: "the dispute can only be accepted while it awaits the merchant's action",
		});
		// The second run's own request, not the first run's.
		expect(apiError.context.cashfree?.requestId).toBe(
			harness.simulator.requests[1].headers['x-request-id'],
		);
		expect(harness.simulator.acceptCount(disputeId)).toBe(1);
	});

	it('a 500 before Cashfree acted is retried with the same idempotency key: accepted once', async () => {
		const disputeId = disputedOrder('order_3003');
		harness.simulator.injectFault({ fault: { kind: 'status', status: 500 }, method: 'PUT' });

		const { items, error } = await runOperation(harness, 'dispute', 'accept', {
			disputeId: String(disputeId),
		});

		expect(error).toBeUndefined();
		expect(items[0].json.dispute_status).toBe('DISPUTE_MERCHANT_ACCEPTED');
		const sent = harness.simulator.requests;
		expect(sent.map((request) => request.status)).toEqual([500, 200]);
		expect(sent[1].headers['x-idempotency-key']).toBe(sent[0].headers['x-idempotency-key']);
		expect(harness.simulator.acceptCount(disputeId)).toBe(1);
	});
});

describe('API version 2022-09-01 has no disputes', () => {
	// Accept and Get Many are covered with the other version checks in ../common/field-checks.test.ts.
	it('Get is refused before anything is sent, naming the version that has it', async () => {
		const disputeId = disputedOrder('order_4001');
		const credentials = await harness.credential({ apiVersion: '2022-09-01' });

		const { error } = await runOperation(
			harness,
			'dispute',
			'get',
			{ disputeId: String(disputeId) },
			[{}],
			{ credentials },
		);

		expect(error?.message).toBe(
			'Get Dispute needs API version 2023-08-01 or later; the credential uses 2022-09-01',
		);
		expect(error).toMatchObject({
			description: expect.stringMatching(/pick API Version 2023-08-01 or later/),
		});
		expect(harness.simulator.requests).toEqual([]);
	});
});
