import { errors, orReject, RequestRejected } from './errors';
import {
	DAY_MS,
	IdSequence,
	has2026Shapes,
	isLegacyVersion,
	isLoopbackUrl,
	newPaymentSessionId,
	randomToken,
	renderCustomerDetails,
	toIstTimestamp,
	withoutUndefined,
} from './format';
import {
	type JsonObject,
	readCustomerDetails,
	readExpiryTime,
	readObject,
	readOptional,
	readRequiredAmount,
	readRequiredString,
	readSplits,
	readStringMap,
	readText,
	reject,
} from './input';
import type { ApiVersion, OrderMeta, OrderStatus, SeedOrder, StoredOrder } from './types';

const ORDER_ID_RULES = {
	minLength: 3,
	maxLength: 45,
	pattern: /^[A-Za-z0-9_-]+$/,
	patternHint: 'letters, digits, - and _',
};
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
/** Cashfree keeps an order open for 30 days unless told otherwise. */
const DEFAULT_ORDER_EXPIRY_MS = 30 * DAY_MS;
const MAX_URL_LENGTH = 250;
/** The documents' schema allows 15 tags although the prose says 10; the schema is what a validator enforces. */
const MAX_ORDER_TAGS = 15;

function readOrderMeta(body: JsonObject): OrderMeta {
	const source = readObject(body, 'order_meta') ?? {};
	const url = (field: 'return_url' | 'notify_url'): string | undefined =>
		readText(source, field, { maxLength: MAX_URL_LENGTH, label: `order_meta.${field}` });
	const notifyUrl = url('notify_url');
	// Cashfree only calls back to https endpoints; the simulator also takes loopback http,
	// the only URLs it delivers webhooks to (a test receiver has no certificate).
	if (notifyUrl !== undefined && !notifyUrl.startsWith('https://') && !isLoopbackUrl(notifyUrl))
		reject('order_meta.notify_url', 'invalid', 'should be an https URL');
	return withoutUndefined<OrderMeta>({
		return_url: url('return_url'),
		notify_url: notifyUrl,
		payment_methods: readText(source, 'payment_methods', { label: 'order_meta.payment_methods' }),
		offer_filters: readOfferFilters(source),
		upi_app_priority: readUpiAppPriority(source),
	});
}

/**
 * The UPI apps Cashfree's Go SDK v6 lists for order_meta.upi_app_priority (2026-01-01). Kept
 * apart from the node's own list on purpose: the simulator stands for Cashfree, so a wrong list
 * in the node must meet a refusal here, not agree with itself.
 */
const UPI_APPS = [
	'gpay',
	'phonepe',
	'paytm',
	'navi',
	'cred',
	'supermoney',
	'amazonpay',
	'bhim',
	'mobikwik',
	'airtel',
	'popclub',
	'kiwi',
] as const;

function readStringList(source: JsonObject, field: string, label: string): string[] | undefined {
	const value = source[field];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string'))
		reject(label, 'invalid', 'should be a list of texts');
	return value as string[];
}

function readUpiAppPriority(meta: JsonObject): string[] | undefined {
	const label = 'order_meta.upi_app_priority';
	const apps = readStringList(meta, 'upi_app_priority', label);
	const unknown = apps?.find((app) => !(UPI_APPS as readonly string[]).includes(app));
	if (unknown !== undefined)
		reject(label, 'invalid', `should name apps among ${UPI_APPS.join(', ')}`);
	return apps;
}

/** OrderMetaOfferFilters: an action (allow or deny, by the SDK's description) and offer ids. */
function readOfferFilters(meta: JsonObject): OrderMeta['offer_filters'] {
	const filters = readObject(meta, 'offer_filters', 'order_meta.offer_filters');
	if (!filters) return undefined;
	return withoutUndefined({
		action: readOptional(filters, 'action', 'string', 'order_meta.offer_filters.action'),
		values: readStringList(filters, 'values', 'order_meta.offer_filters.values'),
	});
}

/** A version before 2026-01-01 does not know the order_meta fields that version added. */
function renderOrderMeta(meta: OrderMeta, version: ApiVersion): OrderMeta {
	if (has2026Shapes(version)) return { ...meta };
	const { offer_filters: _offers, upi_app_priority: _apps, ...known } = meta;
	return known;
}

export type OrderEntityKind = 'order' | 'linkOrder';

/**
 * 2022-09-01 answers with OrderEntity: integer cf_order_id and links to the order's payments,
 * settlements and refunds. Later versions send cf_order_id as a string and no such links;
 * their PaymentLinkOrderEntity (`linkOrder`, GET /links/{id}/orders) also names the link,
 * which their plain OrderEntity does not.
 */
export function renderOrder(
	order: StoredOrder,
	version: ApiVersion,
	apiBaseUrl: string,
	kind: OrderEntityKind = 'order',
): Record<string, unknown> {
	const { cf_order_id, link_id, ...rest } = withoutUndefined(order);
	const common = { ...rest, order_meta: renderOrderMeta(order.order_meta, version) };
	const customer_details = renderCustomerDetails(order.customer_details, version);
	if (!isLegacyVersion(version)) {
		return {
			cf_order_id,
			...(kind === 'linkOrder' ? { link_id } : {}),
			...common,
			customer_details,
		};
	}
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

/** Every order, whether created through the API, seeded, or made by paying a payment link. */
export class OrderStore {
	private readonly orders = new Map<string, StoredOrder>();
	/** Shared with the link store, so that link orders and plain orders never share an id. */
	readonly cfOrderIds = new IdSequence(2_149_460_001);
	readonly customerIds = new IdSequence(409_128_001);

	create(body: JsonObject, now = Date.now()): StoredOrder {
		const orderId = readText(body, 'order_id', ORDER_ID_RULES);
		const amount = readRequiredAmount(body, 'order_amount', 1);
		const currency = readRequiredString(body, 'order_currency');
		if (!CURRENCY_PATTERN.test(currency))
			reject('order_currency', 'invalid', 'should be a three-letter currency code such as INR');
		const order: StoredOrder = {
			cf_order_id: this.cfOrderIds.take(),
			order_id: orderId ?? '',
			entity: 'order',
			order_currency: currency,
			order_amount: amount,
			order_status: 'ACTIVE',
			payment_session_id: newPaymentSessionId(),
			order_expiry_time: readExpiryTime(body, 'order_expiry_time', now, DEFAULT_ORDER_EXPIRY_MS),
			order_note: readText(body, 'order_note', { minLength: 3, maxLength: 200 }),
			created_at: toIstTimestamp(now),
			order_splits: readSplits(body, 'order_splits'),
			customer_details: readCustomerDetails(body, 'order'),
			order_meta: readOrderMeta(body),
			order_tags: readStringMap(body, 'order_tags', MAX_ORDER_TAGS, { min: 1, max: 255 }),
		};
		// Checked last so that a malformed duplicate reports what is malformed, as a validating API would.
		if (orderId !== undefined && this.orders.has(orderId))
			throw new RequestRejected(errors.orderAlreadyExists());
		order.order_id = orderId ?? this.generatedOrderId(order.cf_order_id);
		return this.register(withoutUndefined(order));
	}

	/** Replaces any order with the same id; the caller forgets what hung off the old one. */
	seed(seed: SeedOrder, now = Date.now()): StoredOrder {
		const cfOrderId = this.cfOrderIds.take();
		// The same rules as the API, so a seed cannot hold an order Cashfree would refuse.
		const orderId =
			readText({ order_id: seed.order_id }, 'order_id', ORDER_ID_RULES) ??
			this.generatedOrderId(cfOrderId);
		const status: OrderStatus = seed.order_status ?? 'ACTIVE';
		const expiry =
			seed.order_expiry_time ??
			toIstTimestamp(status === 'EXPIRED' ? now - DAY_MS : now + DEFAULT_ORDER_EXPIRY_MS);
		if (Number.isNaN(Date.parse(expiry)))
			throw new Error(`seedOrder: invalid order_expiry_time ${JSON.stringify(expiry)}`);
		return this.register(
			withoutUndefined<StoredOrder>({
				cf_order_id: cfOrderId,
				order_id: orderId,
				entity: 'order',
				order_currency: seed.order_currency ?? 'INR',
				order_amount: seed.order_amount ?? 100,
				order_status: status,
				payment_session_id: newPaymentSessionId(),
				order_expiry_time: toIstTimestamp(Date.parse(expiry)),
				order_note: seed.order_note,
				created_at: seed.created_at ?? toIstTimestamp(now - DAY_MS),
				order_splits: seed.order_splits ?? [],
				customer_details: seed.customer_details ?? {
					customer_id: this.customerIds.take(),
					customer_phone: '9999999999',
					customer_name: 'Simulated Customer',
					customer_email: 'customer@example.com',
				},
				order_meta: seed.order_meta ?? {},
				order_tags: seed.order_tags,
			}),
		);
	}

	/** Keeps the very object it is given, so that a link's view of its orders stays in step. */
	register<T extends StoredOrder>(order: T): T {
		this.orders.set(order.order_id, order);
		return order;
	}

	/** The order's current state; an ACTIVE order past its expiry time turns EXPIRED on first look. */
	find(orderId: string, now = Date.now()): StoredOrder | undefined {
		const order = this.orders.get(orderId);
		if (order && order.order_status === 'ACTIVE' && Date.parse(order.order_expiry_time) <= now)
			order.order_status = 'EXPIRED';
		return order;
	}

	findOrReject(orderId: string, now = Date.now()): StoredOrder {
		return orReject(this.find(orderId, now), errors.orderNotFound);
	}

	remove(orderId: string): void {
		this.orders.delete(orderId);
	}

	clear(): void {
		this.orders.clear();
	}

	/** Like Cashfree's generated ids; skips any id a client already chose. */
	private generatedOrderId(cfOrderId: string): string {
		let candidate = `order_${cfOrderId}`;
		while (this.orders.has(candidate)) candidate = `order_${cfOrderId}_${randomToken(6)}`;
		return candidate;
	}
}
