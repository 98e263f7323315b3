import { createHash } from 'crypto';
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeError, NodeOperationError, randomString } from 'n8n-workflow';

import type { CashfreeCredentials } from '../../credentials/CashfreeApi.credentials';
import {
	AnswerTooLargeError,
	discardAnswerBody,
	MAX_ANSWER_BYTES,
	MAX_ERROR_ANSWER_BYTES,
	readAnswerBody,
	type AnswerBody,
} from './answerBody';
import { parseBaseUrl } from './baseUrl';
import { headerText, isRedirectStatus, redirectProblem, safeAnswerText } from './answerText';
import {
	pause,
	RateLimitBudgetSpentError,
	RateLimitGovernor,
	rateLimitPauseSeconds,
	type ResponseHeaders,
} from './rateLimit';
import { API_VERSIONS, isApiVersion, type ApiVersion } from './actions/common/apiVersion';
import { OPTION_LIMITS, type RequestOptions } from './requestOptions';
import { RunControl, RunStoppedError } from './runControl';

export const DEFAULT_TIMEOUT_MS = OPTION_LIMITS.timeout.default;
export const DEFAULT_MAX_ATTEMPTS = OPTION_LIMITS.maxAttempts.default;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8000;

/** How errors and hints name what a request is about: "Check the order ID, and that the order…". */
export interface ResourceWords {
	/** e.g. "payment link", "order", "refund". */
	noun: string;
	/** The id the user gave, as the editor names it: "link ID", "order ID". */
	idName: string;
	/** What else a 404 can mean for this resource, e.g. that an order has no settlement until it is paid. */
	notFound?: string;
}

export interface CashfreeRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, built only from validated parts, e.g. `/links/abc/cancel`. */
	path: string;
	/** What the request is about, for the hints of its errors. */
	about: ResourceWords;
	body?: IDataObject;
	qs?: IDataObject;
	requestId?: string;
	/**
	 * Sent with every request that is not a GET (Cashfree's POST, PATCH and PUT all change
	 * something, or may); when absent the transport derives one per item and execution.
	 */
	idempotencyKey?: string;
	/** A deadline for the whole answer, headers and body, per attempt. */
	timeout?: number;
	maxAttempts?: number;
	/** Wait out 429s (default) or fail at the first one. */
	waitOnRateLimit?: boolean;
}

/** What Cashfree (or the network) said when a request failed, free of anything secret. */
export interface CashfreeFailure {
	httpStatus?: number;
	message: string;
	code?: string;
	type?: string;
	requestId: string;
	/** Set when the answer was not JSON; the first characters, for the error description. */
	bodyExcerpt?: string;
	/** A network-level failure: ECONNREFUSED, ETIMEDOUT, ECONNRESET, ... */
	networkCode?: string;
	retryAfterSeconds?: number;
	/** Cashfree replayed a stored answer for this idempotency key: repeating it changes nothing. */
	replayed?: boolean;
	attempts?: number;
	/** Where a 3xx pointed; never followed. */
	redirectLocation?: string;
	/** An answer refused for its size: its size (declared or counted so far) and the limit. */
	answerBytes?: number;
	answerLimit?: number;
	/** The run stopped waiting out rate limits after this many seconds in all. */
	rateLimitWaitBudget?: number;
	/** The deadline (ms) that passed before the whole answer arrived. */
	deadlineMs?: number;
	/** What the request was about, for the hint. */
	about?: ResourceWords;
}

interface ExecutionState {
	credentials: Promise<ICredentialsDecrypted>;
	governor: RateLimitGovernor;
	run: RunControl;
	/** Ends every wait (rate-limit pause, backoff): the execution was cancelled or the run stopped. */
	waitSignal: AbortSignal;
	/** The last 429 seen, for the items still waiting when the rate-limit budget runs out. */
	lastRateLimitFailure?: CashfreeFailure;
}

/**
 * One state per node execution (n8n gives each execution its own context object): the
 * credential is read and decrypted once, not once per request, all items share one view of
 * Cashfree's rate limit, and one switch stops the run when an item fails.
 */
const executionStates = new WeakMap<IExecuteFunctions, ExecutionState>();

function executionState(context: IExecuteFunctions): ExecutionState {
	let state = executionStates.get(context);
	if (!state) {
		const run = new RunControl();
		const reference = context.getNode().credentials?.cashfreeApi;
		state = {
			credentials: context.getCredentials<CashfreeCredentials>('cashfreeApi').then((data) => ({
				id: reference?.id ?? '',
				name: reference?.name ?? '',
				type: 'cashfreeApi',
				data: data as unknown as ICredentialsDecrypted['data'],
			})),
			governor: new RateLimitGovernor(OPTION_LIMITS.rateLimitWaitBudget.default),
			run,
			waitSignal: anySignal(run.stopSignal, context.getExecutionCancelSignal?.()),
		};
		executionStates.set(context, state);
	}
	return state;
}

/** The credential's API version, which decides which operations and fields exist. */
export async function apiVersionOf(context: IExecuteFunctions): Promise<ApiVersion> {
	const { apiVersion } = (await executionState(context).credentials)
		.data as unknown as CashfreeCredentials;
	// A credential saved before a version was offered, or edited by hand, falls back to the newest.
	return isApiVersion(apiVersion) ? apiVersion : API_VERSIONS[API_VERSIONS.length - 1];
}

/** The run's switch, for the item runner. */
export function runControlOf(context: IExecuteFunctions): RunControl {
	return executionState(context).run;
}

/** Settings that belong to the run, not to one item. */
export function configureRun(
	context: IExecuteFunctions,
	{ stopOnFailure, rateLimitWaitBudget }: { stopOnFailure: boolean; rateLimitWaitBudget: number },
): void {
	const state = executionState(context);
	state.run.stopOnFailure = stopOnFailure;
	state.governor.setBudget(rateLimitWaitBudget);
}

/**
 * Same item, same execution, same request: same key, so Cashfree acts on it at most once.
 * The body counts too: one item may send several requests to one path (the pages of Get
 * Settlements), and Cashfree refuses a key it has seen with another body (422). Shaped as a
 * UUID (version 8, RFC 9562: custom, here SHA-256 based) because Cashfree types
 * x-idempotency-key as a UUID.
 */
function derivedIdempotencyKey(
	context: IExecuteFunctions,
	request: CashfreeRequest,
	itemIndex: number,
): string {
	const source = [
		context.getExecutionId(),
		context.getNode().id,
		itemIndex,
		request.method,
		request.path,
		...(request.body === undefined ? [] : [JSON.stringify(request.body)]),
	].join('|');
	const hex = createHash('sha256').update(source).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Failures after which Cashfree may answer differently: 429, 5xx and the network giving way. */
function isRetryable(failure: CashfreeFailure): boolean {
	if (failure.replayed) return false;
	if (failure.networkCode)
		return ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED'].includes(
			failure.networkCode,
		);
	return (
		failure.httpStatus === 429 || (failure.httpStatus !== undefined && failure.httpStatus >= 500)
	);
}

/** Exponential backoff with jitter, so that retrying items do not come back in step. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
	return ceiling / 2 + Math.random() * (ceiling / 2);
}

function anySignal(first: AbortSignal, ...others: Array<AbortSignal | undefined>): AbortSignal {
	const present = others.filter((signal): signal is AbortSignal => signal !== undefined);
	return present.length === 0 ? first : AbortSignal.any([first, ...present]);
}

/**
 * n8n's request helper aborts a request with the execution's cancel signal, and takes that
 * signal from the context it is called on (it replaces any `abortSignal` in the options). The
 * request's own deadline reaches it this way: the same context, with a signal that also
 * aborts when the deadline passes.
 */
function withCancelSignal(context: IExecuteFunctions, signal: AbortSignal): IExecuteFunctions {
	return new Proxy(context, {
		get(target, property) {
			if (property === 'getExecutionCancelSignal') return () => signal;
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}

type Attempt =
	| { ok: true; body: AnswerBody; headers?: ResponseHeaders; statusCode?: number }
	| { ok: false; failure: CashfreeFailure; headers?: ResponseHeaders };

/** The execution was cancelled by the user: nothing more is sent, and no error is worth showing. */
class ExecutionCancelledError extends NodeOperationError {}

/** One request and its whole answer, within its deadline. Never throws for Cashfree's answers. */
async function sendOnce(
	context: IExecuteFunctions,
	options: IHttpRequestOptions,
	credentialsDecrypted: ICredentialsDecrypted,
	timeout: number,
	requestId: string,
	secrets: string[],
	itemIndex: number,
): Promise<Attempt> {
	const deadline = AbortSignal.timeout(timeout);
	const cancelSignal = context.getExecutionCancelSignal?.();
	const signal = anySignal(deadline, cancelSignal);
	const failed = (failure: CashfreeFailure, headers?: ResponseHeaders): Attempt => {
		if (cancelSignal?.aborted) {
			throw new ExecutionCancelledError(context.getNode(), 'The execution was cancelled', {
				itemIndex,
			});
		}
		if (deadline.aborted) {
			return {
				ok: false,
				headers,
				failure: {
					...failure,
					networkCode: 'ETIMEDOUT',
					message: 'ETIMEDOUT',
					deadlineMs: timeout,
				},
			};
		}
		return { ok: false, failure, headers };
	};
	let response: { body?: unknown; headers?: ResponseHeaders; statusCode?: number };
	try {
		response = await context.helpers.httpRequestWithAuthentication.call(
			withCancelSignal(context, signal),
			'cashfreeApi',
			{ ...options, abortSignal: signal },
			{ credentialsDecrypted },
		);
	} catch (error) {
		// No answer came (every answer comes back, ignoreHttpStatusErrors): the network failed,
		// the deadline passed or the run was cancelled.
		return failed(unansweredFailure(error, requestId, secrets));
	}
	if (!isSuccessStatus(response.statusCode)) {
		return failed(await describeRefusal(response, requestId, secrets, signal), response.headers);
	}
	try {
		const body = await readAnswerBody(response.body, response.headers, {
			limit: MAX_ANSWER_BYTES,
			overLimit: 'fail',
			signal,
		});
		return { ok: true, body, headers: response.headers, statusCode: response.statusCode };
	} catch (error) {
		return failed(
			bodyReadFailure(error, response.statusCode, response.headers, requestId, secrets),
			response.headers,
		);
	}
}

/**
 * Every request to Cashfree goes through here: base URL from the credential, authentication
 * headers added by n8n from the credential's `authenticate` block, no redirect ever followed,
 * a deadline and a size limit for every answer, retries of what may succeed on a second try
 * (always with the same idempotency key), and every failure turned into a NodeApiError
 * carrying Cashfree's message, code, type, HTTP status and request id, with any text taken
 * from the answer shortened and cleaned of the client secret.
 */
export async function cashfreeApiRequest(
	this: IExecuteFunctions,
	request: CashfreeRequest,
	itemIndex: number,
): Promise<IDataObject> {
	return (await requestAnswer(this, request, itemIndex, 'object')) as IDataObject;
}

/** For Cashfree's list answers (a link's orders, an order's payments, refunds, disputes): a JSON array of objects. */
export async function cashfreeApiListRequest(
	this: IExecuteFunctions,
	request: CashfreeRequest,
	itemIndex: number,
): Promise<IDataObject[]> {
	return (await requestAnswer(this, request, itemIndex, 'list')) as IDataObject[];
}

type AnswerShape = 'object' | 'list';

async function requestAnswer(
	context: IExecuteFunctions,
	request: CashfreeRequest,
	itemIndex: number,
	shape: AnswerShape,
): Promise<IDataObject | IDataObject[]> {
	const state = executionState(context);
	const credentialsDecrypted = await state.credentials;
	const credentials = credentialsDecrypted.data as unknown as CashfreeCredentials;
	const secrets = [String(credentials.clientSecret ?? '')];
	const base = parseBaseUrl(credentials);
	if ('problem' in base) {
		throw new NodeOperationError(
			context.getNode(),
			`The Cashfree credential is not usable: ${base.problem}`,
			{
				itemIndex,
				description:
					'Open the credential and fix Base URL, or pick Sandbox or Production. Nothing was sent.',
			},
		);
	}
	const baseURL = base.baseUrl;
	// A request id of our own when the user gives none, so every error can be traced with Cashfree.
	const requestId = request.requestId || `n8n-${randomString(20).toLowerCase()}`;
	const headers: IDataObject = { accept: 'application/json', 'x-request-id': requestId };
	if (request.method !== 'GET') {
		headers['x-idempotency-key'] =
			request.idempotencyKey || derivedIdempotencyKey(context, request, itemIndex);
	}
	const timeout = request.timeout ?? DEFAULT_TIMEOUT_MS;
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		headers,
		qs: request.qs,
		body: request.body,
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
	const maxAttempts = request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
	const throwFinal = (failure: CashfreeFailure): never => {
		// From the refusal on, no other item starts a request until this one has settled.
		state.run.hold(itemIndex);
		throw toNodeApiError(context, { ...failure, about: request.about }, itemIndex);
	};

	let attempts = 0;
	let rateLimitWaits = 0;
	for (;;) {
		await state.run.mayStart(itemIndex);
		try {
			await state.governor.acquire(state.waitSignal);
		} catch (error) {
			if (error instanceof RateLimitBudgetSpentError) {
				throwFinal({
					...rateLimitFailure(state, requestId),
					rateLimitWaitBudget: error.budgetSeconds,
				});
			}
			throw waitEnded(context, state, itemIndex);
		}
		if (!state.run.canStart(itemIndex)) {
			state.governor.abandon();
			continue;
		}
		let attempt: Attempt;
		try {
			attempt = await sendOnce(
				context,
				options,
				credentialsDecrypted,
				timeout,
				requestId,
				secrets,
				itemIndex,
			);
		} catch (error) {
			state.governor.finished(undefined, undefined);
			throw asNodeError(context, error, itemIndex);
		}
		const mayWaitOutRateLimit = state.governor.finished(
			attempt.headers,
			attempt.ok ? attempt.statusCode : attempt.failure.httpStatus,
		);
		if (attempt.ok) {
			const outcome = successBody(attempt, shape, requestId, secrets);
			return 'failure' in outcome ? throwFinal(outcome.failure) : outcome.json;
		}

		const failure = attempt.failure;
		if (failure.httpStatus === 429) {
			rateLimitWaits++;
			state.lastRateLimitFailure = failure;
		} else {
			attempts++;
		}
		const mayRetry =
			isRetryable(failure) &&
			(failure.httpStatus === 429
				? request.waitOnRateLimit !== false && mayWaitOutRateLimit
				: attempts < maxAttempts);
		if (!mayRetry) {
			const budgetSpent =
				failure.httpStatus === 429 && request.waitOnRateLimit !== false && !mayWaitOutRateLimit;
			throwFinal({
				...failure,
				attempts: attempts + rateLimitWaits,
				...(budgetSpent ? { rateLimitWaitBudget: state.governor.budgetSeconds } : {}),
			});
		}
		// A 429 pauses every item in the governor; other failures back off this item alone.
		if (failure.httpStatus !== 429) {
			try {
				await pause(backoffMs(attempts), state.waitSignal);
			} catch {
				throw waitEnded(context, state, itemIndex);
			}
		}
	}
}

/** The per-item options every operation hands to the transport unchanged. */
export function transportOptions({
	requestId,
	timeout,
	maxAttempts,
	waitOnRateLimit,
}: RequestOptions) {
	return { requestId, timeout, maxAttempts, waitOnRateLimit };
}

/** A wait (rate-limit pause, backoff) ended early: the run stopped or the execution was cancelled. */
function waitEnded(context: IExecuteFunctions, state: ExecutionState, itemIndex: number): Error {
	if (state.run.stopped) return new RunStoppedError();
	return new ExecutionCancelledError(context.getNode(), 'The execution was cancelled', {
		itemIndex,
	});
}

function rateLimitFailure(state: ExecutionState, requestId: string): CashfreeFailure {
	return (
		state.lastRateLimitFailure ?? {
			httpStatus: 429,
			message: "Cashfree's rate limit was reached",
			type: 'rate_limit_error',
			requestId,
		}
	);
}

function isJsonObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The request id Cashfree tagged its answer with (cleaned), or the one we sent. */
function answerRequestId(
	headers: ResponseHeaders | undefined,
	secrets: string[],
	sent: string,
): string {
	return safeAnswerText(headerText(headers, 'x-request-id'), secrets, 128) || sent;
}

/** The first characters of an answer that was not what we expected, for the error's details. */
function bodyExcerpt(body: AnswerBody, secrets: string[]): string {
	return safeAnswerText(
		body.kind === 'text' ? body.start : JSON.stringify(body.value),
		secrets,
		120,
	);
}

/**
 * A success answer in the shape the call documents (an object, or a list of objects), with
 * any echo of the secret taken out; or why it is not one.
 */
function successBody(
	attempt: Extract<Attempt, { ok: true }>,
	shape: AnswerShape,
	requestId: string,
	secrets: string[],
): { json: IDataObject | IDataObject[] } | { failure: CashfreeFailure } {
	const body = attempt.body;
	const value = body.kind === 'json' ? body.value : undefined;
	const expected =
		shape === 'list' ? Array.isArray(value) && value.every(isJsonObject) : isJsonObject(value);
	if (!expected) {
		return {
			failure: {
				message:
					body.kind === 'json'
						? `Cashfree answered with JSON that is not ${shape === 'list' ? 'a list of objects' : 'an object'}`
						: 'Cashfree answered with a body that is not JSON',
				requestId: answerRequestId(attempt.headers, secrets, requestId),
				bodyExcerpt: bodyExcerpt(body, secrets),
				httpStatus: attempt.statusCode,
			},
		};
	}
	return { json: redactSecrets(value, secrets) as IDataObject | IDataObject[] };
}

/** A server that repeats the secret back must not put it into an output item. */
function redactSecrets(value: unknown, secrets: string[]): unknown {
	const present = secrets.filter((secret) => secret.trim().length >= 4);
	if (present.length === 0) return value;
	const walk = (inner: unknown): unknown => {
		if (typeof inner === 'string') {
			return present.some((secret) => inner.includes(secret))
				? present.reduce((text, secret) => text.split(secret).join('[redacted]'), inner)
				: inner;
		}
		if (Array.isArray(inner)) return inner.map(walk);
		if (inner && typeof inner === 'object') {
			const copy: Record<string, unknown> = {};
			for (const [key, entry] of Object.entries(inner)) {
				// defineProperty: a key such as "__proto__" stays a plain key, as JSON.parse made it.
				Object.defineProperty(copy, walk(key) as string, {
					value: walk(entry),
					enumerable: true,
					writable: true,
					configurable: true,
				});
			}
			return copy;
		}
		return inner;
	};
	return walk(value);
}

/** Operations throw n8n errors already; anything else (a bug) still reaches n8n as one. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeError | RunStoppedError {
	// RunStoppedError passes unchanged: the item runner must tell "not sent" from "failed".
	return error instanceof NodeError || error instanceof RunStoppedError
		? error
		: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** The failure details a NodeApiError from cashfreeApiRequest carries; undefined for others. */
export function failureOf(error: unknown): CashfreeFailure | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	return error.context.cashfree as CashfreeFailure | undefined;
}

function isSuccessStatus(status: number | undefined): boolean {
	return status !== undefined && status >= 200 && status < 300;
}

/**
 * What n8n's request helper throws when no answer came: a NodeApiError around axios's error.
 * n8n 2.x keeps axios's error as its `cause`, whose `code` names the failure (ECONNREFUSED,
 * ERR_CANCELED, ...). n8n 1.x loses the cause (its ExecutionBaseError redeclares `cause` as a
 * class field, which resets it) but NodeApiError copied the same code into `httpCode`, as it
 * looks for a status under `code` too when there is none. Anything else (a bug, a refusal by
 * n8n itself) may carry a `code` of its own. Only the code is read: the rest holds the
 * request, and with it the x-client-secret header.
 */
function unansweredFailure(error: unknown, requestId: string, secrets: string[]): CashfreeFailure {
	const { cause, httpCode, code } = (error ?? {}) as {
		cause?: { code?: unknown };
		httpCode?: unknown;
		code?: unknown;
	};
	const httpCodeIsNetworkCode = typeof httpCode === 'string' && !/^\d+$/.test(httpCode);
	const networkCode =
		safeAnswerText(
			cause?.code ?? (httpCodeIsNetworkCode ? httpCode : undefined) ?? code,
			secrets,
			40,
		) || 'ERROR';
	return { message: networkCode, networkCode, requestId };
}

/**
 * Cashfree's answer with a status other than 2xx: its message, code, type and request id,
 * or where a redirect pointed. Every text taken from the answer is shortened and cleaned of
 * the secret.
 */
async function describeRefusal(
	response: { body?: unknown; headers?: ResponseHeaders; statusCode?: number },
	requestId: string,
	secrets: string[],
	signal: AbortSignal,
): Promise<CashfreeFailure> {
	const { statusCode: httpStatus, headers } = response;
	const common = {
		httpStatus,
		requestId: answerRequestId(headers, secrets, requestId),
		replayed: headerText(headers, 'x-idempotency-replayed') === 'true' || undefined,
		retryAfterSeconds: httpStatus === 429 ? rateLimitPauseSeconds(headers) : undefined,
	};
	if (isRedirectStatus(httpStatus)) {
		discardAnswerBody(response.body);
		const location = headerText(headers, 'location');
		return {
			...common,
			message: redirectProblem(httpStatus, location, secrets),
			redirectLocation: location ? safeAnswerText(location, secrets, 200) : undefined,
		};
	}
	let body: AnswerBody;
	try {
		body = await readAnswerBody(response.body, headers, {
			limit: MAX_ERROR_ANSWER_BYTES,
			overLimit: 'excerpt',
			signal,
		});
	} catch {
		// The status still says what happened; the deadline, if it passed, is reported by the caller.
		body = { kind: 'text', start: '' };
	}
	if (
		body.kind === 'json' &&
		body.value &&
		typeof body.value === 'object' &&
		!Array.isArray(body.value)
	) {
		const { message, code, type } = body.value as Record<string, unknown>;
		return {
			...common,
			message: safeAnswerText(message, secrets) || `HTTP ${httpStatus}`,
			code: safeAnswerText(code, secrets, 100) || undefined,
			type: safeAnswerText(type, secrets, 100) || undefined,
		};
	}
	return {
		...common,
		message: `Cashfree answered HTTP ${httpStatus} with a body that is not JSON`,
		bodyExcerpt: bodyExcerpt(body, secrets),
	};
}

/** A success status whose body could not be read: too large, cut short, or past the deadline. */
function bodyReadFailure(
	error: unknown,
	httpStatus: number | undefined,
	headers: ResponseHeaders,
	requestId: string,
	secrets: string[],
): CashfreeFailure {
	const common = {
		httpStatus,
		requestId: answerRequestId(headers, secrets, requestId),
	};
	if (error instanceof AnswerTooLargeError) {
		return {
			...common,
			message: `the answer is ${error.declared ? '' : 'more than '}${error.bytes} bytes, the limit is ${error.limit} bytes`,
			answerBytes: error.bytes,
			answerLimit: error.limit,
		};
	}
	const networkCode =
		safeAnswerText((error as { code?: unknown })?.code, secrets, 40) || 'ECONNRESET';
	return { ...common, httpStatus: undefined, message: networkCode, networkCode };
}

/** What a user can do about each kind of failure, in plain words. */
function hintFor(failure: CashfreeFailure): string {
	const status = failure.httpStatus;
	const about = failure.about ?? { noun: 'resource', idName: 'ID' };
	const mayHaveHappened = `The request may still have been carried out: check the ${about.noun} with Get before retrying, or retry with the same Idempotency Key.`;
	if (failure.answerLimit !== undefined) {
		return "No Cashfree answer comes near this size, so the rest was not read. Check that the Base URL points at Cashfree's API, not at a file or another service.";
	}
	if (isRedirectStatus(status)) {
		return 'The node never follows a redirect: the Client Secret would go to wherever it points, and a cancel would arrive as a GET. Nothing was carried out.';
	}
	if (failure.deadlineMs !== undefined) {
		return `The whole answer did not arrive within the timeout (${failure.deadlineMs} ms). ${mayHaveHappened}`;
	}
	switch (failure.networkCode) {
		case 'ECONNREFUSED':
			return "Nothing is listening at the credential's base URL. Check the environment or Base URL in the Cashfree credential.";
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
			return `Cashfree did not answer within the timeout. ${mayHaveHappened}`;
		case 'ECONNRESET':
		case 'EPIPE':
			return `The connection closed before Cashfree answered. ${mayHaveHappened}`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return "The host name of the credential's base URL could not be resolved.";
	}
	if (failure.networkCode) return 'The request did not reach Cashfree.';
	if (failure.bodyExcerpt !== undefined) {
		return 'Something between n8n and Cashfree (a proxy or gateway) answered instead of Cashfree, or the Base URL is wrong.';
	}
	if (status === 401) {
		return 'Cashfree rejected the Client ID or Client Secret. Check both keys, and that they belong to the environment selected in the credential (sandbox keys do not work in production).';
	}
	if (status === 403)
		return 'These keys are not allowed to use this API. Ask Cashfree to enable it for the account.';
	if (status === 404) {
		return (
			about.notFound ??
			`Check the ${about.idName}, and that the ${about.noun} was created with keys of the environment selected in the credential.`
		);
	}
	if (status === 409) {
		return `Cashfree reports a conflict with an existing ${about.noun}: one with this ${about.idName} may exist already (Get it instead of creating it again), or its state does not allow this.`;
	}
	if (status === 422) {
		return 'This idempotency key was already used with a different request. Use a new key for a different request.';
	}
	if (status === 429 && failure.rateLimitWaitBudget !== undefined) {
		return `The run stopped waiting for Cashfree's rate limit after ${failure.rateLimitWaitBudget} seconds of waiting in all (Rate Limit Wait Budget). Send fewer items per run, or raise the budget.`;
	}
	if (status === 429) {
		const wait = failure.retryAfterSeconds ? `${failure.retryAfterSeconds} seconds` : 'a minute';
		return `Cashfree's rate limit for these keys was reached. Wait ${wait} before retrying, or send fewer requests per minute.`;
	}
	if (status !== undefined && status >= 500) {
		return `Cashfree is unavailable or failed on its side. The request may or may not have been carried out: check the ${about.noun} with Get, or retry with the same Idempotency Key.`;
	}
	return 'Cashfree refused the request as invalid.';
}

function headlineFor(failure: CashfreeFailure): string {
	if (failure.answerLimit !== undefined)
		return `Cashfree's answer is too large: ${failure.message}`;
	if (failure.networkCode === 'ECONNREFUSED')
		return 'Could not connect to Cashfree: connection refused';
	if (failure.networkCode === 'ECONNABORTED' || failure.networkCode === 'ETIMEDOUT') {
		return 'Cashfree did not answer in time';
	}
	if (failure.networkCode === 'ECONNRESET' || failure.networkCode === 'EPIPE') {
		return 'The connection to Cashfree closed before an answer arrived';
	}
	if (failure.networkCode) return `Could not reach Cashfree (${failure.networkCode})`;
	// An answer that was not Cashfree's JSON error (bodyExcerpt set) is described in our words,
	// which name Cashfree already; Cashfree's own messages get the prefix.
	return failure.bodyExcerpt !== undefined ? failure.message : `Cashfree: ${failure.message}`;
}

/**
 * The NodeApiError users see. `explanation`, when an operation knows more than Cashfree said
 * (e.g. the link's current status), replaces the generic hint.
 */
export function toNodeApiError(
	context: IExecuteFunctions,
	failure: CashfreeFailure,
	itemIndex: number,
	explanation?: string,
): NodeApiError {
	const details = [
		failure.httpStatus !== undefined ? `HTTP status: ${failure.httpStatus}` : undefined,
		failure.code ? `code: ${failure.code}` : undefined,
		failure.type ? `type: ${failure.type}` : undefined,
		failure.networkCode ? `network error: ${failure.networkCode}` : undefined,
		`x-request-id: ${failure.requestId}`,
		failure.attempts && failure.attempts > 1 ? `attempts: ${failure.attempts}` : undefined,
		failure.bodyExcerpt ? `body starts with: ${failure.bodyExcerpt}` : undefined,
		failure.redirectLocation ? `location: ${failure.redirectLocation}` : undefined,
	].filter((part) => part !== undefined);
	const description = `${explanation ?? hintFor(failure)}\n${details.join(' · ')}`;
	// `about` only words the hint; the details a later step may branch on are Cashfree's.
	const shown: Omit<CashfreeFailure, 'about'> = { ...failure };
	delete (shown as CashfreeFailure).about;
	const error = new NodeApiError(context.getNode(), { ...shown } as JsonObject, {
		message: explanation ? `${headlineFor(failure)}. ${explanation}` : headlineFor(failure),
		description,
		httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
	error.context.cashfree = { ...shown };
	return error;
}
