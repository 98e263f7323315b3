/**
 * The Cashfree Trigger in a real n8n 2.41.1, fed by the simulator's Cashfree-like webhooks.
 *
 * A workflow with only the trigger (events PAYMENT_SUCCESS_WEBHOOK and PAYMENT_LINK_EVENT) is
 * imported with the examples' credential (the simulator signs its webhooks with the same
 * client secret), published through the REST API the editor uses, and the simulator's links
 * and orders carry the trigger's production URL as their notify URL. What n8n did is read back
 * from its stored executions. Then examples/cancel-other-links-when-paid.json is published and
 * run the same way, against the examples' data table.
 */
import {
	CASHFREE_TRIGGER,
	cashfreeTriggerWorkflow,
	EXAMPLE_DATA_TABLE,
	productionWebhookUrl,
	readExample,
} from '../tools/n8n/examples';
import type { N8nInstance } from '../tools/n8n/instance';
import type { N8nRestSession, ExecutionSummary } from '../tools/n8n/rest';
import type { CashfreeSimulator } from '../tools/simulator';
import type { WebhookDelivery, WebhookFaultKind } from '../tools/simulator/webhooks';
import { SETUP_TIMEOUT_MS, startAsOwner, startSimulatorAndN8n } from './helpers/n8n';

const TRIGGER = CASHFREE_TRIGGER;
const SELECTED_EVENTS = ['PAYMENT_SUCCESS_WEBHOOK', 'PAYMENT_LINK_EVENT'];

/** Only the trigger, its defaults kept but for the events: what a user starts from. */
const triggerWorkflow = cashfreeTriggerWorkflow({
	id: 'cashfreeTriggerE2e',
	name: 'Cashfree Trigger (e2e)',
	webhookId: '5d1e2f30-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
	events: SELECTED_EVENTS,
});
const paidExample = readExample('cancel-other-links-when-paid.json');

/** Settle time after the last delivery, for an execution that would (wrongly) still appear. */
const SETTLE_MS = 1500;

let simulator: CashfreeSimulator;
let n8n: N8nInstance;
let rest: N8nRestSession;
let triggerUrl: string;
let exampleUrl: string;

beforeAll(async () => {
	({ simulator, n8n } = await startSimulatorAndN8n([triggerWorkflow, paidExample]));
	rest = await startAsOwner(n8n);
	triggerUrl = productionWebhookUrl(n8n.baseUrl, triggerWorkflow.nodes[0]);
	exampleUrl = productionWebhookUrl(
		n8n.baseUrl,
		paidExample.nodes.find((node) => node.name === TRIGGER)!,
	);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await simulator?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The item the trigger passed on in one stored execution. */
async function triggerItem(execution: ExecutionSummary): Promise<Record<string, unknown>> {
	const full = await rest.execution(execution.id);
	expect(full.status).toBe('success');
	const runs = full.data.resultData.runData[TRIGGER];
	const items = runs?.[0].data?.main[0] ?? [];
	expect(items).toHaveLength(1);
	return items[0].json;
}

/** The deliveries the simulator made since `from` (an index into webhookDeliveries). */
function deliveriesSince(from: number): WebhookDelivery[] {
	return simulator.webhookDeliveries.slice(from);
}

let nextOrder = 1;
/** An ACTIVE order whose webhooks go to the trigger; paying it sends one webhook. */
function seedOrder(): string {
	const orderId = `e2e_trigger_order_${nextOrder++}`;
	simulator.seedOrder({
		order_id: orderId,
		order_amount: 170,
		order_meta: { notify_url: triggerUrl },
	});
	return orderId;
}

describe('the Cashfree Trigger in n8n 2.41.1, published, receiving the simulator’s webhooks', () => {
	it('is published through the REST API; its production URL is /webhook/<webhookId>/webhook', async () => {
		const activated = await rest.activateWorkflow(triggerWorkflow.id);
		expect(activated.active).toBe(true);
		expect(await rest.waitForWebhook(triggerUrl)).toBe(401);
		expect(triggerUrl).toBe(`${n8n.baseUrl}/webhook/5d1e2f30-7a8b-4c9d-8e0f-1a2b3c4d5e6f/webhook`);
		// Registered for POST only: a GET is n8n's 404, and nothing runs.
		const get = await fetch(triggerUrl);
		expect(get.status).toBe(404);
		expect(await rest.executionsOf(triggerWorkflow.id)).toEqual([]);
	});

	it('paying a link: one execution per selected event, with its type and data', async () => {
		simulator.seedLink({
			link_id: 'e2e_trigger_link_1',
			link_amount: 200.12,
			customer_details: { customer_phone: '9000000001', customer_name: 'Asha Verma' },
			link_meta: { notify_url: triggerUrl },
		});
		const from = simulator.webhookDeliveries.length;
		const { order, payment } = simulator.payLink('e2e_trigger_link_1');
		await simulator.waitForWebhooks();

		const deliveries = deliveriesSince(from);
		// Type, attempt and answer together, so that a failure shows what n8n answered.
		expect(deliveries.map((d) => `${d.type} attempt ${d.attempt}: ${d.status}`).sort()).toEqual(
			[...SELECTED_EVENTS].sort().map((type) => `${type} attempt 1: 200`),
		);
		for (const delivery of deliveries) {
			expect(delivery).toMatchObject({ url: triggerUrl, attempt: 1, status: 200, delivered: true });
			expect(delivery.fault).toBeUndefined();
		}

		const executions = await rest.waitForExecutions(triggerWorkflow.id, 2);
		expect(executions.map((e) => e.mode)).toEqual(['webhook', 'webhook']);
		const items = await Promise.all(executions.map(triggerItem));
		const byType = Object.fromEntries(items.map((item) => [item.type, item]));
		expect(Object.keys(byType).sort()).toEqual([...SELECTED_EVENTS].sort());

		const success = byType.PAYMENT_SUCCESS_WEBHOOK;
		const successDelivery = deliveries.find((d) => d.type === 'PAYMENT_SUCCESS_WEBHOOK')!;
		expect(success).toMatchObject({
			event: 'PAYMENT_SUCCESS_WEBHOOK',
			webhookVersion: '2025-01-01',
			attempt: 1,
			idempotencyKey: successDelivery.headers['x-idempotency-key'],
			rawBody: successDelivery.body,
			data: {
				order: { order_id: order.order_id, order_amount: 200.12 },
				payment: { cf_payment_id: payment.cf_payment_id, payment_status: 'SUCCESS' },
			},
		});
		// The exact text of the amount, as Cashfree sends it, is kept in rawBody.
		expect(String(success.rawBody)).toContain('"payment_amount":200.12');

		const linkEvent = byType.PAYMENT_LINK_EVENT;
		expect(linkEvent).toMatchObject({
			event: 'PAYMENT_LINK_EVENT',
			attempt: 1,
			data: {
				link_id: 'e2e_trigger_link_1',
				link_status: 'PAID',
				link_amount: '200.12',
				link_amount_paid: '200.12',
				customer_details: { customer_phone: '9000000001' },
				order: { order_id: order.order_id, transaction_status: 'SUCCESS' },
			},
		});
	});

	it('an event not selected (PAYMENT_FAILED_WEBHOOK) is answered 200 and starts nothing', async () => {
		const before = (await rest.executionsOf(triggerWorkflow.id)).length;
		const from = simulator.webhookDeliveries.length;
		simulator.payOrder(seedOrder(), 'FAILED');
		await simulator.waitForWebhooks();
		const [delivery, ...more] = deliveriesSince(from);
		expect(more).toEqual([]);
		expect(delivery).toMatchObject({ type: 'PAYMENT_FAILED_WEBHOOK', status: 200, attempt: 1 });
		expect(JSON.parse(delivery.responseBody ?? '{}')).toMatchObject({
			started: false,
			reason: 'event not selected',
		});
		await sleep(SETTLE_MS);
		expect(await rest.executionsOf(triggerWorkflow.id)).toHaveLength(before);
	});

	const refused: WebhookFaultKind[] = ['tamper', 'stale', 'unsigned', 'wrongSecret'];
	it.each(refused)(
		'a "%s" delivery is answered 401 and starts nothing, every time it comes',
		async (kind) => {
			const before = (await rest.executionsOf(triggerWorkflow.id)).length;
			const from = simulator.webhookDeliveries.length;
			// The first attempt and both retries (the simulator's retryDelaysMs [50, 100]) spoiled.
			simulator.injectWebhookFault({ kind, times: 3 });
			simulator.payOrder(seedOrder());
			await simulator.waitForWebhooks();

			const deliveries = deliveriesSince(from);
			expect(deliveries.map((d) => [d.attempt, d.fault, d.status])).toEqual([
				[1, kind, 401],
				[2, kind, 401],
				[3, kind, 401],
			]);
			expect(JSON.parse(deliveries[0].responseBody ?? '{}')).toMatchObject({
				error: 'Unauthorized',
			});
			await sleep(SETTLE_MS);
			expect(await rest.executionsOf(triggerWorkflow.id)).toHaveLength(before);
		},
	);

	it.each(refused)(
		'a "%s" first attempt is refused; Cashfree-like, the simulator retries, re-signed and unspoiled, and that retry starts exactly one execution',
		async (kind) => {
			const before = (await rest.executionsOf(triggerWorkflow.id)).length;
			const from = simulator.webhookDeliveries.length;
			simulator.injectWebhookFault({ kind });
			const orderId = seedOrder();
			simulator.payOrder(orderId);
			await simulator.waitForWebhooks();

			const deliveries = deliveriesSince(from);
			expect(deliveries.map((d) => [d.attempt, d.fault, d.status])).toEqual([
				[1, kind, 401],
				[2, undefined, 200],
			]);
			// The same event (one idempotency key), signed again with a fresh timestamp.
			expect(deliveries[1].headers['x-idempotency-key']).toBe(
				deliveries[0].headers['x-idempotency-key'],
			);
			const executions = await rest.waitForExecutions(triggerWorkflow.id, before + 1);
			await sleep(SETTLE_MS);
			expect(await rest.executionsOf(triggerWorkflow.id)).toHaveLength(before + 1);
			const item = await triggerItem(executions[executions.length - 1]);
			expect(item).toMatchObject({
				type: 'PAYMENT_SUCCESS_WEBHOOK',
				attempt: 2,
				data: { order: { order_id: orderId } },
			});
		},
	);

	it('a delivery sent twice, byte for byte ("duplicate"): both answered 200, one execution', async () => {
		const before = (await rest.executionsOf(triggerWorkflow.id)).length;
		const from = simulator.webhookDeliveries.length;
		simulator.injectWebhookFault({ kind: 'duplicate' });
		const orderId = seedOrder();
		simulator.payOrder(orderId);
		await simulator.waitForWebhooks();

		const deliveries = deliveriesSince(from);
		expect(deliveries.map((d) => [d.attempt, d.fault, d.status])).toEqual([
			[1, 'duplicate', 200],
			[1, 'duplicate', 200],
		]);
		expect(deliveries[1].body).toBe(deliveries[0].body);
		expect(JSON.parse(deliveries[1].responseBody ?? '{}')).toMatchObject({
			started: false,
			reason: 'duplicate delivery',
		});
		const executions = await rest.waitForExecutions(triggerWorkflow.id, before + 1);
		await sleep(SETTLE_MS);
		expect(await rest.executionsOf(triggerWorkflow.id)).toHaveLength(before + 1);
		expect(await triggerItem(executions[executions.length - 1])).toMatchObject({
			type: 'PAYMENT_SUCCESS_WEBHOOK',
			data: { order: { order_id: orderId } },
		});
	});
});

describe('examples/cancel-other-links-when-paid.json, published', () => {
	const PHONE = '9000000042';
	const OTHER_PHONE = '9000000043';
	let tableId: string;

	it('activates', async () => {
		tableId = await rest.createDataTable(EXAMPLE_DATA_TABLE);
		const activated = await rest.activateWorkflow(paidExample.id);
		expect(activated.active).toBe(true);
		expect(await rest.waitForWebhook(exampleUrl)).toBe(401);
	});

	it('paying one of a customer’s links cancels the customer’s other ACTIVE links and records it; nothing else is touched', async () => {
		const link = (link_id: string, phone: string, status: 'ACTIVE' | 'PAID' = 'ACTIVE') =>
			simulator.seedLink({
				link_id,
				link_status: status,
				link_amount: 500,
				customer_details: { customer_phone: phone },
				link_meta: { notify_url: exampleUrl },
			});
		link('paid_a_1', PHONE); // the one paid below
		link('paid_a_2', PHONE); // another open link of the same customer: cancelled
		link('paid_a_3', PHONE, 'PAID'); // ACTIVE in the table, already paid at Cashfree: refused, left ACTIVE
		link('paid_b_1', OTHER_PHONE); // another customer's: untouched
		const row = (link_id: string, phone: string, status = 'ACTIVE') => ({
			link_id,
			link_url: `https://payments-test.cashfree.com/links/${link_id}`,
			created_at: new Date().toISOString(),
			status,
			customer_phone: phone,
		});
		await rest.insertDataTableRows(tableId, [
			row('paid_a_1', PHONE),
			row('paid_a_2', PHONE),
			row('paid_a_3', PHONE),
			row('paid_a_old', PHONE, 'CANCELLED'),
			row('paid_b_1', OTHER_PHONE),
		]);
		simulator.clearRequests();

		simulator.payLink('paid_a_1');
		// The PAID event runs the workflow; its cancel makes Cashfree send CANCELLED for
		// paid_a_2, a second run that stops at "Link paid?". PAYMENT_SUCCESS_WEBHOOK is not selected.
		const executions = await rest.waitForExecutions(paidExample.id, 2, { timeoutMs: 60_000 });
		await simulator.waitForWebhooks();
		await sleep(SETTLE_MS);
		expect(await rest.executionsOf(paidExample.id)).toHaveLength(2);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);

		const [paidRun, cancelledRun] = await Promise.all(executions.map((e) => rest.execution(e.id)));
		const ran = (run: typeof paidRun) => Object.keys(run.data.resultData.runData).sort();
		expect(ran(paidRun)).toEqual(
			[
				TRIGGER,
				'Link paid?',
				"Customer's other ACTIVE links",
				'Cancel payment link',
				'Cancelled',
				'Record CANCELLED in data table',
			].sort(),
		);
		expect(ran(cancelledRun)).toEqual([TRIGGER, 'Link paid?'].sort());

		const cancels = simulator.requests
			.filter((request) => request.method === 'POST' && request.path.endsWith('/cancel'))
			.map((request) => request.path);
		expect(cancels.sort()).toEqual(['/pg/links/paid_a_2/cancel', '/pg/links/paid_a_3/cancel']);
		expect(simulator.getLink('paid_a_1')?.link_status).toBe('PAID');
		expect(simulator.getLink('paid_a_2')?.link_status).toBe('CANCELLED');
		expect(simulator.getLink('paid_a_3')?.link_status).toBe('PAID');
		expect(simulator.getLink('paid_b_1')?.link_status).toBe('ACTIVE');

		const rows = await rest.dataTableRows(tableId);
		expect(Object.fromEntries(rows.map((r) => [r.link_id, r.status]))).toEqual({
			paid_a_1: 'ACTIVE', // the daily clean-up records PAID
			paid_a_2: 'CANCELLED',
			paid_a_3: 'ACTIVE',
			paid_a_old: 'CANCELLED',
			paid_b_1: 'ACTIVE',
		});
		const deliveriesToExample = simulator.webhookDeliveries.filter((d) => d.url === exampleUrl);
		expect(deliveriesToExample.every((d) => d.status === 200)).toBe(true);
	});
});
