import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { paymentGateway } from '../transport';

import { operations as dispute } from './dispute/Dispute.resource';
import { operations as order } from './order/Order.resource';
import { operations as payment } from './payment/Payment.resource';
import { operations as paymentLink } from './paymentLink/PaymentLink.resource';
import { operations as refund } from './refund/Refund.resource';
import { runChosenOperation, type CashfreeOperation } from './runOperation';
import { operations as settlement } from './settlement/Settlement.resource';
import { operations as subscription } from './subscription/Subscription.resource';
import { operations as subscriptionPayment } from './subscriptionPayment/SubscriptionPayment.resource';
import { operations as subscriptionPlan } from './subscriptionPlan/SubscriptionPlan.resource';
import { operations as subscriptionRefund } from './subscriptionRefund/SubscriptionRefund.resource';

/** resource → operation → implementation; `test/node/structure.test.ts` checks the editor offers exactly these. */
export const operationsByResource: Record<string, Record<string, CashfreeOperation>> = {
	paymentLink,
	order,
	payment,
	refund,
	settlement,
	dispute,
	subscriptionPlan,
	subscription,
	subscriptionPayment,
	subscriptionRefund,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return [await runChosenOperation(this, operationsByResource, paymentGateway)];
}
