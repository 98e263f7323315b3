import type { INodeProperties } from 'n8n-workflow';

import { additionalFields, keyValueField } from '../common/fields.description';
import {
	EMAIL_RULE,
	HTTPS_URL_RULE,
	IFSC_RULE,
	TEN_DIGIT_PHONE_RULE,
	type FieldRules,
} from '../common/fields';
import { idFieldRule, PLAN_ID, SUBSCRIPTION_ID } from '../common/ids';
import { requestOperation } from '../common/requestOperation';
import { planId } from '../subscriptionPlan/common';
import { SUBSCRIPTIONS_SINCE, subscriptionId, subscriptionWords } from './common';

const fields: INodeProperties[] = [
	{
		...subscriptionId.field,
		description:
			'An ID of your choice, unique in your account: up to 250 characters, letters, digits, ".", "-", "_" and spaces. Build it from the item (e.g. your customer or contract number) so that running the workflow again cannot create a second subscription.',
	},
	{ ...planId.field, description: 'The plan_id of an existing plan (Subscription Plan → Create)' },
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: "The customer's email address",
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		required: true,
		default: '',
		description: "The customer's 10-digit phone number",
	},
	additionalFields([
		{
			displayName: 'Authorization Amount',
			name: 'authorizationAmount',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 2 },
			description:
				'What the customer pays when authorising the mandate, with at most two decimals (always 0 for eNACH)',
		},
		{
			displayName: 'Authorization Amount Refund',
			name: 'authorizationAmountRefund',
			type: 'boolean',
			default: false,
			description:
				'Whether Cashfree gives the authorization amount back once the mandate is authorised',
		},
		{
			displayName: 'Cashfree Order ID',
			name: 'cfOrderId',
			type: 'string',
			default: '',
			description:
				"The cf_order_id of a Cashfree order to tie the subscription to (Cashfree's reference says no more of it). Needs API version 2026-01-01 or later.",
		},
		{
			displayName: 'Customer Bank Account Holder Name',
			name: 'customerBankAccountHolderName',
			type: 'string',
			default: '',
			description: 'For a bank account check (TPV): the account holder, up to 40 characters',
		},
		{
			displayName: 'Customer Bank Account Number',
			name: 'customerBankAccountNumber',
			type: 'string',
			default: '',
			description: 'The account the mandate debits, up to 35 characters',
		},
		{
			displayName: 'Customer Bank Account Type',
			name: 'customerBankAccountType',
			type: 'options',
			default: 'SAVINGS',
			options: [
				{ name: 'Savings', value: 'SAVINGS' },
				{ name: 'Current', value: 'CURRENT' },
			],
		},
		{
			displayName: 'Customer Bank Code',
			name: 'customerBankCode',
			type: 'string',
			default: '',
			description: "NPCI's code of the customer's bank, for eNACH",
		},
		{
			displayName: 'Customer Bank IFSC',
			name: 'customerBankIfsc',
			type: 'string',
			default: '',
			description: 'The IFSC of the account the mandate debits',
		},
		{
			displayName: 'Customer Name',
			name: 'customerName',
			type: 'string',
			default: '',
			description: "The customer's name",
		},
		{
			displayName: 'Expiry Time',
			name: 'subscriptionExpiryTime',
			type: 'dateTime',
			default: '',
			description:
				"When the subscription ends; a time without an offset is in the workflow's time zone",
		},
		{
			displayName: 'First Charge Time',
			name: 'subscriptionFirstChargeTime',
			type: 'dateTime',
			default: '',
			description:
				"For periodic plans: when the first charge after authorisation is due; a time without an offset is in the workflow's time zone",
		},
		{
			displayName: 'Notification Channels',
			name: 'notificationChannel',
			type: 'multiOptions',
			default: [],
			options: [
				{ name: 'Email', value: 'EMAIL' },
				{ name: 'SMS', value: 'SMS' },
			],
			description: 'How Cashfree tells the customer about the subscription',
		},
		{
			displayName: 'Payment Methods',
			name: 'paymentMethods',
			type: 'multiOptions',
			default: [],
			options: [
				{ name: 'Card', value: 'card' },
				{ name: 'eNACH', value: 'enach' },
				{ name: 'Physical NACH', value: 'pnach' },
				{ name: 'UPI', value: 'upi' },
			],
			description: 'The mandate types the customer may authorise with; all enabled ones when empty',
		},
		{
			displayName: 'Payment Splits',
			name: 'subscriptionPaymentSplits',
			type: 'json',
			default: '[]',
			description:
				"With Easy Split: each vendor's share of every charge, as Cashfree's list of objects with vendor_id and percentage",
		},
		{
			displayName: 'Return URL',
			name: 'returnUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/subscribed',
			description: 'Where the customer goes after the mandate checkout: an https URL',
		},
		{
			displayName: 'Session Expiry Time',
			name: 'sessionIdExpiry',
			type: 'dateTime',
			default: '',
			description:
				"When the customer's mandate checkout session (subscription_session_id) expires; a time without an offset is in the workflow's time zone. Needs API version 2026-01-01 or later.",
		},
		{
			displayName: 'Subscription Note',
			name: 'subscriptionNote',
			type: 'string',
			default: '',
			description:
				'A note stored with the subscription. Cashfree removed it in API version 2026-01-01: use it with 2023-08-01 or 2025-01-01 only.',
		},
		keyValueField(
			'Subscription Tags',
			'subscriptionTags',
			'Tag',
			"Up to 10 name/value pairs stored with the subscription (psp_note: the note shown in the customer's payment app)",
		),
	]),
];

/**
 * Cashfree's Create Subscription request (the Go SDK's CreateSubscriptionRequest and its parts).
 * Versions differ (SDK v5.1.0, API 2025-01-01, against v6, API 2026-01-01; v4.3.10, API
 * 2023-08-01, has the 2025-01-01 fields): 2026-01-01 drops subscription_note and adds
 * cf_order_id and subscription_meta.session_id_expiry, as Cashfree's overview announces for
 * Create Subscription ("two new fields, and one removed field").
 */
const rules: FieldRules = {
	subscriptionId: idFieldRule('subscription_id', SUBSCRIPTION_ID),
	planId: idFieldRule('plan_details.plan_id', PLAN_ID),
	customerEmail: { to: 'customer_details.customer_email', ...EMAIL_RULE },
	customerPhone: { to: 'customer_details.customer_phone', ...TEN_DIGIT_PHONE_RULE },
	customerName: { to: 'customer_details.customer_name', maxLength: 100 },
	customerBankAccountHolderName: {
		to: 'customer_details.customer_bank_account_holder_name',
		maxLength: 40,
	},
	customerBankAccountNumber: {
		to: 'customer_details.customer_bank_account_number',
		maxLength: 35,
	},
	customerBankIfsc: { to: 'customer_details.customer_bank_ifsc', ...IFSC_RULE },
	customerBankCode: { to: 'customer_details.customer_bank_code', maxLength: 20 },
	customerBankAccountType: { to: 'customer_details.customer_bank_account_type' },
	authorizationAmount: { to: 'authorization_details.authorization_amount', min: 0, decimals: 2 },
	authorizationAmountRefund: { to: 'authorization_details.authorization_amount_refund' },
	paymentMethods: { to: 'authorization_details.payment_methods' },
	returnUrl: { to: 'subscription_meta.return_url', ...HTTPS_URL_RULE },
	notificationChannel: { to: 'subscription_meta.notification_channel' },
	sessionIdExpiry: { to: 'subscription_meta.session_id_expiry', since: '2026-01-01' },
	cfOrderId: { to: 'cf_order_id', since: '2026-01-01' },
	subscriptionNote: { to: 'subscription_note', removedIn: '2026-01-01' },
	subscriptionExpiryTime: { to: 'subscription_expiry_time' },
	subscriptionFirstChargeTime: { to: 'subscription_first_charge_time' },
	subscriptionTags: { to: 'subscription_tags', maxEntries: 10 },
	subscriptionPaymentSplits: {
		to: 'subscription_payment_splits',
		listOf: { required: ['vendor_id', 'percentage'] },
	},
};

export const create = requestOperation({
	resource: 'subscription',
	operation: 'create',
	about: subscriptionWords,
	method: 'POST',
	ids: [],
	path: () => '/subscriptions',
	fields,
	rules,
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Create Subscription' },
	carriedOut: {
		singular: 'subscription',
		plural: 'subscriptions',
		verb: 'created',
		id: (request) => String(request.fields.subscription_id),
	},
});
