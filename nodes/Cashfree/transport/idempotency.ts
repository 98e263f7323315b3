import { createHash } from 'crypto';
import type { IExecuteFunctions } from 'n8n-workflow';

/** What makes one request of one item in one execution the same request on every retry. */
export interface IdempotencySource {
	executionId: string;
	nodeId: string;
	/** Which run of the node in this execution: a loop, or an AI agent calling it as a tool again. */
	runIndex: number;
	itemIndex: number;
	method: string;
	path: string;
	body?: unknown;
}

/**
 * Same item, same run of the node in the same execution, same request: same key, so Cashfree
 * acts on it at most once, however often the node retries it (n8n's Retry On Fail runs the node
 * again with the same run index). A second run of the node in one execution (a loop, a tool
 * call) is a second operation, and gets other keys.
 * The body counts too: one item may send several requests to one path (the pages of Get
 * Settlements), and Cashfree refuses a key it has seen with another body (422). Shaped as a
 * UUID (version 8, RFC 9562: custom, here SHA-256 based) because Cashfree types
 * x-idempotency-key as a UUID.
 */
export function derivedIdempotencyKey(request: IdempotencySource): string {
	const source = [
		...itemPlace(request),
		request.method,
		request.path,
		...(request.body === undefined ? [] : [JSON.stringify(request.body)]),
	].join('|');
	const hex = createHash('sha256').update(source).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Where an item is: execution, node, run of the node and item, the parts every derived key starts from. */
type ItemPlace = Pick<IdempotencySource, 'executionId' | 'nodeId' | 'runIndex' | 'itemIndex'>;

function itemPlace({ executionId, nodeId, runIndex, itemIndex }: ItemPlace): unknown[] {
	return [executionId, nodeId, runIndex, itemIndex];
}

/** The run of the node in this execution, as n8n counts it (0 for the first). */
export function runIndexOf(context: IExecuteFunctions): number {
	return context.getWorkflowDataProxy(0).$thisRunIndex ?? 0;
}
