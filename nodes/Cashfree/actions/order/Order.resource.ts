import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { create } from './create.operation';
import { get } from './get.operation';
import { terminate } from './terminate.operation';

export const operations: Record<string, CashfreeOperation> = { create, get, terminate };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['order'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description:
				"Create an order for a customer to pay; outputs the order with the payment_session_id for Cashfree's checkout",
			action: 'Create an order',
		},
		{
			name: 'Get',
			value: 'get',
			description:
				'Get the details and current status (ACTIVE, PAID, EXPIRED, TERMINATED) of an order',
			action: 'Get an order',
		},
		{
			name: 'Terminate',
			value: 'terminate',
			description:
				'Terminate an ACTIVE order so that it takes no further payments. Cannot be undone. The answer may say TERMINATION_REQUESTED: Get the order later to see it TERMINATED.',
			action: 'Terminate an order',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
