import {
	CashfreeSimulator,
	SUPPORTED_API_VERSIONS,
	type ApiVersion,
	type LinkStatus,
} from '../../tools/simulator';

import {
	expectMatchesSchema,
	schemaVersion,
	simulatorKit,
	type CallOptions,
	type CallResult,
} from '../helpers/simulator-client';

const CLIENT_ID = 'test_client_id';
const CLIENT_SECRET = 'test_client_secret';
const LATEST_VERSION: ApiVersion = '2025-01-01';
const IST_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:30$/;

const { call, withSimulator, useSimulator } = simulatorKit(
	CLIENT_ID,
	CLIENT_SECRET,
	LATEST_VERSION,
);

const cancel = (
	simulator: CashfreeSimulator,
	linkId: string,
	options: CallOptions = {},
): Promise<CallResult> =>
	call(simulator, `/links/${encodeURIComponent(linkId)}/cancel`, { method: 'POST', ...options });

function expectError(result: CallResult, status: number, type: string, code?: string): void {
	expect(result.status).toBe(status);
	expect(result.headers.get('content-type')).toBe('application/json');
	expectMatchesSchema('error.json', result.json);
	expect(result.json).toMatchObject({ type, ...(code === undefined ? {} : { code }) });
}

function field(result: CallResult, name: string): unknown {
	return (result.json as Record<string, unknown>)[name];
}

function createBody(
	linkId: string,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		link_id: linkId,
		link_amount: 100,
		link_currency: 'INR',
		link_purpose: 'Payment for order 42',
		customer_details: {
			customer_phone: '9999999999',
			customer_name: 'John Doe',
			customer_email: 'john@example.com',
		},
		...overrides,
	};
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---- tests ----

const simulator = useSimulator();

describe('lifecycle', () => {
	it('serves under /pg on loopback and refuses baseUrl before start', async () => {
		expect(simulator.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pg$/);
		expect(() => new CashfreeSimulator().baseUrl).toThrow(/not started/);
	});

	it('stops promptly even with a keep-alive connection and a request held by a delay fault', async () => {
		const standalone = new CashfreeSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
		await standalone.start();
		expect((await call(standalone, '/links/nope')).status).toBe(404);
		standalone.injectFault({ fault: { kind: 'delay', ms: 60_000 } });
		const held = call(standalone, '/links/nope');
		await sleep(50);
		const startedAt = Date.now();
		await standalone.stop();
		expect(Date.now() - startedAt).toBeLessThan(1000);
		await expect(held).rejects.toThrow();
		expect(() => standalone.baseUrl).toThrow();
	});
});

describe('authentication and API version', () => {
	beforeEach(() => simulator.seedLink({ link_id: 'auth_link' }));

	it.each([
		['wrong client id', { 'x-client-id': 'someone_else' }],
		['wrong client secret', { 'x-client-secret': 'wrong_secret' }],
		['missing client id', { 'x-client-id': undefined }],
		['missing client secret', { 'x-client-secret': undefined }],
		['no credentials', { 'x-client-id': undefined, 'x-client-secret': undefined }],
	])('answers 401 authentication_error for %s', async (_case, headers) => {
		const result = await call(simulator, '/links/auth_link', { headers });
		expectError(result, 401, 'authentication_error', 'request_failed');
		expect(result.text).not.toContain(CLIENT_SECRET);
	});

	it('checks credentials before the API version', async () => {
		const result = await call(simulator, '/links/auth_link', {
			headers: { 'x-client-id': 'x', 'x-api-version': undefined },
		});
		expect(result.status).toBe(401);
	});

	it('answers 400 when x-api-version is missing', async () => {
		const result = await call(simulator, '/links/auth_link', {
			headers: { 'x-api-version': undefined },
		});
		expectError(result, 400, 'invalid_request_error', 'api_version_missing');
		expect(String(field(result, 'message'))).toMatch(/x-api-version.*missing/);
	});

	it('answers 400 when x-api-version is not supported', async () => {
		const result = await call(simulator, '/links/auth_link', { version: '2021-05-21' });
		expectError(result, 400, 'invalid_request_error', 'api_version_invalid');
		expect(String(field(result, 'message'))).toMatch(/2021-05-21.*not supported/);
	});

	it.each(SUPPORTED_API_VERSIONS)('accepts %s and echoes it in x-api-version', async (version) => {
		const result = await call(simulator, '/links/auth_link', { version });
		expect(result.status).toBe(200);
		expect(result.headers.get('x-api-version')).toBe(version);
	});
});

describe('routes', () => {
	it.each([
		['GET', '/customers'],
		['GET', '/links/'],
		['GET', '/links/some_link/payments'],
		['GET', '/links/some_link/cancel/extra'],
		['POST', '//links'],
	])(
		'answers 404 invalid_request_error for %s %s, before checking credentials',
		async (method, path) => {
			const result = await call(simulator, path, { method, headers: { 'x-client-id': undefined } });
			expectError(result, 404, 'invalid_request_error', 'url_not_found');
		},
	);

	it('answers 404 outside the /pg prefix', async () => {
		const response = await fetch(simulator.baseUrl.replace(/\/pg$/, '/links/x'));
		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({ type: 'invalid_request_error' });
	});

	it('answers 405 with the allowed methods for a wrong method on a known path', async () => {
		const result = await call(simulator, '/links/some_link', { method: 'DELETE' });
		expectError(result, 405, 'invalid_request_error', 'method_not_allowed');
		expect(result.headers.get('allow')).toBe('GET');
		expect((await call(simulator, '/links/some_link/cancel')).headers.get('allow')).toBe('POST');
	});

	it('never lets an escaped slash in a link id change the route', async () => {
		simulator.seedLink({ link_id: 'victim' });
		const smuggledCancel = await call(simulator, '/links/victim%2Fcancel', { method: 'POST' });
		expect(smuggledCancel.status).toBe(405);
		expectError(
			await call(simulator, '/links/victim%2Fcancel'),
			404,
			'invalid_request_error',
			'link_not_found',
		);
		expectError(
			await call(simulator, '/links/%E0%A4%A'),
			404,
			'invalid_request_error',
			'link_not_found',
		);
		expect(simulator.getLink('victim')?.link_status).toBe('ACTIVE');
		expect(simulator.requests.map((request) => request.url)).toContain('/pg/links/victim%2Fcancel');
	});

	it('decodes an ordinary escaped link id', async () => {
		simulator.seedLink({ link_id: 'escaped_id' });
		expect((await call(simulator, '/links/escaped%5Fid')).status).toBe(200);
	});
});

describe('create, fetch and cancel', () => {
	it('creates a link with Cashfree defaults, fetches it and cancels it', async () => {
		const before = Date.now();
		const created = await call(simulator, '/links', {
			method: 'POST',
			body: createBody('order_42'),
		});
		expect(created.status).toBe(200);
		expect(created.headers.get('content-type')).toBe('application/json');
		expectMatchesSchema('link-entity-2025-01-01.json', created.json);
		expect(created.json).toMatchObject({
			link_id: 'order_42',
			link_status: 'ACTIVE',
			link_amount: 100,
			link_amount_paid: 0,
			link_currency: 'INR',
			link_partial_payments: false,
		});
		expect(String(field(created, 'link_url'))).toMatch(
			/^https:\/\/payments-test\.cashfree\.com\/links\/[a-z0-9]+$/,
		);
		expect(field(created, 'link_created_at')).toMatch(IST_TIMESTAMP);
		expect(field(created, 'link_expiry_time')).toMatch(IST_TIMESTAMP);
		const expiresInDays =
			(Date.parse(String(field(created, 'link_expiry_time'))) - before) / 86_400_000;
		expect(expiresInDays).toBeGreaterThan(29.9);
		expect(expiresInDays).toBeLessThan(30.1);

		const fetched = await call(simulator, '/links/order_42');
		expect(fetched.json).toEqual(created.json);

		const cancelled = await cancel(simulator, 'order_42');
		expect(cancelled.status).toBe(200);
		expectMatchesSchema('link-entity-2025-01-01.json', cancelled.json);
		expect(cancelled.json).toEqual({ ...(created.json as object), link_status: 'CANCELLED' });
		expect(simulator.getLink('order_42')?.link_status).toBe('CANCELLED');
		expect(simulator.cancelCount('order_42')).toBe(1);
	});

	it('keeps the optional fields it was given', async () => {
		const body = createBody('full_link', {
			link_partial_payments: true,
			link_minimum_partial_amount: 20,
			link_notes: { invoice: 'INV-1' },
			link_notify: { send_sms: true, send_email: false },
			link_auto_reminders: true,
			link_meta: { upi_intent: true, return_url: 'https://example.com/thanks' },
			link_expiry_time: '2099-01-01T00:00:00Z',
		});
		const created = await call(simulator, '/links', { method: 'POST', body });
		expect(created.json).toMatchObject({
			link_partial_payments: true,
			link_minimum_partial_amount: 20,
			link_notes: { invoice: 'INV-1' },
			link_notify: { send_sms: true, send_email: false },
			link_auto_reminders: true,
			link_meta: { upi_intent: 'true', return_url: 'https://example.com/thanks' },
			link_expiry_time: '2099-01-01T05:30:00+05:30',
		});
	});

	it.each([
		['link_id_missing', 'link_id', { link_id: undefined }],
		['link_id_invalid', 'link_id', { link_id: 'has spaces!' }],
		['link_id_invalid', 'link_id', { link_id: 'x'.repeat(51) }],
		['link_amount_missing', 'link_amount', { link_amount: undefined }],
		['link_amount_invalid', 'link_amount', { link_amount: 0 }],
		['link_amount_invalid', 'link_amount', { link_amount: -5 }],
		['link_amount_invalid', 'link_amount', { link_amount: '100' }],
		['link_amount_invalid', 'link_amount', { link_amount: 10.123 }],
		['link_currency_missing', 'link_currency', { link_currency: undefined }],
		['link_currency_invalid', 'link_currency', { link_currency: 'rupees' }],
		['link_purpose_missing', 'link_purpose', { link_purpose: '' }],
		['link_purpose_invalid', 'link_purpose', { link_purpose: 'p'.repeat(501) }],
		['customer_details_missing', 'customer_details', { customer_details: undefined }],
		[
			'customer_details.customer_phone_missing',
			'customer_details.customer_phone',
			{ customer_details: { customer_name: 'A' } },
		],
		[
			'link_minimum_partial_amount_invalid',
			'link_minimum_partial_amount',
			{ link_partial_payments: true, link_minimum_partial_amount: 100 },
		],
		['link_expiry_time_invalid', 'link_expiry_time', { link_expiry_time: 'next tuesday' }],
		[
			'link_expiry_time_invalid',
			'link_expiry_time',
			{ link_expiry_time: '2020-01-01T00:00:00+05:30' },
		],
		[
			'link_notes_invalid',
			'link_notes',
			{ link_notes: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } },
		],
		[
			'link_meta.upi_intent_invalid',
			'link_meta.upi_intent',
			{ link_meta: { upi_intent: 'sometimes' } },
		],
	])('rejects a create request with 400 %s naming %s', async (code, fieldName, overrides) => {
		const result = await call(simulator, '/links', {
			method: 'POST',
			body: createBody('bad_link', overrides),
		});
		expectError(result, 400, 'invalid_request_error', code);
		expect(String(field(result, 'message'))).toContain(fieldName);
		expect(simulator.getLink('bad_link')).toBeUndefined();
	});

	it('rejects a body that is not JSON', async () => {
		const result = await call(simulator, '/links', { method: 'POST', body: '{"link_id": ' });
		expectError(result, 400, 'invalid_request_error', 'request_failed');
	});

	it('answers 409 for a link_id that already exists', async () => {
		simulator.seedLink({ link_id: 'taken' });
		const result = await call(simulator, '/links', { method: 'POST', body: createBody('taken') });
		expectError(result, 409, 'invalid_request_error', 'link_already_exists');
	});

	it.each(['PARTIALLY_PAID', 'PAID', 'EXPIRED', 'CANCELLED'] as LinkStatus[])(
		'refuses to cancel a %s link with 400 link_not_active and leaves it as it was',
		async (status) => {
			simulator.seedLink({ link_id: 'settled_link', link_status: status });
			const before = simulator.getLink('settled_link');
			const result = await cancel(simulator, 'settled_link');
			expectError(result, 400, 'invalid_request_error', 'link_not_active');
			expect(String(field(result, 'message'))).toMatch(/not active/);
			expect(String(field(result, 'message'))).not.toContain(status);
			expect(simulator.getLink('settled_link')).toEqual(before);
			expect(simulator.cancelCount('settled_link')).toBe(0);
		},
	);

	it('cancels only once: a second cancel without idempotency key is refused', async () => {
		simulator.seedLink({ link_id: 'twice' });
		expect((await cancel(simulator, 'twice')).status).toBe(200);
		expectError(await cancel(simulator, 'twice'), 400, 'invalid_request_error', 'link_not_active');
		expect(simulator.cancelCount('twice')).toBe(1);
	});

	it.each([
		['GET', '/links/ghost'],
		['POST', '/links/ghost/cancel'],
		['GET', '/links/ghost/orders?status=ALL'],
	])('answers 404 link_not_found for %s %s', async (method, path) => {
		expectError(
			await call(simulator, path, { method }),
			404,
			'invalid_request_error',
			'link_not_found',
		);
	});
});

describe('API versions', () => {
	it.each(SUPPORTED_API_VERSIONS)('renders a link in the %s shape', async (version) => {
		const body = createBody(`shape_${version.replace(/-/g, '')}`, {
			link_meta: { upi_intent: false },
			customer_details: {
				customer_phone: '9999999999',
				customer_bank_ifsc: 'SBIN0001882',
				customer_bank_code: 3003,
			},
			order_splits: [{ vendor_id: 'vendor_1', percentage: 10 }],
		});
		const created = await call(simulator, '/links', { method: 'POST', body, version });
		expect(created.status).toBe(200);
		expectMatchesSchema(`link-entity-${schemaVersion(version)}.json`, created.json);
		const fetched = await call(simulator, `/links/${String(field(created, 'link_id'))}`, {
			version,
		});
		expectMatchesSchema(`link-entity-${schemaVersion(version)}.json`, fetched.json);

		const legacy = version === '2022-09-01';
		expect(typeof field(fetched, 'cf_link_id')).toBe(legacy ? 'number' : 'string');
		expect(Number.isInteger(Number(field(fetched, 'cf_link_id')))).toBe(true);
		expect(field(fetched, 'link_meta')).toEqual({ upi_intent: legacy ? false : 'false' });
		expect('link_qrcode' in (fetched.json as object)).toBe(!legacy);
		expect('order_splits' in (fetched.json as object)).toBe(!legacy);
		expect('customer_bank_ifsc' in (field(fetched, 'customer_details') as object)).toBe(!legacy);
	});

	it('gives the same link the same cf_link_id in every version', async () => {
		simulator.seedLink({ link_id: 'same_everywhere' });
		const ids = await Promise.all(
			SUPPORTED_API_VERSIONS.map(async (version) =>
				field(await call(simulator, '/links/same_everywhere', { version }), 'cf_link_id'),
			),
		);
		expect(new Set(ids.map(String)).size).toBe(1);
	});
});

describe('lazy expiry', () => {
	it('reads an ACTIVE link past its expiry time as EXPIRED and refuses to cancel it', async () => {
		simulator.seedLink({
			link_id: 'old_link',
			link_expiry_time: new Date(Date.now() - 60_000).toISOString(),
		});
		const fetched = await call(simulator, '/links/old_link');
		expect(field(fetched, 'link_status')).toBe('EXPIRED');
		expectError(
			await cancel(simulator, 'old_link'),
			400,
			'invalid_request_error',
			'link_not_active',
		);
		expect(simulator.getLink('old_link')?.link_status).toBe('EXPIRED');
	});

	it('expires a link when its time comes', async () => {
		simulator.seedLink({
			link_id: 'short_lived',
			link_expiry_time: new Date(Date.now() + 1500).toISOString(),
		});
		expect(field(await call(simulator, '/links/short_lived'), 'link_status')).toBe('ACTIVE');
		await sleep(1600);
		expect(field(await call(simulator, '/links/short_lived'), 'link_status')).toBe('EXPIRED');
	});

	it('does not turn a cancelled or paid link into EXPIRED', async () => {
		const past = new Date(Date.now() - 60_000).toISOString();
		simulator.seedLink({ link_id: 'paid_old', link_status: 'PAID', link_expiry_time: past });
		simulator.seedLink({
			link_id: 'cancelled_old',
			link_status: 'CANCELLED',
			link_expiry_time: past,
		});
		expect(simulator.getLink('paid_old')?.link_status).toBe('PAID');
		expect(simulator.getLink('cancelled_old')?.link_status).toBe('CANCELLED');
	});
});

describe('idempotency', () => {
	const key = (name: string): Record<string, string> => ({ 'x-idempotency-key': `idem-${name}` });

	it('replays the first answer for the same key and request without cancelling again', async () => {
		simulator.seedLink({ link_id: 'idem_link' });
		const first = await cancel(simulator, 'idem_link', { headers: key('cancel') });
		expect(first.status).toBe(200);
		expect(first.headers.get('x-idempotency-key')).toBe('idem-cancel');
		expect(first.headers.get('x-idempotency-replayed')).toBe('false');

		const second = await cancel(simulator, 'idem_link', { headers: key('cancel') });
		expect(second.status).toBe(200);
		expect(second.headers.get('x-idempotency-replayed')).toBe('true');
		expect(second.text).toBe(first.text);
		expect(simulator.cancelCount('idem_link')).toBe(1);
	});

	it('replays errors too', async () => {
		simulator.seedLink({ link_id: 'idem_paid', link_status: 'PAID' });
		const first = await cancel(simulator, 'idem_paid', { headers: key('paid') });
		expectError(first, 400, 'invalid_request_error', 'link_not_active');
		const second = await cancel(simulator, 'idem_paid', { headers: key('paid') });
		expect(second.status).toBe(400);
		expect(second.headers.get('x-idempotency-replayed')).toBe('true');
		expect(second.text).toBe(first.text);
	});

	it('answers 422 idempotency_error when the key is reused for a different request', async () => {
		const created = await call(simulator, '/links', {
			method: 'POST',
			body: createBody('idem_a'),
			headers: key('create'),
		});
		expect(created.status).toBe(200);
		const otherBody = await call(simulator, '/links', {
			method: 'POST',
			body: createBody('idem_b'),
			headers: key('create'),
		});
		expectError(otherBody, 422, 'idempotency_error');
		expect(simulator.getLink('idem_b')).toBeUndefined();
		const otherPath = await cancel(simulator, 'idem_a', { headers: key('create') });
		expectError(otherPath, 422, 'idempotency_error');
		expect(simulator.getLink('idem_a')?.link_status).toBe('ACTIVE');
	});

	it('does not apply to GET requests', async () => {
		simulator.seedLink({ link_id: 'idem_get' });
		await call(simulator, '/links/idem_get', { headers: key('get') });
		await cancel(simulator, 'idem_get');
		const fetched = await call(simulator, '/links/idem_get', { headers: key('get') });
		expect(field(fetched, 'link_status')).toBe('CANCELLED');
		expect(fetched.headers.get('x-idempotency-replayed')).toBeNull();
	});

	it('is forgotten on reset', async () => {
		simulator.seedLink({ link_id: 'idem_reset' });
		await cancel(simulator, 'idem_reset', { headers: key('reset') });
		simulator.reset();
		simulator.seedLink({ link_id: 'idem_reset' });
		const again = await cancel(simulator, 'idem_reset', { headers: key('reset') });
		expect(again.headers.get('x-idempotency-replayed')).toBe('false');
		expect(simulator.cancelCount('idem_reset')).toBe(1);
	});
});

describe('rate limit', () => {
	it('sends the rate limit headers even when unlimited', async () => {
		const result = await call(simulator, '/links/none');
		expect(Number(result.headers.get('x-ratelimit-limit'))).toBeGreaterThan(1000);
		expect(Number(result.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(1000);
		expect(result.headers.get('x-ratelimit-retry')).toBe('0');
		expect(result.headers.get('x-ratelimit-type')).toBe('app_id');
	});

	it('allows N requests per sliding window, then answers 429 without using up the window', async () => {
		const windowMs = 1500;
		await withSimulator({ rateLimitPerWindow: 2, rateLimitWindowMs: windowMs }, async (limited) => {
			limited.seedLink({ link_id: 'limited' });
			const firstAt = Date.now();
			const first = await call(limited, '/links/limited');
			expect([
				first.status,
				first.headers.get('x-ratelimit-limit'),
				first.headers.get('x-ratelimit-remaining'),
			]).toEqual([200, '2', '1']);
			expect(first.headers.get('x-ratelimit-retry')).toBe('0');
			const rejectedAuth = await call(limited, '/links/limited', {
				headers: { 'x-client-secret': 'wrong' },
			});
			expect([rejectedAuth.status, rejectedAuth.headers.get('x-ratelimit-remaining')]).toEqual([
				401,
				'1',
			]);

			await sleep(700);
			const second = await call(limited, '/links/limited');
			expect([second.status, second.headers.get('x-ratelimit-remaining')]).toEqual([200, '0']);
			const breached = await call(limited, '/links/limited');
			expectError(breached, 429, 'rate_limit_error');
			expect(breached.headers.get('x-ratelimit-remaining')).toBe('0');
			expect(breached.headers.get('x-ratelimit-retry')).toBe('1');
			expect((await call(limited, '/links/limited')).status).toBe(429);

			// Once the first request leaves the window only the second is left in it, unless the 429s had counted.
			await sleep(firstAt + windowMs + 100 - Date.now());
			const afterFirstLeft = await call(limited, '/links/limited');
			expect([afterFirstLeft.status, afterFirstLeft.headers.get('x-ratelimit-remaining')]).toEqual([
				200,
				'0',
			]);
		});
	});
});

describe('faults', () => {
	beforeEach(() => simulator.seedLink({ link_id: 'fault_link' }));

	it('delays the answer', async () => {
		simulator.injectFault({ fault: { kind: 'delay', ms: 300 } });
		const startedAt = Date.now();
		const result = await call(simulator, '/links/fault_link');
		expect(result.status).toBe(200);
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
	});

	it('answers 500 with a Cashfree api_error body, without running the operation', async () => {
		simulator.injectFault({ fault: { kind: 'status', status: 500 } });
		const failed = await cancel(simulator, 'fault_link');
		expectError(failed, 500, 'api_error', 'internal_error');
		expect(simulator.getLink('fault_link')?.link_status).toBe('ACTIVE');
		expect((await cancel(simulator, 'fault_link')).status).toBe(200);
	});

	it('answers 502 with bank_processing_failure by default, or the given body', async () => {
		simulator.injectFault({ fault: { kind: 'status', status: 502 } });
		expectError(
			await call(simulator, '/links/fault_link'),
			502,
			'api_error',
			'bank_processing_failure',
		);
		const custom = { message: 'upstream unavailable', code: 'custom_code', type: 'api_error' };
		simulator.injectFault({ fault: { kind: 'status', status: 503, body: custom } });
		const result = await call(simulator, '/links/fault_link');
		expect([result.status, result.json]).toEqual([503, custom]);
	});

	it('stores a `stored` status under the idempotency key and replays it, as Cashfree does with its 500s', async () => {
		simulator.injectFault({
			fault: { kind: 'status', status: 500, stored: true },
			pathIncludes: '/cancel',
		});
		const headers = { 'x-idempotency-key': 'stored-failure' };
		const first = await cancel(simulator, 'fault_link', { headers });
		const replayed = await cancel(simulator, 'fault_link', { headers });
		expectError(first, 500, 'api_error', 'internal_error');
		expect(first.headers.get('x-idempotency-replayed')).toBe('false');
		expectError(replayed, 500, 'api_error', 'internal_error');
		expect(replayed.headers.get('x-idempotency-replayed')).toBe('true');
		expect(simulator.getLink('fault_link')?.link_status).toBe('ACTIVE');
		expect((await cancel(simulator, 'fault_link')).status).toBe(200);
	});

	it('answers with a non-JSON gateway page', async () => {
		simulator.injectFault({ fault: { kind: 'nonJson' } });
		const result = await call(simulator, '/links/fault_link');
		expect(result.status).toBe(502);
		expect(result.headers.get('content-type')).toMatch(/^text\/html/);
		expect(result.text).toMatch(/^<html/);
		expect(result.json).toBeUndefined();
	});

	it('drops the connection without answering or changing anything', async () => {
		simulator.injectFault({ fault: { kind: 'drop' } });
		await expect(cancel(simulator, 'fault_link')).rejects.toThrow();
		expect(simulator.getLink('fault_link')?.link_status).toBe('ACTIVE');
		expect(simulator.requests).toHaveLength(1);
	});

	it('applies the request, drops the answer, and replays it for a retry with the same key', async () => {
		simulator.injectFault({
			fault: { kind: 'dropAfterApply' },
			method: 'POST',
			pathIncludes: '/cancel',
		});
		const headers = { 'x-idempotency-key': 'retry-after-drop' };
		await expect(cancel(simulator, 'fault_link', { headers })).rejects.toThrow();
		expect(simulator.getLink('fault_link')?.link_status).toBe('CANCELLED');
		expect(simulator.cancelCount('fault_link')).toBe(1);

		const retry = await cancel(simulator, 'fault_link', { headers });
		expect(retry.status).toBe(200);
		expect(retry.headers.get('x-idempotency-replayed')).toBe('true');
		expect(field(retry, 'link_status')).toBe('CANCELLED');
		expect(simulator.cancelCount('fault_link')).toBe(1);
	});

	it('matches rules by method and path, uses up their times, and can be cleared', async () => {
		simulator.injectFault({
			fault: { kind: 'status', status: 500 },
			method: 'POST',
			pathIncludes: '/cancel',
			times: 2,
		});
		expect((await call(simulator, '/links/fault_link')).status).toBe(200);
		expect((await cancel(simulator, 'fault_link')).status).toBe(500);
		expect((await cancel(simulator, 'fault_link')).status).toBe(500);
		expect((await cancel(simulator, 'fault_link')).status).toBe(200);

		simulator.injectFault({ fault: { kind: 'status', status: 502 }, times: Infinity });
		expect((await call(simulator, '/links/fault_link')).status).toBe(502);
		expect((await call(simulator, '/links/fault_link')).status).toBe(502);
		simulator.clearFaults();
		expect((await call(simulator, '/links/fault_link')).status).toBe(200);
	});
});

describe('common headers', () => {
	it('echoes x-request-id, or sends it empty', async () => {
		simulator.seedLink({ link_id: 'header_link' });
		const withId = await call(simulator, '/links/header_link', {
			headers: { 'x-request-id': 'req-123' },
		});
		expect(withId.headers.get('x-request-id')).toBe('req-123');
		const rejected = await call(simulator, '/links/header_link', {
			headers: { 'x-request-id': 'req-456', 'x-client-id': 'x' },
		});
		expect(rejected.headers.get('x-request-id')).toBe('req-456');
		const withoutId = await call(simulator, '/links/header_link');
		expect(withoutId.headers.get('x-request-id')).toBe('');
	});

	it('names a supported version in x-api-version even when the request did not', async () => {
		const result = await call(simulator, '/links/x', { version: 'latest' });
		expect(SUPPORTED_API_VERSIONS).toContain(result.headers.get('x-api-version'));
	});
});

describe('orders of a link', () => {
	beforeEach(() =>
		simulator.seedLink({
			link_id: 'with_orders',
			link_status: 'PARTIALLY_PAID',
			link_amount: 300,
			orders: [
				{
					order_amount: 100,
					order_status: 'PAID',
					order_note: 'first instalment',
					order_tags: { source: 'sim' },
				},
				{ order_amount: 200, order_status: 'ACTIVE' },
				{ order_amount: 200, order_status: 'EXPIRED' },
			],
		}),
	);

	it.each([
		['ALL', '?status=ALL', [100, 200, 200]],
		['PAID', '?status=PAID', [100]],
		['the documented default, PAID', '', [100]],
	])('lists %s orders', async (_case, query, amounts) => {
		const result = await call(simulator, `/links/with_orders/orders${query}`);
		expect(result.status).toBe(200);
		expect((result.json as { order_amount: number }[]).map((order) => order.order_amount)).toEqual(
			amounts,
		);
	});

	it('rejects an unknown status filter', async () => {
		expectError(
			await call(simulator, '/links/with_orders/orders?status=REFUNDED'),
			400,
			'invalid_request_error',
			'status_invalid',
		);
	});

	it.each(SUPPORTED_API_VERSIONS)('renders orders in the %s shape', async (version) => {
		const result = await call(simulator, '/links/with_orders/orders?status=ALL', { version });
		expectMatchesSchema(`link-orders-${schemaVersion(version)}.json`, result.json);
		const [first] = result.json as Record<string, unknown>[];
		expect(typeof first.cf_order_id).toBe(version === '2022-09-01' ? 'number' : 'string');
	});
});

describe('request recording', () => {
	it('records every request in order with raw url, headers and body, including rejected ones', async () => {
		const body = createBody('recorded');
		await call(simulator, '/links', { method: 'POST', body, headers: { 'x-request-id': 'rec-1' } });
		await call(simulator, '/links/recorded/orders?status=ALL', {
			headers: { 'x-client-secret': 'wrong' },
		});

		const [created, rejected] = simulator.requests;
		expect(simulator.requests).toHaveLength(2);
		expect(created).toMatchObject({
			method: 'POST',
			url: '/pg/links',
			path: '/pg/links',
			body: JSON.stringify(body),
		});
		expect(created.headers['x-request-id']).toBe('rec-1');
		expect(created.receivedAt).toBeLessThanOrEqual(Date.now());
		expect(rejected).toMatchObject({
			method: 'GET',
			url: '/pg/links/recorded/orders?status=ALL',
			path: '/pg/links/recorded/orders',
		});

		simulator.clearRequests();
		expect(simulator.requests).toHaveLength(0);
	});

	it('forgets links, requests and faults on reset', async () => {
		simulator.seedLink({ link_id: 'forgotten' });
		simulator.injectFault({ fault: { kind: 'status', status: 500 }, times: Infinity });
		await call(simulator, '/links/forgotten');
		simulator.reset();
		expect(simulator.getLink('forgotten')).toBeUndefined();
		expect(simulator.requests).toHaveLength(0);
		expect((await call(simulator, '/links/forgotten')).status).toBe(404);
	});
});

describe('seeding', () => {
	it('fills consistent defaults per status', () => {
		simulator.seedLink({ link_id: 'seed_paid', link_status: 'PAID', link_amount: 500 });
		simulator.seedLink({
			link_id: 'seed_partial',
			link_status: 'PARTIALLY_PAID',
			link_amount: 500,
		});
		simulator.seedLink({ link_id: 'seed_expired', link_status: 'EXPIRED' });
		expect(simulator.getLink('seed_paid')).toMatchObject({
			link_amount_paid: 500,
			link_partial_payments: false,
		});
		expect(simulator.getLink('seed_partial')).toMatchObject({
			link_partial_payments: true,
			link_amount_paid: 250,
		});
		expect(Date.parse(simulator.getLink('seed_expired')?.link_expiry_time ?? '')).toBeLessThan(
			Date.now(),
		);
	});

	it('refuses a link id Cashfree would not accept', () => {
		expect(() => simulator.seedLink({ link_id: 'no/slashes' })).toThrow(/link_id/);
	});

	it('hands out copies, not its own state', () => {
		simulator.seedLink({ link_id: 'copy_me' });
		const copy = simulator.getLink('copy_me');
		if (copy) copy.link_status = 'PAID';
		expect(simulator.getLink('copy_me')?.link_status).toBe('ACTIVE');
	});
});
