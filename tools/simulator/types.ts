import type { PayoutsOptions } from './payouts';
import type { WebhookOptions } from './webhooks';

/**
 * Public types of the Cashfree simulator. Field names follow Cashfree's wire format
 * (snake_case) so that test fixtures read like real API payloads.
 */

export type LinkStatus = 'ACTIVE' | 'PARTIALLY_PAID' | 'PAID' | 'EXPIRED' | 'CANCELLED';

export const LINK_STATUSES: readonly LinkStatus[] = [
	'ACTIVE',
	'PARTIALLY_PAID',
	'PAID',
	'EXPIRED',
	'CANCELLED',
];

export const SUPPORTED_API_VERSIONS = [
	'2022-09-01',
	'2023-08-01',
	'2025-01-01',
	'2026-01-01',
] as const;

export type ApiVersion = (typeof SUPPORTED_API_VERSIONS)[number];

export interface SimulatorOptions {
	host?: string;
	port?: number;
	clientId?: string;
	clientSecret?: string;
	/** Requests allowed per window per client id; 0 means unlimited. */
	rateLimitPerWindow?: number;
	rateLimitWindowMs?: number;
	/**
	 * Requests allowed per window per client id for each endpoint group, on top of
	 * `rateLimitPerWindow`; a group left out (or 0) is unlimited. The window is
	 * `rateLimitWindowMs`. `CASHFREE_PRODUCTION_RATE_LIMITS` and `CASHFREE_SANDBOX_RATE_LIMITS`
	 * hold Cashfree's documented per-minute figures.
	 */
	endpointRateLimits?: EndpointRateLimits;
	/**
	 * A refund answers PENDING when created and reads SUCCESS (or the outcome its note asks
	 * for) once this many milliseconds have passed; default 0, so from the first read on.
	 */
	refundProcessingMs?: number;
	/**
	 * How webhooks go to notify URLs (only loopback ones are called); see WebhookOptions.
	 * Nothing is sent for an object without a notify URL.
	 */
	webhooks?: WebhookOptions;
	/** Cashfree Payouts under /payout: keys, second factor, balance, timings (payouts.ts). */
	payouts?: PayoutsOptions;
}

/** The endpoints Cashfree gives rate limits of their own, named after its rate limit table. */
export type EndpointGroup =
	| 'createOrder'
	| 'getOrder'
	| 'getPayments'
	| 'getPaymentById'
	| 'getSettlements'
	| 'createRefund'
	| 'getRefund';

export type EndpointRateLimits = Partial<Record<EndpointGroup, number>>;

/** One request as the routes see it (the server's, and Payouts' below /payout). */
export interface RequestContext {
	method: string;
	path: string;
	query: URLSearchParams;
	body: string;
	header: (name: string) => string | undefined;
	/** The caller's address, for Payouts' IP allow-list. */
	remoteAddress?: string;
}

export interface RecordedRequest {
	method: string;
	/** The raw request target exactly as received, before any decoding. */
	url: string;
	/** `url` without its query string, still undecoded. */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	receivedAt: number;
	/** The HTTP status answered; undefined while pending or when the connection was dropped. */
	status?: number;
}

export type Fault =
	| { kind: 'delay'; ms: number }
	/**
	 * Answers with this status and a Cashfree-shaped error body. With `stored`, the answer takes
	 * the place of the operation's result after every check, so it is kept under the request's
	 * idempotency key and replayed, as Cashfree does with its own 500s.
	 */
	| { kind: 'status'; status: number; body?: unknown; stored?: boolean }
	| { kind: 'nonJson'; status?: number; body?: string }
	| { kind: 'drop' }
	| { kind: 'dropAfterApply' };

export interface FaultRule {
	fault: Fault;
	method?: string;
	pathIncludes?: string;
	/** How many matching requests this rule affects; default 1, `Infinity` allowed. */
	times?: number;
}

export type ErrorType =
	| 'invalid_request_error'
	| 'authentication_error'
	| 'idempotency_error'
	| 'rate_limit_error'
	| 'api_error';

export interface ErrorBody {
	message: string;
	code: string;
	type: ErrorType;
}

export interface CustomerDetails {
	customer_phone: string;
	customer_email?: string;
	customer_name?: string;
	/** Only on payment link orders. */
	customer_id?: string;
	/** The bank fields exist from API version 2023-08-01 on. */
	customer_bank_account_number?: string;
	customer_bank_ifsc?: string;
	customer_bank_code?: number;
}

/** `upi_intent` is a boolean in 2022-09-01 and a string ("true"/"false") from 2023-08-01 on. */
export interface LinkMeta {
	notify_url?: string;
	upi_intent?: boolean | string;
	return_url?: string;
	payment_methods?: string;
}

export interface LinkNotify {
	send_sms?: boolean;
	send_email?: boolean;
}

export interface VendorSplit {
	vendor_id: string;
	amount?: number;
	percentage?: number;
	tags?: Record<string, unknown>;
}

export interface OrderMeta {
	return_url?: string;
	notify_url?: string;
	payment_methods?: string;
	/** From 2026-01-01 (Go SDK v6, OrderMetaOfferFilters): which offers to allow or deny. */
	offer_filters?: { action?: string; values?: string[] };
	/** From 2026-01-01 (Go SDK v6, OrderMeta.upi_app_priority): UPI apps in the order shown. */
	upi_app_priority?: string[];
}

/**
 * Order statuses as Cashfree documents them. TERMINATION_REQUESTED is where a terminate
 * request waits while a payment on the order is still in flight.
 */
export type OrderStatus = 'ACTIVE' | 'PAID' | 'EXPIRED' | 'TERMINATED' | 'TERMINATION_REQUESTED';

export const ORDER_STATUSES: readonly OrderStatus[] = [
	'ACTIVE',
	'PAID',
	'EXPIRED',
	'TERMINATED',
	'TERMINATION_REQUESTED',
];

/**
 * An order, version-neutral: `cf_order_id` is kept as a digit string and rendered per
 * version. `order_status` is one of `OrderStatus`, typed loosely so that seeds stay easy to write.
 */
export interface StoredOrder {
	cf_order_id: string;
	/** Present on the orders a payment link creates when it is paid. */
	link_id?: string;
	order_id: string;
	entity: string;
	order_currency: string;
	order_amount: number;
	order_status: string;
	payment_session_id: string;
	order_expiry_time: string;
	order_note?: string;
	created_at: string;
	order_splits: VendorSplit[];
	customer_details: CustomerDetails;
	order_meta: OrderMeta;
	order_tags?: Record<string, string>;
}

/** A payment link order: an order that belongs to a link. */
export interface PaymentLinkOrder extends StoredOrder {
	link_id: string;
}

export interface SeedOrder {
	/** Generated like Cashfree's when absent. */
	order_id?: string;
	/** A PAID order gets its successful payment and settlement too; default ACTIVE. */
	order_status?: Exclude<OrderStatus, 'TERMINATION_REQUESTED'>;
	order_amount?: number;
	order_currency?: string;
	customer_details?: CustomerDetails;
	order_meta?: OrderMeta;
	order_note?: string;
	order_tags?: Record<string, string>;
	order_splits?: VendorSplit[];
	order_expiry_time?: string;
	created_at?: string;
}

export type PaymentStatus =
	| 'SUCCESS'
	| 'NOT_ATTEMPTED'
	| 'FAILED'
	| 'USER_DROPPED'
	| 'VOID'
	| 'CANCELLED'
	| 'PENDING';

/** What Cashfree's sandbox lets a payment be simulated into (POST /simulate). */
export type SimulatedPaymentStatus = 'SUCCESS' | 'FAILED' | 'PENDING' | 'USER_DROPPED';

export const SIMULATED_PAYMENT_STATUSES: readonly SimulatedPaymentStatus[] = [
	'SUCCESS',
	'FAILED',
	'PENDING',
	'USER_DROPPED',
];

export interface PaymentErrorDetails {
	error_code: string;
	error_description: string;
	error_reason: string;
	error_source: string;
}

/** A payment, version-neutral: `cf_payment_id` is a digit string, an integer in 2022-09-01. */
export interface StoredPayment {
	cf_payment_id: string;
	order_id: string;
	entity: 'payment';
	payment_status: PaymentStatus;
	payment_amount: number;
	payment_currency: string;
	payment_group: string;
	payment_message: string;
	payment_time: string;
	/** Set once the payment reaches a final status. */
	payment_completion_time?: string;
	bank_reference: string;
	is_captured: boolean;
	payment_method: { upi: { channel: string; upi_id: string } } | { card: CardPaymentMethod };
	/**
	 * A card's sub-type (R retail, P premium, C corporate), which Go SDK v6 answers inside
	 * payment_method.card from 2026-01-01 on; kept apart so that older answers lack it.
	 */
	card_sub_type?: string;
	/** Only on failed payments. */
	error_details?: PaymentErrorDetails;
}

export interface CardPaymentMethod {
	channel: string;
	card_number: string;
	card_network: string;
	card_type: string;
	card_country: string;
	card_bank_name: string;
}

export type RefundStatus = 'SUCCESS' | 'PENDING' | 'CANCELLED' | 'ONHOLD' | 'FAILED';

export type RefundSpeed = 'STANDARD' | 'INSTANT';

export interface StoredRefund {
	cf_refund_id: string;
	refund_id: string;
	order_id: string;
	cf_payment_id: string;
	entity: 'refund';
	refund_amount: number;
	refund_currency: string;
	refund_note?: string;
	refund_status: RefundStatus;
	refund_type: 'MERCHANT_INITIATED';
	refund_speed: RefundSpeed;
	refund_splits: VendorSplit[];
	status_description: string;
	refund_charge: number;
	created_at: string;
	/** Set when the refund reaches SUCCESS. */
	processed_at?: string;
	refund_arn?: string;
}

export interface StoredSettlement {
	cf_settlement_id: string;
	cf_payment_id: string;
	order_id: string;
	entity: 'settlement';
	order_amount: number;
	order_currency: string;
	settlement_currency: string;
	payment_time: string;
	service_charge: number;
	service_tax: number;
	settlement_amount: number;
	transfer_id: number;
	transfer_time: string;
	transfer_utr: string;
}

export type DisputeType =
	| 'DISPUTE'
	| 'CHARGEBACK'
	| 'RETRIEVAL'
	| 'PRE_ARBITRATION'
	| 'ARBITRATION';

export const DISPUTE_TYPES: readonly DisputeType[] = [
	'DISPUTE',
	'CHARGEBACK',
	'RETRIEVAL',
	'PRE_ARBITRATION',
	'ARBITRATION',
];

export type DisputeStage =
	| 'CREATED'
	| 'DOCS_RECEIVED'
	| 'UNDER_REVIEW'
	| 'MERCHANT_WON'
	| 'MERCHANT_LOST'
	| 'MERCHANT_ACCEPTED'
	| 'INSUFFICIENT_EVIDENCE';

export const DISPUTE_STAGES: readonly DisputeStage[] = [
	'CREATED',
	'DOCS_RECEIVED',
	'UNDER_REVIEW',
	'MERCHANT_WON',
	'MERCHANT_LOST',
	'MERCHANT_ACCEPTED',
	'INSUFFICIENT_EVIDENCE',
];

/** Cashfree's dispute statuses are the dispute type followed by its stage, e.g. CHARGEBACK_UNDER_REVIEW. */
export type DisputeStatus = `${DisputeType}_${DisputeStage}`;

export interface DisputeEvidenceRequest {
	document_type: string;
	document_description: string;
}

export interface StoredDispute {
	dispute_id: number;
	dispute_type: DisputeType;
	dispute_status: DisputeStatus;
	reason_code: string;
	reason_description: string;
	dispute_amount: number;
	dispute_amount_currency: string;
	created_at: string;
	respond_by: string;
	updated_at: string;
	/** Set when the dispute is closed. */
	resolved_at?: string;
	cf_dispute_remarks: string;
	preferred_evidence: DisputeEvidenceRequest[];
	order_id: string;
	cf_payment_id: string;
}

export interface OpenDisputeOptions {
	dispute_type?: DisputeType;
	/** Defaults to the type's _CREATED status; must belong to `dispute_type`. */
	dispute_status?: DisputeStatus;
	/** Defaults to the payment amount. */
	dispute_amount?: number;
	reason_code?: string;
	reason_description?: string;
	respond_by?: string;
	cf_dispute_remarks?: string;
}

export interface StoredSimulation {
	simulation_id: string;
	entity: 'PAYMENTS';
	entity_id: string;
	entity_simulation: { payment_status: SimulatedPaymentStatus; payment_error_code?: string };
}

/** The simulator's own record of a link, independent of the API version it is later rendered in. */
export interface StoredLink {
	cf_link_id: number;
	link_id: string;
	link_status: LinkStatus;
	link_currency: string;
	link_amount: number;
	link_amount_paid: number;
	link_partial_payments: boolean;
	/** Absent when the link does not take partial payments. */
	link_minimum_partial_amount?: number;
	link_purpose: string;
	link_created_at: string;
	customer_details: CustomerDetails;
	link_meta: LinkMeta;
	link_url: string;
	link_expiry_time: string;
	link_notes: Record<string, string>;
	link_auto_reminders: boolean;
	link_notify: LinkNotify;
	link_qrcode: string;
	order_splits: VendorSplit[];
	orders: PaymentLinkOrder[];
	/**
	 * From 2026-01-01 (Go SDK v6, CreateLinkRequest.subscription): a link that sets up a
	 * subscription. Kept as sent; answered as LinkSubscriptionEntity.
	 */
	subscription?: Record<string, unknown>;
}

export interface SeedLink {
	link_id: string;
	link_status?: LinkStatus;
	link_amount?: number;
	link_amount_paid?: number;
	link_currency?: string;
	link_purpose?: string;
	customer_details?: CustomerDetails;
	link_created_at?: string;
	link_expiry_time?: string;
	link_notes?: Record<string, string>;
	link_meta?: LinkMeta;
	link_notify?: LinkNotify;
	link_partial_payments?: boolean;
	link_minimum_partial_amount?: number;
	link_auto_reminders?: boolean;
	order_splits?: VendorSplit[];
	orders?: Partial<PaymentLinkOrder>[];
}

/** A link as it goes over the wire; which optional fields appear depends on the API version. */
export type LinkEntity = Omit<
	StoredLink,
	'cf_link_id' | 'orders' | 'link_qrcode' | 'order_splits'
> & {
	cf_link_id: number | string;
	link_qrcode?: string;
	order_splits?: VendorSplit[];
};
