/**
 * The previous client secret (issue "Round two of hostile-proof", item 3). It used to be a
 * parameter of the trigger, so the live secret landed in workflow exports, source control and
 * every execution's copy of the workflow. Version 2 of the node reads it only from the Cashfree
 * API credential; nodes saved with version 1 keep their parameter and keep working.
 */
import { randomUUID } from 'node:crypto';

import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';

import { N8nEngine } from '../../tools/engine/n8n-engine';
import {
	MINUTE,
	PREVIOUS_SECRET,
	SECRET,
	WRONG_SECRET,
	deliver,
	triggerCredential,
	event,
	expectStarted,
	type Delivery,
	type DeliveryOutcome,
} from './deliveries';

const TRIGGER_TYPE = 'n8n-nodes-cashfree.cashfreeTrigger';

let engine: N8nEngine;
/** A credential without a previous secret, and one in the middle of a rotation. */
let plain: INode['credentials'];
let rotating: INode['credentials'];

beforeAll(async () => {
	engine = await N8nEngine.load();
	plain = await triggerCredential(engine, 'cred-plain');
	rotating = await triggerCredential(engine, 'cred-rotating', {
		previousClientSecret: PREVIOUS_SECRET,
	});
});

async function deliverTo(
	typeVersion: number,
	credentials: INode['credentials'],
	delivery: Delivery,
	parameters: INodeParameters = {},
): Promise<DeliveryOutcome> {
	return await deliver(
		engine,
		{ body: event('PAYMENT_SUCCESS_WEBHOOK'), ...delivery },
		{ typeVersion, credentials, parameters, nodeId: randomUUID() },
	);
}

function expectRefused(outcome: DeliveryOutcome) {
	expect(outcome.status).toBe(401);
	expect(outcome.workflowData).toBeUndefined();
	expect(outcome.body).toMatchObject({ reason: 'signature does not match the body and timestamp' });
}

/** The parameters n8n gives a new node of this version in the editor (shown ones, defaults). */
function newNodeParameters(typeVersion: number): INodeParameters {
	const description = engine.nodeTypes.getByNameAndVersion(TRIGGER_TYPE, typeVersion).description;
	const node = { typeVersion, parameters: {} } as INode;
	return (
		NodeHelpers.getNodeParameters(description.properties, {}, true, false, node, description) ?? {}
	);
}

describe('the previous client secret lives in the credential', () => {
	it('the credential has an optional, password-typed Previous Client Secret that explains rotation', () => {
		const property = engine.credentialsHelper
			.credentialType('cashfreeApi')
			.properties.find((candidate) => candidate.name === 'previousClientSecret');
		expect(property).toMatchObject({
			displayName: 'Previous Client Secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		});
		expect(property?.required).toBeFalsy();
		expect(property?.description).toMatch(/rotat/);
	});

	it.each([1, 2])(
		'version %i: a delivery signed with the credential’s previous secret is verified',
		async (typeVersion) => {
			expectStarted(await deliverTo(typeVersion, rotating, { secret: PREVIOUS_SECRET }));
			expectStarted(await deliverTo(typeVersion, rotating, { secret: SECRET }));
			expectRefused(await deliverTo(typeVersion, rotating, { secret: WRONG_SECRET }));
			expectRefused(await deliverTo(typeVersion, plain, { secret: PREVIOUS_SECRET }));
		},
	);

	it('a new node (version 2) has no Previous Client Secret parameter, so none is saved with the workflow', () => {
		expect(newNodeParameters(2)).not.toHaveProperty('previousClientSecret');
		expect(newNodeParameters(1)).toHaveProperty('previousClientSecret', '');
		const description = engine.nodeTypes.getByNameAndVersion(TRIGGER_TYPE).description;
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('version 2 ignores a previousClientSecret parameter pasted into its JSON', async () => {
		expectRefused(
			await deliverTo(
				2,
				plain,
				{ secret: PREVIOUS_SECRET },
				{ previousClientSecret: PREVIOUS_SECRET },
			),
		);
	});

	it('the secrets appear in no answer, output item or log line', async () => {
		const before = engine.logs.length;
		const outcomes = [
			await deliverTo(2, rotating, { secret: PREVIOUS_SECRET }),
			await deliverTo(2, rotating, { secret: WRONG_SECRET }),
			await deliverTo(
				1,
				plain,
				{ secret: PREVIOUS_SECRET },
				{ previousClientSecret: PREVIOUS_SECRET },
			),
		];
		const seen = JSON.stringify([
			outcomes.map(({ body, workflowData }) => ({ body, workflowData })),
			engine.logs.slice(before),
		]);
		for (const secret of [SECRET, PREVIOUS_SECRET]) expect(seen).not.toContain(secret);
	});
});

describe('a workflow saved with version 1 keeps working', () => {
	/** The node as version 1 saved it: defaults left out, the secret in its parameters. */
	const savedParameters: INodeParameters = {
		events: ['PAYMENT_SUCCESS_WEBHOOK', 'PAYMENT_LINK_EVENT'],
		previousClientSecret: PREVIOUS_SECRET,
	};

	it('loads, and verifies a delivery signed with the previous secret kept in the node', async () => {
		expectStarted(await deliverTo(1, plain, { secret: PREVIOUS_SECRET }, savedParameters));
		expectStarted(await deliverTo(1, plain, { secret: SECRET }, savedParameters));
		expectRefused(await deliverTo(1, plain, { secret: WRONG_SECRET }, savedParameters));
	});

	it('the node parameter and the credential field both count while both are set', async () => {
		const other = 'cfsk_ma_test_an0therOldS3cret_99';
		const parameters = { ...savedParameters, previousClientSecret: other };
		expectStarted(await deliverTo(1, rotating, { secret: other }, parameters));
		expectStarted(await deliverTo(1, rotating, { secret: PREVIOUS_SECRET }, parameters));
	});

	it('keeps its default tolerance of one hour; new nodes default to 5 minutes', async () => {
		expectStarted(await deliverTo(1, plain, { ageMs: 42 * MINUTE }));
		const outcome = await deliverTo(2, plain, { ageMs: 6 * MINUTE });
		expect(outcome.status).toBe(401);
		expect(outcome.body).toMatchObject({ reason: expect.stringMatching(/tolerance of 300 s/) });
		expectStarted(await deliverTo(2, plain, { ageMs: 4 * MINUTE }));
	});

	it('shows the old parameter as deprecated, saying where the secret belongs', () => {
		const description = engine.nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1).description;
		const property = description.properties.find(
			(candidate) => candidate.name === 'previousClientSecret',
		);
		expect(property?.displayName).toMatch(/Deprecated/);
		expect(property?.description).toMatch(/credential/);
		expect(property?.typeOptions?.password).toBe(true);
	});
});
