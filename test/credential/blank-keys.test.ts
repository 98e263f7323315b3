/**
 * n8n's `required` lets a single space through as a Client Secret. Blank keys are refused by
 * the node and by the Test button before anything is sent, instead of reaching Cashfree (or a
 * server pretending to be it) as a header of spaces.
 */
import { CLIENT_ID, CLIENT_SECRET, runCashfree, useHarness } from '../helpers/harness';

const harness = useHarness();

describe('blank keys', () => {
	it.each([
		['a Client Secret of one space', { clientSecret: ' ' }, 'Client Secret is empty or blank'],
		['a Client ID of tabs', { clientId: '\t\t' }, 'Client ID is empty or blank'],
		[
			'both blank',
			{ clientId: ' ', clientSecret: '  ' },
			'Client ID and Client Secret are empty or blank',
		],
	])('%s: the node refuses before sending', async (_, keys, said) => {
		harness.simulator.seedLink({ link_id: 'blank_keys' });
		const credentials = await harness.credential(keys);

		const { error } = await runCashfree(harness, ['blank_keys'], { credentials });

		expect(error?.message).toBe(
			`The Cashfree credential is not usable: ${said}. Paste the keys from the Cashfree Merchant Dashboard (Developers → API Keys).`,
		);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it.each(['', ' '])(
		'the Test button says so for the secret %j and sends nothing',
		async (clientSecret) => {
			const result = await harness.engine.testCredential({
				data: {
					clientId: CLIENT_ID,
					clientSecret,
					environment: 'custom',
					baseUrl: harness.simulator.baseUrl,
				},
			});

			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Client Secret is empty or blank/);
			expect(harness.simulator.requests).toHaveLength(0);
		},
	);

	it('real keys still pass', async () => {
		const result = await harness.engine.testCredential({
			data: {
				clientId: CLIENT_ID,
				clientSecret: CLIENT_SECRET,
				environment: 'custom',
				baseUrl: harness.simulator.baseUrl,
			},
		});

		expect(result.status).toBe('OK');
	});
});
