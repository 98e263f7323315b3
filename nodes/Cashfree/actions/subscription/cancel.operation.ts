import { manageOperation, onSubscription } from './common';

export const cancel = manageOperation({
	...onSubscription,
	operation: 'cancel',
	action: 'CANCEL',
	title: 'Cancel Subscription',
	verb: 'cancelled',
});
