import type { INodeProperties } from 'n8n-workflow';

/**
 * The limits of the request options every operation shares, used by the fields the editor
 * shows and by the checks run on every item: an expression can produce any value, so the
 * editor's limits alone protect nothing (Timeout -5 once crashed outside the node, Max
 * Attempts 1e9 retried a 503 forever).
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

// n8n's lint wants each default written out; a test checks they equal OPTION_LIMITS.
const { timeout, maxAttempts, concurrency, rateLimitWaitBudget } = OPTION_LIMITS;

const idempotencyKey: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description: `Sent as x-idempotency-key. Cashfree answers a repeated request with the same key with the first result instead of acting twice. Up to ${IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters, different for every item (build it from the item with an expression, e.g. cancel- followed by the ID). When empty the node derives a key per item and execution, so its own retries are always safe.`,
};

const itemsAtOnce: INodeProperties = {
	displayName: 'Items at Once',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: concurrency.min, maxValue: concurrency.max },
	default: 10,
	description:
		'How many items are sent to Cashfree at the same time. Output order and item pairing stay as in the input. Set 1 to send one at a time.',
};

const maxAttemptsOption: INodeProperties = {
	displayName: 'Max Attempts',
	name: 'maxAttempts',
	type: 'number',
	typeOptions: { minValue: maxAttempts.min, maxValue: maxAttempts.max },
	default: 3,
	description:
		'How many times to try a request that failed in a way that may pass on a second try: Cashfree errors 5xx, timeouts and dropped connections. Rate-limit answers (429) do not count (see Wait Out Rate Limits). Other errors are never retried.',
};

const rateLimitWaitBudgetOption: INodeProperties = {
	displayName: 'Rate Limit Wait Budget (Seconds)',
	name: 'rateLimitWaitBudget',
	type: 'number',
	typeOptions: { minValue: rateLimitWaitBudget.min, maxValue: rateLimitWaitBudget.max },
	default: 600,
	description:
		"The longest time the whole run may spend waiting out Cashfree's rate limit, all pauses together. Once it is spent, the items still waiting fail with the rate-limit error. Raise it for runs of many thousands of items.",
};

const requestId: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	default: '',
	description: `Sent in the X-Request-ID header, to quote to Cashfree support: up to ${REQUEST_ID_MAX_LENGTH} printable ASCII characters. When empty the node sends one of its own and shows it with any error.`,
};

const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Ms)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: timeout.min, maxValue: timeout.max },
	default: 30000,
	description:
		'How long each attempt may take, from sending the request to the last byte of the answer, in milliseconds. A timed-out attempt is retried like any timeout (see Max Attempts).',
};

const waitOnRateLimit: INodeProperties = {
	displayName: 'Wait Out Rate Limits',
	name: 'waitOnRateLimit',
	type: 'boolean',
	default: true,
	description:
		"Whether to wait the seconds Cashfree names in x-ratelimit-retry when its rate limit is reached, then try again (every item pauses together). Off: the item fails with Cashfree's rate-limit error at once.",
};

/** Every shared option, by parameter name; the option readers take their display names from here. */
export const SHARED_OPTIONS: readonly INodeProperties[] = [
	idempotencyKey,
	itemsAtOnce,
	maxAttemptsOption,
	rateLimitWaitBudgetOption,
	requestId,
	timeoutOption,
	waitOnRateLimit,
];

/**
 * The Additional Options collection of one operation: the shared options (the Idempotency Key
 * only where the operation changes something at Cashfree) and the operation's own, sorted by
 * name as n8n's editor lists them. Every operation keeps the parameter name
 * `additionalOptions`, so workflows saved with it keep their values.
 */
export function additionalOptions({
	changesState,
	own = [],
}: {
	changesState: boolean;
	own?: INodeProperties[];
}): INodeProperties {
	const shared = changesState
		? SHARED_OPTIONS
		: SHARED_OPTIONS.filter((option) => option !== idempotencyKey);
	return {
		displayName: 'Additional Options',
		name: 'additionalOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...shared, ...own].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
