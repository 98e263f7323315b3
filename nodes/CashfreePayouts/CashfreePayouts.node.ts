import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { cashfreePayoutsApiCredentialTest } from '../Cashfree/transport';
import * as batchTransfer from './actions/batchTransfer/BatchTransfer.resource';
import * as beneficiary from './actions/beneficiary/Beneficiary.resource';
import { router } from './actions/router';
import * as transfer from './actions/transfer/Transfer.resource';

/**
 * Cashfree Payouts as a node of its own, with its own credential: Payouts has other keys, another
 * base URL and a second factor, as n8n's own nodes keep a vendor's separate products apart
 * (docs/payouts.md says why). The operations, checks and transport are the Cashfree node's.
 */
export class CashfreePayouts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cashfree Payouts',
		name: 'cashfreePayouts',
		icon: { light: 'file:../Cashfree/cashfree.svg', dark: 'file:../Cashfree/cashfree.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Pay vendors, sellers and refunds from your Cashfree Payouts account: transfers, batch transfers and beneficiaries',
		defaults: { name: 'Cashfree Payouts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'cashfreePayoutsApi',
				required: true,
				testedBy: 'cashfreePayoutsApiCredentialTest',
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Batch Transfer', value: 'batchTransfer' },
					{ name: 'Beneficiary', value: 'beneficiary' },
					{ name: 'Transfer', value: 'transfer' },
				],
				default: 'transfer',
			},
			...transfer.description,
			...batchTransfer.description,
			...beneficiary.description,
		],
	};

	methods = { credentialTest: { cashfreePayoutsApiCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
