/**
 * The one table of network failures (no answer at all), for the node's errors and retries and
 * for the credential's Test button: each kind says whether a second try may pass and how the
 * node and the Test word it. Only the error's code is read; the rest of n8n's error holds the
 * request, and with it the x-client-secret header.
 */
export type NetworkErrorKind = 'refused' | 'timeout' | 'closed' | 'dns' | 'tls' | 'other';

const KIND_BY_CODE = new Map<string, NetworkErrorKind>([
	['ECONNREFUSED', 'refused'],
	['ECONNABORTED', 'timeout'],
	['ETIMEDOUT', 'timeout'],
	['ECONNRESET', 'closed'],
	['EPIPE', 'closed'],
	['ENOTFOUND', 'dns'],
	['EAI_AGAIN', 'dns'],
]);

export function networkErrorKind(code: string): NetworkErrorKind {
	const kind = KIND_BY_CODE.get(code);
	if (kind) return kind;
	if (code.includes('CERT') || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))
		return 'tls';
	return 'other';
}

/** What the Test button knows when it words a failure. */
export interface TestContext {
	code: string;
	/** The Test's deadline, in seconds, as text. */
	seconds: string;
	/** The error's own message, cleaned of the secret; may be empty. */
	detail: string;
	checkBaseUrl: string;
}

interface NetworkErrorWords {
	/** A second try may pass: the node retries it (with the same idempotency key). */
	retryable: boolean;
	/** The request may have reached Cashfree and been carried out, though no answer came back. */
	mayHaveArrived: boolean;
	headline(code: string): string;
	/** `mayHaveHappened` is what to check when a request may have been carried out. */
	hint(mayHaveHappened: string): string;
	testProblem(test: TestContext): string;
}

const unreachable = (test: TestContext): string => {
	const what = [test.code, test.detail].filter(Boolean).join(': ');
	return `Could not reach the base URL${what ? ` (${what})` : ''}. ${test.checkBaseUrl}`;
};

export const NETWORK_ERRORS: Readonly<Record<NetworkErrorKind, NetworkErrorWords>> = {
	refused: {
		retryable: true,
		mayHaveArrived: false,
		headline: () => 'Could not connect to Cashfree: connection refused',
		hint: () =>
			"Nothing is listening at the credential's base URL. Check the environment or Base URL in the Cashfree credential.",
		testProblem: ({ checkBaseUrl }) =>
			`Could not connect to the base URL: connection refused (ECONNREFUSED). ${checkBaseUrl}`,
	},
	timeout: {
		retryable: true,
		mayHaveArrived: true,
		headline: () => 'Cashfree did not answer in time',
		hint: (mayHaveHappened) => `Cashfree did not answer within the timeout. ${mayHaveHappened}`,
		testProblem: ({ code, seconds, checkBaseUrl }) =>
			`The base URL did not answer within ${seconds} seconds (${code}). ${checkBaseUrl}`,
	},
	closed: {
		retryable: true,
		mayHaveArrived: true,
		headline: () => 'The connection to Cashfree closed before an answer arrived',
		hint: (mayHaveHappened) => `The connection closed before Cashfree answered. ${mayHaveHappened}`,
		testProblem: ({ code, checkBaseUrl }) =>
			`The connection to the base URL closed before an answer arrived (${code}). ${checkBaseUrl}`,
	},
	dns: {
		retryable: false,
		mayHaveArrived: false,
		headline: (code) => `Could not reach Cashfree (${code})`,
		hint: () => "The host name of the credential's base URL could not be resolved.",
		testProblem: ({ code }) =>
			`The host name of the base URL could not be resolved (${code}). Check Base URL, and that n8n can reach it.`,
	},
	tls: {
		retryable: false,
		mayHaveArrived: false,
		headline: (code) => `Could not reach Cashfree (${code})`,
		hint: () => 'The request did not reach Cashfree.',
		testProblem: ({ code, detail }) =>
			`The TLS certificate of the base URL was not accepted (${code}${detail ? `: ${detail}` : ''}).`,
	},
	other: {
		retryable: false,
		mayHaveArrived: true,
		headline: (code) => `Could not reach Cashfree (${code})`,
		hint: () => 'The request did not reach Cashfree.',
		testProblem: unreachable,
	},
};

export function networkError(code: string): NetworkErrorWords {
	return NETWORK_ERRORS[networkErrorKind(code)];
}
