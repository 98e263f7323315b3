import { segment } from '../../../Cashfree/actions/common/requestOperation';

export const BATCH_PATH = '/transfers/batch';

/** Get Batch Transfer Status V2 by the id you gave: GET /transfers/batch?batch_transfer_id=… */
export function batchByIdPath(batchTransferId: string): string {
	return `${BATCH_PATH}?batch_transfer_id=${segment(batchTransferId)}`;
}
