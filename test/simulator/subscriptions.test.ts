/**
 * The simulator's Subscriptions API over HTTP: every success answer held to the field sets of
 * Cashfree's Go SDK v6 (test/schemas/subscription-entities.json), the lifecycle rules of
 * tools/simulator/README.md ("Subscriptions"), and no such URL in 2022-09-01.
 */
import type { ApiVersion } from '../../tools/simulator';

import { expectMatchesSchema, simulatorKit } from '../helpers/simulator-client';

const { call, useSimulator } = simulatorKit('subs_client_id', 'subs_client_secret');
const simulator = useSimulator();

const schema = (name: string) => `subscription-entities.json#/definitions/${name}`;
const post = (path: string, body: unknown, version?: ApiVersion) =>
	call(simulator, path, { method: 'POST', body, version });

const PERIODIC_PLAN = {
	plan_id: 'plan_monthly.499',
	plan_name: 'Monthly',
	plan_type: 'PERIODIC',
	plan_max_amount: 999,
	plan_recurring_amount: 499,
	plan_interval_type: 'MONTH',
};

/** Raises a charge over HTTP, as Raise a Charge does. */
const raiseCharge = (subscription_id: string, payment_id: string, payment_amount: number) =>
	post('/subscriptions/pay', {
		subscription_id,
		payment_id,
		payment_type: 'CHARGE',
		payment_amount,
	});

async function activeSubscription(subscription_id: string) {
	simulator.subscriptions.seedPlan(PERIODIC_PLAN);
	const created = await post('/subscriptions', {
		subscription_id,
		customer_details: { customer_email: 'a@example.com', customer_phone: '9999999999' },
		plan_details: { plan_id: PERIODIC_PLAN.plan_id },
	});
	expect(created.status).toBe(200);
	expectMatchesSchema(schema('subscription-2025-01-01'), created.json);
	expect(created.json.subscription_status).toBe('INITIALIZED');
	simulator.subscriptions.authorise(subscription_id, 'SUCCESS');
}

describe('plans and subscriptions', () => {
	it('Create Plan and Fetch Plan answer the plan entity; a repeated plan_id is a 409', async () => {
		const created = await post('/plans', PERIODIC_PLAN);
		expect(created.status).toBe(200);
		expectMatchesSchema(schema('plan'), created.json);
		expect(created.json).toMatchObject({ plan_intervals: 1, plan_currency: 'INR' });

		const fetched = await call(simulator, '/plans/plan_monthly.499');
		expectMatchesSchema(schema('plan'), fetched.json);

		const again = await post('/plans', PERIODIC_PLAN);
		expect([again.status, again.json.code]).toEqual([409, 'plan_already_exists']);
	});

	it('a periodic plan without recurring amount is refused the way Cashfree names fields', async () => {
		const { plan_recurring_amount: _left, ...withoutAmount } = PERIODIC_PLAN;
		const refused = await post('/plans', withoutAmount);
		expect([refused.status, refused.json.code]).toEqual([400, 'plan_recurring_amount_missing']);
	});

	it('manage moves a subscription through PAUSED and back to ACTIVE, then CANCELLED for good', async () => {
		await activeSubscription('sub_1');
		const manage = (action: string, action_details?: object) =>
			post(
				'/subscriptions/sub_1/manage',
				{ subscription_id: 'sub_1', action, action_details },
				'2026-01-01',
			);

		const paused = await manage('PAUSE');
		expectMatchesSchema(schema('subscription-2026-01-01'), paused.json);
		expect(paused.json.subscription_status).toBe('PAUSED');
		expect((await manage('ACTIVATE')).json.code).toBe('action_details.next_scheduled_time_missing');
		const active = await manage('ACTIVATE', { next_scheduled_time: '2027-01-01T00:00:00Z' });
		expect(active.json).toMatchObject({
			subscription_status: 'ACTIVE',
			next_schedule_date: '2027-01-01T05:30:00+05:30',
		});
		expect((await manage('CANCEL')).json.subscription_status).toBe('CANCELLED');
		const again = await manage('ACTIVATE', { next_scheduled_time: '2027-01-01T00:00:00Z' });
		expect([again.status, again.json.code]).toEqual([400, 'action_invalid']);
	});

	it('a manage body naming another subscription than the path is refused', async () => {
		await activeSubscription('sub_2');
		const refused = await post('/subscriptions/sub_2/manage', {
			subscription_id: 'sub_other',
			action: 'PAUSE',
		});
		expect([refused.status, refused.json.code]).toEqual([400, 'subscription_id_invalid']);
	});
});

describe('charges and refunds', () => {
	it('a charge answers the create response; the entity, list and refund answer their SDK shapes', async () => {
		await activeSubscription('sub_3');
		const charge = await raiseCharge('sub_3', 'charge_1', 499);
		expectMatchesSchema(schema('chargeAnswer'), charge.json);
		expect(charge.json.payment_status).toBe('PENDING');

		simulator.subscriptions.settleCharge('sub_3', 'charge_1', 'SUCCESS');
		const listed = await call(simulator, '/subscriptions/sub_3/payments');
		expect(listed.json).toHaveLength(1);
		expectMatchesSchema(schema('payment'), listed.json[0]);
		expectMatchesSchema(
			schema('payment'),
			(await call(simulator, '/subscriptions/sub_3/payments/charge_1')).json,
		);

		const refund = await post('/subscriptions/sub_3/refunds', {
			subscription_id: 'sub_3',
			payment_id: 'charge_1',
			refund_id: 'refund_1',
			refund_amount: 499,
		});
		expectMatchesSchema(schema('refund'), refund.json);
		const read = await call(simulator, '/subscriptions/sub_3/refunds/refund_1');
		expectMatchesSchema(schema('refund'), read.json);
		expect(read.json.refund_status).toBe('SUCCESS');
		const more = await post('/subscriptions/sub_3/refunds', {
			subscription_id: 'sub_3',
			payment_id: 'charge_1',
			refund_id: 'refund_2',
			refund_amount: 0.01,
		});
		expect([more.status, more.json.code]).toEqual([400, 'refund_amount_invalid']);
	});

	it('a failed charge of a periodic plan puts the subscription ON_HOLD; Retry is only for failed charges', async () => {
		await activeSubscription('sub_4');
		await raiseCharge('sub_4', 'charge_1', 499);
		const retryPending = await post('/subscriptions/sub_4/payments/charge_1/manage', {
			subscription_id: 'sub_4',
			payment_id: 'charge_1',
			action: 'RETRY',
			action_details: { next_scheduled_time: '2027-01-01T00:00:00+05:30' },
		});
		expect([retryPending.status, retryPending.json.code]).toEqual([400, 'action_invalid']);

		simulator.subscriptions.settleCharge('sub_4', 'charge_1', 'FAILED');
		expect(simulator.subscriptions.getSubscription('sub_4')?.subscription_status).toBe('ON_HOLD');
		const charge = await raiseCharge('sub_4', 'charge_2', 1);
		expect([charge.status, charge.json.code]).toEqual([400, 'subscription_not_active']);
	});
});

it('2022-09-01 has no Subscriptions API: url_not_found after the credential check', async () => {
	const refused = await post('/plans', PERIODIC_PLAN, '2022-09-01');
	expect([refused.status, refused.json.code]).toEqual([404, 'url_not_found']);
});

describe('by API version (Go SDK v6 for 2026-01-01, v5.1.0 and v4.3.10 before it)', () => {
	const createBody = (subscription_id: string, extra: object = {}) => ({
		subscription_id,
		customer_details: {
			customer_email: 'a@example.com',
			customer_phone: '9999999999',
			customer_bank_ifsc: 'HDFC0000001',
		},
		plan_details: { plan_id: PERIODIC_PLAN.plan_id },
		authorization_details: { payment_methods: ['upi', 'enach'] },
		...extra,
	});

	it.each(['2023-08-01', '2025-01-01'] as const)(
		'%s keeps subscription_note; the authorised mandate is named by a text payment_method',
		async (version) => {
			simulator.subscriptions.seedPlan(PERIODIC_PLAN);
			const created = await post(
				'/subscriptions',
				createBody('sub_note', { subscription_note: 'yearly review' }),
				version,
			);
			expectMatchesSchema(schema('subscription-2025-01-01'), created.json);
			expect(created.json.subscription_note).toBe('yearly review');

			simulator.subscriptions.authorise('sub_note', 'SUCCESS');
			const read = await call(simulator, '/subscriptions/sub_note', { version });
			expectMatchesSchema(schema('subscription-2025-01-01'), read.json);
			expect(read.json.authorisation_details).toMatchObject({ payment_method: 'upi' });
		},
	);

	it('2026-01-01 takes cf_order_id and session_id_expiry, ignores a note, answers the mandate by its group', async () => {
		simulator.subscriptions.seedPlan(PERIODIC_PLAN);
		const created = await post(
			'/subscriptions',
			createBody('sub_2026', {
				subscription_note: 'not in this version',
				cf_order_id: '2149460581',
				subscription_meta: { session_id_expiry: '2027-01-31T18:00:00Z' },
			}),
			'2026-01-01',
		);
		expect(created.status).toBe(200);
		expectMatchesSchema(schema('subscription-2026-01-01'), created.json);
		expect(created.json).toMatchObject({ subscription_note: null, next_schedule_date: null });

		simulator.subscriptions.authorise('sub_2026', 'SUCCESS');
		const read = await call(simulator, '/subscriptions/sub_2026', { version: '2026-01-01' });
		expectMatchesSchema(schema('subscription-2026-01-01'), read.json);
		expect(read.json.authorisation_details).toMatchObject({
			payment_group: 'upi',
			payment_method: { upi: { channel: 'link' } },
		});
	});

	it('2026-01-01 refuses a session_id_expiry that is not a time, the way Cashfree names fields', async () => {
		simulator.subscriptions.seedPlan(PERIODIC_PLAN);
		const refused = await post(
			'/subscriptions',
			createBody('sub_bad', { subscription_meta: { session_id_expiry: 'soon' } }),
			'2026-01-01',
		);
		expect([refused.status, refused.json.code]).toEqual([
			400,
			'subscription_meta.session_id_expiry_invalid',
		]);
	});
});
