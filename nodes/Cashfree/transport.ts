import { createHash } from 'crypto';
import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeError, NodeOperationError, randomString, sleep } from 'n8n-workflow';

import {
	CASHFREE_PRODUCTION_BASE_URL,
	CASHFREE_SANDBOX_BASE_URL,
	type CashfreeCredentials,
} from '../../credentials/CashfreeApi.credentials';
import { RateLimitGovernor, type ResponseHeaders } from './rateLimit';

export const DEFAULT_TIMEOUT_MS = 30000;
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Rate-limit answers do not use up attempts (Cashfree did nothing), but are not waited out forever. */
const MAX_RATE_LIMIT_WAITS = 20;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8000;

export interface CashfreeRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, built only from validated parts, e.g. `/links/abc/cancel`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	requestId?: string;
	/** For POST; when absent the transport derives one per item and execution. */
	idempotencyKey?: string;
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
}

/** The base URL the credential points at; undefined when a custom one is not a usable URL. */
export function resolveBaseUrl(credentials: CashfreeCredentials): string | undefined {
	if (credentials.environment === 'production') return CASHFREE_PRODUCTION_BASE_URL;
	if (credentials.environment !== 'custom') return CASHFREE_SANDBOX_BASE_URL;
	const baseUrl = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	return /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(baseUrl) ? baseUrl : undefined;
}

interface ExecutionState {
	credentials: Promise<ICredentialsDecrypted>;
	governor: RateLimitGovernor;
}

/**
 * One state per node execution (n8n gives each execution its own context object): the
 * credential is read and decrypted once, not once per request, and all items share one
 * view of Cashfree's rate limit.
 */
const executionStates = new WeakMap<IExecuteFunctions, ExecutionState>();

function executionState(context: IExecuteFunctions): ExecutionState {
	let state = executionStates.get(context);
	if (!state) {
		const reference = context.getNode().credentials?.cashfreeApi;
		state = {
			credentials: context.getCredentials<CashfreeCredentials>('cashfreeApi').then((data) => ({
				id: reference?.id ?? '',
				name: reference?.name ?? '',
				type: 'cashfreeApi',
				data: data as unknown as ICredentialsDecrypted['data'],
			})),
			governor: new RateLimitGovernor(),
		};
		executionStates.set(context, state);
	}
	return state;
}

/** Same item, same execution, same request: same key, so Cashfree acts on it at most once. */
function derivedIdempotencyKey(context: IExecuteFunctions, request: CashfreeRequest, itemIndex: number): string {
	const source = [context.getExecutionId(), context.getNode().id, itemIndex, request.method, request.path].join('|');
	return `n8n-${createHash('sha256').update(source).digest('hex').slice(0, 40)}`;
}

/** Failures after which Cashfree may answer differently: 429, 5xx and the network giving way. */
function isRetryable(failure: CashfreeFailure): boolean {
	if (failure.replayed) return false;
	if (failure.networkCode) return ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED'].includes(failure.networkCode);
	return failure.httpStatus === 429 || (failure.httpStatus !== undefined && failure.httpStatus >= 500);
}

/** Exponential backoff with jitter, so that retrying items do not come back in step. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
	return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * Every request to Cashfree goes through here: base URL from the credential, authentication
 * headers added by n8n from the credential's `authenticate` block, retries of what may succeed
 * on a second try (always with the same idempotency key), and every failure turned into a
 * NodeApiError carrying Cashfree's message, code, type, HTTP status and request id.
 */
export async function cashfreeApiRequest(
	this: IExecuteFunctions,
	request: CashfreeRequest,
	itemIndex: number,
): Promise<IDataObject> {
	const state = executionState(this);
	const credentialsDecrypted = await state.credentials;
	const baseURL = resolveBaseUrl(credentialsDecrypted.data as unknown as CashfreeCredentials);
	if (!baseURL) {
		throw new NodeOperationError(
			this.getNode(),
			"The Cashfree credential's Base URL must be an http:// or https:// URL without query or fragment",
			{ itemIndex, description: 'Open the credential and fix Base URL, or pick Sandbox or Production.' },
		);
	}
	// A request id of our own when the user gives none, so every error can be traced with Cashfree.
	const requestId = request.requestId || `n8n-${randomString(20).toLowerCase()}`;
	const headers: IDataObject = { accept: 'application/json', 'x-request-id': requestId };
	if (request.method === 'POST') {
		headers['x-idempotency-key'] = request.idempotencyKey || derivedIdempotencyKey(this, request, itemIndex);
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		headers,
		qs: request.qs,
		body: request.body,
		json: true,
		timeout: request.timeout ?? DEFAULT_TIMEOUT_MS,
		returnFullResponse: true,
	};
	const maxAttempts = Math.max(1, request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
	const cancelSignal = this.getExecutionCancelSignal?.();

	let attempts = 0;
	let rateLimitWaits = 0;
	for (;;) {
		await state.governor.acquire();
		let response: { body?: unknown; headers?: ResponseHeaders; statusCode?: number };
		try {
			response = await this.helpers.httpRequestWithAuthentication.call(this, 'cashfreeApi', options, {
				credentialsDecrypted,
			});
		} catch (error) {
			const failed = unwrapRequestError(error);
			const failure = describeFailure(failed, requestId);
			state.governor.finished(failed.response?.headers, failure.httpStatus);
			if (failure.httpStatus === 429) rateLimitWaits++;
			else attempts++;
			const mayRetry =
				isRetryable(failure) &&
				!cancelSignal?.aborted &&
				(failure.httpStatus === 429
					? request.waitOnRateLimit !== false && rateLimitWaits <= MAX_RATE_LIMIT_WAITS
					: attempts < maxAttempts);
			if (!mayRetry) throw toNodeApiError(this, { ...failure, attempts: attempts + rateLimitWaits }, itemIndex);
			// A 429 pauses every item in the governor; other failures back off this item alone.
			if (failure.httpStatus !== 429) await sleep(backoffMs(attempts));
			continue;
		}
		state.governor.finished(response.headers, response.statusCode);
		const body = response.body;
		if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof Buffer) {
			throw toNodeApiError(
				this,
				{
					message: 'Cashfree answered with a body that is not JSON',
					requestId,
					bodyExcerpt: excerpt(body),
					httpStatus: response.statusCode,
				},
				itemIndex,
			);
		}
		return body as IDataObject;
	}
}

/** Operations throw n8n errors already; anything else (a bug) still reaches n8n as one. */
export function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	return error instanceof NodeError
		? error
		: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** The failure details a NodeApiError from cashfreeApiRequest carries; undefined for others. */
export function failureOf(error: unknown): CashfreeFailure | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	return error.context.cashfree as CashfreeFailure | undefined;
}


function excerpt(body: unknown): string {
	const text = typeof body === 'string' ? body : body instanceof Buffer ? body.toString('utf8') : '';
	return text.replace(/\s+/g, ' ').trim().slice(0, 120);
}

function headerValue(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	const value = (headers as Record<string, unknown>)[name];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The request error n8n wraps: its cause holds the network code or Cashfree's answer. */
interface FailedRequest {
	code?: string;
	response?: { status?: number; data?: unknown; headers?: ResponseHeaders };
}

function unwrapRequestError(error: unknown): FailedRequest {
	return ((error as { cause?: unknown }).cause ?? error) as FailedRequest;
}

/**
 * Reads only the parts of n8n's request error that are safe to show: the error n8n wraps
 * also holds the request configuration, and with it the x-client-secret header.
 */
function describeFailure(cause: FailedRequest, requestId: string): CashfreeFailure {
	const response = cause.response;
	if (!response) {
		const networkCode = cause.code ?? 'ERROR';
		return { message: networkCode, networkCode, requestId };
	}
	const httpStatus = response.status;
	const answeredRequestId = headerValue(response.headers, 'x-request-id') || requestId;
	const retry = Number(headerValue(response.headers, 'x-ratelimit-retry'));
	const retryAfterSeconds = Number.isFinite(retry) && retry > 0 ? retry : undefined;
	const replayed = headerValue(response.headers, 'x-idempotency-replayed') === 'true' || undefined;
	const body = response.data;
	if (body && typeof body === 'object' && !Array.isArray(body) && !(body instanceof Buffer)) {
		const { message, code, type } = body as Record<string, unknown>;
		return {
			httpStatus,
			message: typeof message === 'string' && message ? message : `HTTP ${httpStatus}`,
			code: typeof code === 'string' ? code : undefined,
			type: typeof type === 'string' ? type : undefined,
			requestId: answeredRequestId,
			retryAfterSeconds,
			replayed,
		};
	}
	return {
		httpStatus,
		message: `Cashfree answered HTTP ${httpStatus} with a body that is not JSON`,
		requestId: answeredRequestId,
		bodyExcerpt: excerpt(body),
		retryAfterSeconds,
		replayed,
	};
}

/** What a user can do about each kind of failure, in plain words. */
function hintFor(failure: CashfreeFailure): string {
	const status = failure.httpStatus;
	switch (failure.networkCode) {
		case 'ECONNREFUSED':
			return 'Nothing is listening at the credential\'s base URL. Check the environment or Base URL in the Cashfree credential.';
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
			return 'Cashfree did not answer within the timeout. The request may still have been carried out: check the link with Get before retrying, or retry with the same Idempotency Key.';
		case 'ECONNRESET':
		case 'EPIPE':
			return 'The connection closed before Cashfree answered. The request may still have been carried out: check the link with Get before retrying, or retry with the same Idempotency Key.';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'The host name of the credential\'s base URL could not be resolved.';
	}
	if (failure.networkCode) return 'The request did not reach Cashfree.';
	if (failure.bodyExcerpt !== undefined) {
		return 'Something between n8n and Cashfree (a proxy or gateway) answered instead of Cashfree, or the Base URL is wrong.';
	}
	if (status === 401) {
		return 'Cashfree rejected the Client ID or Client Secret. Check both keys, and that they belong to the environment selected in the credential (sandbox keys do not work in production).';
	}
	if (status === 403) return 'These keys are not allowed to use this API. Ask Cashfree to enable it for the account.';
	if (status === 404) {
		return 'Check the link ID, and that the link was created with keys of the environment selected in the credential.';
	}
	if (status === 409) return 'Cashfree reports a conflict with an existing resource.';
	if (status === 422) {
		return 'This idempotency key was already used with a different request. Use a new key for a different request.';
	}
	if (status === 429) {
		const wait = failure.retryAfterSeconds ? `${failure.retryAfterSeconds} seconds` : 'a minute';
		return `Cashfree's rate limit for these keys was reached. Wait ${wait} before retrying, or send fewer requests per minute.`;
	}
	if (status !== undefined && status >= 500) {
		return 'Cashfree is unavailable or failed on its side. The request may or may not have been carried out: check the link with Get, or retry with the same Idempotency Key.';
	}
	return 'Cashfree refused the request as invalid.';
}

function headlineFor(failure: CashfreeFailure): string {
	if (failure.networkCode === 'ECONNREFUSED') return 'Could not connect to Cashfree: connection refused';
	if (failure.networkCode === 'ECONNABORTED' || failure.networkCode === 'ETIMEDOUT') {
		return 'Cashfree did not answer in time';
	}
	if (failure.networkCode === 'ECONNRESET' || failure.networkCode === 'EPIPE') {
		return 'The connection to Cashfree closed before an answer arrived';
	}
	if (failure.networkCode) return `Could not reach Cashfree (${failure.networkCode})`;
	return `Cashfree: ${failure.message}`;
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
	].filter((part) => part !== undefined);
	const description = `${explanation ?? hintFor(failure)}\n${details.join(' · ')}`;
	const error = new NodeApiError(context.getNode(), { ...failure } as JsonObject, {
		message: explanation ? `${headlineFor(failure)}. ${explanation}` : headlineFor(failure),
		description,
		httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
	error.context.cashfree = { ...failure };
	return error;
}
