import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const operations: Record<string, CashfreeOperation> = { get, getAll };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['payment'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description:
				'Get one payment attempt of an order: its status (SUCCESS, FAILED, PENDING, USER_DROPPED …), amount, method and bank reference',
			action: 'Get a payment',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get every payment attempt made on an order, one item per payment',
			action: 'Get many payments of an order',
		},
	],
	default: 'getAll',
};

export const description = resourceProperties(operationField, operations);
