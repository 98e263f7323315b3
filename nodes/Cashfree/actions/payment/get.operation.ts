import { CF_PAYMENT_ID } from '../common/ids';
import { requestOperation, segment } from '../common/requestOperation';
import { orderId, orderPath } from '../order/common';
import { paymentWords } from './common';

export const get = requestOperation({
	resource: 'payment',
	operation: 'get',
	about: paymentWords,
	method: 'GET',
	ids: [
		orderId,
		{
			rule: CF_PAYMENT_ID,
			field: {
				displayName: 'Payment ID',
				name: 'cfPaymentId',
				type: 'string',
				required: true,
				default: '',
				placeholder: '5114910123456',
				description:
					"Cashfree's cf_payment_id of the payment (digits), as Get Many or a webhook reports it",
			},
		},
	],
	path: (order, payment) => `${orderPath(order)}/payments/${segment(payment)}`,
});
