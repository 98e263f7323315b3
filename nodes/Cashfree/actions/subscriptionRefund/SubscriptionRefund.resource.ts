import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { create } from './create.operation';
import { get } from './get.operation';

export const operations: Record<string, CashfreeOperation> = { create, get };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['subscriptionRefund'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				'Give back all or part of a successful subscription charge. Moves money and cannot be undone.',
			action: 'Create a subscription refund',
		},
		{
			name: 'Get',
			value: 'get',
			description:
				'Get one refund of a subscription and its status (PENDING, SUCCESS, FAILED, CANCELLED …)',
			action: 'Get a subscription refund',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
