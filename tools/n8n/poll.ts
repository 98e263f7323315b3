/**
 * Waiting on a running n8n: read something until it says what a test waits for. One loop for
 * every such wait (executions ending, a webhook registered, cancels counted), so that each
 * only says what it reads, when it is done and what to report when it never is.
 */
export async function pollUntil<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	{
		timeoutMs,
		everyMs = 250,
		timedOut,
	}: { timeoutMs: number; everyMs?: number; timedOut: (last: T) => string },
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(timedOut(value));
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}
