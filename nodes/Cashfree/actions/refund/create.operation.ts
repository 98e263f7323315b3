import type { INodeProperties } from 'n8n-workflow';

import type { FieldRules } from '../common/fields';
import { additionalFields, vendorSplitsField } from '../common/fields.description';
import { idFieldRule, REFUND_ID } from '../common/ids';
import { existingAsSuccess } from '../common/existing';
import { requestOperation, segment } from '../common/requestOperation';
import { orderId } from '../order/common';
import {
	REFUND_AMOUNT_RULE,
	refundAmountField,
	refundIdField,
	refundSpeedField,
	refundsPath,
	refundWords,
} from './common';

const fields: INodeProperties[] = [
	{
		...refundIdField,
		description:
			'An ID of your choice for the refund, unique for the order: 3 to 40 characters, letters, digits, "-" and "_". Build it from the item (e.g. refund_ followed by your ticket number): Cashfree refuses a second refund with the same ID, so running the workflow again cannot refund twice.',
	},
	refundAmountField('the order'),
	additionalFields([
		{
			displayName: 'Refund Note',
			name: 'refundNote',
			type: 'string',
			default: '',
			description: 'A note for your reference, 3 to 100 characters',
		},
		refundSpeedField(
			'Through the banking network, in some working days',
			'Within minutes where the payment method allows it; may cost more',
		),
		vendorSplitsField(
			'Refund Splits',
			'refundSplits',
			"With Easy Split: how much of the refund each vendor bears, as Cashfree's list of objects with vendor_id and amount",
		),
	]),
];

/** Cashfree's Create Refund request, field by field (its schema OrderCreateRefundRequest). */
const rules: FieldRules = {
	refundId: idFieldRule('refund_id', REFUND_ID),
	refundAmount: REFUND_AMOUNT_RULE,
	refundNote: { to: 'refund_note', minLength: 3, maxLength: 100 },
	refundSpeed: { to: 'refund_speed' },
	refundSplits: { to: 'refund_splits', listOf: { required: ['vendor_id'] } },
};

const existing = existingAsSuccess({
	noun: 'refund',
	idName: 'Refund ID',
	about: refundWords,
	lookup: (request) =>
		`${refundsPath(request.ids[0])}/${segment(String(request.fields.refund_id))}`,
	id: (request) => `${String(request.fields.refund_id)} of order ${request.ids[0]}`,
	same: ['refund_amount'],
});

export const create = requestOperation({
	resource: 'refund',
	operation: 'create',
	about: refundWords,
	method: 'POST',
	ids: [orderId],
	path: refundsPath,
	fields,
	rules,
	flags: [existing.flag],
	onRefusal: existing.onRefusal,
	carriedOut: {
		singular: 'refund',
		plural: 'refunds',
		verb: 'created',
		id: (request) => `${String(request.fields.refund_id)} (order ${request.ids[0]})`,
	},
});
