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
	displayOptions: { show: { resource: ['batchTransfer'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				'Pay every input item in one batch, one transfer per item, under one Batch Transfer ID. Moves money out of your account and cannot be undone. Cashfree refuses a second batch with the same ID and a second transfer with the same Transfer ID, so a re-run pays nothing twice.',
			action: 'Create a batch transfer',
		},
		{
			name: 'Get Status',
			value: 'get',
			description:
				"Get a batch and the status of each of its transfers, by your Batch Transfer ID or Cashfree's",
			action: 'Get the status of a batch transfer',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
