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
				parameters: { events: ['PAYMENT_SUCCESS_WEBHOOK', 'PAYMENT_LINK_EVENT'] },
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
