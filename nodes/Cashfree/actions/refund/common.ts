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

/** Cashfree's refund_amount: at least one paisa, in paise at most. The field below is its editor side. */
export const REFUND_AMOUNT_RULE = { to: 'refund_amount', min: 0.01, decimals: 2 } as const;

/** How much a refund gives back; the create operations of order and subscription refunds share it. */
export function refundAmountField(ofWhat: string): INodeProperties {
	return {
		displayName: 'Refund Amount',
		name: 'refundAmount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0.01, numberPrecision: 2 },
		description: `How much to give back, with at most two decimals; at most what was paid on ${ofWhat} less earlier refunds`,
	};
}

/** Cashfree's refund_speed, with what each means for the kind of payment refunded. */
export function refundSpeedField(standard: string, instant: string): INodeProperties {
	return {
		displayName: 'Refund Speed',
		name: 'refundSpeed',
		type: 'options',
		default: 'STANDARD',
		options: [
			{ name: 'Standard', value: 'STANDARD', description: standard },
			{ name: 'Instant', value: 'INSTANT', description: instant },
		],
	};
}
