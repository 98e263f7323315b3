/**
 * Public types of the Cashfree simulator. Field names follow Cashfree's wire format
 * (snake_case) so that test fixtures read like real API payloads.
 */

export type LinkStatus = 'ACTIVE' | 'PARTIALLY_PAID' | 'PAID' | 'EXPIRED' | 'CANCELLED';

export const LINK_STATUSES: readonly LinkStatus[] = ['ACTIVE', 'PARTIALLY_PAID', 'PAID', 'EXPIRED', 'CANCELLED'];

export const SUPPORTED_API_VERSIONS = ['2022-09-01', '2023-08-01', '2025-01-01'] as const;

export type ApiVersion = (typeof SUPPORTED_API_VERSIONS)[number];

export interface SimulatorOptions {
	host?: string;
	port?: number;
	clientId?: string;
	clientSecret?: string;
	/** Requests allowed per window per client id; 0 means unlimited. */
	rateLimitPerWindow?: number;
	rateLimitWindowMs?: number;
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
}

/** A payment link order, version-neutral: `cf_order_id` is kept as a digit string and rendered per version. */
export interface PaymentLinkOrder {
	cf_order_id: string;
	link_id: string;
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
export type LinkEntity = Omit<StoredLink, 'cf_link_id' | 'orders' | 'link_qrcode' | 'order_splits'> & {
	cf_link_id: number | string;
	link_qrcode?: string;
	order_splits?: VendorSplit[];
};
