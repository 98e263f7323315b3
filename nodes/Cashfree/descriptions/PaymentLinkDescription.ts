import type { INodeProperties } from 'n8n-workflow';

import { IDEMPOTENCY_KEY_MAX_LENGTH, OPTION_LIMITS, REQUEST_ID_MAX_LENGTH } from '../requestOptions';

const showForPaymentLink = { resource: ['paymentLink'] };

/**
 * Ten requests in flight hide most of Cashfree's round trip (20 ms nearby, 100-300 ms from
 * abroad): about 6× faster than one at a time at 20 ms, more further away, before the node's
 * own CPU work becomes the limit. The shared rate-limit governor keeps any concurrency within
 * Cashfree's per-minute limit.
 */
export const DEFAULT_CONCURRENCY = OPTION_LIMITS.concurrency.default;

// n8n's lint wants each default written out; a test checks they equal OPTION_LIMITS.
const { timeout, maxAttempts, concurrency, rateLimitWaitBudget } = OPTION_LIMITS;

export const paymentLinkOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForPaymentLink },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description:
					'Cancel an ACTIVE payment link so that no further payments can be made on it. Links that are already cancelled, paid, partially paid or expired cannot be cancelled.',
				action: 'Cancel a payment link',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get the details and current status of a payment link',
				action: 'Get a payment link',
			},
		],
		default: 'cancel',
	},
];

export const paymentLinkFields: INodeProperties[] = [
	{
		displayName: 'Link ID',
		name: 'linkId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'my_link_id',
		description:
			'The link_id you chose when the payment link was created: up to 50 characters, letters, digits, "-" and "_"',
		displayOptions: { show: { ...showForPaymentLink, operation: ['cancel', 'get'] } },
	},
	{
		displayName: 'Additional Options',
		name: 'additionalOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showForPaymentLink },
		options: [
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					`Sent as x-idempotency-key. Cashfree answers a repeated request with the same key with the first result instead of acting twice. Up to ${IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters, different for every item (build it from the item with an expression, e.g. cancel- followed by the link ID). When empty the node derives a key per item and execution, so its own retries are always safe.`,
				displayOptions: { show: { '/operation': ['cancel'] } },
			},
			{
				displayName: 'Items at Once',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: concurrency.min, maxValue: concurrency.max },
				default: 10,
				description:
					'How many items are sent to Cashfree at the same time. Output order and item pairing stay as in the input. Set 1 to send one at a time.',
			},
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: maxAttempts.min, maxValue: maxAttempts.max },
				default: 3,
				description:
					'How many times to try a request that failed in a way that may pass on a second try: Cashfree errors 5xx, timeouts and dropped connections. Rate-limit answers (429) do not count (see Wait Out Rate Limits). Other errors are never retried.',
			},
			{
				displayName: 'Rate Limit Wait Budget (Seconds)',
				name: 'rateLimitWaitBudget',
				type: 'number',
				typeOptions: { minValue: rateLimitWaitBudget.min, maxValue: rateLimitWaitBudget.max },
				default: 600,
				description:
					"The longest time the whole run may spend waiting out Cashfree's rate limit, all pauses together. Once it is spent, the items still waiting fail with the rate-limit error. Raise it for clean-ups of many thousands of links.",
			},
			{
				displayName: 'Request ID',
				name: 'requestId',
				type: 'string',
				default: '',
				description:
					`Sent in the X-Request-ID header, to quote to Cashfree support: up to ${REQUEST_ID_MAX_LENGTH} printable ASCII characters. When empty the node sends one of its own and shows it with any error.`,
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: timeout.min, maxValue: timeout.max },
				default: 30000,
				description:
					'How long each attempt may take, from sending the request to the last byte of the answer, in milliseconds. A timed-out attempt is retried like any timeout (see Max Attempts).',
			},
			{
				displayName: 'Treat Already-Cancelled Links as Success',
				name: 'treatAlreadyCancelledAsSuccess',
				type: 'boolean',
				default: false,
				description:
					'Whether a link that is already CANCELLED outputs its current details (with alreadyCancelled: true) instead of an error, so that re-running a clean-up is harmless. PAID and EXPIRED links still fail.',
				displayOptions: { show: { '/operation': ['cancel'] } },
			},
			{
				displayName: 'Wait Out Rate Limits',
				name: 'waitOnRateLimit',
				type: 'boolean',
				default: true,
				description:
					"Whether to wait the seconds Cashfree names in x-ratelimit-retry when its rate limit is reached, then try again (every item pauses together). Off: the item fails with Cashfree's rate-limit error at once.",
			},
		],
	},
];
