/**
 * The two subscription examples of examples/ in a real n8n 2.41.1, against the simulator:
 *
 * - pause-subscription-after-second-failed-payment.json, published, fed the simulator's signed
 *   SUBSCRIPTION_PAYMENT_FAILED webhooks (Cashfree sends subscription webhooks to the one URL
 *   of its dashboard: `simulator.subscriptions.webhookUrl`);
 * - cancel-subscriptions-at-month-end.json, run from its Manual Trigger through the REST API the
 *   editor uses (n8n's CLI cannot run Data table nodes, see tools/n8n/rest.ts).
 *
 * Both tables are created as docs/examples.md tells users to. Steps run in order: each starts
 * from the state the previous one left.
 */
import {
	CASHFREE_TRIGGER,
	nodeItems,
	productionWebhookUrl,
	readExample,
	SUBSCRIPTION_ALERTS_TABLE,
	SUBSCRIPTION_CANCELLATIONS_TABLE,
	type ExecutionResult,
} from '../tools/n8n/examples';
import type { N8nInstance } from '../tools/n8n/instance';
import type { N8nRestSession, DataTableRow } from '../tools/n8n/rest';
import { signWebhook, type CashfreeSimulator } from '../tools/simulator';
import type { WebhookDelivery } from '../tools/simulator/webhooks';
import {
	CLIENT_SECRET,
	SETUP_TIMEOUT_MS,
	startAsOwner,
	startSimulatorAndN8n,
	succeeded,
} from './helpers/n8n';

const failedExample = readExample('pause-subscription-after-second-failed-payment.json');
const monthEndExample = readExample('cancel-subscriptions-at-month-end.json');
const MANUAL_TRIGGER = "When clicking 'Execute workflow'";
/** Settle time after the last delivery, for an execution that would (wrongly) still appear. */
const SETTLE_MS = 1500;

let simulator: CashfreeSimulator;
let n8n: N8nInstance;
let rest: N8nRestSession;
let triggerUrl: string;
let alertsTable: string;
let cancellationsTable: string;

beforeAll(async () => {
	({ simulator, n8n } = await startSimulatorAndN8n([failedExample, monthEndExample]));
	rest = await startAsOwner(n8n);
	alertsTable = await rest.createDataTable(SUBSCRIPTION_ALERTS_TABLE);
	cancellationsTable = await rest.createDataTable(SUBSCRIPTION_CANCELLATIONS_TABLE);
	triggerUrl = productionWebhookUrl(
		n8n.baseUrl,
		failedExample.nodes.find((node) => node.name === CASHFREE_TRIGGER)!,
	);
	// What a merchant sets in Cashfree's dashboard for subscription webhooks.
	simulator.subscriptions.webhookUrl = triggerUrl;
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await simulator?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The subscription manage calls the simulator received since it was last cleared: "<id> <ACTION>". */
function manageCalls(): string[] {
	return simulator.requests
		.filter((request) => request.method === 'POST' && request.path.endsWith('/manage'))
		.map((request) => {
			const body = JSON.parse(request.body) as { subscription_id: string; action: string };
			return `${body.subscription_id} ${body.action}`;
		});
}

/** A subscription on a plan of `planType`, authorised by its customer: ACTIVE. */
function seedSubscription(subscriptionId: string, planType: 'ON_DEMAND' | 'PERIODIC'): void {
	simulator.subscriptions.seedSubscription({
		subscription_id: subscriptionId,
		plan:
			planType === 'ON_DEMAND'
				? {
						plan_id: 'e2e_on_demand',
						plan_name: 'On demand',
						plan_type: 'ON_DEMAND',
						plan_max_amount: 2000,
					}
				: {
						plan_id: 'e2e_monthly',
						plan_name: 'Monthly',
						plan_type: 'PERIODIC',
						plan_recurring_amount: 499,
						plan_max_amount: 2000,
						plan_interval_type: 'MONTH',
					},
	});
}

/** A charge raised on the subscription and the bank's answer to it (which sends its webhook). */
function charge(subscriptionId: string, paymentId: string, outcome: 'SUCCESS' | 'FAILED'): void {
	simulator.subscriptions.raiseCharge({
		subscription_id: subscriptionId,
		payment_id: paymentId,
		payment_type: 'CHARGE',
		payment_amount: 499,
	});
	simulator.subscriptions.settleCharge(subscriptionId, paymentId, outcome);
}

/** Waits for the webhooks sent so far and for the workflow's `count`-th execution, which it returns. */
async function executionNumber(count: number): Promise<ExecutionResult & { id: string }> {
	await simulator.waitForWebhooks();
	const executions = await rest.waitForExecutions(failedExample.id, count, { timeoutMs: 60_000 });
	return succeeded(await rest.execution(executions[executions.length - 1].id), n8n);
}

/** The alert rows without n8n's own columns, in the order they were written. */
async function alertRows(): Promise<Record<string, unknown>[]> {
	return (await rest.dataTableRows(alertsTable)).map(
		({ id, createdAt, updatedAt, ...row }: DataTableRow) => {
			void [id, createdAt, updatedAt];
			return row;
		},
	);
}

const ran = (execution: ExecutionResult) => Object.keys(execution.data.resultData.runData).sort();

/**
 * A delivery sent again, signed afresh. As it was, it is what a retry or a dashboard resend of
 * the event looks like; `renderedAgain` changes its `event_time`, which makes a body the
 * trigger has not seen: the same failure reported anew, past the trigger's duplicate check
 * (which knows a delivery by its body), so only the workflow itself can keep it from acting twice.
 */
async function resend(
	delivery: WebhookDelivery,
	{ renderedAgain = false } = {},
): Promise<Response> {
	const body = renderedAgain
		? delivery.body.replace(/"event_time":"[^"]*"/, `"event_time":"${new Date().toISOString()}"`)
		: delivery.body;
	if (renderedAgain) expect(body).not.toBe(delivery.body);
	const timestamp = String(Date.now());
	return await fetch(triggerUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-webhook-timestamp': timestamp,
			'x-webhook-signature': signWebhook(CLIENT_SECRET, timestamp, body),
			'x-webhook-version': '2025-01-01',
			'x-webhook-attempt': '2',
			'x-idempotency-key': delivery.headers['x-idempotency-key'],
		},
		body,
	});
}

describe('examples/pause-subscription-after-second-failed-payment.json, published', () => {
	it('activates, with a production URL Cashfree can be given', async () => {
		const activated = await rest.activateWorkflow(failedExample.id);
		expect(activated.active).toBe(true);
		expect(await rest.waitForWebhook(triggerUrl)).toBe(401);
	});

	it('the first failed charge is notified (a row in cashfree_subscription_alerts) and pauses nothing', async () => {
		seedSubscription('sub_fail_1', 'ON_DEMAND');
		charge('sub_fail_1', 'charge_1_ok', 'SUCCESS'); // not selected in the trigger; not a failure
		simulator.clearRequests();
		charge('sub_fail_1', 'charge_1_a', 'FAILED');

		const execution = await executionNumber(1);

		expect(await alertRows()).toEqual([
			{
				failure_id: 'charge_1_a#0',
				subscription_id: 'sub_fail_1',
				payment_id: 'charge_1_a',
				failure_reason: 'INSUFFICIENT_FUNDS',
				failed_charges: 1,
				subscription_status: 'ACTIVE',
				pause_error: '',
			},
		]);
		expect(ran(execution)).not.toContain('Pause subscription');
		expect(manageCalls()).toEqual([]);
		expect(simulator.subscriptions.getSubscription('sub_fail_1')?.subscription_status).toBe(
			'ACTIVE',
		);
	});

	it("another subscription's failure counts for that subscription only", async () => {
		seedSubscription('sub_fail_2', 'ON_DEMAND');
		simulator.clearRequests();
		charge('sub_fail_2', 'charge_2_a', 'FAILED');

		await executionNumber(2);

		expect((await alertRows())[1]).toMatchObject({
			subscription_id: 'sub_fail_2',
			failed_charges: 1,
			subscription_status: 'ACTIVE',
		});
		expect(manageCalls()).toEqual([]);
	});

	it('the second failed charge is notified and pauses the subscription, exactly once', async () => {
		simulator.clearRequests();
		charge('sub_fail_1', 'charge_1_b', 'FAILED');

		const execution = await executionNumber(3);

		expect(manageCalls()).toEqual(['sub_fail_1 PAUSE']);
		expect(nodeItems(execution, 'Pause subscription')).toEqual([
			expect.objectContaining({ subscription_id: 'sub_fail_1', subscription_status: 'PAUSED' }),
		]);
		expect(simulator.subscriptions.getSubscription('sub_fail_1')?.subscription_status).toBe(
			'PAUSED',
		);
		expect(simulator.subscriptions.getSubscription('sub_fail_2')?.subscription_status).toBe(
			'ACTIVE',
		);
		expect((await alertRows())[2]).toEqual({
			failure_id: 'charge_1_b#0',
			subscription_id: 'sub_fail_1',
			payment_id: 'charge_1_b',
			failure_reason: 'INSUFFICIENT_FUNDS',
			failed_charges: 2,
			subscription_status: 'PAUSED',
			pause_error: '',
		});
	});

	it('the failure webhook delivered again changes nothing: a repeat starts nothing, the failure reported anew stops at "Not notified yet?"', async () => {
		const delivered = simulator.webhookDeliveries.filter(
			(delivery) =>
				delivery.type === 'SUBSCRIPTION_PAYMENT_FAILED' &&
				delivery.delivered &&
				delivery.body.includes('"charge_1_b"'),
		);
		expect(delivered).toHaveLength(1);
		const rowsBefore = await alertRows();
		simulator.clearRequests();

		const repeat = await resend(delivered[0]);
		expect(repeat.status).toBe(200);
		expect(await repeat.json()).toMatchObject({ started: false, reason: 'duplicate delivery' });
		await sleep(SETTLE_MS);
		expect(await rest.executionsOf(failedExample.id)).toHaveLength(3);

		const resent = await resend(delivered[0], { renderedAgain: true });
		expect(resent.status).toBe(200);
		const execution = await executionNumber(4);
		expect(ran(execution)).toEqual([CASHFREE_TRIGGER, 'Failed charge', 'Not notified yet?'].sort());
		expect(nodeItems(execution, 'Not notified yet?')).toEqual([]);

		expect(simulator.requests).toEqual([]);
		expect(await alertRows()).toEqual(rowsBefore);
		expect(simulator.subscriptions.getSubscription('sub_fail_1')?.subscription_status).toBe(
			'PAUSED',
		);
	});

	it('a periodic subscription, which Cashfree puts ON_HOLD at a failed charge, is recorded ON_HOLD and not paused (Pause is only for ACTIVE ones)', async () => {
		seedSubscription('sub_fail_3', 'PERIODIC');
		charge('sub_fail_3', 'charge_3_a', 'FAILED');
		await executionNumber(5);
		// The merchant activates it again; the next charge fails too.
		simulator.subscriptions.manage('sub_fail_3', {
			subscription_id: 'sub_fail_3',
			action: 'ACTIVATE',
			action_details: { next_scheduled_time: new Date(Date.now() + 86_400_000).toISOString() },
		});
		simulator.clearRequests();
		charge('sub_fail_3', 'charge_3_b', 'FAILED');

		const execution = await executionNumber(6);

		expect(ran(execution)).not.toContain('Pause subscription');
		expect(manageCalls()).toEqual([]);
		expect((await alertRows()).slice(3)).toEqual([
			expect.objectContaining({
				payment_id: 'charge_3_a',
				failed_charges: 1,
				subscription_status: 'ON_HOLD',
			}),
			expect.objectContaining({
				payment_id: 'charge_3_b',
				failed_charges: 2,
				subscription_status: 'ON_HOLD',
			}),
		]);
	});
	it('when Cashfree refuses the pause, the second failure is still notified, with its reason', async () => {
		// Cashfree's status page allows Pause only for periodic subscriptions; the simulator pauses
		// any ACTIVE one, so its refusal is injected.
		seedSubscription('sub_fail_4', 'ON_DEMAND');
		simulator.injectFault({
			method: 'POST',
			pathIncludes: '/subscriptions/sub_fail_4/manage',
			fault: {
				kind: 'status',
				status: 400,
				body: {
					message: 'PAUSE is allowed for periodic subscriptions only',
					code: 'action_invalid',
					type: 'invalid_request_error',
				},
			},
		});
		charge('sub_fail_4', 'charge_4_a', 'FAILED');
		await executionNumber(7);
		simulator.clearRequests();
		charge('sub_fail_4', 'charge_4_b', 'FAILED');

		await executionNumber(8);

		expect(manageCalls()).toEqual(['sub_fail_4 PAUSE']);
		expect(simulator.subscriptions.getSubscription('sub_fail_4')?.subscription_status).toBe(
			'ACTIVE',
		);
		expect((await alertRows()).slice(5)).toEqual([
			expect.objectContaining({ payment_id: 'charge_4_a', failed_charges: 1, pause_error: '' }),
			expect.objectContaining({
				payment_id: 'charge_4_b',
				failed_charges: 2,
				subscription_status: 'ACTIVE',
				pause_error: expect.stringMatching(/^action_invalid: .+/),
			}),
		]);
	});
});

describe('examples/cancel-subscriptions-at-month-end.json, from its Manual Trigger', () => {
	/** subscription_id → [status, error], as the table holds them. */
	async function results(): Promise<Record<string, [unknown, unknown]>> {
		const rows = await rest.dataTableRows(cancellationsTable);
		return Object.fromEntries(rows.map((row) => [row.subscription_id, [row.status, row.error]]));
	}

	async function run(): Promise<ExecutionResult> {
		return succeeded(await rest.runWorkflow(monthEndExample.id, MANUAL_TRIGGER), n8n);
	}

	it('cancels each listed subscription once, writes CANCELLED back, and an unknown one gets its error', async () => {
		seedSubscription('sub_end_1', 'ON_DEMAND');
		seedSubscription('sub_end_2', 'PERIODIC');
		simulator.subscriptions.manage('sub_end_2', { subscription_id: 'sub_end_2', action: 'PAUSE' });
		seedSubscription('sub_end_kept', 'ON_DEMAND'); // not listed
		seedSubscription('sub_end_done', 'ON_DEMAND'); // listed last month, result already written
		await rest.insertDataTableRows(cancellationsTable, [
			{ subscription_id: 'sub_end_1' },
			{ subscription_id: 'sub_end_unknown' },
			{ subscription_id: 'sub_end_2' },
			{ subscription_id: 'sub_end_done', status: 'FAILED', error: 'an earlier run' },
		]);
		simulator.clearRequests();

		const execution = await run();

		expect(Object.keys(execution.data.resultData.runData)).not.toContain('Last day of the month?');
		expect(manageCalls().sort()).toEqual(
			['sub_end_1 CANCEL', 'sub_end_2 CANCEL', 'sub_end_unknown CANCEL'].sort(),
		);
		for (const id of ['sub_end_1', 'sub_end_2'])
			expect(simulator.subscriptions.getSubscription(id)?.subscription_status).toBe('CANCELLED');
		for (const id of ['sub_end_kept', 'sub_end_done'])
			expect(simulator.subscriptions.getSubscription(id)?.subscription_status).toBe('ACTIVE');

		const cancelled = nodeItems(execution, 'Cancel subscription');
		const failure = cancelled.find((item) => item.error !== undefined);
		expect(failure).toMatchObject({ httpStatus: 404, code: 'subscription_not_found' });
		const rows = await results();
		expect(rows).toEqual({
			sub_end_1: ['CANCELLED', ''],
			sub_end_unknown: ['FAILED', `subscription_not_found: ${String(failure?.error)}`],
			sub_end_2: ['CANCELLED', ''],
			sub_end_done: ['FAILED', 'an earlier run'],
		});
		const written = await rest.dataTableRows(cancellationsTable);
		for (const row of written.filter((row) => row.subscription_id !== 'sub_end_done'))
			expect(Date.now() - Date.parse(String(row.processed_at))).toBeLessThan(5 * 60_000);
		expect(written.find((row) => row.subscription_id === 'sub_end_done')?.processed_at).toBeNull();
	});

	it('run again, it reads only rows without a result and cancels nothing more', async () => {
		const before = await rest.dataTableRows(cancellationsTable);
		simulator.clearRequests();

		const execution = await run();

		expect(simulator.requests).toEqual([]);
		expect(ran(execution)).toEqual([MANUAL_TRIGGER, 'Subscriptions to cancel'].sort());
		expect(await rest.dataTableRows(cancellationsTable)).toEqual(before);
	});
});
