/**
 * Delivers webhooks the way Cashfree does: POSTed JSON signed with the client secret, sent
 * after the API has answered, retried on failure with the attempt counted in a header.
 * What the documents leave open and what was chosen: tools/simulator/README.md, "Webhooks".
 */
import { createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { isLoopbackUrl } from './format';
import type { WebhookType } from './webhook-payloads';

export type WebhookVersion = '2025-01-01' | '2023-08-01';

/** One event to send: its type and the raw body, exactly the bytes that are signed and sent. */
export interface SignedEvent<Type extends string = WebhookType> {
	type: Type;
	body: string;
}

export interface WebhookOptions {
	/** Default true; with false nothing is ever sent. Without a notify URL nothing is sent either. */
	enabled?: boolean;
	/** The waits before each retry; default [50, 100] (Cashfree's default: 2, 10 and 30 minutes). */
	retryDelaysMs?: readonly number[];
	/**
	 * Sent as x-webhook-version; 2025-01-01 also sends x-idempotency-key. Default 2025-01-01.
	 * null sends neither: Cashfree documents no such header for Payouts V2 webhooks.
	 */
	version?: WebhookVersion | null;
	/** Whether a retry gets a fresh x-webhook-timestamp and signature; default true. */
	resignRetries?: boolean;
	/** How long a receiver may take to answer before the attempt counts as failed; default 5000. */
	timeoutMs?: number;
}

export type WebhookFaultKind = 'tamper' | 'stale' | 'duplicate' | 'unsigned' | 'wrongSecret';

export interface WebhookFault {
	kind: WebhookFaultKind;
	/** How many delivery attempts this fault spoils; default 1. */
	times?: number;
}

/** One HTTP attempt (or, for a refused URL, the attempt not made). */
export interface WebhookDelivery<Type extends string = WebhookType> {
	/** The event's own id; an event keeps it over its retries (x-idempotency-key on 2025-01-01). */
	eventId: string;
	type: Type;
	url: string;
	attempt: number;
	headers: Record<string, string>;
	body: string;
	fault?: WebhookFaultKind;
	sentAt: number;
	/** The receiver's status; undefined when nothing was answered. */
	status?: number;
	responseBody?: string;
	/** Why no status: a network error, a timeout, or the URL being refused. */
	error?: string;
	/** True when the receiver answered 2xx. */
	delivered: boolean;
}

/**
 * Far enough back that any receiver's staleness window rejects it: a day, well past the
 * Cashfree Trigger's default tolerance (5 minutes; an hour in the node's version 1).
 */
const STALE_BY_MS = 24 * 60 * 60 * 1000;
const WRONG_SECRET_PREFIX = 'not_the_';

export function signWebhook(secret: string, timestamp: string, body: string): string {
	return createHmac('sha256', secret)
		.update(timestamp + body)
		.digest('base64');
}

/** Changes one byte of the body, after it was signed. */
function tamper(body: string): string {
	const index = body.search(/\d/);
	if (index < 0) return `${body} `;
	const digit = body[index] === '9' ? '8' : String(Number(body[index]) + 1);
	return body.slice(0, index) + digit + body.slice(index + 1);
}

interface Answer {
	status?: number;
	responseBody?: string;
	error?: string;
}

export class WebhookDispatcher<Type extends string = WebhookType> {
	private readonly enabled: boolean;
	private readonly retryDelaysMs: readonly number[];
	private readonly version: WebhookVersion | null;
	private readonly resignRetries: boolean;
	private readonly timeoutMs: number;
	private readonly log: WebhookDelivery<Type>[] = [];
	private faults: { kind: WebhookFaultKind; remaining: number }[] = [];
	/** Every delivery chain (first attempt and retries) and every scheduled check, until done. */
	private readonly tasks = new Set<Promise<void>>();
	private readonly timers = new Map<NodeJS.Timeout, () => void>();
	private readonly inFlight = new Set<{ destroy: () => void }>();
	/** Bumped by cancel(), so that a chain cut short does not go on to its next retry. */
	private generation = 0;

	constructor(
		private readonly secret: string,
		options: WebhookOptions = {},
	) {
		this.enabled = options.enabled ?? true;
		this.retryDelaysMs = [...(options.retryDelaysMs ?? [50, 100])];
		this.version = options.version === undefined ? '2025-01-01' : options.version;
		this.resignRetries = options.resignRetries ?? true;
		this.timeoutMs = options.timeoutMs ?? 5000;
		if (this.version !== null && this.version !== '2025-01-01' && this.version !== '2023-08-01')
			throw new RangeError(`webhooks.version must be 2025-01-01 or 2023-08-01`);
		if (!this.retryDelaysMs.every((ms) => ms >= 0) || !(this.timeoutMs > 0))
			throw new RangeError('webhook retry delays must be >= 0 and timeoutMs > 0');
	}

	get isEnabled(): boolean {
		return this.enabled;
	}

	get deliveries(): WebhookDelivery<Type>[] {
		return this.log;
	}

	injectFault(fault: WebhookFault): void {
		const times = fault.times ?? 1;
		if (!(times > 0)) throw new RangeError(`WebhookFault.times must be positive, got ${times}`);
		this.faults.push({ kind: fault.kind, remaining: times });
	}

	/** Sends the event to `url` after the current call stack, so the API answers first. */
	send(event: SignedEvent<Type>, url: string): void {
		if (!this.enabled) return;
		const eventId = randomBytes(32).toString('base64');
		this.track(this.deliver(event, url, eventId, this.generation));
	}

	/** Runs `action` after `ms`, counted as pending work until then (refunds settling later). */
	later(ms: number, action: () => void): void {
		if (!this.enabled) return;
		const generation = this.generation;
		this.track(this.sleep(ms).then(() => (generation === this.generation ? action() : undefined)));
	}

	/** Resolves once nothing is pending: no delivery, retry or scheduled check left. */
	async waitForWebhooks(): Promise<void> {
		while (this.tasks.size > 0) await Promise.all(this.tasks);
	}

	/**
	 * Drops every pending retry, scheduled check and in-flight request at once; the chains
	 * they belonged to end on their next step (`waitForWebhooks` tells when).
	 */
	cancel(): void {
		this.generation += 1;
		for (const [timer, wake] of this.timers) {
			clearTimeout(timer);
			wake();
		}
		this.timers.clear();
		for (const request of this.inFlight) request.destroy();
	}

	/** Cancels, and forgets the log and the faults not yet used. */
	reset(): void {
		this.cancel();
		this.log.length = 0;
		this.faults = [];
	}

	private track(task: Promise<void>): void {
		const tracked = task.catch(() => undefined).finally(() => this.tasks.delete(tracked));
		this.tasks.add(tracked);
	}

	private async deliver(
		event: SignedEvent<Type>,
		url: string,
		eventId: string,
		generation: number,
	): Promise<void> {
		// Never blocks the API answer: the first attempt waits for the next turn of the event loop.
		await this.sleep(0);
		let timestamp = String(Date.now());
		for (let attempt = 1; generation === this.generation; attempt++) {
			if (attempt > 1 && this.resignRetries) timestamp = String(Date.now());
			const delivered = await this.attempt(event, url, eventId, attempt, timestamp, generation);
			const wait = this.retryDelaysMs[attempt - 1];
			// Checked again before sleeping: cancel() may have come while the attempt was out.
			if (delivered || wait === undefined || !isLoopbackUrl(url) || generation !== this.generation)
				return;
			await this.sleep(wait);
		}
	}

	/** One attempt, or two identical ones under a `duplicate` fault; true if the receiver took it. */
	private async attempt(
		event: SignedEvent<Type>,
		url: string,
		eventId: string,
		attempt: number,
		signedTimestamp: string,
		generation: number,
	): Promise<boolean> {
		const fault = this.takeFault();
		const timestamp =
			fault === 'stale' ? String(Number(signedTimestamp) - STALE_BY_MS) : signedTimestamp;
		const secret = fault === 'wrongSecret' ? WRONG_SECRET_PREFIX + this.secret : this.secret;
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'x-webhook-signature': signWebhook(secret, timestamp, event.body),
			'x-webhook-timestamp': timestamp,
			'x-webhook-attempt': String(attempt),
		};
		if (this.version !== null) headers['x-webhook-version'] = this.version;
		if (this.version === '2025-01-01') headers['x-idempotency-key'] = eventId;
		if (fault === 'unsigned') delete headers['x-webhook-signature'];
		const body = fault === 'tamper' ? tamper(event.body) : event.body;
		const copies = fault === 'duplicate' ? 2 : 1;
		let delivered = false;
		for (let copy = 0; copy < copies && generation === this.generation; copy++) {
			const record: WebhookDelivery<Type> = {
				eventId,
				type: event.type,
				url,
				attempt,
				headers: { ...headers },
				body,
				...(fault ? { fault } : {}),
				sentAt: Date.now(),
				delivered: false,
			};
			this.log.push(record);
			const answer: Answer = isLoopbackUrl(url)
				? await this.post(url, headers, body)
				: { error: 'refused: the simulator only calls loopback notify URLs' };
			Object.assign(record, answer, {
				delivered: answer.status !== undefined && answer.status >= 200 && answer.status < 300,
			});
			delivered ||= record.delivered;
		}
		return delivered;
	}

	private takeFault(): WebhookFaultKind | undefined {
		const next = this.faults[0];
		if (!next) return undefined;
		next.remaining -= 1;
		if (next.remaining <= 0) this.faults.shift();
		return next.kind;
	}

	/** A socket of its own per attempt (no keep-alive), so nothing is left open afterwards. */
	private post(url: string, headers: Record<string, string>, body: string): Promise<Answer> {
		return new Promise((resolve) => {
			const send = url.startsWith('https:') ? httpsRequest : httpRequest;
			const request = send(url, {
				method: 'POST',
				agent: false,
				headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
				timeout: this.timeoutMs,
			});
			let settled = false;
			const done = (answer: Answer) => {
				if (settled) return;
				settled = true;
				this.inFlight.delete(request);
				resolve(answer);
			};
			this.inFlight.add(request);
			request.on('timeout', () => request.destroy(new Error('timed out')));
			request.on('error', (error) => done({ error: error.message }));
			// A connection cut by cancel() may end in 'close' alone; it must still settle.
			request.on('close', () => done({ error: 'connection closed' }));
			request.on('response', (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					done({
						status: response.statusCode,
						responseBody: Buffer.concat(chunks).toString('utf8'),
					}),
				);
				response.on('close', () => done({ status: response.statusCode, error: 'answer cut off' }));
			});
			request.end(body);
		});
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.set(timer, resolve);
		});
	}
}
