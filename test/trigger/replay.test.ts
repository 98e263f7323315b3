/**
 * A captured delivery, replayed: the attacks of issue "Round two of hostile-proof", item 1.
 * Whoever saw one signed delivery (a log, a proxy, a misrouted copy) can send it again within the
 * Timestamp Tolerance with any headers the signature does not cover. None of that may start a
 * second run, nor make the trigger forget an event it has run.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INode } from 'n8n-workflow';

import { N8nEngine } from '../../tools/engine/n8n-engine';
import {
	MINUTE,
	deliver,
	triggerCredential,
	deliverRequest,
	event,
	expectAnsweredWithoutExecution,
	expectStarted,
	signedRequest,
	type SignedRequest,
	type TriggerNode,
} from './deliveries';

let engine: N8nEngine;
let credentials: INode['credentials'];

beforeAll(async () => {
	engine = await N8nEngine.load();
	credentials = await triggerCredential(engine, 'cred-replay');
});

/** A production trigger with its own node id and the workflow's static data as n8n stores it. */
function productionTrigger(): TriggerNode & { staticData: IDataObject } {
	return { credentials, nodeId: randomUUID(), staticData: {} };
}

/** The event ids the node keeps in the workflow's static data. */
function storedIds(staticData: IDataObject): string[] {
	const nodeData = staticData['node:Cashfree Trigger'] as IDataObject | undefined;
	return Object.keys((nodeData?.recentDeliveries as IDataObject | undefined) ?? {});
}

/** The captured request again, with some headers changed (undefined removes one). */
function replay(
	captured: SignedRequest,
	headers: Record<string, string | undefined> = {},
): SignedRequest {
	const changed = { ...captured.headers };
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) delete changed[name];
		else changed[name] = value;
	}
	return { ...captured, headers: changed };
}

describe('Cashfree Trigger: a captured delivery, replayed within the tolerance, starts nothing', () => {
	it('9 deliveries of one captured delivery, with a new x-idempotency-key, none or the same: 1 execution', async () => {
		const trigger = productionTrigger();
		const captured = signedRequest({ body: event('PAYMENT_SUCCESS_WEBHOOK') });
		const replays = [
			replay(captured, { 'x-idempotency-key': randomUUID() }),
			replay(captured, { 'x-idempotency-key': randomUUID() }),
			replay(captured, { 'x-idempotency-key': 'n9rn7079wqXcse3GEDEXCYle9ajXmU0SUQY8zrUNAlc=' }),
			replay(captured, { 'x-idempotency-key': '' }),
			replay(captured, { 'x-idempotency-key': undefined }),
			replay(captured, { 'x-idempotency-key': undefined, 'x-webhook-version': '2023-08-01' }),
			replay(captured, { 'x-webhook-attempt': '2', 'x-idempotency-key': randomUUID() }),
			replay(captured),
		];

		expectStarted(await deliverRequest(engine, captured, trigger));
		for (const request of replays) {
			expectAnsweredWithoutExecution(
				await deliverRequest(engine, request, trigger),
				'duplicate delivery',
			);
		}
		expect(storedIds(trigger.staticData)).toHaveLength(1);
	});

	it("Cashfree's retry, signed again with a new timestamp and any x-idempotency-key, is the same event", async () => {
		const trigger = productionTrigger();
		const body = event('PAYMENT_FAILED_WEBHOOK');
		expectStarted(await deliver(engine, { body, ageMs: 3 * MINUTE }, trigger));
		expectAnsweredWithoutExecution(
			await deliver(engine, { body, headers: { 'x-webhook-attempt': '2' } }, trigger),
			'duplicate delivery',
		);
	});

	it('10,001 replays with fresh keys cannot push an earlier event out: its retry still starts nothing', async () => {
		const trigger = productionTrigger();
		const earlier = event('PAYMENT_SUCCESS_WEBHOOK');
		expectStarted(await deliver(engine, { body: earlier, ageMs: 2 * MINUTE }, trigger));
		const captured = signedRequest({ body: event('PAYMENT_SUCCESS_WEBHOOK') });
		expectStarted(await deliverRequest(engine, captured, trigger));

		let started = 0;
		for (let n = 0; n < 10_001; n++) {
			const outcome = await deliverRequest(
				engine,
				replay(captured, { 'x-idempotency-key': randomUUID() }),
				trigger,
			);
			if (outcome.workflowData) started += 1;
		}
		expect(started).toBe(0);
		expect(storedIds(trigger.staticData)).toHaveLength(2);

		// Cashfree's retry of the earlier event, signed again now.
		expectAnsweredWithoutExecution(
			await deliver(engine, { body: earlier, headers: { 'x-webhook-attempt': '2' } }, trigger),
			'duplicate delivery',
		);
	}, 300_000);

	it('past the tolerance a replay is refused 401 and starts nothing', async () => {
		const trigger = productionTrigger();
		const captured = signedRequest({ body: event('PAYMENT_SUCCESS_WEBHOOK'), ageMs: 6 * MINUTE });
		const outcome = await deliverRequest(engine, captured, {
			...trigger,
			parameters: { toleranceSeconds: 300 },
		});
		expect(outcome.status).toBe(401);
		expect(outcome.workflowData).toBeUndefined();
		expect(outcome.body).toMatchObject({
			reason: 'x-webhook-timestamp is older than the tolerance of 300 s',
		});
	});
});

describe("Cashfree Trigger: the memory of the production URL lives in the workflow's static data", () => {
	/**
	 * Another process: a fresh module registry loads n8n-core and the package again, so the
	 * trigger's in-process memory starts empty, as after a restart or in another webhook process
	 * of queue mode. Only the workflow's static data (the database's copy) is shared.
	 */
	async function inAnotherProcess(
		request: SignedRequest,
		node: TriggerNode,
	): Promise<Awaited<ReturnType<typeof deliverRequest>>> {
		let outcome: Awaited<ReturnType<typeof deliverRequest>> | undefined;
		await jest.isolateModulesAsync(async () => {
			const fresh = await import('../../tools/engine/n8n-engine');
			const other = await fresh.N8nEngine.load();
			const otherCredentials = await triggerCredential(other, 'cred-replay');
			outcome = await deliverRequest(other as unknown as N8nEngine, request, {
				...node,
				credentials: otherCredentials,
			});
		});
		return outcome!;
	}

	it('a replay reaching a process that never saw the event (after a restart, or in queue mode) starts nothing', async () => {
		const trigger = productionTrigger();
		const captured = signedRequest({ body: event('PAYMENT_SUCCESS_WEBHOOK') });
		expectStarted(await deliverRequest(engine, captured, trigger));
		// What the database holds: JSON, not the objects this process changed.
		const saved = JSON.parse(JSON.stringify(trigger.staticData)) as IDataObject;
		expect(storedIds(saved)).toHaveLength(1);

		const replayed = replay(captured, { 'x-idempotency-key': randomUUID() });
		expectAnsweredWithoutExecution(
			await inAnotherProcess(replayed, { ...trigger, staticData: saved }),
			'duplicate delivery',
		);
		// The same replay with the static data lost: the fresh process would run it.
		expectStarted(await inAnotherProcess(replayed, { ...trigger, staticData: {} }));
	}, 120_000);

	it("the editor's test URL keeps nothing there; events tried on it still run in production", async () => {
		const trigger = productionTrigger();
		const body = event('PAYMENT_SUCCESS_WEBHOOK');
		expectStarted(await deliver(engine, { body }, trigger, 'manual'));
		expect(trigger.staticData).toEqual({});
		expectStarted(await deliver(engine, { body }, trigger, 'webhook'));
		expect(storedIds(trigger.staticData)).toHaveLength(1);
	});

	it('holds at most 1,000 events: the oldest go first, and only for new signed events', async () => {
		const trigger = productionTrigger();
		const first = signedRequest({ body: event('PAYMENT_SUCCESS_WEBHOOK') });
		expectStarted(await deliverRequest(engine, first, trigger));
		for (let n = 0; n < 1_000; n++) {
			expectStarted(await deliver(engine, { body: event('PAYMENT_SUCCESS_WEBHOOK') }, trigger));
		}
		expect(storedIds(trigger.staticData)).toHaveLength(1_000);
		expect(JSON.stringify(trigger.staticData).length).toBeLessThan(72_000);
	}, 120_000);
});
