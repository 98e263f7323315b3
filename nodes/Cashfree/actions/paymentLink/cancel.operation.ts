import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { safeAnswerText } from '../../answerText';
import { readOperationFlag, readRequestOptions, type RequestOptions } from '../../requestOptions';
import {
	asNodeError,
	cashfreeApiRequest,
	failureOf,
	toNodeApiError,
	transportOptions,
} from '../../transport';
import { LINK_ID, validateId } from '../common/ids';
import { additionalOptions } from '../common/requestOptions.description';
import { defineOperation } from '../itemOperation';
import { linkIdField, linkPath, paymentLinkWords } from './common';

interface CancelRequest {
	linkId: string;
	options: RequestOptions;
	treatAlreadyCancelledAsSuccess: boolean;
}

const treatAlreadyCancelledAsSuccess: INodeProperties = {
	displayName: 'Treat Already-Cancelled Links as Success',
	name: 'treatAlreadyCancelledAsSuccess',
	type: 'boolean',
	default: false,
	description:
		'Whether a link that is already CANCELLED outputs its current details (with alreadyCancelled: true) instead of an error, so that re-running a clean-up is harmless. PAID and EXPIRED links still fail.',
};

const properties = [
	linkIdField,
	additionalOptions({ changesState: true, own: [treatAlreadyCancelledAsSuccess] }),
];

function readCancelRequest(context: IExecuteFunctions, itemIndex: number): CancelRequest {
	return {
		linkId: validateId(context, LINK_ID, context.getNodeParameter('linkId', itemIndex), itemIndex),
		options: readRequestOptions(context, itemIndex),
		treatAlreadyCancelledAsSuccess: readOperationFlag(
			context,
			treatAlreadyCancelledAsSuccess,
			itemIndex,
		),
	};
}

/** Looked up as own properties only: a status such as "constructor" is not a key of ours. */
const STATUS_EXPLANATIONS = new Map<string, string>([
	['CANCELLED', 'is already CANCELLED'],
	['PAID', 'is PAID'],
	['PARTIALLY_PAID', 'is PARTIALLY_PAID (a payment was made on it)'],
	['EXPIRED', 'has EXPIRED'],
]);

/** The link as it is now, or undefined when it cannot be read: only used to explain a refusal. */
async function currentLink(
	context: IExecuteFunctions,
	{ linkId, options }: CancelRequest,
	itemIndex: number,
) {
	try {
		return await cashfreeApiRequest.call(
			context,
			{
				method: 'GET',
				path: linkPath(linkId),
				about: paymentLinkWords,
				...transportOptions({ ...options, requestId: undefined }),
			},
			itemIndex,
		);
	} catch {
		// The refusal itself is still reported; only the extra detail is missing.
		return undefined;
	}
}

export async function cancelPaymentLink(
	this: IExecuteFunctions,
	request: CancelRequest,
	itemIndex: number,
): Promise<IDataObject> {
	const { linkId, options } = request;
	try {
		return await cashfreeApiRequest.call(
			this,
			{
				method: 'POST',
				path: `${linkPath(linkId)}/cancel`,
				about: paymentLinkWords,
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

export const cancel = defineOperation(
	updateDisplayOptions({ show: { resource: ['paymentLink'], operation: ['cancel'] } }, properties),
	{
		read: readCancelRequest,
		send: cancelPaymentLink,
		sendsIdempotencyKey: true,
		carriedOut: {
			singular: 'link',
			plural: 'links',
			verb: 'cancelled',
			id: (request) => request.linkId,
		},
	},
);
