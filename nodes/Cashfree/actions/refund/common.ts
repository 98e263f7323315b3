import type { INodeProperties } from 'n8n-workflow';

import type { ResourceWords } from '../../transport';
import { REFUND_ID } from '../common/ids';
import type { PathId } from '../common/requestOperation';
import { orderPath } from '../order/common';

export const refundWords: ResourceWords = { noun: 'refund', idName: 'order ID and refund ID' };

export const refundIdField: INodeProperties = {
	displayName: 'Refund ID',
	name: 'refundId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'refund_1042',
	description:
		'The refund_id given when the refund was created: 3 to 40 characters, letters, digits, "-" and "_"',
};

export const refundId: PathId = { field: refundIdField, rule: REFUND_ID };

export function refundsPath(order: string): string {
	return `${orderPath(order)}/refunds`;
}
