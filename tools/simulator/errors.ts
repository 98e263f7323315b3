import type { ErrorBody, ErrorType } from './types';

/**
 * A finished answer. The body is kept as text so that an idempotent replay resends
 * exactly the bytes of the first answer, as Cashfree promises.
 */
export interface Reply {
	status: number;
	body: string;
	contentType?: string;
}

/** Thrown by request handling to stop and answer with `reply`; the server turns it into the response. */
export class RequestRejected extends Error {
	constructor(readonly reply: Reply) {
		super(`request rejected with status ${reply.status}`);
	}
}

export function jsonReply(status: number, value: unknown): Reply {
	return { status, body: JSON.stringify(value) };
}

/** The error `type` Cashfree's documents give for each status code. */
function errorTypeForStatus(status: number): ErrorType {
	if (status === 401) return 'authentication_error';
	if (status === 422) return 'idempotency_error';
	if (status === 429) return 'rate_limit_error';
	if (status >= 500) return 'api_error';
	return 'invalid_request_error';
}

export function errorBody(status: number, code: string, message: string): ErrorBody {
	return { message, code, type: errorTypeForStatus(status) };
}

export function errorReply(status: number, code: string, message: string): Reply {
	return jsonReply(status, errorBody(status, code, message));
}

/** What an injected `status` fault answers when the test gives no body of its own. */
export function defaultErrorBodyForStatus(status: number): ErrorBody {
	switch (status) {
		case 500:
			return errorBody(status, 'internal_error', 'internal server error, please retry later');
		case 502:
			return errorBody(
				status,
				'bank_processing_failure',
				'the partner bank could not process the request',
			);
		case 503:
			return errorBody(
				status,
				'service_unavailable',
				'service temporarily unavailable, please retry later',
			);
		case 504:
			return errorBody(status, 'gateway_timeout', 'upstream timed out, please retry later');
		default:
			return errorBody(status, 'request_failed', `request failed with status ${status}`);
	}
}

export const DEFAULT_GATEWAY_PAGE =
	'<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

export function validationError(
	field: string,
	problem: 'missing' | 'invalid',
	explanation: string,
): Reply {
	return errorReply(400, `${field}_${problem}`, `${field} : ${explanation}`);
}

export const errors = {
	badUrl: (): Reply =>
		errorReply(
			404,
			'url_not_found',
			'no API exists at this URL; check the path against the API documentation',
		),
	methodNotAllowed: (allowed: string): Reply =>
		errorReply(405, 'method_not_allowed', `this URL only accepts ${allowed} requests`),
	authenticationFailed: (): Reply =>
		errorReply(
			401,
			'request_failed',
			'authentication failed: x-client-id or x-client-secret is missing or wrong',
		),
	apiVersionMissing: (): Reply =>
		errorReply(400, 'api_version_missing', 'x-api-version : header is missing in the request'),
	apiVersionUnsupported: (version: string, supported: readonly string[]): Reply =>
		errorReply(
			400,
			'api_version_invalid',
			`x-api-version : version ${JSON.stringify(version)} is not supported; use one of ${supported.join(', ')}`,
		),
	rateLimited: (): Reply =>
		errorReply(
			429,
			'request_failed',
			'too many requests for this app id; see the x-ratelimit-* headers',
		),
	idempotencyConflict: (): Reply =>
		errorReply(
			422,
			'request_invalid',
			'x-idempotency-key was already used with a different request; use a new key for a new request',
		),
	invalidJson: (): Reply =>
		errorReply(400, 'request_failed', 'request body is not a valid JSON object'),
	linkNotFound: (): Reply =>
		errorReply(404, 'link_not_found', 'no payment link exists with this link_id'),
	linkAlreadyExists: (): Reply =>
		errorReply(409, 'link_already_exists', 'a payment link with this link_id already exists'),
	linkNotActive: (): Reply =>
		errorReply(
			400,
			'link_not_active',
			'the payment link cannot be cancelled because it is not active',
		),
	linkNotPayable: (): Reply =>
		errorReply(
			400,
			'link_not_active',
			'the payment link cannot be paid because it is neither active nor partly paid',
		),
	orderStatusInvalid: (): Reply =>
		validationError('status', 'invalid', 'should be one of ALL, PAID'),
	orderNotFound: (): Reply => notFound('order', 'order_id'),
	orderAlreadyExists: (): Reply =>
		errorReply(409, 'order_already_exists', 'an order with this order_id already exists'),
	orderNotActive: (): Reply =>
		errorReply(400, 'order_not_active', 'the order cannot be terminated because it is not active'),
	orderNotPayable: (): Reply =>
		errorReply(
			400,
			'order_not_active',
			'the order is not active, so no payment on it can complete',
		),
	orderNotPaid: (): Reply => errorReply(400, 'order_not_paid', 'only a paid order can be refunded'),
	paymentNotFound: (): Reply => notFound('payment', 'cf_payment_id'),
	paymentNotPending: (): Reply =>
		errorReply(
			400,
			'payment_not_pending',
			'only a pending payment can be simulated; this one has already finished',
		),
	refundNotFound: (): Reply => notFound('refund', 'refund_id'),
	refundAlreadyExists: (): Reply =>
		errorReply(
			409,
			'refund_already_exists',
			'a refund with this refund_id already exists for this order',
		),
	settlementNotFound: (): Reply =>
		errorReply(
			404,
			'settlement_not_found',
			'this order has no settlement; only paid orders are settled',
		),
	disputeNotFound: (): Reply => notFound('dispute', 'dispute_id'),
	disputeNotAcceptable: (): Reply =>
		errorReply(
			400,
			'dispute_not_acceptable',
			"the dispute can only be accepted while it awaits the merchant's action",
		),
	simulationNotFound: (): Reply => notFound('simulation', 'simulation_id'),
	internal: (): Reply => jsonReply(500, defaultErrorBodyForStatus(500)),
};

/** Cashfree's 404 for an id that names nothing: `<entity>_not_found`. */
function notFound(entity: string, idField: string): Reply {
	return errorReply(404, `${entity}_not_found`, `no ${entity} exists with this ${idField}`);
}

/**
 * Runs a seeding or paying method for a test and hands out a copy of its result, so assertions
 * cannot change state; what the API would refuse becomes an Error naming Cashfree's code.
 */
export function directly<T>(action: () => T): T {
	try {
		return structuredClone(action());
	} catch (error) {
		if (!(error instanceof RequestRejected)) throw error;
		const { code, message } = JSON.parse(error.reply.body) as ErrorBody;
		throw new Error(`${code}: ${message}`);
	}
}

/** The value, or the request stops with `error`: the one way every store answers "no such thing". */
export function orReject<T>(value: T | undefined, error: () => Reply): T {
	if (value === undefined) throw new RequestRejected(error());
	return value;
}
