import { BATCH_TRANSFER_ID, batchWords } from '../common';
import { getByEitherId } from '../lookUp';
import { BATCH_PATH } from './common';

/** Get Batch Transfer Status V2 (GET /transfers/batch): the batch and each of its transfers. */
export const get = getByEitherId({
	resource: 'batchTransfer',
	about: batchWords,
	path: BATCH_PATH,
	ours: {
		name: 'batchTransferId',
		to: 'batch_transfer_id',
		rule: BATCH_TRANSFER_ID,
		placeholder: 'vendors_2026_12',
		description: 'The batch_transfer_id the batch was sent with',
	},
	cashfrees: {
		name: 'cfBatchTransferId',
		to: 'cf_batch_transfer_id',
		description: "The cf_batch_transfer_id from Cashfree's answer, digits only",
	},
});
