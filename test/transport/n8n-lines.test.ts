/**
 * The same Cashfree failures, run in the n8n-core of n8n 2.x (the project's) and of the last
 * n8n 1.x (1.123.x, the `n8n-core-1` alias): each line's own WorkflowExecute, execute context
 * and request helpers, against the simulator. A user must see the same thing on both: the
 * request helpers of the two lines throw differently shaped errors, and n8n 1.x's lost
 * everything the transport read (every failure became "Could not reach Cashfree (ERROR)").
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { N8nLine } from '../../tools/engine/n8n-engine';
import type { LinkStatus } from '../../tools/simulator';
import { startHostileServer, type HostileServer } from '../helpers/hostile-server';
import {
	CLIENT_SECRET,
	errorText,
	runCashfree,
	useHarness,
	type Harness,
	type RecordedApiError,
} from '../helpers/harness';

/** What a user sees of a failed cancel, without Continue On Fail and with it. */
interface Expected {
	message: string | RegExp;
	httpStatus?: number;
	code?: string;
	type?: string;
	networkCode?: string;
}

interface ErrorCase {
	name: string;
	/** Sets the simulator (or another server) up; returns the credential's overrides, if any. */
	arrange(harness: Harness): Record<string, string> | void;
	linkId: string;
	expected: Expected;
}

const notActive = (status: LinkStatus, explanation: string): ErrorCase => ({
	name: `a ${status} link`,
	arrange: (harness) => {
		harness.simulator.seedLink({ link_id: 'settled_link', link_status: status });
	},
	linkId: 'settled_link',
	expected: {
		message: `Cashfree: the payment link cannot be cancelled because it is not active. Payment link "settled_link" ${explanation}; only ACTIVE links can be cancelled`,
		httpStatus: 400,
		code: 'link_not_active',
		type: 'invalid_request_error',
	},
});

/** The details a later step may branch on: those the case names. */
function details({ httpStatus, code, type, networkCode }: Expected) {
	return Object.fromEntries(
		Object.entries({ httpStatus, code, type, networkCode }).filter(
			([, value]) => value !== undefined,
		),
	);
}

let redirecting: HostileServer;
let closedPort: number;

beforeAll(async () => {
	redirecting = await startHostileServer();
	const closed = http.createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	closedPort = (closed.address() as AddressInfo).port;
	await new Promise<void>((resolve) => closed.close(() => resolve()));
});
afterAll(async () => {
	await redirecting.stop();
});

const errorCases: ErrorCase[] = [
	notActive('PAID', 'is PAID'),
	notActive('EXPIRED', 'has EXPIRED'),
	notActive('CANCELLED', 'is already CANCELLED'),
	{
		name: 'a missing link',
		arrange: () => {},
		linkId: 'no_such_link',
		expected: {
			message: 'Cashfree: no payment link exists with this link_id',
			httpStatus: 404,
			code: 'link_not_found',
			type: 'invalid_request_error',
		},
	},
	{
		name: 'a wrong client secret',
		arrange: (harness) => {
			harness.simulator.seedLink({ link_id: 'any_link' });
			return { clientSecret: 'cfsk_wrong_secret_value' };
		},
		linkId: 'any_link',
		expected: {
			message:
				'Cashfree: authentication failed: x-client-id or x-client-secret is missing or wrong',
			httpStatus: 401,
			code: 'request_failed',
			type: 'authentication_error',
		},
	},
	{
		name: 'a base URL that redirects',
		arrange: () => {
			redirecting.handle((_request, response) => {
				response.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' });
				response.end();
			});
			return { baseUrl: redirecting.baseUrl };
		},
		linkId: 'any_link',
		expected: {
			message:
				'Cashfree: the base URL redirects (HTTP 302) to http://127.0.0.1:9/elsewhere; point the credential at the final URL',
			httpStatus: 302,
		},
	},
	{
		name: 'nothing listening at the base URL',
		arrange: () => ({ baseUrl: `http://127.0.0.1:${closedPort}/pg` }),
		linkId: 'any_link',
		expected: {
			message: 'Could not connect to Cashfree: connection refused',
			networkCode: 'ECONNREFUSED',
		},
	},
];

describe.each<N8nLine>(['2.x', '1.x'])('in n8n %s', (line) => {
	const harness = useHarness({}, line);

	it('runs in that line of n8n-core', () => {
		expect(harness.engine.line).toBe(line);
	});

	async function cancel(errorCase: ErrorCase, continueOnFail: boolean) {
		const overrides = errorCase.arrange(harness) ?? {};
		const credentials = await harness.credential(overrides);
		return await runCashfree(harness, [errorCase.linkId], {
			credentials,
			continueOnFail,
			parameters: { additionalOptions: { maxAttempts: 1 } },
		});
	}

	const sentRequestIds = () =>
		[...harness.simulator.requests, ...redirecting.seen].map(
			(request) => request.headers['x-request-id'],
		);

	it.each(errorCases.map((errorCase) => [errorCase.name, errorCase] as const))(
		'%s: a NodeApiError with what Cashfree said',
		async (_name, errorCase) => {
			const { error, items } = await cancel(errorCase, false);

			expect(items).toEqual([]);
			const recorded = error as RecordedApiError;
			const { expected } = errorCase;
			expect(recorded.name).toBe('NodeApiError');
			expect(recorded.message).toEqual(expected.message);
			expect(recorded.httpCode ?? undefined).toBe(
				expected.httpStatus === undefined ? undefined : String(expected.httpStatus),
			);
			expect(recorded.context.cashfree).toMatchObject(details(expected));
			if (!expected.networkCode) {
				expect(sentRequestIds()).toContain(recorded.context.cashfree?.requestId);
			}
			expect(errorText(error)).not.toContain(CLIENT_SECRET);
		},
	);

	it.each(errorCases.map((errorCase) => [errorCase.name, errorCase] as const))(
		'%s: with Continue On Fail, an item with the same details',
		async (_name, errorCase) => {
			const { error, items } = await cancel(errorCase, true);

			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			const { expected } = errorCase;
			expect(items[0].json).toMatchObject(details(expected));
			expect(String(items[0].json.error)).toContain(
				String(expected.message).replace(/^Cashfree: /, ''),
			);
			expect(JSON.stringify(items)).not.toContain(CLIENT_SECRET);
		},
	);

	it.each([
		[429, 'waits out the rate limit'],
		[500, 'backs off'],
	])('a %i then a success: %s, retries, and the link is cancelled', async (status) => {
		harness.simulator.seedLink({ link_id: 'retried_link' });
		harness.simulator.injectFault({ fault: { kind: 'status', status }, pathIncludes: '/cancel' });

		const { error, items } = await runCashfree(harness, ['retried_link']);

		expect(error).toBeUndefined();
		expect(items[0].json.link_status).toBe('CANCELLED');
		expect(
			harness.simulator.requests
				.filter((request) => request.url.endsWith('/cancel'))
				.map((request) => request.status),
		).toEqual([status, 200]);
	});

	it('an ACTIVE link is cancelled', async () => {
		harness.simulator.seedLink({ link_id: 'active_link' });

		const { error, items } = await runCashfree(harness, ['active_link']);

		expect(error).toBeUndefined();
		expect(items[0].json.link_status).toBe('CANCELLED');
	});
});
