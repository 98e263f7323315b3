import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { cancel } from './cancel.operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { getOrders } from './getOrders.operation';

/** Adding an operation: its file, its line here and its entry in the options below. */
export const operations: Record<string, CashfreeOperation> = { cancel, create, get, getOrders };

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['paymentLink'] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			description:
				'Cancel an ACTIVE payment link so that no further payments can be made on it. Cannot be undone. Links that are already cancelled, paid, partially paid or expired cannot be cancelled.',
			action: 'Cancel a payment link',
		},
		{
			name: 'Create',
			value: 'create',
			description:
				'Create a payment link that asks a customer to pay an amount; outputs the link with its link_url to send to the customer',
			action: 'Create a payment link',
		},
		{
			name: 'Get',
			value: 'get',
			description:
				'Get the details and current status (ACTIVE, PAID, PARTIALLY_PAID, EXPIRED, CANCELLED) of a payment link',
			action: 'Get a payment link',
		},
		{
			name: 'Get Orders',
			value: 'getOrders',
			description: 'Get the orders made on a payment link (paid ones, or all), one item per order',
			action: 'Get the orders of a payment link',
		},
	],
	default: 'cancel',
};

export const description = resourceProperties(operationField, operations);
