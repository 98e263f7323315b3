import {
	createServer,
	type IncomingMessage,
	type OutgoingHttpHeaders,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { renderDispute } from './disputes';
import {
	DEFAULT_GATEWAY_PAGE,
	defaultErrorBodyForStatus,
	directly,
	errors,
	jsonReply,
	orReject,
	RequestRejected,
	type Reply,
} from './errors';
import { FaultQueue } from './faults';
import { isLegacyVersion } from './format';
import { PaymentGateway, type GatewayEvent } from './gateway';
import { IdempotencyStore } from './idempotency';
import { parseJsonObject } from './input';
import { PayoutWebhooks } from './payout-webhooks';
import { PAYOUTS_API_VERSION, PAYOUTS_PREFIX, PayoutsAccount, type PayoutEvent } from './payouts';
import { renderLink, type OrderStatusFilter } from './links';
import { renderOrder } from './orders';
import { renderPayment } from './payments';
import { RateLimits, type RateLimitSnapshot } from './rate-limit';
import { renderRefund } from './refunds';
import { readSettlementQuery, renderSettlement } from './settlements';
import { subscriptionRoutes, SubscriptionDesk } from './subscriptions';
import { subscriptionWebhookFor } from './subscription-webhooks';
import { notifyUrlFor, webhookFor } from './webhook-payloads';
import { WebhookDispatcher, type WebhookDelivery, type WebhookFault } from './webhooks';
import {
	SUPPORTED_API_VERSIONS,
	type ApiVersion,
	type EndpointGroup,
	type FaultRule,
	type OpenDisputeOptions,
	type PaymentLinkOrder,
	type RecordedRequest,
	type RequestContext,
	type SeedLink,
	type SeedOrder,
	type SimulatedPaymentStatus,
	type SimulatorOptions,
	type StoredDispute,
	type StoredLink,
	type StoredOrder,
	type StoredPayment,
	type StoredRefund,
	type StoredSettlement,
} from './types';

const API_PREFIX = '/pg';
/** Sent as x-api-version when the request did not name a supported version. */
const FALLBACK_API_VERSION: ApiVersion = '2025-01-01';
/** Cashfree's documents give PAID as the default of the orders list's `status` filter. */
const DEFAULT_ORDER_STATUS_FILTER: OrderStatusFilter = 'PAID';

/** A reply plus what the common headers need to know about how it came about. */
interface Answer {
	reply: Reply;
	rateLimit?: RateLimitSnapshot;
	replayed?: boolean;
	/**
	 * The idempotency layer answered (a first answer it stored, or a replay): only then does the
	 * answer carry x-idempotency-key and x-idempotency-replayed. A gateway in front of Cashfree
	 * (an unstored fault, a non-JSON page) knows nothing of the key.
	 */
	throughIdempotency?: boolean;
	extraHeaders?: OutgoingHttpHeaders;
}

interface RouteRequest extends RequestContext {
	/** The path's parameters, decoded, by the names the documents give them. */
	params: Readonly<Record<string, string>>;
}

type RouteHandler = (request: RouteRequest, version: ApiVersion) => Reply;

interface Operation {
	handle: RouteHandler;
	/** The row of Cashfree's rate limit table this endpoint falls under, if any. */
	group?: EndpointGroup;
	/** Cashfree added the endpoint after 2022-09-01, so that version answers it as an unknown URL. */
	notInLegacy?: boolean;
}

interface Route {
	/** Below the /pg prefix; `:name` segments are parameters. */
	segments: readonly string[];
	operations: Partial<Record<string, Operation>>;
}

/** Every state-changing call honours x-idempotency-key, as Cashfree documents. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function route(path: string, operations: Route['operations']): Route {
	return { segments: path.split('/'), operations };
}

const ok = (value: unknown): Reply => jsonReply(200, value);

function copy<T>(value: T | undefined): T | undefined {
	return value && structuredClone(value);
}

/** The one way a list answers: a JSON array of rendered entities. */
function list<T>(items: readonly T[], render: (item: T) => unknown): Reply {
	return jsonReply(200, items.map(render));
}

function isSupportedApiVersion(version: string | undefined): version is ApiVersion {
	return (SUPPORTED_API_VERSIONS as readonly (string | undefined)[]).includes(version);
}

function isOrderStatusFilter(value: string): value is OrderStatusFilter {
	return value === 'ALL' || value === 'PAID';
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

/**
 * A malformed escape is left as it is: the result then contains `%`, which no Cashfree id
 * can, so it is simply not found. The same holds for an id that decodes to something with `/`.
 */
function decodePathSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * An HTTP server on loopback that answers like Cashfree's Payment Gateway API (payment links,
 * orders, payments, refunds, settlements, disputes and the sandbox's payment simulation), for
 * tests and demos. What the documents leave open and what was chosen: tools/simulator/README.md.
 */
export class CashfreeSimulator {
	private readonly host: string;
	private readonly port: number;
	private readonly clientId: string;
	private readonly clientSecret: string;
	private readonly gateway: PaymentGateway;
	/** Cashfree Payouts under /payout (payouts.ts); its events go out as `payoutWebhooks`. */
	readonly payouts: PayoutsAccount;
	/**
	 * The Payouts account's webhooks (payout-webhooks.ts), signed with the Payouts client secret:
	 * set `payoutWebhooks.url` as a merchant sets the one URL in Cashfree's Payouts dashboard.
	 */
	readonly payoutWebhooks: PayoutWebhooks;
	private readonly webhooks: WebhookDispatcher;
	private readonly refundProcessingMs: number;
	private readonly faults = new FaultQueue();
	private readonly idempotency = new IdempotencyStore();
	private readonly rateLimits: RateLimits;
	private readonly routes: readonly Route[];
	/** Plans, subscriptions, their charges and refunds; seeding and inspecting for tests too. */
	readonly subscriptions = new SubscriptionDesk();
	private readonly recorded: RecordedRequest[] = [];
	private readonly pendingDelays = new Set<NodeJS.Timeout>();
	private server: Server | undefined;
	private startedUrl: string | undefined;

	constructor(options: SimulatorOptions = {}) {
		this.host = options.host ?? '127.0.0.1';
		this.port = options.port ?? 0;
		this.clientId = options.clientId ?? 'sim_client_id';
		this.clientSecret = options.clientSecret ?? 'sim_client_secret';
		const perWindow = options.rateLimitPerWindow ?? 0;
		const windowMs = options.rateLimitWindowMs ?? 60_000;
		if (!(perWindow >= 0) || !(windowMs > 0))
			throw new RangeError('rate limit needs perWindow >= 0 and windowMs > 0');
		this.rateLimits = new RateLimits(perWindow, windowMs, options.endpointRateLimits);
		const refundProcessingMs = options.refundProcessingMs ?? 0;
		if (!(refundProcessingMs >= 0)) throw new RangeError('refundProcessingMs must be >= 0');
		this.refundProcessingMs = refundProcessingMs;
		this.gateway = new PaymentGateway(refundProcessingMs);
		this.webhooks = new WebhookDispatcher(this.clientSecret, options.webhooks);
		this.gateway.onEvent = (event) => this.notify(event);
		this.subscriptions.onEvent = (event) => {
			const url = this.subscriptions.webhookUrl;
			if (url !== undefined) this.webhooks.send(subscriptionWebhookFor(event), url);
		};
		this.payouts = new PayoutsAccount({
			...options.payouts,
			clientId: options.payouts?.clientId ?? this.clientId,
			clientSecret: options.payouts?.clientSecret ?? this.clientSecret,
		});
		// Payouts V2 webhooks carry no x-webhook-version, so the Payment Gateway's version is not passed.
		const { version, ...payoutWebhookOptions } = options.webhooks ?? {};
		void version;
		this.payoutWebhooks = new PayoutWebhooks(this.payouts.clientSecret, payoutWebhookOptions);
		this.payouts.onEvent = (event) => this.notifyPayout(event);
		// Outcomes due later (settling, reversals) are the sender's pending work, so that
		// waitForWebhooks() waits for them; without webhooks the account keeps its own timers.
		if (options.webhooks?.enabled !== false)
			this.payouts.schedule = (ms, action) => this.payoutWebhooks.later(ms, action);
		this.routes = this.buildRoutes();
	}

	get baseUrl(): string {
		if (this.startedUrl === undefined) throw new Error('CashfreeSimulator is not started');
		return this.startedUrl;
	}

	/** The base URL of the Payouts API, e.g. http://127.0.0.1:PORT/payout. */
	get payoutsBaseUrl(): string {
		return this.baseUrl.replace(/\/pg$/, PAYOUTS_PREFIX);
	}

	get requests(): RecordedRequest[] {
		return this.recorded;
	}

	async start(): Promise<string> {
		if (this.startedUrl !== undefined) return this.startedUrl;
		const server = createServer((request, response) => {
			this.handle(request, response).catch(() => response.destroy());
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, this.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		const { port } = server.address() as AddressInfo;
		const host = this.host.includes(':') ? `[${this.host}]` : this.host;
		this.server = server;
		this.startedUrl = `http://${host}:${port}${API_PREFIX}`;
		return this.startedUrl;
	}

	/** Also cuts keep-alive and in-flight connections, so test runners are not held open by them. */
	async stop(): Promise<void> {
		this.payouts.stopTimers();
		this.webhooks.cancel();
		await this.webhooks.waitForWebhooks();
		await this.payoutWebhooks.stop();
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.startedUrl = undefined;
		for (const timer of this.pendingDelays) clearTimeout(timer);
		this.pendingDelays.clear();
		await new Promise<void>((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()));
			server.closeAllConnections();
		});
	}

	clearRequests(): void {
		this.recorded.length = 0;
	}

	// ---- seeding and inspecting; everything handed out is a copy, so assertions cannot change state ----

	seedLink(link: SeedLink): void {
		this.direct(() => this.gateway.seedLink(link));
	}

	getLink(linkId: string): StoredLink | undefined {
		return copy(this.gateway.links.find(linkId));
	}

	cancelCount(linkId: string): number {
		return this.gateway.links.cancelCount(linkId);
	}

	/** Replaces any order with the same id; a PAID order comes with its successful payment and settlement. */
	seedOrder(order: SeedOrder = {}): StoredOrder {
		return this.direct(() => this.gateway.seedOrder(order));
	}

	getOrder(orderId: string): StoredOrder | undefined {
		return copy(this.gateway.orders.find(orderId));
	}

	/** How many terminate requests Cashfree accepted for the order. */
	terminateCount(orderId: string): number {
		return this.gateway.terminateCount(orderId);
	}

	/**
	 * The customer pays an ACTIVE order: SUCCESS makes it PAID (and settles it), FAILED or
	 * USER_DROPPED leave it ACTIVE, PENDING leaves the payment in flight for POST /simulate.
	 */
	payOrder(
		orderId: string,
		status: SimulatedPaymentStatus = 'SUCCESS',
		paymentErrorCode?: string,
	): StoredPayment {
		return this.direct(() => this.gateway.payOrder(orderId, status, paymentErrorCode));
	}

	/**
	 * The customer pays through a link: a new order CFPay_<link_id>_<n> with one payment.
	 * `amount` defaults to what is still due; less is a partial payment, if the link takes them.
	 */
	payLink(
		linkId: string,
		amount?: number,
		status: SimulatedPaymentStatus = 'SUCCESS',
	): { order: PaymentLinkOrder; payment: StoredPayment } {
		return this.direct(() => this.gateway.payLink(linkId, amount, status));
	}

	getPayments(orderId: string): StoredPayment[] {
		return structuredClone(this.gateway.payments.ofOrder(orderId));
	}

	/** The refund as a read through the API would see it now (a due PENDING refund moves on). */
	getRefund(orderId: string, refundId: string): StoredRefund | undefined {
		return copy(this.gateway.refunds.find(orderId, refundId));
	}

	/** How many refunds were accepted for the order. */
	refundCount(orderId: string): number {
		return this.gateway.refunds.count(orderId);
	}

	getSettlement(orderId: string): StoredSettlement | undefined {
		return copy(this.gateway.settlements.ofOrder(orderId));
	}

	/** A customer disputes the successful payment named by its cf_payment_id or its order's id. */
	openDispute(orderIdOrPaymentId: string, options: OpenDisputeOptions = {}): StoredDispute {
		return this.direct(() => this.gateway.openDispute(orderIdOrPaymentId, options));
	}

	getDispute(disputeId: number): StoredDispute | undefined {
		return copy(this.gateway.disputes.find(disputeId));
	}

	/** How many times the merchant accepted the dispute (at most once, Cashfree refusing a second). */
	acceptCount(disputeId: number): number {
		return this.gateway.disputes.acceptCount(disputeId);
	}

	injectFault(rule: FaultRule): void {
		this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	// ---- webhooks ----

	/** Every webhook attempt so far, oldest first, with the receiver's answer. */
	get webhookDeliveries(): WebhookDelivery[] {
		return structuredClone(this.webhooks.deliveries);
	}

	/** Spoils the next delivery attempt(s) the way `fault.kind` says; see README, "Webhooks". */
	injectWebhookFault(fault: WebhookFault): void {
		this.webhooks.injectFault(fault);
	}

	/**
	 * Resolves when no webhook delivery, retry or pending refund outcome is left, Payouts' too
	 * (its transfers settling and reversals due later).
	 */
	async waitForWebhooks(): Promise<void> {
		await Promise.all([this.webhooks.waitForWebhooks(), this.payoutWebhooks.waitForWebhooks()]);
	}

	/** Every state change of a transfer or batch, as the webhook Cashfree Payouts V2 sends for it. */
	private notifyPayout(event: PayoutEvent): void {
		if (event.kind === 'transfer')
			this.payoutWebhooks.notify(this.payouts.renderTransfer(event.transfer));
		else if (event.kind === 'batchRejected') this.payoutWebhooks.notifyBatchRejected(event.batch);
		// LOW_BALANCE_ALERT's V2 body is not documented: README.md, "Payout webhooks".
	}

	/** Drops pending deliveries and retries too. */
	reset(): void {
		this.webhooks.reset();
		this.payoutWebhooks.reset();
		this.gateway.reset();
		this.subscriptions.reset();
		this.payouts.reset();
		this.clearRequests();
		this.faults.clear();
		this.idempotency.clear();
		this.rateLimits.reset();
	}

	/**
	 * Runs a seeding or paying method and hands out a copy of its result; what the API would
	 * refuse becomes an Error naming Cashfree's code.
	 */
	private direct<T>(action: () => T): T {
		return directly(action);
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const method = request.method ?? 'GET';
		const url = request.url ?? '/';
		const queryStart = url.indexOf('?');
		const path = queryStart < 0 ? url : url.slice(0, queryStart);
		// Recorded on arrival so the log keeps arrival order even when bodies finish out of order.
		const record: RecordedRequest = {
			method,
			url,
			path,
			headers: { ...request.headers },
			body: '',
			receivedAt: Date.now(),
		};
		this.recorded.push(record);
		record.body = await readBody(request);
		const context: RequestContext = {
			method,
			path,
			query: new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1)),
			body: record.body,
			header: (name) => {
				const value = request.headers[name];
				return Array.isArray(value) ? value[0] : value;
			},
			remoteAddress: request.socket.remoteAddress,
		};

		const fault = this.faults.take(method, url);
		if (fault?.kind === 'drop') return void request.socket.destroy();
		if (fault?.kind === 'delay') await this.delay(fault.ms);
		if (fault?.kind === 'status' && !fault.stored) {
			return this.send(response, context, record, {
				reply: jsonReply(fault.status, fault.body ?? defaultErrorBodyForStatus(fault.status)),
			});
		}
		if (fault?.kind === 'nonJson') {
			const reply = {
				status: fault.status ?? 502,
				body: fault.body ?? DEFAULT_GATEWAY_PAGE,
				contentType: 'text/html; charset=utf-8',
			};
			return this.send(response, context, record, { reply });
		}
		const storedFailure =
			fault?.kind === 'status' && fault.stored
				? jsonReply(fault.status, fault.body ?? defaultErrorBodyForStatus(fault.status))
				: undefined;
		const answer = this.process(context, storedFailure);
		if (fault?.kind === 'dropAfterApply') return void request.socket.destroy();
		this.send(response, context, record, answer);
	}

	/**
	 * Cashfree's order of checks: route, credentials, API version (and whether the version
	 * has the endpoint), rate limit, idempotency, then the operation.
	 */
	private process(request: RequestContext, replacementResult?: Reply): Answer {
		if (request.path.startsWith(`${PAYOUTS_PREFIX}/`))
			return this.processPayout(request, replacementResult);
		const matched = this.match(request.path);
		if (!matched) return { reply: errors.badUrl() };
		const operation = matched.route.operations[request.method];
		if (!operation) {
			const allowed = Object.keys(matched.route.operations).join(', ');
			return { reply: errors.methodNotAllowed(allowed), extraHeaders: { allow: allowed } };
		}
		if (
			request.header('x-client-id') !== this.clientId ||
			request.header('x-client-secret') !== this.clientSecret
		) {
			return { reply: errors.authenticationFailed() };
		}
		const version = request.header('x-api-version');
		if (version === undefined || version === '') return { reply: errors.apiVersionMissing() };
		if (!isSupportedApiVersion(version))
			return { reply: errors.apiVersionUnsupported(version, SUPPORTED_API_VERSIONS) };
		if (operation.notInLegacy && isLegacyVersion(version)) return { reply: errors.badUrl() };
		const { allowed, snapshot: rateLimit } = this.rateLimits.tryAcquire(
			this.clientId,
			operation.group,
		);
		if (!allowed) return { reply: errors.rateLimited(), rateLimit };

		const idempotencyKey = request.header('x-idempotency-key');
		const operate = () =>
			replacementResult ??
			this.run(operation.handle, { ...request, params: matched.params }, version);
		if (!IDEMPOTENT_METHODS.has(request.method) || !idempotencyKey)
			return { reply: operate(), rateLimit };
		const fingerprint = IdempotencyStore.fingerprint(request.method, request.path, request.body);
		const previous = this.idempotency.lookup(this.clientId, idempotencyKey, fingerprint);
		if (previous.outcome === 'replay')
			return { reply: previous.reply, rateLimit, replayed: true, throughIdempotency: true };
		if (previous.outcome === 'conflict') return { reply: errors.idempotencyConflict(), rateLimit };
		const reply = operate();
		this.idempotency.save(this.clientId, idempotencyKey, fingerprint, reply);
		return { reply, rateLimit, throughIdempotency: true };
	}

	/**
	 * Payouts: its own keys, version and second factor (PayoutsAccount.refusal), then the same
	 * rate limit as every route. Cashfree's Payouts documents no x-idempotency-key, so none is
	 * honoured here: the transfer_id alone keeps a transfer from being made twice.
	 */
	private processPayout(request: RequestContext, replacementResult?: Reply): Answer {
		const payoutRequest = { ...request, path: request.path.slice(PAYOUTS_PREFIX.length) };
		const refused = this.payouts.refusal(payoutRequest);
		if (refused) return { reply: refused };
		const { allowed, snapshot: rateLimit } = this.rateLimits.tryAcquire(this.payouts.clientId);
		if (!allowed) return { reply: errors.rateLimited(), rateLimit };
		return { reply: replacementResult ?? this.payouts.answer(payoutRequest), rateLimit };
	}

	private run(handler: RouteHandler, request: RouteRequest, version: ApiVersion): Reply {
		try {
			return handler(request, version);
		} catch (error) {
			// A simulator bug surfaces as Cashfree's own 500 rather than a dropped connection.
			return error instanceof RequestRejected ? error.reply : errors.internal();
		}
	}

	/**
	 * Matches the raw path segment by segment and decodes parameters only afterwards, so an
	 * escaped `/` inside an id cannot change the route.
	 */
	private match(path: string): { route: Route; params: Record<string, string> } | undefined {
		const [empty, prefix, ...segments] = path.split('/');
		if (empty !== '' || `/${prefix}` !== API_PREFIX) return undefined;
		for (const candidate of this.routes) {
			if (candidate.segments.length !== segments.length) continue;
			const params: Record<string, string> = {};
			const matches = candidate.segments.every((pattern, index) => {
				if (!pattern.startsWith(':')) return pattern === segments[index];
				params[pattern.slice(1)] = decodePathSegment(segments[index]);
				return segments[index] !== '';
			});
			if (matches) return { route: candidate, params };
		}
		return undefined;
	}

	/** The API surface, path by path, as Cashfree's documents list it. */
	private buildRoutes(): Route[] {
		const pg = this.gateway;
		const body = (request: RouteRequest) => parseJsonObject(request.body);
		const order = (request: RouteRequest) => pg.orders.findOrReject(request.params.order_id);
		const orderEntity = (stored: StoredOrder, version: ApiVersion) =>
			ok(renderOrder(stored, version, this.baseUrl));
		const dispute = (stored: StoredDispute, shape?: 'accepted') => {
			const { order: disputed, payment } = pg.disputeSubject(stored);
			return renderDispute(stored, disputed, payment, shape);
		};
		return [
			route('links', {
				POST: {
					handle: (request, version) => ok(renderLink(pg.links.create(body(request)), version)),
				},
			}),
			route('links/:link_id', {
				GET: {
					handle: ({ params }, version) =>
						ok(renderLink(pg.links.findOrReject(params.link_id), version)),
				},
			}),
			route('links/:link_id/cancel', {
				POST: {
					handle: ({ params }, version) => ok(renderLink(pg.cancelLink(params.link_id), version)),
				},
			}),
			route('links/:link_id/orders', {
				GET: { handle: (request, version) => this.listLinkOrders(request, version) },
			}),
			route('orders', {
				POST: {
					group: 'createOrder',
					handle: (request, version) => orderEntity(pg.createOrder(body(request)), version),
				},
			}),
			route('orders/:order_id', {
				GET: {
					group: 'getOrder',
					handle: (request, version) => orderEntity(order(request), version),
				},
				PATCH: {
					notInLegacy: true,
					handle: (request, version) =>
						orderEntity(pg.terminate(request.params.order_id, body(request)), version),
				},
			}),
			route('orders/:order_id/payments', {
				GET: {
					group: 'getPayments',
					handle: (request, version) => {
						const subject = order(request);
						return list(pg.payments.ofOrder(subject.order_id), (payment) =>
							renderPayment(payment, subject, version),
						);
					},
				},
			}),
			route('orders/:order_id/payments/:cf_payment_id', {
				GET: {
					group: 'getPaymentById',
					handle: ({ params }, version) => {
						const payment = pg.paymentOf(params.order_id, params.cf_payment_id);
						return ok(renderPayment(payment, pg.orders.findOrReject(params.order_id), version));
					},
				},
			}),
			route('orders/:order_id/refunds', {
				POST: {
					group: 'createRefund',
					handle: (request, version) =>
						ok(renderRefund(pg.createRefund(request.params.order_id, body(request)), version)),
				},
				GET: {
					group: 'getRefund',
					handle: (request, version) =>
						list(pg.refunds.ofOrder(order(request).order_id), (refund) =>
							renderRefund(refund, version),
						),
				},
			}),
			route('orders/:order_id/refunds/:refund_id', {
				GET: {
					group: 'getRefund',
					handle: ({ params }, version) =>
						ok(renderRefund(pg.refundOf(params.order_id, params.refund_id), version)),
				},
			}),
			route('orders/:order_id/settlements', {
				GET: {
					group: 'getSettlements',
					handle: (request, version) => {
						const settlement = orReject(
							pg.settlements.ofOrder(order(request).order_id),
							errors.settlementNotFound,
						);
						return ok(renderSettlement(settlement, version));
					},
				},
			}),
			route('settlements', {
				POST: {
					group: 'getSettlements',
					handle: (request, version) => {
						const { data, limit, cursor } = pg.settlements.page(
							readSettlementQuery(body(request), version),
						);
						return ok({
							cursor,
							limit,
							data: data.map((settlement) => renderSettlement(settlement, version)),
						});
					},
				},
			}),
			route('orders/:order_id/disputes', {
				GET: {
					notInLegacy: true,
					handle: (request) =>
						list(pg.disputes.where('order_id', order(request).order_id), (found) => dispute(found)),
				},
			}),
			route('payments/:cf_payment_id/disputes', {
				GET: {
					notInLegacy: true,
					handle: ({ params }) => {
						const payment = orReject(
							pg.payments.find(params.cf_payment_id),
							errors.paymentNotFound,
						);
						return list(pg.disputes.where('cf_payment_id', payment.cf_payment_id), (found) =>
							dispute(found),
						);
					},
				},
			}),
			route('disputes/:dispute_id', {
				GET: {
					notInLegacy: true,
					handle: ({ params }) => ok(dispute(pg.disputeOf(params.dispute_id))),
				},
			}),
			route('disputes/:dispute_id/accept', {
				PUT: {
					notInLegacy: true,
					handle: ({ params }) =>
						ok(dispute(pg.disputes.accept(pg.disputeOf(params.dispute_id)), 'accepted')),
				},
			}),
			route('simulate', {
				POST: { notInLegacy: true, handle: (request) => ok(pg.simulate(body(request))) },
			}),
			route('simulate/:simulation_id', {
				GET: {
					notInLegacy: true,
					handle: ({ params }) =>
						ok(orReject(pg.simulations.find(params.simulation_id), errors.simulationNotFound)),
				},
			}),
			...subscriptionRoutes(this.subscriptions, parseJsonObject).map(({ path, operations }) =>
				route(path, operations),
			),
		];
	}

	/**
	 * Turns a state change into the webhook Cashfree would send, rendered now. A refund's
	 * outcome is decided when it is first read after `refundProcessingMs`, so one is read then.
	 */
	private notify(event: GatewayEvent): void {
		const url = notifyUrlFor(event);
		if (url === undefined || !this.webhooks.isEnabled) return;
		if (event.kind === 'refundPending') {
			const { order_id, refund_id } = event.refund;
			this.webhooks.later(this.refundProcessingMs, () => {
				this.gateway.refunds.find(order_id, refund_id);
			});
			return;
		}
		const webhook = webhookFor(event);
		if (webhook) this.webhooks.send(webhook, url);
	}

	private listLinkOrders(request: RouteRequest, version: ApiVersion): Reply {
		const filter = request.query.get('status') ?? DEFAULT_ORDER_STATUS_FILTER;
		if (!isOrderStatusFilter(filter)) return errors.orderStatusInvalid();
		const orders = this.gateway.links.ordersOf(request.params.link_id, filter);
		return list(orders, (linkOrder) => renderOrder(linkOrder, version, this.baseUrl, 'linkOrder'));
	}

	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.pendingDelays.delete(timer);
				resolve();
			}, ms);
			this.pendingDelays.add(timer);
		});
	}

	/** The one place responses are written, so every answer carries Cashfree's common headers. */
	private send(
		response: ServerResponse,
		request: RequestContext,
		record: RecordedRequest,
		answer: Answer,
	): void {
		if (response.destroyed) return;
		record.status = answer.reply.status;
		const rateLimit = answer.rateLimit ?? this.rateLimits.peek(this.clientId);
		const requestedVersion = request.header('x-api-version');
		const headers: OutgoingHttpHeaders = {
			'content-type': answer.reply.contentType ?? 'application/json',
			'x-api-version': request.path.startsWith(`${PAYOUTS_PREFIX}/`)
				? PAYOUTS_API_VERSION
				: isSupportedApiVersion(requestedVersion)
					? requestedVersion
					: FALLBACK_API_VERSION,
			'x-request-id': request.header('x-request-id') ?? '',
			'x-ratelimit-limit': String(rateLimit.limit),
			'x-ratelimit-remaining': String(rateLimit.remaining),
			'x-ratelimit-retry': String(rateLimit.retryAfterSeconds),
			'x-ratelimit-type': 'app_id',
			...answer.extraHeaders,
		};
		const idempotencyKey = request.header('x-idempotency-key');
		if (idempotencyKey && answer.throughIdempotency) {
			headers['x-idempotency-key'] = idempotencyKey;
			headers['x-idempotency-replayed'] = String(answer.replayed === true);
		}
		response.writeHead(answer.reply.status, headers).end(answer.reply.body);
	}
}
