import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRequestOptions, type RequestOptions } from '../../requestOptions';
import { cashfreeApiRequest, transportOptions } from '../../transport';
import { additionalOptions } from '../common/requestOptions.description';
import { defineOperation } from '../itemOperation';
import { linkIdField, linkPath, paymentLinkWords, readLinkId } from './common';

export interface LinkRequest {
	linkId: string;
	options: RequestOptions;
}

const properties = [linkIdField, additionalOptions({ changesState: false })];

export function readLinkRequest(context: IExecuteFunctions, itemIndex: number): LinkRequest {
	return { linkId: readLinkId(context, itemIndex), options: readRequestOptions(context, itemIndex) };
}

export async function getPaymentLink(
	this: IExecuteFunctions,
	request: LinkRequest,
	itemIndex: number,
): Promise<IDataObject> {
	return await cashfreeApiRequest.call(
		this,
		{ method: 'GET', path: linkPath(request.linkId), about: paymentLinkWords, ...transportOptions(request.options) },
		itemIndex,
	);
}

export const get = defineOperation(
	updateDisplayOptions({ show: { resource: ['paymentLink'], operation: ['get'] } }, properties),
	{ read: readLinkRequest, send: getPaymentLink },
);
