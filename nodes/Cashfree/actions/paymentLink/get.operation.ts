import { defineRequestOperation } from '../common/requestOperation';
import { linkId, linkPath, paymentLinkWords } from './common';

export const get = defineRequestOperation({
	resource: 'paymentLink',
	operation: 'get',
	about: paymentLinkWords,
	method: 'GET',
	ids: [linkId],
	path: linkPath,
});
