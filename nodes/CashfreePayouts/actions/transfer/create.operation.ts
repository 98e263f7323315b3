import { existingAsSuccess, isOn } from '../../../Cashfree/actions/common/existing';
import { earlierAttemptMayHaveBeenCarriedOut } from '../../../Cashfree/transport';
import {
	requestOperation,
	type Refusal,
	type RefusalOutcome,
} from '../../../Cashfree/actions/common/requestOperation';
import { transferWords } from '../common';
import {
	TRANSFERS_PATH,
	transferByIdPath,
	transferIdOf,
	unknownOutcomeExplanation,
} from './common';
import { refineTransfer, transferFields, transferRules } from './fields';

/**
 * A transfer is the same transfer when its id, amount and beneficiary are (Cashfree answers the
 * beneficiary's bank IFSC as `ifsc`: CreateTransferResponse in payouts-2024-01-01.json).
 */
const existing = existingAsSuccess({
	noun: 'transfer',
	idName: 'Transfer ID',
	about: transferWords,
	lookup: (request) => transferByIdPath(transferIdOf(request)),
	id: transferIdOf,
	same: [
		'transfer_amount',
		'beneficiary_details.beneficiary_id',
		'beneficiary_details.beneficiary_instrument_details.bank_account_number',
		[
			'beneficiary_details.beneficiary_instrument_details.bank_ifsc',
			'beneficiary_details.beneficiary_instrument_details.ifsc',
		],
		'beneficiary_details.beneficiary_instrument_details.vpa',
	],
});

/**
 * Cashfree's answer to a transfer it refused or lost, made plain: never a second payment.
 * A 409 after this item's own earlier attempt (a retry whose first answer was lost; rate-limit
 * refusals do not count, Cashfree never acted on them) is that attempt's transfer, checked like Treat Existing Transfers as Success; without the switch, a
 * 409 on the first attempt is a transfer made before (a re-run), reported as paying nothing.
 */
export async function onTransferRefusal(
	refusal: Refusal,
	settleExisting: (refusal: Refusal) => Promise<RefusalOutcome>,
	switchedOn: boolean,
	transferId: string,
): Promise<RefusalOutcome> {
	const { failure } = refusal;
	if (failure.outcomeUnknown) return { explanation: unknownOutcomeExplanation(transferId) };
	if (failure.httpStatus !== 409) return undefined;
	if (switchedOn || earlierAttemptMayHaveBeenCarriedOut(failure))
		return await settleExisting(refusal);
	return {
		explanation: `Nothing was paid for this item: transfer ${transferId} exists already (a re-run of the same rows?). Get transfer ${transferId} to see it, or turn on Treat Existing Transfers as Success to output existing transfers that match (same amount and beneficiary) instead of stopping.`,
	};
}

export const create = requestOperation({
	resource: 'transfer',
	operation: 'create',
	about: transferWords,
	method: 'POST',
	ids: [],
	path: () => TRANSFERS_PATH,
	fields: transferFields,
	rules: transferRules,
	refine: refineTransfer,
	flags: [existing.flag],
	onRefusal: async (refusal) =>
		await onTransferRefusal(
			refusal,
			existing.settle,
			isOn(refusal.request),
			transferIdOf(refusal.request),
		),
	carriedOut: { singular: 'transfer', plural: 'transfers', verb: 'made', id: transferIdOf },
});
