import { requestOperation } from '../common/requestOperation';
import { orderId, orderPath, orderWords } from './common';

export const get = requestOperation({
	resource: 'order',
	operation: 'get',
	about: orderWords,
	method: 'GET',
	ids: [orderId],
	path: orderPath,
});
