import { requestOperation } from '../common/requestOperation';
import { orderId, orderPath } from '../order/common';
import { DISPUTES_SINCE, disputeWords } from './common';

export const getAll = requestOperation({
	resource: 'dispute',
	operation: 'getAll',
	about: { ...disputeWords, idName: 'order ID' },
	method: 'GET',
	ids: [orderId],
	path: (order) => `${orderPath(order)}/disputes`,
	list: true,
	since: { version: DISPUTES_SINCE, title: 'Get Many Disputes' },
});
