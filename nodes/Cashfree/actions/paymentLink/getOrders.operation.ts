import type { INodeProperties } from 'n8n-workflow';

import { requestOperation } from '../common/requestOperation';
import { linkId, linkPath, paymentLinkWords } from './common';

const statusField: INodeProperties = {
	displayName: 'Orders',
	name: 'orderStatus',
	type: 'options',
	default: 'PAID',
	options: [
		{ name: 'All', value: 'ALL', description: 'Every order made on the link, paid or not' },
		{ name: 'Paid', value: 'PAID', description: 'Only the orders that were paid' },
	],
	description:
		'Which orders of the link to return (Cashfree returns only paid ones unless asked for all)',
};

export const getOrders = requestOperation({
	resource: 'paymentLink',
	operation: 'getOrders',
	about: paymentLinkWords,
	method: 'GET',
	ids: [linkId],
	path: (id) => `${linkPath(id)}/orders`,
	fields: [statusField],
	rules: { orderStatus: { to: 'status' } },
	list: true,
});
