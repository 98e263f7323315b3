/**
 * The editor and the code agree: every operation the editor offers runs, every operation that
 * runs is offered, each says what it does in words an AI agent can act on, and every call that
 * changes something at Cashfree offers an Idempotency Key. For both nodes: Cashfree (Payment
 * Gateway) and Cashfree Payouts.
 */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { displayParameter } from 'n8n-workflow';

import { Cashfree } from '../../dist/nodes/Cashfree/Cashfree.node';
import { operationsByResource as gatewayOperations } from '../../dist/nodes/Cashfree/actions/router';
import { CashfreePayouts } from '../../dist/nodes/CashfreePayouts/CashfreePayouts.node';
import { operationsByResource as payoutOperations } from '../../dist/nodes/CashfreePayouts/actions/router';

interface NodeUnderTest {
	title: string;
	nodeType: INodeTypeDescription;
	operationsByResource: Record<string, Record<string, unknown>>;
	resources: string[];
	/** The operations that move money or cannot be undone: their descriptions must say so. */
	irreversible: string[];
	/** Those that pay out: "moves money out of your account and cannot be undone". */
	paysOut: string[];
	/** The operations that change state at Cashfree, and so offer an Idempotency Key. */
	changesState: string[];
}

const gatewayIrreversible = [
	'paymentLink.cancel',
	'order.terminate',
	'refund.create',
	'dispute.accept',
	'subscription.cancel',
	'subscriptionPayment.raiseCharge',
	'subscriptionPayment.cancel',
	'subscriptionRefund.create',
];
const payoutsIrreversible = ['transfer.create', 'batchTransfer.create', 'beneficiary.remove'];

const NODES: NodeUnderTest[] = [
	{
		title: 'Cashfree',
		nodeType: new Cashfree().description,
		operationsByResource: gatewayOperations,
		resources: [
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
		],
		irreversible: gatewayIrreversible,
		paysOut: [],
		changesState: [
			...gatewayIrreversible,
			'paymentLink.create',
			'order.create',
			'subscriptionPlan.create',
			'subscription.create',
			'subscription.pause',
			'subscription.activate',
			'subscription.changePlan',
			'subscriptionPayment.retry',
		],
	},
	{
		title: 'Cashfree Payouts',
		nodeType: new CashfreePayouts().description,
		operationsByResource: payoutOperations,
		resources: ['batchTransfer', 'beneficiary', 'transfer'],
		irreversible: payoutsIrreversible,
		paysOut: ['transfer.create', 'batchTransfer.create'],
		changesState: [...payoutsIrreversible, 'beneficiary.create'],
	},
];

describe.each(NODES)('$title', (node) => {
	const { nodeType, operationsByResource } = node;
	const properties = nodeType.properties;
	const IRREVERSIBLE = node.irreversible;
	const CHANGES_STATE = node.changesState;

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

	it('the operations that pay out say that they move money out of your account and cannot be undone', () => {
		for (const name of node.paysOut) {
			const [resource, operation] = name.split('.');
			const option = optionsOf('operation', resource).find(
				(candidate) => candidate.value === operation,
			);
			expect({ name, description: option?.description }).toEqual({
				name,
				description: expect.stringMatching(/moves money out of your account and cannot be undone/i),
			});
		}
	});

	describe('the editor offers exactly what the node runs', () => {
		it('the resources of the product', () => {
			expect(resources.sort()).toEqual(node.resources);
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
});
