import type { ResourceWords } from '../../transport';
import {
	subscriptionId,
	subscriptionPaymentId,
	subscriptionPaymentPath,
} from '../subscription/common';

export const subscriptionPaymentWords: ResourceWords = {
	noun: 'subscription payment',
	idName: 'subscription ID and payment ID',
};

/** What the manage operations on one payment share: the subscription and the payment, in path and body. */
export const onSubscriptionPayment = {
	resource: 'subscriptionPayment',
	about: subscriptionPaymentWords,
	ids: [subscriptionId, subscriptionPaymentId],
	path: subscriptionPaymentPath,
	idNames: ['subscription_id', 'payment_id'],
};
