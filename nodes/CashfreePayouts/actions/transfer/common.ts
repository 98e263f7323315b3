import { segment, type ReadRequest } from '../../../Cashfree/actions/common/requestOperation';

export const TRANSFERS_PATH = '/transfers';

/** Get Transfer Status V2 by the id you gave: GET /transfers?transfer_id=… */
export function transferByIdPath(transferId: string): string {
	return `${TRANSFERS_PATH}?transfer_id=${segment(transferId)}`;
}

/** The transfer_id a Create request sends: required, so it always has one. */
export function transferIdOf(request: ReadRequest): string {
	return String(request.fields.transfer_id);
}

/** What a user must do when a transfer's answer was lost: it may have paid. */
export function unknownOutcomeExplanation(transferId: string): string {
	return `The answer was lost, so transfer ${transferId} may have been carried out: money may have left your account. Get transfer ${transferId} before running it again. Running it again with the same Transfer ID cannot pay twice: Cashfree refuses a second transfer with that ID.`;
}
