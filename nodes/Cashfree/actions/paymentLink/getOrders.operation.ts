import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRequestOptions, type RequestOptions } from '../../requestOptions';
import { cashfreeApiListRequest, transportOptions } from '../../transport';
import { applyListLimit, limitField, readListLimit, returnAllField, type ListLimit } from '../common/listing';
import type { RunInfo } from '../common/apiVersion';
import { readFields } from '../common/fields';
import { additionalOptions } from '../common/requestOptions.description';
import { defineOperation } from '../itemOperation';
import { linkIdField, linkPath, paymentLinkWords, readLinkId } from './common';

interface LinkOrdersRequest {
	linkId: string;
	query: IDataObject;
	limit: ListLimit;
	options: RequestOptions;
}

const statusField: INodeProperties = {
	displayName: 'Orders',
	name: 'orderStatus',
	type: 'options',
	default: 'PAID',
	options: [
		{ name: 'All', value: 'ALL', description: 'Every order made on the link, paid or not' },
		{ name: 'Paid', value: 'PAID', description: 'Only the orders that were paid' },
	],
	description: 'Which orders of the link to return (Cashfree returns only paid ones unless asked for all)',
};

const properties = [linkIdField, statusField, returnAllField, limitField, additionalOptions({ changesState: false })];

function readLinkOrdersRequest(context: IExecuteFunctions, itemIndex: number, run: RunInfo): LinkOrdersRequest {
	return {
		linkId: readLinkId(context, itemIndex),
		query: readFields(context, itemIndex, [statusField], { orderStatus: { to: 'status' } }, run),
		limit: readListLimit(context, itemIndex),
		options: readRequestOptions(context, itemIndex),
	};
}

export async function getPaymentLinkOrders(
	this: IExecuteFunctions,
	request: LinkOrdersRequest,
	itemIndex: number,
): Promise<IDataObject[]> {
	const orders = await cashfreeApiListRequest.call(
		this,
		{
			method: 'GET',
			path: `${linkPath(request.linkId)}/orders`,
			qs: request.query,
			about: paymentLinkWords,
			...transportOptions(request.options),
		},
		itemIndex,
	);
	return applyListLimit(orders, request.limit);
}

export const getOrders = defineOperation(
	updateDisplayOptions({ show: { resource: ['paymentLink'], operation: ['getOrders'] } }, properties),
	{ read: readLinkOrdersRequest, send: getPaymentLinkOrders },
);
