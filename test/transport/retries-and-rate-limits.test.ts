import { runCashfree, startHarness, useHarness } from '../helpers/harness';

const harness = useHarness();

const cancelRequests = () =>
	harness.simulator.requests.filter((request) => request.url.endsWith('/cancel'));

describe('retries inside the transport', () => {
	it('retries a 5xx with the same derived idempotency key and succeeds', async () => {
		harness.simulator.seedLink({ link_id: 'retry_500' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 503 },
			pathIncludes: '/cancel',
			times: 2,
		});

		const { error, items } = await runCashfree(harness, ['retry_500']);

		expect(error).toBeUndefined();
		expect(items[0].json.link_status).toBe('CANCELLED');
		const keys = cancelRequests().map((request) => request.headers['x-idempotency-key']);
		expect(keys).toHaveLength(3);
		expect(new Set(keys).size).toBe(1);
		expect(keys[0]).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
	});

	it('derives a different key for each item, and a new one for a new execution', async () => {
		harness.simulator.seedLink({ link_id: 'key_a' });
		harness.simulator.seedLink({ link_id: 'key_b' });
		await runCashfree(harness, ['key_a', 'key_b']);
		harness.simulator.seedLink({ link_id: 'key_a' });
		await runCashfree(harness, ['key_a']);

		const keys = cancelRequests().map((request) => request.headers['x-idempotency-key']);
		expect(new Set(keys).size).toBe(3);
	});

	it("keeps the user's own idempotency key across retries", async () => {
		harness.simulator.seedLink({ link_id: 'retry_user_key' });
		harness.simulator.injectFault({ fault: { kind: 'drop' }, pathIncludes: '/cancel' });

		const { items } = await runCashfree(harness, ['retry_user_key'], {
			parameters: { additionalOptions: { idempotencyKey: '=nightly-{{ $json.link_id }}' } },
		});

		expect(items[0].json.link_status).toBe('CANCELLED');
		expect(cancelRequests().map((request) => request.headers['x-idempotency-key'])).toEqual([
			'nightly-retry_user_key',
			'nightly-retry_user_key',
		]);
	});

	it('a response lost after Cashfree cancelled the link: the retry gets the cancelled link, cancelled exactly once', async () => {
		harness.simulator.seedLink({ link_id: 'lost_answer' });
		harness.simulator.injectFault({ fault: { kind: 'dropAfterApply' }, pathIncludes: '/cancel' });

		const { error, items } = await runCashfree(harness, ['lost_answer']);

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ link_id: 'lost_answer', link_status: 'CANCELLED' });
		expect(items[0].json.alreadyCancelled).toBeUndefined();
		expect(cancelRequests()).toHaveLength(2);
		expect(harness.simulator.cancelCount('lost_answer')).toBe(1);
	});

	it('a timeout is retried; the late first request and the retry cancel the link once', async () => {
		harness.simulator.seedLink({ link_id: 'slow_once' });
		harness.simulator.injectFault({ fault: { kind: 'delay', ms: 1500 }, pathIncludes: '/cancel' });

		const { error, items } = await runCashfree(harness, ['slow_once'], {
			parameters: { additionalOptions: { timeout: 1000 } },
		});

		expect(error).toBeUndefined();
		expect(items[0].json.link_status).toBe('CANCELLED');
		await new Promise((resolve) => setTimeout(resolve, 800));
		expect(harness.simulator.cancelCount('slow_once')).toBe(1);
	});

	it('gives up after Max Attempts', async () => {
		harness.simulator.seedLink({ link_id: 'always_502' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 502 },
			pathIncludes: '/cancel',
			times: Infinity,
		});

		const { error } = await runCashfree(harness, ['always_502'], {
			parameters: { additionalOptions: { maxAttempts: 4 } },
		});

		expect((error as { description?: string }).description).toMatch(/attempts: 4/);
		expect(cancelRequests()).toHaveLength(4);
	});

	it.each([
		['404 not found', 'missing_link', undefined],
		['400 not active', 'paid_link', 'PAID'],
	] as const)('never retries a %s', async (_case, linkId, status) => {
		if (status) harness.simulator.seedLink({ link_id: linkId, link_status: status });

		const { error } = await runCashfree(harness, [linkId]);

		expect(error).toBeDefined();
		expect(cancelRequests()).toHaveLength(1);
	});

	it('stops when Cashfree replays a stored error for the key: repeating it would change nothing', async () => {
		harness.simulator.seedLink({ link_id: 'stored_500' });
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 500, stored: true },
			pathIncludes: '/cancel',
		});

		const { error } = await runCashfree(harness, ['stored_500'], {
			parameters: { additionalOptions: { maxAttempts: 5 } },
		});

		expect((error as { httpCode?: string }).httpCode).toBe('500');
		// Cashfree keeps the first answer under the key (it said x-idempotency-replayed: false),
		// 5xx included, as it documents: a retry with that key could only get it replayed.
		expect(cancelRequests()).toHaveLength(1);
		expect(harness.simulator.getLink('stored_500')?.link_status).toBe('ACTIVE');
	});

	it('never retries a 422 idempotency error', async () => {
		harness.simulator.seedLink({ link_id: 'first_use' });
		harness.simulator.seedLink({ link_id: 'second_use' });
		const options = {
			parameters: { additionalOptions: { idempotencyKey: 'one-key-for-two-links' } },
		};
		await runCashfree(harness, ['first_use'], options);

		const { error } = await runCashfree(harness, ['second_use'], options);

		expect((error as { httpCode?: string }).httpCode).toBe('422');
		expect(cancelRequests()).toHaveLength(2);
		expect(harness.simulator.getLink('second_use')?.link_status).toBe('ACTIVE');
	});
});

describe('rate limits', () => {
	it('waits the seconds in x-ratelimit-retry and finishes every item, with every worker pausing together', async () => {
		const limited = await startHarness({ rateLimitPerWindow: 4, rateLimitWindowMs: 2000 });
		try {
			const linkIds = Array.from({ length: 12 }, (_, index) => `limited_${index}`);
			for (const link_id of linkIds) limited.simulator.seedLink({ link_id });

			const { error, items } = await runCashfree(limited, linkIds, {
				parameters: { additionalOptions: { concurrency: 8 } },
			});

			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.link_status)).toEqual(linkIds.map(() => 'CANCELLED'));
			const rejected = limited.simulator.requests.filter(
				(request) => request.status === 429,
			).length;
			// Uncoordinated, 8 workers would collect about 4 rejections per window; together and
			// guided by x-ratelimit-remaining they take about one per window.
			expect(rejected).toBeLessThanOrEqual(3);
			for (const link_id of linkIds) expect(limited.simulator.cancelCount(link_id)).toBe(1);
		} finally {
			await limited.stop();
		}
	});
});

describe('several executions on one Cashfree account (n8n queue mode: one per worker)', () => {
	it('share its rate limit: every link cancelled once, and about half the 429s of each taking all of x-ratelimit-remaining', async () => {
		const perWindow = 40;
		const limited = await startHarness({ rateLimitPerWindow: perWindow, rateLimitWindowMs: 1000 });
		try {
			const executions = [0, 1].map((execution) =>
				Array.from({ length: 60 }, (_, index) => `shared_${execution}_${index}`),
			);
			for (const link_id of executions.flat()) limited.simulator.seedLink({ link_id });

			// Two runs at once: each has its own governor, as executions on two workers do.
			const runs = await Promise.all(
				executions.map(
					async (linkIds) =>
						await runCashfree(limited, linkIds, {
							continueOnFail: true,
							parameters: { additionalOptions: { concurrency: 50 } },
						}),
				),
			);

			for (const [index, { items }] of runs.entries()) {
				expect(items.map((item) => item.json.link_status)).toEqual(
					executions[index].map(() => 'CANCELLED'),
				);
			}
			for (const link_id of executions.flat())
				expect(limited.simulator.cancelCount(link_id)).toBe(1);
			const rejected = limited.simulator.requests.filter(
				(request) => request.status === 429,
			).length;
			// Each taking all of x-ratelimit-remaining, the two overshot it by a whole window at
			// its first end (40 answered 429 in all); taking half of it, by about half (20).
			expect(rejected).toBeLessThanOrEqual((perWindow * 3) / 4);
		} finally {
			await limited.stop();
		}
	});
});

describe('the rate-limit governor shared by the items of one execution', () => {
	type Governor = import('../../dist/nodes/Cashfree/transport/rateLimit').RateLimitGovernor;
	/** Asks for `count` starts at once; the returned function tells how many were let through. */
	const askToStart = async (governor: Governor, count: number) => {
		let letThrough = 0;
		for (let index = 0; index < count; index++) void governor.acquire().then(() => letThrough++);
		await new Promise((resolve) => setImmediate(resolve));
		return () => letThrough;
	};

	it('lets one request go first, then half of x-ratelimit-remaining, never more: others on the account spend it too', async () => {
		const { RateLimitGovernor } = await import('../../dist/nodes/Cashfree/transport/rateLimit');
		const governor = new RateLimitGovernor();
		const first = await askToStart(governor, 1);
		expect(first()).toBe(1);

		const others = await askToStart(governor, 5);
		expect(others()).toBe(0);
		governor.finished({ 'x-ratelimit-remaining': '6' }, 200);
		await new Promise((resolve) => setImmediate(resolve));
		expect(others()).toBe(3);
	});

	it('after a 429 holds every request for x-ratelimit-retry seconds', async () => {
		const { RateLimitGovernor } = await import('../../dist/nodes/Cashfree/transport/rateLimit');
		const governor = new RateLimitGovernor();
		await governor.acquire();
		governor.finished({ 'x-ratelimit-remaining': '0', 'x-ratelimit-retry': '1' }, 429);
		const startedAt = Date.now();
		await Promise.all([governor.acquire()]);
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(950);
	});

	it('does not hold requests back when the answers carry no rate-limit headers', async () => {
		const { RateLimitGovernor } = await import('../../dist/nodes/Cashfree/transport/rateLimit');
		const governor = new RateLimitGovernor();
		await governor.acquire();
		governor.finished(undefined, 200);
		const all = await askToStart(governor, 6);
		expect(all()).toBe(6);
	});
});

describe('Items at Once', () => {
	it('keeps output order and pairing when answers come back out of order', async () => {
		const linkIds = Array.from({ length: 10 }, (_, index) => `order_${index}`);
		for (const link_id of linkIds) harness.simulator.seedLink({ link_id });
		// Earlier items answer later, so completion order is the reverse of input order.
		linkIds.forEach((link_id, index) =>
			harness.simulator.injectFault({
				fault: { kind: 'delay', ms: (10 - index) * 40 },
				pathIncludes: `/${link_id}/`,
			}),
		);

		const { items } = await runCashfree(harness, linkIds, {
			parameters: { additionalOptions: { concurrency: 10 } },
		});

		expect(items.map((item) => item.json.link_id)).toEqual(linkIds);
		expect(items.map((item) => item.pairedItem)).toEqual(linkIds.map((_, item) => ({ item })));
	});

	it('sends up to that many requests at the same time', async () => {
		const linkIds = Array.from({ length: 9 }, (_, index) => `parallel_${index}`);
		for (const link_id of linkIds) harness.simulator.seedLink({ link_id });
		harness.simulator.injectFault({
			fault: { kind: 'delay', ms: 400 },
			pathIncludes: '/cancel',
			times: Infinity,
		});

		await runCashfree(harness, linkIds, { parameters: { additionalOptions: { concurrency: 4 } } });

		// The first request goes alone (to learn the rate limit), then four at a time.
		const arrivals = cancelRequests().map((request) => request.receivedAt);
		const sameMoment = (a: number, b: number) => Math.abs(a - b) < 200;
		expect(arrivals.slice(2, 5).every((at) => sameMoment(at, arrivals[1]))).toBe(true);
		expect(arrivals[5] - arrivals[1]).toBeGreaterThanOrEqual(300);
	});
});
