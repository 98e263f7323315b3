import type { INodeProperties } from 'n8n-workflow';

import { IDEMPOTENCY_KEY_MAX_LENGTH, OPTION_LIMITS, REQUEST_ID_MAX_LENGTH } from '../../transport';

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
		"How many items are sent to Cashfree at the same time. Output order and item pairing stay as in the input. Set 1 to send one at a time. When this option is not added, the node starts at 10 and raises it, up to 100, as far as Cashfree's rate-limit headers show room.",
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
