import { DisputeStore } from './disputes';
import { errors, orReject, RequestRejected, validationError } from './errors';
import { roundToPaise, Tally } from './format';
import { type JsonObject, readAmount, readRequiredString, reject } from './input';
import { LinkStore } from './links';
import { OrderStore } from './orders';
import { PaymentStore, readSimulationRequest, SimulationStore } from './payments';
import { readRefundRequest, RefundStore } from './refunds';
import { SettlementStore } from './settlements';
import type {
	OpenDisputeOptions,
	PaymentLinkOrder,
	StoredLink,
	SeedLink,
	SeedOrder,
	SimulatedPaymentStatus,
	StoredDispute,
	StoredOrder,
	StoredPayment,
	StoredRefund,
	StoredSimulation,
} from './types';

/**
 * A state change Cashfree tells the merchant about by webhook. Seeding changes nothing a
 * merchant would be told of, so it raises none.
 */
export type GatewayEvent =
	/** A payment reached SUCCESS, FAILED or USER_DROPPED. */
	| { kind: 'payment'; payment: StoredPayment; order: StoredOrder; link?: StoredLink }
	/** A link became PAID, PARTIALLY_PAID (with the order and payment that did it), CANCELLED or EXPIRED. */
	| { kind: 'link'; link: StoredLink; order?: PaymentLinkOrder; payment?: StoredPayment }
	/** A refund was accepted and waits to be processed; it has no webhook of its own. */
	| { kind: 'refundPending'; refund: StoredRefund; order: StoredOrder }
	/** A refund reached SUCCESS or FAILED. */
	| { kind: 'refund'; refund: StoredRefund; order: StoredOrder };

/**
 * The Payment Gateway's state and rules, shared by the HTTP routes and the simulator's own
 * seeding methods: orders (plain and those paying links), their payments, refunds,
 * settlements and disputes. State changes that cross stores live here and only here.
 */
export class PaymentGateway {
	readonly orders = new OrderStore();
	readonly links = new LinkStore(this.orders);
	readonly payments = new PaymentStore();
	readonly refunds: RefundStore;
	readonly settlements = new SettlementStore();
	readonly disputes = new DisputeStore();
	readonly simulations = new SimulationStore();
	private readonly terminations = new Tally<string>();
	/** Told of every state change a webhook reports; the server sets it. */
	onEvent: (event: GatewayEvent) => void = () => undefined;

	constructor(refundProcessingMs: number) {
		// Refunds and links change state lazily, when first read after their moment has come.
		this.refunds = new RefundStore(refundProcessingMs, (refund) => {
			const order = this.orders.find(refund.order_id);
			if (order) this.onEvent({ kind: 'refund', refund, order });
		});
		this.links.onExpired = (link) => this.onEvent({ kind: 'link', link });
	}

	// ---- seeding ----

	/** Replaces any link with the same id, together with the orders it had. */
	seedLink(seed: SeedLink, now = Date.now()): void {
		for (const order of this.links.find(seed.link_id, now)?.orders ?? [])
			this.forgetOrder(order.order_id);
		for (const order of this.links.seed(seed, now).orders) this.adopt(order, now);
	}

	/** Replaces any order with the same id, together with its payments, refunds and disputes. */
	seedOrder(seed: SeedOrder, now = Date.now()): StoredOrder {
		return this.adopt(this.orders.seed(seed, now), now);
	}

	// ---- links and orders ----

	cancelLink(linkId: string): StoredLink {
		const link = this.links.cancel(linkId);
		this.onEvent({ kind: 'link', link });
		return link;
	}

	createOrder(body: JsonObject, now = Date.now()): StoredOrder {
		return this.orders.create(body, now);
	}

	/**
	 * Terminates an ACTIVE order. With a payment still in flight Cashfree can only promise to
	 * try (TERMINATION_REQUESTED); the payment's outcome then decides. Otherwise it is TERMINATED.
	 */
	terminate(orderId: string, body: JsonObject, now = Date.now()): StoredOrder {
		const order = this.orders.findOrReject(orderId, now);
		if (readRequiredString(body, 'order_status') !== 'TERMINATED')
			reject('order_status', 'invalid', 'should be TERMINATED');
		if (order.order_status !== 'ACTIVE') throw new RequestRejected(errors.orderNotActive());
		order.order_status = this.payments.hasPending(orderId) ? 'TERMINATION_REQUESTED' : 'TERMINATED';
		this.terminations.add(orderId);
		return order;
	}

	terminateCount(orderId: string): number {
		return this.terminations.of(orderId);
	}

	// ---- payments ----

	/** A customer's payment on an ACTIVE order; PENDING leaves it in flight for POST /simulate. */
	payOrder(
		orderId: string,
		status: SimulatedPaymentStatus,
		errorCode?: string,
		now = Date.now(),
	): StoredPayment {
		const order = this.orders.findOrReject(orderId, now);
		if (order.order_status !== 'ACTIVE') throw new RequestRejected(errors.orderNotPayable());
		const payment = this.payments.start(order, now);
		this.finishPayment(payment, status, errorCode, now);
		return payment;
	}

	/**
	 * A customer's payment through a link: like Cashfree, it opens a new order on the link
	 * (CFPay_<link_id>_<n>) and pays it. `amount` defaults to what is still due; less than
	 * that is a partial payment, which the link must allow.
	 */
	payLink(
		linkId: string,
		amount: number | undefined,
		status: SimulatedPaymentStatus,
		now = Date.now(),
	): { order: PaymentLinkOrder; payment: StoredPayment } {
		const link = this.links.findOrReject(linkId, now);
		if (link.link_status !== 'ACTIVE' && link.link_status !== 'PARTIALLY_PAID')
			throw new RequestRejected(errors.linkNotPayable());
		const due = roundToPaise(link.link_amount - link.link_amount_paid);
		const paying = readAmount({ amount: amount ?? due }, 'amount') as number;
		if (paying > due)
			reject('amount', 'invalid', `should be at most ${due}, what is still due on the link`);
		if (paying < due && !link.link_partial_payments)
			reject('amount', 'invalid', `the link takes no partial payments; pay the ${due} due`);
		if (paying < due && paying < (link.link_minimum_partial_amount ?? 0)) {
			reject(
				'amount',
				'invalid',
				`should be at least the link's minimum partial amount, ${link.link_minimum_partial_amount}`,
			);
		}
		const order = this.orders.register(this.links.addOrder(link, paying, now));
		const payment = this.payments.start(order, now);
		this.finishPayment(payment, status, undefined, now);
		return { order, payment };
	}

	paymentOf(orderId: string, cfPaymentId: string, now = Date.now()): StoredPayment {
		this.orders.findOrReject(orderId, now);
		return orReject(this.payments.findOfOrder(orderId, cfPaymentId), errors.paymentNotFound);
	}

	/** POST /simulate: decides a pending payment, as Cashfree's sandbox lets a merchant do. */
	simulate(body: JsonObject, now = Date.now()): StoredSimulation {
		const request = readSimulationRequest(body);
		if (request.entity !== 'PAYMENTS')
			reject(
				'entity',
				'invalid',
				'only PAYMENTS can be simulated; the simulator has no subscriptions',
			);
		const payment = orReject(this.payments.find(request.entityId), errors.paymentNotFound);
		this.finishPayment(payment, request.status, request.errorCode, now);
		return this.simulations.record({ ...request, entity: 'PAYMENTS' });
	}

	// ---- refunds ----

	/** Only a PAID order, never more than was paid less the refunds not failed, one refund_id once. */
	createRefund(orderId: string, body: JsonObject, now = Date.now()): StoredRefund {
		const order = this.orders.findOrReject(orderId, now);
		const request = readRefundRequest(body);
		const payment = this.payments.successfulPayment(orderId);
		if (order.order_status !== 'PAID' || !payment) throw new RequestRejected(errors.orderNotPaid());
		if (this.refunds.find(orderId, request.refundId, now))
			throw new RequestRejected(errors.refundAlreadyExists());
		const refundable = roundToPaise(
			payment.payment_amount - this.refunds.committedAmount(orderId, now),
		);
		if (request.amount > refundable) {
			reject(
				'refund_amount',
				'invalid',
				`should be at most ${refundable}, what is left of the amount paid after earlier refunds`,
			);
		}
		const refund = this.refunds.add(payment, request, now);
		this.onEvent({ kind: 'refundPending', refund, order });
		return refund;
	}

	refundOf(orderId: string, refundId: string, now = Date.now()): StoredRefund {
		this.orders.findOrReject(orderId, now);
		return orReject(this.refunds.find(orderId, refundId, now), errors.refundNotFound);
	}

	// ---- disputes ----

	/** A dispute against the successful payment named by its cf_payment_id, or by its order's id. */
	openDispute(target: string, options: OpenDisputeOptions = {}, now = Date.now()): StoredDispute {
		const payment = this.payments.find(target) ?? this.payments.successfulPayment(target);
		if (payment?.payment_status !== 'SUCCESS') {
			throw new Error(
				`openDispute: no successful payment with cf_payment_id or order_id ${JSON.stringify(target)}`,
			);
		}
		return this.disputes.open(payment, options, now);
	}

	/** dispute_id is an integer path parameter in the documents, so anything else is a bad request. */
	disputeOf(rawDisputeId: string): StoredDispute {
		if (!/^\d+$/.test(rawDisputeId))
			throw new RequestRejected(validationError('dispute_id', 'invalid', 'should be a number'));
		return orReject(this.disputes.find(Number(rawDisputeId)), errors.disputeNotFound);
	}

	/** The order and payment a dispute is about; they live as long as the dispute does. */
	disputeSubject(dispute: StoredDispute): { order: StoredOrder; payment: StoredPayment } {
		const order = this.orders.find(dispute.order_id);
		const payment = this.payments.find(dispute.cf_payment_id);
		if (!order || !payment)
			throw new Error(`dispute ${dispute.dispute_id} lost its order or payment`);
		return { order, payment };
	}

	reset(): void {
		this.orders.clear();
		this.links.clear();
		this.payments.clear();
		this.refunds.clear();
		this.settlements.clear();
		this.disputes.clear();
		this.simulations.clear();
		this.terminations.clear();
	}

	/**
	 * The one place a payment reaches its outcome. SUCCESS pays the order (and the link it
	 * belongs to) and settles it; FAILED or USER_DROPPED leave the order ACTIVE, or let a
	 * requested termination complete.
	 */
	private finishPayment(
		payment: StoredPayment,
		status: SimulatedPaymentStatus,
		errorCode: string | undefined,
		now: number,
	): void {
		if (payment.payment_status !== 'PENDING') throw new RequestRejected(errors.paymentNotPending());
		const order = this.orders.findOrReject(payment.order_id, now);
		if (
			status === 'SUCCESS' &&
			order.order_status !== 'ACTIVE' &&
			order.order_status !== 'TERMINATION_REQUESTED'
		) {
			throw new RequestRejected(errors.orderNotPayable());
		}
		this.payments.finish(payment, status, errorCode, now);
		if (status === 'PENDING') return;
		const link = order.link_id === undefined ? undefined : this.links.find(order.link_id, now);
		if (status === 'SUCCESS') {
			order.order_status = 'PAID';
			this.settlements.settle(order, payment, now);
			if (link) this.links.recordPayment(link, payment.payment_amount);
		} else if (
			order.order_status === 'TERMINATION_REQUESTED' &&
			!this.payments.hasPending(order.order_id)
		) {
			order.order_status = 'TERMINATED';
		}
		// Told once the state has settled, so that what is reported is what a read would show.
		this.onEvent({ kind: 'payment', payment, order, link });
		if (link && status === 'SUCCESS')
			this.onEvent({ kind: 'link', link, order: order as PaymentLinkOrder, payment });
	}

	/** Takes in a seeded order; a PAID one gets the successful payment and settlement it implies. */
	private adopt<T extends StoredOrder>(order: T, now: number): T {
		this.forgetOrder(order.order_id);
		this.orders.register(order);
		if (order.order_status === 'PAID') {
			const payment = this.payments.start(order, now);
			this.payments.finish(payment, 'SUCCESS', undefined, now);
			this.settlements.settle(order, payment, now);
		}
		return order;
	}

	private forgetOrder(orderId: string): void {
		this.orders.remove(orderId);
		this.payments.forgetOrder(orderId);
		this.refunds.forgetOrder(orderId);
		this.settlements.forgetOrder(orderId);
		this.disputes.forgetOrder(orderId);
		this.terminations.forget(orderId);
	}
}
