import { manageOperation, nextScheduledTime } from '../subscription/common';
import { onSubscriptionPayment } from './common';

export const retry = manageOperation({
	...onSubscriptionPayment,
	operation: 'retry',
	action: 'RETRY',
	title: 'Retry Subscription Payment',
	verb: 'scheduled again',
	...nextScheduledTime('When Cashfree tries the failed charge again'),
});
