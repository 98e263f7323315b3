/**
 * The simulator's Payment Gateway beyond payment links: orders, payments, the sandbox's
 * payment simulation, refunds, settlements and disputes. Every success answer is checked
 * against the schemas in test/schemas, derived from Cashfree's OpenAPI documents.
 */
import {
	CASHFREE_PRODUCTION_RATE_LIMITS,
	CASHFREE_SANDBOX_RATE_LIMITS,
	SUPPORTED_API_VERSIONS,
	type ApiVersion,
	type DisputeStatus,
} from '../../tools/simulator';

import {
	expectMatchesSchema,
	schemaVersion,
	simulatorKit,
	type CallOptions,
	type CallResult,
} from '../helpers/simulator-client';

const CLIENT_ID = 'pg_client_id';
const CLIENT_SECRET = 'pg_client_secret';
const LATEST: ApiVersion = '2025-01-01';
const LEGACY: ApiVersion = '2022-09-01';
const NEWER_VERSIONS = SUPPORTED_API_VERSIONS.filter((version) => version !== LEGACY);
const IST_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/;

/** 2023-08-01 has no document of its own; it answers in the 2025-01-01 shapes. */
const shape = schemaVersion;
const expectSchema = expectMatchesSchema;
const { call, withSimulator, useSimulator } = simulatorKit(CLIENT_ID, CLIENT_SECRET, LATEST);

/** A JSON array of the entity, as every list endpoint answers. */
function expectListOf(schemaId: string, value: unknown): void {
	expect(Array.isArray(value)).toBe(true);
	for (const item of value as unknown[]) expectSchema(schemaId, item);
}

function expectOk(result: CallResult): void {
	expect([result.status, result.json]).toEqual([200, expect.anything()]);
}

function expectError(result: CallResult, status: number, code: string): void {
	expect(result.status).toBe(status);
	expectSchema('error.json', result.json);
	expect(result.json.code).toBe(code);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const simulator = useSimulator();

const api = (path: string, options?: CallOptions): Promise<CallResult> =>
	call(simulator, path, options);
const post = (path: string, body: unknown, options: CallOptions = {}): Promise<CallResult> =>
	api(path, { method: 'POST', body, ...options });
const terminate = (orderId: string, options: CallOptions = {}): Promise<CallResult> =>
	api(`/orders/${orderId}`, { method: 'PATCH', body: { order_status: 'TERMINATED' }, ...options });
const refund = (
	orderId: string,
	refundId: string,
	amount: number,
	extra: Record<string, unknown> = {},
	options: CallOptions = {},
) =>
	post(
		`/orders/${orderId}/refunds`,
		{ refund_id: refundId, refund_amount: amount, ...extra },
		options,
	);
const accept = (disputeId: number | string, options: CallOptions = {}): Promise<CallResult> =>
	api(`/disputes/${disputeId}/accept`, { method: 'PUT', ...options });
const simulate = (
	cfPaymentId: string,
	status: string,
	extra: Record<string, unknown> = {},
	options: CallOptions = {},
) =>
	post(
		'/simulate',
		{
			entity: 'PAYMENTS',
			entity_id: cfPaymentId,
			entity_simulation: { payment_status: status, ...extra },
		},
		options,
	);
const settlementsQuery = (
	filters: Record<string, unknown>,
	pagination: Record<string, unknown> = { limit: 10 },
) => ({ pagination, filters });

function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		order_amount: 250.5,
		order_currency: 'INR',
		customer_details: {
			customer_id: 'cust_001',
			customer_phone: '9876543210',
			customer_name: 'Asha Rao',
			customer_email: 'asha@example.com',
		},
		...overrides,
	};
}

// ---- tests ----

describe('create and fetch orders', () => {
	it.each(SUPPORTED_API_VERSIONS)(
		'creates an order with a generated order_id and answers in the %s shape',
		async (version) => {
			const created = await post('/orders', orderBody(), { version });
			expectOk(created);
			expectSchema(`order-entity-${shape(version)}.json`, created.json);
			expect(created.json).toMatchObject({
				entity: 'order',
				order_status: 'ACTIVE',
				order_amount: 250.5,
				order_currency: 'INR',
			});
			expect(created.json.order_id).toMatch(/^order_\d+$/);
			expect(created.json.created_at).toMatch(IST_TIMESTAMP);
			expect(typeof created.json.cf_order_id).toBe(version === LEGACY ? 'number' : 'string');
			expect('link_id' in created.json).toBe(false);
			expect('payments' in created.json).toBe(version === LEGACY);

			const fetched = await api(`/orders/${created.json.order_id}`, { version });
			expect(fetched.json).toEqual(created.json);
			expect(simulator.getOrder(created.json.order_id)?.order_status).toBe('ACTIVE');
		},
	);

	it('keeps the optional fields it was given, with the expiry in IST', async () => {
		const body = orderBody({
			order_id: 'shop-order_42',
			order_meta: {
				return_url: 'https://shop.example/return',
				notify_url: 'https://shop.example/hook',
				payment_methods: 'upi,cc',
			},
			order_expiry_time: '2099-01-01T00:00:00Z',
			order_note: 'two books',
			order_tags: { channel: 'web' },
			order_splits: [{ vendor_id: 'vendor_1', amount: 50 }],
		});
		const created = await post('/orders', body);
		expectSchema('order-entity-2025-01-01.json', created.json);
		expect(created.json).toMatchObject({
			order_id: 'shop-order_42',
			order_meta: body.order_meta,
			order_expiry_time: '2099-01-01T05:30:00+05:30',
			order_note: 'two books',
			order_tags: { channel: 'web' },
			order_splits: [{ vendor_id: 'vendor_1', amount: 50 }],
		});
	});

	it.each([
		['order_amount_missing', { order_amount: undefined }],
		['order_amount_invalid', { order_amount: 0.5 }],
		['order_amount_invalid', { order_amount: 10.001 }],
		['order_amount_invalid', { order_amount: '100' }],
		['order_currency_missing', { order_currency: undefined }],
		['order_currency_invalid', { order_currency: 'rupees' }],
		['customer_details_missing', { customer_details: undefined }],
		[
			'customer_details.customer_id_missing',
			{ customer_details: { customer_phone: '9876543210' } },
		],
		[
			'customer_details.customer_id_invalid',
			{ customer_details: { customer_id: 'ab', customer_phone: '9876543210' } },
		],
		['customer_details.customer_phone_missing', { customer_details: { customer_id: 'cust_001' } }],
		[
			'customer_details.customer_phone_invalid',
			{ customer_details: { customer_id: 'cust_001', customer_phone: '+91987654' } },
		],
		['order_id_invalid', { order_id: 'ab' }],
		['order_id_invalid', { order_id: 'has spaces' }],
		['order_id_invalid', { order_id: 'o'.repeat(46) }],
		['order_note_invalid', { order_note: 'ok' }],
		[
			'order_tags_invalid',
			{ order_tags: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])) },
		],
		['order_meta.notify_url_invalid', { order_meta: { notify_url: 'http://shop.example/hook' } }],
		['order_expiry_time_invalid', { order_expiry_time: '2020-01-01T00:00:00Z' }],
		['order_splits_invalid', { order_splits: [{ amount: 10 }] }],
	])('refuses a create request with 400 %s', async (code, overrides) => {
		expectError(await post('/orders', orderBody(overrides)), 400, code);
	});

	it('refuses a body that is not a JSON object', async () => {
		expectError(await post('/orders', '[1, 2]'), 400, 'request_failed');
		expectError(await post('/orders', '{"order_amount": '), 400, 'request_failed');
	});

	it('answers 409 order_already_exists for an order_id in use', async () => {
		simulator.seedOrder({ order_id: 'taken_order' });
		expectError(
			await post('/orders', orderBody({ order_id: 'taken_order' })),
			409,
			'order_already_exists',
		);
	});

	it.each([
		['GET', '/orders/ghost'],
		['PATCH', '/orders/ghost'],
		['GET', '/orders/ghost/payments'],
		['GET', '/orders/ghost/payments/123'],
		['GET', '/orders/ghost/refunds'],
		['POST', '/orders/ghost/refunds'],
		['GET', '/orders/ghost/refunds/r1'],
		['GET', '/orders/ghost/settlements'],
		['GET', '/orders/ghost/disputes'],
	])('answers 404 order_not_found for %s %s', async (method, path) => {
		const body =
			method === 'GET'
				? undefined
				: method === 'PATCH'
					? { order_status: 'TERMINATED' }
					: { refund_id: 'r1', refund_amount: 1 };
		expectError(await api(path, { method, body }), 404, 'order_not_found');
	});

	it('answers 405 with the allowed methods on an order and on the order collection (Cashfree has no GET /orders)', async () => {
		const wrongMethod = await api('/orders/any', { method: 'DELETE' });
		expectError(wrongMethod, 405, 'method_not_allowed');
		expect(wrongMethod.headers.get('allow')).toBe('GET, PATCH');
		const listing = await api('/orders');
		expectError(listing, 405, 'method_not_allowed');
		expect(listing.headers.get('allow')).toBe('POST');
	});

	it('reads an ACTIVE order past its expiry as EXPIRED', async () => {
		simulator.seedOrder({
			order_id: 'old_order',
			order_expiry_time: new Date(Date.now() - 60_000).toISOString(),
		});
		expect((await api('/orders/old_order')).json.order_status).toBe('EXPIRED');
	});
});

describe('terminate an order', () => {
	it('terminates an ACTIVE order at once when no payment is in flight', async () => {
		simulator.seedOrder({ order_id: 'to_end' });
		const ended = await terminate('to_end');
		expectOk(ended);
		expectSchema('order-entity-2025-01-01.json', ended.json);
		expect(ended.json.order_status).toBe('TERMINATED');
		expect((await api('/orders/to_end')).json.order_status).toBe('TERMINATED');
		expect(simulator.terminateCount('to_end')).toBe(1);
		expect(() => simulator.payOrder('to_end')).toThrow(/order_not_active/);
	});

	it('answers TERMINATION_REQUESTED while a payment is in flight; the payment then decides', async () => {
		simulator.seedOrder({ order_id: 'in_flight_fails', order_amount: 10 });
		const failing = simulator.payOrder('in_flight_fails', 'PENDING');
		expect((await terminate('in_flight_fails')).json.order_status).toBe('TERMINATION_REQUESTED');
		expectOk(await simulate(failing.cf_payment_id, 'FAILED'));
		expect(simulator.getOrder('in_flight_fails')?.order_status).toBe('TERMINATED');

		simulator.seedOrder({ order_id: 'in_flight_pays', order_amount: 10 });
		const paying = simulator.payOrder('in_flight_pays', 'PENDING');
		expect((await terminate('in_flight_pays')).json.order_status).toBe('TERMINATION_REQUESTED');
		expectOk(await simulate(paying.cf_payment_id, 'SUCCESS'));
		expect(simulator.getOrder('in_flight_pays')?.order_status).toBe('PAID');
	});

	it.each(['PAID', 'EXPIRED', 'TERMINATED'] as const)(
		'refuses to terminate a %s order with 400 order_not_active',
		async (status) => {
			simulator.seedOrder({ order_id: 'not_active', order_status: status });
			expectError(await terminate('not_active'), 400, 'order_not_active');
			expect(simulator.getOrder('not_active')?.order_status).toBe(status);
			expect(simulator.terminateCount('not_active')).toBe(0);
		},
	);

	it.each([
		['order_status_missing', {}],
		['order_status_invalid', { order_status: 'ACTIVE' }],
	])('refuses a terminate body with 400 %s', async (code, body) => {
		simulator.seedOrder({ order_id: 'bad_body' });
		expectError(await api('/orders/bad_body', { method: 'PATCH', body }), 400, code);
		expect(simulator.getOrder('bad_body')?.order_status).toBe('ACTIVE');
	});

	it('does not exist in 2022-09-01: 404 url_not_found, order untouched', async () => {
		simulator.seedOrder({ order_id: 'legacy_order' });
		expectError(await terminate('legacy_order', { version: LEGACY }), 404, 'url_not_found');
		expect(simulator.getOrder('legacy_order')?.order_status).toBe('ACTIVE');
	});

	it('replays a PATCH with the same idempotency key instead of terminating again', async () => {
		simulator.seedOrder({ order_id: 'idem_end' });
		const headers = { 'x-idempotency-key': 'end-once' };
		const first = await terminate('idem_end', { headers });
		const again = await terminate('idem_end', { headers });
		expect([first.status, first.headers.get('x-idempotency-replayed')]).toEqual([200, 'false']);
		expect([again.status, again.headers.get('x-idempotency-replayed'), again.text]).toEqual([
			200,
			'true',
			first.text,
		]);
		expect(simulator.terminateCount('idem_end')).toBe(1);

		const otherBody = await api('/orders/idem_end', {
			method: 'PATCH',
			body: { order_status: 'TERMINATED', x: 1 },
			headers,
		});
		expectError(otherBody, 422, 'request_invalid');
		expect(otherBody.json.type).toBe('idempotency_error');
		expectError(await terminate('idem_end'), 400, 'order_not_active');
	});
});

describe('payments', () => {
	it.each(SUPPORTED_API_VERSIONS)(
		'pays an order and lists its payment in the %s shape',
		async (version) => {
			simulator.seedOrder({ order_id: 'paid_now', order_amount: 120 });
			const payment = simulator.payOrder('paid_now');
			expect(simulator.getOrder('paid_now')?.order_status).toBe('PAID');

			const listed = await api('/orders/paid_now/payments', { version });
			expectListOf(`payment-entity-${shape(version)}.json`, listed.json);
			expect(listed.json).toHaveLength(1);
			expect(listed.json[0]).toMatchObject({
				order_id: 'paid_now',
				payment_status: 'SUCCESS',
				payment_amount: 120,
				is_captured: true,
			});
			expect(String(listed.json[0].cf_payment_id)).toBe(payment.cf_payment_id);

			const single = await api(`/orders/paid_now/payments/${payment.cf_payment_id}`, { version });
			expectSchema(`payment-entity-${shape(version)}.json`, single.json);
			expect(single.json).toEqual(listed.json[0]);
			expect((await api('/orders/paid_now', { version })).json.order_status).toBe('PAID');
		},
	);

	it.each(SUPPORTED_API_VERSIONS)(
		'pays an order that offers only cards by card, in the %s shape',
		async (version) => {
			simulator.seedOrder({ order_id: 'card_only', order_meta: { payment_methods: 'dc' } });
			simulator.payOrder('card_only');

			const [payment] = (await api('/orders/card_only/payments', { version })).json;

			expect(payment.payment_group).toBe('debit_card');
			expect(payment.payment_method.card).toMatchObject({ card_type: 'debit_card' });
			// Go SDK v6 adds card_sub_type with 2026-01-01; the earlier documents close the card object.
			const { card_sub_type: subType, ...card } = payment.payment_method.card;
			expect(subType).toBe(version === '2026-01-01' ? 'R' : undefined);
			expectSchema(`payment-entity-${shape(version)}.json`, {
				...payment,
				payment_method: { card },
			});
		},
	);

	it('leaves the order ACTIVE after a failed payment, with the failure described', async () => {
		simulator.seedOrder({ order_id: 'retry_order' });
		simulator.payOrder('retry_order', 'FAILED', 'ISSUER_NOT_AVAILABLE');
		expect(simulator.getOrder('retry_order')?.order_status).toBe('ACTIVE');
		simulator.payOrder('retry_order');
		const listed = await api('/orders/retry_order/payments');
		expectListOf('payment-entity-2025-01-01.json', listed.json);
		expect(
			listed.json.map((payment: { payment_status: string }) => payment.payment_status),
		).toEqual(['FAILED', 'SUCCESS']);
		expect(listed.json[0].error_details.error_code).toBe('ISSUER_NOT_AVAILABLE');
		expect(simulator.getOrder('retry_order')?.order_status).toBe('PAID');
		expect(() => simulator.payOrder('retry_order')).toThrow(/order_not_active/);
	});

	it("answers 404 payment_not_found for an unknown id or another order's payment", async () => {
		simulator.seedOrder({ order_id: 'order_a', order_status: 'PAID' });
		simulator.seedOrder({ order_id: 'order_b', order_status: 'PAID' });
		const [paymentOfB] = simulator.getPayments('order_b');
		expectError(await api('/orders/order_a/payments/999'), 404, 'payment_not_found');
		expectError(
			await api(`/orders/order_a/payments/${paymentOfB.cf_payment_id}`),
			404,
			'payment_not_found',
		);
		expect((await api('/orders/order_a/payments')).json).toHaveLength(1);
	});
});

describe('simulate a payment (POST /simulate)', () => {
	it.each(NEWER_VERSIONS)(
		'decides a pending payment and remembers the simulation (%s)',
		async (version) => {
			simulator.seedOrder({ order_id: 'sim_order' });
			const pending = simulator.payOrder('sim_order', 'PENDING');
			expect(
				(await api(`/orders/sim_order/payments/${pending.cf_payment_id}`)).json.payment_status,
			).toBe('PENDING');

			const simulated = await simulate(pending.cf_payment_id, 'SUCCESS', {}, { version });
			expectOk(simulated);
			expectSchema('simulation-2025-01-01.json', simulated.json);
			expect(simulated.json).toMatchObject({
				entity: 'PAYMENTS',
				entity_id: pending.cf_payment_id,
				entity_simulation: { payment_status: 'SUCCESS' },
			});
			expect(simulator.getOrder('sim_order')?.order_status).toBe('PAID');

			const fetched = await api(`/simulate/${simulated.json.simulation_id}`, { version });
			expect(fetched.json).toEqual(simulated.json);
		},
	);

	it('fails a payment with the given error code and keeps the order ACTIVE', async () => {
		simulator.seedOrder({ order_id: 'sim_fail' });
		const pending = simulator.payOrder('sim_fail', 'PENDING');
		const simulated = await simulate(pending.cf_payment_id, 'FAILED', {
			payment_error_code: 'ISSUER_NOT_AVAILABLE',
		});
		expect(simulated.json.entity_simulation).toEqual({
			payment_status: 'FAILED',
			payment_error_code: 'ISSUER_NOT_AVAILABLE',
		});
		expect(simulator.getOrder('sim_fail')?.order_status).toBe('ACTIVE');
		expect(simulator.getPayments('sim_fail')[0]).toMatchObject({
			payment_status: 'FAILED',
			error_details: { error_code: 'ISSUER_NOT_AVAILABLE' },
		});
	});

	it('refuses what cannot be simulated', async () => {
		simulator.seedOrder({ order_id: 'sim_done', order_status: 'PAID' });
		const [done] = simulator.getPayments('sim_done');
		expectError(await simulate(done.cf_payment_id, 'FAILED'), 400, 'payment_not_pending');
		expectError(await simulate('424242', 'SUCCESS'), 404, 'payment_not_found');
		expectError(
			await post('/simulate', {
				entity: 'SUBS_PAYMENTS',
				entity_id: '1',
				entity_simulation: { payment_status: 'SUCCESS' },
			}),
			400,
			'entity_invalid',
		);
		expectError(
			await post('/simulate', { entity: 'PAYMENTS', entity_id: '1' }),
			400,
			'entity_simulation_missing',
		);
		expectError(
			await simulate(done.cf_payment_id, 'VOID'),
			400,
			'entity_simulation.payment_status_invalid',
		);
		expectError(await api('/simulate/sim_unknown'), 404, 'simulation_not_found');
	});

	it('does not exist in 2022-09-01', async () => {
		simulator.seedOrder({ order_id: 'sim_legacy' });
		const pending = simulator.payOrder('sim_legacy', 'PENDING');
		expectError(
			await simulate(pending.cf_payment_id, 'SUCCESS', {}, { version: LEGACY }),
			404,
			'url_not_found',
		);
		expect(simulator.getOrder('sim_legacy')?.order_status).toBe('ACTIVE');
	});
});

describe('paying a payment link', () => {
	it.each(SUPPORTED_API_VERSIONS)(
		'pays the whole link: a PAID order CFPay_<link>_1 with its payment (%s)',
		async (version) => {
			simulator.seedLink({ link_id: 'pay_me', link_amount: 500 });
			const { order, payment } = simulator.payLink('pay_me');
			expect(order).toMatchObject({
				order_id: 'CFPay_pay_me_1',
				link_id: 'pay_me',
				order_status: 'PAID',
				order_amount: 500,
			});
			expect(payment).toMatchObject({
				order_id: 'CFPay_pay_me_1',
				payment_status: 'SUCCESS',
				payment_amount: 500,
			});

			const link = await api('/links/pay_me', { version });
			expect(link.json).toMatchObject({ link_status: 'PAID', link_amount_paid: 500 });
			const linkOrders = await api('/links/pay_me/orders', { version });
			expectSchema(`link-orders-${shape(version)}.json`, linkOrders.json);
			expect(linkOrders.json.map((listed: { order_id: string }) => listed.order_id)).toEqual([
				'CFPay_pay_me_1',
			]);

			const fetched = await api('/orders/CFPay_pay_me_1', { version });
			expectSchema(`order-entity-${shape(version)}.json`, fetched.json);
			const payments = await api('/orders/CFPay_pay_me_1/payments', { version });
			expectListOf(`payment-entity-${shape(version)}.json`, payments.json);
			expect(payments.json).toHaveLength(1);
		},
	);

	it('takes partial payments: PARTIALLY_PAID, then PAID, one order each', async () => {
		simulator.seedLink({
			link_id: 'in_parts',
			link_amount: 300,
			link_partial_payments: true,
			link_minimum_partial_amount: 100,
		});
		simulator.payLink('in_parts', 100);
		expect(simulator.getLink('in_parts')).toMatchObject({
			link_status: 'PARTIALLY_PAID',
			link_amount_paid: 100,
		});
		expect(() => simulator.payLink('in_parts', 50)).toThrow(/amount_invalid/);
		expect(() => simulator.payLink('in_parts', 250)).toThrow(/amount_invalid/);
		const { order } = simulator.payLink('in_parts');
		expect(order).toMatchObject({ order_id: 'CFPay_in_parts_2', order_amount: 200 });
		expect(simulator.getLink('in_parts')).toMatchObject({
			link_status: 'PAID',
			link_amount_paid: 300,
		});
		const paid = await api('/links/in_parts/orders');
		expect(paid.json.map((listed: { order_amount: number }) => listed.order_amount)).toEqual([
			100, 200,
		]);
	});

	it('refuses a partial payment on a link that takes none, and paying a link that is not open', () => {
		simulator.seedLink({ link_id: 'whole_only', link_amount: 300 });
		expect(() => simulator.payLink('whole_only', 100)).toThrow(/amount_invalid/);
		for (const status of ['PAID', 'CANCELLED', 'EXPIRED'] as const) {
			simulator.seedLink({ link_id: 'closed_link', link_status: status });
			expect(() => simulator.payLink('closed_link')).toThrow(/link_not_active/);
		}
		expect(() => simulator.payLink('no_such_link')).toThrow(/link_not_found/);
	});

	it('leaves the link and its new order ACTIVE when the payment fails', async () => {
		simulator.seedLink({ link_id: 'declined', link_amount: 80 });
		const { order, payment } = simulator.payLink('declined', undefined, 'FAILED');
		expect([order.order_status, payment.payment_status]).toEqual(['ACTIVE', 'FAILED']);
		expect(simulator.getLink('declined')).toMatchObject({
			link_status: 'ACTIVE',
			link_amount_paid: 0,
		});
		expect((await api('/links/declined/orders')).json).toEqual([]);
		const all = await api('/links/declined/orders?status=ALL');
		expect(all.json.map((listed: { order_status: string }) => listed.order_status)).toEqual([
			'ACTIVE',
		]);
		simulator.payLink('declined');
		expect(simulator.getLink('declined')?.orders.map((listed) => listed.order_id)).toEqual([
			'CFPay_declined_1',
			'CFPay_declined_2',
		]);
	});

	it('gives seeded PAID link orders their payment, so they can be refunded', async () => {
		simulator.seedLink({
			link_id: 'seeded_paid',
			link_status: 'PAID',
			link_amount: 60,
			orders: [{ order_amount: 60, order_status: 'PAID' }],
		});
		expect((await api('/orders/CFPay_seeded_paid_1/payments')).json[0]).toMatchObject({
			payment_status: 'SUCCESS',
			payment_amount: 60,
		});
		expectOk(await refund('CFPay_seeded_paid_1', 'link_refund', 60));
	});
});

describe('refunds', () => {
	beforeEach(() =>
		simulator.seedOrder({ order_id: 'refundable', order_status: 'PAID', order_amount: 100 }),
	);

	it.each(SUPPORTED_API_VERSIONS)(
		'answers PENDING, then reads SUCCESS, in the %s shape',
		async (version) => {
			const created = await refund(
				'refundable',
				'refund_001',
				40,
				{ refund_note: 'damaged item', refund_speed: 'INSTANT' },
				{ version },
			);
			expectOk(created);
			expectSchema(`refund-entity-${shape(version)}.json`, created.json);
			expect(created.json).toMatchObject({
				refund_id: 'refund_001',
				refund_amount: 40,
				refund_status: 'PENDING',
				refund_mode: 'INSTANT',
			});
			expect(typeof created.json.cf_payment_id).toBe(version === LEGACY ? 'number' : 'string');

			const fetched = await api('/orders/refundable/refunds/refund_001', { version });
			expectSchema(`refund-entity-${shape(version)}.json`, fetched.json);
			expect(fetched.json).toMatchObject({
				refund_status: 'SUCCESS',
				refund_speed: { requested: 'INSTANT', processed: 'INSTANT' },
			});
			expect(fetched.json.processed_at).toMatch(IST_TIMESTAMP);
			const listed = await api('/orders/refundable/refunds', { version });
			expectListOf(`refund-entity-${shape(version)}.json`, listed.json);
			expect(listed.json).toEqual([fetched.json]);
			expect(simulator.refundCount('refundable')).toBe(1);
		},
	);

	it('never refunds more than was paid less earlier refunds', async () => {
		expectOk(await refund('refundable', 'part_1', 60));
		const tooMuch = await refund('refundable', 'part_2', 40.01);
		expectError(tooMuch, 400, 'refund_amount_invalid');
		expect(tooMuch.json.message).toContain('40');
		expectOk(await refund('refundable', 'part_2', 40));
		expectError(await refund('refundable', 'part_3', 0.01), 400, 'refund_amount_invalid');
		expect(simulator.refundCount('refundable')).toBe(2);
	});

	it('refunds only PAID orders', async () => {
		simulator.seedOrder({ order_id: 'unpaid' });
		expectError(await refund('unpaid', 'refund_x', 1), 400, 'order_not_paid');
		expect(simulator.refundCount('unpaid')).toBe(0);
	});

	it('refuses a refund_id used before on the order with 409 refund_already_exists', async () => {
		expectOk(await refund('refundable', 'once_only', 10));
		expectError(await refund('refundable', 'once_only', 5), 409, 'refund_already_exists');
		expect(simulator.refundCount('refundable')).toBe(1);
	});

	it.each([
		['refund_amount_missing', { refund_id: 'r_missing_amount' }],
		['refund_amount_invalid', { refund_id: 'r_negative', refund_amount: -1 }],
		['refund_id_missing', { refund_amount: 1 }],
		['refund_id_invalid', { refund_id: 'r1', refund_amount: 1 }],
		['refund_note_invalid', { refund_id: 'r_note', refund_amount: 1, refund_note: 'x' }],
		['refund_speed_invalid', { refund_id: 'r_speed', refund_amount: 1, refund_speed: 'FAST' }],
	])('refuses a refund body with 400 %s', async (code, body) => {
		expectError(await post('/orders/refundable/refunds', body), 400, code);
	});

	it('answers 404 refund_not_found for an unknown refund_id', async () => {
		expectError(await api('/orders/refundable/refunds/nothing_here'), 404, 'refund_not_found');
		expect(simulator.getRefund('refundable', 'nothing_here')).toBeUndefined();
	});

	it('lets the note pick the sandbox outcome: a FAILED refund frees its amount again', async () => {
		expectOk(await refund('refundable', 'will_fail', 100, { refund_note: 'FAILED' }));
		expect(simulator.getRefund('refundable', 'will_fail')?.refund_status).toBe('FAILED');
		expectOk(await refund('refundable', 'stays', 100, { refund_note: 'PENDING' }));
		expect((await api('/orders/refundable/refunds/stays')).json.refund_status).toBe('PENDING');
		expectError(await refund('refundable', 'no_room', 1), 400, 'refund_amount_invalid');
	});

	it('stays PENDING for refundProcessingMs', async () => {
		await withSimulator({ refundProcessingMs: 400 }, async (slow) => {
			slow.seedOrder({ order_id: 'slow_refund', order_status: 'PAID' });
			expectOk(
				await call(slow, '/orders/slow_refund/refunds', {
					method: 'POST',
					body: { refund_id: 'slowly', refund_amount: 5 },
				}),
			);
			expect((await call(slow, '/orders/slow_refund/refunds/slowly')).json.refund_status).toBe(
				'PENDING',
			);
			await sleep(450);
			expect((await call(slow, '/orders/slow_refund/refunds/slowly')).json.refund_status).toBe(
				'SUCCESS',
			);
		});
	});

	it('replays a refund with the same idempotency key instead of refunding twice', async () => {
		const headers = { 'x-idempotency-key': 'refund-once' };
		const first = await refund('refundable', 'idem_refund', 30, {}, { headers });
		const again = await refund('refundable', 'idem_refund', 30, {}, { headers });
		expect([again.status, again.headers.get('x-idempotency-replayed'), again.text]).toEqual([
			200,
			'true',
			first.text,
		]);
		expect(simulator.refundCount('refundable')).toBe(1);
	});
});

describe('settlements', () => {
	it.each(SUPPORTED_API_VERSIONS)('settles a paid order (%s)', async (version) => {
		simulator.seedOrder({ order_id: 'settle_me', order_amount: 1000 });
		expectError(
			await api('/orders/settle_me/settlements', { version }),
			404,
			'settlement_not_found',
		);
		simulator.payOrder('settle_me');
		const settled = await api('/orders/settle_me/settlements', { version });
		expectSchema(`settlement-entity-${shape(version)}.json`, settled.json);
		const { order_amount, service_charge, service_tax, settlement_amount } = settled.json;
		expect(order_amount).toBe(1000);
		expect(settlement_amount).toBeCloseTo(order_amount - service_charge - service_tax, 2);
		expect(simulator.getSettlement('settle_me')?.transfer_utr).toBe(settled.json.transfer_utr);
	});

	it.each(SUPPORTED_API_VERSIONS)(
		'pages through all settlements with the cursor (%s)',
		async (version) => {
			for (let index = 1; index <= 5; index++)
				simulator.seedOrder({ order_id: `settled_${index}`, order_status: 'PAID' });
			const range = {
				start_date: new Date(Date.now() - 3_600_000).toISOString(),
				end_date: new Date(Date.now() + 3_600_000).toISOString(),
			};
			const seen: string[] = [];
			let cursor: string | null | undefined;
			const sizes: number[] = [];
			do {
				const page = await post(
					'/settlements',
					settlementsQuery(range, { limit: 2, ...(cursor ? { cursor } : {}) }),
					{ version },
				);
				expectSchema(`settlement-page-${shape(version)}.json`, page.json);
				sizes.push(page.json.data.length);
				seen.push(...page.json.data.map((settlement: { order_id: string }) => settlement.order_id));
				cursor = page.json.cursor;
			} while (cursor);
			expect(sizes).toEqual([2, 2, 1]);
			expect(seen).toEqual(['settled_1', 'settled_2', 'settled_3', 'settled_4', 'settled_5']);
		},
	);

	it('filters by settlement id, UTR and date range', async () => {
		simulator.seedOrder({ order_id: 'filter_a', order_status: 'PAID' });
		simulator.seedOrder({ order_id: 'filter_b', order_status: 'PAID' });
		const b = simulator.getSettlement('filter_b');
		const byId = await post(
			'/settlements',
			settlementsQuery({ cf_settlement_ids: [b?.cf_settlement_id] }),
		);
		expect(byId.json.data.map((settlement: { order_id: string }) => settlement.order_id)).toEqual([
			'filter_b',
		]);
		const byIntegerId = await post(
			'/settlements',
			settlementsQuery({ cf_settlement_ids: [Number(b?.cf_settlement_id)] }),
			{ version: LEGACY },
		);
		expect(byIntegerId.json.data).toHaveLength(1);
		const byUtr = await post(
			'/settlements',
			settlementsQuery({ settlement_utrs: [b?.transfer_utr, 'unknown_utr'] }),
		);
		expect(byUtr.json.data).toHaveLength(1);
		const future = await post(
			'/settlements',
			settlementsQuery({ start_date: '2099-01-01T00:00:00Z', end_date: '2099-01-02T00:00:00Z' }),
		);
		expect(future.json).toEqual({ cursor: null, limit: 10, data: [] });
	});

	it.each([
		['pagination_missing', { filters: { settlement_utrs: ['u'] } }],
		['pagination.limit_missing', settlementsQuery({ settlement_utrs: ['u'] }, {})],
		['pagination.limit_invalid', settlementsQuery({ settlement_utrs: ['u'] }, { limit: 0 })],
		['pagination.limit_invalid', settlementsQuery({ settlement_utrs: ['u'] }, { limit: 1001 })],
		[
			'pagination.cursor_invalid',
			settlementsQuery({ settlement_utrs: ['u'] }, { limit: 10, cursor: 'not-a-cursor' }),
		],
		['filters_missing', { pagination: { limit: 10 } }],
		['filters_invalid', settlementsQuery({})],
		['filters.end_date_missing', settlementsQuery({ start_date: '2024-01-01T00:00:00Z' })],
		[
			'filters.start_date_invalid',
			settlementsQuery({ start_date: '2024-02-01T00:00:00Z', end_date: '2024-01-01T00:00:00Z' }),
		],
		['filters.cf_settlement_ids_invalid', settlementsQuery({ cf_settlement_ids: 'all' })],
	])('refuses a settlements query with 400 %s', async (code, body) => {
		expectError(await post('/settlements', body), 400, code);
	});

	it('takes a settlements query without filters from 2026-01-01 on, and lists every settlement', async () => {
		simulator.seedOrder({ order_id: 'unfiltered_a', order_status: 'PAID' });
		simulator.seedOrder({ order_id: 'unfiltered_b', order_status: 'PAID' });
		const unfiltered = { pagination: { limit: 10 } };

		const page = await post('/settlements', unfiltered, { version: '2026-01-01' });

		expectSchema(`settlement-page-${shape('2026-01-01')}.json`, page.json);
		expect(page.json.data.map((settlement: { order_id: string }) => settlement.order_id)).toEqual([
			'unfiltered_a',
			'unfiltered_b',
		]);
		expectError(
			await post('/settlements', unfiltered, { version: LATEST }),
			400,
			'filters_missing',
		);
	});
});

describe('disputes', () => {
	beforeEach(() =>
		simulator.seedOrder({ order_id: 'disputed', order_status: 'PAID', order_amount: 75 }),
	);

	it.each(NEWER_VERSIONS)(
		'lists and fetches a dispute in the documented shape (%s)',
		async (version) => {
			const dispute = simulator.openDispute('disputed');
			const [payment] = simulator.getPayments('disputed');
			const byOrder = await api('/orders/disputed/disputes', { version });
			expectListOf('dispute-entity-2025-01-01.json', byOrder.json);
			expect(byOrder.json).toHaveLength(1);
			const fetched = await api(`/disputes/${dispute.dispute_id}`, { version });
			expectSchema('dispute-entity-2025-01-01.json', fetched.json);
			expect(fetched.json).toEqual(byOrder.json[0]);
			expect(fetched.json).toMatchObject({
				dispute_status: 'DISPUTE_CREATED',
				dispute_amount: 75,
				order_details: { order_id: 'disputed', cf_payment_id: payment.cf_payment_id },
			});
			const byPayment = await api(`/payments/${payment.cf_payment_id}/disputes`, { version });
			expect(byPayment.json).toEqual(byOrder.json);
		},
	);

	it('accepts a dispute awaiting action, once', async () => {
		const dispute = simulator.openDispute('disputed', {
			dispute_type: 'CHARGEBACK',
			dispute_amount: 20,
		});
		const accepted = await accept(dispute.dispute_id);
		expectOk(accepted);
		expectSchema('dispute-accepted-2025-01-01.json', accepted.json);
		expect(accepted.json.dispute_status).toBe('CHARGEBACK_MERCHANT_ACCEPTED');
		expect(simulator.getDispute(dispute.dispute_id)?.dispute_status).toBe(
			'CHARGEBACK_MERCHANT_ACCEPTED',
		);
		expectError(await accept(dispute.dispute_id), 400, 'dispute_not_acceptable');
		expect(simulator.acceptCount(dispute.dispute_id)).toBe(1);
	});

	it.each(['DISPUTE_CREATED', 'DISPUTE_INSUFFICIENT_EVIDENCE'] as DisputeStatus[])(
		'accepts a %s dispute',
		async (status) => {
			const dispute = simulator.openDispute('disputed', { dispute_status: status });
			expectOk(await accept(dispute.dispute_id));
		},
	);

	it.each([
		'DISPUTE_DOCS_RECEIVED',
		'DISPUTE_UNDER_REVIEW',
		'DISPUTE_MERCHANT_WON',
		'DISPUTE_MERCHANT_LOST',
		'DISPUTE_MERCHANT_ACCEPTED',
	] as DisputeStatus[])(
		'refuses to accept a %s dispute with 400 dispute_not_acceptable',
		async (status) => {
			const dispute = simulator.openDispute('disputed', { dispute_status: status });
			expectError(await accept(dispute.dispute_id), 400, 'dispute_not_acceptable');
			expect(simulator.getDispute(dispute.dispute_id)?.dispute_status).toBe(status);
		},
	);

	it('answers 404 dispute_not_found, and 400 for a dispute_id that is not a number', async () => {
		expectError(await api('/disputes/12345'), 404, 'dispute_not_found');
		expectError(await accept(12345), 404, 'dispute_not_found');
		expectError(await api('/disputes/abc'), 400, 'dispute_id_invalid');
		expectError(await api('/payments/999/disputes'), 404, 'payment_not_found');
	});

	it('replays an accept with the same idempotency key', async () => {
		const dispute = simulator.openDispute('disputed');
		const headers = { 'x-idempotency-key': 'accept-once' };
		const first = await accept(dispute.dispute_id, { headers });
		const again = await accept(dispute.dispute_id, { headers });
		expect([
			first.status,
			again.status,
			again.headers.get('x-idempotency-replayed'),
			again.text,
		]).toEqual([200, 200, 'true', first.text]);
		expect(simulator.acceptCount(dispute.dispute_id)).toBe(1);
	});

	it('does not exist in 2022-09-01', async () => {
		const dispute = simulator.openDispute('disputed');
		const [payment] = simulator.getPayments('disputed');
		for (const path of [
			'/orders/disputed/disputes',
			`/disputes/${dispute.dispute_id}`,
			`/payments/${payment.cf_payment_id}/disputes`,
		]) {
			expectError(await api(path, { version: LEGACY }), 404, 'url_not_found');
		}
		expectError(await accept(dispute.dispute_id, { version: LEGACY }), 404, 'url_not_found');
		expect(simulator.getDispute(dispute.dispute_id)?.dispute_status).toBe('DISPUTE_CREATED');
	});

	it('can only be opened on a successful payment, for at most its amount', () => {
		simulator.seedOrder({ order_id: 'never_paid' });
		expect(() => simulator.openDispute('never_paid')).toThrow(/no successful payment/);
		expect(() => simulator.openDispute('disputed', { dispute_amount: 76 })).toThrow(
			/dispute_amount/,
		);
		expect(() =>
			simulator.openDispute('disputed', {
				dispute_type: 'CHARGEBACK',
				dispute_status: 'DISPUTE_CREATED',
			}),
		).toThrow(/does not belong/);
		const [payment] = simulator.getPayments('disputed');
		expect(simulator.openDispute(payment.cf_payment_id).order_id).toBe('disputed');
	});
});

describe('rate limits per endpoint', () => {
	it("carries Cashfree's documented per-minute figures", () => {
		expect(CASHFREE_PRODUCTION_RATE_LIMITS).toMatchObject({
			createOrder: 200,
			getOrder: 400,
			getSettlements: 30,
			createRefund: 100,
			getRefund: 30,
		});
		expect(CASHFREE_SANDBOX_RATE_LIMITS).toMatchObject({
			createOrder: 30,
			getOrder: 60,
			getSettlements: 20,
		});
	});

	it('limits one endpoint group without touching the others', async () => {
		await withSimulator(
			{ endpointRateLimits: { getOrder: 2 }, rateLimitWindowMs: 60_000 },
			async (limited) => {
				limited.seedOrder({ order_id: 'limited_order' });
				limited.seedLink({ link_id: 'unlimited_link' });
				const first = await call(limited, '/orders/limited_order');
				expect([
					first.status,
					first.headers.get('x-ratelimit-limit'),
					first.headers.get('x-ratelimit-remaining'),
				]).toEqual([200, '2', '1']);
				expect((await call(limited, '/orders/limited_order')).status).toBe(200);
				const breached = await call(limited, '/orders/limited_order');
				expectError(breached, 429, 'request_failed');
				expect(breached.json.type).toBe('rate_limit_error');
				expect([
					breached.headers.get('x-ratelimit-remaining'),
					Number(breached.headers.get('x-ratelimit-retry')) > 0,
				]).toEqual(['0', true]);
				expect((await call(limited, '/orders/limited_order/payments')).status).toBe(200);
				expect((await call(limited, '/links/unlimited_link')).status).toBe(200);
			},
		);
	});

	it('needs room in both the per-client and the endpoint window', async () => {
		await withSimulator(
			{ rateLimitPerWindow: 3, endpointRateLimits: { getOrder: 5 } },
			async (limited) => {
				limited.seedOrder({ order_id: 'both_windows' });
				const statuses = [];
				for (let index = 0; index < 4; index++)
					statuses.push((await call(limited, '/orders/both_windows')).status);
				expect(statuses).toEqual([200, 200, 200, 429]);
			},
		);
	});
});

describe('seeding and inspecting', () => {
	it('seeds a PAID order with its payment and settlement, and hands out copies', () => {
		const order = simulator.seedOrder({ order_status: 'PAID', order_amount: 42 });
		expect(order.order_id).toMatch(/^order_\d+$/);
		expect(simulator.getPayments(order.order_id)).toMatchObject([
			{ payment_status: 'SUCCESS', payment_amount: 42 },
		]);
		expect(simulator.getSettlement(order.order_id)?.order_amount).toBe(42);
		const copy = simulator.getOrder(order.order_id);
		if (copy) copy.order_status = 'ACTIVE';
		expect(simulator.getOrder(order.order_id)?.order_status).toBe('PAID');
	});

	it("forgets an order's payments, refunds and disputes when it is seeded again, and everything on reset", async () => {
		simulator.seedOrder({ order_id: 'reseeded', order_status: 'PAID' });
		expectOk(await refund('reseeded', 'old_refund', 1));
		const dispute = simulator.openDispute('reseeded');
		simulator.seedOrder({ order_id: 'reseeded' });
		expect(simulator.getPayments('reseeded')).toEqual([]);
		expect(simulator.refundCount('reseeded')).toBe(0);
		expect(simulator.getDispute(dispute.dispute_id)).toBeUndefined();

		simulator.reset();
		expect(simulator.getOrder('reseeded')).toBeUndefined();
		expectError(await api('/orders/reseeded'), 404, 'order_not_found');
	});

	it('refuses an order_id Cashfree would not accept', () => {
		expect(() => simulator.seedOrder({ order_id: 'no/slashes' })).toThrow(/order_id_invalid/);
	});
});
