import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	DEFAULT_GATEWAY_PAGE,
	defaultErrorBodyForStatus,
	errors,
	jsonReply,
	RequestRejected,
	type Reply,
} from './errors';
import { FaultQueue } from './faults';
import { IdempotencyStore } from './idempotency';
import { LinkStore, renderLink, renderOrder, type OrderStatusFilter } from './links';
import { SlidingWindowRateLimiter, type RateLimitSnapshot } from './rate-limit';
import {
	SUPPORTED_API_VERSIONS,
	type ApiVersion,
	type FaultRule,
	type RecordedRequest,
	type SeedLink,
	type SimulatorOptions,
	type StoredLink,
} from './types';

const API_PREFIX = '/pg';
/** Sent as x-api-version when the request did not name a supported version. */
const FALLBACK_API_VERSION: ApiVersion = '2025-01-01';
/** Cashfree's documents give PAID as the default of the orders list's `status` filter. */
const DEFAULT_ORDER_STATUS_FILTER: OrderStatusFilter = 'PAID';

interface RequestContext {
	method: string;
	path: string;
	query: URLSearchParams;
	body: string;
	header: (name: string) => string | undefined;
}

/** A reply plus what the common headers need to know about how it came about. */
interface Answer {
	reply: Reply;
	rateLimit?: RateLimitSnapshot;
	replayed?: boolean;
	extraHeaders?: OutgoingHttpHeaders;
}

type RouteHandler = (request: RequestContext, version: ApiVersion) => Reply;

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
 * A malformed escape is left as it is: the result then contains `%`, which no link id can,
 * so it is simply not found. The same holds for an id that decodes to something with `/`.
 */
function decodePathSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** An HTTP server on loopback that answers like Cashfree's Payment Links API, for tests and demos. */
export class CashfreeSimulator {
	private readonly host: string;
	private readonly port: number;
	private readonly clientId: string;
	private readonly clientSecret: string;
	private readonly links = new LinkStore();
	private readonly faults = new FaultQueue();
	private readonly idempotency = new IdempotencyStore();
	private readonly rateLimiter: SlidingWindowRateLimiter;
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
		if (!(perWindow >= 0) || !(windowMs > 0)) throw new RangeError('rate limit needs perWindow >= 0 and windowMs > 0');
		this.rateLimiter = new SlidingWindowRateLimiter(perWindow, windowMs);
	}

	get baseUrl(): string {
		if (this.startedUrl === undefined) throw new Error('CashfreeSimulator is not started');
		return this.startedUrl;
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

	seedLink(link: SeedLink): void {
		this.links.seed(link);
	}

	/** A copy, so assertions cannot change the simulator's state by accident. */
	getLink(linkId: string): StoredLink | undefined {
		const link = this.links.find(linkId);
		return link && structuredClone(link);
	}

	cancelCount(linkId: string): number {
		return this.links.cancelCount(linkId);
	}

	injectFault(rule: FaultRule): void {
		this.faults.add(rule);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	reset(): void {
		this.links.clear();
		this.clearRequests();
		this.faults.clear();
		this.idempotency.clear();
		this.rateLimiter.reset();
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const method = request.method ?? 'GET';
		const url = request.url ?? '/';
		const queryStart = url.indexOf('?');
		const path = queryStart < 0 ? url : url.slice(0, queryStart);
		// Recorded on arrival so the log keeps arrival order even when bodies finish out of order.
		const record: RecordedRequest = { method, url, path, headers: { ...request.headers }, body: '', receivedAt: Date.now() };
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
			const reply = { status: fault.status ?? 502, body: fault.body ?? DEFAULT_GATEWAY_PAGE, contentType: 'text/html; charset=utf-8' };
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

	/** Cashfree's order of checks: route, credentials, API version, rate limit, idempotency, then the operation. */
	private process(request: RequestContext, replacementResult?: Reply): Answer {
		const handlers = this.route(request.path);
		if (!handlers) return { reply: errors.badUrl() };
		const handler = handlers[request.method];
		if (!handler) {
			const allowed = Object.keys(handlers).join(', ');
			return { reply: errors.methodNotAllowed(allowed), extraHeaders: { allow: allowed } };
		}
		if (request.header('x-client-id') !== this.clientId || request.header('x-client-secret') !== this.clientSecret) {
			return { reply: errors.authenticationFailed() };
		}
		const version = request.header('x-api-version');
		if (version === undefined || version === '') return { reply: errors.apiVersionMissing() };
		if (!isSupportedApiVersion(version)) return { reply: errors.apiVersionUnsupported(version, SUPPORTED_API_VERSIONS) };
		const { allowed, snapshot: rateLimit } = this.rateLimiter.tryAcquire(this.clientId);
		if (!allowed) return { reply: errors.rateLimited(), rateLimit };

		const idempotencyKey = request.header('x-idempotency-key');
		const operate = () => replacementResult ?? this.run(handler, request, version);
		if (request.method !== 'POST' || !idempotencyKey) return { reply: operate(), rateLimit };
		const fingerprint = IdempotencyStore.fingerprint(request.method, request.path, request.body);
		const previous = this.idempotency.lookup(this.clientId, idempotencyKey, fingerprint);
		if (previous.outcome === 'replay') return { reply: previous.reply, rateLimit, replayed: true };
		if (previous.outcome === 'conflict') return { reply: errors.idempotencyConflict(), rateLimit };
		const reply = operate();
		this.idempotency.save(this.clientId, idempotencyKey, fingerprint, reply);
		return { reply, rateLimit };
	}

	private run(handler: RouteHandler, request: RequestContext, version: ApiVersion): Reply {
		try {
			return handler(request, version);
		} catch (error) {
			// A simulator bug surfaces as Cashfree's own 500 rather than a dropped connection.
			return error instanceof RequestRejected ? error.reply : errors.internal();
		}
	}

	/** Splits the raw path before decoding, so an escaped `/` inside a link id cannot change the route. */
	private route(path: string): Partial<Record<string, RouteHandler>> | undefined {
		const [empty, prefix, collection, rawLinkId, action, ...extra] = path.split('/');
		if (empty !== '' || `/${prefix}` !== API_PREFIX || collection !== 'links' || extra.length > 0) return undefined;
		if (rawLinkId === undefined) return { POST: (request, version) => this.createLink(request, version) };
		if (rawLinkId === '') return undefined;
		const linkId = decodePathSegment(rawLinkId);
		if (action === undefined) return { GET: (_request, version) => this.fetchLink(linkId, version) };
		if (action === 'cancel') return { POST: (_request, version) => jsonReply(200, renderLink(this.links.cancel(linkId), version)) };
		if (action === 'orders') return { GET: (request, version) => this.listOrders(linkId, request, version) };
		return undefined;
	}

	private createLink(request: RequestContext, version: ApiVersion): Reply {
		let body: unknown;
		try {
			body = JSON.parse(request.body);
		} catch {
			return errors.invalidJson();
		}
		return jsonReply(200, renderLink(this.links.create(body), version));
	}

	private fetchLink(linkId: string, version: ApiVersion): Reply {
		const link = this.links.find(linkId);
		return link ? jsonReply(200, renderLink(link, version)) : errors.linkNotFound();
	}

	private listOrders(linkId: string, request: RequestContext, version: ApiVersion): Reply {
		const filter = request.query.get('status') ?? DEFAULT_ORDER_STATUS_FILTER;
		if (!isOrderStatusFilter(filter)) return errors.orderStatusInvalid();
		const orders = this.links.ordersOf(linkId, filter);
		return jsonReply(200, orders.map((order) => renderOrder(order, version, this.baseUrl)));
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
	private send(response: ServerResponse, request: RequestContext, record: RecordedRequest, answer: Answer): void {
		if (response.destroyed) return;
		record.status = answer.reply.status;
		const rateLimit = answer.rateLimit ?? this.rateLimiter.peek(this.clientId);
		const requestedVersion = request.header('x-api-version');
		const headers: OutgoingHttpHeaders = {
			'content-type': answer.reply.contentType ?? 'application/json',
			'x-api-version': isSupportedApiVersion(requestedVersion) ? requestedVersion : FALLBACK_API_VERSION,
			'x-request-id': request.header('x-request-id') ?? '',
			'x-ratelimit-limit': String(rateLimit.limit),
			'x-ratelimit-remaining': String(rateLimit.remaining),
			'x-ratelimit-retry': String(rateLimit.retryAfterSeconds),
			'x-ratelimit-type': 'app_id',
			...answer.extraHeaders,
		};
		const idempotencyKey = request.header('x-idempotency-key');
		if (idempotencyKey) {
			headers['x-idempotency-key'] = idempotencyKey;
			headers['x-idempotency-replayed'] = String(answer.replayed === true);
		}
		response.writeHead(answer.reply.status, headers).end(answer.reply.body);
	}
}
