import { manageOperation, nextScheduledTime, onSubscription } from './common';

export const activate = manageOperation({
	...onSubscription,
	operation: 'activate',
	action: 'ACTIVATE',
	title: 'Activate Subscription',
	verb: 'activated',
	...nextScheduledTime('When the first charge after resuming is due'),
});
