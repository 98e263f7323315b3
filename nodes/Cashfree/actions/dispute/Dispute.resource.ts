import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { accept } from './accept.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const operations: Record<string, CashfreeOperation> = { accept, get, getAll };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['dispute'] } },
	options: [
		{
			name: 'Accept',
			value: 'accept',
			description:
				'Accept a dispute (chargeback) instead of contesting it: the disputed amount goes to the customer. Moves money and cannot be undone. Needs API version 2023-08-01 or later.',
			action: 'Accept a dispute',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one dispute: its reason, amount, status and the date by which to respond',
			action: 'Get a dispute',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the disputes raised on an order, one item per dispute',
			action: 'Get many disputes of an order',
		},
	],
	default: 'getAll',
};

export const description = resourceProperties(operationField, operations);
