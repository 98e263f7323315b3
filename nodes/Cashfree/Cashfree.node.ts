import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as dispute from './actions/dispute/Dispute.resource';
import * as order from './actions/order/Order.resource';
import * as payment from './actions/payment/Payment.resource';
import * as paymentLink from './actions/paymentLink/PaymentLink.resource';
import * as refund from './actions/refund/Refund.resource';
import * as settlement from './actions/settlement/Settlement.resource';
import * as subscription from './actions/subscription/Subscription.resource';
import * as subscriptionPayment from './actions/subscriptionPayment/SubscriptionPayment.resource';
import * as subscriptionPlan from './actions/subscriptionPlan/SubscriptionPlan.resource';
import * as subscriptionRefund from './actions/subscriptionRefund/SubscriptionRefund.resource';
import { router } from './actions/router';
import { cashfreeApiCredentialTest } from './transport';

/** A thin class: each resource file brings its operations and fields, the router runs them. */
export class Cashfree implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cashfree',
		name: 'cashfree',
		icon: { light: 'file:cashfree.svg', dark: 'file:cashfree.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Act on Cashfree Payments: payment links, orders, payments, refunds, settlements, disputes and subscriptions',
		defaults: { name: 'Cashfree' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cashfreeApi', required: true, testedBy: 'cashfreeApiCredentialTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Dispute', value: 'dispute' },
					{ name: 'Order', value: 'order' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Payment Link', value: 'paymentLink' },
					{ name: 'Refund', value: 'refund' },
					{ name: 'Settlement', value: 'settlement' },
					{ name: 'Subscription', value: 'subscription' },
					{ name: 'Subscription Payment', value: 'subscriptionPayment' },
					{ name: 'Subscription Plan', value: 'subscriptionPlan' },
					{ name: 'Subscription Refund', value: 'subscriptionRefund' },
				],
				default: 'paymentLink',
			},
			...paymentLink.description,
			...order.description,
			...payment.description,
			...refund.description,
			...settlement.description,
			...dispute.description,
			...subscriptionPlan.description,
			...subscription.description,
			...subscriptionPayment.description,
			...subscriptionRefund.description,
		],
	};

	methods = { credentialTest: { cashfreeApiCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
