import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { NodeOperationError, randomString } from 'n8n-workflow';

import { anySignal, sendOnce, type AnswerShape, type Attempt } from './attempt';
import { parseBaseUrl, type BaseUrlResult } from './baseUrl';
import {
	asNodeError,
	ExecutionCancelledError,
	toNodeApiError,
	type CashfreeFailure,
	type ResourceWords,
} from './failure';
import { derivedIdempotencyKey, runIndexOf } from './idempotency';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, OPTION_LIMITS } from './limits';
import { networkError } from './networkErrors';
import type { CashfreeProduct } from './product';
import { pause, RateLimitBudgetSpentError, RateLimitGovernor } from './rateLimit';
import { RunControl, RunStoppedError } from './runControl';

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8000;

/** The per-item settings of a request, as the user gave them in Additional Options. */
export interface CallSettings {
	requestId?: string;
	/**
	 * Sent with every request that is not a GET (Cashfree's POST, PATCH and PUT all change
	 * something, or may); when absent the client derives one per item and execution.
	 */
	idempotencyKey?: string;
	/** A deadline for the whole answer, headers and body, per attempt. */
	timeout?: number;
	maxAttempts?: number;
	/** Wait out 429s (default) or fail at the first one. */
	waitOnRateLimit?: boolean;
}

export interface CashfreeCall extends CallSettings {
	method: IHttpRequestMethods;
	/** Path below the base URL, built only from validated parts, e.g. `/links/abc/cancel`. */
	path: string;
	/** What the request is about, for the hints of its errors. */
	about: ResourceWords;
	body?: IDataObject;
	qs?: IDataObject;
}

/** Settings that belong to the run, not to one item. */
export interface RunSettings {
	stopOnFailure: boolean;
	rateLimitWaitBudget: number;
}

/**
 * One node execution's way to Cashfree, made once per run and handed to every operation: the
 * credential (read and decrypted once), where requests go, the API version, one view of
 * Cashfree's rate limit shared by all items, and the switch that stops the run when an item
 * fails.
 */
export interface CashfreeClient {
	readonly apiVersion: string;
	readonly run: RunControl;
	configure(settings: RunSettings): void;
	/** Whether Cashfree's rate limit leaves room for `more` requests than are in flight now. */
	hasRoomFor(more: number): boolean;
	/** A call whose answer is one JSON object. */
	request(call: CashfreeCall, itemIndex: number): Promise<IDataObject>;
	/** A call whose answer is a JSON list of objects (a link's orders, an order's refunds, …). */
	requestList(call: CashfreeCall, itemIndex: number): Promise<IDataObject[]>;
}

export async function createCashfreeClient(
	context: IExecuteFunctions,
	product: CashfreeProduct,
): Promise<CashfreeClient> {
	const data = await context.getCredentials<ICredentialDataDecryptedObject>(product.credentialType);
	return new Client(context, product, data);
}

/** Failures after which Cashfree may answer differently: 429, 5xx and the network giving way. */
function isRetryable(failure: CashfreeFailure): boolean {
	// Cashfree repeats a stored answer for its key: the same key cannot get another one.
	if (failure.replayed || (failure.stored && failure.httpStatus !== 429)) return false;
	if (failure.networkCode) return networkError(failure.networkCode).retryable;
	return (
		failure.httpStatus === 429 || (failure.httpStatus !== undefined && failure.httpStatus >= 500)
	);
}

/**
 * Whether a state-changing request that failed may still have been carried out: it was sent
 * and its answer was lost (dropped connection, deadline passed, a success that could not be
 * read), or Cashfree failed on its side. A refusal (4xx, a redirect, a spent rate-limit budget)
 * or a request that never left (refused connection, unknown host, TLS) changed nothing.
 */
function mayHaveBeenCarriedOut(failure: CashfreeFailure): boolean {
	if (failure.rateLimitWaitBudget !== undefined) return false;
	if (failure.deadlineMs !== undefined) return true;
	if (failure.networkCode) return networkError(failure.networkCode).mayHaveArrived;
	const status = failure.httpStatus;
	return status === undefined || status >= 500 || (status >= 200 && status < 300);
}

/** Exponential backoff with jitter, so that retrying items do not come back in step. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
	return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** One request of one item on its way: what every attempt of it shares. */
interface Prepared {
	call: CashfreeCall;
	itemIndex: number;
	options: IHttpRequestOptions;
	requestId: string;
	timeout: number;
	shape: AnswerShape;
}

class Client implements CashfreeClient {
	readonly apiVersion: string;

	readonly run = new RunControl();

	private readonly credentialsDecrypted: ICredentialsDecrypted;

	private readonly base: BaseUrlResult;

	private readonly secrets: string[];

	/** This run of the node in the execution: part of every derived idempotency key. */
	private readonly runIndex: number;

	private readonly governor = new RateLimitGovernor(OPTION_LIMITS.rateLimitWaitBudget.default);

	/** Ends every wait (rate-limit pause, backoff): the execution was cancelled or the run stopped. */
	private readonly waitSignal: AbortSignal;

	/** The last 429 seen, for the items still waiting when the rate-limit budget runs out. */
	private lastRateLimitFailure?: CashfreeFailure;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly product: CashfreeProduct,
		data: ICredentialDataDecryptedObject,
	) {
		const reference = context.getNode().credentials?.[product.credentialType];
		this.credentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: product.credentialType,
			data,
		};
		this.apiVersion = product.apiVersion(data);
		this.secrets = product.secrets(data);
		const keysProblem = product.keysProblem(data);
		this.base = keysProblem ? { problem: keysProblem } : parseBaseUrl(data, product.urls);
		this.runIndex = runIndexOf(context);
		this.waitSignal = anySignal(this.run.stopSignal, context.getExecutionCancelSignal?.());
	}

	configure({ stopOnFailure, rateLimitWaitBudget }: RunSettings): void {
		this.run.stopOnFailure = stopOnFailure;
		this.governor.setBudget(rateLimitWaitBudget);
	}

	hasRoomFor(more: number): boolean {
		return this.governor.hasRoomFor(more);
	}

	async request(call: CashfreeCall, itemIndex: number): Promise<IDataObject> {
		return (await this.send(call, itemIndex, 'object')) as IDataObject;
	}

	async requestList(call: CashfreeCall, itemIndex: number): Promise<IDataObject[]> {
		return (await this.send(call, itemIndex, 'list')) as IDataObject[];
	}

	/**
	 * Every request to Cashfree goes through here: no redirect ever followed, a deadline and a
	 * size limit for every answer, retries of what may succeed on a second try (always with
	 * the same idempotency key), and every failure turned into a NodeApiError carrying
	 * Cashfree's message, code, type, HTTP status and request id, cleaned of the secret.
	 */
	private async send(
		call: CashfreeCall,
		itemIndex: number,
		shape: AnswerShape,
	): Promise<IDataObject | IDataObject[]> {
		const prepared = this.prepare(call, itemIndex, shape);
		const maxAttempts = call.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
		let attempts = 0;
		let rateLimitWaits = 0;
		for (;;) {
			const attempt = await this.attempt(prepared);
			const status = attempt.ok ? attempt.statusCode : attempt.failure.httpStatus;
			const mayWaitOutRateLimit = this.governor.finished(attempt.headers, status);
			if (attempt.ok) return attempt.json;
			const failure = attempt.failure;
			if (failure.httpStatus === 429) {
				rateLimitWaits++;
				this.lastRateLimitFailure = failure;
			} else {
				attempts++;
			}
			const waitsOutRateLimits = call.waitOnRateLimit !== false;
			const mayRetry =
				isRetryable(failure) &&
				(failure.httpStatus === 429
					? waitsOutRateLimits && mayWaitOutRateLimit
					: attempts < maxAttempts);
			if (!mayRetry) {
				const budgetSpent = failure.httpStatus === 429 && waitsOutRateLimits;
				return this.fail(prepared, {
					...failure,
					attempts: attempts + rateLimitWaits,
					attemptsPastRateLimit: attempts,
					...(budgetSpent && !mayWaitOutRateLimit
						? { rateLimitWaitBudget: this.governor.budgetSeconds }
						: {}),
				});
			}
			// A 429 pauses every item in the governor; other failures back off this item alone.
			if (failure.httpStatus !== 429) await this.wait(backoffMs(attempts), itemIndex);
		}
	}

	/** The request as n8n's helper takes it, the same for every attempt. */
	private prepare(call: CashfreeCall, itemIndex: number, shape: AnswerShape): Prepared {
		if ('problem' in this.base) {
			throw new NodeOperationError(
				this.context.getNode(),
				`The Cashfree credential is not usable: ${this.base.problem}`,
				{
					itemIndex,
					description:
						'Open the credential and fix what it names (the keys, or Base URL: or pick Sandbox or Production). Nothing was sent.',
				},
			);
		}
		// A request id of our own when the user gives none, so every error can be traced with Cashfree.
		const requestId = call.requestId || `n8n-${randomString(20).toLowerCase()}`;
		const headers: IDataObject = { accept: 'application/json', 'x-request-id': requestId };
		if (call.method !== 'GET') {
			headers['x-idempotency-key'] =
				call.idempotencyKey ||
				derivedIdempotencyKey({
					executionId: this.context.getExecutionId(),
					nodeId: this.context.getNode().id,
					runIndex: this.runIndex,
					itemIndex,
					method: call.method,
					path: call.path,
					body: call.body,
				});
		}
		const timeout = call.timeout ?? DEFAULT_TIMEOUT_MS;
		const options: IHttpRequestOptions = {
			method: call.method,
			baseURL: this.base.baseUrl,
			url: call.path,
			headers,
			qs: call.qs,
			body: call.body,
			json: true,
			timeout,
			returnFullResponse: true,
			// Every answer comes back as an answer, whatever its status, read the same way on every
			// n8n line: the error n8n throws for a status differs between lines (n8n 1.x keeps
			// neither the status's headers nor the body in it) and holds the request, secret included.
			ignoreHttpStatusErrors: true,
			// A redirect would take the x-client-secret header to wherever it points (n8n strips
			// only Authorization and Cookie), and turn a cancel into a GET.
			disableFollowRedirect: true,
			// The body is read here, within the deadline and the size limit (answerBody.ts).
			encoding: 'stream',
		};
		return { call, itemIndex, options, requestId, timeout, shape };
	}

	/** One try, once the run and Cashfree's rate limit let it start. */
	private async attempt(prepared: Prepared): Promise<Attempt> {
		const { itemIndex } = prepared;
		for (;;) {
			await this.run.mayStart(itemIndex);
			try {
				await this.governor.acquire(this.waitSignal);
			} catch (error) {
				if (error instanceof RateLimitBudgetSpentError) {
					this.fail(prepared, {
						...this.rateLimitFailure(prepared.requestId),
						rateLimitWaitBudget: error.budgetSeconds,
					});
				}
				throw this.waitEnded(itemIndex);
			}
			if (this.run.canStart(itemIndex)) break;
			this.governor.abandon();
		}
		try {
			return await sendOnce(this.context, prepared.options, {
				credentialType: this.product.credentialType,
				credentialsDecrypted: this.credentialsDecrypted,
				timeout: prepared.timeout,
				requestId: prepared.requestId,
				secrets: this.secrets,
				itemIndex,
				shape: prepared.shape,
			});
		} catch (error) {
			this.governor.finished(undefined, undefined);
			throw asNodeError(this.context, error, itemIndex);
		}
	}

	/** A request failed for good: from the refusal on, no other item starts until this one settles. */
	private fail(prepared: Prepared, failure: CashfreeFailure): never {
		this.run.hold(prepared.itemIndex);
		const key = prepared.options.headers?.['x-idempotency-key'];
		const changesState = typeof key === 'string';
		const described: CashfreeFailure = {
			...failure,
			about: prepared.call.about,
			...(changesState ? { idempotencyKey: key } : {}),
			...(changesState && mayHaveBeenCarriedOut(failure) ? { outcomeUnknown: true } : {}),
			// Only the product knows what a 403 means for it (Payouts: the second factor).
			...(failure.httpStatus === 403
				? { forbiddenHint: this.product.credentialCheck.forbidden }
				: {}),
		};
		throw toNodeApiError(this.context, described, prepared.itemIndex);
	}

	private async wait(milliseconds: number, itemIndex: number): Promise<void> {
		try {
			await pause(milliseconds, this.waitSignal);
		} catch {
			throw this.waitEnded(itemIndex);
		}
	}

	/** A wait (rate-limit pause, backoff) ended early: the run stopped or the execution was cancelled. */
	private waitEnded(itemIndex: number): Error {
		if (this.run.stopped) return new RunStoppedError();
		return new ExecutionCancelledError(this.context.getNode(), 'The execution was cancelled', {
			itemIndex,
		});
	}

	private rateLimitFailure(requestId: string): CashfreeFailure {
		return (
			this.lastRateLimitFailure ?? {
				httpStatus: 429,
				message: "Cashfree's rate limit was reached",
				type: 'rate_limit_error',
				requestId,
			}
		);
	}
}
