/**
 * Cashfree's Subscriptions API: plans, subscriptions (with their mandate), charges and refunds
 * of charges, under the Payment Gateway's /pg. Shapes after Cashfree's Go SDK v6
 * (api_subscription.go; model_plan_entity.go, model_subscription_entity.go,
 * model_subscription_payment_entity.go, model_subscription_payment_refund_entity.go and the
 * request models) and the API reference for 2023-08-01 and 2025-01-01, which first document it.
 * Where 2026-01-01 differs (SDK v6 against v5.1.0, which sends 2025-01-01; v4.3.10, 2023-08-01,
 * has v5.1.0's fields): Create Subscription takes cf_order_id and
 * subscription_meta.session_id_expiry instead of subscription_note, and a subscription answers
 * next_schedule_date, payment_group and its mandate's details (`renderSubscription`).
 * Statuses and transitions after Cashfree's "Subscription Status and Workflow" page. What the
 * documents leave open and what was chosen: tools/simulator/README.md, "Subscriptions".
 */
import { directly, errorReply, jsonReply, orReject, RequestRejected, type Reply } from './errors';
import {
	has2026Shapes,
	IdSequence,
	newPaymentSessionId,
	toIstTimestamp,
	withoutUndefined,
} from './format';
import {
	readEnum,
	readObject,
	readOptional,
	readRequiredAmount,
	readRequiredEnum,
	readRequiredObject,
	readText,
	readTime,
	reject,
	type JsonObject,
} from './input';
import type { ApiVersion } from './types';

export type PlanType = 'PERIODIC' | 'ON_DEMAND';
export type SubscriptionStatus =
	| 'INITIALIZED'
	| 'BANK_APPROVAL_PENDING'
	| 'ACTIVE'
	| 'ON_HOLD'
	| 'PAUSED'
	| 'CANCELLED'
	| 'CUSTOMER_CANCELLED'
	| 'CUSTOMER_PAUSED'
	| 'COMPLETED'
	| 'EXPIRED'
	| 'LINK_EXPIRED';
export type SubscriptionPaymentStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'CANCELLED';
export type SubscriptionRefundStatus = 'PENDING' | 'SUCCESS' | 'FAILED';
/** The mandate types (authorization_details.payment_methods, the answer's payment_group). */
export type PaymentGroup = 'upi' | 'enach' | 'pnach' | 'card';
const PAYMENT_GROUPS: readonly PaymentGroup[] = ['upi', 'enach', 'pnach', 'card'];

export interface StoredPlan {
	plan_id: string;
	plan_name: string;
	plan_type: PlanType;
	plan_currency: string;
	plan_recurring_amount: number | null;
	plan_max_amount: number;
	plan_max_cycles: number | null;
	plan_intervals: number | null;
	plan_interval_type: string | null;
	plan_note: string | null;
	plan_status: 'ACTIVE';
}

export interface StoredSubscription {
	cf_subscription_id: string;
	subscription_id: string;
	subscription_status: SubscriptionStatus;
	plan_details: StoredPlan;
	customer_details: Record<string, string>;
	authorisation_details: Record<string, unknown>;
	subscription_meta: { return_url: string | null };
	subscription_expiry_time: string;
	subscription_first_charge_time: string | null;
	subscription_note: string | null;
	subscription_session_id: string;
	subscription_tags: Record<string, string> | null;
	subscription_payment_splits: unknown[];
	next_schedule_date: string | null;
}

export interface StoredSubscriptionPayment {
	cf_payment_id: string;
	cf_subscription_id: string;
	cf_order_id: string;
	cf_txn_id: string;
	subscription_id: string;
	payment_id: string;
	payment_type: 'CHARGE';
	payment_amount: number;
	payment_status: SubscriptionPaymentStatus;
	payment_initiated_date: string;
	payment_schedule_date: string;
	payment_remarks: string | null;
	retry_attempts: number;
	failure_details: { failure_reason: string } | null;
}

export interface StoredSubscriptionRefund {
	cf_refund_id: string;
	cf_payment_id: string;
	payment_id: string;
	refund_id: string;
	refund_amount: number;
	refund_note: string | null;
	refund_speed: string;
	refund_status: SubscriptionRefundStatus;
}

/** What the desk tells the server happened, for the webhooks Cashfree would send. */
export type SubscriptionEvent =
	| { kind: 'status'; subscription: StoredSubscription }
	| { kind: 'auth'; subscription: StoredSubscription; status: 'SUCCESS' | 'FAILED' }
	| { kind: 'payment'; subscription: StoredSubscription; payment: StoredSubscriptionPayment }
	| { kind: 'refund'; subscription: StoredSubscription; refund: StoredSubscriptionRefund };

const PLAN_TYPES: readonly PlanType[] = ['PERIODIC', 'ON_DEMAND'];
const INTERVAL_TYPES = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
const MANAGE_ACTIONS = ['CANCEL', 'PAUSE', 'ACTIVATE', 'CHANGE_PLAN'] as const;
const PAYMENT_ACTIONS = ['CANCEL', 'RETRY'] as const;
/** Cashfree's ID rules: plan_id letters, digits, ".", "-", "_"; subscription_id also spaces. */
const PLAN_ID = /^[A-Za-z0-9_.-]+$/;
const SUBSCRIPTION_ID = /^[A-Za-z0-9_. -]+$/;
/** A subscription that ended; nothing can be done with it any more. */
const ENDED: readonly SubscriptionStatus[] = [
	'CANCELLED',
	'CUSTOMER_CANCELLED',
	'COMPLETED',
	'EXPIRED',
	'LINK_EXPIRED',
];
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
/** Cashfree's sandbox picks a refund's outcome from refund_note; anything else succeeds. */
const REFUND_OUTCOME_NOTES: readonly SubscriptionRefundStatus[] = ['FAILED', 'PENDING'];

export const subscriptionErrors = {
	planNotFound: () => errorReply(404, 'plan_not_found', 'no plan exists with this plan_id'),
	planAlreadyExists: () =>
		errorReply(409, 'plan_already_exists', 'a plan with this plan_id already exists'),
	subscriptionNotFound: () =>
		errorReply(404, 'subscription_not_found', 'no subscription exists with this subscription_id'),
	subscriptionAlreadyExists: () =>
		errorReply(
			409,
			'subscription_already_exists',
			'a subscription with this subscription_id already exists',
		),
	actionNotAllowed: (action: string, status: SubscriptionStatus) =>
		errorReply(
			400,
			'action_invalid',
			`${action} is not allowed on a subscription that is ${status}`,
		),
	subscriptionNotActive: () =>
		errorReply(
			400,
			'subscription_not_active',
			'charges can only be raised on an ACTIVE subscription',
		),
	paymentNotFound: () =>
		errorReply(
			404,
			'payment_not_found',
			'no payment of this subscription exists with this payment_id',
		),
	paymentAlreadyExists: () =>
		errorReply(
			409,
			'payment_already_exists',
			'a payment with this payment_id already exists for this subscription',
		),
	paymentActionNotAllowed: (action: string, status: SubscriptionPaymentStatus) =>
		errorReply(400, 'action_invalid', `${action} is not allowed on a payment that is ${status}`),
	paymentNotSuccessful: () =>
		errorReply(400, 'payment_not_successful', 'only a successful payment can be refunded'),
	refundNotFound: () =>
		errorReply(
			404,
			'refund_not_found',
			'no refund of this subscription exists with this refund_id',
		),
	refundAlreadyExists: () =>
		errorReply(
			409,
			'refund_already_exists',
			'a refund with this refund_id already exists for this subscription',
		),
	refundAmountInvalid: () =>
		errorReply(
			400,
			'refund_amount_invalid',
			'refund_amount : should be at most what the payment took less its earlier refunds',
		),
};

function readDateTime(source: JsonObject, field: string, label = field): string | undefined {
	const at = readTime(source, field, label);
	return at === undefined ? undefined : toIstTimestamp(at);
}

function readRequiredDateTime(source: JsonObject, field: string, label = field): string {
	const at = readDateTime(source, field, label);
	if (at === undefined) reject(label, 'missing', 'is required');
	return at;
}

function readWholeNumber(source: JsonObject, field: string, min: number): number | undefined {
	const value = readOptional(source, field, 'number');
	if (value !== undefined && (!Number.isInteger(value) || value < min))
		reject(field, 'invalid', `should be a whole number of at least ${min}`);
	return value;
}

/** The id in the body must name what the path names. */
function requireSame(body: JsonObject, field: string, expected: string): void {
	const value = readText(body, field, { required: true });
	if (value !== expected) reject(field, 'invalid', 'should match the one in the URL');
}

/**
 * Create Subscription's fields that differ by version, read and checked: up to 2025-01-01 the
 * note (answered as subscription_note); from 2026-01-01 cf_order_id and
 * subscription_meta.session_id_expiry, which SubscriptionEntity does not answer, and no note (a
 * note sent there is ignored, as by a version that does not know it). Returns the note.
 */
function readVersionedCreateFields(
	body: JsonObject,
	meta: JsonObject,
	version: ApiVersion,
): string | null {
	if (!has2026Shapes(version)) return readText(body, 'subscription_note') ?? null;
	readText(body, 'cf_order_id', { minLength: 1 });
	readDateTime(meta, 'session_id_expiry', 'subscription_meta.session_id_expiry');
	return null;
}

/**
 * A subscription as the version answers it. 2026-01-01 (Go SDK v6's SubscriptionEntity and
 * AuthorizationDetails) answers it whole; 2023-08-01 and 2025-01-01 (v4.3.10, v5.1.0, the
 * 2025-01-01 document) have no next_schedule_date and no payment_group, and their
 * authorisation payment_method is a text: the payment group's name.
 */
export function renderSubscription(
	subscription: StoredSubscription,
	version: ApiVersion,
): Record<string, unknown> {
	if (has2026Shapes(version)) return { ...subscription };
	const answer: Record<string, unknown> = { ...subscription };
	delete answer.next_schedule_date;
	const authorisation = { ...subscription.authorisation_details };
	authorisation.payment_method = authorisation.payment_group ?? null;
	delete authorisation.payment_group;
	return { ...answer, authorisation_details: authorisation };
}

export class SubscriptionDesk {
	private readonly plans = new Map<string, StoredPlan>();
	private readonly subscriptions = new Map<string, StoredSubscription>();
	private readonly payments = new Map<string, StoredSubscriptionPayment[]>();
	private readonly refunds = new Map<string, StoredSubscriptionRefund[]>();
	/** The payment groups each subscription's checkout offers; the customer takes the first. */
	private readonly offeredGroups = new Map<string, PaymentGroup>();
	private readonly subscriptionIds = new IdSequence(5_390_001);
	private readonly paymentIds = new IdSequence(8_120_001);
	private readonly refundIds = new IdSequence(2_010_001);
	/** Set by the server: sends the webhook of an event (Cashfree's dashboard-wide subscription URL). */
	onEvent: (event: SubscriptionEvent) => void = () => undefined;

	reset(): void {
		this.plans.clear();
		this.subscriptions.clear();
		this.payments.clear();
		this.refunds.clear();
		this.offeredGroups.clear();
	}

	// ---- the API ----

	createPlan(body: JsonObject): StoredPlan {
		const plan_id = readText(body, 'plan_id', {
			required: true,
			minLength: 1,
			maxLength: 40,
			pattern: PLAN_ID,
			patternHint: 'letters, digits, ".", "-" and "_"',
		});
		if (this.plans.has(plan_id)) throw new RequestRejected(subscriptionErrors.planAlreadyExists());
		const plan_type = readRequiredEnum(body, 'plan_type', PLAN_TYPES);
		const plan_max_amount = readRequiredAmount(body, 'plan_max_amount');
		const periodic = plan_type === 'PERIODIC';
		const plan_recurring_amount = periodic
			? readRequiredAmount(body, 'plan_recurring_amount')
			: null;
		if (plan_recurring_amount !== null && plan_recurring_amount > plan_max_amount)
			reject('plan_recurring_amount', 'invalid', 'should be at most plan_max_amount');
		const plan_interval_type = periodic
			? (readEnum(body, 'plan_interval_type', INTERVAL_TYPES) ??
				reject('plan_interval_type', 'missing', 'is required for a PERIODIC plan'))
			: null;
		const plan: StoredPlan = {
			plan_id,
			plan_name: readText(body, 'plan_name', { required: true, minLength: 1, maxLength: 40 }),
			plan_type,
			plan_currency: readText(body, 'plan_currency', { pattern: /^[A-Z]{3}$/ }) ?? 'INR',
			plan_recurring_amount,
			plan_max_amount,
			plan_max_cycles: readWholeNumber(body, 'plan_max_cycles', 1) ?? null,
			plan_intervals: periodic ? (readWholeNumber(body, 'plan_intervals', 1) ?? 1) : null,
			plan_interval_type,
			plan_note: readText(body, 'plan_note') ?? null,
			plan_status: 'ACTIVE',
		};
		this.plans.set(plan_id, plan);
		return plan;
	}

	planOf(planId: string): StoredPlan {
		return orReject(this.plans.get(planId), subscriptionErrors.planNotFound);
	}

	createSubscription(
		body: JsonObject,
		version: ApiVersion = '2025-01-01',
		now = Date.now(),
	): StoredSubscription {
		const subscription_id = readText(body, 'subscription_id', {
			required: true,
			minLength: 1,
			maxLength: 250,
			pattern: SUBSCRIPTION_ID,
			patternHint: 'letters, digits, ".", "-", "_" and spaces',
		});
		if (this.subscriptions.has(subscription_id))
			throw new RequestRejected(subscriptionErrors.subscriptionAlreadyExists());
		const customer = readRequiredObject(body, 'customer_details');
		const customerText = (field: string, required = false) =>
			readText(customer, field, { required, label: `customer_details.${field}` });
		const planDetails = readRequiredObject(body, 'plan_details');
		// Only plans created beforehand: the inline plan of the documents is not simulated.
		const planId = readText(planDetails, 'plan_id', {
			required: true,
			label: 'plan_details.plan_id',
		});
		const plan = this.planOf(planId);
		const authorization = readObject(body, 'authorization_details') ?? {};
		const meta = readObject(body, 'subscription_meta') ?? {};
		const groups = authorization.payment_methods ?? [];
		if (
			!Array.isArray(groups) ||
			groups.some((group) => !PAYMENT_GROUPS.includes(group as PaymentGroup))
		)
			reject(
				'authorization_details.payment_methods',
				'invalid',
				`should be a list of some of ${PAYMENT_GROUPS.join(', ')}`,
			);
		const note = readVersionedCreateFields(body, meta, version);
		const splits = body.subscription_payment_splits;
		if (splits !== undefined && !Array.isArray(splits))
			reject('subscription_payment_splits', 'invalid', 'should be a list');
		const tags = readObject(body, 'subscription_tags');
		if (tags && Object.keys(tags).length > 10)
			reject('subscription_tags', 'invalid', 'should have at most 10 entries');
		const subscription: StoredSubscription = {
			cf_subscription_id: this.subscriptionIds.take(),
			subscription_id,
			subscription_status: 'INITIALIZED',
			plan_details: { ...plan },
			customer_details: withoutUndefined({
				customer_name: customerText('customer_name'),
				customer_email: customerText('customer_email', true),
				customer_phone: customerText('customer_phone', true),
				customer_bank_account_holder_name: customerText('customer_bank_account_holder_name'),
				customer_bank_account_number: customerText('customer_bank_account_number'),
				customer_bank_ifsc: customerText('customer_bank_ifsc'),
				customer_bank_code: customerText('customer_bank_code'),
				customer_bank_account_type: customerText('customer_bank_account_type'),
			}) as Record<string, string>,
			authorisation_details: {
				authorization_amount: readOptional(authorization, 'authorization_amount', 'number') ?? null,
				authorization_amount_refund:
					readOptional(authorization, 'authorization_amount_refund', 'boolean') ?? false,
				authorization_reference: null,
				authorization_time: null,
				authorization_status: 'INITIALIZED',
				payment_id: null,
				payment_group: null,
				payment_method: null,
			},
			subscription_meta: { return_url: readText(meta, 'return_url') ?? null },
			subscription_expiry_time:
				readDateTime(body, 'subscription_expiry_time') ?? toIstTimestamp(now + 30 * YEAR_MS),
			subscription_first_charge_time: readDateTime(body, 'subscription_first_charge_time') ?? null,
			subscription_note: note,
			subscription_session_id: newPaymentSessionId().replace('session_', 'sub_session_'),
			subscription_tags: (tags as Record<string, string> | undefined) ?? null,
			subscription_payment_splits: (splits as unknown[] | undefined) ?? [],
			next_schedule_date: null,
		};
		this.subscriptions.set(subscription_id, subscription);
		this.offeredGroups.set(subscription_id, (groups[0] as PaymentGroup | undefined) ?? 'enach');
		return subscription;
	}

	subscriptionOf(subscriptionId: string): StoredSubscription {
		return orReject(
			this.subscriptions.get(subscriptionId),
			subscriptionErrors.subscriptionNotFound,
		);
	}

	manage(subscriptionId: string, body: JsonObject): StoredSubscription {
		const subscription = this.subscriptionOf(subscriptionId);
		requireSame(body, 'subscription_id', subscriptionId);
		const action = readRequiredEnum(body, 'action', MANAGE_ACTIONS);
		const details = readObject(body, 'action_details') ?? {};
		const status = subscription.subscription_status;
		const refuse = () => {
			throw new RequestRejected(subscriptionErrors.actionNotAllowed(action, status));
		};
		switch (action) {
			case 'CANCEL':
				if (ENDED.includes(status)) refuse();
				return this.moveTo(subscription, 'CANCELLED');
			case 'PAUSE':
				if (status !== 'ACTIVE') refuse();
				return this.moveTo(subscription, 'PAUSED');
			case 'ACTIVATE': {
				if (status !== 'PAUSED' && status !== 'ON_HOLD') refuse();
				subscription.next_schedule_date = readRequiredDateTime(
					details,
					'next_scheduled_time',
					'action_details.next_scheduled_time',
				);
				return this.moveTo(subscription, 'ACTIVE');
			}
			case 'CHANGE_PLAN': {
				if (ENDED.includes(status) || status === 'INITIALIZED') refuse();
				const planId = readText(details, 'plan_id', {
					required: true,
					label: 'action_details.plan_id',
				});
				subscription.plan_details = { ...this.planOf(planId) };
				return subscription;
			}
		}
	}

	raiseCharge(body: JsonObject, now = Date.now()): StoredSubscriptionPayment {
		const subscriptionId = readText(body, 'subscription_id', { required: true });
		const subscription = this.subscriptionOf(subscriptionId);
		readRequiredEnum(body, 'payment_type', ['CHARGE'] as const);
		const payment_id = readText(body, 'payment_id', { required: true, maxLength: 250 });
		const payments = this.paymentsOf(subscriptionId);
		if (payments.some((payment) => payment.payment_id === payment_id))
			throw new RequestRejected(subscriptionErrors.paymentAlreadyExists());
		if (subscription.subscription_status !== 'ACTIVE')
			throw new RequestRejected(subscriptionErrors.subscriptionNotActive());
		const payment_amount = readRequiredAmount(body, 'payment_amount');
		if (payment_amount > subscription.plan_details.plan_max_amount)
			reject('payment_amount', 'invalid', "should be at most the plan's plan_max_amount");
		const payment: StoredSubscriptionPayment = {
			cf_payment_id: this.paymentIds.take(),
			cf_subscription_id: subscription.cf_subscription_id,
			cf_order_id: this.paymentIds.take(),
			cf_txn_id: this.paymentIds.take(),
			subscription_id: subscriptionId,
			payment_id,
			payment_type: 'CHARGE',
			payment_amount,
			payment_status: 'PENDING',
			payment_initiated_date: toIstTimestamp(now),
			payment_schedule_date: readDateTime(body, 'payment_schedule_date') ?? toIstTimestamp(now),
			payment_remarks: readText(body, 'payment_remarks') ?? null,
			retry_attempts: 0,
			failure_details: null,
		};
		payments.push(payment);
		return payment;
	}

	paymentsOf(subscriptionId: string): StoredSubscriptionPayment[] {
		this.subscriptionOf(subscriptionId);
		let payments = this.payments.get(subscriptionId);
		if (!payments) this.payments.set(subscriptionId, (payments = []));
		return payments;
	}

	paymentOf(subscriptionId: string, paymentId: string): StoredSubscriptionPayment {
		return orReject(
			this.paymentsOf(subscriptionId).find((payment) => payment.payment_id === paymentId),
			subscriptionErrors.paymentNotFound,
		);
	}

	managePayment(subscriptionId: string, paymentId: string, body: JsonObject) {
		const payment = this.paymentOf(subscriptionId, paymentId);
		requireSame(body, 'subscription_id', subscriptionId);
		requireSame(body, 'payment_id', paymentId);
		const action = readRequiredEnum(body, 'action', PAYMENT_ACTIONS);
		if (action === 'CANCEL') {
			if (payment.payment_status !== 'PENDING')
				throw new RequestRejected(
					subscriptionErrors.paymentActionNotAllowed(action, payment.payment_status),
				);
			return this.decide(payment, 'CANCELLED');
		}
		if (payment.payment_status !== 'FAILED')
			throw new RequestRejected(
				subscriptionErrors.paymentActionNotAllowed(action, payment.payment_status),
			);
		const details = readObject(body, 'action_details') ?? {};
		payment.payment_schedule_date = readRequiredDateTime(
			details,
			'next_scheduled_time',
			'action_details.next_scheduled_time',
		);
		payment.payment_status = 'PENDING';
		payment.failure_details = null;
		payment.retry_attempts += 1;
		return payment;
	}

	createRefund(subscriptionId: string, body: JsonObject): StoredSubscriptionRefund {
		this.subscriptionOf(subscriptionId);
		requireSame(body, 'subscription_id', subscriptionId);
		const payment = this.paymentOf(
			subscriptionId,
			readText(body, 'payment_id', { required: true }),
		);
		const refund_id = readText(body, 'refund_id', { required: true, maxLength: 250 });
		const refunds = this.refundsOf(subscriptionId);
		if (refunds.some((refund) => refund.refund_id === refund_id))
			throw new RequestRejected(subscriptionErrors.refundAlreadyExists());
		if (payment.payment_status !== 'SUCCESS')
			throw new RequestRejected(subscriptionErrors.paymentNotSuccessful());
		const refund_amount = readRequiredAmount(body, 'refund_amount');
		const refunded = refunds
			.filter((refund) => refund.payment_id === payment.payment_id)
			.filter((refund) => refund.refund_status !== 'FAILED')
			.reduce((sum, refund) => sum + refund.refund_amount, 0);
		if (Math.round((refunded + refund_amount) * 100) > Math.round(payment.payment_amount * 100))
			throw new RequestRejected(subscriptionErrors.refundAmountInvalid());
		const refund: StoredSubscriptionRefund = {
			cf_refund_id: this.refundIds.take(),
			cf_payment_id: payment.cf_payment_id,
			payment_id: payment.payment_id,
			refund_id,
			refund_amount,
			refund_note: readText(body, 'refund_note') ?? null,
			refund_speed: readEnum(body, 'refund_speed', ['STANDARD', 'INSTANT'] as const) ?? 'STANDARD',
			refund_status: 'PENDING',
		};
		refunds.push(refund);
		return refund;
	}

	/**
	 * A refund as a read sees it: PENDING when made, decided at the first read after (no timers,
	 * so tests stay deterministic); the sandbox's refund_note convention picks FAILED or PENDING.
	 */
	refundOf(subscriptionId: string, refundId: string): StoredSubscriptionRefund {
		const refund = orReject(
			this.refundsOf(subscriptionId).find((candidate) => candidate.refund_id === refundId),
			subscriptionErrors.refundNotFound,
		);
		if (refund.refund_status === 'PENDING' && refund.refund_note !== 'PENDING') {
			refund.refund_status = REFUND_OUTCOME_NOTES.includes(
				refund.refund_note as SubscriptionRefundStatus,
			)
				? (refund.refund_note as SubscriptionRefundStatus)
				: 'SUCCESS';
			this.onEvent({ kind: 'refund', subscription: this.subscriptionOf(subscriptionId), refund });
		}
		return refund;
	}

	// ---- what customers and banks do (seeding, for tests) ----

	/** Where Cashfree posts subscription webhooks: set once in its dashboard, not per subscription. */
	webhookUrl: string | undefined;

	/** Seeds a plan as Create Plan would make it. */
	seedPlan(body: JsonObject): StoredPlan {
		return directly(() => this.createPlan(body));
	}

	getSubscription(subscriptionId: string): StoredSubscription | undefined {
		const subscription = this.subscriptions.get(subscriptionId);
		return subscription && structuredClone(subscription);
	}

	getPayments(subscriptionId: string): StoredSubscriptionPayment[] {
		return structuredClone(this.payments.get(subscriptionId) ?? []);
	}

	/**
	 * A subscription its customer authorised (ACTIVE), or one still INITIALIZED with
	 * `authorised: false`; the plan is created first when it does not exist.
	 */
	seedSubscription(seed: {
		subscription_id: string;
		plan?: JsonObject;
		authorised?: boolean;
	}): StoredSubscription {
		return directly(() => this.seed(seed));
	}

	private seed(seed: { subscription_id: string; plan?: JsonObject; authorised?: boolean }) {
		const plan = seed.plan ?? {
			plan_id: 'plan_monthly',
			plan_name: 'Monthly',
			plan_type: 'ON_DEMAND',
			plan_max_amount: 1000,
		};
		if (!this.plans.has(String(plan.plan_id))) this.createPlan(plan);
		const subscription = this.createSubscription({
			subscription_id: seed.subscription_id,
			customer_details: { customer_email: 'customer@example.com', customer_phone: '9999999999' },
			plan_details: { plan_id: plan.plan_id },
		});
		if (seed.authorised !== false) this.authoriseNow(seed.subscription_id, 'SUCCESS', false);
		return subscription;
	}

	/**
	 * The customer completes (SUCCESS: ACTIVE) or fails the mandate checkout. `notify` false for
	 * seeding, which raises no webhook: no event happened.
	 */
	authorise(subscriptionId: string, outcome: 'SUCCESS' | 'FAILED'): StoredSubscription {
		return directly(() => this.authoriseNow(subscriptionId, outcome, true));
	}

	private authoriseNow(subscriptionId: string, outcome: 'SUCCESS' | 'FAILED', notify: boolean) {
		const subscription = this.subscriptionOf(subscriptionId);
		if (subscription.subscription_status !== 'INITIALIZED')
			throw new RequestRejected(
				subscriptionErrors.actionNotAllowed('authorisation', subscription.subscription_status),
			);
		subscription.authorisation_details = {
			...subscription.authorisation_details,
			authorization_status: outcome === 'SUCCESS' ? 'ACTIVE' : 'FAILED',
			authorization_time: toIstTimestamp(Date.now()),
			authorization_reference:
				outcome === 'SUCCESS' ? `UMRN${subscription.cf_subscription_id}` : null,
			...this.mandateOf(subscription),
		};
		if (notify) this.onEvent({ kind: 'auth', subscription, status: outcome });
		if (outcome === 'SUCCESS') {
			subscription.subscription_status = 'ACTIVE';
			if (notify) this.onEvent({ kind: 'status', subscription });
		}
		return subscription;
	}

	/**
	 * The mandate the customer authorised with, in 2026-01-01's shape (the Go SDK v6's
	 * AuthorizationDetailsPaymentMethod: one key, the payment group, holding its details); the
	 * bank fields come from what the subscription was created with.
	 */
	private mandateOf(subscription: StoredSubscription) {
		const group = this.offeredGroups.get(subscription.subscription_id) ?? 'enach';
		const customer = subscription.customer_details;
		const bank = {
			account_type: customer.customer_bank_account_type ?? null,
			account_number: customer.customer_bank_account_number ?? null,
			account_ifsc: customer.customer_bank_ifsc ?? null,
			account_holder_name: customer.customer_bank_account_holder_name ?? null,
			account_bank_code: customer.customer_bank_code ?? null,
		};
		const details: Record<PaymentGroup, Record<string, string | null>> = {
			enach: { channel: 'link', auth_mode: 'net_banking', ...bank },
			pnach: { channel: 'link', ...bank },
			upi: { channel: 'link', upi_id: null },
			card: { channel: 'link', card_network: null, card_type: null },
		};
		return { payment_group: group, payment_method: { [group]: details[group] } };
	}

	/**
	 * The bank's answer to a PENDING charge. A failed charge of a periodic subscription puts it
	 * ON_HOLD, as Cashfree's workflow page says.
	 */
	settleCharge(
		subscriptionId: string,
		paymentId: string,
		outcome: 'SUCCESS' | 'FAILED',
		failureReason = 'INSUFFICIENT_FUNDS',
	): StoredSubscriptionPayment {
		return directly(() => this.settle(subscriptionId, paymentId, outcome, failureReason));
	}

	private settle(
		subscriptionId: string,
		paymentId: string,
		outcome: 'SUCCESS' | 'FAILED',
		failureReason: string,
	) {
		const payment = this.paymentOf(subscriptionId, paymentId);
		if (payment.payment_status !== 'PENDING')
			throw new RequestRejected(
				subscriptionErrors.paymentActionNotAllowed('settling', payment.payment_status),
			);
		if (outcome === 'FAILED') payment.failure_details = { failure_reason: failureReason };
		this.decide(payment, outcome);
		const subscription = this.subscriptionOf(subscriptionId);
		if (outcome === 'FAILED' && subscription.plan_details.plan_type === 'PERIODIC')
			this.moveTo(subscription, 'ON_HOLD');
		return payment;
	}

	private moveTo(subscription: StoredSubscription, status: SubscriptionStatus) {
		subscription.subscription_status = status;
		this.onEvent({ kind: 'status', subscription });
		return subscription;
	}

	private decide(payment: StoredSubscriptionPayment, status: SubscriptionPaymentStatus) {
		payment.payment_status = status;
		this.onEvent({
			kind: 'payment',
			subscription: this.subscriptionOf(payment.subscription_id),
			payment,
		});
		return payment;
	}

	private refundsOf(subscriptionId: string): StoredSubscriptionRefund[] {
		let refunds = this.refunds.get(subscriptionId);
		if (!refunds) this.refunds.set(subscriptionId, (refunds = []));
		return refunds;
	}
}

/**
 * Raise a Charge answers less than the payment entity: the Go SDK's
 * CreateSubscriptionPaymentResponse (with `data` empty for a charge).
 */
const CHARGE_ANSWER_FIELDS = [
	'cf_payment_id',
	'failure_details',
	'payment_amount',
	'payment_id',
	'payment_initiated_date',
	'payment_status',
	'payment_type',
	'subscription_id',
] as const;

function chargeAnswer(payment: StoredSubscriptionPayment): Record<string, unknown> {
	const answer = Object.fromEntries(CHARGE_ANSWER_FIELDS.map((field) => [field, payment[field]]));
	return { ...answer, data: {} };
}

interface SubscriptionRouteRequest {
	params: Readonly<Record<string, string>>;
	body: string;
}

type Handler = (request: SubscriptionRouteRequest, version: ApiVersion) => Reply;

/** The API's paths below /pg, for the server's route table; all are absent from 2022-09-01. */
export function subscriptionRoutes(
	desk: SubscriptionDesk,
	parseBody: (text: string) => JsonObject,
): Array<{ path: string; operations: Record<string, { handle: Handler; notInLegacy: true }> }> {
	const ok = (value: unknown) => jsonReply(200, value);
	const body = (request: SubscriptionRouteRequest) => parseBody(request.body);
	const on = (handle: Handler) => ({ handle, notInLegacy: true as const });
	return [
		{ path: 'plans', operations: { POST: on((request) => ok(desk.createPlan(body(request)))) } },
		{
			path: 'plans/:plan_id',
			operations: { GET: on(({ params }) => ok(desk.planOf(params.plan_id))) },
		},
		{
			path: 'subscriptions',
			operations: {
				POST: on((request, version) =>
					ok(renderSubscription(desk.createSubscription(body(request), version), version)),
				),
			},
		},
		{
			// Before subscriptions/:subscription_id, which would otherwise take "pay" for an id.
			path: 'subscriptions/pay',
			operations: { POST: on((request) => ok(chargeAnswer(desk.raiseCharge(body(request))))) },
		},
		{
			path: 'subscriptions/:subscription_id',
			operations: {
				GET: on(({ params }, version) =>
					ok(renderSubscription(desk.subscriptionOf(params.subscription_id), version)),
				),
			},
		},
		{
			path: 'subscriptions/:subscription_id/manage',
			operations: {
				POST: on((request, version) =>
					ok(
						renderSubscription(desk.manage(request.params.subscription_id, body(request)), version),
					),
				),
			},
		},
		{
			path: 'subscriptions/:subscription_id/payments',
			operations: {
				GET: on(({ params }) => ok(desk.paymentsOf(params.subscription_id))),
			},
		},
		{
			path: 'subscriptions/:subscription_id/payments/:payment_id',
			operations: {
				GET: on(({ params }) => ok(desk.paymentOf(params.subscription_id, params.payment_id))),
			},
		},
		{
			path: 'subscriptions/:subscription_id/payments/:payment_id/manage',
			operations: {
				POST: on((request) =>
					ok(
						desk.managePayment(
							request.params.subscription_id,
							request.params.payment_id,
							body(request),
						),
					),
				),
			},
		},
		{
			path: 'subscriptions/:subscription_id/refunds',
			operations: {
				POST: on((request) => ok(desk.createRefund(request.params.subscription_id, body(request)))),
			},
		},
		{
			path: 'subscriptions/:subscription_id/refunds/:refund_id',
			operations: {
				GET: on(({ params }) => ok(desk.refundOf(params.subscription_id, params.refund_id))),
			},
		},
	];
}
