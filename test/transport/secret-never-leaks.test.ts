import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { CLIENT_SECRET, errorText, runCashfree, safeJson, useHarness } from '../helpers/harness';

/**
 * Runs every path the node can take, success and each kind of failure, and scans all that a
 * user, a later workflow step or a log reader could see for the client secret.
 */
const harness = useHarness({ rateLimitPerWindow: 40, rateLimitWindowMs: 60_000 });
const seen: Array<{ scenario: string; text: string }> = [];

async function record(
	scenario: string,
	linkIds: unknown[],
	options: Parameters<typeof runCashfree>[2] = {},
) {
	for (const continueOnFail of [false, true]) {
		const result = await runCashfree(harness, linkIds, { ...options, continueOnFail });
		seen.push({
			scenario: `${scenario}${continueOnFail ? ' (continue on fail)' : ''}`,
			text: [safeJson(result.items), errorText(result.error), safeJson(result.run)].join('\n'),
		});
	}
}

describe('the client secret never appears in outputs, errors or logs', () => {
	it('runs every scenario and finds the secret nowhere', async () => {
		const { simulator } = harness;
		for (let index = 0; index < 4; index++) simulator.seedLink({ link_id: `active_${index}` });
		simulator.seedLink({ link_id: 'paid_link', link_status: 'PAID' });
		simulator.seedLink({ link_id: 'cancelled_link', link_status: 'CANCELLED' });

		await record('success', ['active_0']);
		await record('not found', ['missing_link']);
		await record('not active', ['paid_link', 'cancelled_link']);
		await record('bad link id', ['a/b', '', 'x'.repeat(60)]);
		await record('wrong secret', ['active_1'], {
			credentials: await harness.credential({ clientSecret: `${CLIENT_SECRET}_wrong` }),
		});
		for (const fault of [
			{ kind: 'status', status: 500 },
			{ kind: 'status', status: 503 },
			{ kind: 'nonJson', status: 502, body: '<html>gateway</html>' },
			{ kind: 'drop' },
		] as const) {
			simulator.injectFault({ fault, pathIncludes: '/cancel', times: 2 });
			await record(`fault ${safeJson(fault)}`, ['active_2']);
		}
		simulator.injectFault({
			fault: { kind: 'delay', ms: 2500 },
			pathIncludes: '/cancel',
			times: 2,
		});
		await record('timeout', ['active_3'], { parameters: { additionalOptions: { timeout: 1000 } } });

		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		await record('refused', ['active_3'], {
			credentials: await harness.credential({ baseUrl: `http://127.0.0.1:${port}/pg` }),
		});

		for (const clientSecret of [CLIENT_SECRET, 'cfsk_wrong']) {
			const result = await harness.engine.testCredential({
				data: {
					clientId: 'test_client_id',
					clientSecret,
					environment: 'custom',
					baseUrl: simulator.baseUrl,
				},
			});
			seen.push({
				scenario: `credential test with ${clientSecret === CLIENT_SECRET ? 'good' : 'bad'} keys`,
				text: safeJson(result),
			});
		}
		seen.push({ scenario: 'n8n logs', text: safeJson(harness.engine.logs) });
		seen.push({
			scenario: 'errors sent to the error reporter',
			text: harness.engine.reportedErrors.map(errorText).join('\n'),
		});

		// The scan itself must be able to fail: the secret did travel, in the request headers.
		expect(
			simulator.requests.some((request) => request.headers['x-client-secret'] === CLIENT_SECRET),
		).toBe(true);
		expect(seen.length).toBeGreaterThan(20);
		expect(harness.engine.logs.length).toBeGreaterThan(0);
		expect(harness.engine.reportedErrors.length).toBeGreaterThan(0);
		const leaks = seen
			.filter(({ text }) => text.includes(CLIENT_SECRET))
			.map(({ scenario }) => scenario);
		expect(leaks).toEqual([]);
	});
});
