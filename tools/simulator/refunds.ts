import {
	IdSequence,
	renderNumericId,
	roundToPaise,
	toIstTimestamp,
	withoutUndefined,
} from './format';
import { type JsonObject, readEnum, readRequiredAmount, readSplits, readText } from './input';
import type {
	ApiVersion,
	RefundSpeed,
	RefundStatus,
	StoredPayment,
	StoredRefund,
	VendorSplit,
} from './types';

export interface RefundRequest {
	refundId: string;
	amount: number;
	note?: string;
	speed: RefundSpeed;
	splits: VendorSplit[];
}

/** POST /orders/{order_id}/refunds's body, per OrderCreateRefundRequest. */
export function readRefundRequest(body: JsonObject): RefundRequest {
	return {
		amount: readRequiredAmount(body, 'refund_amount'),
		refundId: readText(body, 'refund_id', {
			required: true,
			minLength: 3,
			maxLength: 40,
			pattern: /^[A-Za-z0-9_-]+$/,
			patternHint: 'letters, digits, - and _',
		}),
		note: readText(body, 'refund_note', { minLength: 3, maxLength: 100 }),
		speed: readEnum(body, 'refund_speed', ['STANDARD', 'INSTANT'] as const) ?? 'STANDARD',
		splits: readSplits(body, 'refund_splits'),
	};
}

/**
 * Cashfree's sandbox lets a refund note pick the refund's outcome; any other note (or none)
 * ends in SUCCESS. PENDING keeps the refund pending for good.
 */
function outcomeForNote(note: string | undefined): RefundStatus {
	return note === 'FAILED' || note === 'PENDING' ? note : 'SUCCESS';
}

const STATUS_DESCRIPTIONS: Record<RefundStatus, string> = {
	PENDING: 'refund is being processed',
	SUCCESS: 'refund credited to the customer',
	FAILED: 'refund could not be processed',
	CANCELLED: 'refund was cancelled',
	ONHOLD: 'refund is on hold',
};

/** A refund that no longer takes money back from the amount the order can still refund. */
function isVoid(refund: StoredRefund): boolean {
	return refund.refund_status === 'FAILED' || refund.refund_status === 'CANCELLED';
}

/** 2022-09-01 sends cf_payment_id as an integer; otherwise both shapes are the same. */
export function renderRefund(refund: StoredRefund, version: ApiVersion): Record<string, unknown> {
	const { refund_speed: requested, cf_payment_id, ...rest } = refund;
	const processed = refund.refund_status === 'SUCCESS' ? requested : undefined;
	return withoutUndefined({
		cf_payment_id: renderNumericId(cf_payment_id, version),
		...rest,
		refund_mode: requested,
		refund_speed: withoutUndefined({ requested, accepted: requested, processed }),
	});
}

/**
 * Refunds per order. A refund answers PENDING when created and moves to its outcome on the
 * first read `processingMs` or more after it was made: deterministic, with no timers.
 */
export class RefundStore {
	private readonly byOrder = new Map<string, StoredRefund[]>();
	private readonly dueAt = new Map<string, { at: number; outcome: RefundStatus }>();
	private readonly ids = new IdSequence(1_553_338_001);
	private readonly arns = new IdSequence(12_312_001);

	constructor(
		private readonly processingMs: number,
		/** Told when a refund reaches its outcome (SUCCESS or FAILED), for the refund webhook. */
		private readonly onSettled: (refund: StoredRefund) => void = () => undefined,
	) {}

	add(payment: StoredPayment, request: RefundRequest, now = Date.now()): StoredRefund {
		const refund: StoredRefund = withoutUndefined({
			cf_refund_id: this.ids.take(),
			refund_id: request.refundId,
			order_id: payment.order_id,
			cf_payment_id: payment.cf_payment_id,
			entity: 'refund',
			refund_amount: request.amount,
			refund_currency: payment.payment_currency,
			refund_note: request.note,
			refund_status: 'PENDING',
			refund_type: 'MERCHANT_INITIATED',
			refund_speed: request.speed,
			refund_splits: request.splits,
			status_description: STATUS_DESCRIPTIONS.PENDING,
			refund_charge: 0,
			created_at: toIstTimestamp(now),
		});
		this.byOrder.set(payment.order_id, [...(this.byOrder.get(payment.order_id) ?? []), refund]);
		this.dueAt.set(refund.cf_refund_id, {
			at: now + this.processingMs,
			outcome: outcomeForNote(request.note),
		});
		return refund;
	}

	/** The order's refunds as they stand at `now`, oldest first. */
	ofOrder(orderId: string, now = Date.now()): StoredRefund[] {
		const refunds = this.byOrder.get(orderId) ?? [];
		for (const refund of refunds) this.process(refund, now);
		return refunds;
	}

	find(orderId: string, refundId: string, now = Date.now()): StoredRefund | undefined {
		return this.ofOrder(orderId, now).find((refund) => refund.refund_id === refundId);
	}

	/** What the order's refunds take back, pending ones included: the ceiling for the next refund. */
	committedAmount(orderId: string, now = Date.now()): number {
		const live = this.ofOrder(orderId, now).filter((refund) => !isVoid(refund));
		return roundToPaise(live.reduce((sum, refund) => sum + refund.refund_amount, 0));
	}

	/** Refunds accepted for this order since it was created or seeded. */
	count(orderId: string): number {
		return this.byOrder.get(orderId)?.length ?? 0;
	}

	forgetOrder(orderId: string): void {
		for (const refund of this.byOrder.get(orderId) ?? []) this.dueAt.delete(refund.cf_refund_id);
		this.byOrder.delete(orderId);
	}

	clear(): void {
		this.byOrder.clear();
		this.dueAt.clear();
	}

	private process(refund: StoredRefund, now: number): void {
		const due = this.dueAt.get(refund.cf_refund_id);
		if (!due || now < due.at || due.outcome === 'PENDING') return;
		this.dueAt.delete(refund.cf_refund_id);
		Object.assign(
			refund,
			withoutUndefined({
				refund_status: due.outcome,
				status_description: STATUS_DESCRIPTIONS[due.outcome],
				processed_at: due.outcome === 'SUCCESS' ? toIstTimestamp(due.at) : undefined,
				refund_arn: due.outcome === 'SUCCESS' ? `RF${this.arns.take()}` : undefined,
			}),
		);
		this.onSettled(refund);
	}
}
