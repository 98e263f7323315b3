import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The limits of the request options, shared by the fields the editor shows and the checks
 * run on every item: an expression can produce any value, so the editor's limits alone
 * protect nothing (Timeout -5 once crashed outside the node, Max Attempts 1e9 retried a 503
 * forever).
 */
export const OPTION_LIMITS = {
	timeout: { min: 1000, max: 300000, default: 30000 },
	maxAttempts: { min: 1, max: 10, default: 3 },
	concurrency: { min: 1, max: 50, default: 10 },
	rateLimitWaitBudget: { min: 0, max: 3600, default: 600 },
} as const;

/**
 * Cashfree types x-idempotency-key as a string in UUID format (36 characters; OpenAPI
 * `xIdempotencyKeyHeader`, and "string(uuid)" on its API resources page) while its header
 * example is "some-idem-id", so it takes other strings too. 64 leaves room for keys like
 * `cancel-<link id>` and stays far below header limits; a 16 KB key once failed only when
 * sent (431), after five links had been cancelled.
 */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 64;

/**
 * Cashfree documents x-request-id as a free string that it tags the request with and echoes
 * back, with no length. 128 fits any UUID- or ticket-style id; a 1 MB value was once copied
 * whole into an error.
 */
export const REQUEST_ID_MAX_LENGTH = 128;

export interface RequestOptions {
	requestId?: string;
	idempotencyKey?: string;
	timeout: number;
	maxAttempts: number;
	waitOnRateLimit: boolean;
	concurrency: number;
	rateLimitWaitBudget: number;
}

const DISPLAY_NAMES: Record<string, string> = {
	requestId: 'Request ID',
	idempotencyKey: 'Idempotency Key',
	timeout: 'Timeout (Ms)',
	maxAttempts: 'Max Attempts',
	concurrency: 'Items at Once',
	rateLimitWaitBudget: 'Rate Limit Wait Budget (Seconds)',
	waitOnRateLimit: 'Wait Out Rate Limits',
	treatAlreadyCancelledAsSuccess: 'Treat Already-Cancelled Links as Success',
};

/** Refuses one option of one item, naming the field, the item and the rule. */
export function refuseOption(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	problem: string,
	rule: string,
): never {
	throw new NodeOperationError(
		context.getNode(),
		`Invalid ${DISPLAY_NAMES[name] ?? name} in item ${itemIndex}: ${problem}`,
		{ itemIndex, description: `${rule}. Nothing was sent to Cashfree.` },
	);
}

function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'string') return value.length > 40 ? `a text of ${value.length} characters` : `"${value}"`;
	return typeof value;
}

/** A whole number within the option's limits; numbers written as text (from expressions) count. */
function readWholeNumber(
	context: IExecuteFunctions,
	options: IDataObject,
	name: keyof typeof OPTION_LIMITS,
	itemIndex: number,
): number {
	const { min, max, default: fallback } = OPTION_LIMITS[name];
	const raw = options[name];
	if (raw === undefined || raw === '') return fallback;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	const rule = `${DISPLAY_NAMES[name]} must be a whole number from ${min} to ${max}`;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		return refuseOption(context, name, itemIndex, `got ${describeValue(raw)}`, rule);
	}
	return value;
}

function readBoolean(
	context: IExecuteFunctions,
	options: IDataObject,
	name: string,
	itemIndex: number,
	fallback: boolean,
): boolean {
	const raw = options[name];
	if (raw === undefined || raw === '') return fallback;
	if (typeof raw === 'boolean') return raw;
	if (raw === 'true' || raw === 'false') return raw === 'true';
	return refuseOption(context, name, itemIndex, `got ${describeValue(raw)}`, `${DISPLAY_NAMES[name] ?? name} must be true or false`);
}

/**
 * Header values: printable ASCII (0x21-0x7E) only. Node would send other characters as an
 * empty or mangled header, so a key like "ключ" protected nothing and "订单-2024" and
 * "订购-2024" became the same key.
 */
function readHeaderText(
	context: IExecuteFunctions,
	options: IDataObject,
	name: 'requestId' | 'idempotencyKey',
	itemIndex: number,
	maxLength: number,
): string | undefined {
	const raw = options[name];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const rule = `${DISPLAY_NAMES[name]} must be 1 to ${maxLength} printable ASCII characters (letters, digits and symbols such as - _ . :), without spaces`;
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		return refuseOption(context, name, itemIndex, `expected text, got ${describeValue(raw)}`, rule);
	}
	const value = String(raw).trim();
	if (value === '') return undefined;
	if (value.length > maxLength) {
		return refuseOption(context, name, itemIndex, `it is ${value.length} characters long, the limit is ${maxLength}`, rule);
	}
	const position = Array.from(value).findIndex((character) => {
		const code = character.codePointAt(0) ?? 0;
		return code < 0x21 || code > 0x7e;
	});
	if (position >= 0) {
		const character = Array.from(value)[position];
		const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
		const shown = character === ' ' ? 'a space' : /[\p{L}\p{N}\p{P}\p{S}]/u.test(character) ? `"${character}" (U+${code})` : `U+${code}`;
		return refuseOption(context, name, itemIndex, `it contains ${shown} at position ${position + 1}`, rule);
	}
	return value;
}

/** Reads and checks the Additional Options of one item; throws before anything is sent. */
export function readRequestOptions(context: IExecuteFunctions, itemIndex: number): RequestOptions {
	const options = context.getNodeParameter('additionalOptions', itemIndex, {}) as IDataObject;
	return {
		requestId: readHeaderText(context, options, 'requestId', itemIndex, REQUEST_ID_MAX_LENGTH),
		idempotencyKey: readHeaderText(context, options, 'idempotencyKey', itemIndex, IDEMPOTENCY_KEY_MAX_LENGTH),
		timeout: readWholeNumber(context, options, 'timeout', itemIndex),
		maxAttempts: readWholeNumber(context, options, 'maxAttempts', itemIndex),
		concurrency: readWholeNumber(context, options, 'concurrency', itemIndex),
		rateLimitWaitBudget: readWholeNumber(context, options, 'rateLimitWaitBudget', itemIndex),
		waitOnRateLimit: readBoolean(context, options, 'waitOnRateLimit', itemIndex, true),
	};
}

/** For boolean options specific to one operation. */
export function readOperationFlag(context: IExecuteFunctions, name: string, itemIndex: number): boolean {
	const options = context.getNodeParameter('additionalOptions', itemIndex, {}) as IDataObject;
	return readBoolean(context, options, name, itemIndex, false);
}
