import type { INodeProperties } from 'n8n-workflow';

import type { ResourceWords } from '../../transport';
import { ORDER_ID } from '../common/ids';
import { segment, type PathId } from '../common/requestOperation';

export const orderWords: ResourceWords = { noun: 'order', idName: 'order ID' };

/** The order an operation is about; payments, refunds, settlements and disputes hang off it. */
export const orderIdField: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'order_1042',
	description:
		'The order_id of the order: the one you gave when creating it, or the one Cashfree made (orders paid through a payment link have IDs such as CFPay_…)',
};

export const orderId: PathId = { field: orderIdField, rule: ORDER_ID };

export function orderPath(id: string): string {
	return `/orders/${segment(id)}`;
}
