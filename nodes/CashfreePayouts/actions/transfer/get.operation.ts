import { TRANSFER_ID, transferWords } from '../common';
import { getByEitherId } from '../lookUp';
import { TRANSFERS_PATH } from './common';

/** Get Transfer Status V2 (GET /transfers): by your transfer_id or Cashfree's cf_transfer_id. */
export const get = getByEitherId({
	resource: 'transfer',
	about: transferWords,
	path: TRANSFERS_PATH,
	ours: {
		name: 'transferId',
		to: 'transfer_id',
		rule: TRANSFER_ID,
		placeholder: 'vendor_payout_1042',
		description: 'The transfer_id the transfer was made with',
	},
	cashfrees: {
		name: 'cfTransferId',
		to: 'cf_transfer_id',
		description: "The cf_transfer_id from Cashfree's answer, digits only",
	},
});
