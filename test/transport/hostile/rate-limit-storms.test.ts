/**
 * Finding 5 of the hardening issue: a server that always answers 429 kept a run going for
 * items x 21 x x-ratelimit-retry, and x-ratelimit-retry: 3000000 overflowed the timer into a
 * 1 ms loop that cancelling the execution did not stop.
 */
import {
	MAX_RATE_LIMIT_PAUSE_SECONDS,
	rateLimitPauseSeconds,
} from '../../../nodes/Cashfree/transport/rateLimit';
import { runCashfree, useHarness } from '../../helpers/harness';
import { json, useHostileServer } from '../../helpers/hostile-server';

const harness = useHarness();
const server = useHostileServer();

function alwaysRateLimited(retry: string) {
	server.handle((_request, response) =>
		json(
			response,
			429,
			{ message: 'too many requests', code: 'request_limit_breached', type: 'rate_limit_error' },
			{
				'x-ratelimit-retry': retry,
				'x-ratelimit-remaining': '0',
			},
		),
	);
}

describe('rate-limit storms end', () => {
	it.each([
		['3000000', MAX_RATE_LIMIT_PAUSE_SECONDS],
		['59', 59],
		['0', 1],
		['-4', 1],
		['soon', 1],
		[undefined, 1],
	])('x-ratelimit-retry %j pauses %i s at most', (header, seconds) => {
		expect(rateLimitPauseSeconds(header === undefined ? {} : { 'x-ratelimit-retry': header })).toBe(
			seconds,
		);
	});

	it('x-ratelimit-retry: 3000000 is held to 60 s, which the wait budget then refuses at once', async () => {
		alwaysRateLimited('3000000');
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error } = await runCashfree(harness, ['link_a', 'link_b'], {
			credentials,
			parameters: { additionalOptions: { rateLimitWaitBudget: 30 } },
		});

		expect(error?.message).toMatch(/^Cashfree: too many requests\./);
		expect((error as { description?: string }).description).toMatch(
			/stopped waiting for Cashfree's rate limit .* \(Rate Limit Wait Budget\)/,
		);
		expect((error as { context?: { cashfree?: unknown } }).context?.cashfree).toMatchObject({
			httpStatus: 429,
			retryAfterSeconds: 60,
			rateLimitWaitBudget: 30,
		});
		expect(server.seen).toHaveLength(1);
	});

	it("a server that always answers 429: every item fails with the rate-limit error once the run's budget is spent", async () => {
		alwaysRateLimited('1');
		const credentials = await harness.credential({ baseUrl: server.baseUrl });
		const ids = ['link_a', 'link_b', 'link_c', 'link_d'];

		const { items } = await runCashfree(harness, ids, {
			credentials,
			continueOnFail: true,
			parameters: { additionalOptions: { rateLimitWaitBudget: 3, concurrency: 4 } },
		});

		expect(items.map((item) => item.json.httpStatus)).toEqual([429, 429, 429, 429]);
		expect(
			items.every((item) => /Rate Limit Wait Budget/.test(String(item.json.errorDescription))),
		).toBe(true);
		// Three one-second pauses for the whole run, not per item: a handful of requests in all.
		expect(server.seen.length).toBeLessThanOrEqual(8);
	});

	it('Wait Out Rate Limits off still fails at the first 429', async () => {
		alwaysRateLimited('1');
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error } = await runCashfree(harness, ['link_a'], {
			credentials,
			parameters: { additionalOptions: { waitOnRateLimit: false } },
		});

		expect((error as { httpCode?: string }).httpCode).toBe('429');
		expect((error as { description?: string }).description).toMatch(
			/Wait 1 seconds before retrying/,
		);
		expect(server.seen).toHaveLength(1);
	});
});

describe('cancelling the execution', () => {
	it('ends a 60 s rate-limit pause at once: no request follows and the node settles', async () => {
		alwaysRateLimited('60');
		const credentials = await harness.credential({ baseUrl: server.baseUrl });
		const ids = ['link_a', 'link_b', 'link_c'];

		const started = Date.now();
		const result = await runCashfree(harness, ids, { credentials, cancelAfterMs: 500 });

		expect(result.run.status).toBe('canceled');
		expect(result.nodeSettledAt).toBeDefined();
		expect((result.nodeSettledAt ?? Infinity) - started).toBeLessThan(10000);
		expect(server.seen).toHaveLength(1);
	});
});

/**
 * The most abort listeners any one signal had at once while `run` ran. Node prints a
 * MaxListenersExceededWarning into n8n's log past 10; Jest hides process warnings from tests,
 * so the listeners are counted where they are added.
 */
async function mostAbortListeners(run: () => Promise<unknown>): Promise<number> {
	const prototype = EventTarget.prototype;
	const { addEventListener, removeEventListener } = prototype;
	const counts = new WeakMap<EventTarget, Set<unknown>>();
	let most = 0;
	prototype.addEventListener = function (
		this: EventTarget,
		type: string,
		listener: unknown,
		...rest: unknown[]
	) {
		if (type === 'abort') {
			const listeners = counts.get(this) ?? new Set();
			counts.set(this, listeners);
			listeners.add(listener);
			most = Math.max(most, listeners.size);
		}
		return addEventListener.call(
			this,
			type,
			listener as Parameters<EventTarget['addEventListener']>[1],
			...(rest as []),
		);
	};
	prototype.removeEventListener = function (
		this: EventTarget,
		type: string,
		listener: unknown,
		...rest: unknown[]
	) {
		if (type === 'abort') counts.get(this)?.delete(listener);
		return removeEventListener.call(
			this,
			type,
			listener as Parameters<EventTarget['addEventListener']>[1],
			...(rest as []),
		);
	};
	try {
		await run();
	} finally {
		prototype.addEventListener = addEventListener;
		prototype.removeEventListener = removeEventListener;
	}
	return most;
}

describe('many items waiting out one pause', () => {
	it("50 items at once paused together put at most a few listeners on any signal (no leak warning in n8n's log)", async () => {
		let answered = 0;
		server.handle((_request, response) => {
			// The first answer is a 429 with a 1 s pause, which every other item waits out too.
			if (answered++ === 0) {
				json(
					response,
					429,
					{
						message: 'too many requests',
						code: 'request_limit_breached',
						type: 'rate_limit_error',
					},
					{ 'x-ratelimit-retry': '1', 'x-ratelimit-remaining': '0' },
				);
				return;
			}
			json(
				response,
				200,
				{ link_id: 'x', link_status: 'CANCELLED' },
				{ 'x-ratelimit-remaining': '100' },
			);
		});
		const credentials = await harness.credential({ baseUrl: server.baseUrl });
		let outcome: Awaited<ReturnType<typeof runCashfree>> | undefined;

		const most = await mostAbortListeners(async () => {
			outcome = await runCashfree(
				harness,
				Array.from({ length: 60 }, (_, index) => `link_${index}`),
				{ credentials, parameters: { additionalOptions: { concurrency: 50 } } },
			);
		});

		expect(outcome?.error).toBeUndefined();
		expect(outcome?.items).toHaveLength(60);
		expect(most).toBeLessThanOrEqual(10);
	});
});
