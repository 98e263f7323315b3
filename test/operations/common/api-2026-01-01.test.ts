/**
 * API version 2026-01-01 against 2025-01-01, operation by operation, through n8n's engine and
 * the simulator. The differences follow Cashfree's Go SDK v6 (its model_*.go files): Create
 * Order's order_meta gains offer_filters and upi_app_priority and a cart item item_variant_id;
 * Create Payment Link gains enable_invoice and subscription, and the link answers with its
 * subscription; Get All Settlements may be sent without filters; a card payment's card gains
 * card_sub_type. What a version lacks is refused
 * before anything is sent, naming the version that has it. The other answers did not change.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runOperation, sentBodies, useHarness } from '../../helpers/harness';

const harness = useHarness();

const order: INodeParameters = {
	orderId: 'order_2026',
	orderAmount: 100,
	orderCurrency: 'INR',
	customerId: 'cust_2026',
	customerPhone: '9999999999',
};
const link: INodeParameters = {
	linkId: 'link_2026',
	linkAmount: 100,
	linkCurrency: 'INR',
	linkPurpose: 'Invoice 2026',
	customerPhone: '9999999999',
};
const subscription = {
	subscription_id: 'sub_2026',
	authorization_amount: 1,
	authorization_amount_refund: true,
	plan_details: { plan_name: 'Monthly', plan_type: 'PERIODIC', plan_max_amount: 500 },
	subscription_expiry_time: '2027-12-31T23:59:59+05:30',
};

async function run(
	version: string,
	resource: string,
	operation: string,
	parameters: INodeParameters,
) {
	const credentials = await harness.credential({ apiVersion: version });
	return await runOperation(harness, resource, operation, parameters, [{}], { credentials });
}

describe('Order → Create and Get on 2026-01-01', () => {
	const newMeta = {
		...order,
		additionalFields: {
			offerFilters: '{"action": "DENY", "values": ["offer_diwali"]}',
			upiAppPriority: 'phonepe, gpay',
		},
	};

	it('sends Offer Filters and UPI App Priority in order_meta, and the order comes back with them', async () => {
		const { items, error } = await run('2026-01-01', 'order', 'create', newMeta);

		expect(error).toBeUndefined();
		const meta = { offer_filters: { action: 'DENY', values: ['offer_diwali'] } };
		expect(sentBodies(harness, 'POST', '/orders')[0].order_meta).toEqual({
			...meta,
			upi_app_priority: ['phonepe', 'gpay'],
		});
		expect(items[0].json.order_meta).toEqual({ ...meta, upi_app_priority: ['phonepe', 'gpay'] });
		expect(harness.simulator.requests[0].headers['x-api-version']).toBe('2026-01-01');
	});

	it('the same order read with 2025-01-01 has no such fields: that version does not know them', async () => {
		await run('2026-01-01', 'order', 'create', newMeta);

		const { items } = await run('2025-01-01', 'order', 'get', { orderId: 'order_2026' });

		expect(items[0].json.order_meta).toEqual({});
	});

	it('refuses a UPI app Cashfree does not list, naming it', async () => {
		const { error } = await run('2026-01-01', 'order', 'create', {
			...order,
			additionalFields: { upiAppPriority: 'gpay, whatsapp' },
		});

		expect(error?.message).toBe(
			'Invalid UPI App Priority in item 0: got "whatsapp" among the values',
		);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it("a cart item's item_variant_id goes out with 2026-01-01 and is refused with 2025-01-01", async () => {
		const cart = { cart_items: [{ item_name: 'Tea', item_quantity: 1, item_variant_id: 'v250g' }] };
		const withVariant = { ...order, additionalFields: { cartDetails: JSON.stringify(cart) } };

		const refused = await run('2025-01-01', 'order', 'create', withVariant);
		expect(refused.error?.message).toBe(
			"Cart Details' item_variant_id needs API version 2026-01-01 or later; the credential uses 2025-01-01",
		);
		expect(harness.simulator.requests).toHaveLength(0);

		const { error } = await run('2026-01-01', 'order', 'create', withVariant);
		expect(error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/orders')[0].cart_details).toEqual(cart);
	});
});

describe('Payment Link → Create and Get on 2026-01-01', () => {
	const newFields = {
		...link,
		additionalFields: { enableInvoice: true, subscription: JSON.stringify(subscription) },
	};

	it('sends Enable Invoice and Subscription; the link answers with its subscription as LinkSubscriptionEntity', async () => {
		const { items, error } = await run('2026-01-01', 'paymentLink', 'create', newFields);

		expect(error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/links')[0]).toMatchObject({
			enable_invoice: true,
			subscription,
		});
		// LinkSubscriptionEntity carries neither subscription_id nor authorization_amount, and
		// LinkEntity has no enable_invoice (Go SDK v6).
		expect(items[0].json.subscription).toEqual({
			authorization_amount_refund: true,
			plan_details: subscription.plan_details,
			subscription_expiry_time: subscription.subscription_expiry_time,
		});
		expect(items[0].json).not.toHaveProperty('enable_invoice');
	});

	it('the same link read with 2025-01-01 has no subscription', async () => {
		await run('2026-01-01', 'paymentLink', 'create', newFields);

		const { items } = await run('2025-01-01', 'paymentLink', 'get', { linkId: 'link_2026' });

		expect(items[0].json).toMatchObject({ link_id: 'link_2026', link_status: 'ACTIVE' });
		expect(items[0].json).not.toHaveProperty('subscription');
	});
});

describe('a field 2026-01-01 added is refused with 2025-01-01 before anything is sent, naming 2026-01-01', () => {
	it.each<[string, string, INodeParameters, INodeParameters]>([
		['Offer Filters', 'order', order, { offerFilters: '{"action": "ALLOW", "values": ["o1"]}' }],
		['UPI App Priority', 'order', order, { upiAppPriority: 'gpay' }],
		['Enable Invoice', 'paymentLink', link, { enableInvoice: false }],
		['Subscription', 'paymentLink', link, { subscription: JSON.stringify(subscription) }],
	])('%s (%s create)', async (name, resource, required, fields) => {
		const { error } = await run('2025-01-01', resource, 'create', {
			...required,
			additionalFields: fields,
		});

		expect(error?.message).toBe(
			`${name} needs API version 2026-01-01 or later; the credential uses 2025-01-01`,
		);
		expect(harness.simulator.requests).toHaveLength(0);
	});
});

describe('Settlement → Get Many without filters', () => {
	it('on 2026-01-01 lists every settlement, sending no filters', async () => {
		harness.simulator.seedOrder({ order_id: 'order_s1', order_status: 'PAID' });
		harness.simulator.seedOrder({ order_id: 'order_s2', order_status: 'PAID' });

		const { items, error } = await run('2026-01-01', 'settlement', 'getAll', {
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.order_id)).toEqual(['order_s1', 'order_s2']);
		expect(sentBodies(harness, 'POST', '/settlements')).toEqual([{ pagination: { limit: 200 } }]);
	});

	it('on 2025-01-01 is refused before sending, naming 2026-01-01', async () => {
		const { error } = await run('2025-01-01', 'settlement', 'getAll', { returnAll: true });

		expect(error?.message).toBe(
			'Get Many Settlements without filters needs API version 2026-01-01 or later; the credential uses 2025-01-01',
		);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('on 2026-01-01 a start date without an end date is still refused', async () => {
		const { error } = await run('2026-01-01', 'settlement', 'getAll', {
			returnAll: true,
			filters: { startDate: '2026-11-01T00:00:00Z' },
		});

		expect(error?.message).toBe(
			'Invalid Filters in item 0: no settlement IDs, UTRs or date range given',
		);
		expect(harness.simulator.requests).toHaveLength(0);
	});
});

describe('Payment → Get and Get Many of a card payment', () => {
	it.each([
		['get', { cfPaymentId: '' }],
		['getAll', { returnAll: true }],
	])(
		'%s: with 2026-01-01 the card carries card_sub_type, which 2025-01-01 lacks',
		async (op, more) => {
			harness.simulator.seedOrder({
				order_id: 'order_card',
				order_meta: { payment_methods: 'cc' },
			});
			const { cf_payment_id } = harness.simulator.payOrder('order_card');
			const parameters = {
				orderId: 'order_card',
				...more,
				...('cfPaymentId' in more ? { cfPaymentId: cf_payment_id } : {}),
			};

			const newer = await run('2026-01-01', 'payment', op, parameters);
			const older = await run('2025-01-01', 'payment', op, parameters);

			const { card_sub_type: subType, ...card } = (
				newer.items[0].json.payment_method as IDataObject
			).card as IDataObject;
			expect(subType).toBe('R');
			expect(card).toMatchObject({ card_type: 'credit_card', card_network: 'visa' });
			expect(older.items[0].json.payment_method).toEqual({ card });
		},
	);
});

describe('the answers 2026-01-01 did not change', () => {
	it.each<[string, string, (ids: { order: string; payment: string }) => INodeParameters]>([
		['order', 'get', ({ order }) => ({ orderId: order })],
		['payment', 'getAll', ({ order }) => ({ orderId: order, returnAll: true })],
		['payment', 'get', ({ order, payment }) => ({ orderId: order, cfPaymentId: payment })],
		['refund', 'getAll', ({ order }) => ({ orderId: order, returnAll: true })],
		['refund', 'get', ({ order }) => ({ orderId: order, refundId: 'refund_same' })],
		['settlement', 'getForOrder', ({ order }) => ({ orderId: order })],
		['dispute', 'getAll', ({ order }) => ({ orderId: order, returnAll: true })],
	])('%s %s outputs the same with 2026-01-01 as with 2025-01-01', async (resource, op, params) => {
		harness.simulator.seedOrder({ order_id: 'order_same', order_amount: 250 });
		const payment = harness.simulator.payOrder('order_same');
		harness.simulator.openDispute(payment.cf_payment_id);
		const refund = await run('2026-01-01', 'refund', 'create', {
			orderId: 'order_same',
			refundId: 'refund_same',
			refundAmount: 50,
		});
		expect(refund.error).toBeUndefined();
		const parameters = params({ order: 'order_same', payment: payment.cf_payment_id });

		const newer = await run('2026-01-01', resource, op, parameters);
		const older = await run('2025-01-01', resource, op, parameters);

		expect(newer.error).toBeUndefined();
		expect(newer.items.length).toBeGreaterThan(0);
		expect(newer.items.map((item) => item.json as IDataObject)).toEqual(
			older.items.map((item) => item.json as IDataObject),
		);
	});
});
