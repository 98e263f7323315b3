import type { INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../common/fields.description';
import type { FieldRules } from '../common/fields';
import { idFieldRule, SUBSCRIPTION_PAYMENT_ID, SUBSCRIPTION_REFUND_ID } from '../common/ids';
import { requestOperation } from '../common/requestOperation';
import { REFUND_AMOUNT_RULE, refundAmountField, refundSpeedField } from '../refund/common';
import {
	SUBSCRIPTIONS_SINCE,
	subscriptionId,
	subscriptionIdInBody,
	subscriptionPaymentId,
} from '../subscription/common';
import { subscriptionRefundId, subscriptionRefundsPath, subscriptionRefundWords } from './common';

const fields: INodeProperties[] = [
	{
		...subscriptionPaymentId.field,
		description: "The payment_id of the successful charge to refund (not Cashfree's cf_payment_id)",
	},
	{
		...subscriptionRefundId.field,
		description:
			'An ID of your choice for the refund, unique for the subscription: letters, digits, ".", "-" and "_". Build it from the item so that running the workflow again cannot refund twice.',
	},
	refundAmountField('the charge'),
	additionalFields([
		{
			displayName: 'Refund Note',
			name: 'refundNote',
			type: 'string',
			default: '',
			description: 'A note for your reference',
		},
		refundSpeedField(
			'Through the banking network; the only speed for UPI mandates',
			'Within minutes; the only speed for eNACH and physical NACH mandates',
		),
	]),
];

/** Cashfree's subscription Create Refund request (the Go SDK's CreateSubscriptionRefundRequest). */
const rules: FieldRules = {
	paymentId: idFieldRule('payment_id', SUBSCRIPTION_PAYMENT_ID),
	refundId: idFieldRule('refund_id', SUBSCRIPTION_REFUND_ID),
	refundAmount: REFUND_AMOUNT_RULE,
	refundNote: { to: 'refund_note', maxLength: 100 },
	refundSpeed: { to: 'refund_speed' },
};

export const create = requestOperation({
	resource: 'subscriptionRefund',
	operation: 'create',
	about: subscriptionRefundWords,
	method: 'POST',
	ids: [subscriptionId],
	path: subscriptionRefundsPath,
	fields,
	rules,
	refine: subscriptionIdInBody,
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Create Subscription Refund' },
	carriedOut: {
		singular: 'refund',
		plural: 'refunds',
		verb: 'created',
		id: (request) => `${String(request.fields.refund_id)} (subscription ${request.ids[0]})`,
	},
});
