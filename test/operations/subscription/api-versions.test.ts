/**
 * Subscriptions under each API version that has them, through n8n's engine and the simulator.
 * What differs (Cashfree's Go SDK v6, API 2026-01-01, against v5.1.0, 2025-01-01, and v4.3.10,
 * 2023-08-01, which has v5.1.0's fields): Create Subscription drops subscription_note and adds
 * cf_order_id and subscription_meta.session_id_expiry; every answer that is a subscription
 * (Create, Get and the manage actions) adds next_schedule_date and payment_group, and the
 * authorisation's payment_method becomes an object keyed by the payment group. A field the
 * credential's version lacks is refused before anything is sent, naming the version.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runOperation, sentBodies, useHarness } from '../../helpers/harness';

const harness = useHarness();

const customer: INodeParameters = {
	subscriptionId: 'sub_v1',
	planId: 'plan_versions',
	customerEmail: 'asha@example.com',
	customerPhone: '9876543210',
};

function seedPlan() {
	harness.simulator.subscriptions.seedPlan({
		plan_id: 'plan_versions',
		plan_name: 'Versions',
		plan_type: 'ON_DEMAND',
		plan_max_amount: 1000,
	});
}

async function run(
	version: string,
	operation: string,
	parameters: INodeParameters,
	resource = 'subscription',
) {
	const credentials = await harness.credential({ apiVersion: version });
	return await runOperation(harness, resource, operation, parameters, [{}], { credentials });
}

describe('Create Subscription: fields by version', () => {
	it('2026-01-01 sends Cashfree Order ID and Session Expiry Time (in IST)', async () => {
		seedPlan();

		const { items, error } = await run('2026-01-01', 'create', {
			...customer,
			additionalFields: {
				cfOrderId: '2149460581',
				sessionIdExpiry: '2027-01-31T18:00:00Z',
				returnUrl: 'https://example.com/done',
			},
		});

		expect(error).toBeUndefined();
		const sent = sentBodies(harness, 'POST', '/subscriptions')[0];
		expect(sent.cf_order_id).toBe('2149460581');
		expect(sent.subscription_meta).toEqual({
			return_url: 'https://example.com/done',
			session_id_expiry: '2027-01-31T23:30:00+05:30',
		});
		expect(harness.simulator.requests[0].headers['x-api-version']).toBe('2026-01-01');
		expect(items[0].json).toMatchObject({ subscription_id: 'sub_v1', next_schedule_date: null });
	});

	it.each([
		['cfOrderId', 'Cashfree Order ID', '2149460581'] as const,
		['sessionIdExpiry', 'Session Expiry Time', '2027-01-31T18:00:00Z'] as const,
	])('2025-01-01 refuses %s before sending, naming 2026-01-01', async (name, title, value) => {
		const { error } = await run('2025-01-01', 'create', {
			...customer,
			additionalFields: { [name]: value },
		});

		expect(error?.message).toBe(
			`${title} needs API version 2026-01-01 or later; the credential uses 2025-01-01`,
		);
		expect(harness.simulator.requests).toEqual([]);
	});

	it.each(['2023-08-01', '2025-01-01'])(
		'%s sends Subscription Note and the subscription keeps it',
		async (version) => {
			seedPlan();

			const { items, error } = await run(version, 'create', {
				...customer,
				additionalFields: { subscriptionNote: 'Gold tier, yearly review' },
			});

			expect(error).toBeUndefined();
			expect(sentBodies(harness, 'POST', '/subscriptions')[0].subscription_note).toBe(
				'Gold tier, yearly review',
			);
			expect(items[0].json.subscription_note).toBe('Gold tier, yearly review');
		},
	);

	it('2026-01-01 refuses Subscription Note before sending: Cashfree removed it there', async () => {
		const { error } = await run('2026-01-01', 'create', {
			...customer,
			additionalFields: { subscriptionNote: 'Gold tier' },
		});

		expect(error?.message).toBe(
			'Subscription Note was removed in API version 2026-01-01; the credential uses 2026-01-01',
		);
		expect(error).toMatchObject({
			description:
				'Leave Subscription Note empty, or pick API Version 2025-01-01 or earlier in the Cashfree credential. Nothing was sent to Cashfree.',
		});
		expect(harness.simulator.requests).toEqual([]);
	});
});

describe('A subscription as each version answers it', () => {
	/** An ACTIVE subscription whose customer authorised an eNACH mandate on a bank account. */
	function authorisedOnEnach(subscription_id = 'sub_bank') {
		seedPlan();
		harness.simulator.subscriptions.seedSubscription({
			subscription_id,
			plan: { plan_id: 'plan_versions' },
		});
	}

	it('Get on 2025-01-01: payment_method names the mandate type, no payment_group or next_schedule_date', async () => {
		authorisedOnEnach();

		const { items, error } = await run('2025-01-01', 'get', { subscriptionId: 'sub_bank' });

		expect(error).toBeUndefined();
		expect(items[0].json.authorisation_details).toMatchObject({ payment_method: 'enach' });
		expect(items[0].json.authorisation_details).not.toHaveProperty('payment_group');
		expect(items[0].json).not.toHaveProperty('next_schedule_date');
	});

	it("Get on 2026-01-01: payment_group, the mandate's details under its type, next_schedule_date", async () => {
		authorisedOnEnach();

		const { items, error } = await run('2026-01-01', 'get', { subscriptionId: 'sub_bank' });

		expect(error).toBeUndefined();
		expect(items[0].json.authorisation_details).toMatchObject({
			payment_group: 'enach',
			payment_method: { enach: { channel: 'link', auth_mode: 'net_banking' } },
		});
		expect(items[0].json).toHaveProperty('next_schedule_date', null);
	});

	// Each manage action answers the subscription, so each shows the version's shape.
	it.each([
		['pause', {}],
		['changePlan', { planId: 'plan_versions' }],
		['cancel', {}],
	] as const)('%s answers next_schedule_date on 2026-01-01 only', async (operation, extra) => {
		authorisedOnEnach('sub_old');
		harness.simulator.subscriptions.seedSubscription({
			subscription_id: 'sub_new',
			plan: { plan_id: 'plan_versions' },
		});

		const older = await run('2025-01-01', operation, { subscriptionId: 'sub_old', ...extra });
		const newer = await run('2026-01-01', operation, { subscriptionId: 'sub_new', ...extra });

		expect([older.error, newer.error]).toEqual([undefined, undefined]);
		expect(older.items[0].json).not.toHaveProperty('next_schedule_date');
		expect(newer.items[0].json).toHaveProperty('next_schedule_date');
	});

	it('Activate on 2026-01-01 answers the date it was given as next_schedule_date', async () => {
		authorisedOnEnach();
		await run('2026-01-01', 'pause', { subscriptionId: 'sub_bank' });

		const { items } = await run('2026-01-01', 'activate', {
			subscriptionId: 'sub_bank',
			nextScheduledTime: '2027-03-01T00:00:00+05:30',
		});

		expect(items[0].json.next_schedule_date).toBe('2027-03-01T00:00:00+05:30');
	});
});
