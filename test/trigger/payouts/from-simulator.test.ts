/**
 * The simulator's Payouts webhooks (tools/simulator/payout-webhooks.ts), signed as Cashfree signs
 * Payouts V2 deliveries, reach the Cashfree Payouts Trigger in n8n-core's WebhookContext. The two
 * sides were written apart, so this is where they must agree. A small HTTP receiver hands each
 * raw delivery to the trigger and answers with the trigger's status, so the simulator's retries
 * see what Cashfree's would.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import type { IDataObject, INode } from 'n8n-workflow';

import { N8nEngine } from '../../../tools/engine/n8n-engine';
import {
	PayoutWebhooks,
	payoutWebhookFor,
	type PayoutTransfer,
	type WebhookFaultKind,
} from '../../../tools/simulator';
import { startTriggerReceiver, triggerWorkflow } from '../deliveries';
import { PAYOUTS_SECRET, PAYOUTS_TRIGGER, payoutsCredential } from './payout-deliveries';

let engine: N8nEngine;
let credentials: INode['credentials'];
let payouts: PayoutWebhooks;
let receiver: http.Server;
/** The items of each execution the trigger would start, in arrival order. */
let started: IDataObject[];
/** The trigger's answer to each delivery, in arrival order. */
let answers: Array<{ status: number; body: unknown }>;
let events: string[] | undefined;
/** A node of its own per test, so that one test's events are not the next one's duplicates. */
let nodeId: string;

/** A transfer as the Payouts API answers it (CreateTransferResponse), in its final state. */
function transfer(status: string, extra: Partial<PayoutTransfer> = {}): PayoutTransfer {
	return {
		transfer_id: 'vendor_run_17_row_4',
		cf_transfer_id: '1298734',
		status,
		status_code: status === 'SUCCESS' ? 'COMPLETED' : 'INVALID_ACCOUNT_FAIL',
		beneficiary_details: {
			beneficiary_id: 'VENDOR_0042',
			beneficiary_instrument_details: {
				bank_account_number: '026291800001191',
				bank_ifsc: 'YESB0000262',
			},
		},
		transfer_amount: 2500.5,
		transfer_mode: 'IMPS',
		added_on: '2026-12-03T18:40:02+05:30',
		...extra,
	};
}

beforeAll(async () => {
	engine = await N8nEngine.load();
	credentials = await payoutsCredential(engine, 'cred-payouts-from-simulator');
	let url: string;
	({ url, server: receiver } = await startTriggerReceiver(
		engine,
		() =>
			triggerWorkflow({
				type: PAYOUTS_TRIGGER,
				typeVersion: 1,
				nodeId,
				workflowId: 'wf-payouts-from-simulator',
				credentials,
				parameters: events ? { events } : {},
			}),
		(outcome) => {
			if (outcome.workflowData) started.push(outcome.workflowData[0][0].json);
			answers.push({ status: outcome.status, body: outcome.body });
		},
	));
	payouts = new PayoutWebhooks(PAYOUTS_SECRET, {
		url,
		retryDelaysMs: [20, 40],
	});
});

afterAll(async () => {
	await payouts?.stop();
	await new Promise((resolve) => receiver?.close(resolve));
});

beforeEach(() => {
	payouts.reset();
	started = [];
	answers = [];
	events = undefined;
	nodeId = randomUUID();
});

describe("the simulator's Payouts webhooks pass the Payouts trigger's verification", () => {
	it('a transfer that succeeds and is reversed later starts one execution per event', async () => {
		expect(payouts.notify(transfer('SUCCESS'))).toBe('TRANSFER_SUCCESS');
		payouts.later(30, () => payouts.notify(transfer('REVERSED')));
		await payouts.waitForWebhooks();

		expect(started.map((item) => item.event)).toEqual(['TRANSFER_SUCCESS', 'TRANSFER_REVERSED']);
		expect(started[1]).toMatchObject({
			type: 'TRANSFER_REVERSED',
			data: { transfer_id: 'vendor_run_17_row_4', status: 'REVERSED', transfer_amount: 2500.5 },
			webhookVersion: null,
			attempt: 1,
		});
		// The raw body is what the simulator signed, byte for byte.
		expect(started.map((item) => item.rawBody)).toEqual(payouts.deliveries.map((d) => d.body));
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
	});

	it('a transfer still RECEIVED or PENDING sends nothing', async () => {
		expect(payouts.notify(transfer('RECEIVED'))).toBeUndefined();
		expect(payouts.notify(transfer('PENDING'))).toBeUndefined();
		await payouts.waitForWebhooks();
		expect(payouts.deliveries).toEqual([]);
		expect(started).toEqual([]);
	});

	it('a rejected batch reaches a trigger that selected it', async () => {
		payouts.notifyBatchRejected({
			batch_transfer_id: 'vendor_run_17',
			cf_batch_transfer_id: '4411',
			status: 'REJECTED',
		});
		await payouts.waitForWebhooks();
		expect(started).toHaveLength(1);
		expect(started[0]).toMatchObject({
			event: 'BULK_TRANSFER_REJECTED',
			data: { batch_transfer_id: 'vendor_run_17', status: 'REJECTED' },
		});
	});

	it('an event the workflow did not select is answered 200 and not retried', async () => {
		events = ['TRANSFER_FAILED'];
		payouts.notify(transfer('SUCCESS'));
		await payouts.waitForWebhooks();
		expect(started).toEqual([]);
		expect(payouts.deliveries).toHaveLength(1);
		expect(answers[0]).toEqual({
			status: 200,
			body: { received: true, started: false, reason: 'event not selected' },
		});
	});

	it.each<[WebhookFaultKind, RegExp]>([
		['tamper', /does not match/],
		['stale', /older than the tolerance/],
		['unsigned', /missing x-webhook-signature/],
		['wrongSecret', /does not match/],
	])(
		'a %s delivery is refused 401; the re-signed retry starts exactly one execution',
		async (kind, reason) => {
			payouts.injectFault({ kind });
			payouts.notify(transfer('FAILED'));
			await payouts.waitForWebhooks();
			expect(answers.map((answer) => answer.status)).toEqual([401, 200]);
			expect(answers[0].body).toEqual({
				error: 'Unauthorized',
				reason: expect.stringMatching(reason),
			});
			expect(started.map((item) => item.event)).toEqual(['TRANSFER_FAILED']);
			expect(started[0].attempt).toBe(2);
		},
	);

	it('a duplicated delivery starts one execution, the copy answered 200', async () => {
		payouts.injectFault({ kind: 'duplicate' });
		payouts.notify(transfer('SUCCESS'));
		await payouts.waitForWebhooks();
		expect(started).toHaveLength(1);
		expect(answers).toEqual([
			{ status: 200, body: { received: true, started: true } },
			{ status: 200, body: { received: true, started: false, reason: 'duplicate delivery' } },
		]);
	});
});

describe('payoutWebhookFor: the body of a Payouts V2 webhook', () => {
	it("is {data, event_time, type}, data being the transfer's fields in the document's order", () => {
		const now = Date.parse('2026-12-03T13:10:12Z');
		const { type, body } = payoutWebhookFor(
			'TRANSFER_SUCCESS',
			transfer('SUCCESS', { transfer_utr: 'YESB62026120300017' }),
			now,
		);
		expect(type).toBe('TRANSFER_SUCCESS');
		const parsed = JSON.parse(body) as { data: Record<string, unknown> };
		expect(Object.keys(parsed)).toEqual(['data', 'event_time', 'type']);
		expect(parsed).toMatchObject({
			event_time: '2026-12-03T18:40:12+05:30',
			type: 'TRANSFER_SUCCESS',
		});
		expect(Object.keys(parsed.data)).toEqual([
			'transfer_id',
			'cf_transfer_id',
			'status',
			'status_code',
			'beneficiary_details',
			'transfer_amount',
			'transfer_mode',
			'transfer_utr',
			'added_on',
		]);
	});
});
