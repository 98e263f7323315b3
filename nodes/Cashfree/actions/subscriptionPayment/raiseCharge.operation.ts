import type { INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../common/fields.description';
import { AMOUNT_RULE, type FieldRules } from '../common/fields';
import { idFieldRule, SUBSCRIPTION_ID, SUBSCRIPTION_PAYMENT_ID } from '../common/ids';
import { requestOperation } from '../common/requestOperation';
import { SUBSCRIPTIONS_SINCE, subscriptionId, subscriptionPaymentId } from '../subscription/common';
import { subscriptionPaymentWords } from './common';

const fields: INodeProperties[] = [
	subscriptionId.field,
	{
		...subscriptionPaymentId.field,
		description:
			'An ID of your choice for this charge, unique for the subscription: letters, digits, ".", "-" and "_". Build it from the item (e.g. charge_ followed by the billing month) so that running the workflow again cannot charge twice.',
	},
	{
		displayName: 'Payment Amount',
		name: 'paymentAmount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 2 },
		description:
			"What to take from the customer, at least 1, with at most two decimals; at most the plan's maximum amount",
	},
	additionalFields([
		{
			displayName: 'Payment Remarks',
			name: 'paymentRemarks',
			type: 'string',
			default: '',
			description: 'A note for your reference',
		},
		{
			displayName: 'Payment Schedule Date',
			name: 'paymentScheduleDate',
			type: 'dateTime',
			default: '',
			description:
				"The day Cashfree takes the charge (required by Cashfree for UPI and card mandates). Only the date counts, and it is sent as picked, in the workflow's time zone.",
		},
	]),
];

/** Cashfree's Raise a Charge request (the Go SDK's CreateSubscriptionPaymentRequest, payment_type CHARGE). */
const rules: FieldRules = {
	subscriptionId: idFieldRule('subscription_id', SUBSCRIPTION_ID),
	paymentId: idFieldRule('payment_id', SUBSCRIPTION_PAYMENT_ID),
	paymentAmount: { to: 'payment_amount', ...AMOUNT_RULE },
	paymentRemarks: { to: 'payment_remarks', maxLength: 500 },
	paymentScheduleDate: { to: 'payment_schedule_date', dayOnly: true },
};

/** Takes money from the customer on an authorised mandate. */
export const raiseCharge = requestOperation({
	resource: 'subscriptionPayment',
	operation: 'raiseCharge',
	about: { ...subscriptionPaymentWords, idName: 'subscription ID' },
	method: 'POST',
	ids: [],
	path: () => '/subscriptions/pay',
	fields,
	rules,
	fixedBody: { payment_type: 'CHARGE' },
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Raise Subscription Charge' },
	carriedOut: {
		singular: 'charge',
		plural: 'charges',
		verb: 'raised',
		id: (request) =>
			`${String(request.fields.payment_id)} (subscription ${String(request.fields.subscription_id)})`,
	},
});
