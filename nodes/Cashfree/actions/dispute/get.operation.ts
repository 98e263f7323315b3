import { requestOperation } from '../common/requestOperation';
import { disputeId, disputePath, DISPUTES_SINCE, disputeWords } from './common';

export const get = requestOperation({
	resource: 'dispute',
	operation: 'get',
	about: disputeWords,
	method: 'GET',
	ids: [disputeId],
	path: disputePath,
	since: { version: DISPUTES_SINCE, title: 'Get Dispute' },
});
