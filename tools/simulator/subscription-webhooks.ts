/**
 * The bodies of Cashfree's subscription webhooks (its "Subscription Webhooks" page for
 * 2025-01-01: SUBSCRIPTION_STATUS_CHANGED, SUBSCRIPTION_AUTH_STATUS, SUBSCRIPTION_PAYMENT_SUCCESS,
 * _FAILED, _CANCELLED and SUBSCRIPTION_REFUND_STATUS), after its samples: `{data, event_time,
 * type}`, amounts written with two decimals in the raw body. Cashfree posts them to the URL
 * set in its dashboard, not to a per-subscription notify URL.
 */
import { toIstTimestamp } from './format';
import type { SubscriptionEvent, StoredSubscription } from './subscriptions';
import { rawAmount, serializeWebhookBody, type WebhookEvent } from './webhook-payloads';

export type SubscriptionWebhookType =
	| 'SUBSCRIPTION_STATUS_CHANGED'
	| 'SUBSCRIPTION_AUTH_STATUS'
	| 'SUBSCRIPTION_PAYMENT_SUCCESS'
	| 'SUBSCRIPTION_PAYMENT_FAILED'
	| 'SUBSCRIPTION_PAYMENT_CANCELLED'
	| 'SUBSCRIPTION_REFUND_STATUS';

function subscriptionData(subscription: StoredSubscription): Record<string, unknown> {
	const plan = subscription.plan_details;
	return {
		subscription_details: {
			cf_subscription_id: subscription.cf_subscription_id,
			subscription_id: subscription.subscription_id,
			subscription_status: subscription.subscription_status,
			subscription_expiry_time: subscription.subscription_expiry_time,
			subscription_first_charge_time: subscription.subscription_first_charge_time,
			subscription_tags: subscription.subscription_tags,
			next_schedule_date: subscription.next_schedule_date,
		},
		customer_details: {
			customer_name: subscription.customer_details.customer_name ?? null,
			customer_email: subscription.customer_details.customer_email,
			customer_phone: subscription.customer_details.customer_phone,
		},
		plan_details: {
			...plan,
			plan_recurring_amount:
				plan.plan_recurring_amount === null ? null : rawAmount(plan.plan_recurring_amount),
			plan_max_amount: rawAmount(plan.plan_max_amount),
		},
		authorization_details: subscription.authorisation_details,
		payment_gateway_details: {
			gateway_name: 'CASHFREE',
			gateway_subscription_id: subscription.cf_subscription_id,
		},
	};
}

/** The webhook of a subscription event, rendered now (a snapshot, as Cashfree's are). */
export function subscriptionWebhookFor(event: SubscriptionEvent, now = Date.now()): WebhookEvent {
	const envelope = (type: SubscriptionWebhookType, data: unknown): WebhookEvent => ({
		type,
		body: serializeWebhookBody({ data, event_time: toIstTimestamp(now), type }),
	});
	switch (event.kind) {
		case 'status':
			return envelope('SUBSCRIPTION_STATUS_CHANGED', subscriptionData(event.subscription));
		case 'auth':
			return envelope('SUBSCRIPTION_AUTH_STATUS', {
				subscription_id: event.subscription.subscription_id,
				cf_subscription_id: event.subscription.cf_subscription_id,
				payment_type: 'AUTH',
				payment_status: event.status === 'SUCCESS' ? 'SUCCESS' : 'FAILED',
				authorization_details: event.subscription.authorisation_details,
			});
		case 'payment': {
			const { payment } = event;
			const type = `SUBSCRIPTION_PAYMENT_${payment.payment_status}` as SubscriptionWebhookType;
			return envelope(type, {
				...payment,
				payment_amount: rawAmount(payment.payment_amount),
				payment_currency: event.subscription.plan_details.plan_currency,
			});
		}
		case 'refund':
			return envelope('SUBSCRIPTION_REFUND_STATUS', {
				...event.refund,
				refund_amount: rawAmount(event.refund.refund_amount),
				subscription_id: event.subscription.subscription_id,
				cf_subscription_id: event.subscription.cf_subscription_id,
			});
	}
}
