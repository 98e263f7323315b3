/**
 * The trigger's settings from expressions (issue "Round two of hostile-proof", item 2): read by
 * the rules of the Cashfree node's Additional Options. A value the editor would never store is
 * refused with 500 and a reason naming the setting, and nothing runs; verification is off only
 * when the setting says false.
 */
import { randomUUID } from 'node:crypto';

import type { INode, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { N8nEngine } from '../../tools/engine/n8n-engine';
import {
	MINUTE,
	WRONG_SECRET,
	deliver,
	triggerCredential,
	event,
	expectStarted,
	type Delivery,
	type DeliveryOutcome,
} from './deliveries';

let engine: N8nEngine;
let credentials: INode['credentials'];

beforeAll(async () => {
	engine = await N8nEngine.load();
	credentials = await triggerCredential(engine, 'cred-settings');
});

async function deliverWith(
	parameters: INodeParameters,
	delivery: Delivery = {},
	typeVersion?: number,
): Promise<DeliveryOutcome> {
	return await deliver(
		engine,
		{ body: event('PAYMENT_SUCCESS_WEBHOOK'), ...delivery },
		{ parameters, credentials, typeVersion, nodeId: randomUUID() },
	);
}

function expectMisconfigured(outcome: DeliveryOutcome, setting: string, rule: RegExp) {
	expect(outcome.status).toBe(500);
	expect(outcome.workflowData).toBeUndefined();
	expect(outcome.body).toEqual({
		error: 'Internal Server Error',
		reason: expect.stringContaining(`Invalid ${setting} setting: `),
	});
	expect((outcome.body as { reason: string }).reason).toMatch(rule);
}

/** A delivery the timestamp check must refuse, whatever the tolerance setting says. */
const STALE: Delivery = { ageMs: 7 * 24 * 60 * MINUTE + MINUTE };
/** A delivery the signature check must refuse. */
const FORGED: Delivery = { secret: WRONG_SECRET };

describe('Timestamp Tolerance from an expression', () => {
	const invalid: Array<[string, NodeParameterValueType]> = [
		['-1', '={{ -1 }}'],
		['"abc"', '={{ "abc" }}'],
		['NaN', '={{ NaN }}'],
		['1e9', '={{ 1e9 }}'],
		['"1e9"', '={{ "1e9" }}'],
		['1.5', '={{ 1.5 }}'],
		['Infinity', '={{ Infinity }}'],
		['an empty text', '={{ "" }}'],
		['null', '={{ null }}'],
		['true', '={{ true }}'],
		['a list', '={{ [300] }}'],
		['-1 typed in', -1],
		['604801', 604801],
	];

	it.each(invalid)(
		'%s: refused 500 naming the setting, and a stale delivery starts nothing',
		async (_case, toleranceSeconds) => {
			const outcome = await deliverWith({ toleranceSeconds }, STALE);
			expectMisconfigured(
				outcome,
				'Timestamp Tolerance (Seconds)',
				/whole number from 0 to 604800/,
			);
		},
	);

	it.each<[string, NodeParameterValueType, number]>([
		['300 as text', '={{ "300" }}', 5],
		['0 (no time check)', '={{ 0 }}', 60 * 24],
		['604800', 604800, 60 * 24 * 6],
	])('%s is used', async (_case, toleranceSeconds, ageMinutes) => {
		expectStarted(await deliverWith({ toleranceSeconds }, { ageMs: (ageMinutes - 1) * MINUTE }));
	});

	it('the setting is applied: 60 refuses a delivery 2 minutes old', async () => {
		const outcome = await deliverWith({ toleranceSeconds: '={{ 60 }}' }, { ageMs: 2 * MINUTE });
		expect(outcome.status).toBe(401);
	});
});

describe('Verify Signatures from an expression', () => {
	const invalid: Array<[string, NodeParameterValueType]> = [
		['0', '={{ 0 }}'],
		['1', '={{ 1 }}'],
		['an empty text', '={{ "" }}'],
		['null', '={{ null }}'],
		['"no"', '={{ "no" }}'],
		['"False"', '={{ "False" }}'],
		['a list', '={{ [] }}'],
	];

	it.each(invalid)(
		'%s: refused 500 naming the setting; a forged delivery starts nothing',
		async (_case, verifySignatures) => {
			expectMisconfigured(
				await deliverWith({ verifySignatures }, FORGED),
				'Verify Signatures',
				/true or false/,
			);
		},
	);

	it.each([['$json.nothing'], ['JSON.parse("{")']])(
		'an expression that gives nothing or fails (%s): refused 500, nothing runs',
		async (expression) => {
			expectMisconfigured(
				await deliverWith({ verifySignatures: `={{ ${expression} }}` }, FORGED),
				'Verify Signatures',
				/true or false|could not be evaluated/,
			);
		},
	);

	it.each<[string, NodeParameterValueType]>([
		['true', '={{ true }}'],
		['"true"', '={{ "true" }}'],
	])('%s verifies: a forged delivery is refused 401', async (_case, verifySignatures) => {
		const outcome = await deliverWith({ verifySignatures }, FORGED);
		expect(outcome.status).toBe(401);
		expect(outcome.workflowData).toBeUndefined();
	});

	it.each<[string, NodeParameterValueType]>([
		['false', false],
		['false from an expression', '={{ false }}'],
		['"false"', '={{ "false" }}'],
	])('%s, and only that, turns verification off', async (_case, verifySignatures) => {
		expectStarted(await deliverWith({ verifySignatures }, FORGED));
	});
});

describe('the other settings from expressions', () => {
	it.each<[string, NodeParameterValueType]>([
		['a number', '={{ 1 }}'],
		['"yes"', '={{ "yes" }}'],
	])('Include Test Events %s: refused 500', async (_case, includeTestEvents) => {
		expectMisconfigured(
			await deliverWith({ includeTestEvents }, { body: event('WEBHOOK') }),
			'Include Test Events',
			/true or false/,
		);
	});

	it('Include Test Events "false" keeps the test event out', async () => {
		const outcome = await deliverWith(
			{ includeTestEvents: '={{ "false" }}' },
			{ body: event('WEBHOOK') },
		);
		expect(outcome.workflowData).toBeUndefined();
		expect(outcome.body).toMatchObject({ reason: 'test event ignored' });
	});

	it('Events from an expression: one type as text matches that type only, not a part of it', async () => {
		expectStarted(await deliverWith({ events: '={{ "PAYMENT_SUCCESS_WEBHOOK" }}' }));
		const outcome = await deliverWith(
			{ events: '={{ "XPAYMENT_SUCCESS_WEBHOOKX" }}' },
			{ body: event('PAYMENT_SUCCESS_WEBHOOK') },
		);
		expect(outcome.body).toMatchObject({ reason: 'event not selected' });
	});

	it.each<[string, NodeParameterValueType]>([
		['an empty list', '={{ [] }}'],
		['a number', '={{ 7 }}'],
		['a list with a number', '={{ ["PAYMENT_SUCCESS_WEBHOOK", 7] }}'],
	])('Events %s: refused 500', async (_case, events) => {
		expectMisconfigured(await deliverWith({ events }), 'Events', /list of event types/);
	});

	it('a refusal is logged with what was found; the answer does not repeat it', async () => {
		const before = engine.logs.length;
		const outcome = await deliverWith({ toleranceSeconds: '={{ "-42" }}' });
		expect(JSON.stringify(outcome.body)).not.toContain('-42');
		const logged = engine.logs
			.slice(before)
			.map((record) => record.message)
			.join('\n');
		expect(logged).toContain('Invalid Timestamp Tolerance (Seconds) setting');
		expect(logged).toContain('got "-42"');
	});
});
