import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asNodeError, cashfreeApiRequest, failureOf, toNodeApiError } from '../transport';
import { validateLinkId } from '../validation';
import type { ItemOperation } from './itemOperation';

interface LinkRequest {
	linkId: string;
	requestId?: string;
	idempotencyKey?: string;
	timeout?: number;
	maxAttempts?: number;
	waitOnRateLimit?: boolean;
	treatAlreadyCancelledAsSuccess?: boolean;
}

/** Reads and checks one item's parameters; throws before anything is sent. */
function readLinkRequest(context: IExecuteFunctions, itemIndex: number): LinkRequest {
	const linkId = validateLinkId(context, context.getNodeParameter('linkId', itemIndex), itemIndex);
	const options = context.getNodeParameter('additionalOptions', itemIndex, {}) as IDataObject;
	return {
		linkId,
		requestId: typeof options.requestId === 'string' ? options.requestId.trim() || undefined : undefined,
		idempotencyKey:
			typeof options.idempotencyKey === 'string' ? options.idempotencyKey.trim() || undefined : undefined,
		timeout: typeof options.timeout === 'number' ? options.timeout : undefined,
		maxAttempts: typeof options.maxAttempts === 'number' ? options.maxAttempts : undefined,
		waitOnRateLimit: options.waitOnRateLimit !== false,
		treatAlreadyCancelledAsSuccess: options.treatAlreadyCancelledAsSuccess === true,
	};
}

/** The validated link id is the only variable part of the path. */
function linkPath(linkId: string): string {
	return `/links/${encodeURIComponent(linkId)}`;
}

const STATUS_EXPLANATIONS: Record<string, string> = {
	CANCELLED: 'is already CANCELLED',
	PAID: 'is PAID',
	PARTIALLY_PAID: 'is PARTIALLY_PAID (a payment was made on it)',
	EXPIRED: 'has EXPIRED',
};

/** The options every link call hands to the transport unchanged. */
function transportOptions({ requestId, timeout, maxAttempts, waitOnRateLimit }: LinkRequest) {
	return { requestId, timeout, maxAttempts, waitOnRateLimit };
}

export async function getPaymentLink(
	this: IExecuteFunctions,
	request: LinkRequest,
	itemIndex: number,
): Promise<IDataObject> {
	return await cashfreeApiRequest.call(
		this,
		{ method: 'GET', path: linkPath(request.linkId), ...transportOptions(request) },
		itemIndex,
	);
}

/** The link as it is now, or undefined when it cannot be read: only used to explain a refusal. */
async function currentLink(context: IExecuteFunctions, request: LinkRequest, itemIndex: number) {
	try {
		return await getPaymentLink.call(context, { ...request, requestId: undefined }, itemIndex);
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
	const { linkId, idempotencyKey } = request;
	try {
		return await cashfreeApiRequest.call(
			this,
			{ method: 'POST', path: `${linkPath(linkId)}/cancel`, idempotencyKey, ...transportOptions(request) },
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
				? `Payment link "${linkId}" ${STATUS_EXPLANATIONS[status] ?? `is ${status}`}; only ACTIVE links can be cancelled`
				: undefined;
		throw toNodeApiError(this, failure, itemIndex, explanation);
	}
}

export const paymentLinkOperations: Record<string, ItemOperation<LinkRequest>> = {
	cancel: { read: readLinkRequest, send: cancelPaymentLink },
	get: { read: readLinkRequest, send: getPaymentLink },
};
