import { requestOperation } from '../common/requestOperation';
import {
	SUBSCRIPTIONS_SINCE,
	subscriptionId,
	subscriptionPaymentId,
	subscriptionPaymentPath,
} from '../subscription/common';
import { subscriptionPaymentWords } from './common';

export const get = requestOperation({
	resource: 'subscriptionPayment',
	operation: 'get',
	about: subscriptionPaymentWords,
	method: 'GET',
	ids: [subscriptionId, subscriptionPaymentId],
	path: subscriptionPaymentPath,
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Get Subscription Payment' },
});
