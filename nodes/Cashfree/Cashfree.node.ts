import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { paymentLinkOperations } from './actions/paymentLink';
import { runItemOperation, type ItemOperation } from './actions/itemOperation';
import type { RequestOptions } from './requestOptions';
import { cashfreeApiCredentialTest } from './credentialTest';
import {
	paymentLinkFields,
	paymentLinkOperations as paymentLinkOperationProperties,
} from './descriptions/PaymentLinkDescription';

/** resource → operation → implementation; the description files list the same names. */
type AnyItemOperation = ItemOperation<{ options: RequestOptions }>;
const operationsByResource: Record<string, Record<string, AnyItemOperation>> = {
	paymentLink: paymentLinkOperations as unknown as Record<string, AnyItemOperation>,
};

export class Cashfree implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cashfree',
		name: 'cashfree',
		icon: { light: 'file:cashfree.svg', dark: 'file:cashfree.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Act on Cashfree Payments: cancel a payment link that is still ACTIVE, or get a payment link and its status',
		defaults: { name: 'Cashfree' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cashfreeApi', required: true, testedBy: 'cashfreeApiCredentialTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Payment Link', value: 'paymentLink' }],
				default: 'paymentLink',
			},
			...paymentLinkOperationProperties,
			...paymentLinkFields,
		],
	};

	methods = { credentialTest: { cashfreeApiCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const implementation = operationsByResource[resource]?.[operation];
		if (!implementation) {
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
		}
		return [await runItemOperation(this, implementation)];
	}
}
