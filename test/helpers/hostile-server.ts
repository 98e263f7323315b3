/**
 * A server that answers the way a broken proxy or a hostile host would: redirects, trickles,
 * endless or huge bodies, echoes of the secret, odd values. Each test gives it a handler; it
 * records what reached it, and on 127.0.0.1 only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
}

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface HostileServer {
	/** Stands for https://api.cashfree.com/pg. */
	baseUrl: string;
	origin: string;
	seen: SeenRequest[];
	/** Bytes of body written by the handler through `write` (what the client was offered). */
	bytesWritten: number;
	/** Connections the client closed before the handler ended the answer. */
	closedEarly: number;
	handle(handler: Handler): void;
	stop(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
	let handler: Handler = (_request, response) => response.end();
	const server = http.createServer((request, response) => {
		state.seen.push({
			method: request.method ?? '',
			url: request.url ?? '',
			headers: request.headers,
		});
		const write = response.write.bind(response);
		response.write = ((chunk: unknown, ...rest: unknown[]) => {
			state.bytesWritten += Buffer.byteLength(chunk as string | Buffer);
			return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof response.write;
		response.on('close', () => {
			if (!response.writableFinished) state.closedEarly++;
		});
		request.resume();
		handler(request, response);
	});
	server.keepAliveTimeout = 1;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const state: HostileServer = {
		origin: `http://127.0.0.1:${port}`,
		baseUrl: `http://127.0.0.1:${port}/pg`,
		seen: [],
		bytesWritten: 0,
		closedEarly: 0,
		handle(next) {
			handler = next;
			state.seen = [];
			state.bytesWritten = 0;
			state.closedEarly = 0;
		},
		async stop() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return state;
}

/**
 * One hostile server for a test file, started before its tests and stopped after them; the
 * object returned reads through to it, as useHarness does for the harness.
 */
export function useHostileServer(): HostileServer {
	let running: HostileServer | undefined;
	beforeAll(async () => {
		running = await startHostileServer();
	});
	afterAll(async () => {
		await running?.stop();
	});
	return new Proxy({} as HostileServer, {
		get(_target, property) {
			if (!running) throw new Error('the hostile server starts in beforeAll; use it inside a test');
			const value: unknown = Reflect.get(running, property);
			return typeof value === 'function' ? (value as () => unknown).bind(running) : value;
		},
	});
}

/** Writes `chunk` every `everyMs` until the client goes away or `maxMs` passes (tests must end). */
export function writeForever(
	response: http.ServerResponse,
	chunk: string | Buffer,
	everyMs: number,
	maxMs = 60000,
): void {
	const started = Date.now();
	const pump = () => {
		if (response.destroyed || response.writableEnded) return;
		if (Date.now() - started > maxMs) {
			response.end();
			return;
		}
		const more = response.write(chunk);
		if (everyMs > 0) setTimeout(pump, everyMs);
		else if (more) setImmediate(pump);
		else response.once('drain', pump);
	};
	pump();
}

/** A JSON answer, with Cashfree's headers unless overridden. */
export function json(
	response: http.ServerResponse,
	status: number,
	body: unknown,
	headers: http.OutgoingHttpHeaders = {},
) {
	response.writeHead(status, { 'content-type': 'application/json', ...headers });
	response.end(JSON.stringify(body));
}

/** A JSON answer already written as text (a shape `JSON.stringify` could not build, or would build slowly). */
export function rawJson(
	response: http.ServerResponse,
	status: number,
	text: string,
	headers: http.OutgoingHttpHeaders = {},
) {
	response.writeHead(status, { 'content-type': 'application/json', ...headers });
	response.end(text);
}

/**
 * JSON text `depth` levels deep: `{"a":{"a":…1…}}` (objects) or `[[…1…]]` (lists), built as
 * text, without the recursion a deep value would cost to build or to stringify.
 */
export function nestedJson(depth: number, kind: 'object' | 'list' = 'object'): string {
	const [open, close] = kind === 'object' ? ['{"a":', '}'] : ['[', ']'];
	return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

/** A JSON list of `count` copies of `entry`, as text. */
export function jsonList(count: number, entry: unknown = {}): string {
	const text = JSON.stringify(entry);
	return `[${Array.from({ length: count }, () => text).join(',')}]`;
}

/** The body of a request the node sent, as JSON (the server reads every body, so ask at once). */
export async function requestJson(request: http.IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** What the node asked POST /settlements for: its filters and the cursor it sent back. */
export interface SettlementPageRequest {
	filters: Record<string, unknown>;
	cursor: string | null;
	limit: number;
	/** 1 for the first request this handler answered, 2 for the next, … */
	page: number;
}

/**
 * A POST /settlements route that answers page after page: `answer` gets what the node asked
 * for (its cursor included) and returns the whole answer body, as a value or as JSON text.
 */
export function settlementPages(
	answer: (asked: SettlementPageRequest) => unknown,
	status = 200,
): Handler {
	let page = 0;
	return (request, response) => {
		void requestJson(request).then((body) => {
			const { filters = {}, pagination = {} } = (body ?? {}) as {
				filters?: Record<string, unknown>;
				pagination?: { cursor?: string | null; limit?: number };
			};
			const answered = answer({
				filters,
				cursor: pagination.cursor ?? null,
				limit: pagination.limit ?? 0,
				page: ++page,
			});
			if (typeof answered === 'string') rawJson(response, status, answered);
			else json(response, status, answered);
		});
	};
}
