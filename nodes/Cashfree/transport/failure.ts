import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeError, NodeOperationError } from 'n8n-workflow';

import { isRedirectStatus } from './answerText';
import { networkError } from './networkErrors';
import { RunStoppedError } from './runControl';

/** How errors and hints name what a request is about: "Check the order ID, and that the order…". */
export interface ResourceWords {
	/** e.g. "payment link", "order", "refund". */
	noun: string;
	/** The id the user gave, as the editor names it: "link ID", "order ID". */
	idName: string;
	/** What else a 404 can mean for this resource, e.g. that an order has no settlement until it is paid. */
	notFound?: string;
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
	/**
	 * Cashfree's idempotency layer stored this answer under the key (it said
	 * x-idempotency-replayed: false): it keeps 5xx answers too and repeats them for that key.
	 */
	stored?: boolean;
	/** The key a state-changing request was sent with: the one to retry with, or to leave. */
	idempotencyKey?: string;
	/**
	 * A state-changing request whose outcome is not known: it was sent and the answer was lost
	 * (dropped, past its deadline, unreadable) or Cashfree failed on its side (5xx).
	 */
	outcomeUnknown?: boolean;
	/** What a 403 means for the product the request went to (its credential check's words). */
	forbiddenHint?: string;
	attempts?: number;
	/**
	 * Of `attempts`, those Cashfree did not turn away for its rate limit (this one included).
	 * A 429 is never carried out, so only more than one of these means an earlier attempt of
	 * this very request may have been: `attempts` alone would count rate-limit waits too.
	 */
	attemptsPastRateLimit?: number;
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

/** The execution was cancelled by the user: nothing more is sent, and no error is worth showing. */
export class ExecutionCancelledError extends NodeOperationError {}

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

/**
 * Whether an earlier attempt of this request (same idempotency key) got past Cashfree's rate
 * limit and may have been carried out: a 409 after it is then that attempt's own object.
 */
export function earlierAttemptMayHaveBeenCarriedOut(failure: CashfreeFailure): boolean {
	return (failure.attemptsPastRateLimit ?? 1) > 1;
}

/** The failure details a NodeApiError from the client carries; undefined for others. */
export function failureOf(error: unknown): CashfreeFailure | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	return error.context.cashfree as CashfreeFailure | undefined;
}

/** What a user can do about a refusal with an HTTP status, in plain words. */
function statusHint(failure: CashfreeFailure, about: ResourceWords, sameKey: string): string {
	const status = failure.httpStatus;
	if (status === 401) {
		return 'Cashfree rejected the Client ID or Client Secret. Check both keys, and that they belong to the environment selected in the credential (sandbox keys do not work in production).';
	}
	if (status === 403)
		return (
			failure.forbiddenHint ??
			'Cashfree refused these keys here: the API may not be enabled for the account (ask Cashfree).'
		);
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
	if (status !== undefined && status >= 500 && (failure.stored || failure.replayed)) {
		// Cashfree documents that its idempotency keeps the first answer for a key, 5xx included:
		// the same key only brings the same failure back.
		return `Cashfree failed on its side and keeps this answer under the idempotency key ${failure.idempotencyKey ?? ''}: sending that key again (the node's retries, n8n's Retry On Fail) only repeats it. The request may or may not have been carried out: check the ${about.noun} with Get; if it is not there, run the item again with a new Idempotency Key (a new execution derives a new one).`;
	}
	if (status !== undefined && status >= 500) {
		return `Cashfree is unavailable or failed on its side. The request may or may not have been carried out: check the ${about.noun} with Get, or ${sameKey}.`;
	}
	return 'Cashfree refused the request as invalid.';
}

/** What a user can do about each kind of failure, in plain words. */
function hintFor(failure: CashfreeFailure): string {
	const about = failure.about ?? { noun: 'resource', idName: 'ID' };
	const sameKey = failure.idempotencyKey
		? `retry with the same Idempotency Key (${failure.idempotencyKey}, in Additional Options)`
		: 'retry';
	const mayHaveHappened = `The request may still have been carried out: check the ${about.noun} with Get before retrying, or ${sameKey}.`;
	if (failure.answerLimit !== undefined) {
		return "No Cashfree answer comes near this size, so the rest was not read. Check that the Base URL points at Cashfree's API, not at a file or another service.";
	}
	if (isRedirectStatus(failure.httpStatus)) {
		return 'The node never follows a redirect: the Client Secret would go to wherever it points, and a cancel would arrive as a GET. Nothing was carried out.';
	}
	if (failure.deadlineMs !== undefined) {
		return `The whole answer did not arrive within the timeout (${failure.deadlineMs} ms). ${mayHaveHappened}`;
	}
	if (failure.networkCode) return networkError(failure.networkCode).hint(mayHaveHappened);
	if (failure.bodyExcerpt !== undefined) {
		return 'Something between n8n and Cashfree (a proxy or gateway) answered instead of Cashfree, or the Base URL is wrong.';
	}
	return statusHint(failure, about, sameKey);
}

function headlineFor(failure: CashfreeFailure): string {
	if (failure.answerLimit !== undefined)
		return `Cashfree's answer is too large: ${failure.message}`;
	if (failure.networkCode) return networkError(failure.networkCode).headline(failure.networkCode);
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
		failure.idempotencyKey ? `idempotency key: ${failure.idempotencyKey}` : undefined,
		failure.outcomeUnknown ? 'outcome: unknown (may have been carried out)' : undefined,
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
