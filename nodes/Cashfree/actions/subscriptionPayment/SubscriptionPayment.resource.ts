import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { cancel } from './cancel.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { raiseCharge } from './raiseCharge.operation';
import { retry } from './retry.operation';

export const operations: Record<string, CashfreeOperation> = {
	cancel,
	get,
	getAll,
	raiseCharge,
	retry,
};

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['subscriptionPayment'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			description:
				'Stop a scheduled charge of a subscription before Cashfree takes it. Cannot be undone; raise a new charge instead.',
			action: 'Cancel a subscription payment',
		},
		{
			name: 'Get',
			value: 'get',
			description:
				'Get one charge of a subscription by its payment ID: amount, status (PENDING, SUCCESS, FAILED, CANCELLED …) and failure reason',
			action: 'Get a subscription payment',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get every payment of a subscription, one item per payment',
			action: 'Get many payments of a subscription',
		},
		{
			name: 'Raise Charge',
			value: 'raiseCharge',
			description:
				"Take money from the customer on the subscription's authorised mandate. Moves money and cannot be undone (only refunded later).",
			action: 'Raise a charge on a subscription',
		},
		{
			name: 'Retry',
			value: 'retry',
			description: 'Schedule a failed charge of a subscription again, on a date you choose',
			action: 'Retry a subscription payment',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
