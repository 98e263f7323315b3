import type { INodeProperties } from 'n8n-workflow';

/**
 * The fields every Cashfree trigger shows alike (webhook/receiveDelivery.ts reads them): the
 * signature rule and the replay window are the same for each product that signs its webhooks.
 */
export const verifySignaturesProperty: INodeProperties = {
	displayName: 'Verify Signatures',
	name: 'verifySignatures',
	type: 'boolean',
	default: true,
	description:
		"Whether to refuse (HTTP 401) every delivery whose x-webhook-signature is not Cashfree's HMAC-SHA256 of its timestamp and body with the credential's client secret",
};

/** Five minutes, as Cashfree advises (CashfreeTrigger.node.ts says why it suits both triggers). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The 5-minute tolerance; shown only while signatures are verified. */
export const toleranceProperty: INodeProperties = {
	displayName: 'Timestamp Tolerance (Seconds)',
	name: 'toleranceSeconds',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 604800 },
	default: DEFAULT_TOLERANCE_SECONDS,
	description:
		"How far x-webhook-timestamp may be from this server's clock, either way, before a delivery is refused as a replay: 5 minutes by default, as Cashfree advises. A replay within it starts nothing either. 0 does not check the time; replays are then caught only while the trigger remembers the event (24 hours).",
	displayOptions: { show: { verifySignatures: [true] } },
};

/**
 * The Cashfree Trigger's fields, apart from its webhook logic as Stripe's node keeps its
 * descriptions apart. The defaults are written out for n8n's lint; webhook/settings.ts reads and
 * checks the values, expressions included.
 */
export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Paste this node's webhook URL in the Cashfree Merchant Dashboard under Developers → Webhooks, or pass it as the Notify URL of a Create Link or Create Order operation. Cashfree has no API to register it.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [
			'PAYMENT_SUCCESS_WEBHOOK',
			'PAYMENT_FAILED_WEBHOOK',
			'PAYMENT_USER_DROPPED_WEBHOOK',
			'PAYMENT_LINK_EVENT',
		],
		description:
			'The webhook types that start the workflow; other deliveries are answered 200 and start nothing',
		options: [
			{
				name: '* (Every Event, Including Types Added Later)',
				value: '*',
			},
			{
				name: 'Dispute: Closed',
				value: 'DISPUTE_CLOSED',
				description: 'DISPUTE_CLOSED: a dispute was closed',
			},
			{
				name: 'Dispute: Created',
				value: 'DISPUTE_CREATED',
				description: 'DISPUTE_CREATED: a customer disputed a payment',
			},
			{
				name: 'Dispute: Updated',
				value: 'DISPUTE_UPDATED',
				description: 'DISPUTE_UPDATED: a dispute changed status or stage, or got a comment',
			},
			{
				name: 'Payment Link: Paid, Partially Paid, Cancelled or Expired',
				value: 'PAYMENT_LINK_EVENT',
				description:
					'PAYMENT_LINK_EVENT: a payment link was paid, partly paid, cancelled or expired',
			},
			{
				name: 'Payment: Charges',
				value: 'PAYMENT_CHARGES_WEBHOOK',
				description:
					'PAYMENT_CHARGES_WEBHOOK (API version 2025-01-01): the charges of a successful payment',
			},
			{
				name: 'Payment: Failed',
				value: 'PAYMENT_FAILED_WEBHOOK',
				description: 'PAYMENT_FAILED_WEBHOOK: a payment attempt failed',
			},
			{
				name: 'Payment: Success',
				value: 'PAYMENT_SUCCESS_WEBHOOK',
				description: 'PAYMENT_SUCCESS_WEBHOOK: a payment succeeded',
			},
			{
				name: 'Payment: User Dropped',
				value: 'PAYMENT_USER_DROPPED_WEBHOOK',
				description: 'PAYMENT_USER_DROPPED_WEBHOOK: the customer left the payment unfinished',
			},
			{
				name: 'Refund: Auto Refund Status',
				value: 'AUTO_REFUND_STATUS_WEBHOOK',
				description: 'AUTO_REFUND_STATUS_WEBHOOK: Cashfree refunded a payment by itself',
			},
			{
				name: 'Refund: Status',
				value: 'REFUND_STATUS_WEBHOOK',
				description: 'REFUND_STATUS_WEBHOOK: a refund succeeded or was cancelled',
			},
			{
				name: 'Settlement: Failed',
				value: 'SETTLEMENT_FAILED',
				description: 'SETTLEMENT_FAILED: a settlement to your bank account failed',
			},
			{
				name: 'Settlement: Initiated',
				value: 'SETTLEMENT_INITIATED',
				description: 'SETTLEMENT_INITIATED: a settlement to your bank account started',
			},
			{
				name: 'Settlement: Reversed',
				value: 'SETTLEMENT_REVERSED',
				description: 'SETTLEMENT_REVERSED: a settlement was reversed',
			},
			{
				name: 'Settlement: Success',
				value: 'SETTLEMENT_SUCCESS',
				description: 'SETTLEMENT_SUCCESS: a settlement reached your bank account',
			},
			{
				name: 'Subscription: Authorisation Status',
				value: 'SUBSCRIPTION_AUTH_STATUS',
				description:
					'SUBSCRIPTION_AUTH_STATUS: the customer completed the mandate checkout, with success or failure',
			},
			{
				name: 'Subscription: Card Expiry Reminder',
				value: 'SUBSCRIPTION_CARD_EXPIRY_REMINDER',
				description:
					'SUBSCRIPTION_CARD_EXPIRY_REMINDER (2025-01-01 webhooks): the card behind a mandate expires soon',
			},
			{
				name: 'Subscription: Payment Cancelled',
				value: 'SUBSCRIPTION_PAYMENT_CANCELLED',
				description: 'SUBSCRIPTION_PAYMENT_CANCELLED: a charge of a subscription was cancelled',
			},
			{
				name: 'Subscription: Payment Failed',
				value: 'SUBSCRIPTION_PAYMENT_FAILED',
				description: 'SUBSCRIPTION_PAYMENT_FAILED: a charge of a subscription failed',
			},
			{
				name: 'Subscription: Payment Notification Initiated',
				value: 'SUBSCRIPTION_PAYMENT_NOTIFICATION_INITIATED',
				description:
					'SUBSCRIPTION_PAYMENT_NOTIFICATION_INITIATED: Cashfree told the customer of an upcoming charge',
			},
			{
				name: 'Subscription: Payment Success',
				value: 'SUBSCRIPTION_PAYMENT_SUCCESS',
				description: 'SUBSCRIPTION_PAYMENT_SUCCESS: a charge of a subscription succeeded',
			},
			{
				name: 'Subscription: Refund Status',
				value: 'SUBSCRIPTION_REFUND_STATUS',
				description: 'SUBSCRIPTION_REFUND_STATUS: a refund of a subscription charge changed status',
			},
			{
				name: 'Subscription: Status Changed',
				value: 'SUBSCRIPTION_STATUS_CHANGED',
				description:
					'SUBSCRIPTION_STATUS_CHANGED: a subscription became active, on hold, paused, cancelled, completed or expired',
			},
			{
				name: 'Subscription: Status Changed (2023-08-01 Webhooks)',
				value: 'SUBSCRIPTION_STATUS_CHANGE',
				description:
					'SUBSCRIPTION_STATUS_CHANGE: the same event as Cashfree names it for webhooks set up with version 2023-08-01',
			},
		],
	},
	verifySignaturesProperty,
	{
		displayName:
			'Signatures are not checked: anyone who knows or guesses this URL can start the workflow with any payment, refund or settlement they make up. Use this only to look at test deliveries.',
		name: 'verificationOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { verifySignatures: [false] } },
	},
	{
		...toleranceProperty,
		displayOptions: { show: { verifySignatures: [true], '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{
		displayName: 'Timestamp Tolerance (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 604800 },
		default: 3600,
		description:
			"How far x-webhook-timestamp may be from this server's clock, either way, before a delivery is refused as a replay (0 does not check). One hour in version 1 of this node; new nodes use 5 minutes, as Cashfree advises. A replay within it starts nothing either.",
		displayOptions: { show: { verifySignatures: [true], '@version': [1] } },
	},
	{
		displayName: 'Previous Client Secret (Deprecated)',
		name: 'previousClientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"Deprecated: a secret here is stored in the workflow itself, so it travels with exports, source control and every execution's copy of the workflow. Put it in the credential's Previous Client Secret field and clear this one. While set, a signature made with it is still accepted.",
		displayOptions: { show: { verifySignatures: [true], '@version': [1] } },
	},
	{
		displayName: 'Include Test Events',
		name: 'includeTestEvents',
		type: 'boolean',
		default: false,
		description:
			'Whether the dashboard\'s Test button (type "WEBHOOK") starts the workflow. When off, it is verified and answered 200 but starts nothing.',
	},
];
