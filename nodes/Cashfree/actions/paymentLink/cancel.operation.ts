import type { INodeProperties } from 'n8n-workflow';

import { safeAnswerText } from '../../transport';
import {
	lookUpAfterRefusal,
	requestOperation,
	type Refusal,
	type RefusalOutcome,
} from '../common/requestOperation';
import { linkId, linkPath, paymentLinkWords } from './common';

const treatAlreadyCancelledAsSuccess: INodeProperties = {
	displayName: 'Treat Already-Cancelled Links as Success',
	name: 'treatAlreadyCancelledAsSuccess',
	type: 'boolean',
	default: false,
	description:
		'Whether a link that is already CANCELLED outputs its current details (with alreadyCancelled: true) instead of an error, so that re-running a clean-up is harmless. PAID and EXPIRED links still fail.',
};

/** Looked up as own properties only: a status such as "constructor" is not a key of ours. */
const STATUS_EXPLANATIONS = new Map<string, string>([
	['CANCELLED', 'is already CANCELLED'],
	['PAID', 'is PAID'],
	['PARTIALLY_PAID', 'is PARTIALLY_PAID (a payment was made on it)'],
	['EXPIRED', 'has EXPIRED'],
]);

/**
 * Cashfree refuses to cancel a link that is not ACTIVE (400 or 409) without saying which state
 * it is in, so look: "already CANCELLED" is harmless for a re-run, "PAID" needs a person.
 */
async function explainRefusedCancel(refusal: Refusal): Promise<RefusalOutcome> {
	const { request, failure } = refusal;
	if (failure.httpStatus !== 400 && failure.httpStatus !== 409) return undefined;
	const [id] = request.ids;
	const link = await lookUpAfterRefusal(refusal, linkPath(id), paymentLinkWords);
	const status = typeof link?.link_status === 'string' ? link.link_status : undefined;
	if (link && status === 'CANCELLED' && request.flags.treatAlreadyCancelledAsSuccess) {
		return { json: { ...link, alreadyCancelled: true } };
	}
	if (!status || status === 'ACTIVE') return undefined;
	const state = STATUS_EXPLANATIONS.get(status) ?? `is ${safeAnswerText(status, [], 40)}`;
	return { explanation: `Payment link "${id}" ${state}; only ACTIVE links can be cancelled` };
}

export const cancel = requestOperation({
	resource: 'paymentLink',
	operation: 'cancel',
	about: paymentLinkWords,
	method: 'POST',
	ids: [linkId],
	path: (id) => `${linkPath(id)}/cancel`,
	flags: [treatAlreadyCancelledAsSuccess],
	onRefusal: explainRefusedCancel,
	carriedOut: { singular: 'link', plural: 'links', verb: 'cancelled', id: ({ ids }) => ids[0] },
});
