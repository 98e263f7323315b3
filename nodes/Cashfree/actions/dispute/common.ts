import type { ResourceWords } from '../../transport';
import { DISPUTE_ID } from '../common/ids';
import { segment, type PathId } from '../common/requestOperation';

export const disputeWords: ResourceWords = { noun: 'dispute', idName: 'dispute ID' };

export const disputeId: PathId = {
	rule: DISPUTE_ID,
	field: {
		displayName: 'Dispute ID',
		name: 'disputeId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '433475257',
		description: "Cashfree's dispute_id (digits), as Get Many or a dispute webhook reports it",
	},
};

export function disputePath(id: string): string {
	return `/disputes/${segment(id)}`;
}

/** Disputes arrived with API version 2023-08-01. */
export const DISPUTES_SINCE = '2023-08-01';
