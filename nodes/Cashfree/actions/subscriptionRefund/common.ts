import type { ResourceWords } from '../../transport';
import { SUBSCRIPTION_REFUND_ID } from '../common/ids';
import type { PathId } from '../common/requestOperation';
import { refundIdField } from '../refund/common';
import { subscriptionPath } from '../subscription/common';

export const subscriptionRefundWords: ResourceWords = {
	noun: 'subscription refund',
	idName: 'subscription ID and refund ID',
};

export const subscriptionRefundId: PathId = {
	rule: SUBSCRIPTION_REFUND_ID,
	field: {
		...refundIdField,
		description:
			'The refund_id given when the refund was created: letters, digits, ".", "-" and "_"',
	},
};

export function subscriptionRefundsPath(subscription: string): string {
	return `${subscriptionPath(subscription)}/refunds`;
}
