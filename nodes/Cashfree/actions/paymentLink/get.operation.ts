import { requestOperation } from '../common/requestOperation';
import { linkId, linkPath, paymentLinkWords } from './common';

export const get = requestOperation({
	resource: 'paymentLink',
	operation: 'get',
	about: paymentLinkWords,
	method: 'GET',
	ids: [linkId],
	path: linkPath,
});
