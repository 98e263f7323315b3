/**
 * Finding 3 of the hardening issue: the timeout only fired when the connection went quiet (one
 * byte every 500 ms still hung after 60 s), an endless body took the process above 1.5 GB, a
 * 50 MB JSON answer became a 50 MB output item, and a 10 MB HTML page took seconds to excerpt.
 */
import type { INodeParameters } from 'n8n-workflow';

import { MAX_ANSWER_BYTES } from '../../../nodes/Cashfree/transport/answerBody';
import { runCashfree, useHarness } from '../../helpers/harness';
import { json, useHostileServer, writeForever } from '../../helpers/hostile-server';

const harness = useHarness();
const server = useHostileServer();

/** The server sees the client's hang-up a moment after the run has ended. */
async function afterHangUp() {
	await new Promise((resolve) => setTimeout(resolve, 200));
}

async function cancelOne(additionalOptions: INodeParameters = {}) {
	const credentials = await harness.credential({ baseUrl: server.baseUrl });
	return await runCashfree(harness, ['link_a'], { credentials, parameters: { additionalOptions } });
}

describe('Timeout is a deadline for the whole answer', () => {
	it('an answer that trickles one byte every 200 ms fails at the deadline, and is retried like any timeout', async () => {
		server.handle((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			writeForever(response, ' ', 200, 20000);
		});

		const { error } = await cancelOne({ timeout: 1500, maxAttempts: 2 });

		expect(error?.message).toBe('Cashfree did not answer in time');
		expect((error as { description?: string }).description).toMatch(
			/did not arrive within the timeout \(1500 ms\)/,
		);
		expect((error as { description?: string }).description).toMatch(/attempts: 2/);
		expect(server.seen).toHaveLength(2);
		await afterHangUp();
		expect(server.closedEarly).toBe(2);
	});

	it('headers that never come fail at the deadline too', async () => {
		server.handle(() => {
			// Never answers at all.
		});

		const { error } = await cancelOne({ timeout: 1000, maxAttempts: 1 });

		expect(error?.message).toBe('Cashfree did not answer in time');
		expect(server.seen).toHaveLength(1);
		await afterHangUp();
		expect(server.closedEarly).toBe(1);
	});
});

describe('answers larger than any Cashfree answer are refused without reading the rest', () => {
	it('an endless body fails with its size and the limit, after reading just past the limit', async () => {
		const chunk = Buffer.alloc(64 * 1024, '{');
		server.handle((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			writeForever(response, chunk, 0, 20000);
		});

		const { error, items } = await cancelOne({ maxAttempts: 1 });

		expect(items).toEqual([]);
		expect(error?.message).toMatch(
			new RegExp(
				`^Cashfree's answer is too large: the answer is more than \\d+ bytes, the limit is ${MAX_ANSWER_BYTES} bytes$`,
			),
		);
		expect((error as { description?: string }).description).toMatch(
			/No Cashfree answer comes near this size/,
		);
		await afterHangUp();
		expect(server.closedEarly).toBe(1);
		// The server is stopped well before it could fill memory: it wrote a few times the limit at most.
		expect(server.bytesWritten).toBeLessThan(MAX_ANSWER_BYTES * 4);
	});

	it('a 50 MB JSON answer announced by Content-Length is refused before its body is read', async () => {
		const size = 50 * 1024 * 1024;
		server.handle((_request, response) => {
			response.writeHead(200, {
				'content-type': 'application/json',
				'content-length': String(size),
			});
			writeForever(response, Buffer.alloc(256 * 1024, ' '), 0, 20000);
		});

		const { error } = await cancelOne({ maxAttempts: 1 });

		expect(error?.message).toBe(
			`Cashfree's answer is too large: the answer is ${size} bytes, the limit is ${MAX_ANSWER_BYTES} bytes`,
		);
		expect(server.bytesWritten).toBeLessThan(size / 2);
	});

	it('a 10 MB HTML error page is excerpted from its first bytes only', async () => {
		server.handle((_request, response) => {
			response.writeHead(500, { 'content-type': 'text/html' });
			response.write('<html><body><h1>Internal Server Error</h1>');
			writeForever(response, Buffer.alloc(64 * 1024, 'x'), 0, 20000);
		});

		const { error } = await cancelOne({ maxAttempts: 1 });

		expect(error?.message).toBe('Cashfree answered HTTP 500 with a body that is not JSON');
		expect((error as { description?: string }).description).toMatch(
			/body starts with: <html><body><h1>Internal Server Error<\/h1>x+…/,
		);
		await afterHangUp();
		expect(server.closedEarly).toBe(1);
		expect(server.bytesWritten).toBeLessThan(10 * 1024 * 1024);
	});

	it('a success answer just under the limit is still read whole', async () => {
		const padding = 'p'.repeat(MAX_ANSWER_BYTES - 1024);
		server.handle((_request, response) =>
			json(response, 200, { link_id: 'link_a', link_status: 'CANCELLED', link_notes: { padding } }),
		);

		const { error, items } = await cancelOne();

		expect(error).toBeUndefined();
		expect(items[0].json.link_status).toBe('CANCELLED');
	});
});
