/** Thrown to a request that was about to start after the run had already failed. */
export class RunStoppedError extends Error {
	constructor() {
		super('The run stopped after another item failed; this item was not sent');
	}
}

/**
 * The "has this run failed?" switch that every request of one node execution checks before
 * it starts. Without Continue On Fail, the first item that fails stops the run at that
 * moment: nothing more starts, not from the queue, not after a rate-limit pause, not as a
 * retry. Requests already on the wire finish.
 *
 * From the moment a request fails for good (the refusal arrives), its item holds the run: no
 * other request starts while the item works out what the failure means (a cancel refused
 * because the link is already cancelled may still count as success; a look-up names the
 * link's status). If the item then fails, the run stops; if it recovers, the run goes on.
 */
export class RunControl {
	/** Set by the item runner: false under Continue On Fail, where items fail on their own. */
	stopOnFailure = false;

	private readonly stopController = new AbortController();

	/** Items whose request failed and which have not yet settled. */
	private readonly holders = new Set<number>();

	private released: Array<() => void> = [];

	/** Aborts when the run stops; waits (rate-limit pauses, backoff) listen to it. */
	get stopSignal(): AbortSignal {
		return this.stopController.signal;
	}

	get stopped(): boolean {
		return this.stopController.signal.aborted;
	}

	/** A request of this item failed for good: hold the run until the item settles. */
	hold(itemIndex: number): void {
		if (this.stopOnFailure) this.holders.add(itemIndex);
	}

	/** The item is done: failed (stops the run if failures stop it) or succeeded. */
	settle(itemIndex: number, failed: boolean): void {
		if (failed && this.stopOnFailure && !this.stopped)
			this.stopController.abort(new RunStoppedError());
		if (this.holders.delete(itemIndex) || this.stopped) this.wake();
	}

	/** Resolves when a new request of this item may start; throws once the run has stopped. */
	async mayStart(itemIndex: number): Promise<void> {
		for (;;) {
			if (this.stopped) throw new RunStoppedError();
			// The holding item's own look-up passes: it explains the failure, and changes nothing.
			if (this.holders.size === 0 || this.holders.has(itemIndex)) return;
			await new Promise<void>((resolve) => this.released.push(resolve));
		}
	}

	/** The same check without waiting, for a request that has just been let through a pause. */
	canStart(itemIndex: number): boolean {
		return !this.stopped && (this.holders.size === 0 || this.holders.has(itemIndex));
	}

	private wake(): void {
		const released = this.released;
		this.released = [];
		for (const resolve of released) resolve();
	}
}
