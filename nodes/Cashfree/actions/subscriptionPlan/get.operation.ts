import { requestOperation } from '../common/requestOperation';
import { SUBSCRIPTIONS_SINCE } from '../subscription/common';
import { planId, planPath, planWords } from './common';

export const get = requestOperation({
	resource: 'subscriptionPlan',
	operation: 'get',
	about: planWords,
	method: 'GET',
	ids: [planId],
	path: planPath,
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Get Subscription Plan' },
});
