/**
 * The simulator's webhooks, signed as Cashfree signs them, delivered to the Cashfree Trigger in
 * n8n-core's WebhookContext: the two sides were written apart (tools/simulator/webhooks.ts signs,
 * nodes/Cashfree/webhook/verifySignature.ts checks), so this is where they must agree. A small
 * HTTP receiver hands each raw delivery to the trigger and answers with the trigger's status,
 * so the simulator's retries see what Cashfree would.
 */
import http from 'node:http';

import type { IDataObject, INode } from 'n8n-workflow';

import { N8nEngine } from '../../tools/engine/n8n-engine';
import { SUBSCRIPTION_EVENTS } from '../../dist/nodes/Cashfree/webhook/events';
import { CashfreeSimulator, type WebhookFaultKind } from '../../tools/simulator';
import { startTriggerReceiver } from './deliveries';

const CLIENT_ID = 'trigger_client_id';
const CLIENT_SECRET = 'cfsk_ma_test_Tr1gg3rSecret_5c2e';

let engine: N8nEngine;
let credentials: INode['credentials'];
let simulator: CashfreeSimulator;
let receiver: http.Server;
let notifyUrl: string;
/** The items of each execution the trigger would start, in arrival order. */
let started: IDataObject[][];
/** The trigger's Events; each test starts from the payment and link events. */
const PAYMENT_AND_LINK = ['PAYMENT_SUCCESS_WEBHOOK', 'PAYMENT_LINK_EVENT'];
let selectedEvents: string[];

function triggerWorkflow() {
	return {
		id: 'wf-from-simulator',
		nodes: [
			{
				id: 'trigger-from-simulator',
				name: 'Cashfree Trigger',
				type: 'n8n-nodes-cashfree.cashfreeTrigger',
				typeVersion: 2,
				position: [0, 0] as [number, number],
				webhookId: 'c4f1e1d0-0000-4000-8000-0000000000aa',
				parameters: { events: selectedEvents },
				credentials,
			},
		],
		connections: {},
	};
}

beforeAll(async () => {
	engine = await N8nEngine.load();
	credentials = await engine.addCredential({
		id: 'cred-from-simulator',
		data: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, environment: 'sandbox' },
	});
	({ url: notifyUrl, server: receiver } = await startTriggerReceiver(
		engine,
		triggerWorkflow,
		(outcome) => {
			if (outcome.workflowData) started.push(outcome.workflowData[0].map((item) => item.json));
		},
	));
	simulator = new CashfreeSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
	await simulator.start();
});

afterAll(async () => {
	await simulator?.stop();
	await new Promise((resolve) => receiver?.close(resolve));
});

beforeEach(() => {
	simulator.reset();
	started = [];
	selectedEvents = PAYMENT_AND_LINK;
});

/** A link with the receiver as its notify URL, paid in full. */
async function payLink(linkId: string): Promise<void> {
	simulator.seedLink({ link_id: linkId, link_amount: 170, link_meta: { notify_url: notifyUrl } });
	simulator.payLink(linkId);
	await simulator.waitForWebhooks();
}

describe("the simulator's signed webhooks pass the trigger's verification", () => {
	it('a paid link starts one execution per selected event, amounts as Cashfree wrote them', async () => {
		await payLink('paid_link_1');

		const types = started.map((items) => items[0].event).sort();
		expect(types).toEqual(['PAYMENT_LINK_EVENT', 'PAYMENT_SUCCESS_WEBHOOK']);
		const payment = started.find((items) => items[0].event === 'PAYMENT_SUCCESS_WEBHOOK')?.[0];
		expect(payment).toMatchObject({ webhookVersion: '2025-01-01', attempt: 1 });
		expect(String(payment?.rawBody)).toContain('"payment_amount":170.00');
		expect(simulator.webhookDeliveries.every((delivery) => delivery.status === 200)).toBe(true);
		for (const delivery of simulator.webhookDeliveries) {
			expect(JSON.parse(delivery.responseBody ?? '')).toEqual({ received: true, started: true });
		}
	});

	it.each<[WebhookFaultKind]>([['tamper'], ['stale'], ['unsigned'], ['wrongSecret']])(
		'a %s delivery is refused with 401 and starts nothing; the re-signed retry is the one execution',
		async (kind) => {
			simulator.injectWebhookFault({ kind, times: 1 });

			await payLink(`faulted_${kind}`);

			const deliveries = simulator.webhookDeliveries;
			const faulted = deliveries.filter((delivery) => delivery.fault === kind);
			expect(faulted).toHaveLength(1);
			expect(faulted[0].status).toBe(401);
			const retry = deliveries.find(
				(delivery) => delivery.eventId === faulted[0].eventId && delivery.attempt === 2,
			);
			expect(retry?.status).toBe(200);
			// Both events ran once each, the faulted one only through its retry.
			expect(started.map((items) => items[0].event).sort()).toEqual([
				'PAYMENT_LINK_EVENT',
				'PAYMENT_SUCCESS_WEBHOOK',
			]);
		},
	);

	it('a duplicated delivery starts one execution, the copy answered 200', async () => {
		simulator.injectWebhookFault({ kind: 'duplicate', times: 1 });

		await payLink('duplicated_1');

		const copies = simulator.webhookDeliveries.filter((delivery) => delivery.fault === 'duplicate');
		expect(copies.length).toBeGreaterThanOrEqual(2);
		expect(copies.every((delivery) => delivery.status === 200)).toBe(true);
		expect(started).toHaveLength(2);
	});
});

describe('subscription webhooks, sent to the URL of the dashboard', () => {
	const subscriptions = () => simulator.subscriptions;

	/** A periodic subscription at `notifyUrl`, the customer's mandate checkout still to come. */
	function newSubscription(subscription_id: string) {
		subscriptions().webhookUrl = notifyUrl;
		subscriptions().seedSubscription({
			subscription_id,
			authorised: false,
			plan: {
				plan_id: 'plan_monthly_499',
				plan_name: 'Monthly',
				plan_type: 'PERIODIC',
				plan_max_amount: 999,
				plan_recurring_amount: 499,
				plan_interval_type: 'MONTH',
			},
		});
	}

	it('the Events offer every subscription event Cashfree documents', () => {
		const nodeType = engine.nodeTypes.getByNameAndVersion('n8n-nodes-cashfree.cashfreeTrigger');
		const events = nodeType.description.properties.find((property) => property.name === 'events');
		const offered = (events?.options ?? []).map((option) => (option as { value: string }).value);
		expect(offered).toEqual(expect.arrayContaining([...SUBSCRIPTION_EVENTS]));
	});

	it('authorising and a failed charge each start the selected event, amounts as written', async () => {
		selectedEvents = [...SUBSCRIPTION_EVENTS];
		newSubscription('sub_hooks_1');

		subscriptions().authorise('sub_hooks_1', 'SUCCESS');
		subscriptions().raiseCharge({
			subscription_id: 'sub_hooks_1',
			payment_id: 'charge_1',
			payment_type: 'CHARGE',
			payment_amount: 499,
		});
		subscriptions().settleCharge('sub_hooks_1', 'charge_1', 'FAILED');
		await simulator.waitForWebhooks();

		// Deliveries run side by side, so executions may start in any order.
		expect(started.map((items) => items[0].event).sort()).toEqual([
			'SUBSCRIPTION_AUTH_STATUS',
			'SUBSCRIPTION_PAYMENT_FAILED',
			'SUBSCRIPTION_STATUS_CHANGED',
			'SUBSCRIPTION_STATUS_CHANGED',
		]);
		const statuses = started
			.filter((items) => items[0].event === 'SUBSCRIPTION_STATUS_CHANGED')
			.map(
				(items) =>
					(items[0].data as { subscription_details: { subscription_status: string } })
						.subscription_details.subscription_status,
			);
		// A failed charge of a periodic plan puts the subscription on hold.
		expect(statuses.sort()).toEqual(['ACTIVE', 'ON_HOLD']);
		const failed = started.find((items) => items[0].event === 'SUBSCRIPTION_PAYMENT_FAILED');
		expect(String(failed?.[0].rawBody)).toContain('"payment_amount":499.00');
		expect(String(failed?.[0].rawBody)).toContain('"failure_reason":"INSUFFICIENT_FUNDS"');
	});

	it('a refund of a successful charge sends its status once decided', async () => {
		selectedEvents = ['SUBSCRIPTION_PAYMENT_SUCCESS', 'SUBSCRIPTION_REFUND_STATUS'];
		newSubscription('sub_hooks_2');
		subscriptions().authorise('sub_hooks_2', 'SUCCESS');
		subscriptions().raiseCharge({
			subscription_id: 'sub_hooks_2',
			payment_id: 'charge_1',
			payment_type: 'CHARGE',
			payment_amount: 499,
		});
		subscriptions().settleCharge('sub_hooks_2', 'charge_1', 'SUCCESS');
		subscriptions().createRefund('sub_hooks_2', {
			subscription_id: 'sub_hooks_2',
			payment_id: 'charge_1',
			refund_id: 'refund_1',
			refund_amount: 100.5,
		});
		subscriptions().refundOf('sub_hooks_2', 'refund_1');
		await simulator.waitForWebhooks();

		expect(started.map((items) => items[0].event).sort()).toEqual([
			'SUBSCRIPTION_PAYMENT_SUCCESS',
			'SUBSCRIPTION_REFUND_STATUS',
		]);
		const refund = started.find((items) => items[0].event === 'SUBSCRIPTION_REFUND_STATUS');
		expect(String(refund?.[0].rawBody)).toContain('"refund_amount":100.50');
		expect(String(refund?.[0].rawBody)).toContain('"refund_status":"SUCCESS"');
		// The events not selected (auth, status changes) were answered 200 and started nothing.
		expect(simulator.webhookDeliveries.every((delivery) => delivery.status === 200)).toBe(true);
		expect(simulator.webhookDeliveries).toHaveLength(4);
	});
});
