import {
	has2026Shapes,
	IdSequence,
	isLegacyVersion,
	randomToken,
	renderNumericId,
	toIstTimestamp,
	withoutUndefined,
} from './format';
import {
	type JsonObject,
	readRequiredEnum,
	readRequiredObject,
	readRequiredString,
	readText,
} from './input';
import {
	SIMULATED_PAYMENT_STATUSES,
	type ApiVersion,
	type PaymentErrorDetails,
	type SimulatedPaymentStatus,
	type StoredOrder,
	type StoredPayment,
	type StoredSimulation,
} from './types';

/** Cashfree's sandbox UPI handle for payments that go through. */
const SANDBOX_UPI_ID = 'testsuccess@gocash';
const DEFAULT_ERROR_CODE = 'TRANSACTION_DECLINED';

const PAYMENT_MESSAGES: Record<SimulatedPaymentStatus, string> = {
	SUCCESS: 'payment completed',
	FAILED: 'payment failed',
	PENDING: 'payment is being processed',
	USER_DROPPED: 'the customer left before completing the payment',
};

function failureDetails(errorCode: string): PaymentErrorDetails {
	return {
		error_code: errorCode,
		error_description: 'the simulated bank declined the payment',
		error_reason: errorCode.toLowerCase(),
		error_source: 'customer',
	};
}

/**
 * 2022-09-01 sends an integer cf_payment_id and neither order_currency nor the
 * international and gateway details later versions add.
 */
export function renderPayment(
	payment: StoredPayment,
	order: StoredOrder,
	version: ApiVersion,
): Record<string, unknown> {
	const { cf_payment_id, card_sub_type, payment_method, ...rest } = payment;
	const common = {
		cf_payment_id: renderNumericId(cf_payment_id, version),
		...rest,
		payment_method:
			'card' in payment_method && has2026Shapes(version)
				? { card: { ...payment_method.card, card_sub_type } }
				: payment_method,
		order_amount: order.order_amount,
	};
	if (isLegacyVersion(version)) return common;
	return {
		...common,
		order_currency: order.order_currency,
		international_payment: { international: false },
		payment_gateway_details: {
			gateway_name: 'CASHFREE',
			gateway_order_id: order.cf_order_id,
			gateway_payment_id: cf_payment_id,
		},
	};
}

/** The card methods among Cashfree's order_meta.payment_methods codes, as payment_group names them. */
const CARD_GROUPS: Record<string, string> = { cc: 'credit_card', dc: 'debit_card' };

/**
 * How the simulated checkout pays: by card when the order offers only cards (payment_methods
 * "cc", "dc" or both), else by UPI, as Cashfree's sandbox collect flow does.
 */
function checkoutMethod(
	order: StoredOrder,
): Pick<StoredPayment, 'payment_group' | 'payment_method' | 'card_sub_type'> {
	const offered = order.order_meta.payment_methods?.split(',').map((code) => code.trim()) ?? [];
	const cardGroup = CARD_GROUPS[offered[0]];
	if (cardGroup === undefined || !offered.every((code) => code in CARD_GROUPS))
		return {
			payment_group: 'upi',
			payment_method: { upi: { channel: 'collect', upi_id: SANDBOX_UPI_ID } },
		};
	return {
		payment_group: cardGroup,
		payment_method: {
			card: {
				channel: 'link',
				card_number: 'XXXXXXXXXXXX1111',
				card_network: 'visa',
				card_type: cardGroup,
				card_country: 'IN',
				card_bank_name: 'HDFC BANK',
			},
		},
		card_sub_type: 'R',
	};
}

/** Every payment attempt, by order and by cf_payment_id. */
export class PaymentStore {
	private readonly byOrder = new Map<string, StoredPayment[]>();
	private readonly byId = new Map<string, StoredPayment>();
	private readonly ids = new IdSequence(5_114_910_001);
	private readonly bankReferences = new IdSequence(78_112_898_001);

	/** A payment attempt in flight (PENDING) for the whole order amount, as a checkout starts one. */
	start(order: StoredOrder, now = Date.now()): StoredPayment {
		const payment: StoredPayment = {
			cf_payment_id: this.ids.take(),
			order_id: order.order_id,
			entity: 'payment',
			payment_status: 'PENDING',
			payment_amount: order.order_amount,
			payment_currency: order.order_currency,
			...checkoutMethod(order),
			payment_message: PAYMENT_MESSAGES.PENDING,
			payment_time: toIstTimestamp(now),
			bank_reference: this.bankReferences.take(),
			is_captured: false,
		};
		this.byId.set(payment.cf_payment_id, payment);
		this.byOrder.set(order.order_id, [...this.ofOrder(order.order_id), payment]);
		return payment;
	}

	/** Moves a pending payment to `status`; PENDING leaves it in flight. */
	finish(
		payment: StoredPayment,
		status: SimulatedPaymentStatus,
		errorCode: string | undefined,
		now = Date.now(),
	): void {
		if (status === 'PENDING') return;
		Object.assign(
			payment,
			withoutUndefined({
				payment_status: status,
				payment_message: PAYMENT_MESSAGES[status],
				payment_completion_time: toIstTimestamp(now),
				is_captured: status === 'SUCCESS',
				error_details:
					status === 'FAILED' ? failureDetails(errorCode ?? DEFAULT_ERROR_CODE) : undefined,
			}),
		);
	}

	ofOrder(orderId: string): StoredPayment[] {
		return this.byOrder.get(orderId) ?? [];
	}

	find(cfPaymentId: string): StoredPayment | undefined {
		return this.byId.get(cfPaymentId);
	}

	/** A payment of this order by its id; an id of another order's payment is as unknown as a made-up one. */
	findOfOrder(orderId: string, cfPaymentId: string): StoredPayment | undefined {
		const payment = this.find(cfPaymentId);
		return payment?.order_id === orderId ? payment : undefined;
	}

	/** An order is PAID by exactly one successful payment. */
	successfulPayment(orderId: string): StoredPayment | undefined {
		return this.ofOrder(orderId).find((payment) => payment.payment_status === 'SUCCESS');
	}

	hasPending(orderId: string): boolean {
		return this.ofOrder(orderId).some((payment) => payment.payment_status === 'PENDING');
	}

	forgetOrder(orderId: string): void {
		for (const payment of this.ofOrder(orderId)) this.byId.delete(payment.cf_payment_id);
		this.byOrder.delete(orderId);
	}

	clear(): void {
		this.byOrder.clear();
		this.byId.clear();
	}
}

export interface SimulationRequest {
	entity: 'PAYMENTS' | 'SUBS_PAYMENTS';
	entityId: string;
	status: SimulatedPaymentStatus;
	errorCode?: string;
}

/** POST /simulate's body, per the 2025-01-01 SimulateRequest. */
export function readSimulationRequest(body: JsonObject): SimulationRequest {
	const entity = readRequiredEnum(body, 'entity', ['PAYMENTS', 'SUBS_PAYMENTS'] as const);
	const entityId = readRequiredString(body, 'entity_id');
	const simulation = readRequiredObject(body, 'entity_simulation');
	const status = readRequiredEnum(
		simulation,
		'payment_status',
		SIMULATED_PAYMENT_STATUSES,
		'entity_simulation.payment_status',
	);
	const errorCode = readText(simulation, 'payment_error_code', {
		label: 'entity_simulation.payment_error_code',
	});
	return { entity, entityId, status, errorCode };
}

/** The record of each POST /simulate, for GET /simulate/{simulation_id}. */
export class SimulationStore {
	private readonly simulations = new Map<string, StoredSimulation>();

	record(request: SimulationRequest & { entity: 'PAYMENTS' }): StoredSimulation {
		const simulation: StoredSimulation = {
			simulation_id: `sim_${randomToken(32)}`,
			entity: request.entity,
			entity_id: request.entityId,
			entity_simulation: withoutUndefined({
				payment_status: request.status,
				payment_error_code: request.errorCode,
			}),
		};
		this.simulations.set(simulation.simulation_id, simulation);
		return simulation;
	}

	find(simulationId: string): StoredSimulation | undefined {
		return this.simulations.get(simulationId);
	}

	clear(): void {
		this.simulations.clear();
	}
}
