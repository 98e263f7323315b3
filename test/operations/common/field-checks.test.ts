/**
 * Every field of every operation is checked against Cashfree's rule before anything is sent,
 * and a refusal names the field, the item and the rule. Values come in through expressions,
 * as they would from a spreadsheet or an earlier node, so the editor's own limits do not help.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runOperation, useHarness } from '../../helpers/harness';

const harness = useHarness();

const validOrder: INodeParameters = {
	orderId: 'order_1001',
	orderAmount: 100,
	orderCurrency: 'INR',
	customerId: 'cust_1',
	customerPhone: '9999999999',
};
const validLink: INodeParameters = {
	linkId: 'link_1001',
	linkAmount: 100,
	linkCurrency: 'INR',
	linkPurpose: 'Invoice 1001',
	customerPhone: '9999999999',
};

type Case = [string, string, string, INodeParameters, RegExp, RegExp];

const cases: Case[] = [
	[
		'a 5-digit phone',
		'order',
		'create',
		{ ...validOrder, customerPhone: '12345' },
		/^Invalid Customer Phone in item 0: it is 5 characters long, the minimum is 10$/,
		/Customer Phone must be a text of exactly 10 characters, digits only/,
	],
	[
		'a zero amount',
		'order',
		'create',
		{ ...validOrder, orderAmount: 0 },
		/^Invalid Order Amount in item 0: got the number 0$/,
		/Order Amount must be a number of at least 1 with at most 2 decimals/,
	],
	[
		'an amount in tenths of paise',
		'order',
		'create',
		{ ...validOrder, orderAmount: '={{ 10.125 }}' },
		/got the number 10.125, which has more than 2 decimals/,
		/at most 2 decimals/,
	],
	[
		'an amount that is not a number',
		'order',
		'create',
		{ ...validOrder, orderAmount: '={{ "ten" }}' },
		/^Invalid Order Amount in item 0: got "ten"$/,
		/must be a number/,
	],
	[
		'a lower-case currency',
		'order',
		'create',
		{ ...validOrder, orderCurrency: 'inr' },
		/^Invalid Order Currency in item 0: got "inr"$/,
		/three capital letters such as INR/,
	],
	[
		'an order id with a slash',
		'order',
		'create',
		{ ...validOrder, orderId: 'a/b/c' },
		/^Invalid Order ID in item 0: got "a\/b\/c"$/,
		/only letters A-Z and a-z, digits 0-9, "-" and "_"/,
	],
	[
		'a two-character order id',
		'order',
		'create',
		{ ...validOrder, orderId: 'ab' },
		/it is 2 characters long, the minimum is 3/,
		/Order ID must be a text of 3 to 45 characters/,
	],
	[
		'no customer id',
		'order',
		'create',
		{ ...validOrder, customerId: '={{ $json.customer }}' },
		/^Invalid Customer ID in item 0: it is empty$/,
		/Customer ID is required/,
	],
	[
		'an http return URL',
		'order',
		'create',
		{ ...validOrder, additionalFields: { returnUrl: 'http://shop.example/done' } },
		/^Invalid Return URL in item 0: got "http:\/\/shop.example\/done"$/,
		/an https:\/\/ URL/,
	],
	[
		'sixteen order tags',
		'order',
		'create',
		{
			...validOrder,
			additionalFields: {
				orderTags: {
					entries: Array.from({ length: 16 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
				},
			},
		},
		/it has 16 entries, the limit is 15/,
		/Order Tags takes at most 15 entries/,
	],
	[
		'cart details that are a list',
		'order',
		'create',
		{ ...validOrder, additionalFields: { cartDetails: '[{"cart_name": "x"}]' } },
		/^Invalid Cart Details in item 0: expected a JSON object, got a list$/,
		/Cart Details must be a JSON object/,
	],
	[
		'six link notes',
		'paymentLink',
		'create',
		{
			...validLink,
			additionalFields: {
				linkNotes: { entries: Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
			},
		},
		/^Invalid Notes in item 0: it has 6 entries, the limit is 5$/,
		/Notes takes at most 5 entries/,
	],
	[
		'an unknown payment method',
		'paymentLink',
		'create',
		{ ...validLink, additionalFields: { paymentMethods: '={{ ["upi", "bitcoin"] }}' } },
		/^Invalid Payment Methods in item 0: got "bitcoin" among the values$/,
		/one of .*upi/,
	],
	[
		'an expiry that is not a time',
		'paymentLink',
		'create',
		{ ...validLink, additionalFields: { linkExpiryTime: 'next tuesday' } },
		/^Invalid Expiry Time in item 0: got "next tuesday"$/,
		/a date and time/,
	],
	[
		'a split without vendor',
		'paymentLink',
		'create',
		{ ...validLink, additionalFields: { orderSplits: '[{"amount": 10}]' } },
		/^Invalid Order Splits in item 0: entry 1 has no vendor_id$/,
		/a JSON list of objects, each with vendor_id/,
	],
	[
		'splits that are not JSON',
		'paymentLink',
		'create',
		{ ...validLink, additionalFields: { orderSplits: '[{vendor' } },
		/it is not valid JSON/,
		/JSON list/,
	],
	[
		'a minimum without partial payments',
		'paymentLink',
		'create',
		{ ...validLink, additionalFields: { linkMinimumPartialAmount: 10 } },
		/^Invalid Minimum Partial Amount in item 0: Partial Payments is off$/,
		/needs Partial Payments on/,
	],
	[
		'a minimum not below the amount',
		'paymentLink',
		'create',
		{
			...validLink,
			additionalFields: { linkPartialPayments: true, linkMinimumPartialAmount: 100 },
		},
		/100 is not less than the link amount 100/,
		/less than Link Amount/,
	],
	[
		'a 501-character purpose',
		'paymentLink',
		'create',
		{ ...validLink, linkPurpose: 'x'.repeat(501) },
		/^Invalid Link Purpose in item 0: it is 501 characters long, the limit is 500$/,
		/Link Purpose must be a text of 1 to 500 characters/,
	],
	[
		'a refund speed from an expression',
		'refund',
		'create',
		{
			orderId: 'order_1',
			refundId: 'refund_1',
			refundAmount: 10,
			additionalFields: { refundSpeed: '={{ "FAST" }}' },
		},
		/^Invalid Refund Speed in item 0: got "FAST"$/,
		/Refund Speed must be one of STANDARD, INSTANT/,
	],
	[
		'a refund id with a space',
		'refund',
		'create',
		{ orderId: 'order_1', refundId: 'refund 1', refundAmount: 10 },
		/^Invalid Refund ID in item 0: got "refund 1"$/,
		/Refund ID must be a text of 3 to 40 characters/,
	],
	[
		'a payment id with letters',
		'payment',
		'get',
		{ orderId: 'order_1', cfPaymentId: '12ab' },
		/^Invalid Payment ID in item 0: "12ab" contains "a" \(U\+0061\) at position 3; only digits 0-9 are allowed$/,
		/Payment ID must be 1 to 20 digits 0-9/,
	],
	[
		'a dispute id that climbs out',
		'dispute',
		'get',
		{ disputeId: '../orders' },
		/^Invalid Dispute ID in item 0: /,
		/Dispute ID must be 1 to 20 digits/,
	],
	[
		'an order id that is a path',
		'refund',
		'getAll',
		{ orderId: 'order_1/../x' },
		/^Invalid Order ID in item 0: "order_1\/..\/x" contains "\/"/,
		/Order ID must be 3 to 45 characters/,
	],
	[
		'settlements from after to',
		'settlement',
		'getAll',
		{ filters: { startDate: '2026-11-20T00:00:00Z', endDate: '2026-11-01T00:00:00Z' } },
		/Start Date is after End Date/,
		/both Start Date and End Date/,
	],
	[
		'a settlement UTR with a space',
		'settlement',
		'getAll',
		{ filters: { settlementUtrs: 'UTR1, UTR 2' } },
		/^Invalid Settlement UTRs in item 0: got "UTR 2" among the values$/,
		/values separated by ","/,
	],
	[
		'a limit of zero',
		'refund',
		'getAll',
		{ orderId: 'order_1', returnAll: false, limit: 0 },
		/^Invalid Limit in item 0: got the number 0$/,
		/Limit must be a whole number from 1 to 1000/,
	],
];

describe("fields are checked against Cashfree's rules before anything is sent", () => {
	it.each(cases)(
		'%s (%s %s) is refused, naming field, item and rule',
		async (_case, resource, operation, parameters, message, rule) => {
			const { error } = await runOperation(harness, resource, operation, parameters);

			expect(error?.message).toMatch(message);
			expect((error as { description?: string }).description).toMatch(rule);
			expect((error as { description?: string }).description).toMatch(
				/Nothing was sent to Cashfree for this item\.$/,
			);
			expect(harness.simulator.requests).toHaveLength(0);
		},
	);

	it('names the item that is wrong, and with Continue On Fail the others still go', async () => {
		const items = [
			{ phone: '9999999999', id: 'order_a' },
			{ phone: '99', id: 'order_b' },
		];
		const parameters = {
			...validOrder,
			orderId: '={{ $json.id }}',
			customerPhone: '={{ $json.phone }}',
		};

		const stopped = await runOperation(harness, 'order', 'create', parameters, items);
		expect(stopped.error?.message).toMatch(/^Invalid Customer Phone in item 1: /);
		expect(harness.simulator.requests).toHaveLength(0);

		const { items: output } = await runOperation(harness, 'order', 'create', parameters, items, {
			continueOnFail: true,
		});
		expect(output[0].json).toMatchObject({ order_id: 'order_a' });
		expect(output[1].json.error).toMatch(/^Invalid Customer Phone in item 1: /);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe("what the credential's API version lacks is refused before sending, naming the version that has it", () => {
	it.each([
		[
			'order',
			'terminate',
			{ orderId: 'order_1' },
			/^Terminate Order needs API version 2023-08-01 or later; the credential uses 2022-09-01$/,
		],
		[
			'settlement',
			'getAll',
			{ filters: {} },
			/^Get Many Settlements without filters needs API version 2026-01-01 or later; the credential uses 2022-09-01$/,
		],
		[
			'dispute',
			'accept',
			{ disputeId: '123' },
			/^Accept Dispute needs API version 2023-08-01 or later/,
		],
		[
			'dispute',
			'getAll',
			{ orderId: 'order_1' },
			/^Get Many Disputes needs API version 2023-08-01 or later/,
		],
		[
			'paymentLink',
			'create',
			{ ...validLink, additionalFields: { orderSplits: '[{"vendor_id":"v1","amount":10}]' } },
			/^Order Splits needs API version 2023-08-01 or later; the credential uses 2022-09-01$/,
		],
		[
			'order',
			'create',
			{
				...validOrder,
				additionalFields: { products: '{"one_click_checkout": {"enabled": true}}' },
			},
			/^Products needs API version 2023-08-01 or later/,
		],
		[
			'paymentLink',
			'create',
			{ ...validLink, additionalFields: { customerBankIfsc: 'SBIN0000001' } },
			/Customer Bank IFSC needs API version 2023-08-01/,
		],
	] as Array<[string, string, INodeParameters, RegExp]>)(
		'%s %s under 2022-09-01',
		async (resource, operation, parameters, message) => {
			const credentials = await harness.credential({ apiVersion: '2022-09-01' });

			const { error } = await runOperation(harness, resource, operation, parameters, [{}], {
				credentials,
			});

			expect(error?.message).toMatch(message);
			const needed = /needs API version (\S+) or later/.exec(error?.message ?? '')?.[1];
			expect((error as { description?: string }).description).toContain(
				`pick API Version ${needed} or later`,
			);
			expect(harness.simulator.requests).toHaveLength(0);
		},
	);
});

describe('fields given as JSON objects reach Cashfree as they are', () => {
	it("Create Order sends Cart Details, Products, Terminal and Payment Methods Filters under Cashfree's names", async () => {
		const cart = {
			cart_name: 'web',
			cart_items: [{ item_name: 'Tea', item_quantity: 2 }],
			shipping_charge: 40,
		};
		const { error } = await runOperation(harness, 'order', 'create', {
			...validOrder,
			additionalFields: {
				cartDetails: JSON.stringify(cart),
				products: '{"verify_pay": {"enabled": true}}',
				terminal: '{"terminal_type": "SPOS", "terminal_phone_no": "6309291183"}',
				paymentMethodsFilters: '{"methods": {"action": "ALLOW", "values": ["upi"]}}',
				customerUid: 'cfuid_123',
			},
		});

		expect(error).toBeUndefined();
		const sent = JSON.parse(harness.simulator.requests[0].body);
		expect(sent).toMatchObject({
			cart_details: cart,
			products: { verify_pay: { enabled: true } },
			terminal: { terminal_type: 'SPOS', terminal_phone_no: '6309291183' },
			order_meta: { payment_methods_filters: { methods: { action: 'ALLOW', values: ['upi'] } } },
			customer_details: { customer_uid: 'cfuid_123' },
		});
	});
});
