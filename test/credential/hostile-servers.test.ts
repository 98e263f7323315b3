/**
 * The credential's Test button against servers that are not Cashfree: it must pass only on
 * Cashfree's own answer, never follow a redirect (the keys would travel with it), never show
 * the secret, and come back in bounded time and memory whatever the server does.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

import { CLIENT_ID, CLIENT_SECRET, useHarness } from '../helpers/harness';

const harness = useHarness();

const CHECK_PATH = '/pg/links/n8n.credential.check';
const CHECK_HINT =
	'Check Environment and Base URL in the credential, and any proxy between n8n and Cashfree.';

interface SeenRequest {
	method?: string;
	url?: string;
	headers: http.IncomingHttpHeaders;
}

interface LocalServer {
	/** http://127.0.0.1:PORT */
	origin: string;
	port: number;
	requests: SeenRequest[];
	close(): Promise<void>;
}

const servers: LocalServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async (server) => await server.close()));
});

async function listen(
	server: http.Server | net.Server,
	requests: SeenRequest[],
): Promise<LocalServer> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const sockets = new Set<net.Socket>();
	server.on('connection', (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const local: LocalServer = {
		origin: `http://127.0.0.1:${port}`,
		port,
		requests,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	servers.push(local);
	return local;
}

/** An HTTP server on 127.0.0.1 that records every request and answers with `handler`. */
async function hostile(
	handler: (request: http.IncomingMessage, response: http.ServerResponse) => void,
): Promise<LocalServer> {
	const requests: SeenRequest[] = [];
	const server = http.createServer((request, response) => {
		requests.push({ method: request.method, url: request.url, headers: request.headers });
		handler(request, response);
	});
	return await listen(server, requests);
}

function credentialFor(baseUrl: string, overrides: Record<string, string> = {}) {
	return {
		data: {
			clientId: CLIENT_ID,
			clientSecret: CLIENT_SECRET,
			environment: 'custom',
			baseUrl,
			...overrides,
		},
	};
}

async function testAgainst(server: LocalServer) {
	return await harness.engine.testCredential(credentialFor(`${server.origin}/pg`));
}

describe("only Cashfree's own answer passes", () => {
	it('a 200 HTML page fails, quoting its start', async () => {
		const server = await hostile((_request, response) => {
			response.writeHead(200, { 'content-type': 'text/html' });
			response.end(
				'<html><head><title>Welcome to nginx!</title></head><body>It works</body></html>',
			);
		});

		const result = await testAgainst(server);

		expect(result).toEqual({
			status: 'Error',
			message: `The keys were not checked: the base URL answered HTTP 200 with a body that is not JSON, so not Cashfree's answer; it starts with: <html><head><title>Welcome to nginx!</title></head><body>It works</body></html>. ${CHECK_HINT}`,
		});
		expect(server.requests.map((request) => request.url)).toEqual([CHECK_PATH]);
	});

	it('a 404 HTML page fails, quoting its start', async () => {
		const server = await hostile((_request, response) => {
			response.writeHead(404, { 'content-type': 'text/html' });
			response.end(
				`<html><body><h1>404 Not Found</h1>${'<p>padding</p>'.repeat(100)}</body></html>`,
			);
		});

		const result = await testAgainst(server);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^The keys were not checked: the base URL answered HTTP 404 with a body that is not JSON, so not Cashfree's answer; it starts with: <html><body><h1>404 Not Found<\/h1><p>padding.*…/,
		);
		expect(result.message).not.toContain('<p>padding</p>'.repeat(20));
		expect(result.message.length).toBeLessThan(500);
	});

	it('an unrelated JSON 500 fails, quoting it', async () => {
		const server = await hostile((_request, response) => {
			response.writeHead(500, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ error: 'boom', trace: 'at handler (server.js:1:1)' }));
		});

		const result = await testAgainst(server);

		expect(result).toEqual({
			status: 'Error',
			message: `The keys were not checked: the base URL answered HTTP 500 with JSON that is not Cashfree's error format: {"error":"boom","trace":"at handler (server.js:1:1)"}. ${CHECK_HINT}`,
		});
	});

	it.each([
		[
			"another framework's JSON 404",
			404,
			{ status: 404, error: 'Not Found', message: 'No static resource pg/links.' },
		],
		[
			'a 404 with a Cashfree-like body of the wrong type',
			404,
			{ type: 'api_error', code: 'link_not_found', message: 'x' },
		],
		[
			'a 200 JSON object',
			200,
			{ type: 'invalid_request_error', code: 'link_not_found', message: 'no payment link' },
		],
	])('%s fails', async (_case, status, body) => {
		const server = await hostile((_request, response) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		});

		const result = await testAgainst(server);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			new RegExp(`^The keys were not checked: the base URL answered HTTP ${status} `),
		);
	});

	it('an empty 404 fails', async () => {
		const server = await hostile((_request, response) => {
			response.writeHead(404);
			response.end();
		});

		const result = await testAgainst(server);

		expect(result).toEqual({
			status: 'Error',
			message: `The keys were not checked: the base URL answered HTTP 404 with an empty body, which is not Cashfree's answer. ${CHECK_HINT}`,
		});
	});

	it("Cashfree's 404 shape from another server passes: the check is about the answer, not the host", async () => {
		const server = await hostile((_request, response) => {
			response.writeHead(404, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({
					message: 'link not found',
					code: 'link_not_found',
					type: 'invalid_request_error',
				}),
			);
		});

		const result = await testAgainst(server);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

describe('redirects are reported, never followed', () => {
	it.each([301, 302, 303, 307, 308])(
		'HTTP %i to another server: named in the message, the target gets nothing',
		async (status) => {
			const target = await hostile((_request, response) => {
				response.writeHead(404, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({
						message: 'link not found',
						code: 'link_not_found',
						type: 'invalid_request_error',
					}),
				);
			});
			const location = `${target.origin}${CHECK_PATH}`;
			const server = await hostile((_request, response) => {
				response.writeHead(status, { location });
				response.end();
			});

			const result = await testAgainst(server);

			expect(result).toEqual({
				status: 'Error',
				message: `The keys were not checked: the base URL redirects (HTTP ${status}) to ${location}; point the credential at the final URL.`,
			});
			expect(server.requests).toHaveLength(1);
			expect(target.requests).toEqual([]);
		},
	);

	it('a redirect to another host name is not followed either', async () => {
		const target = await hostile((_request, response) => response.end());
		const location = `http://localhost:${target.port}${CHECK_PATH}`;
		const server = await hostile((_request, response) => {
			response.writeHead(302, { location });
			response.end('Found');
		});

		const result = await testAgainst(server);

		expect(result.message).toBe(
			`The keys were not checked: the base URL redirects (HTTP 302) to ${location}; point the credential at the final URL.`,
		);
		expect(target.requests).toEqual([]);
	});

	it('a redirect without a Location header fails as a redirect', async () => {
		const server = await hostile((_request, response) => {
			response.writeHead(307);
			response.end();
		});

		const result = await testAgainst(server);

		expect(result).toEqual({
			status: 'Error',
			message:
				'The keys were not checked: the base URL answered with a redirect (HTTP 307) without saying where to; point the credential at the final URL.',
		});
	});
});

describe('the secret never comes back in the message', () => {
	const echoSecret = (request: http.IncomingMessage) => String(request.headers['x-client-secret']);

	it.each([
		[
			'an HTML page',
			(request: http.IncomingMessage, response: http.ServerResponse) => {
				response.writeHead(404, { 'content-type': 'text/html' });
				response.end(`<p>you sent ${echoSecret(request)}</p>`);
			},
		],
		[
			'a Cashfree-shaped error message',
			(request: http.IncomingMessage, response: http.ServerResponse) => {
				response.writeHead(400, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({
						type: 'invalid_request_error',
						code: echoSecret(request),
						message: `bad ${echoSecret(request)}`,
					}),
				);
			},
		],
		[
			'unrelated JSON',
			(request: http.IncomingMessage, response: http.ServerResponse) => {
				response.writeHead(500, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ headers: request.headers }));
			},
		],
		[
			'a redirect Location',
			(request: http.IncomingMessage, response: http.ServerResponse) => {
				response.writeHead(302, {
					location: `https://elsewhere.example/login/${echoSecret(request)}`,
				});
				response.end();
			},
		],
	])('echoed in %s', async (_case, handler) => {
		const server = await hostile(handler);

		const result = await testAgainst(server);

		expect(server.requests[0].headers['x-client-secret']).toBe(CLIENT_SECRET);
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain(CLIENT_SECRET);
		expect(result.message).toContain('[redacted]');
	});
});

describe('bounded in time and size', () => {
	it('an answer that trickles one byte every 500 ms fails within the 10 s deadline, and its connection is closed', async () => {
		let connectionClosed: Promise<void> | undefined;
		const server = await hostile((_request, response) => {
			response.writeHead(404, { 'content-type': 'application/json' });
			response.write('{');
			const timer = setInterval(() => response.write(' '), 500);
			connectionClosed = new Promise((resolve) => response.on('close', () => resolve()));
			response.on('close', () => clearInterval(timer));
		});
		const started = Date.now();

		const result = await testAgainst(server);

		const elapsed = Date.now() - started;
		expect(result).toEqual({
			status: 'Error',
			message: `The keys were not checked: the base URL answered HTTP 404 but did not finish its answer within 10 seconds, which is not Cashfree's answer. ${CHECK_HINT}`,
		});
		expect(elapsed).toBeGreaterThanOrEqual(9_500);
		expect(elapsed).toBeLessThan(12_000);
		expect(connectionClosed).toBeDefined();
		await connectionClosed;
	}, 20_000);

	it('a status line that trickles in fails at the deadline too (a 1.5 s one, to keep the suite short)', async () => {
		const requests: SeenRequest[] = [];
		const server = await listen(
			net.createServer((socket) => {
				requests.push({ headers: {} });
				const bytes = Buffer.from(
					'HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n\r\n{}',
				);
				let next = 0;
				const timer = setInterval(
					() => (next < bytes.length ? socket.write(bytes.subarray(next, ++next)) : undefined),
					200,
				);
				socket.on('close', () => clearInterval(timer));
				socket.on('error', () => clearInterval(timer));
			}),
			requests,
		);
		const { createCashfreeApiCredentialTest } = await import(
			'../../dist/nodes/Cashfree/transport/credentialTest'
		);
		const credentialTest = createCashfreeApiCredentialTest({
			deadlineMs: 1_500,
			maxBodyBytes: 64 * 1024,
		});
		const credential = {
			id: 'hardening',
			name: 'hardening',
			type: 'cashfreeApi',
			...credentialFor(`${server.origin}/pg`, { apiVersion: '2025-01-01' }),
		};
		const started = Date.now();

		const result = await credentialTest.call(harness.engine.credentialTestContext(), credential);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The base URL did not answer within 1\.5 seconds/);
		expect(requests).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(4_000);
	});

	it.each([
		['plain', {}],
		['gzip-compressed (the cap counts decoded bytes)', { 'content-encoding': 'gzip' }],
	])(
		'an endless %s body fails at the 64 KB cap, long before the deadline',
		async (_case, headers) => {
			const server = await hostile((_request, response) => {
				response.writeHead(404, { 'content-type': 'application/json', ...headers });
				const prefix = '{"type":"invalid_request_error","code":"link_not_found","message":"';
				const chunk = Buffer.alloc(16 * 1024, 'a');
				const sink = 'content-encoding' in headers ? zlib.createGzip() : undefined;
				if (sink) sink.pipe(response);
				const out = sink ?? response;
				out.write(prefix);
				const pump = () => {
					while (!response.destroyed && out.write(chunk)) {
						// keep writing until the socket pushes back
					}
					if (!response.destroyed) out.once('drain', pump);
				};
				pump();
			});
			const started = Date.now();

			const result = await testAgainst(server);

			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/^The keys were not checked: the base URL answered HTTP 404 with a body larger than 64 KB, which is not Cashfree's answer; it starts with: \{"type":"invalid_request_error","code":"link_not_found","message":"a+…/,
			);
			expect(Date.now() - started).toBeLessThan(5_000);
		},
	);
});

describe('Base URLs the node refuses are refused by the Test, before sending anything', () => {
	it.each([
		['a query', (origin: string) => `${origin}/pg?x=1`, /^Base URL must not contain "\?" or "#"/],
		['a fragment', (origin: string) => `${origin}/pg#f`, /^Base URL must not contain "\?" or "#"/],
		[
			'a backslash before "@"',
			(origin: string) => `${origin}\\@evil.example/pg`,
			/^Base URL must not contain a backslash/,
		],
		[
			'user info',
			(origin: string) => origin.replace('http://', 'http://user:pass@') + '/pg',
			/^Base URL must not contain a user name or password \(user:password@host\): credentials in the URL are not allowed\. The keys go in the Client ID and Client Secret fields\.$/,
		],
	])('%s', async (_case, baseUrlFor, message) => {
		const server = await hostile((_request, response) => response.end());

		const result = await harness.engine.testCredential(credentialFor(baseUrlFor(server.origin)));

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(server.requests).toEqual([]);
	});

	it('an upper-case scheme is normalised and works', async () => {
		const result = await harness.engine.testCredential(
			credentialFor(harness.simulator.baseUrl.replace('http://', 'HTTP://')),
		);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(harness.simulator.requests.map((request) => request.path)).toEqual([CHECK_PATH]);
	});
});
