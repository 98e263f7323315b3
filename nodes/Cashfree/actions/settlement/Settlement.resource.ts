import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { getAll } from './getAll.operation';
import { getForOrder } from './getForOrder.operation';

export const operations: Record<string, CashfreeOperation> = { getAll, getForOrder };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['settlement'] } },
	options: [
		{
			name: 'Get for Order',
			value: 'getForOrder',
			description:
				'Get the settlement of one order: when its money reached the bank account, the UTR and the charges',
			action: 'Get the settlement of an order',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description:
				'Get settlements by settlement ID, UTR or date range, one item per settlement, for reconciliation',
			action: 'Get many settlements',
		},
	],
	default: 'getAll',
};

export const description = resourceProperties(operationField, operations);
