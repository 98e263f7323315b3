import { requestOperation } from '../common/requestOperation';
import { SUBSCRIPTIONS_SINCE, subscriptionId, subscriptionPath, subscriptionWords } from './common';

export const get = requestOperation({
	resource: 'subscription',
	operation: 'get',
	about: subscriptionWords,
	method: 'GET',
	ids: [subscriptionId],
	path: subscriptionPath,
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Get Subscription' },
});
