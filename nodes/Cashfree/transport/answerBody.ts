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

function parse(buffer: Buffer): AnswerBody {
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
		return body === undefined || body === null || body === ''
			? { kind: 'text', start: '' }
			: { kind: 'json', value: body };
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
