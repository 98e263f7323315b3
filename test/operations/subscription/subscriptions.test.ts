/**
 * Subscription → Create, Get and the four manage actions (Cancel, Pause, Activate, Change
 * Plan) through n8n's engine against the simulator. Each manage action is its own operation;
 * each sends Cashfree's POST /subscriptions/{id}/manage with its action and an idempotency key.
 */
import type { INodeParameters } from 'n8n-workflow';

import { cashfreeWorkflow } from '../../../tools/engine/cashfree-workflow';
import {
	expectCashfreeError,
	runOperation,
	sentBodies,
	sentRequests,
	useHarness,
} from '../../helpers/harness';

const harness = useHarness();

function seedPlan(plan_id: string, plan_max_amount = 1000) {
	harness.simulator.subscriptions.seedPlan({
		plan_id,
		plan_name: plan_id,
		plan_type: 'ON_DEMAND',
		plan_max_amount,
	});
}

/** An authorised (ACTIVE) subscription on an on-demand plan. */
function activeSubscription(subscription_id: string) {
	return harness.simulator.subscriptions.seedSubscription({ subscription_id });
}

const statusOf = (id: string) =>
	harness.simulator.subscriptions.getSubscription(id)?.subscription_status;

describe('Create and Get', () => {
	const customer = {
		subscriptionId: '={{ $json.id }}',
		planId: 'plan_gold',
		customerEmail: '={{ $json.email }}',
		customerPhone: '9876543210',
	};

	it("Create sends Cashfree's nested body and outputs the INITIALIZED subscription with its session", async () => {
		seedPlan('plan_gold');

		const { items, error } = await runOperation(
			harness,
			'subscription',
			'create',
			{
				...customer,
				additionalFields: {
					customerName: 'Asha Rao',
					authorizationAmount: 1,
					paymentMethods: ['upi', 'enach'],
					returnUrl: 'https://example.com/done',
					subscriptionTags: { entries: [{ key: 'psp_note', value: 'Gold' }] },
				},
			},
			[
				{ id: 'sub 1042.a', email: 'asha@example.com' },
				{ id: 'sub_1043', email: 'ravi@example.com' },
			],
		);

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [
				item.json.subscription_id,
				item.json.subscription_status,
				item.pairedItem,
			]),
		).toEqual([
			['sub 1042.a', 'INITIALIZED', { item: 0 }],
			['sub_1043', 'INITIALIZED', { item: 1 }],
		]);
		expect(items[0].json.subscription_session_id).toEqual(expect.stringMatching(/./));
		expect(sentBodies(harness, 'POST', '/subscriptions')[0]).toEqual({
			subscription_id: 'sub 1042.a',
			plan_details: { plan_id: 'plan_gold' },
			customer_details: {
				customer_email: 'asha@example.com',
				customer_phone: '9876543210',
				customer_name: 'Asha Rao',
			},
			authorization_details: { authorization_amount: 1, payment_methods: ['upi', 'enach'] },
			subscription_meta: { return_url: 'https://example.com/done' },
			subscription_tags: { psp_note: 'Gold' },
		});
	});

	it("a first charge time without offset is read in the workflow's time zone and sent in IST", async () => {
		seedPlan('plan_gold');
		const credentials = await harness.credential();
		const workflow = cashfreeWorkflow({
			credentials,
			parameters: {
				resource: 'subscription',
				operation: 'create',
				...customer,
				subscriptionId: 'sub_ny',
				customerEmail: 'ny@example.com',
				additionalFields: { subscriptionFirstChargeTime: '2027-01-01T09:00:00' },
			} as INodeParameters,
		});
		delete workflow.nodes[0].parameters.linkId;

		const result = await harness.engine.run({
			...workflow,
			settings: { executionOrder: 'v1', timezone: 'America/New_York' },
		});

		expect(result.error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/subscriptions')[0].subscription_first_charge_time).toBe(
			'2027-01-01T19:30:00+05:30',
		);
	});

	it('a bad phone in one item stops the run before anything is sent, naming field, item and rule', async () => {
		const { error } = await runOperation(
			harness,
			'subscription',
			'create',
			{ ...customer, customerPhone: '={{ $json.phone }}' },
			[
				{ id: 'sub_a', email: 'a@example.com', phone: '9876543210' },
				{ id: 'sub_b', email: 'b@example.com', phone: '98765' },
			],
		);

		expect(error?.message).toBe(
			'Invalid Customer Phone in item 1: it is 5 characters long, the minimum is 10',
		);
		expect(error).toMatchObject({
			description: expect.stringMatching(
				/^Customer Phone must be a text of exactly 10 characters, digits only/,
			),
		});
		expect(harness.simulator.requests).toEqual([]);
	});

	it('Get reads the subscription; an unknown one is a 404 naming the subscription ID', async () => {
		activeSubscription('sub_2001');

		const found = await runOperation(harness, 'subscription', 'get', {
			subscriptionId: 'sub_2001',
		});
		expect(found.items[0].json).toMatchObject({
			subscription_id: 'sub_2001',
			subscription_status: 'ACTIVE',
			plan_details: { plan_id: 'plan_monthly' },
		});

		const missing = await runOperation(harness, 'subscription', 'get', {
			subscriptionId: 'sub_none',
		});
		const apiError = expectCashfreeError(harness, missing.error, {
			status: 404,
			code: 'subscription_not_found',
			message: 'no subscription exists with this subscription_id',
		});
		expect(apiError.description).toMatch(/^Check the subscription ID/);
	});
});

describe('Manage: Pause, Activate, Change Plan, Cancel', () => {
	it('Pause then Activate: each its own action, the subscription ID in path and body', async () => {
		activeSubscription('sub_3001');

		const paused = await runOperation(harness, 'subscription', 'pause', {
			subscriptionId: 'sub_3001',
		});
		expect(paused.error).toBeUndefined();
		expect(paused.items[0].json.subscription_status).toBe('PAUSED');

		// The subscription answers its next_schedule_date from API version 2026-01-01 on.
		const activated = await runOperation(
			harness,
			'subscription',
			'activate',
			{ subscriptionId: 'sub_3001', nextScheduledTime: '2027-02-01T00:00:00+05:30' },
			[{}],
			{ credentials: await harness.credential({ apiVersion: '2026-01-01' }) },
		);
		expect(activated.error).toBeUndefined();
		expect(activated.items[0].json).toMatchObject({
			subscription_status: 'ACTIVE',
			next_schedule_date: '2027-02-01T00:00:00+05:30',
		});

		expect(sentBodies(harness, 'POST', '/subscriptions/sub_3001/manage')).toEqual([
			{ action: 'PAUSE', subscription_id: 'sub_3001' },
			{
				action: 'ACTIVATE',
				subscription_id: 'sub_3001',
				action_details: { next_scheduled_time: '2027-02-01T00:00:00+05:30' },
			},
		]);
		const keys = sentRequests(harness, 'POST', '/manage').map(
			(request) => request.headers['x-idempotency-key'],
		);
		expect(keys).toEqual([
			expect.stringMatching(/^[0-9a-f-]{36}$/),
			expect.stringMatching(/^[0-9a-f-]{36}$/),
		]);
		expect(keys[0]).not.toBe(keys[1]);
	});

	it('Activate whose next scheduled time comes out empty is refused before sending', async () => {
		activeSubscription('sub_3002');

		const { error } = await runOperation(
			harness,
			'subscription',
			'activate',
			{ subscriptionId: 'sub_3002', nextScheduledTime: '={{ $json.next }}' },
			[{ next: '' }],
		);

		expect(error?.message).toBe('Invalid Next Scheduled Time in item 0: it is empty');
		expect(harness.simulator.requests).toEqual([]);
	});

	it('Change Plan moves the subscription to the new plan', async () => {
		activeSubscription('sub_4001');
		seedPlan('plan_premium', 5000);

		const { items, error } = await runOperation(harness, 'subscription', 'changePlan', {
			subscriptionId: 'sub_4001',
			planId: 'plan_premium',
		});

		expect(error).toBeUndefined();
		expect(items[0].json.plan_details).toMatchObject({
			plan_id: 'plan_premium',
			plan_max_amount: 5000,
		});
		expect(sentBodies(harness, 'POST', '/manage')).toEqual([
			{
				action: 'CHANGE_PLAN',
				subscription_id: 'sub_4001',
				action_details: { plan_id: 'plan_premium' },
			},
		]);
	});

	it("Cancel ends each item's subscription; a second Cancel is Cashfree's refusal, and the run says what was cancelled", async () => {
		activeSubscription('sub_5001');
		activeSubscription('sub_5002');
		harness.simulator.subscriptions.seedSubscription({ subscription_id: 'sub_5003' });

		const first = await runOperation(
			harness,
			'subscription',
			'cancel',
			{ subscriptionId: '={{ $json.id }}' },
			[{ id: 'sub_5001' }, { id: 'sub_5002' }],
		);
		expect(first.error).toBeUndefined();
		expect(first.items.map((item) => [item.json.subscription_status, item.pairedItem])).toEqual([
			['CANCELLED', { item: 0 }],
			['CANCELLED', { item: 1 }],
		]);
		expect([statusOf('sub_5001'), statusOf('sub_5002')]).toEqual(['CANCELLED', 'CANCELLED']);

		const again = await runOperation(
			harness,
			'subscription',
			'cancel',
			{ subscriptionId: '={{ $json.id }}', additionalOptions: { concurrency: 1 } },
			[{ id: 'sub_5003' }, { id: 'sub_5001' }],
		);
		expectCashfreeError(harness, again.error, {
			status: 400,
			code: 'action_invalid',
			message:
				'CANCEL is not allowed on a subscription that is CANCELLED. 1 other subscription was cancelled before the run stopped: sub_5003.',
		});
		expect(statusOf('sub_5003')).toBe('CANCELLED');
	});

	it("with Continue On Fail, a refused Pause becomes that item's error and the others go on", async () => {
		activeSubscription('sub_6001');
		harness.simulator.subscriptions.seedSubscription({
			subscription_id: 'sub_6002',
			authorised: false,
		});

		const { items, error } = await runOperation(
			harness,
			'subscription',
			'pause',
			{ subscriptionId: '={{ $json.id }}' },
			[{ id: 'sub_6002' }, { id: 'sub_6001' }],
			{ continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ code: 'action_invalid', httpStatus: 400 });
		expect(items[1].json.subscription_status).toBe('PAUSED');
	});
});

describe('API version 2022-09-01', () => {
	it('Cancel Subscription is refused before anything is sent', async () => {
		const credentials = await harness.credential({ apiVersion: '2022-09-01' });

		const { error } = await runOperation(
			harness,
			'subscription',
			'cancel',
			{ subscriptionId: 'sub_1' },
			[{}],
			{ credentials },
		);

		expect(error?.message).toBe(
			'Cancel Subscription needs API version 2023-08-01 or later; the credential uses 2022-09-01',
		);
		expect(harness.simulator.requests).toEqual([]);
	});
});
