import http from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	expectCashfreeError,
	runCashfree,
	startHarness,
	useHarness,
	type RecordedApiError,
} from '../helpers/harness';

const harness = useHarness();

async function cancelExpectingError(
	linkId: string,
	options: Parameters<typeof runCashfree>[2] = {},
) {
	const { error, items } = await runCashfree(harness, [linkId], options);
	expect(items).toEqual([]);
	expect(error).toBeDefined();
	return error as RecordedApiError;
}

describe("Cashfree errors reach the user as NodeApiError with Cashfree's details", () => {
	it("404: an unknown link names Cashfree's message, code, type, status and request id", async () => {
		const error = await cancelExpectingError('no_such_link', {
			parameters: { additionalOptions: { requestId: 'support-ticket-42' } },
		});

		expectCashfreeError(harness, error, {
			status: 404,
			code: 'link_not_found',
			message: 'no payment link exists with this link_id',
		});
		expect(error.context.cashfree?.requestId).toBe('support-ticket-42');
		expect(error.description).toMatch(/Check the link ID/);
		expect(error.description).toMatch(
			/HTTP status: 404 · code: link_not_found · type: invalid_request_error · x-request-id: support-ticket-42/,
		);
		expect(error.context.itemIndex).toBe(0);
	});

	it.each([
		['CANCELLED', 'is already CANCELLED'],
		['PAID', 'is PAID'],
		['PARTIALLY_PAID', 'is PARTIALLY_PAID (a payment was made on it)'],
		['EXPIRED', 'has EXPIRED'],
	] as const)(
		'a link in status %s is not cancellable, and the message says which status',
		async (status, explanation) => {
			harness.simulator.seedLink({ link_id: 'settled_link', link_status: status });

			const error = await cancelExpectingError('settled_link');

			expectCashfreeError(harness, error, {
				status: 400,
				code: 'link_not_active',
				message: `the payment link cannot be cancelled because it is not active. Payment link "settled_link" ${explanation}; only ACTIVE links can be cancelled`,
			});
			expect(harness.simulator.getLink('settled_link')?.link_status).toBe(status);
		},
	);

	it('an ACTIVE link past its expiry time reads as EXPIRED and is refused as such', async () => {
		harness.simulator.seedLink({
			link_id: 'old_link',
			link_expiry_time: '2024-01-01T00:00:00+05:30',
		});

		const error = await cancelExpectingError('old_link');

		expect(error.message).toMatch(/has EXPIRED/);
	});

	it('401: wrong keys say the client id or secret was rejected', async () => {
		harness.simulator.seedLink({ link_id: 'any_link' });
		const credentials = await harness.credential({ clientSecret: 'cfsk_wrong_secret_value' });

		const error = await cancelExpectingError('any_link', { credentials });

		expectCashfreeError(harness, error, {
			status: 401,
			code: 'request_failed',
			message: 'authentication failed: x-client-id or x-client-secret is missing or wrong',
			type: 'authentication_error',
		});
		expect(error.description).toMatch(/rejected the Client ID or Client Secret/);
		expect(harness.simulator.getLink('any_link')?.link_status).toBe('ACTIVE');
		// Sent once: n8n-core repeats a request after a 401 only when its helper throws for the
		// status, which ignoreHttpStatusErrors turns off.
		expect(harness.simulator.requests.map((request) => request.url)).toEqual([
			'/pg/links/any_link/cancel',
		]);
	});

	it("403: the hint is the Payment Gateway's (ask Cashfree to enable the API), not the Payouts second factor", async () => {
		harness.simulator.seedLink({ link_id: 'any_link' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 403 },
			pathIncludes: '/cancel',
		});

		const error = await cancelExpectingError('any_link');

		expect(error.httpCode).toBe('403');
		expect(error.description).toContain(
			'These keys are not allowed to use this API. Ask Cashfree to enable it for the account.',
		);
		expect(error.description).not.toMatch(/second factor|Public Key/);
	});

	it('429 with Wait Out Rate Limits off: says how long to wait, from x-ratelimit-retry', async () => {
		const limited = await startHarness({ rateLimitPerWindow: 1, rateLimitWindowMs: 30_000 });
		try {
			limited.simulator.seedLink({ link_id: 'first' });
			limited.simulator.seedLink({ link_id: 'second' });

			const { error, items } = await runCashfree(limited, ['first', 'second'], {
				parameters: { additionalOptions: { waitOnRateLimit: false } },
			});

			expect(items).toEqual([]);
			const apiError = expectCashfreeError(limited, error, {
				status: 429,
				code: 'request_failed',
				message:
					'too many requests for this app id; see the x-ratelimit-* headers. 1 other link was cancelled before the run stopped: first.',
				type: 'rate_limit_error',
			});
			expect(apiError.context.itemIndex).toBe(1);
			expect(apiError.context.cashfree?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
			expect(apiError.description).toMatch(
				/rate limit for these keys was reached\. Wait \d+ seconds/,
			);
			expect(limited.simulator.getLink('first')?.link_status).toBe('CANCELLED');
			expect(limited.simulator.getLink('second')?.link_status).toBe('ACTIVE');
		} finally {
			await limited.stop();
		}
	});

	it.each([
		[500, 'internal_error', 'internal server error, please retry later'],
		[502, 'bank_processing_failure', 'the partner bank could not process the request'],
		[503, 'service_unavailable', 'service temporarily unavailable, please retry later'],
	])(
		'%s: Cashfree unavailable is reported with its status and a safe next step, after 3 attempts',
		async (status, code, message) => {
			harness.simulator.seedLink({ link_id: 'flaky_link' });
			harness.simulator.injectFault({
				fault: { kind: 'status', status },
				pathIncludes: '/cancel',
				times: Infinity,
			});

			const error = await cancelExpectingError('flaky_link');

			expectCashfreeError(harness, error, { status, code, message, type: 'api_error' });
			expect(error.description).toMatch(/Cashfree is unavailable or failed on its side/);
			expect(error.description).toMatch(/same Idempotency Key/);
			expect(error.description).toMatch(/attempts: 3/);
			expect(harness.simulator.requests).toHaveLength(3);
		},
	);

	it('a body that is not JSON is reported as such, with its first characters', async () => {
		harness.simulator.seedLink({ link_id: 'proxy_link' });
		harness.simulator.injectFault({
			fault: { kind: 'nonJson', status: 502, body: '<html><body>502 Bad Gateway</body></html>' },
			pathIncludes: '/cancel',
		});

		const error = await cancelExpectingError('proxy_link', {
			parameters: { additionalOptions: { maxAttempts: 1 } },
		});

		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('502');
		expect(error.message).toMatch(/not JSON/);
		expect(error.description).toMatch(/body starts with: <html><body>502 Bad Gateway/);
		expect(error.description).toMatch(/a proxy or gateway/);
	});

	it('a 200 answer that is not JSON is not passed on as a link', async () => {
		harness.simulator.seedLink({ link_id: 'odd_link' });
		harness.simulator.injectFault({
			fault: { kind: 'nonJson', status: 200, body: 'OK' },
			pathIncludes: '/cancel',
		});

		const error = await cancelExpectingError('odd_link');

		expect(error.message).toMatch(/not JSON/);
		expect(error.description).toMatch(/body starts with: OK/);
	});

	it('a timeout is reported as Cashfree not answering in time', async () => {
		harness.simulator.seedLink({ link_id: 'slow_link' });
		harness.simulator.injectFault({ fault: { kind: 'delay', ms: 3000 }, pathIncludes: '/cancel' });

		const error = await cancelExpectingError('slow_link', {
			parameters: { additionalOptions: { timeout: 1000, maxAttempts: 1 } },
		});

		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Cashfree did not answer in time');
		expect(error.description).toMatch(/may still have been carried out/);
	});

	it('a dropped connection is reported as closed before an answer', async () => {
		harness.simulator.seedLink({ link_id: 'dropped_link' });
		harness.simulator.injectFault({ fault: { kind: 'drop' }, pathIncludes: '/cancel' });

		const error = await cancelExpectingError('dropped_link', {
			parameters: { additionalOptions: { maxAttempts: 1 } },
		});

		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('The connection to Cashfree closed before an answer arrived');
	});

	it('a refused connection names the base URL setting to check', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const credentials = await harness.credential({ baseUrl: `http://127.0.0.1:${port}/pg` });

		const error = await cancelExpectingError('any_link', {
			credentials,
			parameters: { additionalOptions: { maxAttempts: 1 } },
		});

		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Could not connect to Cashfree: connection refused');
		expect(error.description).toMatch(/Base URL in the Cashfree credential/);
		expect(error.context.cashfree).toMatchObject({ networkCode: 'ECONNREFUSED' });
	});

	it('a custom base URL that is not an http(s) URL is refused before sending', async () => {
		const credentials = await harness.credential({ baseUrl: 'ftp://example.test/pg' });

		const error = await cancelExpectingError('any_link', { credentials });

		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/Base URL must be an http:\/\/ or https:\/\/ URL/);
		expect(harness.simulator.requests).toEqual([]);
	});
});

describe('Continue On Fail', () => {
	it('the failing items carry their errors and every other item is still processed', async () => {
		harness.simulator.seedLink({ link_id: 'ok_1' });
		harness.simulator.seedLink({ link_id: 'paid_1', link_status: 'PAID' });
		harness.simulator.seedLink({ link_id: 'ok_2' });
		harness.simulator.seedLink({ link_id: 'ok_3' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 500 },
			pathIncludes: 'ok_3',
			times: Infinity,
		});

		const { error, items } = await runCashfree(
			harness,
			['ok_1', 'paid_1', 'missing_1', 'ok_2', 'bad id', 'ok_3'],
			{
				continueOnFail: true,
			},
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4, 5].map((item) => ({ item })),
		);
		expect(items[0].json.link_status).toBe('CANCELLED');
		expect(items[1].json).toMatchObject({
			httpStatus: 400,
			code: 'link_not_active',
			type: 'invalid_request_error',
		});
		expect(items[1].json.error).toMatch(/is PAID; only ACTIVE links can be cancelled/);
		expect(items[2].json).toMatchObject({ httpStatus: 404, code: 'link_not_found' });
		expect(items[2].json.requestId).toEqual(expect.any(String));
		expect(items[3].json.link_status).toBe('CANCELLED');
		expect(items[4].json.error).toMatch(/^Invalid Link ID in item 4/);
		expect(items[5].json).toMatchObject({ httpStatus: 500, type: 'api_error' });
		expect(harness.simulator.getLink('ok_1')?.link_status).toBe('CANCELLED');
		expect(harness.simulator.getLink('ok_2')?.link_status).toBe('CANCELLED');
		expect(harness.simulator.getLink('paid_1')?.link_status).toBe('PAID');
	});
});
