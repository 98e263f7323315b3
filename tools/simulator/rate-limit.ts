import type { EndpointGroup, EndpointRateLimits } from './types';

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

/**
 * Cashfree's documented default limits per minute, per account, for the endpoints the
 * simulator serves ("Pay Order", limited per IP, is not served here). The sandbox table
 * consulted had no row for fetching one payment and was cut off before Get Refund, so those
 * two stay unlimited in the sandbox set.
 */
export const CASHFREE_PRODUCTION_RATE_LIMITS: Readonly<EndpointRateLimits> = {
	createOrder: 200,
	getOrder: 400,
	getPayments: 100,
	getPaymentById: 130,
	getSettlements: 30,
	createRefund: 100,
	getRefund: 30,
};

export const CASHFREE_SANDBOX_RATE_LIMITS: Readonly<EndpointRateLimits> = {
	createOrder: 30,
	getOrder: 60,
	getPayments: 30,
	getSettlements: 20,
	createRefund: 30,
};

/**
 * The per-client window over every request, plus one window per endpoint group that has a
 * limit of its own. A request must fit in all that apply and is counted in all of them, or
 * in none; the headers describe whichever window is closest to its limit.
 */
export class RateLimits {
	private readonly overall: SlidingWindowRateLimiter;
	private readonly perGroup = new Map<EndpointGroup, SlidingWindowRateLimiter>();

	constructor(perWindow: number, windowMs: number, endpointLimits: EndpointRateLimits = {}) {
		this.overall = new SlidingWindowRateLimiter(perWindow, windowMs);
		for (const [group, limit] of Object.entries(endpointLimits) as [
			EndpointGroup,
			number | undefined,
		][]) {
			if (limit === undefined || limit === 0) continue;
			if (!(limit > 0) || !Number.isInteger(limit))
				throw new RangeError(`endpoint rate limit for ${group} must be a whole number >= 0`);
			this.perGroup.set(group, new SlidingWindowRateLimiter(limit, windowMs));
		}
	}

	tryAcquire(
		clientId: string,
		group?: EndpointGroup,
		now = Date.now(),
	): { allowed: boolean; snapshot: RateLimitSnapshot } {
		const groupLimiter = group === undefined ? undefined : this.perGroup.get(group);
		const limiters = groupLimiter ? [this.overall, groupLimiter] : [this.overall];
		const exhausted = limiters
			.map((limiter) => limiter.peek(clientId, now))
			.find((snapshot) => snapshot.remaining === 0);
		if (exhausted) return { allowed: false, snapshot: exhausted };
		const snapshots = limiters.map((limiter) => limiter.tryAcquire(clientId, now).snapshot);
		return {
			allowed: true,
			snapshot: snapshots.reduce((tightest, next) =>
				next.remaining < tightest.remaining ? next : tightest,
			),
		};
	}

	peek(clientId: string, now = Date.now()): RateLimitSnapshot {
		return this.overall.peek(clientId, now);
	}

	reset(): void {
		this.overall.reset();
		for (const limiter of this.perGroup.values()) limiter.reset();
	}
}
