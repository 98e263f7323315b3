import { errors, RequestRejected } from './errors';
import { DAY_MS, Tally, toIstTimestamp, withoutUndefined } from './format';
import {
	DISPUTE_STAGES,
	type DisputeStage,
	type DisputeStatus,
	type OpenDisputeOptions,
	type StoredDispute,
	type StoredOrder,
	type StoredPayment,
} from './types';

/** How long a merchant has to answer a new dispute before it is decided against them. */
const RESPONSE_WINDOW_MS = 7 * DAY_MS;

/**
 * Cashfree's "Action Required" stages: only there does the merchant still choose between
 * accepting and contesting. Once documents are in, or the case is closed, accepting is refused.
 */
const ACCEPTABLE_STAGES: readonly DisputeStage[] = ['CREATED', 'INSUFFICIENT_EVIDENCE'];
const CLOSED_STAGES: readonly DisputeStage[] = [
	'MERCHANT_WON',
	'MERCHANT_LOST',
	'MERCHANT_ACCEPTED',
];

function stageOf({
	dispute_type,
	dispute_status,
}: Pick<StoredDispute, 'dispute_type' | 'dispute_status'>): DisputeStage {
	return dispute_status.slice(dispute_type.length + 1) as DisputeStage;
}

/**
 * DisputesEntity, or DisputesEntityMerchantAccepted for the accept call, which the documents
 * give without dispute_amount_currency. Both name the order, payment and customer.
 */
export function renderDispute(
	dispute: StoredDispute,
	order: StoredOrder,
	payment: StoredPayment,
	shape: 'dispute' | 'accepted' = 'dispute',
): Record<string, unknown> {
	const { order_id, cf_payment_id, dispute_amount_currency, ...rest } = dispute;
	const { customer_name, customer_phone, customer_email } = order.customer_details;
	return withoutUndefined({
		...rest,
		dispute_amount_currency: shape === 'dispute' ? dispute_amount_currency : undefined,
		dispute_evidence: [],
		order_details: {
			order_id,
			order_currency: order.order_currency,
			order_amount: order.order_amount,
			cf_payment_id,
			payment_currency: payment.payment_currency,
			payment_amount: payment.payment_amount,
		},
		customer_details: withoutUndefined({ customer_name, customer_phone, customer_email }),
	});
}

export class DisputeStore {
	private readonly disputes = new Map<number, StoredDispute>();
	private readonly acceptances = new Tally<number>();
	// An arbitrary starting point, so ids look like Cashfree's.
	private nextDisputeId = 433_447_001;

	/** A dispute raised by the customer against a successful payment. */
	open(payment: StoredPayment, options: OpenDisputeOptions = {}, now = Date.now()): StoredDispute {
		const type = options.dispute_type ?? 'DISPUTE';
		const status: DisputeStatus = options.dispute_status ?? `${type}_CREATED`;
		if (!DISPUTE_STAGES.some((stage) => status === `${type}_${stage}`)) {
			throw new Error(`openDispute: status ${status} does not belong to a ${type}`);
		}
		const amount = options.dispute_amount ?? payment.payment_amount;
		if (!(amount > 0) || amount > payment.payment_amount) {
			throw new Error(
				`openDispute: dispute_amount must be above 0 and at most the payment's ${payment.payment_amount}`,
			);
		}
		const dispute: StoredDispute = withoutUndefined({
			dispute_id: this.nextDisputeId++,
			dispute_type: type,
			dispute_status: status,
			reason_code: options.reason_code ?? '4855',
			reason_description: options.reason_description ?? 'Goods or services not provided',
			dispute_amount: amount,
			dispute_amount_currency: payment.payment_currency,
			created_at: toIstTimestamp(now),
			respond_by: options.respond_by ?? toIstTimestamp(now + RESPONSE_WINDOW_MS),
			updated_at: toIstTimestamp(now),
			resolved_at: CLOSED_STAGES.includes(stageOf({ dispute_type: type, dispute_status: status }))
				? toIstTimestamp(now)
				: undefined,
			cf_dispute_remarks: options.cf_dispute_remarks ?? 'Raised by the customer with their bank',
			preferred_evidence: [
				{
					document_type: 'Delivery/Service Proof',
					document_description: 'Shows that the customer received what they paid for.',
				},
			],
			order_id: payment.order_id,
			cf_payment_id: payment.cf_payment_id,
		});
		this.disputes.set(dispute.dispute_id, dispute);
		return dispute;
	}

	find(disputeId: number): StoredDispute | undefined {
		return this.disputes.get(disputeId);
	}

	/** Disputes of an order or of a payment, oldest first. */
	where(field: 'order_id' | 'cf_payment_id', value: string): StoredDispute[] {
		return [...this.disputes.values()].filter((dispute) => dispute[field] === value);
	}

	accept(dispute: StoredDispute, now = Date.now()): StoredDispute {
		if (!ACCEPTABLE_STAGES.includes(stageOf(dispute)))
			throw new RequestRejected(errors.disputeNotAcceptable());
		dispute.dispute_status = `${dispute.dispute_type}_MERCHANT_ACCEPTED`;
		dispute.updated_at = dispute.resolved_at = toIstTimestamp(now);
		this.acceptances.add(dispute.dispute_id);
		return dispute;
	}

	acceptCount(disputeId: number): number {
		return this.acceptances.of(disputeId);
	}

	forgetOrder(orderId: string): void {
		for (const dispute of this.where('order_id', orderId)) {
			this.disputes.delete(dispute.dispute_id);
			this.acceptances.forget(dispute.dispute_id);
		}
	}

	clear(): void {
		this.disputes.clear();
		this.acceptances.clear();
	}
}
