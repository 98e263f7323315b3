/**
 * Items at Once adapts when it is not set: a bulk run starts at 10 requests in flight and
 * raises it, up to 100, as far as Cashfree's headers show room (x-ratelimit-remaining well above
 * what is in flight, no 429), so that a run against a nearby Cashfree is not slower than n8n's
 * HTTP Request node, which sends every item at once. Set, it is kept; under a limit the
 * governor still keeps half of what is left.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runCashfree, useHarness } from '../helpers/harness';
import { json, useHostileServer } from '../helpers/hostile-server';

const harness = useHarness();
const server = useHostileServer();

/** Answers every cancel after `delayMs` with `remaining` left; records the most in flight at once. */
function cashfreeAnswering(remaining: number, delayMs = 30) {
	const seen = { inFlight: 0, most: 0 };
	server.handle((request, response) => {
		seen.inFlight++;
		seen.most = Math.max(seen.most, seen.inFlight);
		const linkId = (request.url ?? '').split('/')[3];
		setTimeout(() => {
			seen.inFlight--;
			json(
				response,
				200,
				{ link_id: linkId, link_status: 'CANCELLED' },
				{ 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-limit': '1000' },
			);
		}, delayMs);
	});
	return seen;
}

async function cancel(count: number, additionalOptions: INodeParameters = {}) {
	const credentials = await harness.credential({ baseUrl: server.baseUrl });
	const ids = Array.from({ length: count }, (_, index) => `bulk_${index}`);
	return await runCashfree(harness, ids, { credentials, parameters: { additionalOptions } });
}

describe('Items at Once', () => {
	it('not set: rises above 10 while Cashfree shows room, up to 100', async () => {
		const seen = cashfreeAnswering(900);

		const { error, items } = await cancel(200);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(200);
		expect(items.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 200 }, (_, item) => ({ item })),
		);
		expect(seen.most).toBeGreaterThan(50);
		expect(seen.most).toBeLessThanOrEqual(100);
	});

	it('set to 10: stays at 10 however much room there is', async () => {
		const seen = cashfreeAnswering(900);

		const { error } = await cancel(200, { concurrency: 10 });

		expect(error).toBeUndefined();
		expect(seen.most).toBeLessThanOrEqual(10);
	});

	it('not set, with little room left: keeps within half of what Cashfree says is left', async () => {
		const seen = cashfreeAnswering(12);

		const { error } = await cancel(100);

		expect(error).toBeUndefined();
		expect(seen.most).toBeLessThanOrEqual(10);
	});
});
