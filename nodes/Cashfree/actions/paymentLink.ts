import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { safeAnswerText } from '../answerText';
import { readOperationFlag, readRequestOptions, type RequestOptions } from '../requestOptions';
import { asNodeError, cashfreeApiRequest, failureOf, toNodeApiError } from '../transport';
import { validateLinkId } from '../validation';
import type { ItemOperation } from './itemOperation';

interface LinkRequest {
	linkId: string;
	options: RequestOptions;
	treatAlreadyCancelledAsSuccess: boolean;
}

/** Reads and checks one item's parameters; throws before anything is sent. */
function readLinkRequest(context: IExecuteFunctions, itemIndex: number): LinkRequest {
	return {
		linkId: validateLinkId(context, context.getNodeParameter('linkId', itemIndex), itemIndex),
		options: readRequestOptions(context, itemIndex),
		treatAlreadyCancelledAsSuccess: readOperationFlag(context, 'treatAlreadyCancelledAsSuccess', itemIndex),
	};
}

/** The validated link id is the only variable part of the path. */
function linkPath(linkId: string): string {
	return `/links/${encodeURIComponent(linkId)}`;
}

/** Looked up as own properties only: a status such as "constructor" is not a key of ours. */
const STATUS_EXPLANATIONS = new Map<string, string>([
	['CANCELLED', 'is already CANCELLED'],
	['PAID', 'is PAID'],
	['PARTIALLY_PAID', 'is PARTIALLY_PAID (a payment was made on it)'],
	['EXPIRED', 'has EXPIRED'],
]);

/** The options every link call hands to the transport unchanged. */
function transportOptions({ requestId, timeout, maxAttempts, waitOnRateLimit }: RequestOptions) {
	return { requestId, timeout, maxAttempts, waitOnRateLimit };
}

export async function getPaymentLink(
	this: IExecuteFunctions,
	request: LinkRequest,
	itemIndex: number,
): Promise<IDataObject> {
	return await cashfreeApiRequest.call(
		this,
		{ method: 'GET', path: linkPath(request.linkId), ...transportOptions(request.options) },
		itemIndex,
	);
}

/** The link as it is now, or undefined when it cannot be read: only used to explain a refusal. */
async function currentLink(context: IExecuteFunctions, request: LinkRequest, itemIndex: number) {
	try {
		return await getPaymentLink.call(context, { ...request, options: { ...request.options, requestId: undefined } }, itemIndex);
	} catch {
		// The refusal itself is still reported; only the extra detail is missing.
		return undefined;
	}
}

export async function cancelPaymentLink(
	this: IExecuteFunctions,
	request: LinkRequest,
	itemIndex: number,
): Promise<IDataObject> {
	const { linkId, options } = request;
	try {
		return await cashfreeApiRequest.call(
			this,
			{
				method: 'POST',
				path: `${linkPath(linkId)}/cancel`,
				idempotencyKey: options.idempotencyKey,
				...transportOptions(options),
			},
			itemIndex,
		);
	} catch (error) {
		const failure = failureOf(error);
		if (!failure || (failure.httpStatus !== 400 && failure.httpStatus !== 409)) {
			throw asNodeError(this, error, itemIndex);
		}
		// Cashfree's refusal does not say which state the link is in, so look: "already
		// CANCELLED" is harmless for a re-run, "PAID" needs a person.
		const link = await currentLink(this, request, itemIndex);
		const status = typeof link?.link_status === 'string' ? link.link_status : undefined;
		if (link && status === 'CANCELLED' && request.treatAlreadyCancelledAsSuccess) {
			return { ...link, alreadyCancelled: true };
		}
		const explanation =
			status && status !== 'ACTIVE'
				? `Payment link "${linkId}" ${STATUS_EXPLANATIONS.get(status) ?? `is ${safeAnswerText(status, [], 40)}`}; only ACTIVE links can be cancelled`
				: undefined;
		throw toNodeApiError(this, failure, itemIndex, explanation);
	}
}

export const paymentLinkOperations = {
	cancel: {
		read: readLinkRequest,
		send: cancelPaymentLink,
		sendsIdempotencyKey: true,
		carriedOut: { singular: 'link', plural: 'links', verb: 'cancelled', id: (request) => request.linkId },
	},
	get: { read: readLinkRequest, send: getPaymentLink },
} satisfies Record<string, ItemOperation<LinkRequest>>;
