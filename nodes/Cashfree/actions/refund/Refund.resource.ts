import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const operations: Record<string, CashfreeOperation> = { create, get, getAll };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['refund'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				'Give money back to the customer for a PAID order, all or part of it. Moves money and cannot be undone. Refuses amounts above what is left to refund.',
			action: 'Create a refund',
		},
		{
			name: 'Get',
			value: 'get',
			description:
				'Get one refund of an order and its status (PENDING, SUCCESS, CANCELLED, ONHOLD)',
			action: 'Get a refund',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get every refund of an order, one item per refund',
			action: 'Get many refunds of an order',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
