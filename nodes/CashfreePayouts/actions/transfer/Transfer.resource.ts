import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../../../Cashfree/actions/runOperation';
import { create } from './create.operation';
import { get } from './get.operation';

export const operations: Record<string, CashfreeOperation> = { create, get };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['transfer'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				'Pay an amount to a saved beneficiary, a bank account or a UPI ID. Moves money out of your account and cannot be undone. Cashfree refuses a second transfer with the same Transfer ID, so a re-run pays nothing twice.',
			action: 'Create a transfer',
		},
		{
			name: 'Get',
			value: 'get',
			description:
				"Get one transfer and its status (RECEIVED, PENDING, SUCCESS, FAILED, REJECTED, REVERSED) by your Transfer ID or Cashfree's",
			action: 'Get a transfer',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
