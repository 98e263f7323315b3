import { sleep } from 'n8n-workflow';

/** Response headers as n8n returns them: lower-case names, string values. */
export type ResponseHeaders = Record<string, unknown> | undefined;

function headerNumber(headers: ResponseHeaders, name: string): number | undefined {
	const value = Number(headers?.[name]);
	return headers?.[name] !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * Shared by every request of one node execution, so that concurrent items respect Cashfree's
 * per-minute limit together:
 * - before the limit: requests in flight never outnumber the `x-ratelimit-remaining` that
 *   Cashfree last reported, so a burst cannot overshoot it (the first request goes alone, to
 *   learn it);
 * - at the limit: when one request gets a 429, every request waits the `x-ratelimit-retry`
 *   seconds it named before starting again.
 */
export class RateLimitGovernor {
	private pausedUntil = 0;

	/** Requests we may still start before Cashfree's window is full; unknown until it says. */
	private budget: number | undefined;

	private inFlight = 0;

	private waiting: Array<() => void> = [];

	/** Resolves when a request may start; the caller must call `finished` once it has an answer. */
	async acquire(): Promise<void> {
		for (;;) {
			const pause = this.pausedUntil - Date.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			// Until Cashfree has said how much room there is, and whenever none is left, one
			// request at a time goes first: its answer tells the others whether to follow.
			if ((this.budget !== undefined && this.budget > 0) || this.inFlight === 0) {
				this.inFlight++;
				if (this.budget !== undefined) this.budget--;
				return;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	/** Records what Cashfree said about the limit (headers may be absent: network failure). */
	finished(headers: ResponseHeaders, status: number | undefined): void {
		this.inFlight--;
		const remaining = headerNumber(headers, 'x-ratelimit-remaining');
		if (remaining !== undefined) this.budget = Math.max(0, remaining - this.inFlight);
		// An answer without rate-limit headers (a proxy may drop them): nothing to pace by.
		else if (status !== undefined && this.budget === undefined) this.budget = Number.POSITIVE_INFINITY;
		if (status === 429) {
			this.budget = 0;
			const retrySeconds = headerNumber(headers, 'x-ratelimit-retry');
			// Cashfree says 1-59 s when the limit is breached; without it, wait a second.
			this.pauseFor(retrySeconds && retrySeconds > 0 ? retrySeconds * 1000 : 1000);
		}
		const waiting = this.waiting;
		this.waiting = [];
		for (const wake of waiting) wake();
	}

	private pauseFor(milliseconds: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + milliseconds);
	}
}
