import { manageOperation } from '../subscription/common';
import { onSubscriptionPayment } from './common';

export const cancel = manageOperation({
	...onSubscriptionPayment,
	operation: 'cancel',
	action: 'CANCEL',
	title: 'Cancel Subscription Payment',
	verb: 'cancelled',
});
