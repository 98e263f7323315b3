import { requestOperation, segment } from '../common/requestOperation';
import { orderId } from '../order/common';
import { refundId, refundsPath, refundWords } from './common';

export const get = requestOperation({
	resource: 'refund',
	operation: 'get',
	about: refundWords,
	method: 'GET',
	ids: [orderId, refundId],
	path: (order, refund) => `${refundsPath(order)}/${segment(refund)}`,
});
