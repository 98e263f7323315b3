import { requestOperation } from '../common/requestOperation';
import { disputeId, disputePath, DISPUTES_SINCE, disputeWords } from './common';

/** Accepting concedes the dispute: the amount goes back to the customer and cannot be contested again. */
export const accept = requestOperation({
	resource: 'dispute',
	operation: 'accept',
	about: disputeWords,
	method: 'PUT',
	ids: [disputeId],
	path: (id) => `${disputePath(id)}/accept`,
	since: { version: DISPUTES_SINCE, title: 'Accept Dispute' },
	carriedOut: {
		singular: 'dispute',
		plural: 'disputes',
		verb: 'accepted',
		id: (request) => request.ids[0],
	},
});
