import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import {
	AnswerTooLargeError,
	discardAnswerBody,
	MAX_ANSWER_BYTES,
	MAX_ERROR_ANSWER_BYTES,
	readAnswerBody,
	type AnswerBody,
	type AnswerBound,
} from './answerBody';
import {
	headerText,
	isRedirectStatus,
	redactSecrets,
	redirectProblem,
	safeAnswerText,
	type ResponseHeaders,
} from './answerText';
import { ExecutionCancelledError, type CashfreeFailure } from './failure';
import { rateLimitPauseSeconds } from './rateLimit';

/**
 * One try of a request: n8n's request helper with the product's credential, the whole answer
 * read within its deadline, and the answer read as a result in the shape the call documents,
 * or as a failure with Cashfree's words, cleaned of the secret.
 */

/** What the transport reads an answer as: the JSON a call documents. */
export type AnswerShape = 'object' | 'list';

/** An answer as n8n's request helper returns it with `returnFullResponse`. */
export interface RawAnswer {
	body?: unknown;
	headers?: ResponseHeaders;
	statusCode?: number;
}

function isSuccessStatus(status: number | undefined): boolean {
	return status !== undefined && status >= 200 && status < 300;
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
		body.kind === 'json' ? JSON.stringify(body.value) : body.start,
		secrets,
		120,
	);
}

/** What is wrong with an answer past a bound: "is nested more than 64 levels deep", … */
function pastBound({ bound, limit }: AnswerBound): string {
	if (bound === 'depth') return `is nested more than ${limit} levels deep`;
	if (bound === 'entries') return `has a list of more than ${limit} entries`;
	return `has more than ${limit} values`;
}

/** What a success answer's JSON is instead of the shape the call documents. */
function unexpectedJson(body: AnswerBody, shape: AnswerShape): string {
	if (body.kind === 'text') return 'Cashfree answered with a body that is not JSON';
	if (body.kind === 'overBounds') return `Cashfree's answer ${pastBound(body)}`;
	return `Cashfree answered with JSON that is not ${shape === 'list' ? 'a list of objects' : 'an object'}`;
}

/**
 * A success answer in the shape the call documents (an object, or a list of objects), with
 * any echo of the secret taken out; or why it is not one.
 */
function successBody(
	body: AnswerBody,
	answer: RawAnswer,
	shape: AnswerShape,
	requestId: string,
	secrets: string[],
): { json: IDataObject | IDataObject[] } | { failure: CashfreeFailure } {
	const value = body.kind === 'json' ? body.value : undefined;
	const expected =
		shape === 'list' ? Array.isArray(value) && value.every(isJsonObject) : isJsonObject(value);
	if (!expected) {
		return {
			failure: {
				message: unexpectedJson(body, shape),
				requestId: answerRequestId(answer.headers, secrets, requestId),
				bodyExcerpt: bodyExcerpt(body, secrets),
				httpStatus: answer.statusCode,
			},
		};
	}
	return { json: redactSecrets(value, secrets) as IDataObject | IDataObject[] };
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
	answer: RawAnswer,
	requestId: string,
	secrets: string[],
	signal: AbortSignal,
): Promise<CashfreeFailure> {
	const { statusCode: httpStatus, headers } = answer;
	const common = {
		httpStatus,
		requestId: answerRequestId(headers, secrets, requestId),
		replayed: headerText(headers, 'x-idempotency-replayed') === 'true' || undefined,
		stored: headerText(headers, 'x-idempotency-replayed') === 'false' || undefined,
		retryAfterSeconds: httpStatus === 429 ? rateLimitPauseSeconds(headers) : undefined,
	};
	if (isRedirectStatus(httpStatus)) {
		discardAnswerBody(answer.body);
		const location = headerText(headers, 'location');
		return {
			...common,
			message: redirectProblem(httpStatus, location, secrets),
			redirectLocation: location ? safeAnswerText(location, secrets, 200) : undefined,
		};
	}
	let body: AnswerBody;
	try {
		body = await readAnswerBody(answer.body, headers, {
			limit: MAX_ERROR_ANSWER_BYTES,
			overLimit: 'excerpt',
			signal,
		});
	} catch {
		// The status still says what happened; the deadline, if it passed, is reported by the caller.
		body = { kind: 'text', start: '' };
	}
	if (body.kind === 'json' && isJsonObject(body.value)) {
		const { message, code, type } = body.value;
		return {
			...common,
			message: safeAnswerText(message, secrets) || `HTTP ${httpStatus}`,
			code: safeAnswerText(code, secrets, 100) || undefined,
			type: safeAnswerText(type, secrets, 100) || undefined,
		};
	}
	return {
		...common,
		message: `Cashfree answered HTTP ${httpStatus} with ${body.kind === 'overBounds' ? `JSON that ${pastBound(body)}` : 'a body that is not JSON'}`,
		bodyExcerpt: bodyExcerpt(body, secrets),
	};
}

/** A success status whose body could not be read: too large, cut short, or past the deadline. */
function bodyReadFailure(
	error: unknown,
	answer: RawAnswer,
	requestId: string,
	secrets: string[],
): CashfreeFailure {
	const common = {
		httpStatus: answer.statusCode,
		requestId: answerRequestId(answer.headers, secrets, requestId),
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

/** One try of a request: the whole answer, or what went wrong, never an exception for Cashfree's answers. */
export type Attempt =
	| { ok: true; json: IDataObject | IDataObject[]; headers?: ResponseHeaders; statusCode?: number }
	| { ok: false; failure: CashfreeFailure; headers?: ResponseHeaders };

/** What one try needs besides the request itself. */
export interface AttemptSettings {
	credentialType: string;
	credentialsDecrypted: ICredentialsDecrypted;
	/** A deadline for the whole answer, headers and body. */
	timeout: number;
	requestId: string;
	secrets: string[];
	itemIndex: number;
	shape: AnswerShape;
}

export function anySignal(
	first: AbortSignal,
	...others: Array<AbortSignal | undefined>
): AbortSignal {
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

/**
 * One request and its whole answer, within its deadline, through n8n's request helper with
 * the product's credential (n8n adds its `authenticate` headers). Throws only when the user
 * cancelled the execution.
 */
export async function sendOnce(
	context: IExecuteFunctions,
	options: IHttpRequestOptions,
	settings: AttemptSettings,
): Promise<Attempt> {
	const { timeout, requestId, secrets, itemIndex, shape } = settings;
	const deadline = AbortSignal.timeout(timeout);
	const cancelSignal = context.getExecutionCancelSignal?.();
	const signal = anySignal(deadline, cancelSignal);
	const failed = (failure: CashfreeFailure, answer?: RawAnswer): Attempt => {
		const headers = answer?.headers;
		if (cancelSignal?.aborted) {
			throw new ExecutionCancelledError(context.getNode(), 'The execution was cancelled', {
				itemIndex,
			});
		}
		if (deadline.aborted) {
			const timedOut = { networkCode: 'ETIMEDOUT', message: 'ETIMEDOUT', deadlineMs: timeout };
			return { ok: false, headers, failure: { ...failure, ...timedOut } };
		}
		return { ok: false, failure, headers };
	};
	let answer: RawAnswer;
	try {
		answer = await context.helpers.httpRequestWithAuthentication.call(
			withCancelSignal(context, signal),
			settings.credentialType,
			{ ...options, abortSignal: signal },
			{ credentialsDecrypted: settings.credentialsDecrypted },
		);
	} catch (error) {
		// No answer came (every answer comes back, ignoreHttpStatusErrors): the network failed,
		// the deadline passed or the run was cancelled.
		return failed(unansweredFailure(error, requestId, secrets));
	}
	if (!isSuccessStatus(answer.statusCode)) {
		return failed(await describeRefusal(answer, requestId, secrets, signal), answer);
	}
	try {
		const body = await readAnswerBody(answer.body, answer.headers, {
			limit: MAX_ANSWER_BYTES,
			overLimit: 'fail',
			signal,
		});
		const outcome = successBody(body, answer, shape, requestId, secrets);
		if ('failure' in outcome) return failed(outcome.failure, answer);
		return { ok: true, json: outcome.json, headers: answer.headers, statusCode: answer.statusCode };
	} catch (error) {
		return failed(bodyReadFailure(error, answer, requestId, secrets), answer);
	}
}
