import { sleep } from 'n8n-workflow';

import { headerText, type ResponseHeaders } from './answerText';

/**
 * Cashfree documents x-ratelimit-retry as 1 to 59 seconds once the limit is breached. A larger
 * value is a broken or hostile server: 3,000,000 once overflowed the timer into a 1 ms loop.
 */
export const MAX_RATE_LIMIT_PAUSE_SECONDS = 60;

function headerNumber(headers: ResponseHeaders, name: string): number | undefined {
	const text = headerText(headers, name);
	const value = Number(text);
	return text !== undefined && text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

/** The seconds to pause after a 429: Cashfree's figure, kept within what it documents. */
export function rateLimitPauseSeconds(headers: ResponseHeaders): number {
	const retry = headerNumber(headers, 'x-ratelimit-retry');
	if (retry === undefined || retry < 1) return 1;
	return Math.min(MAX_RATE_LIMIT_PAUSE_SECONDS, Math.ceil(retry));
}

/** Thrown to every waiting request once the run's time for waiting out rate limits is spent. */
export class RateLimitBudgetSpentError extends Error {
	constructor(readonly budgetSeconds: number) {
		super(`The run has waited ${budgetSeconds} s for Cashfree's rate limit, its budget`);
	}
}

/**
 * The pauses waiting on one signal, behind a single abort listener: every item waiting out a
 * rate limit waits on the run's signal, and Node warns of a leak ("MaxListenersExceeded")
 * past 10 listeners on one signal, while Items at Once allows 50.
 */
const pausesBySignal = new WeakMap<AbortSignal, Set<() => void>>();

function whenAborted(signal: AbortSignal, callback: () => void): () => void {
	let callbacks = pausesBySignal.get(signal);
	if (!callbacks) {
		const created = new Set<() => void>();
		pausesBySignal.set(signal, created);
		signal.addEventListener('abort', () => [...created].forEach((call) => call()), { once: true });
		callbacks = created;
	}
	const registered = callbacks;
	registered.add(callback);
	return () => void registered.delete(callback);
}

/** Resolves after `milliseconds`, or rejects at once when `signal` aborts. */
export async function pause(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
	if (!signal) return await sleep(milliseconds);
	if (signal.aborted) throw signal.reason;
	const own = new AbortController();
	const forget = whenAborted(signal, () => own.abort(signal.reason));
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(signal.reason);
		own.signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		// n8n 2.x's sleep also clears its timer on abort; older ones ignore the signal, and the
		// race still ends the wait at once.
		await Promise.race([sleep(milliseconds, own.signal), aborted]);
	} finally {
		forget();
		own.signal.removeEventListener('abort', onAbort);
	}
}

/**
 * The part of Cashfree's last reported `x-ratelimit-remaining` one execution lets itself have
 * in flight. Cashfree counts its limit per account, and other executions (other n8n workers in
 * queue mode) spend the same remaining unseen: when each took all of it, together they
 * overshot the limit by up to their Items at Once each (4 executions at 50: about 300 answers
 * 429 for 600 cancels, `npm run bench:rate`). Half of what is left per round trip lets several
 * close in on the limit together; a lone execution loses a few round trips at the end of a
 * window, and where requests free up slowly it sends about as fast as they free instead of
 * running into a 429 and its whole-second pause.
 */
export const SHARE_OF_REMAINING = 1 / 2;

/**
 * Shared by every request of one node execution, so that concurrent items respect Cashfree's
 * per-minute limit together, and leave room for other executions on the same account:
 * - before the limit: requests in flight never outnumber SHARE_OF_REMAINING of the
 *   `x-ratelimit-remaining` that Cashfree last reported, so a burst cannot overshoot it (the
 *   first request goes alone, to learn it, and so does the next when less than two are left);
 * - at the limit: when one request gets a 429, every request waits the `x-ratelimit-retry`
 *   seconds it named before starting again, then one goes first;
 * - the pauses of one run add up to at most `budgetSeconds`: a server that answers 429 to
 *   everything ends the run with the rate-limit error instead of keeping it alive for hours.
 */
export class RateLimitGovernor {
	private pausedUntil = 0;

	/** Requests we may still start before Cashfree's window is full; unknown until it says. */
	private budget: number | undefined;

	private inFlight = 0;

	private waiting: Array<() => void> = [];

	/** Milliseconds this run has been paused by 429s so far (overlapping pauses count once). */
	private pausedMs = 0;

	private spent = false;

	constructor(public budgetSeconds = Number.POSITIVE_INFINITY) {}

	setBudget(seconds: number): void {
		this.budgetSeconds = seconds;
	}

	/**
	 * Resolves when a request may start; the caller must call `finished` once it has an answer.
	 * Rejects with the signal's reason when it aborts (the run stopped or the execution was
	 * cancelled), and with RateLimitBudgetSpentError once the run's waiting budget is used up.
	 */
	async acquire(signal?: AbortSignal): Promise<void> {
		for (;;) {
			if (signal?.aborted) throw signal.reason;
			if (this.spent) throw new RateLimitBudgetSpentError(this.budgetSeconds);
			const wait = this.pausedUntil - Date.now();
			if (wait > 0) {
				await pause(wait, signal);
				continue;
			}
			// Until Cashfree has said how much room there is, and whenever none is left, one
			// request at a time goes first: its answer tells the others whether to follow.
			if ((this.budget !== undefined && this.budget > 0) || this.inFlight === 0) {
				this.inFlight++;
				if (this.budget !== undefined) this.budget--;
				return;
			}
			await this.nextAnswer(signal);
		}
	}

	/**
	 * Records what Cashfree said about the limit (headers may be absent: network failure).
	 * Returns false for a 429 that may not be waited out because the run's budget is spent.
	 */
	finished(headers: ResponseHeaders, status: number | undefined): boolean {
		this.inFlight--;
		let mayWait = true;
		const remaining = headerNumber(headers, 'x-ratelimit-remaining');
		if (remaining !== undefined)
			this.budget = Math.max(0, Math.floor(remaining * SHARE_OF_REMAINING) - this.inFlight);
		// An answer without rate-limit headers (a proxy may drop them): nothing to pace by.
		else if (status !== undefined && this.budget === undefined)
			this.budget = Number.POSITIVE_INFINITY;
		if (status === 429) {
			this.budget = 0;
			mayWait = this.pauseFor(rateLimitPauseSeconds(headers) * 1000);
		}
		this.wakeAll();
		return mayWait;
	}

	/**
	 * Whether Cashfree shows room for `more` requests beyond those in flight: it reported what
	 * is left (or sent no rate-limit headers at all) and no 429 has come in this run.
	 */
	hasRoomFor(more: number): boolean {
		return this.pausedMs === 0 && !this.spent && this.budget !== undefined && this.budget >= more;
	}

	/** Gives back a start that `acquire` granted but that was not used after all. */
	abandon(): void {
		this.inFlight--;
		if (this.budget !== undefined) this.budget++;
		this.wakeAll();
	}

	/** Lets every request waiting for an answer look again at the budget. */
	private wakeAll(): void {
		const waiting = this.waiting;
		this.waiting = [];
		for (const wake of waiting) wake();
	}

	private async nextAnswer(signal: AbortSignal | undefined): Promise<void> {
		let forget = () => {};
		try {
			await new Promise<void>((resolve, reject) => {
				this.waiting.push(resolve);
				if (signal) forget = whenAborted(signal, () => reject(signal.reason));
			});
		} finally {
			forget();
		}
	}

	private pauseFor(milliseconds: number): boolean {
		const now = Date.now();
		const until = Math.max(this.pausedUntil, now + milliseconds);
		const added = until - Math.max(this.pausedUntil, now);
		if (this.spent || this.pausedMs + added > this.budgetSeconds * 1000) {
			this.spent = true;
			return false;
		}
		this.pausedMs += added;
		this.pausedUntil = until;
		return true;
	}
}
