import { createHash } from 'node:crypto';

import type { Reply } from './errors';

export type IdempotencyLookup =
	| { outcome: 'new' }
	| { outcome: 'replay'; reply: Reply }
	| { outcome: 'conflict' };

interface StoredResult {
	fingerprint: string;
	reply: Reply;
}

/**
 * Remembers the first answer given for each (client id, idempotency key). Cashfree stores
 * the answer whatever its status, errors included, and refuses a key reused for a
 * different request.
 */
export class IdempotencyStore {
	private readonly results = new Map<string, StoredResult>();

	static fingerprint(method: string, path: string, body: string): string {
		return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
	}

	lookup(clientId: string, key: string, fingerprint: string): IdempotencyLookup {
		const stored = this.results.get(IdempotencyStore.storageKey(clientId, key));
		if (!stored) return { outcome: 'new' };
		return stored.fingerprint === fingerprint
			? { outcome: 'replay', reply: stored.reply }
			: { outcome: 'conflict' };
	}

	save(clientId: string, key: string, fingerprint: string, reply: Reply): void {
		this.results.set(IdempotencyStore.storageKey(clientId, key), { fingerprint, reply });
	}

	clear(): void {
		this.results.clear();
	}

	/** JSON keeps the two parts apart even when a key contains any separator character. */
	private static storageKey(clientId: string, key: string): string {
		return JSON.stringify([clientId, key]);
	}
}
