import { randomBytes } from 'node:crypto';

import { errors, RequestRejected, validationError } from './errors';
import type {
	ApiVersion,
	CustomerDetails,
	LinkEntity,
	LinkMeta,
	LinkNotify,
	LinkStatus,
	PaymentLinkOrder,
	SeedLink,
	StoredLink,
	VendorSplit,
} from './types';

const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const MAX_PURPOSE_LENGTH = 500;
const MAX_NOTES = 5;
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_EXPIRY_MS = 30 * DAY_MS;
/** Cashfree reports every timestamp in India Standard Time. */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;
const LINK_URL_PREFIX = 'https://payments-test.cashfree.com/links/';
/** A 1x1 PNG standing in for the QR code image; clients only ever pass it through. */
const QR_CODE_PLACEHOLDER =
	'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export type OrderStatusFilter = 'ALL' | 'PAID';

export function toIstTimestamp(epochMs: number): string {
	return `${new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 19)}+05:30`;
}

function randomToken(length: number): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

function roundToPaise(amount: number): number {
	return Math.round(amount * 100) / 100;
}

// ---- reading an untrusted JSON request body ----

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reject(field: string, problem: 'missing' | 'invalid', explanation: string): never {
	throw new RequestRejected(validationError(field, problem, explanation));
}

interface JsonKinds {
	string: string;
	number: number;
	boolean: boolean;
}

/**
 * Reads an optional field of the given JSON type; `null` counts as absent, as in most JSON
 * APIs. `label` is the field's dotted path, which Cashfree puts in error codes and messages.
 */
function readOptional<K extends keyof JsonKinds>(source: JsonObject, field: string, kind: K, label = field): JsonKinds[K] | undefined {
	const value = source[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== kind || (kind === 'number' && !Number.isFinite(value))) reject(label, 'invalid', `should be a ${kind}`);
	return value as JsonKinds[K];
}

function readRequiredString(source: JsonObject, field: string, label = field): string {
	const value = readOptional(source, field, 'string', label);
	if (value === undefined || value.trim() === '') reject(label, 'missing', 'is required');
	return value;
}

function readAmount(source: JsonObject, field: string): number | undefined {
	const amount = readOptional(source, field, 'number');
	if (amount === undefined) return undefined;
	if (amount <= 0) reject(field, 'invalid', 'should be greater than 0');
	if (Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6) reject(field, 'invalid', 'should have at most two decimals');
	return amount;
}

function readObject(source: JsonObject, field: string): JsonObject | undefined {
	const value = source[field];
	if (value === undefined || value === null) return undefined;
	if (!isJsonObject(value)) reject(field, 'invalid', 'should be an object');
	return value;
}

function readCustomerDetails(body: JsonObject): CustomerDetails {
	const source = readObject(body, 'customer_details');
	if (!source) reject('customer_details', 'missing', 'is required');
	const read = <K extends keyof JsonKinds>(field: string, kind: K): JsonKinds[K] | undefined =>
		readOptional(source, field, kind, `customer_details.${field}`);
	return withoutUndefined<CustomerDetails>({
		customer_phone: readRequiredString(source, 'customer_phone', 'customer_details.customer_phone'),
		customer_email: read('customer_email', 'string'),
		customer_name: read('customer_name', 'string'),
		customer_bank_account_number: read('customer_bank_account_number', 'string'),
		customer_bank_ifsc: read('customer_bank_ifsc', 'string'),
		customer_bank_code: read('customer_bank_code', 'number'),
	});
}

// 2022-09-01 documents upi_intent as a boolean and later versions as a string, so both spellings are accepted.
const UPI_INTENT_SPELLINGS: readonly unknown[] = [true, false, 'true', 'false'];

function readLinkMeta(body: JsonObject): LinkMeta {
	const source = readObject(body, 'link_meta') ?? {};
	const upiIntent = source.upi_intent ?? undefined;
	if (upiIntent !== undefined && !UPI_INTENT_SPELLINGS.includes(upiIntent)) {
		reject('link_meta.upi_intent', 'invalid', 'should be true or false');
	}
	return withoutUndefined<LinkMeta>({
		notify_url: readOptional(source, 'notify_url', 'string', 'link_meta.notify_url'),
		upi_intent: upiIntent === undefined ? undefined : upiIntent === true || upiIntent === 'true',
		return_url: readOptional(source, 'return_url', 'string', 'link_meta.return_url'),
		payment_methods: readOptional(source, 'payment_methods', 'string', 'link_meta.payment_methods'),
	});
}

function readLinkNotify(body: JsonObject): LinkNotify {
	const source = readObject(body, 'link_notify') ?? {};
	return withoutUndefined<LinkNotify>({
		send_sms: readOptional(source, 'send_sms', 'boolean', 'link_notify.send_sms'),
		send_email: readOptional(source, 'send_email', 'boolean', 'link_notify.send_email'),
	});
}

function readLinkNotes(body: JsonObject): Record<string, string> {
	const notes = readObject(body, 'link_notes') ?? {};
	const entries = Object.entries(notes);
	if (entries.length > MAX_NOTES) reject('link_notes', 'invalid', `should have at most ${MAX_NOTES} entries`);
	if (entries.some(([, value]) => typeof value !== 'string')) reject('link_notes', 'invalid', 'values should be strings');
	return Object.fromEntries(entries) as Record<string, string>;
}

function readOrderSplits(body: JsonObject): VendorSplit[] {
	const splits = body.order_splits;
	if (splits === undefined || splits === null) return [];
	if (!Array.isArray(splits) || !splits.every((split) => isJsonObject(split) && typeof split.vendor_id === 'string')) {
		reject('order_splits', 'invalid', 'should be a list of objects with a vendor_id');
	}
	return splits as VendorSplit[];
}

function readExpiryTime(body: JsonObject, now: number): string {
	const expiry = readOptional(body, 'link_expiry_time', 'string');
	if (expiry === undefined) return toIstTimestamp(now + DEFAULT_EXPIRY_MS);
	const expiresAt = Date.parse(expiry);
	if (Number.isNaN(expiresAt)) reject('link_expiry_time', 'invalid', 'should be an ISO 8601 time, e.g. 2021-07-02T10:20:12+05:30');
	if (expiresAt <= now) reject('link_expiry_time', 'invalid', 'should be in the future');
	return toIstTimestamp(expiresAt);
}

function withoutUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

// ---- rendering per API version ----

function isLegacyVersion(version: ApiVersion): boolean {
	return version === '2022-09-01';
}

/** The customer's bank fields arrived with 2023-08-01; 2022-09-01 does not know them. */
function renderCustomerDetails(details: CustomerDetails, version: ApiVersion): CustomerDetails {
	if (!isLegacyVersion(version)) return { ...details };
	const { customer_id, customer_phone, customer_email, customer_name } = details;
	return withoutUndefined<CustomerDetails>({ customer_id, customer_phone, customer_email, customer_name });
}

function renderLinkMeta(meta: LinkMeta, version: ApiVersion): LinkMeta {
	if (meta.upi_intent === undefined) return { ...meta };
	const upiIntent = meta.upi_intent === true || meta.upi_intent === 'true';
	return { ...meta, upi_intent: isLegacyVersion(version) ? upiIntent : String(upiIntent) };
}

export function renderLink(link: StoredLink, version: ApiVersion): LinkEntity {
	const legacy = isLegacyVersion(version);
	const entity: LinkEntity = {
		cf_link_id: legacy ? link.cf_link_id : String(link.cf_link_id),
		link_id: link.link_id,
		link_status: link.link_status,
		link_currency: link.link_currency,
		link_amount: link.link_amount,
		link_amount_paid: link.link_amount_paid,
		link_partial_payments: link.link_partial_payments,
		link_minimum_partial_amount: link.link_minimum_partial_amount,
		link_purpose: link.link_purpose,
		link_created_at: link.link_created_at,
		customer_details: renderCustomerDetails(link.customer_details, version),
		link_meta: renderLinkMeta(link.link_meta, version),
		link_url: link.link_url,
		link_expiry_time: link.link_expiry_time,
		link_notes: { ...link.link_notes },
		link_auto_reminders: link.link_auto_reminders,
		link_notify: { ...link.link_notify },
		link_qrcode: legacy ? undefined : link.link_qrcode,
		order_splits: legacy ? undefined : link.order_splits,
	};
	return withoutUndefined(entity);
}

/**
 * 2022-09-01 answers with the general OrderEntity (integer cf_order_id, links to the order's
 * payments, settlements and refunds); later versions with PaymentLinkOrderEntity (string
 * cf_order_id and the link_id, no such links).
 */
export function renderOrder(order: PaymentLinkOrder, version: ApiVersion, apiBaseUrl: string): Record<string, unknown> {
	const { cf_order_id, link_id, ...common } = withoutUndefined(order);
	const customer_details = renderCustomerDetails(order.customer_details, version);
	if (!isLegacyVersion(version)) return { cf_order_id, link_id, ...common, customer_details };
	const orderUrl = `${apiBaseUrl}/orders/${encodeURIComponent(order.order_id)}`;
	return {
		cf_order_id: Number(cf_order_id),
		...common,
		customer_details,
		payments: { url: `${orderUrl}/payments` },
		settlements: { url: `${orderUrl}/settlements` },
		refunds: { url: `${orderUrl}/refunds` },
	};
}

// ---- the store ----

export class LinkStore {
	private readonly links = new Map<string, StoredLink>();
	private readonly cancellations = new Map<string, number>();
	// Arbitrary starting points, so ids look like Cashfree's rather than 1, 2, 3.
	private nextCfLinkId = 4_100_001;
	private nextCfOrderId = 2_149_460_001;
	private nextCustomerId = 409_128_001;

	create(body: unknown, now = Date.now()): StoredLink {
		if (!isJsonObject(body)) throw new RequestRejected(errors.invalidJson());
		const linkId = readRequiredString(body, 'link_id');
		if (!LINK_ID_PATTERN.test(linkId)) {
			reject('link_id', 'invalid', 'should be at most 50 characters, only letters, digits, - and _');
		}
		const amount = readAmount(body, 'link_amount');
		if (amount === undefined) reject('link_amount', 'missing', 'is required');
		const currency = readRequiredString(body, 'link_currency');
		if (!CURRENCY_PATTERN.test(currency)) reject('link_currency', 'invalid', 'should be a three-letter currency code such as INR');
		const purpose = readRequiredString(body, 'link_purpose');
		if (purpose.length > MAX_PURPOSE_LENGTH) reject('link_purpose', 'invalid', `should be at most ${MAX_PURPOSE_LENGTH} characters`);
		const customerDetails = readCustomerDetails(body);
		const partialPayments = readOptional(body, 'link_partial_payments', 'boolean') ?? false;
		const minimumPartialAmount = readAmount(body, 'link_minimum_partial_amount');
		if (partialPayments && minimumPartialAmount !== undefined && minimumPartialAmount >= amount) {
			reject('link_minimum_partial_amount', 'invalid', 'should be less than link_amount');
		}
		const link: StoredLink = {
			cf_link_id: this.nextCfLinkId++,
			link_id: linkId,
			link_status: 'ACTIVE',
			link_currency: currency,
			link_amount: amount,
			link_amount_paid: 0,
			link_partial_payments: partialPayments,
			link_minimum_partial_amount: partialPayments ? minimumPartialAmount : undefined,
			link_purpose: purpose,
			link_created_at: toIstTimestamp(now),
			customer_details: customerDetails,
			link_meta: readLinkMeta(body),
			link_url: LINK_URL_PREFIX + randomToken(12),
			link_expiry_time: readExpiryTime(body, now),
			link_notes: readLinkNotes(body),
			link_auto_reminders: readOptional(body, 'link_auto_reminders', 'boolean') ?? false,
			link_notify: readLinkNotify(body),
			link_qrcode: QR_CODE_PLACEHOLDER,
			order_splits: readOrderSplits(body),
			orders: [],
		};
		// Checked last so that a malformed duplicate reports what is malformed, as a validating API would.
		if (this.links.has(linkId)) throw new RequestRejected(errors.linkAlreadyExists());
		return this.store(link);
	}

	/** Replaces any link with the same id, so tests can re-seed in `beforeEach`. */
	seed(seed: SeedLink, now = Date.now()): StoredLink {
		if (!LINK_ID_PATTERN.test(seed.link_id)) throw new Error(`seedLink: invalid link_id ${JSON.stringify(seed.link_id)}`);
		const status: LinkStatus = seed.link_status ?? 'ACTIVE';
		const amount = seed.link_amount ?? 100;
		const partialPayments = seed.link_partial_payments ?? status === 'PARTIALLY_PAID';
		const minimumPartialAmount = partialPayments ? (seed.link_minimum_partial_amount ?? roundToPaise(amount / 2)) : undefined;
		const defaultPaid = status === 'PAID' ? amount : status === 'PARTIALLY_PAID' ? (minimumPartialAmount ?? amount / 2) : 0;
		const expiry = seed.link_expiry_time ?? toIstTimestamp(status === 'EXPIRED' ? now - DAY_MS : now + DEFAULT_EXPIRY_MS);
		if (Number.isNaN(Date.parse(expiry))) throw new Error(`seedLink: invalid link_expiry_time ${JSON.stringify(expiry)}`);
		const link: StoredLink = {
			cf_link_id: this.nextCfLinkId++,
			link_id: seed.link_id,
			link_status: status,
			link_currency: seed.link_currency ?? 'INR',
			link_amount: amount,
			link_amount_paid: seed.link_amount_paid ?? defaultPaid,
			link_partial_payments: partialPayments,
			link_minimum_partial_amount: minimumPartialAmount,
			link_purpose: seed.link_purpose ?? `Simulated payment link ${seed.link_id}`,
			link_created_at: seed.link_created_at ?? toIstTimestamp(now - DAY_MS),
			customer_details: seed.customer_details ?? {
				customer_phone: '9999999999',
				customer_name: 'Simulated Customer',
				customer_email: 'customer@example.com',
			},
			link_meta: seed.link_meta ?? {},
			link_url: LINK_URL_PREFIX + randomToken(12),
			link_expiry_time: toIstTimestamp(Date.parse(expiry)),
			link_notes: seed.link_notes ?? {},
			link_auto_reminders: seed.link_auto_reminders ?? false,
			link_notify: seed.link_notify ?? { send_sms: false, send_email: false },
			link_qrcode: QR_CODE_PLACEHOLDER,
			order_splits: seed.order_splits ?? [],
			orders: [],
		};
		link.orders = (seed.orders ?? []).map((order, index) => this.completeOrder(link, order, index, now));
		return this.store(link);
	}

	/** The link's current state; an ACTIVE link past its expiry time turns EXPIRED on first look. */
	find(linkId: string, now = Date.now()): StoredLink | undefined {
		const link = this.links.get(linkId);
		if (link && link.link_status === 'ACTIVE' && Date.parse(link.link_expiry_time) <= now) link.link_status = 'EXPIRED';
		return link;
	}

	cancel(linkId: string): StoredLink {
		const link = this.findOrReject(linkId);
		// Cashfree only cancels ACTIVE links; a partly paid link has taken money and is refused too.
		if (link.link_status !== 'ACTIVE') throw new RequestRejected(errors.linkNotActive());
		link.link_status = 'CANCELLED';
		this.cancellations.set(linkId, this.cancelCount(linkId) + 1);
		return link;
	}

	ordersOf(linkId: string, filter: OrderStatusFilter): PaymentLinkOrder[] {
		const orders = this.findOrReject(linkId).orders;
		return filter === 'ALL' ? orders : orders.filter((order) => order.order_status === 'PAID');
	}

	cancelCount(linkId: string): number {
		return this.cancellations.get(linkId) ?? 0;
	}

	clear(): void {
		this.links.clear();
		this.cancellations.clear();
	}

	private store(link: StoredLink): StoredLink {
		const stored = withoutUndefined(link);
		this.links.set(stored.link_id, stored);
		this.cancellations.set(stored.link_id, 0);
		return stored;
	}

	private findOrReject(linkId: string): StoredLink {
		const link = this.find(linkId);
		if (!link) throw new RequestRejected(errors.linkNotFound());
		return link;
	}

	private completeOrder(link: StoredLink, order: Partial<PaymentLinkOrder>, index: number, now: number): PaymentLinkOrder {
		const completed: PaymentLinkOrder = {
			cf_order_id: String(this.nextCfOrderId++),
			order_id: `CFPay_${link.link_id}_${index + 1}`,
			entity: 'order',
			order_currency: link.link_currency,
			order_amount: link.link_amount,
			order_status: 'PAID',
			payment_session_id: `session_${randomToken(32)}`,
			order_expiry_time: link.link_expiry_time,
			created_at: toIstTimestamp(now),
			order_splits: [],
			// The 2022-09-01 order entity requires a customer_id, which a link's customer does not have.
			customer_details: { customer_id: String(this.nextCustomerId++), ...link.customer_details },
			order_meta: {},
			...order,
			link_id: link.link_id,
		};
		// 2022-09-01 sends cf_order_id as an integer, so it has to be one.
		if (!/^\d+$/.test(completed.cf_order_id)) {
			throw new Error(`seedLink: cf_order_id must be digits, got ${JSON.stringify(completed.cf_order_id)}`);
		}
		return completed;
	}
}
