/**
 * The editor and the code agree: every operation the editor offers runs, every operation that
 * runs is offered, each says what it does in words an AI agent can act on, and every call that
 * changes something at Cashfree offers an Idempotency Key.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { displayParameter } from 'n8n-workflow';

import { Cashfree } from '../../dist/nodes/Cashfree/Cashfree.node';
import { operationsByResource } from '../../dist/nodes/Cashfree/actions/router';

const nodeType = new Cashfree().description;
const properties = nodeType.properties;

function optionsOf(name: string, resource?: string): INodePropertyOptions[] {
	const field = properties.find(
		(property) =>
			property.name === name &&
			(resource === undefined || property.displayOptions?.show?.resource?.includes(resource)),
	);
	return (field?.options ?? []) as INodePropertyOptions[];
}

/** The fields the editor shows for one operation, as n8n decides it. */
function fieldsShownFor(resource: string, operation: string): INodeProperties[] {
	const parameters = { resource, operation };
	return properties.filter((property) =>
		displayParameter(parameters, property, { typeVersion: 1 } as never, nodeType),
	);
}

const resources = optionsOf('resource').map((option) => String(option.value));
const everyOperation = resources.flatMap((resource) =>
	optionsOf('operation', resource).map(
		(option) => [resource, String(option.value), option] as const,
	),
);

/** The operations that move money or cannot be undone: their descriptions must say so. */
const IRREVERSIBLE = [
	'paymentLink.cancel',
	'order.terminate',
	'refund.create',
	'dispute.accept',
	'subscription.cancel',
	'subscriptionPayment.raiseCharge',
	'subscriptionPayment.cancel',
	'subscriptionRefund.create',
];
/** The operations that change state at Cashfree, and so offer an Idempotency Key. */
const CHANGES_STATE = [
	...IRREVERSIBLE,
	'paymentLink.create',
	'order.create',
	'subscriptionPlan.create',
	'subscription.create',
	'subscription.pause',
	'subscription.activate',
	'subscription.changePlan',
	'subscriptionPayment.retry',
];

describe('the editor offers exactly what the node runs', () => {
	it('the ten resources of the Payment Gateway', () => {
		expect(resources.sort()).toEqual([
			'dispute',
			'order',
			'payment',
			'paymentLink',
			'refund',
			'settlement',
			'subscription',
			'subscriptionPayment',
			'subscriptionPlan',
			'subscriptionRefund',
		]);
		expect(Object.keys(operationsByResource).sort()).toEqual(resources.sort());
	});

	it.each(resources)('%s: the Operation options are the implemented operations', (resource) => {
		const offered = optionsOf('operation', resource).map((option) => option.value);
		expect(offered.sort()).toEqual(Object.keys(operationsByResource[resource]).sort());
	});

	it.each(everyOperation)(
		'%s %s: has an action and a description an agent can pick it by',
		(_resource, _operation, option) => {
			expect(option.action).toMatch(/^[A-Z][a-z]+ /);
			expect(option.description?.length).toBeGreaterThan(30);
		},
	);

	it.each(IRREVERSIBLE)('%s says that it cannot be undone', (name) => {
		const [resource, operation] = name.split('.');
		const option = optionsOf('operation', resource).find(
			(candidate) => candidate.value === operation,
		);
		expect(option?.description).toMatch(/cannot be undone/i);
	});

	it.each(everyOperation)(
		'%s %s: shows the Idempotency Key exactly when it changes state',
		(resource, operation) => {
			const options = fieldsShownFor(resource, operation).find(
				(field) => field.name === 'additionalOptions',
			);
			const names = ((options?.options ?? []) as INodeProperties[]).map((option) => option.name);
			expect(names).toEqual(
				expect.arrayContaining([
					'requestId',
					'timeout',
					'maxAttempts',
					'concurrency',
					'waitOnRateLimit',
				]),
			);
			expect(names.includes('idempotencyKey')).toBe(
				CHANGES_STATE.includes(`${resource}.${operation}`),
			);
		},
	);

	it('each field name is shown at most once per operation, so saved values cannot land in the wrong field', () => {
		for (const [resource, operation] of everyOperation) {
			const names = fieldsShownFor(resource, operation).map((field) => field.name);
			expect({ resource, operation, names }).toEqual({
				resource,
				operation,
				names: [...new Set(names)],
			});
		}
	});
});
