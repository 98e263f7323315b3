import { defineRequestOperation } from '../common/requestOperation';
import { disputeId, disputePath, DISPUTES_SINCE, disputeWords } from './common';

export const get = defineRequestOperation({
	resource: 'dispute',
	operation: 'get',
	about: disputeWords,
	method: 'GET',
	ids: [disputeId],
	path: disputePath,
	since: DISPUTES_SINCE,
});
