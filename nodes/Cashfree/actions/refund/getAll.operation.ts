import { requestOperation } from '../common/requestOperation';
import { orderId } from '../order/common';
import { refundsPath, refundWords } from './common';

export const getAll = requestOperation({
	resource: 'refund',
	operation: 'getAll',
	about: refundWords,
	method: 'GET',
	ids: [orderId],
	path: refundsPath,
	list: true,
});
