import { createHash } from 'crypto';

/** What makes one request of one item in one execution the same request on every retry. */
export interface IdempotencySource {
	executionId: string;
	nodeId: string;
	itemIndex: number;
	method: string;
	path: string;
	body?: unknown;
}

/**
 * Same item, same execution, same request: same key, so Cashfree acts on it at most once.
 * The body counts too: one item may send several requests to one path (the pages of Get
 * Settlements), and Cashfree refuses a key it has seen with another body (422). Shaped as a
 * UUID (version 8, RFC 9562: custom, here SHA-256 based) because Cashfree types
 * x-idempotency-key as a UUID.
 */
export function derivedIdempotencyKey(request: IdempotencySource): string {
	const source = [
		request.executionId,
		request.nodeId,
		request.itemIndex,
		request.method,
		request.path,
		...(request.body === undefined ? [] : [JSON.stringify(request.body)]),
	].join('|');
	const hex = createHash('sha256').update(source).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
