/**
 * The transport: everything between an operation and n8n's request helper, for every Cashfree
 * product. Operations and the node classes import from here only; nothing in this folder
 * imports from `actions/` (test/transport/import-direction.test.ts checks both).
 */
export { API_VERSIONS, isApiVersion, versionAtLeast, type ApiVersion } from './apiVersion';
export { safeAnswerText } from './answerText';
export {
	createCashfreeClient,
	type CallSettings,
	type CashfreeCall,
	type CashfreeClient,
	type RunSettings,
} from './client';
export { cashfreeApiCredentialTest, cashfreePayoutsApiCredentialTest } from './credentialTest';
export {
	asNodeError,
	failureOf,
	toNodeApiError,
	earlierAttemptMayHaveBeenCarriedOut,
	type CashfreeFailure,
	type ResourceWords,
} from './failure';
export {
	AUTO_CONCURRENCY,
	DEFAULT_CONCURRENCY,
	IDEMPOTENCY_KEY_MAX_LENGTH,
	OPTION_LIMITS,
	REQUEST_ID_MAX_LENGTH,
} from './limits';
export { paymentGateway, payouts, type CashfreeProduct } from './product';
export { RunStoppedError } from './runControl';
