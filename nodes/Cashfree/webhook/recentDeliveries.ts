import { createHash } from 'crypto';

/**
 * Cashfree delivers at least once: a retry after a timeout or a non-2xx answer, or a resend from
 * the dashboard, brings the same event again. Each trigger node remembers the deliveries it has
 * started a workflow for, so that one event starts one execution.
 *
 * The memory is bounded: at most MAX_KEYS keys per trigger node, each forgotten after TTL_MS, the
 * oldest dropped first (keys are kept in arrival order; a Map iterates in insertion order). Keys
 * are SHA-256 digests, so their size does not depend on what was sent.
 *
 * It lives in this process's memory (a module-level Map): it is lost on restart, and in n8n's
 * queue mode, where several webhook processes receive deliveries, each process remembers only
 * the deliveries it received itself. A retry that reaches another process, or arrives after a
 * restart, starts a second execution; workflows that must act once per payment should still check
 * Cashfree's own ids (cf_payment_id, refund_id) as Cashfree's docs advise.
 */

export const MAX_KEYS = 10_000;
export const TTL_MS = 24 * 60 * 60 * 1000;

export class RecentKeys {
	/** digest → when it was first seen (epoch ms), in arrival order. */
	private readonly seenAt = new Map<string, number>();

	constructor(
		private readonly maxKeys = MAX_KEYS,
		private readonly ttlMs = TTL_MS,
	) {}

	get size(): number {
		return this.seenAt.size;
	}

	/**
	 * True if `key` was seen within the TTL (a duplicate); otherwise remembers it and returns
	 * false. Expired and overflowing keys are dropped here, so no timer is needed.
	 */
	checkAndRemember(key: string, nowMs: number): boolean {
		this.forgetExpired(nowMs);
		const digest = createHash('sha256').update(key).digest('hex');
		const seen = this.seenAt.get(digest);
		if (seen !== undefined && nowMs - seen <= this.ttlMs) return true;
		this.seenAt.delete(digest);
		this.seenAt.set(digest, nowMs);
		while (this.seenAt.size > this.maxKeys) {
			const oldest = this.seenAt.keys().next().value;
			if (oldest === undefined) break;
			this.seenAt.delete(oldest);
		}
		return false;
	}

	private forgetExpired(nowMs: number) {
		for (const [digest, seenAt] of this.seenAt) {
			if (nowMs - seenAt <= this.ttlMs) break;
			this.seenAt.delete(digest);
		}
	}
}

const byTrigger = new Map<string, RecentKeys>();

/** The memory of one trigger node: one per workflow and node id. */
export function recentDeliveriesOf(workflowId: string, nodeId: string, mode: string): RecentKeys {
	// The editor's test URL and the production URL keep apart: an event tried out while building
	// the workflow must still start the production run when Cashfree sends it there.
	const scope = `${workflowId}\u0000${nodeId}\u0000${mode}`;
	let keys = byTrigger.get(scope);
	if (!keys) {
		keys = new RecentKeys();
		byTrigger.set(scope, keys);
	}
	return keys;
}

/**
 * What identifies one event across its deliveries: Cashfree's x-idempotency-key (API version
 * 2025-01-01, unique per event), or else the SHA-256 of the raw body, which a retry repeats
 * (the timestamp header is not part of it, in case a retry carries a new one).
 */
export function deliveryKey(idempotencyKey: string | undefined, rawBody: Buffer): string {
	return idempotencyKey
		? `idempotency-key:${idempotencyKey}`
		: `body-sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}
