/**
 * Refunds through n8n's engine against the simulator: what is sent at Cashfree's field names,
 * what comes back, and that Cashfree's money rules reach the user as its own refusals. The
 * promise of the Refund ID field is checked here: running the workflow again cannot refund twice.
 */
import { expectCashfreeError, runOperation, sentRequests, useHarness } from '../../helpers/harness';

const harness = useHarness();

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One refund per item: order_id, refund_id and amount come from the item, as from a sheet. */
const refundFromItem = {
	orderId: '={{ $json.order_id }}',
	refundId: '={{ $json.refund_id }}',
	refundAmount: '={{ $json.amount }}',
};

function seedPaidOrder(orderId: string, amount = 100) {
	return harness.simulator.seedOrder({
		order_id: orderId,
		order_status: 'PAID',
		order_amount: amount,
	});
}

async function createRefunds(
	refunds: Array<{ order_id: string; refund_id: string; amount: number }>,
) {
	// One at a time, so that Cashfree lists an order's refunds in the order given here.
	const result = await runOperation(
		harness,
		'refund',
		'create',
		{ ...refundFromItem, additionalOptions: { concurrency: 1 } },
		refunds,
	);
	expect(result.error).toBeUndefined();
	return result;
}

describe('Create', () => {
	it("sends the fields at Cashfree's names with an idempotency key, and outputs the PENDING refund", async () => {
		seedPaidOrder('order_1001');

		const { items, error } = await runOperation(harness, 'refund', 'create', {
			orderId: 'order_1001',
			refundId: 'refund_1001',
			refundAmount: 40.5,
			additionalFields: {
				refundNote: 'Damaged on arrival',
				refundSpeed: 'INSTANT',
				refundSplits: '[{"vendor_id": "vendor_1", "amount": 40.5}]',
			},
		});

		expect(error).toBeUndefined();
		const [sent] = harness.simulator.requests;
		expect(harness.simulator.requests).toHaveLength(1);
		expect(`${sent.method} ${sent.url}`).toBe('POST /pg/orders/order_1001/refunds');
		expect(JSON.parse(sent.body)).toEqual({
			refund_id: 'refund_1001',
			refund_amount: 40.5,
			refund_note: 'Damaged on arrival',
			refund_speed: 'INSTANT',
			refund_splits: [{ vendor_id: 'vendor_1', amount: 40.5 }],
		});
		expect(sent.headers['x-idempotency-key']).toMatch(UUID_SHAPE);

		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			order_id: 'order_1001',
			refund_id: 'refund_1001',
			refund_amount: 40.5,
			refund_status: 'PENDING',
			refund_note: 'Damaged on arrival',
			refund_splits: [{ vendor_id: 'vendor_1', amount: 40.5 }],
			refund_speed: { requested: 'INSTANT' },
		});
		expect(items[0].json.cf_refund_id).toEqual(expect.any(String));
		expect(harness.simulator.refundCount('order_1001')).toBe(1);
	});

	it('leaves out the optional fields nobody filled in, so that Cashfree applies its defaults', async () => {
		seedPaidOrder('order_1002');

		await runOperation(harness, 'refund', 'create', {
			orderId: 'order_1002',
			refundId: 'refund_1002',
			refundAmount: 10,
		});

		expect(JSON.parse(harness.simulator.requests[0].body)).toEqual({
			refund_id: 'refund_1002',
			refund_amount: 10,
		});
	});

	it('creates one refund per item, outputs in input order, each paired to its item', async () => {
		const refunds = ['a', 'b', 'c'].map((suffix, index) => ({
			order_id: `order_${suffix}`,
			refund_id: `refund_${suffix}`,
			amount: 10 + index,
		}));
		for (const { order_id } of refunds) seedPaidOrder(order_id);

		const { items } = await createRefunds(refunds);

		expect(
			items.map((item) => [item.json.order_id, item.json.refund_id, item.json.refund_amount]),
		).toEqual(refunds.map(({ order_id, refund_id, amount }) => [order_id, refund_id, amount]));
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const keys = sentRequests(harness, 'POST', '/refunds').map(
			(request) => request.headers['x-idempotency-key'],
		);
		expect(new Set(keys).size).toBe(3);
	});
});

describe("Cashfree's money rules reach the user as its own refusal", () => {
	it('a refund above what is left after earlier refunds is refused, and the first one stands', async () => {
		seedPaidOrder('order_2001', 100);
		await createRefunds([{ order_id: 'order_2001', refund_id: 'refund_first', amount: 60 }]);

		const { error, items } = await runOperation(harness, 'refund', 'create', {
			orderId: 'order_2001',
			refundId: 'refund_second',
			refundAmount: 50,
			additionalOptions: { requestId: 'support-2001' },
		});

		expect(items).toEqual([]);
		const apiError = expectCashfreeError(harness, error, {
			status: 400,
			code: 'refund_amount_invalid',
			message:
				'refund_amount : should be at most 40, what is left of the amount paid after earlier refunds',
		});
		expect(apiError.context.cashfree?.requestId).toBe('support-2001');
		expect(apiError.description).toMatch(
			/HTTP status: 400 · code: refund_amount_invalid · type: invalid_request_error · x-request-id: support-2001/,
		);
		expect(harness.simulator.refundCount('order_2001')).toBe(1);
		expect(harness.simulator.getRefund('order_2001', 'refund_second')).toBeUndefined();
	});

	it('a refund on an order that was not paid is refused', async () => {
		harness.simulator.seedOrder({ order_id: 'order_2002' });

		const { error } = await runOperation(harness, 'refund', 'create', {
			orderId: 'order_2002',
			refundId: 'refund_2002',
			refundAmount: 10,
		});

		expectCashfreeError(harness, error, {
			status: 400,
			code: 'order_not_paid',
			message: 'only a paid order can be refunded',
		});
		expect(harness.simulator.refundCount('order_2002')).toBe(0);
	});

	it('running the workflow again does not refund twice: the same refund_id is refused with 409', async () => {
		seedPaidOrder('order_2003');
		const ticket = [{ order_id: 'order_2003', ticket: 'T-77' }];
		const parameters = {
			orderId: '={{ $json.order_id }}',
			refundId: '=refund_{{ $json.ticket.replace("-", "_") }}',
			refundAmount: 25,
		};

		const first = await runOperation(harness, 'refund', 'create', parameters, ticket);
		const second = await runOperation(harness, 'refund', 'create', parameters, ticket);

		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toMatchObject({
			refund_id: 'refund_T_77',
			refund_status: 'PENDING',
		});
		const apiError = expectCashfreeError(harness, second.error, {
			status: 409,
			code: 'refund_already_exists',
			message: 'a refund with this refund_id already exists for this order',
		});
		expect(apiError.description).toMatch(
			/^Cashfree reports a conflict with an existing refund: one with this order ID and refund ID may exist already/,
		);
		expect(second.items).toEqual([]);
		// Both runs asked with refund_T_77, each under its own execution's idempotency key.
		const posts = sentRequests(harness, 'POST', '/refunds');
		expect(posts.map((request) => JSON.parse(request.body).refund_id)).toEqual([
			'refund_T_77',
			'refund_T_77',
		]);
		expect(posts[0].headers['x-idempotency-key']).not.toBe(posts[1].headers['x-idempotency-key']);
		expect(harness.simulator.refundCount('order_2003')).toBe(1);
	});
});

describe('A refund is made once, whatever happens on the way', () => {
	it('a 500 before Cashfree acted is retried with the same idempotency key: exactly one refund', async () => {
		seedPaidOrder('order_3001');
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 500 },
			method: 'POST',
			pathIncludes: '/refunds',
		});

		const { items, error } = await runOperation(harness, 'refund', 'create', {
			orderId: 'order_3001',
			refundId: 'refund_3001',
			refundAmount: 30,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.refund_status)).toEqual(['PENDING']);
		const posts = sentRequests(harness, 'POST', '/refunds');
		expect(posts.map((request) => request.status)).toEqual([500, 200]);
		expect(posts[1].headers['x-idempotency-key']).toBe(posts[0].headers['x-idempotency-key']);
		expect(posts[1].body).toBe(posts[0].body);
		expect(harness.simulator.refundCount('order_3001')).toBe(1);
	});

	it('an answer lost after Cashfree made the refund is retried and replayed, not refused as a repeat', async () => {
		seedPaidOrder('order_3002');
		harness.simulator.injectFault({
			fault: { kind: 'dropAfterApply' },
			method: 'POST',
			pathIncludes: '/refunds',
		});

		const { items, error } = await runOperation(harness, 'refund', 'create', {
			orderId: 'order_3002',
			refundId: 'refund_3002',
			refundAmount: 30,
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ refund_id: 'refund_3002', refund_status: 'PENDING' });
		const posts = sentRequests(harness, 'POST', '/refunds');
		expect(posts).toHaveLength(2);
		expect(posts[1].headers['x-idempotency-key']).toBe(posts[0].headers['x-idempotency-key']);
		expect(harness.simulator.refundCount('order_3002')).toBe(1);
	});

	it('a run that stops at a refusal says which refunds the other items created', async () => {
		const refunds = [
			{ order_id: 'order_4001', refund_id: 'refund_4001', amount: 10 },
			{ order_id: 'order_4002', refund_id: 'refund_4002', amount: 10 },
			{ order_id: 'order_4003', refund_id: 'refund_4003', amount: 10 },
			{ order_id: 'order_4004', refund_id: 'refund_4004', amount: 10 },
		];
		seedPaidOrder('order_4001');
		seedPaidOrder('order_4002');
		harness.simulator.seedOrder({ order_id: 'order_4003' });
		seedPaidOrder('order_4004');

		const { error, items } = await runOperation(
			harness,
			'refund',
			'create',
			{ ...refundFromItem, additionalOptions: { concurrency: 1 } },
			refunds,
		);

		expect(items).toEqual([]);
		const sentence =
			'2 other refunds were created before the run stopped: refund_4001 (order order_4001), refund_4002 (order order_4002).';
		const apiError = expectCashfreeError(harness, error, {
			status: 400,
			code: 'order_not_paid',
			message: `only a paid order can be refunded. ${sentence}`,
		});
		expect(apiError.context.itemIndex).toBe(2);
		expect(apiError.description).toMatch(new RegExp(`\\n${sentence.replace(/[.()]/g, '\\$&')}$`));
		expect(harness.simulator.refundCount('order_4001')).toBe(1);
		expect(harness.simulator.refundCount('order_4002')).toBe(1);
		expect(harness.simulator.refundCount('order_4004')).toBe(0);
	});
});

describe('Get and Get Many', () => {
	it('Get outputs one refund per item, paired, as Cashfree reads it now (SUCCESS once processed)', async () => {
		seedPaidOrder('order_5001');
		seedPaidOrder('order_5002');
		await createRefunds([
			{ order_id: 'order_5001', refund_id: 'refund_5001', amount: 20 },
			{ order_id: 'order_5002', refund_id: 'refund_5002', amount: 30 },
		]);
		harness.simulator.clearRequests();

		const { items, error } = await runOperation(
			harness,
			'refund',
			'get',
			{ orderId: '={{ $json.order_id }}', refundId: '={{ $json.refund_id }}' },
			[
				{ order_id: 'order_5002', refund_id: 'refund_5002' },
				{ order_id: 'order_5001', refund_id: 'refund_5001' },
			],
		);

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.refund_id, item.json.refund_amount, item.json.refund_status]),
		).toEqual([
			['refund_5002', 30, 'SUCCESS'],
			['refund_5001', 20, 'SUCCESS'],
		]);
		expect(items[0].json.refund_arn).toEqual(expect.any(String));
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const sent = harness.simulator.requests;
		expect(sent.map((request) => `${request.method} ${request.url}`).sort()).toEqual([
			'GET /pg/orders/order_5001/refunds/refund_5001',
			'GET /pg/orders/order_5002/refunds/refund_5002',
		]);
		expect(sent.every((request) => request.headers['x-idempotency-key'] === undefined)).toBe(true);
	});

	it('Get Many outputs one item per refund of each order, all paired to the item that asked', async () => {
		seedPaidOrder('order_6001');
		seedPaidOrder('order_6002');
		await createRefunds([
			{ order_id: 'order_6001', refund_id: 'refund_6001_a', amount: 10 },
			{ order_id: 'order_6001', refund_id: 'refund_6001_b', amount: 11 },
			{ order_id: 'order_6001', refund_id: 'refund_6001_c', amount: 12 },
			{ order_id: 'order_6002', refund_id: 'refund_6002_a', amount: 13 },
		]);

		const { items, error } = await runOperation(
			harness,
			'refund',
			'getAll',
			{ orderId: '={{ $json.order_id }}', returnAll: true },
			[{ order_id: 'order_6001' }, { order_id: 'order_6002' }],
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.refund_id, item.pairedItem])).toEqual([
			['refund_6001_a', { item: 0 }],
			['refund_6001_b', { item: 0 }],
			['refund_6001_c', { item: 0 }],
			['refund_6002_a', { item: 1 }],
		]);
	});

	it('Get Many with a Limit outputs at most that many refunds', async () => {
		seedPaidOrder('order_6003');
		await createRefunds(
			['a', 'b', 'c'].map((suffix) => ({
				order_id: 'order_6003',
				refund_id: `refund_${suffix}`,
				amount: 5,
			})),
		);

		const { items } = await runOperation(harness, 'refund', 'getAll', {
			orderId: 'order_6003',
			returnAll: false,
			limit: 2,
		});

		expect(items.map((item) => item.json.refund_id)).toEqual(['refund_a', 'refund_b']);
	});

	it('Get Many of an order without refunds outputs nothing, and is no error', async () => {
		seedPaidOrder('order_6004');

		const { items, error } = await runOperation(harness, 'refund', 'getAll', {
			orderId: 'order_6004',
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('an unknown refund is a 404 whose hint names the order ID and refund ID', async () => {
		seedPaidOrder('order_7001');

		const { error } = await runOperation(harness, 'refund', 'get', {
			orderId: 'order_7001',
			refundId: 'refund_missing',
		});

		const apiError = expectCashfreeError(harness, error, {
			status: 404,
			code: 'refund_not_found',
			message: 'no refund exists with this refund_id',
		});
		expect(apiError.description).toMatch(
			/^Check the order ID and refund ID, and that the refund was created/,
		);
	});
});
