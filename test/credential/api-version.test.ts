/**
 * The credential's API Version: 2026-01-01 is offered, and a saved credential keeps the version
 * it was saved with. n8n fills a field missing from a credential's stored data with the field's
 * current default each time it decrypts it (the engine does as n8n's CredentialsHelper does), so
 * the default is what a credential saved without the field runs with.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runOperation, useHarness } from '../helpers/harness';

const harness = useHarness();

function apiVersionField(): INodeProperties {
	const field = harness.engine.credentialsHelper
		.credentialType('cashfreeApi')
		.properties.find((property) => property.name === 'apiVersion');
	if (!field) throw new Error('the credential has no apiVersion field');
	return field;
}

/** The x-api-version header of the one request a Get Order sent with these credential fields. */
async function versionSent(stored: Record<string, string>): Promise<unknown> {
	harness.simulator.seedOrder({ order_id: 'order_version' });
	const credentials = await harness.credential(stored);
	const { error } = await runOperation(
		harness,
		'order',
		'get',
		{ orderId: 'order_version' },
		[{}],
		{
			credentials,
		},
	);
	expect(error).toBeUndefined();
	expect(harness.simulator.requests).toHaveLength(1);
	return harness.simulator.requests[0].headers['x-api-version'];
}

describe('API Version in the credential', () => {
	it('offers 2026-01-01 first, then the older versions', () => {
		const offered = (apiVersionField().options as INodePropertyOptions[]).map(
			(option) => option.value,
		);

		expect(offered).toEqual(['2026-01-01', '2025-01-01', '2023-08-01', '2022-09-01']);
	});

	it('defaults to 2025-01-01, so that no saved credential moves to 2026-01-01 by itself', () => {
		expect(apiVersionField().default).toBe('2025-01-01');
	});

	it.each(['2022-09-01', '2023-08-01', '2025-01-01', '2026-01-01'])(
		'a credential saved with %s sends that version',
		async (version) => {
			expect(await versionSent({ apiVersion: version })).toBe(version);
		},
	);

	it('a credential saved without the field (made through the API or an import) still sends 2025-01-01', async () => {
		expect(await versionSent({})).toBe('2025-01-01');
	});
});
