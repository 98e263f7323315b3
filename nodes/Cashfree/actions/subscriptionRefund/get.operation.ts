import { requestOperation, segment } from '../common/requestOperation';
import { SUBSCRIPTIONS_SINCE, subscriptionId } from '../subscription/common';
import { subscriptionRefundId, subscriptionRefundsPath, subscriptionRefundWords } from './common';

export const get = requestOperation({
	resource: 'subscriptionRefund',
	operation: 'get',
	about: subscriptionRefundWords,
	method: 'GET',
	ids: [subscriptionId, subscriptionRefundId],
	path: (subscription, refund) => `${subscriptionRefundsPath(subscription)}/${segment(refund)}`,
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Get Subscription Refund' },
});
