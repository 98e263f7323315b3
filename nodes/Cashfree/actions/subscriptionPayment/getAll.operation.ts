import { requestOperation } from '../common/requestOperation';
import {
	SUBSCRIPTIONS_SINCE,
	subscriptionId,
	subscriptionPath,
	subscriptionWords,
} from '../subscription/common';

/** Cashfree answers every payment of the subscription in one list (no cursor in its schema). */
export const getAll = requestOperation({
	resource: 'subscriptionPayment',
	operation: 'getAll',
	about: subscriptionWords,
	method: 'GET',
	ids: [subscriptionId],
	path: (subscription) => `${subscriptionPath(subscription)}/payments`,
	list: true,
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Get Many Subscription Payments' },
});
