import { headerText, type ResponseHeaders } from './answerText';

/**
 * Cashfree's answers are kilobytes; a list page of a hundred entries stays well under one
 * megabyte. An answer above this is not Cashfree's, and is refused without reading the rest:
 * an endless body once took the process above 1.5 GB, and in n8n that takes down every
 * workflow on the instance.
 */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** An error answer only needs its `{message, code, type}`, or the first bytes of a page. */
export const MAX_ERROR_ANSWER_BYTES = 64 * 1024;

/** How much of a body that is not JSON is read, to show its first characters. */
const EXCERPT_BYTES = 4 * 1024;

/**
 * The most entries one list in an answer may hold: Cashfree's largest page (POST /settlements'
 * `pagination.limit` is at most 1000, and Cashfree refuses more: "pagination.limit : should be
 * at max 1000"). The lists Cashfree answers whole (an order's payments, refunds or disputes, a
 * link's orders) are an order's or a link's own: a handful, never near one page. Bytes alone
 * did not bound the work: 7 MB of `{}` is 2.5 million entries, and as many output items.
 */
export const MAX_LIST_ENTRIES = 1000;

/**
 * The deepest an answer may be nested. Cashfree's answers are a few levels deep (a settlement
 * page, its entry, a payment method, a card); 2,500 levels once ended in "Maximum call stack
 * size exceeded" in code that walks the answer.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The most values (numbers, texts, objects, lists, …; not counting keys) one answer may hold: a
 * full page of entries of 100 values each. The widest entity Cashfree lists, PaymentEntity,
 * documents about 60 (a settlement about 20). Without it, one 7 MB object of 400,000 keys was
 * within every other bound and cost about 40 MB per item.
 */
export const MAX_JSON_VALUES = 100 * MAX_LIST_ENTRIES;

/** Which bound an answer passed: nesting depth, entries in one list, or values in all. */
export type AnswerBound = { bound: 'depth' | 'entries' | 'values'; limit: number };

/** The answer was larger than the limit (declared by Content-Length, or counted while reading). */
export class AnswerTooLargeError extends Error {
	constructor(
		readonly bytes: number,
		readonly limit: number,
		readonly declared: boolean,
	) {
		super(`The answer is larger than ${limit} bytes`);
	}
}

/** The connection ended before the body did. */
export class AnswerCutShortError extends Error {
	readonly code = 'ECONNRESET';
}

export type AnswerBody =
	| { kind: 'json'; value: unknown }
	/** JSON past MAX_JSON_DEPTH or MAX_LIST_ENTRIES, never parsed: the first characters. */
	| ({ kind: 'overBounds'; start: string } & AnswerBound)
	/**
	 * Not JSON, or (with `overLimit: 'excerpt'`) cut at the limit: the first characters, to quote
	 * in an error.
	 */
	| { kind: 'text'; start: string; cutAtLimit?: boolean };

/** The part of a Node.js readable stream used here (n8n hands the body over as one). */
interface Readable {
	on(event: string, listener: (...args: never[]) => void): unknown;
	removeListener(event: string, listener: (...args: never[]) => void): unknown;
	destroy(): unknown;
}

/** Frees the connection of an answer nobody will read (a redirect, a late answer). */
export function discardAnswerBody(body: unknown): void {
	if (isReadable(body)) body.destroy();
}

function isReadable(value: unknown): value is Readable {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Readable).on === 'function' &&
		typeof (value as Readable).destroy === 'function'
	);
}

/** JSON starts with `{` or `[` after optional whitespace; anything else is known early. */
function firstSignificantByte(chunks: Buffer[]): number | undefined {
	for (const chunk of chunks) {
		for (const byte of chunk) {
			if (
				byte !== 0x20 &&
				byte !== 0x09 &&
				byte !== 0x0a &&
				byte !== 0x0d &&
				byte !== 0xef &&
				byte !== 0xbb &&
				byte !== 0xbf
			) {
				return byte;
			}
		}
	}
	return undefined;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isWhitespace(byte: number): boolean {
	return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * The first bound the JSON text in `bytes` passes, found in one pass over the bytes before
 * anything is parsed: brackets are counted outside strings (a string ends at a quote not
 * escaped by a backslash; UTF-8 never puts these ASCII bytes inside a longer character), every
 * value that begins is counted, and each list counts the entries that begin in it. No
 * recursion, and fixed memory: one slot per level. Text that is not JSON is left to JSON.parse
 * to refuse.
 */
export function answerBoundPassed(
	bytes: Uint8Array,
	{ maxDepth = MAX_JSON_DEPTH, maxEntries = MAX_LIST_ENTRIES, maxValues = MAX_JSON_VALUES } = {},
): AnswerBound | undefined {
	// Per open level (1 = the outermost): is it a list, and how many entries began in it.
	const isList = new Uint8Array(maxDepth + 1);
	const entries = new Uint32Array(maxDepth + 1);
	let depth = 0;
	let values = 0;
	let inString = false;
	let escaped = false;
	// After `[`, `{`, `,` or `:` (and at the start) something begins: a key, or a value.
	let somethingBegins = true;
	let keyBegins = false;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (inString) {
			if (escaped) escaped = false;
			else if (byte === BACKSLASH) escaped = true;
			else if (byte === QUOTE) inString = false;
			continue;
		}
		if (isWhitespace(byte)) continue;
		if (byte === CLOSE_LIST || byte === CLOSE_OBJECT) {
			if (depth > 0) depth--;
			somethingBegins = false;
			continue;
		}
		if (byte === COMMA || byte === COLON) {
			somethingBegins = true;
			keyBegins = byte === COMMA && depth > 0 && isList[depth] === 0;
			continue;
		}
		if (somethingBegins) {
			somethingBegins = false;
			if (!keyBegins) {
				if (++values > maxValues) return { bound: 'values', limit: maxValues };
				if (isList[depth] && ++entries[depth] > maxEntries) {
					return { bound: 'entries', limit: maxEntries };
				}
			}
		}
		if (byte === QUOTE) {
			inString = true;
		} else if (byte === OPEN_LIST || byte === OPEN_OBJECT) {
			if (depth === maxDepth) return { bound: 'depth', limit: maxDepth };
			depth++;
			isList[depth] = byte === OPEN_LIST ? 1 : 0;
			entries[depth] = 0;
			somethingBegins = true;
			keyBegins = byte === OPEN_OBJECT;
		}
	}
	return undefined;
}

/**
 * The same bounds for a value something else parsed already (an older n8n's helper), walked
 * with a stack of its own rather than recursion.
 */
function valueBoundPassed(value: unknown): AnswerBound | undefined {
	const pending: Array<{ inner: unknown; depth: number }> = [{ inner: value, depth: 1 }];
	let values = 0;
	for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
		const { inner, depth } = next;
		if (++values > MAX_JSON_VALUES) return { bound: 'values', limit: MAX_JSON_VALUES };
		if (inner === null || typeof inner !== 'object') continue;
		if (depth > MAX_JSON_DEPTH) return { bound: 'depth', limit: MAX_JSON_DEPTH };
		if (Array.isArray(inner) && inner.length > MAX_LIST_ENTRIES) {
			return { bound: 'entries', limit: MAX_LIST_ENTRIES };
		}
		for (const child of Object.values(inner)) pending.push({ inner: child, depth: depth + 1 });
	}
	return undefined;
}

function parse(buffer: Buffer): AnswerBody {
	const passed = answerBoundPassed(buffer);
	if (passed) {
		return {
			kind: 'overBounds',
			...passed,
			start: buffer.subarray(0, EXCERPT_BYTES).toString('utf8'),
		};
	}
	const text = buffer.toString('utf8');
	try {
		return {
			kind: 'json',
			value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
		};
	} catch {
		return { kind: 'text', start: text.slice(0, EXCERPT_BYTES) };
	}
}

/**
 * Reads an answer body that n8n handed over as a stream, within `limit` bytes and until
 * `signal` aborts (the request's deadline). A body that cannot be JSON is read only as far as
 * its excerpt. With `overLimit: 'excerpt'` (error answers) a body past the limit becomes an
 * excerpt instead of an error. Bodies that are not streams (older n8n versions, or a body n8n
 * already parsed) are taken as they are.
 */
export async function readAnswerBody(
	body: unknown,
	headers: ResponseHeaders,
	{
		limit,
		overLimit,
		signal,
	}: { limit: number; overLimit: 'fail' | 'excerpt'; signal?: AbortSignal },
): Promise<AnswerBody> {
	if (!isReadable(body)) {
		if (Buffer.isBuffer(body)) return parse(body.subarray(0, limit));
		if (typeof body === 'string') return parse(Buffer.from(body.slice(0, limit)));
		if (body === undefined || body === null || body === '') return { kind: 'text', start: '' };
		const passed = valueBoundPassed(body);
		return passed ? { kind: 'overBounds', ...passed, start: '' } : { kind: 'json', value: body };
	}
	const stream = body;
	const declared = Number(headerText(headers, 'content-length'));
	if (Number.isFinite(declared) && declared > limit && overLimit === 'fail') {
		stream.destroy();
		throw new AnswerTooLargeError(declared, limit, true);
	}
	return await new Promise<AnswerBody>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let received = 0;
		let settled = false;
		const settle = (outcome: () => void) => {
			if (settled) return;
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			stream.removeListener('data', onData);
			stream.removeListener('end', onEnd);
			stream.removeListener('error', onError);
			stream.removeListener('close', onClose);
			outcome();
		};
		const excerpt = (cutAtLimit?: boolean) => ({
			kind: 'text' as const,
			start: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8'),
			...(cutAtLimit ? { cutAtLimit } : {}),
		});
		const stopWith = (outcome: () => void) => {
			settle(outcome);
			// Nothing more is wanted from this connection; destroying it frees the socket.
			stream.destroy();
		};
		const onData = (chunk: Buffer | string) => {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(buffer);
			received += buffer.length;
			const first = firstSignificantByte(chunks);
			if (first !== undefined && first !== 0x7b && first !== 0x5b) {
				if (received >= EXCERPT_BYTES) stopWith(() => resolve(excerpt()));
				return;
			}
			if (received > limit) {
				stopWith(() =>
					overLimit === 'excerpt'
						? resolve(excerpt(true))
						: reject(new AnswerTooLargeError(received, limit, false)),
				);
			}
		};
		const onEnd = () => settle(() => resolve(parse(Buffer.concat(chunks))));
		const onError = (error: Error) => settle(() => reject(error));
		// 'close' without 'end': the connection went away in the middle of the body.
		const onClose = () =>
			settle(() =>
				reject(new AnswerCutShortError('The connection closed in the middle of the answer')),
			);
		const onAbort = () => stopWith(() => reject(signal?.reason));
		if (signal?.aborted) return stopWith(() => reject(signal.reason));
		signal?.addEventListener('abort', onAbort, { once: true });
		stream.on('data', onData);
		stream.on('end', onEnd);
		stream.on('error', onError);
		stream.on('close', onClose);
	});
}
