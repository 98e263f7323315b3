import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { cashfreeApiRequest, type CashfreeFailure } from '../transport';
import { validateLinkId } from '../validation';
import type { ItemOperation } from './itemOperation';

interface LinkRequest {
	linkId: string;
	requestId?: string;
	idempotencyKey?: string;
	timeout?: number;
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

export async function getPaymentLink(
	this: IExecuteFunctions,
	request: LinkRequest,
	itemIndex: number,
): Promise<IDataObject> {
	return await cashfreeApiRequest.call(
		this,
		{ method: 'GET', path: linkPath(request.linkId), requestId: request.requestId, timeout: request.timeout },
		itemIndex,
	);
}

export async function cancelPaymentLink(
	this: IExecuteFunctions,
	request: LinkRequest,
	itemIndex: number,
): Promise<IDataObject> {
	// Cashfree's refusal does not say which state the link is in, so fetch it: "already
	// CANCELLED" and "PAID" call for different actions by the user.
	const explainRefusal = async (failure: CashfreeFailure): Promise<string | undefined> => {
		if (failure.httpStatus !== 400 && failure.httpStatus !== 409) return undefined;
		try {
			const link = await getPaymentLink.call(this, { linkId: request.linkId, timeout: request.timeout }, itemIndex);
			const status = String(link.link_status ?? '');
			if (status === '' || status === 'ACTIVE') return undefined;
			const state = STATUS_EXPLANATIONS[status] ?? `is ${status}`;
			return `Payment link "${request.linkId}" ${state}; only ACTIVE links can be cancelled`;
		} catch {
			// The refusal itself is still reported; only the extra detail is missing.
			return undefined;
		}
	};
	return await cashfreeApiRequest.call(
		this,
		{
			method: 'POST',
			path: `${linkPath(request.linkId)}/cancel`,
			requestId: request.requestId,
			idempotencyKey: request.idempotencyKey,
			timeout: request.timeout,
		},
		itemIndex,
		explainRefusal,
	);
}

export const paymentLinkOperations: Record<string, ItemOperation<LinkRequest>> = {
	cancel: { read: readLinkRequest, send: cancelPaymentLink },
	get: { read: readLinkRequest, send: getPaymentLink },
};
