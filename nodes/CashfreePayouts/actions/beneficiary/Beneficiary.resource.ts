import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../../../Cashfree/actions/runOperation';
import { create } from './create.operation';
import { get } from './get.operation';
import { remove } from './remove.operation';

export const operations: Record<string, CashfreeOperation> = { create, get, remove };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['beneficiary'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				'Add a beneficiary (a bank account with its IFSC, a UPI ID, or both) that transfers can pay by Beneficiary ID',
			action: 'Create a beneficiary',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one beneficiary and its status (VERIFIED, INVALID, INITIATED …)',
			action: 'Get a beneficiary',
		},
		{
			name: 'Remove',
			value: 'remove',
			description:
				'Remove a beneficiary, so that no transfer can pay it by its ID any more. Cannot be undone: add it again to pay it.',
			action: 'Remove a beneficiary',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
