/**
 * Orders through n8n: Create, Get and Terminate run in n8n-core's engine against the Cashfree
 * simulator, and each test checks what a user would look at: what reached Cashfree, what came
 * out of the node, and what the error says. Field validation is in ../common/field-checks.test.ts.
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	CLIENT_ID,
	CLIENT_SECRET,
	expectCashfreeError,
	runOperation,
	sentBodies,
	sentRequests,
	useHarness,
} from '../../helpers/harness';
import { simulatorKit } from '../../helpers/simulator-client';

const harness = useHarness();
const { call } = simulatorKit(CLIENT_ID, CLIENT_SECRET);

const minimalOrder: INodeParameters = {
	orderId: 'order_2001',
	orderAmount: 100,
	orderCurrency: 'INR',
	customerId: 'cust_2001',
	customerPhone: '9999999999',
};

describe('Order → Create', () => {
	it("sends every field under Cashfree's own names", async () => {
		const { error } = await runOperation(harness, 'order', 'create', {
			...minimalOrder,
			orderAmount: 1499.5,
			additionalFields: {
				customerEmail: 'asha@example.com',
				customerName: 'Asha Rao',
				customerBankAccountNumber: '026291800001191',
				customerBankIfsc: 'YESB0000262',
				customerBankCode: 3044,
				orderExpiryTime: '2030-01-01T12:00:00+05:30',
				notifyUrl: 'https://shop.example/webhook/cashfree',
				returnUrl: 'https://shop.example/thanks?order_id={order_id}',
				paymentMethods: ['upi', 'cc', 'nb'],
				orderNote: 'Invoice 2001',
				orderTags: {
					entries: [
						{ key: 'invoice', value: 'INV-2001' },
						{ key: 'channel', value: 'n8n' },
					],
				},
				orderSplits:
					'[{"vendor_id": "vendor_a", "amount": 1000}, {"vendor_id": "vendor_b", "percentage": 10}]',
			},
		});

		expect(error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/orders')).toEqual([
			{
				order_id: 'order_2001',
				order_amount: 1499.5,
				order_currency: 'INR',
				customer_details: {
					customer_id: 'cust_2001',
					customer_phone: '9999999999',
					customer_email: 'asha@example.com',
					customer_name: 'Asha Rao',
					customer_bank_account_number: '026291800001191',
					customer_bank_ifsc: 'YESB0000262',
					customer_bank_code: 3044,
				},
				order_expiry_time: '2030-01-01T12:00:00+05:30',
				order_meta: {
					notify_url: 'https://shop.example/webhook/cashfree',
					return_url: 'https://shop.example/thanks?order_id={order_id}',
					payment_methods: 'upi,cc,nb',
				},
				order_note: 'Invoice 2001',
				order_tags: { invoice: 'INV-2001', channel: 'n8n' },
				order_splits: [
					{ vendor_id: 'vendor_a', amount: 1000 },
					{ vendor_id: 'vendor_b', percentage: 10 },
				],
			},
		]);
		expect(harness.simulator.getOrder('order_2001')).toMatchObject({
			order_amount: 1499.5,
			order_tags: { invoice: 'INV-2001', channel: 'n8n' },
			order_meta: { payment_methods: 'upi,cc,nb' },
		});
	});

	it('leaves out the Additional Fields that are not set, so that Cashfree applies its defaults', async () => {
		await runOperation(harness, 'order', 'create', minimalOrder);

		expect(sentBodies(harness, 'POST', '/orders')).toEqual([
			{
				order_id: 'order_2001',
				order_amount: 100,
				order_currency: 'INR',
				customer_details: { customer_id: 'cust_2001', customer_phone: '9999999999' },
			},
		]);
	});

	it('outputs the order Cashfree returned, ACTIVE with its payment_session_id, paired to its item', async () => {
		const { items, error } = await runOperation(harness, 'order', 'create', minimalOrder);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			order_id: 'order_2001',
			order_status: 'ACTIVE',
			order_amount: 100,
			payment_session_id: expect.stringMatching(/^session_/),
		});
		const asCashfreeHasIt = await call(harness.simulator, '/orders/order_2001');
		expect(items[0].json).toEqual(asCashfreeHasIt.json);
	});

	it('creates one order per item, each output paired to its item, in input order', async () => {
		const invoices = [
			{ invoice: 'inv_3001', amount: 101, phone: '9000000001' },
			{ invoice: 'inv_3002', amount: 102, phone: '9000000002' },
			{ invoice: 'inv_3003', amount: 103, phone: '9000000003' },
		];

		const { items, error } = await runOperation(
			harness,
			'order',
			'create',
			{
				orderId: '={{ $json.invoice }}',
				orderAmount: '={{ $json.amount }}',
				orderCurrency: 'INR',
				customerId: '=cust_{{ $json.invoice }}',
				customerPhone: '={{ $json.phone }}',
			},
			invoices,
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.order_id, item.json.order_amount])).toEqual([
			['inv_3001', 101],
			['inv_3002', 102],
			['inv_3003', 103],
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(
			sentBodies(harness, 'POST', '/orders')
				.map((body) => body.order_id)
				.sort(),
		).toEqual(['inv_3001', 'inv_3002', 'inv_3003']);
		for (const { invoice, amount, phone } of invoices) {
			expect(harness.simulator.getOrder(invoice)).toMatchObject({
				order_amount: amount,
				customer_details: { customer_phone: phone },
			});
		}
	});

	it('retries a 500 with the same idempotency key, and one order is created', async () => {
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 500, stored: false },
			method: 'POST',
			pathIncludes: '/orders',
		});

		const { items, error } = await runOperation(harness, 'order', 'create', minimalOrder);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.order_status)).toEqual(['ACTIVE']);
		const attempts = sentRequests(harness, 'POST', '/orders');
		expect(attempts.map((request) => request.status)).toEqual([500, 200]);
		const keys = attempts.map((request) => request.headers['x-idempotency-key']);
		expect(keys[0]).toEqual(expect.any(String));
		expect(keys[1]).toBe(keys[0]);
		expect(attempts[1].body).toBe(attempts[0].body);
		expect(harness.simulator.getOrder('order_2001')?.cf_order_id).toBe(items[0].json.cf_order_id);
	});

	it("running the same workflow twice: the second run gets Cashfree's 409, and there is one order", async () => {
		const parameters: INodeParameters = {
			...minimalOrder,
			orderId: '=order_{{ $json.invoice }}',
			orderAmount: '={{ $json.amount }}',
			additionalOptions: { requestId: 'second-run-7' },
		};

		const first = await runOperation(harness, 'order', 'create', parameters, [
			{ invoice: 'INV_4001', amount: 250 },
		]);
		const second = await runOperation(harness, 'order', 'create', parameters, [
			{ invoice: 'INV_4001', amount: 999 },
		]);

		expect(first.error).toBeUndefined();
		expect(second.items).toEqual([]);
		const error = expectCashfreeError(harness, second.error, {
			status: 409,
			code: 'order_already_exists',
			message: 'an order with this order_id already exists',
		});
		expect(error.description).toMatch(
			/^Cashfree reports a conflict with an existing order: one with this order ID may exist already \(Get it instead of creating it again\)/,
		);
		expect(error.description).toMatch(
			'HTTP status: 409 · code: order_already_exists · type: invalid_request_error · x-request-id: second-run-7',
		);
		// Each run derives its own key, so Cashfree saw two requests and kept the first order.
		const keys = sentRequests(harness, 'POST', '/orders').map(
			(request) => request.headers['x-idempotency-key'],
		);
		expect(keys).toHaveLength(2);
		expect(keys[1]).not.toBe(keys[0]);
		expect(harness.simulator.getOrder('order_INV_4001')).toMatchObject({
			cf_order_id: first.items[0].json.cf_order_id,
			order_amount: 250,
		});
	});
});

describe('Order → Get', () => {
	it('outputs the order as Cashfree has it, without changing it', async () => {
		harness.simulator.seedOrder({
			order_id: 'order_5001',
			order_amount: 75.25,
			order_note: 'Desk',
		});

		const { items, error } = await runOperation(
			harness,
			'order',
			'get',
			{
				orderId: '={{ $json.id }}',
			},
			[{ id: 'order_5001' }],
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			order_id: 'order_5001',
			order_amount: 75.25,
			order_note: 'Desk',
			order_status: 'ACTIVE',
		});
		const sent = sentRequests(harness, 'GET', '/orders/order_5001');
		expect(sent).toHaveLength(1);
		expect(sent[0].body).toBe('');
		expect(sent[0].headers['x-idempotency-key']).toBeUndefined();
		expect(items[0].json).toEqual((await call(harness.simulator, '/orders/order_5001')).json);
		expect(harness.simulator.getOrder('order_5001')?.order_status).toBe('ACTIVE');
	});

	it('outputs the orders in input order even when their answers come back in another order', async () => {
		for (const orderId of ['order_5101', 'order_5102', 'order_5103'])
			harness.simulator.seedOrder({ order_id: orderId });
		// The first request goes alone (its answer tells the node how much room the rate limit
		// leaves); the other two then go together, and the second item's answer comes last.
		harness.simulator.injectFault({
			fault: { kind: 'delay', ms: 400 },
			pathIncludes: '/orders/order_5102',
		});

		const { items, error } = await runOperation(
			harness,
			'order',
			'get',
			{ orderId: '={{ $json.id }}', additionalOptions: { concurrency: 3 } },
			[{ id: 'order_5101' }, { id: 'order_5102' }, { id: 'order_5103' }],
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.order_id, item.pairedItem])).toEqual([
			['order_5101', { item: 0 }],
			['order_5102', { item: 1 }],
			['order_5103', { item: 2 }],
		]);
	});

	it('a missing order is a 404 NodeApiError that says to check the order ID', async () => {
		const { items, error } = await runOperation(harness, 'order', 'get', {
			orderId: 'no_such_order',
		});

		expect(items).toEqual([]);
		const apiError = expectCashfreeError(harness, error, {
			status: 404,
			code: 'order_not_found',
			message: 'no order exists with this order_id',
		});
		expect(apiError.description).toMatch(
			/^Check the order ID, and that the order was created with keys of the environment selected in the credential\./,
		);
	});

	it('with Continue On Fail, a missing order becomes an error item and the other items go on', async () => {
		harness.simulator.seedOrder({ order_id: 'order_5002' });
		harness.simulator.seedOrder({ order_id: 'order_5003' });

		const { items, error } = await runOperation(
			harness,
			'order',
			'get',
			{ orderId: '={{ $json.id }}' },
			[{ id: 'order_5002' }, { id: 'gone_5999' }, { id: 'order_5003' }],
			{ continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.order_id).toBe('order_5002');
		expect(items[2].json.order_id).toBe('order_5003');
		expect(items[1].json).toMatchObject({
			error: expect.stringMatching(/^Cashfree: /),
			errorDescription: expect.stringMatching(/^Check the order ID/),
			httpStatus: 404,
			code: 'order_not_found',
			type: 'invalid_request_error',
			requestId: expect.any(String),
		});
	});

	it.each([
		['2022-09-01', 'number'],
		['2025-01-01', 'string'],
	])(
		'passes the answer of API version %s unchanged (cf_order_id is a %s)',
		async (apiVersion, type) => {
			harness.simulator.seedOrder({ order_id: 'order_5004' });
			const credentials = await harness.credential({ apiVersion });

			const { items, error } = await runOperation(
				harness,
				'order',
				'get',
				{ orderId: 'order_5004' },
				[{}],
				{ credentials },
			);

			expect(error).toBeUndefined();
			expect(harness.simulator.requests[0].headers['x-api-version']).toBe(apiVersion);
			expect(typeof items[0].json.cf_order_id).toBe(type);
			const direct = await call(harness.simulator, '/orders/order_5004', { version: apiVersion });
			expect(items[0].json).toEqual(direct.json);
		},
	);
});

describe('Order → Terminate', () => {
	it('terminates an ACTIVE order with a PATCH of {"order_status":"TERMINATED"} and an idempotency key', async () => {
		harness.simulator.seedOrder({ order_id: 'order_6001' });

		const { items, error } = await runOperation(harness, 'order', 'terminate', {
			orderId: 'order_6001',
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ order_id: 'order_6001', order_status: 'TERMINATED' });
		expect(harness.simulator.getOrder('order_6001')?.order_status).toBe('TERMINATED');
		const [sent] = harness.simulator.requests;
		expect(harness.simulator.requests).toHaveLength(1);
		expect(sent.method).toBe('PATCH');
		expect(sent.path).toBe('/pg/orders/order_6001');
		expect(JSON.parse(sent.body)).toEqual({ order_status: 'TERMINATED' });
		expect(sent.headers['x-idempotency-key']).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
	});

	it('sends the Idempotency Key option as given', async () => {
		harness.simulator.seedOrder({ order_id: 'order_6002' });

		await runOperation(harness, 'order', 'terminate', {
			orderId: 'order_6002',
			additionalOptions: { idempotencyKey: '=terminate-{{ "order_6002" }}' },
		});

		expect(harness.simulator.requests[0].headers['x-idempotency-key']).toBe('terminate-order_6002');
	});

	it("a PAID order: Cashfree's refusal (order_not_active) as a NodeApiError, the order untouched", async () => {
		harness.simulator.seedOrder({ order_id: 'order_6003', order_status: 'PAID' });

		const { items, error } = await runOperation(harness, 'order', 'terminate', {
			orderId: 'order_6003',
		});

		expect(items).toEqual([]);
		expectCashfreeError(harness, error, {
			status: 400,
			code: 'order_not_active',
			message: 'the order cannot be terminated because it is not active',
		});
		expect(harness.simulator.getOrder('order_6003')?.order_status).toBe('PAID');
		expect(harness.simulator.terminateCount('order_6003')).toBe(0);
	});

	it('a failure in a run of several items says which other orders were terminated before it stopped', async () => {
		harness.simulator.seedOrder({ order_id: 'order_6004' });
		harness.simulator.seedOrder({ order_id: 'order_6005' });
		harness.simulator.seedOrder({ order_id: 'order_6006', order_status: 'PAID' });
		harness.simulator.seedOrder({ order_id: 'order_6007' });

		const { items, error } = await runOperation(
			harness,
			'order',
			'terminate',
			// One at a time, so that the item after the refusal is still waiting when the run stops.
			{ orderId: '={{ $json.id }}', additionalOptions: { concurrency: 1 } },
			[{ id: 'order_6004' }, { id: 'order_6005' }, { id: 'order_6006' }, { id: 'order_6007' }],
		);

		expect(items).toEqual([]);
		const sentence =
			'2 other orders were terminated before the run stopped: order_6004, order_6005.';
		const apiError = expectCashfreeError(harness, error, {
			status: 400,
			code: 'order_not_active',
			message: `the order cannot be terminated because it is not active. ${sentence}`,
		});
		expect(apiError.description?.endsWith(`\n${sentence}`)).toBe(true);
		expect(apiError.context.itemIndex).toBe(2);
		expect(harness.simulator.getOrder('order_6004')?.order_status).toBe('TERMINATED');
		expect(harness.simulator.getOrder('order_6005')?.order_status).toBe('TERMINATED');
		// The run stopped at the refusal: the item after it was never sent.
		expect(harness.simulator.getOrder('order_6007')?.order_status).toBe('ACTIVE');
		expect(sentRequests(harness, 'PATCH', '/orders/order_6007')).toEqual([]);
	});

	it('says so when no other order was terminated before the run stopped', async () => {
		harness.simulator.seedOrder({ order_id: 'order_6008', order_status: 'PAID' });
		harness.simulator.seedOrder({ order_id: 'order_6009' });

		const { error } = await runOperation(
			harness,
			'order',
			'terminate',
			{ orderId: '={{ $json.id }}', additionalOptions: { concurrency: 1 } },
			[{ id: 'order_6008' }, { id: 'order_6009' }],
		);

		expectCashfreeError(harness, error, {
			status: 400,
			code: 'order_not_active',
			message:
				'the order cannot be terminated because it is not active. No other order was terminated before the run stopped.',
		});
		expect(harness.simulator.terminateCount('order_6009')).toBe(0);
	});

	it('terminates each order once, even when a 503 or a lost answer makes the node retry', async () => {
		harness.simulator.seedOrder({ order_id: 'order_6010' });
		harness.simulator.seedOrder({ order_id: 'order_6011' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 503 },
			method: 'PATCH',
			pathIncludes: '/orders/order_6010',
		});
		// Carried out, but the connection drops before the answer: only the key makes the retry safe.
		harness.simulator.injectFault({
			fault: { kind: 'dropAfterApply' },
			method: 'PATCH',
			pathIncludes: '/orders/order_6011',
		});

		const { items, error } = await runOperation(
			harness,
			'order',
			'terminate',
			{ orderId: '={{ $json.id }}' },
			[{ id: 'order_6010' }, { id: 'order_6011' }],
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.order_id, item.json.order_status])).toEqual([
			['order_6010', 'TERMINATED'],
			['order_6011', 'TERMINATED'],
		]);
		for (const orderId of ['order_6010', 'order_6011']) {
			expect(harness.simulator.terminateCount(orderId)).toBe(1);
			const keys = sentRequests(harness, 'PATCH', `/orders/${orderId}`).map(
				(request) => request.headers['x-idempotency-key'],
			);
			expect(keys).toHaveLength(2);
			expect(keys[1]).toBe(keys[0]);
		}
	});
});
