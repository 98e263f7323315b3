import { requestOperation } from '../common/requestOperation';
import { orderId, orderPath } from '../order/common';
import { paymentWords } from './common';

export const getAll = requestOperation({
	resource: 'payment',
	operation: 'getAll',
	about: paymentWords,
	method: 'GET',
	ids: [orderId],
	path: (order) => `${orderPath(order)}/payments`,
	list: true,
});
