/**
 * Finding 2 of the hardening issue: without Continue On Fail, work went on after the run had
 * failed (9 more links cancelled after item 0's refusal, 18 while the node looked up item 0's
 * status, a retrying item still cancelled its link), and the error told nothing of it.
 */
import { runCashfree, useHarness } from '../helpers/harness';
import { json, startHostileServer, type HostileServer } from '../helpers/hostile-server';

const harness = useHarness();

function linkIds(count: number): string[] {
	return Array.from({ length: count }, (_, index) => `bulk_${String(index).padStart(2, '0')}`);
}

function cancelled(ids: string[]): string[] {
	return ids.filter((id) => harness.simulator.getLink(id)?.link_status === 'CANCELLED');
}

describe('the first failure stops the run (Continue On Fail off)', () => {
	it('30 items, one refused: no request starts after the refusal, at most Items at Once - 1 others act, and the error names them', async () => {
		// The first request goes alone (it learns the rate limit); the refused link comes next.
		const ids = ['first_ok', 'paid_link', ...linkIds(28)];
		harness.simulator.seedLink({ link_id: 'paid_link', link_status: 'PAID' });
		for (const id of ids.filter((id) => id !== 'paid_link'))
			harness.simulator.seedLink({ link_id: id });
		// The refusal comes back at once; the other cancels in flight take a while, and so does the look-up.
		harness.simulator.injectFault({
			fault: { kind: 'delay', ms: 0 },
			method: 'POST',
			pathIncludes: 'paid_link',
		});
		harness.simulator.injectFault({
			fault: { kind: 'delay', ms: 300 },
			method: 'POST',
			times: Infinity,
		});
		harness.simulator.injectFault({
			fault: { kind: 'delay', ms: 300 },
			method: 'GET',
			times: Infinity,
		});

		const { error, items } = await runCashfree(harness, ids, {
			parameters: { additionalOptions: { concurrency: 10 } },
		});

		expect(items).toEqual([]);
		const requests = harness.simulator.requests;
		const lookups = requests.filter((request) => request.method === 'GET');
		expect(lookups.map((request) => request.path)).toEqual(['/pg/links/paid_link']);
		// Every cancel had started before the refusal was looked into: nothing started after it.
		const cancels = requests.filter((request) => request.method === 'POST');
		expect(cancels.every((request) => request.receivedAt <= lookups[0].receivedAt)).toBe(true);
		expect(cancels).toHaveLength(11);
		const done = cancelled(ids);
		expect(done).toContain('first_ok');
		expect(done.length - 1).toBeLessThanOrEqual(9);
		expect(error?.message).toMatch(
			/^Cashfree: .+ Payment link "paid_link" is PAID; only ACTIVE links can be cancelled\. /,
		);
		expect(error?.message).toContain(
			`${done.length} other links were cancelled before the run stopped: ${done.join(', ')}.`,
		);
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	it('the error lists the first 10 links that were cancelled, then says how many more', async () => {
		// Items at Once 1: the 13 links ahead of the refused one are all cancelled, in order.
		const ids = [...linkIds(13), 'paid_link'];
		for (const id of ids.slice(0, 13)) harness.simulator.seedLink({ link_id: id });
		harness.simulator.seedLink({ link_id: 'paid_link', link_status: 'PAID' });

		const { error, items } = await runCashfree(harness, ids, {
			parameters: { additionalOptions: { concurrency: 1 } },
		});

		expect(items).toEqual([]);
		expect(cancelled(ids)).toEqual(ids.slice(0, 13));
		const sentence =
			'13 other links were cancelled before the run stopped: ' +
			'bulk_00, bulk_01, bulk_02, bulk_03, bulk_04, bulk_05, bulk_06, bulk_07, bulk_08, bulk_09 and 3 more.';
		expect(error?.message).toMatch(/Payment link "paid_link" is PAID/);
		expect(error?.message).toContain(sentence);
		expect((error as { description?: string }).description).toContain(sentence);
		for (const unlisted of ['bulk_10', 'bulk_11', 'bulk_12'])
			expect(error?.message).not.toContain(unlisted);
	});

	it('with Treat Already-Cancelled as Success, no other request starts while the refusal is looked into', async () => {
		const ids = ['paid_link', ...linkIds(9)];
		harness.simulator.seedLink({ link_id: 'paid_link', link_status: 'PAID' });
		for (const id of ids.slice(1)) harness.simulator.seedLink({ link_id: id });
		harness.simulator.injectFault({ fault: { kind: 'delay', ms: 400 }, method: 'GET' });

		const { error } = await runCashfree(harness, ids, {
			parameters: { additionalOptions: { concurrency: 1, treatAlreadyCancelledAsSuccess: true } },
		});

		expect(error?.message).toMatch(/is PAID/);
		expect(error?.message).toContain('No other link was cancelled before the run stopped.');
		expect(
			harness.simulator.requests.map((request) => `${request.method} ${request.path}`),
		).toEqual(['POST /pg/links/paid_link/cancel', 'GET /pg/links/paid_link']);
		expect(cancelled(ids)).toEqual([]);
	});

	it('an already-cancelled link under that option holds the run only until the look-up, then the run goes on', async () => {
		const ids = ['gone_link', ...linkIds(5)];
		harness.simulator.seedLink({ link_id: 'gone_link', link_status: 'CANCELLED' });
		for (const id of ids.slice(1)) harness.simulator.seedLink({ link_id: id });

		const { error, items } = await runCashfree(harness, ids, {
			parameters: { additionalOptions: { concurrency: 3, treatAlreadyCancelledAsSuccess: true } },
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.link_status)).toEqual(ids.map(() => 'CANCELLED'));
		expect(items[0].json.alreadyCancelled).toBe(true);
	});

	it('an item waiting to retry a 503 does not retry once another item has failed', async () => {
		harness.simulator.seedLink({ link_id: 'flaky_link' });
		harness.simulator.seedLink({ link_id: 'paid_link', link_status: 'PAID' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 503 },
			method: 'POST',
			pathIncludes: 'flaky_link',
		});
		// The refusal arrives while flaky_link backs off (250-500 ms before its second try).
		harness.simulator.injectFault({
			fault: { kind: 'delay', ms: 100 },
			method: 'POST',
			pathIncludes: 'paid_link',
		});

		const { error } = await runCashfree(harness, ['flaky_link', 'paid_link'], {
			parameters: { additionalOptions: { concurrency: 2, maxAttempts: 5 } },
		});

		expect(error?.message).toMatch(/is PAID/);
		expect(error?.message).toContain('No other link was cancelled before the run stopped.');
		const flakyCancels = harness.simulator.requests.filter(
			(request) => request.path === '/pg/links/flaky_link/cancel',
		);
		expect(flakyCancels).toHaveLength(1);
		expect(harness.simulator.getLink('flaky_link')?.link_status).toBe('ACTIVE');
	});
});

describe('waits end when the run stops', () => {
	let server: HostileServer;
	beforeAll(async () => {
		server = await startHostileServer();
	});
	afterAll(async () => await server.stop());

	it('items paused by a rate limit are not sent after the failure, not even once the pause is over', async () => {
		server.handle((request, response) => {
			const url = request.url ?? '';
			const limits = { 'x-ratelimit-remaining': '100' };
			if (url.includes('ok_first'))
				return json(response, 200, { link_id: 'ok_first', link_status: 'CANCELLED' }, limits);
			if (url.includes('refused') && request.method === 'POST') {
				setTimeout(
					() =>
						json(response, 400, {
							message: 'link is not active',
							code: 'link_not_active',
							type: 'invalid_request_error',
						}),
					500,
				);
				return;
			}
			if (url.includes('refused'))
				return json(response, 200, { link_id: 'refused', link_status: 'PAID' }, limits);
			json(
				response,
				429,
				{ message: 'too many requests', code: 'request_limit_breached', type: 'rate_limit_error' },
				{
					'x-ratelimit-retry': '2',
					'x-ratelimit-remaining': '0',
				},
			);
		});
		const credentials = await harness.credential({ baseUrl: server.baseUrl });
		const ids = ['ok_first', 'refused', 'limited_a', 'limited_b', 'limited_c'];

		const { error } = await runCashfree(harness, ids, {
			credentials,
			parameters: { additionalOptions: { concurrency: 5 } },
		});
		const seenWhenTheRunEnded = server.seen.length;
		await new Promise((resolve) => setTimeout(resolve, 500));

		expect(error?.message).toMatch(/is PAID/);
		expect(error?.message).toContain(
			'1 other link was cancelled before the run stopped: ok_first.',
		);
		// The first item, the refusal and its look-up (which waits out the pause: it is a request
		// to Cashfree too), three 429s, and no retry of them after the pause.
		expect(server.seen.map((request) => `${request.method} ${request.url}`).sort()).toEqual(
			[
				'POST /pg/links/ok_first/cancel',
				'POST /pg/links/refused/cancel',
				'GET /pg/links/refused',
				'POST /pg/links/limited_a/cancel',
				'POST /pg/links/limited_b/cancel',
				'POST /pg/links/limited_c/cancel',
			].sort(),
		);
		expect(server.seen.length).toBe(seenWhenTheRunEnded);
	});
});
