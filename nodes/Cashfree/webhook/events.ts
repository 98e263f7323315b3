/**
 * The `type` of each Payment Gateway webhook Cashfree documents (Developers → Webhooks), and the
 * one the dashboard's Test button sends.
 */
export const TEST_EVENT = 'WEBHOOK';

export const ALL_EVENTS = '*';

export const PAYMENT_EVENTS = [
	'PAYMENT_SUCCESS_WEBHOOK',
	'PAYMENT_FAILED_WEBHOOK',
	'PAYMENT_USER_DROPPED_WEBHOOK',
] as const;

export const LINK_EVENTS = ['PAYMENT_LINK_EVENT'] as const;

/**
 * Cashfree's subscription webhooks (its "Subscription Webhooks" page, 2025-01-01 and
 * 2023-08-01), sent to the URL set in the dashboard. Opt-in: a subscription's events are not
 * what a Create Order or Create Link Notify URL receives.
 */
export const SUBSCRIPTION_EVENTS = [
	'SUBSCRIPTION_STATUS_CHANGED',
	'SUBSCRIPTION_STATUS_CHANGE',
	'SUBSCRIPTION_AUTH_STATUS',
	'SUBSCRIPTION_PAYMENT_NOTIFICATION_INITIATED',
	'SUBSCRIPTION_PAYMENT_SUCCESS',
	'SUBSCRIPTION_PAYMENT_FAILED',
	'SUBSCRIPTION_PAYMENT_CANCELLED',
	'SUBSCRIPTION_REFUND_STATUS',
	'SUBSCRIPTION_CARD_EXPIRY_REMINDER',
] as const;

/**
 * Selected unless the user chooses otherwise: the payment outcomes and payment link updates that
 * a Create Order / Create Link Notify URL receives. PAYMENT_CHARGES_WEBHOOK (the fees of a payment
 * that already had its success event), refunds, settlements and disputes are opt-in: a workflow
 * written for "a payment happened" should not also run for a second message about the same payment
 * or for money moving the other way.
 */
export const DEFAULT_EVENTS: string[] = [...PAYMENT_EVENTS, ...LINK_EVENTS];
