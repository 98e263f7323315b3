/**
 * The limits of the request options every operation shares, used by the fields the editor
 * shows and by the checks run on every item: an expression can produce any value, so the
 * editor's limits alone protect nothing (Timeout -5 once crashed outside the node, Max
 * Attempts 1e9 retried a 503 forever). They live with the transport, which applies them.
 */
export const OPTION_LIMITS = {
	timeout: { min: 1000, max: 300000, default: 30000 },
	maxAttempts: { min: 1, max: 10, default: 3 },
	concurrency: { min: 1, max: 50, default: 10 },
	rateLimitWaitBudget: { min: 0, max: 3600, default: 600 },
} as const;

/**
 * Cashfree types x-idempotency-key as a string in UUID format (36 characters; OpenAPI
 * `xIdempotencyKeyHeader`, and "string(uuid)" on its API resources page) while its header
 * example is "some-idem-id", so it takes other strings too. 64 leaves room for keys like
 * `cancel-<link id>` and stays far below header limits; a 16 KB key once failed only when
 * sent (431), after five links had been cancelled.
 */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 64;

/**
 * Cashfree documents x-request-id as a free string that it tags the request with and echoes
 * back, with no length. 128 fits any UUID- or ticket-style id; a 1 MB value was once copied
 * whole into an error.
 */
export const REQUEST_ID_MAX_LENGTH = 128;

/**
 * Ten requests in flight hide most of Cashfree's round trip (20 ms nearby, 100-300 ms from
 * abroad): about 6× faster than one at a time at 20 ms, more further away, before the node's
 * own CPU work becomes the limit. The shared rate-limit governor keeps any concurrency within
 * Cashfree's per-minute limit.
 */
export const DEFAULT_CONCURRENCY = OPTION_LIMITS.concurrency.default;

/**
 * When Items at Once is not set, a run starts at the default and, after each answer, lets as
 * many more requests into flight as Cashfree shows room for (the governor keeps half of
 * x-ratelimit-remaining; no 429 this run), up to `max`: n8n's HTTP Request node sends every
 * item at once, and a bulk run should not be slower than it. 100 is twice what Items at Once
 * may be set to, and a sixth of Cashfree's 600 requests a minute.
 */
export const AUTO_CONCURRENCY = {
	start: OPTION_LIMITS.concurrency.default,
	max: 100,
} as const;
export const DEFAULT_TIMEOUT_MS = OPTION_LIMITS.timeout.default;
export const DEFAULT_MAX_ATTEMPTS = OPTION_LIMITS.maxAttempts.default;
