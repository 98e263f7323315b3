import type { INodeProperties } from 'n8n-workflow';

import { resourceProperties, type CashfreeOperation } from '../runOperation';
import { create } from './create.operation';
import { get } from './get.operation';
import { activate } from './activate.operation';
import { cancel } from './cancel.operation';
import { changePlan } from './changePlan.operation';
import { pause } from './pause.operation';

export const operations: Record<string, CashfreeOperation> = {
	activate,
	cancel,
	changePlan,
	create,
	get,
	pause,
};

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['subscription'] } },
	options: [
		{
			name: 'Activate',
			value: 'activate',
			description:
				'Resume a paused or on-hold subscription from the next scheduled date, so charges start again',
			action: 'Activate a subscription',
		},
		{
			name: 'Cancel',
			value: 'cancel',
			description:
				'End a subscription for good: no more charges are taken on its mandate. Cannot be undone; the customer must authorise a new subscription to pay again.',
			action: 'Cancel a subscription',
		},
		{
			name: 'Change Plan',
			value: 'changePlan',
			description:
				'Move a subscription to another existing plan, which sets what later charges take',
			action: 'Change the plan of a subscription',
		},
		{
			name: 'Create',
			value: 'create',
			description:
				'Create a subscription of a customer on a plan; the answer carries the session ID for the mandate checkout. Needs API version 2023-08-01 or later.',
			action: 'Create a subscription',
		},
		{
			name: 'Get',
			value: 'get',
			description:
				'Get one subscription: its status (INITIALIZED, ACTIVE, PAUSED, ON_HOLD, CANCELLED …), plan, mandate and next scheduled date',
			action: 'Get a subscription',
		},
		{
			name: 'Pause',
			value: 'pause',
			description:
				'Stop charges on an active subscription until it is activated again; the mandate stays',
			action: 'Pause a subscription',
		},
	],
	default: 'get',
};

export const description = resourceProperties(operationField, operations);
