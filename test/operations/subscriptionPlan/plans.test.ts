/**
 * Subscription Plan → Create and Get through n8n's engine against the simulator: Cashfree's
 * Create Plan body from the fields, a periodic plan's amount and interval checked before
 * sending, and the version gate (Cashfree documents subscriptions from 2023-08-01).
 */
import {
	expectCashfreeError,
	runOperation,
	sentBodies,
	sentRequests,
	useHarness,
} from '../../helpers/harness';

const harness = useHarness();

const monthly = {
	planId: '={{ $json.plan }}',
	planName: 'Monthly 499',
	planType: 'PERIODIC',
	planMaxAmount: 999,
	planRecurringAmount: 499,
	planIntervals: 1,
	planIntervalType: 'MONTH',
};

/** A plan as Cashfree's Create Plan body, seeded straight into the simulator. */
function seedPlan(plan_id: string, overrides: Record<string, unknown> = {}) {
	harness.simulator.subscriptions.seedPlan({
		plan_id,
		plan_name: plan_id,
		plan_type: 'ON_DEMAND',
		plan_max_amount: 10,
		...overrides,
	});
}

describe('Create and Get', () => {
	it("Create sends Cashfree's plan body and outputs the plan, one per item", async () => {
		const { items, error } = await runOperation(
			harness,
			'subscriptionPlan',
			'create',
			{ ...monthly, additionalFields: { planMaxCycles: 12, planNote: 'Gold tier' } },
			[{ plan: 'plan_gold.monthly' }, { plan: 'plan_silver' }],
		);

		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.plan_id, item.json.plan_status, item.pairedItem]),
		).toEqual([
			['plan_gold.monthly', 'ACTIVE', { item: 0 }],
			['plan_silver', 'ACTIVE', { item: 1 }],
		]);
		expect(sentBodies(harness, 'POST', '/plans')[0]).toEqual({
			plan_id: 'plan_gold.monthly',
			plan_name: 'Monthly 499',
			plan_type: 'PERIODIC',
			plan_max_amount: 999,
			plan_recurring_amount: 499,
			plan_intervals: 1,
			plan_interval_type: 'MONTH',
			plan_max_cycles: 12,
			plan_note: 'Gold tier',
		});
		expect(sentRequests(harness, 'POST', '/plans')[0].headers['x-idempotency-key']).toMatch(
			/^[0-9a-f-]{36}$/,
		);
	});

	it('an on-demand plan sends no recurring amount or interval, even when an expression left some', async () => {
		const { error } = await runOperation(harness, 'subscriptionPlan', 'create', {
			...monthly,
			planId: 'plan_usage',
			planType: '={{ "ON_DEMAND" }}',
		});

		expect(error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/plans')).toEqual([
			{
				plan_id: 'plan_usage',
				plan_name: 'Monthly 499',
				plan_type: 'ON_DEMAND',
				plan_max_amount: 999,
			},
		]);
	});

	it('a recurring amount above the maximum is refused before anything is sent', async () => {
		const { error } = await runOperation(
			harness,
			'subscriptionPlan',
			'create',
			{ ...monthly, planRecurringAmount: '={{ $json.amount }}' },
			[
				{ plan: 'plan_a', amount: 499 },
				{ plan: 'plan_b', amount: 1000 },
			],
		);

		expect(error?.message).toBe(
			'Invalid Recurring Amount in item 1: 1000 is more than the Max Amount 999',
		);
		expect(harness.simulator.requests).toEqual([]);
	});

	it('a plan id with a slash is refused, naming the rule', async () => {
		const { error } = await runOperation(harness, 'subscriptionPlan', 'get', { planId: 'a/b' });

		expect(error?.message).toBe(
			'Invalid Plan ID in item 0: "a/b" contains "/" (U+002F) at position 2; only letters A-Z and a-z, digits 0-9, ".", "-" and "_" are allowed',
		);
		expect(harness.simulator.requests).toEqual([]);
	});

	it('an id of dots alone cannot step out of /plans', async () => {
		const { error } = await runOperation(harness, 'subscriptionPlan', 'get', { planId: '..' });

		expect(error?.message).toBe('Invalid Plan ID in item 0: ".." is dots alone');
		expect(harness.simulator.requests).toEqual([]);
	});

	it('Get reads a plan by its id; an unknown one is a 404 naming the plan ID', async () => {
		seedPlan('plan_weekly', {
			plan_type: 'PERIODIC',
			plan_max_amount: 100,
			plan_recurring_amount: 50.5,
			plan_interval_type: 'WEEK',
		});

		const found = await runOperation(harness, 'subscriptionPlan', 'get', { planId: 'plan_weekly' });
		expect(found.items[0].json).toMatchObject({
			plan_id: 'plan_weekly',
			plan_recurring_amount: 50.5,
			plan_interval_type: 'WEEK',
		});

		const missing = await runOperation(harness, 'subscriptionPlan', 'get', { planId: 'plan_none' });
		const apiError = expectCashfreeError(harness, missing.error, {
			status: 404,
			code: 'plan_not_found',
			message: 'no plan exists with this plan_id',
		});
		expect(apiError.description).toMatch(/^Check the plan ID/);
	});
});

describe('API version 2022-09-01 has no subscriptions', () => {
	it('Create Subscription Plan is refused before anything is sent, naming the version', async () => {
		const credentials = await harness.credential({ apiVersion: '2022-09-01' });

		const { error } = await runOperation(
			harness,
			'subscriptionPlan',
			'create',
			{ ...monthly, planId: 'plan_x' },
			[{}],
			{ credentials },
		);

		expect(error?.message).toBe(
			'Create Subscription Plan needs API version 2023-08-01 or later; the credential uses 2022-09-01',
		);
		expect(harness.simulator.requests).toEqual([]);
	});

	it('the simulator answers 2022-09-01 as Cashfree would: no such URL', async () => {
		seedPlan('plan_x');
		const response = await fetch(`${harness.simulator.baseUrl}/plans/plan_x`, {
			headers: {
				'x-client-id': 'test_client_id',
				'x-client-secret': 'cfsk_ma_test_Zq8XsecretV4lue_41f9',
				'x-api-version': '2022-09-01',
			},
		});
		expect(response.status).toBe(404);
		expect(((await response.json()) as { code: string }).code).toBe('url_not_found');
	});
});
