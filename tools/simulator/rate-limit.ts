export interface RateLimitSnapshot {
	limit: number;
	remaining: number;
	/** Whole seconds until a slot frees; 0 while within the limit. */
	retryAfterSeconds: number;
}

/** Reported as the limit when the simulator is unlimited, so clients still see the headers Cashfree always sends. */
export const UNLIMITED_RATE_LIMIT = 1_000_000;

/**
 * Sliding-window limiter, as Cashfree describes its own: a request is allowed when fewer
 * than `limit` requests were accepted in the last `windowMs`. Only accepted requests are
 * remembered, so requests answered 429 do not push the window further out.
 */
export class SlidingWindowRateLimiter {
	private readonly acceptedAtByKey = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
	) {}

	private get unlimited(): boolean {
		return this.limit <= 0;
	}

	/** Counts the request when there is room; the snapshot describes the state after the decision. */
	tryAcquire(key: string, now = Date.now()): { allowed: boolean; snapshot: RateLimitSnapshot } {
		if (this.unlimited) return { allowed: true, snapshot: this.peek(key, now) };
		const accepted = this.acceptedWithinWindow(key, now);
		const allowed = accepted.length < this.limit;
		if (allowed) accepted.push(now);
		return { allowed, snapshot: this.peek(key, now) };
	}

	peek(key: string, now = Date.now()): RateLimitSnapshot {
		if (this.unlimited) {
			return { limit: UNLIMITED_RATE_LIMIT, remaining: UNLIMITED_RATE_LIMIT, retryAfterSeconds: 0 };
		}
		const accepted = this.acceptedWithinWindow(key, now);
		const remaining = Math.max(0, this.limit - accepted.length);
		const retryAfterSeconds =
			remaining > 0 ? 0 : Math.max(1, Math.ceil((accepted[0] + this.windowMs - now) / 1000));
		return { limit: this.limit, remaining, retryAfterSeconds };
	}

	reset(): void {
		this.acceptedAtByKey.clear();
	}

	private acceptedWithinWindow(key: string, now: number): number[] {
		const windowStart = now - this.windowMs;
		const accepted = (this.acceptedAtByKey.get(key) ?? []).filter((at) => at > windowStart);
		this.acceptedAtByKey.set(key, accepted);
		return accepted;
	}
}
