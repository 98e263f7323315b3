import type { ICredentialsDecrypted, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import {
	bodyReadFailure,
	describeRefusal,
	isSuccessStatus,
	unansweredFailure,
	type RawAnswer,
} from './answer';
import { MAX_ANSWER_BYTES, readAnswerBody, type AnswerBody } from './answerBody';
import type { ResponseHeaders } from './answerText';
import { ExecutionCancelledError, type CashfreeFailure } from './failure';

/** One try of a request: the whole answer, or what went wrong, never an exception for Cashfree's answers. */
export type Attempt =
	| { ok: true; body: AnswerBody; answer: RawAnswer }
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
	const { timeout, requestId, secrets, itemIndex } = settings;
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
		return failed(await describeRefusal(answer, requestId, secrets, signal), answer.headers);
	}
	try {
		const body = await readAnswerBody(answer.body, answer.headers, {
			limit: MAX_ANSWER_BYTES,
			overLimit: 'fail',
			signal,
		});
		return { ok: true, body, answer };
	} catch (error) {
		return failed(bodyReadFailure(error, answer, requestId, secrets), answer.headers);
	}
}
