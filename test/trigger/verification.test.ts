/**
 * The Cashfree Trigger refuses every delivery it cannot verify, and starts one execution per
 * event. Each delivery goes through n8n-core's WebhookContext (N8nEngine.deliverWebhook), as n8n's
 * webhook server runs a trigger; only the HTTP request and response are stand-ins.
 */
import { createHmac, randomUUID } from 'node:crypto';

import type { INode, INodeParameters } from 'n8n-workflow';

import { DEFAULT_EVENTS } from '../../dist/nodes/Cashfree/webhook/events';
import { N8nEngine } from '../../tools/engine/n8n-engine';
import {
	MINUTE,
	PAYMENT_SUCCESS,
	PREVIOUS_SECRET,
	SECRET,
	WRONG_SECRET,
	deliver as deliverTo,
	triggerCredential,
	event,
	expectAnsweredWithoutExecution,
	expectStarted,
	sign,
	type Delivery,
	type DeliveryOutcome,
} from './deliveries';

let engine: N8nEngine;
let credentials: INode['credentials'];

beforeAll(async () => {
	engine = await N8nEngine.load();
	credentials = await triggerCredential(engine, 'cred-trigger');
});

/** Delivers to a new node (the newest version) with its own id, so its own memory, unless given. */
async function deliver(
	delivery: Delivery = {},
	parameters: INodeParameters = {},
	nodeId?: string,
	mode?: 'webhook' | 'manual',
): Promise<DeliveryOutcome> {
	return await deliverTo(engine, delivery, { parameters, nodeId, credentials }, mode);
}

/** Refused: 401, a short JSON reason, no execution, and nothing secret in the answer. */
function expectRefused(outcome: DeliveryOutcome, reason: RegExp) {
	expect(outcome.status).toBe(401);
	expect(outcome.workflowData).toBeUndefined();
	expect(outcome.body).toEqual({ error: 'Unauthorized', reason: expect.stringMatching(reason) });
	const text = JSON.stringify(outcome.body);
	const sent = outcome.signature.length >= 8 ? [outcome.signature] : [];
	for (const secret of [SECRET, PREVIOUS_SECRET, WRONG_SECRET, ...sent]) {
		expect(text).not.toContain(secret);
	}
	expect(text.length).toBeLessThan(200);
}

describe('Cashfree Trigger: every delivery is verified before anything runs', () => {
	const refusals: Array<[string, Delivery, INodeParameters, RegExp]> = [
		[
			'no x-webhook-signature',
			{ headers: { 'x-webhook-signature': undefined } },
			{},
			/missing x-webhook-signature/,
		],
		['an empty x-webhook-signature', { signature: '' }, {}, /missing x-webhook-signature/],
		[
			'no x-webhook-timestamp',
			{ headers: { 'x-webhook-timestamp': undefined } },
			{},
			/missing x-webhook-timestamp/,
		],
		[
			'a timestamp that is not epoch digits',
			{ timestamp: '2025-05-05T12:20:31Z' },
			{},
			/malformed x-webhook-timestamp/,
		],
		['a negative timestamp', { timestamp: '-1746427759733' }, {}, /malformed x-webhook-timestamp/],
		[
			'a timestamp with a fraction',
			{ timestamp: `${Date.now()}.5` },
			{},
			/malformed x-webhook-timestamp/,
		],
		[
			'two x-webhook-signature headers',
			{ headers: { 'x-webhook-signature': ['a', 'b'] } },
			{},
			/more than one x-webhook-signature/,
		],
		[
			'a signature that is not base64',
			{ signature: 'not base64 at all!!' },
			{},
			/malformed x-webhook-signature/,
		],
		[
			'a hex HMAC instead of base64',
			{ signature: createHmac('sha256', SECRET).update('x').digest('hex') },
			{},
			/malformed x-webhook-signature/,
		],
		[
			'a base64 value of the wrong length',
			{ signature: Buffer.alloc(31).toString('base64') },
			{},
			/malformed x-webhook-signature/,
		],
		['a signature made with another secret', { secret: WRONG_SECRET }, {}, /does not match/],
		[
			'a body changed by one byte',
			{ sentBody: PAYMENT_SUCCESS.replace('170.00', '171.00') },
			{},
			/does not match/,
		],
		[
			'a body re-serialised after parsing (170.00 becomes 170)',
			{ sentBody: JSON.stringify(JSON.parse(PAYMENT_SUCCESS)) },
			{},
			/does not match/,
		],
		[
			'a signature over another timestamp',
			{
				timestamp: String(Date.now()),
				signature: sign(SECRET, String(Date.now() - 1000), PAYMENT_SUCCESS),
			},
			{},
			/does not match/,
		],
		[
			'a signature over the body alone',
			{ signature: createHmac('sha256', SECRET).update(PAYMENT_SUCCESS).digest('base64') },
			{},
			/does not match/,
		],
		[
			'a timestamp older than the default tolerance (5 minutes)',
			{ ageMs: 6 * MINUTE },
			{},
			/older than the tolerance of 300 s/,
		],
		[
			'a timestamp further in the future than the default tolerance',
			{ ageMs: -6 * MINUTE },
			{},
			/future than the tolerance of 300 s/,
		],
		[
			'a timestamp older than a 1-minute tolerance',
			{ ageMs: 2 * MINUTE },
			{ toleranceSeconds: 60 },
			/older than the tolerance of 60 s/,
		],
		[
			'a signature made with the previous secret, none configured',
			{ secret: PREVIOUS_SECRET },
			{},
			/does not match/,
		],
		[
			'an unsigned body that is not JSON (refused before it is read)',
			{ body: 'not json', signature: 'x' },
			{},
			/malformed x-webhook-signature/,
		],
		[
			'a test event with a bad signature, even with Include Test Events',
			{ body: event('WEBHOOK'), secret: WRONG_SECRET },
			{ includeTestEvents: true },
			/does not match/,
		],
	];

	it.each(refusals)(
		'refuses %s: 401, no execution',
		async (_case, delivery, parameters, reason) => {
			expectRefused(await deliver(delivery, parameters), reason);
		},
	);

	it('a refused delivery leaves nothing secret in the logs', async () => {
		const before = engine.logs.length;
		expectRefused(await deliver({ secret: WRONG_SECRET }), /does not match/);
		expect(JSON.stringify(engine.logs.slice(before))).not.toContain(SECRET);
	});

	const acceptances: Array<[string, Delivery, INodeParameters]> = [
		['a delivery signed with the client secret', {}, {}],
		['a timestamp 4 minutes old', { ageMs: 4 * MINUTE }, {}],
		['a timestamp 4 minutes ahead (clock skew)', { ageMs: -4 * MINUTE }, {}],
		[
			'a retry 42 minutes after the first attempt, not signed again, with a one-hour tolerance',
			{ ageMs: 42 * MINUTE },
			{ toleranceSeconds: 3600 },
		],
		['a timestamp in epoch seconds', { timestamp: String(Math.floor(Date.now() / 1000)) }, {}],
		['any age when the tolerance is 0', { ageMs: 30 * 24 * 60 * MINUTE }, { toleranceSeconds: 0 }],
		[
			'an unsigned delivery when verification is off',
			{ headers: { 'x-webhook-signature': undefined, 'x-webhook-timestamp': undefined } },
			{ verifySignatures: false },
		],
		[
			'a badly signed, stale delivery when verification is off',
			{ secret: WRONG_SECRET, ageMs: 7 * 24 * 60 * MINUTE },
			{ verifySignatures: false },
		],
	];

	it.each(acceptances)('accepts %s: 200, one execution', async (_case, delivery, parameters) => {
		const json = expectStarted(await deliver(delivery, parameters));
		expect(json.event).toBe('PAYMENT_SUCCESS_WEBHOOK');
	});
});

describe('Cashfree Trigger: what the workflow receives', () => {
	it('the event as sent, the raw body with 170.00 intact, and the delivery headers', async () => {
		const idempotencyKey = 'n9rn7079wqXcse3GEDEXCYle9ajXmU0SUQY8zrUNAlc=';
		const outcome = await deliver({
			headers: { 'x-idempotency-key': idempotencyKey, 'x-webhook-attempt': '2' },
		});
		const json = expectStarted(outcome);
		expect(json).toEqual({
			event: 'PAYMENT_SUCCESS_WEBHOOK',
			webhookVersion: '2025-01-01',
			attempt: 2,
			idempotencyKey,
			...(JSON.parse(PAYMENT_SUCCESS) as object),
			rawBody: PAYMENT_SUCCESS,
		});
		expect(json.rawBody).toContain('"payment_amount":170.00');
		expect(JSON.stringify(json)).not.toContain(SECRET);
		expect(JSON.stringify(json)).not.toContain(outcome.signature);
	});

	it('without x-idempotency-key (API version 2023-08-01) the key and version are null or as sent', async () => {
		const json = expectStarted(
			await deliver({
				headers: {
					'x-idempotency-key': undefined,
					'x-webhook-version': '2023-08-01',
					'x-webhook-attempt': 'x',
				},
			}),
		);
		expect(json).toMatchObject({
			webhookVersion: '2023-08-01',
			idempotencyKey: null,
			attempt: null,
		});
	});

	it("a started run is answered 200 with the trigger's own short JSON, not n8n's default", async () => {
		const outcome = await deliver();
		expectStarted(outcome);
		// Left to n8n, an "onReceived" webhook answers with its responseData default: the text
		// "firstEntryJson" in n8n 2.41.
		expect(outcome.response.noWebhookResponse).toBe(true);
		expect(outcome.body).toEqual({ received: true, started: true });
	});

	it('rawBody is exactly the signed bytes, multi-byte characters included', async () => {
		const body = Buffer.from(
			'{"type":"PAYMENT_SUCCESS_WEBHOOK","data":{"note":"₹170.00 — पेमेंट ✓ 🙂","amount":170.00}}',
			'utf8',
		);
		const json = expectStarted(await deliver({ body }));
		expect(Buffer.from(String(json.rawBody), 'utf8').equals(body)).toBe(true);
		expect(json.data).toEqual({ note: '₹170.00 — पेमेंट ✓ 🙂', amount: 170 });
	});

	it.each<[string, Buffer]>([
		[
			'a byte that is not UTF-8',
			Buffer.concat([
				Buffer.from('{"type":"PAYMENT_SUCCESS_WEBHOOK","data":{"note":"'),
				Buffer.from([0xff]),
				Buffer.from('"}}'),
			]),
		],
		[
			'a truncated multi-byte character',
			Buffer.concat([
				Buffer.from('{"type":"PAYMENT_SUCCESS_WEBHOOK","data":{"note":"'),
				Buffer.from('₹').subarray(0, 2),
				Buffer.from('"}}'),
			]),
		],
	])('a signed body with %s is answered 400, not run with a decoded copy', async (_case, body) => {
		const outcome = await deliver({ body });
		expect(outcome.status).toBe(400);
		expect(outcome.workflowData).toBeUndefined();
		expect(outcome.body).toEqual({ error: 'Bad Request', reason: 'the body is not UTF-8 text' });
	});

	it('a verified body that is not a JSON object is answered 400 and starts nothing', async () => {
		const outcome = await deliver({ body: '["not", "an", "object"]' });
		expect(outcome.status).toBe(400);
		expect(outcome.workflowData).toBeUndefined();
	});
});

describe('Cashfree Trigger: which events start the workflow', () => {
	it('by default, the payment outcomes and payment link events', async () => {
		expect(DEFAULT_EVENTS).toEqual([
			'PAYMENT_SUCCESS_WEBHOOK',
			'PAYMENT_FAILED_WEBHOOK',
			'PAYMENT_USER_DROPPED_WEBHOOK',
			'PAYMENT_LINK_EVENT',
		]);
		const nodeType = engine.nodeTypes.getByNameAndVersion('n8n-nodes-cashfree.cashfreeTrigger');
		const events = nodeType.description.properties.find((property) => property.name === 'events');
		expect(events?.default).toEqual(DEFAULT_EVENTS);
		for (const type of DEFAULT_EVENTS) {
			expect(expectStarted(await deliver({ body: event(type) })).event).toBe(type);
		}
	});

	it.each([
		'REFUND_STATUS_WEBHOOK',
		'SETTLEMENT_SUCCESS',
		'DISPUTE_CREATED',
		'PAYMENT_CHARGES_WEBHOOK',
	])('%s is not selected by default: 200, no execution', async (type) => {
		expectAnsweredWithoutExecution(await deliver({ body: event(type) }), 'event not selected');
	});

	it('a selected event starts it; "*" takes every type, even unknown ones', async () => {
		expectStarted(
			await deliver(
				{ body: event('REFUND_STATUS_WEBHOOK') },
				{ events: ['REFUND_STATUS_WEBHOOK'] },
			),
		);
		expectAnsweredWithoutExecution(
			await deliver(
				{ body: event('PAYMENT_SUCCESS_WEBHOOK') },
				{ events: ['REFUND_STATUS_WEBHOOK'] },
			),
			'event not selected',
		);
		expectStarted(await deliver({ body: event('SOME_FUTURE_EVENT') }, { events: ['*'] }));
	});

	it("the dashboard's test event: answered 200 without an execution unless Include Test Events", async () => {
		expectAnsweredWithoutExecution(await deliver({ body: event('WEBHOOK') }), 'test event ignored');
		const json = expectStarted(
			await deliver({ body: event('WEBHOOK') }, { includeTestEvents: true }),
		);
		expect(json.event).toBe('WEBHOOK');
	});
});

describe('Cashfree Trigger: one event, one execution', () => {
	it("Cashfree's retry, the same body signed again later, is answered 200 and starts nothing", async () => {
		const nodeId = randomUUID();
		const key = randomUUID();
		const first = await deliver({ headers: { 'x-idempotency-key': key } }, {}, nodeId);
		expectStarted(first);
		// The retry: attempt 2, signed again later, same event (same key, or another: the key is
		// not signed, so it does not count).
		const retry = await deliver(
			{ ageMs: -1000, headers: { 'x-idempotency-key': key, 'x-webhook-attempt': '2' } },
			{},
			nodeId,
		);
		expectAnsweredWithoutExecution(retry, 'duplicate delivery');
		// Another event starts its own execution.
		expectStarted(await deliver({ body: event('PAYMENT_SUCCESS_WEBHOOK') }, {}, nodeId));
	});

	it('without x-idempotency-key, the same body delivered again starts nothing', async () => {
		const nodeId = randomUUID();
		const headers = { 'x-idempotency-key': undefined };
		const body = event('PAYMENT_FAILED_WEBHOOK');
		expectStarted(await deliver({ body, headers }, {}, nodeId));
		expectAnsweredWithoutExecution(
			await deliver({ body, headers, ageMs: 2 * MINUTE }, {}, nodeId),
			'duplicate delivery',
		);
	});

	it("an event tried on the editor's test URL still starts the production run", async () => {
		const nodeId = randomUUID();
		const key = randomUUID();
		expectStarted(await deliver({ headers: { 'x-idempotency-key': key } }, {}, nodeId, 'manual'));
		expectStarted(await deliver({ headers: { 'x-idempotency-key': key } }, {}, nodeId, 'webhook'));
		expectAnsweredWithoutExecution(
			await deliver({ headers: { 'x-idempotency-key': key } }, {}, nodeId, 'webhook'),
			'duplicate delivery',
		);
	});

	it('each trigger node has its own memory', async () => {
		const key = randomUUID();
		expectStarted(await deliver({ headers: { 'x-idempotency-key': key } }, {}, randomUUID()));
		expectStarted(await deliver({ headers: { 'x-idempotency-key': key } }, {}, randomUUID()));
	});

	it('refused and unselected deliveries are not remembered: the valid one still starts', async () => {
		const nodeId = randomUUID();
		const key = randomUUID();
		const headers = { 'x-idempotency-key': key };
		expectRefused(await deliver({ headers, secret: WRONG_SECRET }, {}, nodeId), /does not match/);
		expectAnsweredWithoutExecution(
			await deliver({ headers, body: event('SETTLEMENT_SUCCESS') }, {}, nodeId),
			'event not selected',
		);
		expectStarted(await deliver({ headers }, {}, nodeId));
	});
});
