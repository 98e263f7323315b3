/**
 * Money and time leave exact: amounts with Cashfree's two decimals (float noise from an
 * expression rounded away, a real third decimal refused, only decimal text taken as a number),
 * dates in the workflow's time zone (not the n8n server's), impossible dates refused.
 */
import type { INodeParameters } from 'n8n-workflow';

import { cashfreeWorkflow } from '../../../tools/engine/cashfree-workflow';
import { runOperation, sentBodies, useHarness } from '../../helpers/harness';

const harness = useHarness();

const order: INodeParameters = {
	orderId: 'order_money',
	orderAmount: 100,
	orderCurrency: 'INR',
	customerId: 'cust_1',
	customerPhone: '9999999999',
};

describe('amounts', () => {
	it.each([
		['={{ 99.9 - 0.000000000000006 }}', 99.9],
		['={{ 1.1 + 0.2 }}', 1.3],
		['={{ 1.1 * 3 }}', 3.3],
		['={{ "250.50" }}', 250.5],
	])('%s leaves as %d', async (orderAmount, sent) => {
		const { error } = await runOperation(harness, 'order', 'create', { ...order, orderAmount });

		expect(error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/orders')[0].order_amount).toBe(sent);
	});

	it('float noise in a refund amount is rounded before it leaves', async () => {
		harness.simulator.seedOrder({ order_id: 'order_paid', order_amount: 10, order_status: 'PAID' });
		const { error } = await runOperation(harness, 'refund', 'create', {
			orderId: 'order_paid',
			refundId: 'refund_noise',
			refundAmount: '={{ 0.1 + 0.2 }}',
		});

		expect(error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/refunds')[0].refund_amount).toBe(0.3);
	});

	it.each([
		['={{ 10.999999999 }}', /got the number 10.999999999, which has more than 2 decimals/],
		['={{ 10.005 }}', /got the number 10.005, which has more than 2 decimals/],
		['={{ "0x10" }}', /^Invalid Order Amount in item 0: got "0x10"$/],
		['={{ "0b11" }}', /^Invalid Order Amount in item 0: got "0b11"$/],
		['={{ "0o17" }}', /^Invalid Order Amount in item 0: got "0o17"$/],
		['={{ "1e3" }}', /^Invalid Order Amount in item 0: got "1e3"$/],
		['={{ "Infinity" }}', /^Invalid Order Amount in item 0: got "Infinity"$/],
	])('%s is refused before anything is sent', async (orderAmount, message) => {
		const { error } = await runOperation(harness, 'order', 'create', { ...order, orderAmount });

		expect(error?.message).toMatch(message);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('options take decimal text only: a Timeout of "0x7530" is refused', async () => {
		const { error } = await runOperation(harness, 'order', 'get', {
			orderId: 'order_1',
			additionalOptions: { timeout: '={{ "0x7530" }}' },
		});

		expect(error?.message).toBe('Invalid Timeout (Ms) in item 0: got "0x7530"');
		expect(harness.simulator.requests).toHaveLength(0);
	});
});

describe('dates', () => {
	/** Runs the node with `parameters` in a workflow whose time zone is `timezone`. */
	async function runInZone(parameters: INodeParameters, timezone: string) {
		const credentials = await harness.credential();
		const workflow = cashfreeWorkflow({ credentials, parameters });
		delete workflow.nodes[0].parameters.linkId;
		return await harness.engine.run({ ...workflow, settings: { executionOrder: 'v1', timezone } });
	}

	/** Create Order with an expiry, in a workflow whose time zone is `timezone`. */
	async function orderExpiring(orderExpiryTime: unknown, timezone: string) {
		const { error } = await runInZone(
			{
				resource: 'order',
				operation: 'create',
				...order,
				additionalFields: { orderExpiryTime },
			} as INodeParameters,
			timezone,
		);
		return { error, sent: sentBodies(harness, 'POST', '/orders')[0] };
	}

	it("a date picker's time without offset is read in the workflow's time zone, not the server's", async () => {
		const { error, sent } = await orderExpiring('2026-12-31T23:59:00', 'Asia/Kolkata');

		expect(error).toBeUndefined();
		expect(sent.order_expiry_time).toBe('2026-12-31T23:59:00+05:30');
	});

	it('the same wall time in a workflow set to New York is 10.5 hours later in India', async () => {
		const { sent } = await orderExpiring('2026-12-31T23:59:00', 'America/New_York');

		expect(sent.order_expiry_time).toBe('2027-01-01T10:29:00+05:30');
	});

	it('a time with its own offset keeps it, whatever the workflow says', async () => {
		const { sent } = await orderExpiring('2026-12-31T18:29:00Z', 'America/New_York');

		expect(sent.order_expiry_time).toBe('2026-12-31T23:59:00+05:30');
	});

	it("Settlements' date range is read in the workflow's time zone too", async () => {
		const { error } = await runInZone(
			{
				resource: 'settlement',
				operation: 'getAll',
				filters: { startDate: '2026-12-01T00:00:00', endDate: '2026-12-01T23:59:59' },
				returnAll: true,
			},
			'America/New_York',
		);

		expect(error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/settlements')[0].filters).toEqual({
			start_date: '2026-12-01T10:30:00+05:30',
			end_date: '2026-12-02T10:29:59+05:30',
		});
	});

	it.each([
		['Australia/Sydney', '2026-12-05T00:00:00', '2026-12-05T00:00:00+05:30'],
		['America/New_York', '2026-12-05T22:00:00', '2026-12-05T22:00:00+05:30'],
		[
			'America/New_York',
			'={{ $now.set({ year: 2026, month: 12, day: 5, hour: 23, minute: 0, second: 0 }) }}',
			'2026-12-05T23:00:00+05:30',
		],
	])(
		'a date Cashfree reads only the day of (Payment Schedule Date) leaves as the day picked in %s',
		async (timezone, paymentScheduleDate, expected) => {
			harness.simulator.subscriptions.seedSubscription({ subscription_id: 'sub_day' });

			const { error } = await runInZone(
				{
					resource: 'subscriptionPayment',
					operation: 'raiseCharge',
					subscriptionId: 'sub_day',
					paymentId: 'charge_day',
					paymentAmount: 10,
					additionalFields: { paymentScheduleDate },
				},
				timezone,
			);

			expect(error).toBeUndefined();
			expect(sentBodies(harness, 'POST', '/subscriptions/pay')[0].payment_schedule_date).toBe(
				expected,
			);
		},
	);

	it.each([
		['30 February', '2027-02-30T10:00:00'],
		['hour 24', '2027-01-10T24:00:00'],
		['minute 60', '2027-01-10T10:60:00'],
		['a bare number', '={{ 0 }}'],
		['a year alone', '2027'],
		['words', 'next tuesday'],
	])('%s is refused, not rolled over', async (_, orderExpiryTime) => {
		const { error } = await orderExpiring(orderExpiryTime, 'Asia/Kolkata');

		expect(error?.message).toMatch(/^Invalid Expiry Time in item 0: got /);
		expect(harness.simulator.requests).toHaveLength(0);
	});
});
