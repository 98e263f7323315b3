/**
 * The simulator's webhooks: sent to loopback notify URLs after the state change, signed as
 * Cashfree documents (base64 HMAC-SHA256 of timestamp + raw body with the client secret),
 * retried on failure, and spoiled on request so that receivers can be tested against forgeries.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	CashfreeSimulator,
	SimulatorOptions,
	WebhookDelivery,
	WebhookFault,
} from '../../tools/simulator';

import { simulatorKit } from '../helpers/simulator-client';

const CLIENT_ID = 'wh_client_id';
const CLIENT_SECRET = 'wh_client_secret';
const { call, withSimulator } = simulatorKit(CLIENT_ID, CLIENT_SECRET);

interface Received {
	headers: IncomingHttpHeaders;
	body: string;
	/** The body parsed, for reading fields; signatures are always checked on `body`. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

/** A tiny merchant endpoint: records what it gets, answers the queued statuses, then 200. */
let receiver: Server;
let hookUrl: string;
const received: Received[] = [];
const statuses: number[] = [];

beforeAll(async () => {
	receiver = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: request.headers, body, json: JSON.parse(body) });
			response.writeHead(statuses.shift() ?? 200).end('ok');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cashfree/hook`;
});

afterAll(async () => {
	await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(() => {
	received.length = 0;
	statuses.length = 0;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function untilReceived(count: number): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (received.length < count) {
		if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} webhooks came`);
		await sleep(5);
	}
}

function expectedSignature(timestamp: string, rawBody: string, secret = CLIENT_SECRET): string {
	return createHmac('sha256', secret)
		.update(timestamp + rawBody)
		.digest('base64');
}

function verifies(hook: Received): boolean {
	const timestamp = String(hook.headers['x-webhook-timestamp']);
	return hook.headers['x-webhook-signature'] === expectedSignature(timestamp, hook.body);
}

const types = () => received.map((hook) => hook.json.type as string);

/** A simulator of its own with fast retries; `test` then waits for all webhooks to finish. */
function run(
	test: (simulator: CashfreeSimulator) => Promise<void>,
	options: SimulatorOptions = {},
): () => Promise<void> {
	return () =>
		withSimulator({ ...options, webhooks: { retryDelaysMs: [20, 40], ...options.webhooks } }, test);
}

function seedOrderWithHook(simulator: CashfreeSimulator, overrides = {}) {
	return simulator.seedOrder({
		order_amount: 170,
		order_meta: { notify_url: hookUrl },
		order_tags: { shop: 'n8n' },
		...overrides,
	});
}

describe('payment webhooks', () => {
	it(
		'sends PAYMENT_SUCCESS_WEBHOOK after the answer, signed over the raw bytes, amounts as 170.00',
		run(async (simulator) => {
			const order = seedOrderWithHook(simulator);
			simulator.payOrder(order.order_id);
			// Delivery is asynchronous: nothing has gone out when the call returns.
			expect(simulator.webhookDeliveries).toEqual([]);
			await simulator.waitForWebhooks();

			expect(received).toHaveLength(1);
			const [hook] = received;
			expect(verifies(hook)).toBe(true);
			expect(hook.headers).toMatchObject({
				'content-type': 'application/json',
				'x-webhook-version': '2025-01-01',
				'x-webhook-attempt': '1',
			});
			expect(hook.headers['x-webhook-timestamp']).toMatch(/^\d{13}$/);
			expect(hook.headers['x-idempotency-key']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
			expect(hook.body).toContain('"order_amount":170.00');
			expect(hook.body).toContain('"payment_amount":170.00');
			// The raw-body trap: re-serialising the parsed body changes the bytes and the signature.
			const reserialised = JSON.stringify(JSON.parse(hook.body));
			expect(reserialised).toContain('"payment_amount":170,');
			expect(expectedSignature(String(hook.headers['x-webhook-timestamp']), reserialised)).not.toBe(
				hook.headers['x-webhook-signature'],
			);

			const [payment] = simulator.getPayments(order.order_id);
			expect(hook.json).toMatchObject({
				type: 'PAYMENT_SUCCESS_WEBHOOK',
				event_time: expect.stringMatching(/\+05:30$/),
				data: {
					order: { order_id: order.order_id, order_currency: 'INR', order_tags: { shop: 'n8n' } },
					payment: {
						cf_payment_id: payment.cf_payment_id,
						payment_status: 'SUCCESS',
						payment_currency: 'INR',
						payment_group: 'upi',
					},
					customer_details: { customer_phone: '9999999999' },
					payment_gateway_details: { gateway_name: 'CASHFREE' },
				},
			});
			expect(Object.keys(hook.json).sort()).toEqual(['data', 'event_time', 'type']);
			expect(simulator.webhookDeliveries).toMatchObject([
				{ type: 'PAYMENT_SUCCESS_WEBHOOK', url: hookUrl, attempt: 1, status: 200, delivered: true },
			]);
		}),
	);

	it(
		'sends 2023-08-01 webhooks without x-idempotency-key',
		run(
			async (simulator) => {
				simulator.payOrder(seedOrderWithHook(simulator).order_id);
				await simulator.waitForWebhooks();
				expect(received).toHaveLength(1);
				expect(verifies(received[0])).toBe(true);
				expect(received[0].headers['x-webhook-version']).toBe('2023-08-01');
				expect(received[0].headers).not.toHaveProperty('x-idempotency-key');
			},
			{ webhooks: { version: '2023-08-01' } },
		),
	);

	it(
		'sends FAILED and USER_DROPPED webhooks when POST /simulate decides a payment',
		run(async (simulator) => {
			const created = await call(simulator, '/orders', {
				method: 'POST',
				body: {
					order_amount: 99.5,
					order_currency: 'INR',
					customer_details: { customer_id: 'cust_1', customer_phone: '9876543210' },
					// Loopback http is accepted by the simulator only, as the one place it delivers to.
					order_meta: { notify_url: hookUrl },
				},
			});
			expect([created.status, created.json.message]).toEqual([200, undefined]);
			const orderId: string = created.json.order_id;
			for (const status of ['FAILED', 'USER_DROPPED'] as const) {
				const pending = simulator.payOrder(orderId, 'PENDING');
				const simulated = await call(simulator, '/simulate', {
					method: 'POST',
					body: {
						entity: 'PAYMENTS',
						entity_id: pending.cf_payment_id,
						entity_simulation: { payment_status: status, payment_error_code: 'CARD_DECLINED' },
					},
				});
				expect(simulated.status).toBe(200);
			}
			await simulator.waitForWebhooks();
			expect(types()).toEqual(['PAYMENT_FAILED_WEBHOOK', 'PAYMENT_USER_DROPPED_WEBHOOK']);
			expect(received.every(verifies)).toBe(true);
			expect(received[0].body).toContain('"payment_amount":99.50');
			expect(received[0].json.data.error_details).toMatchObject({ error_code: 'CARD_DECLINED' });
			expect(received[1].json.data.payment.payment_status).toBe('USER_DROPPED');
			// A PENDING payment is no event.
			expect(simulator.webhookDeliveries).toHaveLength(2);
		}),
	);
});

describe('payment link webhooks', () => {
	it(
		'sends the payment and PAYMENT_LINK_EVENT to the link notify_url as it is paid in parts',
		run(async (simulator) => {
			const created = await call(simulator, '/links', {
				method: 'POST',
				body: {
					link_id: 'wh_link',
					link_amount: 200.12,
					link_currency: 'INR',
					link_purpose: 'Webhook test',
					link_partial_payments: true,
					link_minimum_partial_amount: 11,
					customer_details: { customer_phone: '9000000000' },
					link_meta: { notify_url: hookUrl },
				},
			});
			expect(created.status).toBe(200);
			simulator.payLink('wh_link', 55);
			simulator.payLink('wh_link', 20, 'FAILED');
			simulator.payLink('wh_link');
			await simulator.waitForWebhooks();

			expect(types()).toEqual([
				'PAYMENT_SUCCESS_WEBHOOK',
				'PAYMENT_LINK_EVENT',
				'PAYMENT_FAILED_WEBHOOK',
				'PAYMENT_SUCCESS_WEBHOOK',
				'PAYMENT_LINK_EVENT',
			]);
			expect(received.every(verifies)).toBe(true);
			const [, partial, , , paid] = received;
			expect(partial.json).toMatchObject({
				type: 'PAYMENT_LINK_EVENT',
				version: 1,
				data: {
					link_id: 'wh_link',
					link_status: 'PARTIALLY_PAID',
					link_amount: '200.12',
					link_amount_paid: '55.00',
					link_minimum_partial_amount: '11.00',
					order: {
						order_amount: '55.00',
						order_id: 'CFPay_wh_link_1',
						transaction_status: 'SUCCESS',
					},
				},
			});
			expect(paid.json.data).toMatchObject({ link_status: 'PAID', link_amount_paid: '200.12' });
			expect(paid.json.data.order.order_id).toBe('CFPay_wh_link_3');
		}),
	);

	it(
		'sends PAYMENT_LINK_EVENT when a link is cancelled or found expired',
		run(async (simulator) => {
			simulator.seedLink({ link_id: 'to_cancel', link_meta: { notify_url: hookUrl } });
			simulator.seedLink({
				link_id: 'to_expire',
				link_meta: { notify_url: hookUrl },
				link_expiry_time: new Date(Date.now() + 1500).toISOString(),
			});
			expect((await call(simulator, '/links/to_cancel/cancel', { method: 'POST' })).status).toBe(
				200,
			);
			await sleep(1600);
			expect((await call(simulator, '/links/to_expire')).json.link_status).toBe('EXPIRED');
			await call(simulator, '/links/to_expire');
			await simulator.waitForWebhooks();
			expect(received.map((hook) => [hook.json.type, hook.json.data.link_status])).toEqual([
				['PAYMENT_LINK_EVENT', 'CANCELLED'],
				['PAYMENT_LINK_EVENT', 'EXPIRED'],
			]);
			expect(received[0].json.data).not.toHaveProperty('order');
		}),
	);
});

describe('refund webhooks', () => {
	it(
		'sends REFUND_STATUS_WEBHOOK when a refund reaches SUCCESS or FAILED, without being read',
		run(async (simulator) => {
			const order = seedOrderWithHook(simulator, { order_status: 'PAID' });
			for (const [refundId, note] of [
				['r_ok', 'thanks'],
				['r_bad', 'FAILED'],
				['r_wait', 'PENDING'],
			]) {
				const refund = await call(simulator, `/orders/${order.order_id}/refunds`, {
					method: 'POST',
					body: { refund_id: refundId, refund_amount: 20, refund_note: note },
				});
				expect(refund.json.refund_status).toBe('PENDING');
			}
			await simulator.waitForWebhooks();
			expect(received.map((hook) => [hook.json.type, hook.json.data.refund.refund_status])).toEqual(
				[
					['REFUND_STATUS_WEBHOOK', 'SUCCESS'],
					['REFUND_STATUS_WEBHOOK', 'FAILED'],
				],
			);
			expect(received.every(verifies)).toBe(true);
			expect(received[0].body).toContain('"refund_amount":20.00');
			expect(received[0].json.data.refund).toMatchObject({
				refund_id: 'r_ok',
				order_id: order.order_id,
				entity: 'Refund',
				refund_arn: expect.stringMatching(/^RF\d+$/),
			});
		}),
	);
});

describe('delivery and retries', () => {
	it(
		'retries a 500 with x-webhook-attempt counting up, the same idempotency key, re-signed',
		run(async (simulator) => {
			statuses.push(500, 503);
			simulator.payOrder(seedOrderWithHook(simulator).order_id);
			await simulator.waitForWebhooks();
			expect(received.map((hook) => hook.headers['x-webhook-attempt'])).toEqual(['1', '2', '3']);
			expect(received.every(verifies)).toBe(true);
			expect(new Set(received.map((hook) => hook.headers['x-idempotency-key'])).size).toBe(1);
			expect(new Set(received.map((hook) => hook.body)).size).toBe(1);
			const timestamps = received.map((hook) => Number(hook.headers['x-webhook-timestamp']));
			expect(timestamps[2]).toBeGreaterThan(timestamps[0]);
			expect(simulator.webhookDeliveries.map((delivery) => delivery.status)).toEqual([
				500, 503, 200,
			]);
		}),
	);

	it(
		'keeps the first timestamp on retries with resignRetries: false, and gives up after the schedule',
		run(
			async (simulator) => {
				statuses.push(500, 500, 500, 500);
				simulator.payOrder(seedOrderWithHook(simulator).order_id);
				await simulator.waitForWebhooks();
				expect(received).toHaveLength(3);
				expect(new Set(received.map((hook) => hook.headers['x-webhook-timestamp'])).size).toBe(1);
				expect(simulator.webhookDeliveries.every((delivery) => !delivery.delivered)).toBe(true);
			},
			{ webhooks: { resignRetries: false } },
		),
	);

	it(
		'retries network errors and records them',
		run(async (simulator) => {
			const closed = createServer();
			await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
			const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
			await new Promise((resolve) => closed.close(resolve));
			simulator.payOrder(
				seedOrderWithHook(simulator, { order_meta: { notify_url: deadUrl } }).order_id,
			);
			await simulator.waitForWebhooks();
			const deliveries = simulator.webhookDeliveries;
			expect(deliveries.map((delivery) => delivery.attempt)).toEqual([1, 2, 3]);
			expect(deliveries.every((delivery) => delivery.error && !delivery.delivered)).toBe(true);
		}),
	);

	it(
		'sends nothing without a notify URL, or with webhooks disabled',
		run(async (simulator) => {
			simulator.payOrder(simulator.seedOrder().order_id);
			simulator.seedLink({ link_id: 'quiet' });
			simulator.payLink('quiet');
			await simulator.waitForWebhooks();
			expect(simulator.webhookDeliveries).toEqual([]);

			await withSimulator({ webhooks: { enabled: false } }, async (disabled) => {
				disabled.payOrder(seedOrderWithHook(disabled).order_id);
				await disabled.waitForWebhooks();
				expect(disabled.webhookDeliveries).toEqual([]);
			});
			expect(received).toEqual([]);
		}),
	);

	it(
		'refuses to call anything but loopback, recording the event as not delivered',
		run(async (simulator) => {
			simulator.seedLink({
				link_id: 'remote',
				link_meta: { notify_url: 'https://merchant.example/hook' },
			});
			simulator.payLink('remote');
			await simulator.waitForWebhooks();
			const deliveries: WebhookDelivery[] = simulator.webhookDeliveries;
			expect(deliveries.map((delivery) => [delivery.type, delivery.attempt])).toEqual([
				['PAYMENT_SUCCESS_WEBHOOK', 1],
				['PAYMENT_LINK_EVENT', 1],
			]);
			expect(
				deliveries.every((delivery) => !delivery.delivered && /refused/.test(delivery.error ?? '')),
			).toBe(true);
		}),
	);
});

describe('faults', () => {
	async function payWithFault(simulator: CashfreeSimulator, ...faults: WebhookFault[]) {
		for (const fault of faults) simulator.injectWebhookFault(fault);
		simulator.payOrder(seedOrderWithHook(simulator).order_id);
		await simulator.waitForWebhooks();
	}

	it(
		'tamper: one byte of the body changed after signing',
		run(async (simulator) => {
			await payWithFault(simulator, { kind: 'tamper' });
			expect(received).toHaveLength(1);
			const [hook] = received;
			expect(verifies(hook)).toBe(false);
			const original = simulator.webhookDeliveries[0];
			expect(original.fault).toBe('tamper');
			// The receiver answered 200, so there is no retry: the forgery is all it ever gets.
			expect(simulator.webhookDeliveries).toHaveLength(1);
			expect(hook.body.length).toBe(original.body.length);
		}),
	);

	it(
		'stale: correctly signed, with a timestamp a day old',
		run(async (simulator) => {
			await payWithFault(simulator, { kind: 'stale' });
			const [hook] = received;
			expect(verifies(hook)).toBe(true);
			expect(Date.now() - Number(hook.headers['x-webhook-timestamp'])).toBeGreaterThan(
				59 * 60 * 1000,
			);
		}),
	);

	it(
		'duplicate: the same attempt sent twice, byte for byte',
		run(async (simulator) => {
			await payWithFault(simulator, { kind: 'duplicate' });
			expect(received).toHaveLength(2);
			expect(received[1].body).toBe(received[0].body);
			expect(received[1].headers['x-webhook-signature']).toBe(
				received[0].headers['x-webhook-signature'],
			);
			expect(received[1].headers['x-idempotency-key']).toBe(
				received[0].headers['x-idempotency-key'],
			);
		}),
	);

	it(
		'unsigned and wrongSecret: no signature, or one made with another secret; times counts attempts',
		run(async (simulator) => {
			await payWithFault(simulator, { kind: 'unsigned' }, { kind: 'wrongSecret', times: 2 });
			simulator.payOrder(seedOrderWithHook(simulator).order_id);
			simulator.payOrder(seedOrderWithHook(simulator).order_id);
			simulator.payOrder(seedOrderWithHook(simulator).order_id);
			await simulator.waitForWebhooks();
			expect(received).toHaveLength(4);
			expect(received[0].headers).not.toHaveProperty('x-webhook-signature');
			expect(received.slice(1, 3).map(verifies)).toEqual([false, false]);
			expect(
				received
					.slice(1, 3)
					.every((hook) => typeof hook.headers['x-webhook-signature'] === 'string'),
			).toBe(true);
			expect(verifies(received[3])).toBe(true);
		}),
	);
});

describe('lifecycle', () => {
	it('reset() and stop() drop pending retries and leave nothing running', async () => {
		await withSimulator({ webhooks: { retryDelaysMs: [60_000] } }, async (simulator) => {
			statuses.push(500, 500);
			simulator.payOrder(seedOrderWithHook(simulator).order_id);
			await untilReceived(1);
			simulator.reset();
			await simulator.waitForWebhooks();
			expect(simulator.webhookDeliveries).toEqual([]);

			simulator.payOrder(seedOrderWithHook(simulator).order_id);
			await untilReceived(2);
			const started = Date.now();
			await simulator.stop();
			expect(Date.now() - started).toBeLessThan(1000);
			await simulator.waitForWebhooks();
		});
		await sleep(50);
		expect(received).toHaveLength(2);
	});
});
