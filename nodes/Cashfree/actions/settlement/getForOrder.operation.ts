import { requestOperation } from '../common/requestOperation';
import { orderId, orderPath } from '../order/common';
import { settlementWords } from './common';

export const getForOrder = requestOperation({
	resource: 'settlement',
	operation: 'getForOrder',
	about: settlementWords,
	method: 'GET',
	ids: [orderId],
	path: (order) => `${orderPath(order)}/settlements`,
});
