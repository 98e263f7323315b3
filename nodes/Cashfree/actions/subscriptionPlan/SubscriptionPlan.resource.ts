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
	displayOptions: { show: { resource: ['subscriptionPlan'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				'Create a plan: what a subscription charges (a fixed amount at fixed intervals, or on demand up to a maximum). Needs API version 2023-08-01 or later.',
			action: 'Create a subscription plan',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one plan by its plan ID: type, amounts, intervals and status',
			action: 'Get a subscription plan',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
