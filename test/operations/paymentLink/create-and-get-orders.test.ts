/**
 * Create Link and Get Orders, through n8n's engine against the simulator: what Cashfree
 * receives, what the workflow gets out, and that re-running cannot create twice.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { expectCashfreeError, runOperation, sentBodies, useHarness } from '../../helpers/harness';

const harness = useHarness();

const invoiceLink: INodeParameters = {
	linkId: '=invoice_{{ $json.invoice }}',
	linkAmount: '={{ $json.amount }}',
	linkCurrency: 'INR',
	linkPurpose: '=Invoice {{ $json.invoice }}',
	customerPhone: '={{ $json.phone }}',
};
const invoices: IDataObject[] = [
	{ invoice: 1001, amount: 499.5, phone: '9999999999' },
	{ invoice: 1002, amount: 120, phone: '9888888888' },
];

describe('Payment Link → Create', () => {
	it('creates one link per item, outputs each as Cashfree returned it, paired to its item', async () => {
		const { error, items } = await runOperation(
			harness,
			'paymentLink',
			'create',
			invoiceLink,
			invoices,
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toMatchObject({
			link_id: 'invoice_1001',
			link_amount: 499.5,
			link_status: 'ACTIVE',
		});
		expect(items[0].json.link_url).toMatch(/^https:\/\//);
		expect(items[1].json).toMatchObject({ link_id: 'invoice_1002', link_amount: 120 });
		expect(harness.simulator.getLink('invoice_1002')?.customer_details.customer_phone).toBe(
			'9888888888',
		);
	});

	it("sends every field under Cashfree's own names", async () => {
		const { error } = await runOperation(
			harness,
			'paymentLink',
			'create',
			{
				...invoiceLink,
				additionalFields: {
					customerName: 'Asha Rao',
					customerEmail: 'asha@example.com',
					customerBankAccountNumber: '1234567890',
					customerBankIfsc: 'SBIN0000001',
					customerBankCode: 3003,
					linkPartialPayments: true,
					linkMinimumPartialAmount: 100,
					linkExpiryTime: '2030-01-31T18:30:00.000Z',
					sendSms: true,
					sendEmail: false,
					linkAutoReminders: true,
					linkNotes: { entries: [{ key: 'invoice', value: '={{ $json.invoice }}' }] },
					returnUrl: 'https://shop.example/thanks',
					notifyUrl: 'https://shop.example/hooks/cashfree',
					upiIntent: true,
					paymentMethods: ['upi', 'cc'],
					orderSplits: '[{"vendor_id": "vendor_1", "percentage": 10}]',
				},
			},
			[invoices[0]],
		);

		expect(error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/pg/links')[0]).toEqual({
			link_id: 'invoice_1001',
			link_amount: 499.5,
			link_currency: 'INR',
			link_purpose: 'Invoice 1001',
			customer_details: {
				customer_phone: '9999999999',
				customer_name: 'Asha Rao',
				customer_email: 'asha@example.com',
				customer_bank_account_number: '1234567890',
				customer_bank_ifsc: 'SBIN0000001',
				customer_bank_code: 3003,
			},
			link_partial_payments: true,
			link_minimum_partial_amount: 100,
			link_expiry_time: '2030-02-01T00:00:00+05:30',
			link_notify: { send_sms: true, send_email: false },
			link_auto_reminders: true,
			link_notes: { invoice: '1001' },
			link_meta: {
				return_url: 'https://shop.example/thanks',
				notify_url: 'https://shop.example/hooks/cashfree',
				upi_intent: 'true',
				payment_methods: 'upi,cc',
			},
			order_splits: [{ vendor_id: 'vendor_1', percentage: 10 }],
		});
	});

	it('spells upi_intent as 2022-09-01 wants it: a boolean', async () => {
		const credentials = await harness.credential({ apiVersion: '2022-09-01' });

		await runOperation(
			harness,
			'paymentLink',
			'create',
			{ ...invoiceLink, additionalFields: { upiIntent: true } },
			[invoices[0]],
			{
				credentials,
			},
		);

		expect((sentBodies(harness, 'POST', '/pg/links')[0].link_meta as IDataObject).upi_intent).toBe(
			true,
		);
	});

	it('a retried create carries the same idempotency key, so the link is created once', async () => {
		harness.simulator.injectFault({
			fault: { kind: 'dropAfterApply' },
			method: 'POST',
			pathIncludes: '/links',
		});

		const { error, items } = await runOperation(harness, 'paymentLink', 'create', invoiceLink, [
			invoices[0],
		]);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ link_id: 'invoice_1001', link_status: 'ACTIVE' });
		const keys = harness.simulator.requests.map((request) => request.headers['x-idempotency-key']);
		expect(keys).toHaveLength(2);
		expect(keys[0]).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(keys[1]).toBe(keys[0]);
	});

	it('re-running the workflow does not create a second link: Cashfree refuses the repeated Link ID', async () => {
		await runOperation(harness, 'paymentLink', 'create', invoiceLink, [invoices[0]]);

		const { error } = await runOperation(harness, 'paymentLink', 'create', invoiceLink, [
			invoices[0],
		]);

		expectCashfreeError(harness, error, {
			status: 409,
			code: 'link_already_exists',
			message: 'a payment link with this link_id already exists',
		});
		expect(sentBodies(harness, 'POST', '/pg/links')).toHaveLength(2);
	});

	it('a failed run says which links were created before it stopped', async () => {
		harness.simulator.seedLink({ link_id: 'invoice_1002' });

		const { error } = await runOperation(
			harness,
			'paymentLink',
			'create',
			invoiceLink,
			invoices,
			{},
		);

		expectCashfreeError(harness, error, {
			status: 409,
			code: 'link_already_exists',
			message:
				'a payment link with this link_id already exists. 1 other link was created before the run stopped: invoice_1001.',
		});
	});
});

describe('Payment Link → Get Orders', () => {
	beforeEach(() => {
		harness.simulator.seedLink({
			link_id: 'shared_link',
			link_amount: 300,
			link_partial_payments: true,
			link_minimum_partial_amount: 100,
		});
		harness.simulator.payLink('shared_link', 100);
		harness.simulator.payLink('shared_link', 150, 'FAILED');
		harness.simulator.payLink('shared_link', 200);
	});

	it('outputs one item per paid order, each paired to the input item', async () => {
		const { error, items } = await runOperation(
			harness,
			'paymentLink',
			'getOrders',
			{ linkId: 'shared_link' },
			[{}],
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items.every((item) => item.json.order_status === 'PAID')).toBe(true);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(harness.simulator.requests[0].url).toBe('/pg/links/shared_link/orders?status=PAID');
	});

	it('All includes the order whose payment failed; Limit cuts the list', async () => {
		const all = await runOperation(harness, 'paymentLink', 'getOrders', {
			linkId: 'shared_link',
			orderStatus: 'ALL',
			returnAll: true,
		});
		expect(all.items).toHaveLength(3);
		expect(all.items.map((item) => item.json.order_status).sort()).toEqual([
			'ACTIVE',
			'PAID',
			'PAID',
		]);

		const limited = await runOperation(harness, 'paymentLink', 'getOrders', {
			linkId: 'shared_link',
			orderStatus: 'ALL',
			limit: 2,
		});
		expect(limited.items).toHaveLength(2);
	});

	it("pairs each link's orders with its own input item; a link without orders gives none", async () => {
		harness.simulator.seedLink({ link_id: 'quiet_link' });

		const { items } = await runOperation(
			harness,
			'paymentLink',
			'getOrders',
			{ linkId: '={{ $json.link }}' },
			[{ link: 'quiet_link' }, { link: 'shared_link' }],
		);

		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
		expect(items.every((item) => item.json.link_id === 'shared_link')).toBe(true);
	});
});
