import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CLIENT_ID, CLIENT_SECRET, useHarness } from './helpers/harness';

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
	it('passes with valid keys, sending the authenticate block headers', async () => {
		const result = await harness.engine.testCredential(simulatorCredential());

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = harness.simulator.requests;
		expect(request.method).toBe('GET');
		expect(request.headers['x-client-id']).toBe(CLIENT_ID);
		expect(request.headers['x-client-secret']).toBe(CLIENT_SECRET);
		expect(request.headers['x-api-version']).toBe('2025-01-01');
	});

	it('accepts a base URL with a trailing slash', async () => {
		const result = await harness.engine.testCredential(simulatorCredential({ baseUrl: `${harness.simulator.baseUrl}/` }));

		expect(result.status).toBe('OK');
	});

	it.each([
		['a wrong secret', { clientSecret: 'cfsk_not_the_secret' }],
		['a wrong client id', { clientId: 'someone_else' }],
		['an empty secret', { clientSecret: '' }],
	])('fails with %s, saying the client id or secret was rejected', async (_case, overrides) => {
		const result = await harness.engine.testCredential(simulatorCredential(overrides));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Cashfree rejected the Client ID or Client Secret/);
		expect(result.message).not.toContain(CLIENT_SECRET);
	});

	it('fails when Cashfree answers with an error of its own', async () => {
		harness.simulator.injectFault({ fault: { kind: 'status', status: 500 } });

		const result = await harness.engine.testCredential(simulatorCredential());

		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/error on its side/) });
	});

	it('fails when nothing listens at the base URL', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));

		const result = await harness.engine.testCredential(simulatorCredential({ baseUrl: `http://127.0.0.1:${port}/pg` }));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED/);
	});

	it('uses the chosen API version header', async () => {
		await harness.engine.testCredential(simulatorCredential({ apiVersion: '2022-09-01' }));

		expect(harness.simulator.requests[0].headers['x-api-version']).toBe('2022-09-01');
	});
});

describe('the Test button and the node call the same host', () => {
	it.each([
		['sandbox', '', 'https://sandbox.cashfree.com/pg'],
		['production', '', 'https://api.cashfree.com/pg'],
		['custom', 'http://127.0.0.1:8787/pg/', 'http://127.0.0.1:8787/pg'],
		['custom', '  https://gateway.example/cashfree/pg  ', 'https://gateway.example/cashfree/pg'],
	])('environment %s (%s) → %s', async (environment, baseUrl, expected) => {
		const credentialType = harness.engine.credentialsHelper.credentialType('cashfreeApi');
		const credentials = harness.engine.credentialsHelper.applyDefaults('cashfreeApi', {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			environment,
			baseUrl,
		});
		const testedHost = harness.engine.evaluateCredentialExpression(
			String(credentialType.test?.request.baseURL),
			credentials,
		);
		const { resolveBaseUrl } = await import('../dist/nodes/Cashfree/transport');

		expect(testedHost).toBe(expected);
		expect(resolveBaseUrl(credentials as never)).toBe(expected);
	});
});
