import { defineRequestOperation } from '../common/requestOperation';
import { orderId, orderPath } from '../order/common';
import { paymentWords } from './common';

export const getAll = defineRequestOperation({
	resource: 'payment',
	operation: 'getAll',
	about: paymentWords,
	method: 'GET',
	ids: [orderId],
	path: (order) => `${orderPath(order)}/payments`,
	list: true,
});
