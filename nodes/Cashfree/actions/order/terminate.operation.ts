import { requestOperation } from '../common/requestOperation';
import { orderId, orderPath, orderWords } from './common';

/** Cashfree's only order update: asking it to end an ACTIVE order so it takes no more payments. */
export const terminate = requestOperation({
	resource: 'order',
	operation: 'terminate',
	about: orderWords,
	method: 'PATCH',
	ids: [orderId],
	path: orderPath,
	fixedBody: { order_status: 'TERMINATED' },
	since: { version: '2023-08-01', title: 'Terminate Order' },
	carriedOut: {
		singular: 'order',
		plural: 'orders',
		verb: 'terminated',
		id: (request) => request.ids[0],
	},
});
