import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CLIENT_ID, CLIENT_SECRET, runCashfree, useHarness } from '../helpers/harness';

const harness = useHarness();

const simulatorCredential = (overrides: Record<string, string> = {}) => ({
	data: {
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		environment: 'custom',
		baseUrl: harness.simulator.baseUrl,
		...overrides,
	},
});

describe('Cashfree API credential test (the Test button)', () => {
	it('passes on Cashfree\'s "not found" for the check link, sending the headers the node\'s requests carry', async () => {
		const credential = simulatorCredential();
		const result = await harness.engine.testCredential(credential);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(harness.simulator.requests).toHaveLength(1);
		const [request] = harness.simulator.requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe('/pg/links/n8n.credential.check');
		expect(request.headers['x-client-id']).toBe(CLIENT_ID);
		expect(request.headers['x-client-secret']).toBe(CLIENT_SECRET);
		expect(request.headers['x-api-version']).toBe('2025-01-01');
		// What n8n adds to every request of the node, from the credential's `authenticate`.
		const authenticated = await harness.engine.credentialsHelper.authenticate(
			{ ...credential.data, apiVersion: '2025-01-01' },
			'cashfreeApi',
			{ url: '/links/x', headers: { accept: 'application/json' } },
		);
		expect(authenticated.headers).toEqual({
			accept: 'application/json',
			'x-client-id': request.headers['x-client-id'],
			'x-client-secret': request.headers['x-client-secret'],
			'x-api-version': request.headers['x-api-version'],
		});
	});

	it("is the function the node names in testedBy, found the way n8n's CredentialsTester finds it", () => {
		const node = harness.engine.nodeTypes.getByNameAndVersion('n8n-nodes-cashfree.cashfree');

		expect(harness.engine.credentialsHelper.credentialType('cashfreeApi').test).toBeUndefined();
		expect(node.description.credentials).toEqual([
			{ name: 'cashfreeApi', required: true, testedBy: 'cashfreeApiCredentialTest' },
		]);
		expect(harness.engine.credentialTestFunction('cashfreeApi')).toBe(
			node.methods?.credentialTest?.cashfreeApiCredentialTest,
		);
	});

	it.each([
		['a trailing slash', (base: string) => `${base}/`],
		['surrounding spaces and repeated trailing slashes', (base: string) => `  ${base}///  `],
		['an upper-case scheme', (base: string) => base.replace('http://', 'HTTP://')],
	])('accepts a base URL with %s', async (_case, variant) => {
		const result = await harness.engine.testCredential(
			simulatorCredential({ baseUrl: variant(harness.simulator.baseUrl) }),
		);

		expect(result.status).toBe('OK');
		expect(harness.simulator.requests.map((request) => request.path)).toEqual([
			'/pg/links/n8n.credential.check',
		]);
	});

	it.each([
		['a wrong secret', { clientSecret: 'cfsk_not_the_secret' }],
		['a wrong client id', { clientId: 'someone_else' }],
	])('fails with %s, saying the client id or secret was rejected', async (_case, overrides) => {
		const result = await harness.engine.testCredential(simulatorCredential(overrides));

		expect(result).toEqual({
			status: 'Error',
			message:
				'Cashfree rejected the Client ID or Client Secret. Check that both keys belong to the selected environment.',
		});
	});

	it('fails when Cashfree rate limits the keys', async () => {
		harness.simulator.injectFault({ fault: { kind: 'status', status: 429 } });

		const result = await harness.engine.testCredential(simulatorCredential());

		expect(result).toEqual({
			status: 'Error',
			message: 'Cashfree is rate limiting these keys right now. Try again in a minute.',
		});
	});

	it.each([500, 503])(
		'fails when Cashfree answers %i with an api_error of its own',
		async (status) => {
			harness.simulator.injectFault({ fault: { kind: 'status', status } });

			const result = await harness.engine.testCredential(simulatorCredential());

			expect(result).toEqual({
				status: 'Error',
				message:
					'Cashfree could not check the keys because of an error on its side. Try again later.',
			});
		},
	);

	it('fails when the base URL misses the /pg path: "no API at this URL" is not the keys\' check', async () => {
		const result = await harness.engine.testCredential(
			simulatorCredential({ baseUrl: harness.simulator.baseUrl.replace(/\/pg$/, '') }),
		);

		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'The keys were not checked: the base URL answered HTTP 404 (url_not_found: no API exists at this URL; check the path against the API documentation) instead of Cashfree\'s "not found" for a link that cannot exist. Check Environment and Base URL in the credential, and any proxy between n8n and Cashfree.',
		);
	});

	it("fails when an unsupported API version is sent, quoting Cashfree's message", async () => {
		const result = await harness.engine.testCredential(
			simulatorCredential({ apiVersion: '2021-01-01' }),
		);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^The keys were not checked: the base URL answered HTTP 400 \(api_version_invalid: x-api-version : version "2021-01-01" is not supported/,
		);
	});

	it('fails when nothing listens at the base URL', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));

		const result = await harness.engine.testCredential(
			simulatorCredential({ baseUrl: `http://127.0.0.1:${port}/pg` }),
		);

		expect(result).toEqual({
			status: 'Error',
			message:
				'Could not connect to the base URL: connection refused (ECONNREFUSED). Check Environment and Base URL in the credential, and any proxy between n8n and Cashfree.',
		});
	});

	it('fails when the host name does not resolve', async () => {
		const result = await harness.engine.testCredential(
			simulatorCredential({ baseUrl: 'http://cashfree-check.invalid/pg' }),
		);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^The host name of the base URL could not be resolved \((ENOTFOUND|EAI_AGAIN)\)\. Check Base URL, and that n8n can reach it\.$/,
		);
	});

	it('uses the chosen API version header', async () => {
		await harness.engine.testCredential(simulatorCredential({ apiVersion: '2022-09-01' }));

		expect(harness.simulator.requests[0].headers['x-api-version']).toBe('2022-09-01');
	});
});

describe('one Base URL rule for the node and the Test button', () => {
	it.each([
		['sandbox', '', { baseUrl: 'https://sandbox.cashfree.com/pg' }],
		['production', '', { baseUrl: 'https://api.cashfree.com/pg' }],
		['production', 'http://ignored.example/pg', { baseUrl: 'https://api.cashfree.com/pg' }],
		['custom', 'http://127.0.0.1:8787/pg/', { baseUrl: 'http://127.0.0.1:8787/pg' }],
		[
			'custom',
			'  https://gateway.example/cashfree/pg  ',
			{ baseUrl: 'https://gateway.example/cashfree/pg' },
		],
		['custom', 'HTTPS://Gateway.Example:443/pg', { baseUrl: 'https://gateway.example/pg' }],
		['custom', 'http://gateway.example', { baseUrl: 'http://gateway.example' }],
		['custom', '', { problem: expect.stringMatching(/^Base URL is empty\./) }],
		[
			'custom',
			'ftp://example.test/pg',
			{ problem: 'Base URL must be an http:// or https:// URL; "ftp:" is not supported.' },
		],
		[
			'custom',
			'not a url',
			{ problem: expect.stringMatching(/^Base URL must not contain spaces/) },
		],
		[
			'custom',
			'gateway.example/pg',
			{ problem: expect.stringMatching(/^Base URL is not a valid URL\./) },
		],
		[
			'custom',
			'http://host/pg?x=1',
			{ problem: expect.stringMatching(/^Base URL must not contain "\?" or "#"/) },
		],
		[
			'custom',
			'http://host/pg#f',
			{ problem: expect.stringMatching(/^Base URL must not contain "\?" or "#"/) },
		],
		[
			'custom',
			'http://A\\@B/pg',
			{ problem: expect.stringMatching(/^Base URL must not contain a backslash/) },
		],
		[
			'custom',
			'http://user:pass@host/pg',
			{ problem: expect.stringMatching(/^Base URL must not contain a user name or password/) },
		],
		[
			'custom',
			'http://@host/pg',
			{ problem: expect.stringMatching(/^Base URL must not contain a user name or password/) },
		],
		[
			'custom',
			'http://ho\tst/pg',
			{ problem: expect.stringMatching(/^Base URL must not contain spaces/) },
		],
		[
			'elsewhere',
			'http://host/pg',
			{ problem: 'Environment must be Sandbox, Production or Custom Base URL.' },
		],
	])('environment %s, Base URL %j → %j', async (environment, baseUrl, expected) => {
		const { parseBaseUrl } = await import('../../dist/nodes/Cashfree/transport/baseUrl');
		const { paymentGateway } = await import('../../dist/nodes/Cashfree/transport/product');
		const credentials = harness.engine.credentialsHelper.applyDefaults('cashfreeApi', {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			environment,
			baseUrl,
		});

		expect(parseBaseUrl(credentials, paymentGateway.urls)).toEqual(expected);
	});

	/**
	 * Behaviour, not wiring: for each Base URL, the Test and a Get run of the node either both
	 * call the same place or both refuse without sending anything.
	 */
	it.each([
		['the simulator URL', (base: string) => base, '/pg'],
		['a trailing slash', (base: string) => `${base}/`, '/pg'],
		['an upper-case scheme', (base: string) => base.replace('http://', 'HTTP://'), '/pg'],
		['a query', (base: string) => `${base}?x=1`, undefined],
		['a fragment', (base: string) => `${base}#f`, undefined],
		[
			'a backslash before "@"',
			(base: string) => base.replace('/pg', '\\@evil.example/pg'),
			undefined,
		],
		['user info', (base: string) => base.replace('http://', 'http://user:pass@'), undefined],
		['another scheme', (base: string) => base.replace('http://', 'ftp://'), undefined],
	])('with %s the Test and the node agree', async (_case, variant, expectedPrefix) => {
		const baseUrl = variant(harness.simulator.baseUrl);

		const tested = await harness.engine.testCredential(simulatorCredential({ baseUrl }));
		const testedPaths = harness.simulator.requests.map((request) => request.path);
		harness.simulator.clearRequests();
		const ran = await runCashfree(harness, ['agreement_link'], {
			parameters: { operation: 'get' },
			credentials: await harness.credential({ baseUrl }),
		});
		const ranPaths = harness.simulator.requests.map((request) => request.path);

		if (expectedPrefix === undefined) {
			expect(tested.status).toBe('Error');
			expect(testedPaths).toEqual([]);
			expect(ran.error).toBeDefined();
			expect(ranPaths).toEqual([]);
		} else {
			expect(tested.status).toBe('OK');
			expect(testedPaths).toEqual([`${expectedPrefix}/links/n8n.credential.check`]);
			expect(ranPaths[0]).toBe(`${expectedPrefix}/links/agreement_link`);
		}
	});
});
