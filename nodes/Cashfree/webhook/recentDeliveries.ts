import { createHash } from 'crypto';

import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/**
 * Cashfree delivers at least once: a retry after a timeout or a non-2xx answer, or a resend from
 * the dashboard, brings the same event again. Each trigger node remembers the deliveries it has
 * started a workflow for, so that one event starts one execution, and so that a captured
 * delivery replayed while its signed timestamp is still within the tolerance starts nothing.
 *
 * What a delivery is: the SHA-256 of its raw body, and nothing else. The signature covers only
 * x-webhook-timestamp and the body; any other header (x-idempotency-key included) can be changed
 * or dropped by whoever replays a captured delivery, so none of them may make a delivery new. The
 * timestamp is left out too: a retry or a dashboard resend that Cashfree signs again carries a new
 * one over the same body, and is the same event. Cashfree's own x-idempotency-key is documented
 * as unique per payload, so the body identifies an event as well as the key did.
 *
 * Two memories, with the same rules:
 *
 * - In this process (a module-level Map per workflow, node id and mode), checked and updated
 *   with no `await` in between, so that copies arriving at the same time cannot both pass.
 *   At most PROCESS_MAX_ENTRIES; lost on restart.
 * - In the workflow's static data (`getWorkflowStaticData('node')`), for the production URL only:
 *   n8n's LiveWebhooks loads it with the workflow for every request and saves it after the answer
 *   when it changed, in the database every main and webhook process shares, so it survives
 *   restarts and reaches the other processes in queue mode. At most STORED_MAX_ENTRIES, since it
 *   is read with every request and written with every new event. The editor's test URL keeps no
 *   static data between calls (n8n's TestWebhooks starts from an empty one).
 *
 * Only a new, verified, selected event adds an entry; a delivery already remembered adds nothing
 * and refreshes nothing, so replays cannot push remembered events out. An entry is kept for
 * RETRY_MEMORY_MS (Cashfree's retries and resends come within it) or until its replay window
 * closes (signed timestamp + tolerance), whichever is later. When a memory is full, the oldest
 * entries make room; if one of them could still be replayed, the caller is told, to log it: the
 * bound is sized for far more events than a trigger receives within the tolerance.
 */

export const PROCESS_MAX_ENTRIES = 10_000;
export const STORED_MAX_ENTRIES = 1_000;
export const RETRY_MEMORY_MS = 24 * 60 * 60 * 1000;

/** The key of the node's static data that holds the stored memory. */
export const STATIC_DATA_KEY = 'recentDeliveries';

/** The identity of a delivery: the base64url SHA-256 of its raw body (43 characters). */
export function deliveryId(rawBody: Buffer): string {
	return createHash('sha256').update(rawBody).digest('base64url');
}

interface Remembered {
	/** When the event first started a run, epoch ms. */
	seenAt: number;
	/** Until when a replay of that delivery would pass the timestamp check, epoch ms. */
	replayUntil: number;
}

/** The stored form: id → [first seen, replay window end], both in epoch seconds. */
export type StoredDeliveries = Record<string, [number, number]>;

const DELIVERY_ID = /^[A-Za-z0-9_-]{43}$/;

export class DeliveryMemory {
	/** id → what is remembered of it, in the order the ids were first seen. */
	private readonly entries = new Map<string, Remembered>();

	constructor(
		readonly maxEntries: number,
		private readonly retryMemoryMs = RETRY_MEMORY_MS,
	) {}

	get size(): number {
		return this.entries.size;
	}

	/** True while `id` is remembered: a delivery of it now is a duplicate or a replay. */
	has(id: string, nowMs: number): boolean {
		const entry = this.entries.get(id);
		return entry !== undefined && !this.expired(entry, nowMs);
	}

	/**
	 * Remembers a new `id` (one `has` said false for). Returns how many entries were dropped
	 * to make room while a replay of them could still pass the timestamp check.
	 */
	remember(id: string, replayUntilMs: number, nowMs: number): number {
		this.entries.delete(id);
		this.entries.set(id, { seenAt: nowMs, replayUntil: replayUntilMs });
		return this.makeRoom(nowMs);
	}

	/** The stored form, oldest first. */
	toJSON(): StoredDeliveries {
		const stored: StoredDeliveries = {};
		for (const [id, { seenAt, replayUntil }] of this.entries) {
			stored[id] = [Math.floor(seenAt / 1000), Math.ceil(replayUntil / 1000)];
		}
		return stored;
	}

	/**
	 * Reads the stored form back. Static data is whatever was saved, by this version or any
	 * other, so anything malformed is skipped; entries are ordered by when they were first seen
	 * (a database may not keep the order of an object's keys).
	 */
	static fromJSON(
		stored: unknown,
		maxEntries: number,
		retryMemoryMs = RETRY_MEMORY_MS,
	): DeliveryMemory {
		const memory = new DeliveryMemory(maxEntries, retryMemoryMs);
		if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return memory;
		const valid: Array<[string, Remembered]> = [];
		for (const [id, value] of Object.entries(stored as Record<string, unknown>)) {
			if (!DELIVERY_ID.test(id) || !Array.isArray(value) || value.length !== 2) continue;
			const [seenAt, replayUntil] = value as unknown[];
			if (!Number.isSafeInteger(seenAt) || !Number.isSafeInteger(replayUntil)) continue;
			valid.push([id, { seenAt: Number(seenAt) * 1000, replayUntil: Number(replayUntil) * 1000 }]);
		}
		valid.sort((a, b) => a[1].seenAt - b[1].seenAt);
		for (const [id, entry] of valid.slice(-maxEntries)) memory.entries.set(id, entry);
		return memory;
	}

	/** Whether the stored form remembers `id` now, without reading the rest of it. */
	static storedHas(
		stored: unknown,
		id: string,
		nowMs: number,
		retryMemoryMs = RETRY_MEMORY_MS,
	): boolean {
		if (typeof stored !== 'object' || stored === null || !Object.hasOwn(stored, id)) return false;
		const single = DeliveryMemory.fromJSON(
			{ [id]: (stored as Record<string, unknown>)[id] },
			1,
			retryMemoryMs,
		);
		return single.has(id, nowMs);
	}

	/**
	 * Adds what `other` remembers and this memory lacks, keeping the newest `maxEntries`. The
	 * stored memory takes in the process's, because two requests that loaded the static data at
	 * the same time each save their own copy, and the later save would drop the other's event.
	 */
	absorb(other: DeliveryMemory, nowMs: number): void {
		const missing: Array<[string, Remembered]> = [];
		for (const [id, entry] of other.entries) {
			if (!this.entries.has(id) && !other.expired(entry, nowMs)) missing.push([id, entry]);
		}
		if (missing.length === 0) return;
		const all = [...this.entries, ...missing.slice(-this.maxEntries)];
		all.sort((a, b) => a[1].seenAt - b[1].seenAt);
		this.entries.clear();
		for (const [id, entry] of all.slice(-this.maxEntries)) this.entries.set(id, entry);
	}

	private expired(entry: Remembered, nowMs: number): boolean {
		return nowMs > Math.max(entry.seenAt + this.retryMemoryMs, entry.replayUntil);
	}

	private makeRoom(nowMs: number): number {
		if (this.entries.size <= this.maxEntries) return 0;
		for (const [id, entry] of this.entries) {
			if (this.expired(entry, nowMs)) this.entries.delete(id);
		}
		let stillReplayable = 0;
		for (const [id, entry] of this.entries) {
			if (this.entries.size <= this.maxEntries) break;
			if (entry.replayUntil >= nowMs) stillReplayable += 1;
			this.entries.delete(id);
		}
		return stillReplayable;
	}
}

const inProcess = new Map<string, DeliveryMemory>();

/** This process's memory of one trigger node: one per workflow, node id and mode. */
export function processMemoryOf(workflowId: string, nodeId: string, mode: string): DeliveryMemory {
	// The editor's test URL and the production URL keep apart: an event tried out while building
	// the workflow must still start the production run when Cashfree sends it there.
	const scope = `${workflowId}\u0000${nodeId}\u0000${mode}`;
	let memory = inProcess.get(scope);
	if (!memory) {
		memory = new DeliveryMemory(PROCESS_MAX_ENTRIES);
		inProcess.set(scope, memory);
	}
	return memory;
}

export interface DeliveryCheck {
	/** The delivery's identity (deliveryId of its raw body). */
	id: string;
	/** Until when a replay of this delivery would pass the timestamp check, epoch ms. */
	replayUntilMs: number;
	nowMs: number;
}

export type DeliveryVerdict = { duplicate: true } | { duplicate: false; forgotReplayable: number };

/**
 * Whether this delivery's event already started a run; if not, remembers it in both memories.
 * Synchronous from the first read to the last write: nothing else runs in this process between.
 */
export function checkAndRemember(
	context: IWebhookFunctions,
	{ id, replayUntilMs, nowMs }: DeliveryCheck,
): DeliveryVerdict {
	const mode = context.getMode();
	const processMemory = processMemoryOf(context.getWorkflow().id ?? '', context.getNode().id, mode);
	const nodeData = mode === 'webhook' ? context.getWorkflowStaticData('node') : undefined;

	if (
		processMemory.has(id, nowMs) ||
		(nodeData && DeliveryMemory.storedHas(nodeData[STATIC_DATA_KEY], id, nowMs))
	) {
		return { duplicate: true };
	}

	let forgotReplayable = processMemory.remember(id, replayUntilMs, nowMs);
	if (nodeData) {
		const stored = DeliveryMemory.fromJSON(nodeData[STATIC_DATA_KEY], STORED_MAX_ENTRIES);
		stored.absorb(processMemory, nowMs);
		forgotReplayable += stored.remember(id, replayUntilMs, nowMs);
		// A new object on the node's static data marks it changed, so n8n saves it.
		nodeData[STATIC_DATA_KEY] = stored.toJSON() as unknown as IDataObject;
	}
	return { duplicate: false, forgotReplayable };
}
