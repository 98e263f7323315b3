import { errors, orReject, RequestRejected } from './errors';
import {
	DAY_MS,
	IdSequence,
	has2026Shapes,
	newPaymentSessionId,
	isLegacyVersion,
	randomToken,
	renderCustomerDetails,
	roundToPaise,
	Tally,
	toIstTimestamp,
	withoutUndefined,
} from './format';
import {
	type JsonObject,
	readAmount,
	readCustomerDetails,
	readExpiryTime,
	readObject,
	readOptional,
	readRequiredString,
	readSplits,
	readStringMap,
	reject,
} from './input';
import type {
	LinkEntity,
	LinkMeta,
	LinkNotify,
	LinkStatus,
	PaymentLinkOrder,
	SeedLink,
	StoredLink,
	ApiVersion,
} from './types';

const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{1,50}$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const MAX_PURPOSE_LENGTH = 500;
const MAX_NOTES = 5;
const DEFAULT_EXPIRY_MS = 30 * DAY_MS;
const LINK_URL_PREFIX = 'https://payments-test.cashfree.com/links/';
/** A 1x1 PNG standing in for the QR code image; clients only ever pass it through. */
const QR_CODE_PLACEHOLDER =
	'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export type OrderStatusFilter = 'ALL' | 'PAID';

/** Where link orders take their ids from: the order store's sequences, so that ids stay unique across both. */
export interface OrderIdSource {
	cfOrderIds: IdSequence;
	customerIds: IdSequence;
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

// ---- rendering per API version ----

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
		subscription: has2026Shapes(version) ? renderLinkSubscription(link.subscription) : undefined,
	};
	return withoutUndefined(entity);
}

/**
 * The subscription a link was created with, as Go SDK v6's LinkSubscriptionEntity answers it:
 * the request's Subscription less its subscription_id and authorization_amount, which that
 * entity does not carry.
 */
function renderLinkSubscription(
	subscription: StoredLink['subscription'],
): StoredLink['subscription'] {
	if (!subscription) return undefined;
	const { plan_details, authorization_amount_refund, subscription_expiry_time } = subscription;
	return withoutUndefined({
		plan_details,
		authorization_amount_refund,
		subscription_expiry_time,
		subscription_first_charge_time: subscription.subscription_first_charge_time,
	});
}

// ---- the store ----

export class LinkStore {
	private readonly links = new Map<string, StoredLink>();
	private readonly cancellations = new Tally<string>();
	// An arbitrary starting point, so ids look like Cashfree's rather than 1, 2, 3.
	private nextCfLinkId = 4_100_001;
	/** Told when a link is found to have expired, for the link webhook. */
	onExpired: (link: StoredLink) => void = () => undefined;

	constructor(private readonly orderIds: OrderIdSource) {}

	create(body: JsonObject, now = Date.now()): StoredLink {
		const linkId = readRequiredString(body, 'link_id');
		if (!LINK_ID_PATTERN.test(linkId)) {
			reject(
				'link_id',
				'invalid',
				'should be at most 50 characters, only letters, digits, - and _',
			);
		}
		const amount = readAmount(body, 'link_amount');
		if (amount === undefined) reject('link_amount', 'missing', 'is required');
		const currency = readRequiredString(body, 'link_currency');
		if (!CURRENCY_PATTERN.test(currency))
			reject('link_currency', 'invalid', 'should be a three-letter currency code such as INR');
		const purpose = readRequiredString(body, 'link_purpose');
		if (purpose.length > MAX_PURPOSE_LENGTH)
			reject('link_purpose', 'invalid', `should be at most ${MAX_PURPOSE_LENGTH} characters`);
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
			link_expiry_time: readExpiryTime(body, 'link_expiry_time', now, DEFAULT_EXPIRY_MS),
			link_notes: readStringMap(body, 'link_notes', MAX_NOTES) ?? {},
			link_auto_reminders: readOptional(body, 'link_auto_reminders', 'boolean') ?? false,
			link_notify: readLinkNotify(body),
			link_qrcode: QR_CODE_PLACEHOLDER,
			order_splits: readSplits(body, 'order_splits'),
			orders: [],
			subscription: readObject(body, 'subscription'),
		};
		// Read for its type only: LinkEntity has no enable_invoice to answer with (Go SDK v6).
		readOptional(body, 'enable_invoice', 'boolean');
		// Checked last so that a malformed duplicate reports what is malformed, as a validating API would.
		if (this.links.has(linkId)) throw new RequestRejected(errors.linkAlreadyExists());
		return this.store(link);
	}

	/** Replaces any link with the same id, so tests can re-seed in `beforeEach`. */
	seed(seed: SeedLink, now = Date.now()): StoredLink {
		if (!LINK_ID_PATTERN.test(seed.link_id))
			throw new Error(`seedLink: invalid link_id ${JSON.stringify(seed.link_id)}`);
		const status: LinkStatus = seed.link_status ?? 'ACTIVE';
		const amount = seed.link_amount ?? 100;
		const partialPayments = seed.link_partial_payments ?? status === 'PARTIALLY_PAID';
		const minimumPartialAmount = partialPayments
			? (seed.link_minimum_partial_amount ?? roundToPaise(amount / 2))
			: undefined;
		const defaultPaid =
			status === 'PAID'
				? amount
				: status === 'PARTIALLY_PAID'
					? (minimumPartialAmount ?? amount / 2)
					: 0;
		const expiry =
			seed.link_expiry_time ??
			toIstTimestamp(status === 'EXPIRED' ? now - DAY_MS : now + DEFAULT_EXPIRY_MS);
		if (Number.isNaN(Date.parse(expiry)))
			throw new Error(`seedLink: invalid link_expiry_time ${JSON.stringify(expiry)}`);
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
		link.orders = (seed.orders ?? []).map((order, index) =>
			this.completeOrder(link, order, index, now),
		);
		return this.store(link);
	}

	/** The link's current state; an ACTIVE link past its expiry time turns EXPIRED on first look. */
	find(linkId: string, now = Date.now()): StoredLink | undefined {
		const link = this.links.get(linkId);
		if (link && link.link_status === 'ACTIVE' && Date.parse(link.link_expiry_time) <= now) {
			link.link_status = 'EXPIRED';
			this.onExpired(link);
		}
		return link;
	}

	findOrReject(linkId: string, now = Date.now()): StoredLink {
		return orReject(this.find(linkId, now), errors.linkNotFound);
	}

	cancel(linkId: string): StoredLink {
		const link = this.findOrReject(linkId);
		// Cashfree only cancels ACTIVE links; a partly paid link has taken money and is refused too.
		if (link.link_status !== 'ACTIVE') throw new RequestRejected(errors.linkNotActive());
		link.link_status = 'CANCELLED';
		this.cancellations.add(linkId);
		return link;
	}

	ordersOf(linkId: string, filter: OrderStatusFilter): PaymentLinkOrder[] {
		const orders = this.findOrReject(linkId).orders;
		return filter === 'ALL' ? orders : orders.filter((order) => order.order_status === 'PAID');
	}

	cancelCount(linkId: string): number {
		return this.cancellations.of(linkId);
	}

	clear(): void {
		this.links.clear();
		this.cancellations.clear();
	}

	private store(link: StoredLink): StoredLink {
		const stored = withoutUndefined(link);
		this.links.set(stored.link_id, stored);
		this.cancellations.forget(stored.link_id);
		return stored;
	}

	/**
	 * A new ACTIVE order for a payment of `amount` on the link, numbered after the link's
	 * earlier orders as Cashfree does (CFPay_<link_id>_<n>).
	 */
	addOrder(link: StoredLink, amount: number, now = Date.now()): PaymentLinkOrder {
		const order = this.completeOrder(
			link,
			{ order_amount: amount, order_status: 'ACTIVE' },
			link.orders.length,
			now,
		);
		link.orders.push(order);
		return order;
	}

	/** Counts a successful payment on one of the link's orders. */
	recordPayment(link: StoredLink, amount: number): void {
		link.link_amount_paid = roundToPaise(link.link_amount_paid + amount);
		link.link_status = link.link_amount_paid >= link.link_amount ? 'PAID' : 'PARTIALLY_PAID';
	}

	private completeOrder(
		link: StoredLink,
		order: Partial<PaymentLinkOrder>,
		index: number,
		now: number,
	): PaymentLinkOrder {
		const completed: PaymentLinkOrder = {
			cf_order_id: this.orderIds.cfOrderIds.take(),
			order_id: `CFPay_${link.link_id}_${index + 1}`,
			entity: 'order',
			order_currency: link.link_currency,
			order_amount: link.link_amount,
			order_status: 'PAID',
			payment_session_id: newPaymentSessionId(),
			order_expiry_time: link.link_expiry_time,
			created_at: toIstTimestamp(now),
			order_splits: [],
			// The 2022-09-01 order entity requires a customer_id, which a link's customer does not have.
			customer_details: { customer_id: this.orderIds.customerIds.take(), ...link.customer_details },
			order_meta: {},
			...order,
			link_id: link.link_id,
		};
		// 2022-09-01 sends cf_order_id as an integer, so it has to be one.
		if (!/^\d+$/.test(completed.cf_order_id)) {
			throw new Error(
				`seedLink: cf_order_id must be digits, got ${JSON.stringify(completed.cf_order_id)}`,
			);
		}
		return completed;
	}
}
