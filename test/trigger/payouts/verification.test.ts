/**
 * The Cashfree Payouts Trigger refuses what the Payment Gateway trigger refuses, with the Payouts
 * credential's secret, and starts one execution per selected Payouts event. Deliveries go through
 * n8n-core's WebhookContext (N8nEngine.deliverWebhook), as n8n's webhook server runs a trigger.
 */
import { createHmac, randomUUID } from 'node:crypto';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { DEFAULT_PAYOUT_EVENTS } from '../../../dist/nodes/CashfreePayouts/webhook/events';
import { N8nEngine } from '../../../tools/engine/n8n-engine';
import {
	MINUTE,
	SECRET,
	WRONG_SECRET,
	expectAnsweredWithoutExecution,
	expectStarted,
	sign,
	type Delivery,
	type DeliveryOutcome,
} from '../deliveries';
import {
	PAYOUTS_PREVIOUS_SECRET,
	PAYOUTS_SECRET,
	PAYOUTS_TRIGGER,
	TRANSFER_SUCCESS,
	deliverPayout,
	payoutEvent,
	payoutsCredential,
} from './payout-deliveries';

let engine: N8nEngine;
let credentials: INode['credentials'];
let rotating: INode['credentials'];

beforeAll(async () => {
	engine = await N8nEngine.load();
	credentials = await payoutsCredential(engine, 'cred-payouts');
	rotating = await payoutsCredential(engine, 'cred-payouts-rotating', PAYOUTS_PREVIOUS_SECRET);
});

async function deliver(
	delivery: Delivery = {},
	parameters: INodeParameters = {},
	nodeId?: string,
): Promise<DeliveryOutcome> {
	return await deliverPayout(engine, delivery, { credentials, parameters, nodeId });
}

/** Refused: `status`, a short JSON reason, no execution, and nothing secret in the answer. */
function expectRefused(outcome: DeliveryOutcome, reason: RegExp, status = 401) {
	expect(outcome.status).toBe(status);
	expect(outcome.workflowData).toBeUndefined();
	expect(outcome.body).toEqual({
		error: status === 413 ? 'Payload Too Large' : 'Unauthorized',
		reason: expect.stringMatching(reason),
	});
	const text = JSON.stringify(outcome.body);
	for (const secret of [PAYOUTS_SECRET, PAYOUTS_PREVIOUS_SECRET, SECRET, outcome.signature]) {
		expect(text).not.toContain(secret);
	}
	expect(text.length).toBeLessThan(200);
}

/** A Payouts V1 delivery: form fields, its signature among them (Cashfree's V1 page). */
const V1_FORM_BODY =
	'event=TRANSFER_SUCCESS&transferId=vendor_run_17_row_4&referenceId=1298734&acknowledged=1&eventTime=2026-12-03+18%3A40%3A12&utr=YESB62026120300017&signature=q0G4XfPYrUZB6x8m1%2Bk8QdQe3m0vE3m1m4nbbW0Lq5Q%3D';

describe('Cashfree Payouts Trigger: every delivery is verified before anything runs', () => {
	const refusals: Array<[string, Delivery, RegExp]> = [
		[
			'no x-webhook-signature',
			{ headers: { 'x-webhook-signature': undefined } },
			/missing x-webhook-signature header$/,
		],
		[
			'no x-webhook-timestamp',
			{ headers: { 'x-webhook-timestamp': undefined } },
			/missing x-webhook-timestamp/,
		],
		[
			'a signature that is not base64',
			{ signature: 'not base64 at all!!' },
			/malformed x-webhook-signature/,
		],
		['a signature made with another secret', { secret: WRONG_SECRET }, /does not match/],
		[
			"a signature made with the Payment Gateway's secret, not the Payouts one",
			{ secret: SECRET },
			/does not match/,
		],
		[
			'a body changed by one byte (the amount)',
			{ sentBody: TRANSFER_SUCCESS.replace('2500.5', '2500.6') },
			/does not match/,
		],
		[
			'a signature over the body alone',
			{ signature: createHmac('sha256', PAYOUTS_SECRET).update(TRANSFER_SUCCESS).digest('base64') },
			/does not match/,
		],
		['a timestamp 6 minutes old', { ageMs: 6 * MINUTE }, /older than the tolerance of 300 s/],
		['a timestamp 6 minutes ahead', { ageMs: -6 * MINUTE }, /future than the tolerance of 300 s/],
		[
			'a signature made with the previous secret, none in the credential',
			{ secret: PAYOUTS_PREVIOUS_SECRET },
			/does not match/,
		],
		[
			'a Payouts V1 delivery (form fields with their own signature): told to choose V2',
			{
				body: V1_FORM_BODY,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					'x-webhook-signature': undefined,
					'x-webhook-timestamp': undefined,
				},
			},
			/Payouts V1 webhook; choose webhook version V2/,
		],
	];

	it.each(refusals)('refuses %s: 401, no execution', async (_case, delivery, reason) => {
		expectRefused(await deliver(delivery), reason);
	});

	it('refuses a body over 64 KB with 413 before checking it, even with verification off', async () => {
		const huge = payoutEvent('TRANSFER_SUCCESS', { note: 'x'.repeat(64 * 1024) });
		expectRefused(await deliver({ body: huge }), /larger than 65536 bytes/, 413);
		expectRefused(
			await deliver({ body: huge }, { verifySignatures: false }),
			/larger than 65536 bytes/,
			413,
		);
		// Just under the bound is read as usual.
		const fits = payoutEvent('TRANSFER_SUCCESS', { note: 'x'.repeat(63 * 1024) });
		expectStarted(await deliver({ body: fits }));
	});

	it('a refused delivery leaves nothing secret in the logs', async () => {
		const before = engine.logs.length;
		expectRefused(await deliver({ secret: WRONG_SECRET }), /does not match/);
		expect(JSON.stringify(engine.logs.slice(before))).not.toContain(PAYOUTS_SECRET);
	});

	it.each<[string, Delivery]>([
		['signed with the Payouts client secret', {}],
		['4 minutes old', { ageMs: 4 * MINUTE }],
		['4 minutes ahead (clock skew)', { ageMs: -4 * MINUTE }],
	])('accepts a delivery %s: 200, one execution', async (_case, delivery) => {
		expect(expectStarted(await deliver(delivery)).event).toBe('TRANSFER_SUCCESS');
	});
});

describe('Cashfree Payouts Trigger: rotating the Payouts client secret', () => {
	it('with the previous secret in the credential, deliveries signed with either key start a run', async () => {
		for (const secret of [PAYOUTS_SECRET, PAYOUTS_PREVIOUS_SECRET]) {
			const outcome = await deliverPayout(
				engine,
				{ body: payoutEvent('TRANSFER_SUCCESS'), secret },
				{ credentials: rotating },
			);
			expectStarted(outcome);
		}
		expectRefused(
			await deliverPayout(
				engine,
				{ body: payoutEvent('TRANSFER_SUCCESS'), secret: WRONG_SECRET },
				{ credentials: rotating },
			),
			/does not match/,
		);
	});

	it('the node has no secret parameter of its own: one pasted into its JSON is ignored', async () => {
		const description = engine.nodeTypes.getByNameAndVersion(PAYOUTS_TRIGGER, 1).description;
		expect(description.properties.map((property) => property.name)).toEqual([
			'setupNotice',
			'events',
			'verifySignatures',
			'verificationOffNotice',
			'toleranceSeconds',
		]);
		expectRefused(
			await deliver(
				{ body: payoutEvent('TRANSFER_SUCCESS'), secret: PAYOUTS_PREVIOUS_SECRET },
				{ previousClientSecret: PAYOUTS_PREVIOUS_SECRET },
			),
			/does not match/,
		);
	});
});

describe('Cashfree Payouts Trigger: what the workflow receives', () => {
	it('the event as sent, with the raw body and the delivery headers', async () => {
		const outcome = await deliver({ headers: { 'x-webhook-attempt': '3' } });
		const json = expectStarted(outcome);
		expect(json).toEqual({
			...(JSON.parse(TRANSFER_SUCCESS) as object),
			event: 'TRANSFER_SUCCESS',
			webhookVersion: null,
			attempt: 3,
			idempotencyKey: null,
			rawBody: TRANSFER_SUCCESS,
		});
		expect(json.data).toMatchObject({ transfer_id: 'vendor_run_17_row_4', status: 'SUCCESS' });
		expect(outcome.body).toEqual({ received: true, started: true });
		expect(JSON.stringify(json)).not.toContain(PAYOUTS_SECRET);
		expect(JSON.stringify(json)).not.toContain(outcome.signature);
	});
});

describe('Cashfree Payouts Trigger: which events start the workflow', () => {
	it('by default, the transfer outcomes and rejected batches', async () => {
		expect(DEFAULT_PAYOUT_EVENTS).toEqual([
			'TRANSFER_SUCCESS',
			'TRANSFER_FAILED',
			'TRANSFER_REVERSED',
			'TRANSFER_REJECTED',
			'BULK_TRANSFER_REJECTED',
		]);
		const description = engine.nodeTypes.getByNameAndVersion(PAYOUTS_TRIGGER, 1).description;
		const events = description.properties.find((property) => property.name === 'events');
		expect(events?.default).toEqual(DEFAULT_PAYOUT_EVENTS);
		for (const type of DEFAULT_PAYOUT_EVENTS) {
			expect(expectStarted(await deliver({ body: payoutEvent(type) })).event).toBe(type);
		}
	});

	it.each([
		'TRANSFER_ACKNOWLEDGED',
		'LOW_BALANCE_ALERT',
		'CREDIT_CONFIRMATION',
		'BENEFICIARY_INCIDENT',
	])('%s is not selected by default: 200, no execution', async (type) => {
		expectAnsweredWithoutExecution(
			await deliver({ body: payoutEvent(type) }),
			'event not selected',
		);
	});

	it("a Payment Gateway event, or the PG dashboard's test type, is just another unselected type", async () => {
		for (const type of ['PAYMENT_SUCCESS_WEBHOOK', 'WEBHOOK']) {
			expectAnsweredWithoutExecution(
				await deliver({ body: payoutEvent(type) }),
				'event not selected',
			);
		}
	});

	it('a selected event starts it, another does not; "*" takes every type', async () => {
		const onlyLowBalance = { events: ['LOW_BALANCE_ALERT'] };
		expectStarted(await deliver({ body: payoutEvent('LOW_BALANCE_ALERT') }, onlyLowBalance));
		expectAnsweredWithoutExecution(
			await deliver({ body: payoutEvent('TRANSFER_SUCCESS') }, onlyLowBalance),
			'event not selected',
		);
		expectStarted(
			await deliver({ body: payoutEvent('SOME_FUTURE_PAYOUT_EVENT') }, { events: ['*'] }),
		);
	});

	it('an Events expression that is not a list of types answers 500 with the Payouts example', async () => {
		const outcome = await deliver({}, { events: '={{ 42 }}' });
		expect(outcome.status).toBe(500);
		expect(outcome.workflowData).toBeUndefined();
		expect(outcome.body).toEqual({
			error: 'Internal Server Error',
			reason:
				'Invalid Events setting: it must be a list of event types, such as ["TRANSFER_SUCCESS"] or ["*"]',
		});
	});
});

describe('Cashfree Payouts Trigger: one event, one execution', () => {
	it("Cashfree's retry, the same body signed again later, is answered 200 and starts nothing", async () => {
		const nodeId = randomUUID();
		const body = payoutEvent('TRANSFER_FAILED');
		expectStarted(await deliver({ body }, {}, nodeId));
		expectAnsweredWithoutExecution(
			await deliver({ body, ageMs: -1000, headers: { 'x-webhook-attempt': '2' } }, {}, nodeId),
			'duplicate delivery',
		);
		// The same transfer's next state is another event.
		expectStarted(
			await deliver({ body: body.replace('TRANSFER_FAILED', 'TRANSFER_REVERSED') }, {}, nodeId),
		);
	});

	it('a captured delivery replayed 5 times within the tolerance starts one execution', async () => {
		const nodeId = randomUUID();
		const timestamp = String(Date.now() - 1000);
		const body = payoutEvent('TRANSFER_SUCCESS');
		const captured: Delivery = {
			body,
			timestamp,
			signature: sign(PAYOUTS_SECRET, timestamp, body),
		};
		const outcomes = [];
		for (let replay = 0; replay < 6; replay++) outcomes.push(await deliver(captured, {}, nodeId));
		expect(outcomes.filter((outcome) => outcome.workflowData)).toHaveLength(1);
		for (const outcome of outcomes.slice(1)) {
			expectAnsweredWithoutExecution(outcome, 'duplicate delivery');
		}
	});

	it("the production URL's memory is in the workflow's static data: a process that never saw the event starts nothing", async () => {
		const staticData = {};
		const body = payoutEvent('TRANSFER_SUCCESS');
		const workflow = { credentials, workflowId: 'wf-payouts-static', staticData };
		expectStarted(await deliverPayout(engine, { body }, { ...workflow, nodeId: randomUUID() }));
		// Another node id has another memory in this process, as a restarted or other webhook
		// process would: only the static data (saved with the workflow) knows the event.
		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expectAnsweredWithoutExecution(
			await deliverPayout(
				engine,
				{ body },
				{ ...workflow, staticData: saved, nodeId: randomUUID() },
			),
			'duplicate delivery',
		);
		expectStarted(
			await deliverPayout(engine, { body }, { ...workflow, staticData: {}, nodeId: randomUUID() }),
		);
	});

	it('refused and unselected deliveries are not remembered: the valid one still starts', async () => {
		const nodeId = randomUUID();
		const body = payoutEvent('TRANSFER_SUCCESS');
		expectRefused(await deliver({ body, secret: WRONG_SECRET }, {}, nodeId), /does not match/);
		expectAnsweredWithoutExecution(
			await deliver({ body }, { events: ['LOW_BALANCE_ALERT'] }, nodeId),
			'event not selected',
		);
		expectStarted(await deliver({ body }, {}, nodeId));
	});
});
