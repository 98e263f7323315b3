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
 * Selected unless the user chooses otherwise: the payment outcomes and payment link updates that
 * a Create Order / Create Link Notify URL receives. PAYMENT_CHARGES_WEBHOOK (the fees of a payment
 * that already had its success event), refunds, settlements and disputes are opt-in: a workflow
 * written for "a payment happened" should not also run for a second message about the same payment
 * or for money moving the other way.
 */
export const DEFAULT_EVENTS: string[] = [...PAYMENT_EVENTS, ...LINK_EVENTS];
