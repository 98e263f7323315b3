/**
 * The bodies of Cashfree's Payment Gateway webhooks, after the sample payloads in its
 * documents (payments/webhooks, payment-links/webhooks, refunds/webhooks, for 2025-01-01 and
 * 2023-08-01). Choices where the samples leave room: tools/simulator/README.md, "Webhooks".
 */
import { randomToken, toIstTimestamp } from './format';
import type { GatewayEvent } from './gateway';
import type { SubscriptionWebhookType } from './subscription-webhooks';
import type { SignedEvent } from './webhooks';
import type {
	PaymentLinkOrder,
	PaymentStatus,
	StoredLink,
	StoredOrder,
	StoredPayment,
	StoredRefund,
} from './types';

export type WebhookType =
	| 'PAYMENT_SUCCESS_WEBHOOK'
	| 'PAYMENT_FAILED_WEBHOOK'
	| 'PAYMENT_USER_DROPPED_WEBHOOK'
	| 'PAYMENT_LINK_EVENT'
	| 'REFUND_STATUS_WEBHOOK'
	| SubscriptionWebhookType;

export type WebhookEvent = SignedEvent<WebhookType>;

const PAYMENT_WEBHOOK_TYPES: Partial<Record<PaymentStatus, WebhookType>> = {
	SUCCESS: 'PAYMENT_SUCCESS_WEBHOOK',
	FAILED: 'PAYMENT_FAILED_WEBHOOK',
	USER_DROPPED: 'PAYMENT_USER_DROPPED_WEBHOOK',
};

/**
 * Cashfree writes payment and refund amounts with two decimals (`170.00`), which
 * JSON.stringify cannot: an amount is serialised as a marked string and the marks are then
 * cut away, leaving the bare decimal in the raw body. A receiver that parses and re-serialises
 * the body before checking the signature gets `170` and a mismatch, as with Cashfree.
 */
const AMOUNT_MARK = '\u0000amount:';
const MARKED_AMOUNT = /"\\u0000amount:(-?\d+\.\d{2})"/g;

class RawAmount {
	constructor(private readonly amount: number) {}

	toJSON(): string {
		return AMOUNT_MARK + this.amount.toFixed(2);
	}
}

export function serializeWebhookBody(value: unknown): string {
	return JSON.stringify(value).replace(MARKED_AMOUNT, '$1');
}

const amount = (value: number) => new RawAmount(value);
/** An amount written with two decimals in a webhook's raw body, for the other webhook files. */
export const rawAmount = amount;
/** The link webhook's samples quote every amount as a string with two decimals. */
const quotedAmount = (value: number) => value.toFixed(2);

function paymentData(payment: StoredPayment, order: StoredOrder): Record<string, unknown> {
	const customer = order.customer_details;
	return {
		order: {
			order_id: order.order_id,
			order_amount: amount(order.order_amount),
			order_currency: order.order_currency,
			order_tags: order.order_tags ?? null,
		},
		payment: {
			cf_payment_id: payment.cf_payment_id,
			payment_status: payment.payment_status,
			payment_amount: amount(payment.payment_amount),
			payment_currency: payment.payment_currency,
			payment_message: payment.payment_message,
			payment_time: payment.payment_time,
			bank_reference: payment.bank_reference,
			auth_id: null,
			payment_method: payment.payment_method,
			payment_group: payment.payment_group,
		},
		customer_details: {
			customer_name: customer.customer_name ?? null,
			customer_id: customer.customer_id ?? null,
			customer_email: customer.customer_email ?? null,
			customer_phone: customer.customer_phone,
		},
		payment_gateway_details: {
			gateway_name: 'CASHFREE',
			gateway_order_id: order.cf_order_id,
			gateway_payment_id: payment.cf_payment_id,
			gateway_order_reference_id: null,
			gateway_settlement: 'CASHFREE',
			gateway_status_code: null,
		},
		payment_offers: null,
		...(payment.error_details ? { error_details: payment.error_details } : {}),
	};
}

function linkData(
	link: StoredLink,
	order?: PaymentLinkOrder,
	payment?: StoredPayment,
): Record<string, unknown> {
	return {
		cf_link_id: link.cf_link_id,
		link_id: link.link_id,
		link_status: link.link_status,
		link_currency: link.link_currency,
		link_amount: quotedAmount(link.link_amount),
		link_amount_paid: quotedAmount(link.link_amount_paid),
		link_partial_payments: link.link_partial_payments,
		...(link.link_minimum_partial_amount === undefined
			? {}
			: { link_minimum_partial_amount: quotedAmount(link.link_minimum_partial_amount) }),
		link_purpose: link.link_purpose,
		link_created_at: link.link_created_at,
		customer_details: link.customer_details,
		link_meta: link.link_meta,
		link_url: link.link_url,
		link_expiry_time: link.link_expiry_time,
		link_notes: link.link_notes,
		link_auto_reminders: link.link_auto_reminders,
		link_notify: link.link_notify,
		// Only a payment has an order to report; a cancelled or expired link has none.
		...(order && payment
			? {
					order: {
						order_amount: quotedAmount(order.order_amount),
						order_id: order.order_id,
						order_expiry_time: order.order_expiry_time,
						order_hash: randomToken(20),
						transaction_id: Number(payment.cf_payment_id),
						transaction_status: payment.payment_status,
					},
				}
			: {}),
	};
}

function refundData(refund: StoredRefund): Record<string, unknown> {
	return {
		refund: {
			cf_refund_id: Number(refund.cf_refund_id),
			cf_payment_id: Number(refund.cf_payment_id),
			refund_id: refund.refund_id,
			order_id: refund.order_id,
			refund_amount: amount(refund.refund_amount),
			refund_currency: refund.refund_currency,
			entity: 'Refund',
			refund_type: refund.refund_type,
			refund_arn: refund.refund_arn ?? null,
			refund_status: refund.refund_status,
			status_description: refund.status_description,
			created_at: refund.created_at,
			processed_at: refund.processed_at ?? null,
			refund_charge: refund.refund_charge,
			refund_note: refund.refund_note ?? null,
			refund_splits: refund.refund_splits,
			metadata: null,
			refund_mode: refund.refund_speed,
		},
	};
}

/**
 * The webhook a gateway event makes, rendered now (a snapshot, as Cashfree's are), or
 * undefined when the event has none. Every body is `{data, event_time, type}`; the link
 * event also carries `version: 1`, as its samples do.
 */
export function webhookFor(event: GatewayEvent, now = Date.now()): WebhookEvent | undefined {
	const envelope = (type: WebhookType, data: unknown, extra: object = {}): WebhookEvent => ({
		type,
		body: serializeWebhookBody({ data, event_time: toIstTimestamp(now), type, ...extra }),
	});
	switch (event.kind) {
		case 'payment': {
			const type = PAYMENT_WEBHOOK_TYPES[event.payment.payment_status];
			return type && envelope(type, paymentData(event.payment, event.order));
		}
		case 'link':
			return envelope('PAYMENT_LINK_EVENT', linkData(event.link, event.order, event.payment), {
				version: 1,
			});
		case 'refund':
			return event.refund.refund_status === 'SUCCESS' || event.refund.refund_status === 'FAILED'
				? envelope('REFUND_STATUS_WEBHOOK', refundData(event.refund))
				: undefined;
		case 'refundPending':
			return undefined;
	}
}

/**
 * Where Cashfree sends an event: a link's events, and the payments of its orders, to the
 * link's notify_url; a plain order's payments and refunds to the order's.
 */
export function notifyUrlFor(event: GatewayEvent): string | undefined {
	switch (event.kind) {
		case 'link':
			return event.link.link_meta.notify_url;
		case 'payment':
			return event.link ? event.link.link_meta.notify_url : event.order.order_meta.notify_url;
		case 'refund':
		case 'refundPending':
			return event.order.order_meta.notify_url;
	}
}
