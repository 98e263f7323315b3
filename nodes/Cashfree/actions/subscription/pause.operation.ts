import { manageOperation, onSubscription } from './common';

export const pause = manageOperation({
	...onSubscription,
	operation: 'pause',
	action: 'PAUSE',
	title: 'Pause Subscription',
	verb: 'paused',
});
