/**
 * Findings 7 and 8 of the hardening issue: a gateway that repeats the secret (in its message,
 * its HTML page, its x-request-id header) put it into errors and Continue On Fail items; a
 * link_status of "constructor" or "__proto__" gave nonsense; a 2 MB message or a 12 KB
 * x-request-id was copied into the error whole.
 */
import { MAX_ANSWER_TEXT_LENGTH } from '../../../nodes/Cashfree/transport/answerText';
import { CLIENT_SECRET, errorText, runCashfree, safeJson, useHarness } from '../../helpers/harness';
import { json, useHostileServer, type HostileServer } from '../../helpers/hostile-server';

const harness = useHarness();
const server = useHostileServer();

async function cancelThrough(linkIds: string[], continueOnFail: boolean) {
	const credentials = await harness.credential({ baseUrl: server.baseUrl });
	return await runCashfree(harness, linkIds, {
		credentials,
		continueOnFail,
		parameters: { additionalOptions: { maxAttempts: 1 } },
	});
}

describe('the client secret, echoed back by a server, is replaced everywhere it could show', () => {
	it.each([
		[
			'in a JSON error message',
			(response: Parameters<Parameters<HostileServer['handle']>[0]>[1]) =>
				json(response, 400, {
					message: `bad header x-client-secret=${CLIENT_SECRET}`,
					code: CLIENT_SECRET,
					type: CLIENT_SECRET,
				}),
		],
		[
			'in an HTML error page',
			(response: Parameters<Parameters<HostileServer['handle']>[0]>[1]) => {
				response.writeHead(502, { 'content-type': 'text/html' });
				response.end(`<html>upstream said: ${CLIENT_SECRET}</html>`);
			},
		],
		[
			'in the x-request-id header',
			(response: Parameters<Parameters<HostileServer['handle']>[0]>[1]) =>
				json(
					response,
					404,
					{ message: 'no such link', code: 'link_not_found', type: 'invalid_request_error' },
					{ 'x-request-id': `req-${CLIENT_SECRET}` },
				),
		],
	])('%s: not in the error, nor in the Continue On Fail item', async (_where, answer) => {
		server.handle((_request, response) => answer(response));

		const stopped = await cancelThrough(['link_a'], false);
		const continued = await cancelThrough(['link_a'], true);

		expect(stopped.error).toBeDefined();
		expect(errorText(stopped.error)).not.toContain(CLIENT_SECRET);
		expect(safeJson(stopped.run)).not.toContain(CLIENT_SECRET);
		expect(continued.items).toHaveLength(1);
		expect(safeJson(continued.items)).not.toContain(CLIENT_SECRET);
		expect(safeJson(continued.items)).toContain('[redacted]');
	});

	const base64 = Buffer.from(CLIENT_SECRET).toString('base64');
	const prefix = CLIENT_SECRET.slice(0, 20);
	const middle = CLIENT_SECRET.slice(5, 19);

	it.each([
		['in base64', base64, base64.replace(/=+$/, '')],
		['in URL-safe base64', base64.replace(/\+/g, '-').replace(/\//g, '_'), base64.slice(0, 30)],
		['its first 20 characters', prefix, prefix],
		['14 characters from its middle', middle, middle],
	])('%s, in an error and in a success answer', async (_form, echoed, leak) => {
		server.handle((_request, response) =>
			json(response, 400, {
				message: `bad header value ${echoed}`,
				code: 'x',
				type: 'invalid_request_error',
			}),
		);
		const refused = await cancelThrough(['link_a'], true);
		server.handle((_request, response) =>
			json(response, 200, { link_id: 'link_a', link_status: 'CANCELLED', echoed: `=${echoed}=` }),
		);
		const answered = await cancelThrough(['link_a'], false);

		expect(safeJson(refused.items)).not.toContain(leak);
		expect(refused.items[0].json.error).toContain('bad header value [redacted]');
		expect(answered.items[0].json.echoed).toBe('=[redacted]=');
	});

	it('in a success answer: the output item carries [redacted] instead', async () => {
		server.handle((_request, response) =>
			json(response, 200, {
				link_id: 'link_a',
				link_status: 'CANCELLED',
				link_notes: { echoed: `secret ${CLIENT_SECRET}`, [CLIENT_SECRET]: 'as a key' },
			}),
		);

		const { items } = await cancelThrough(['link_a'], false);

		expect(items[0].json.link_status).toBe('CANCELLED');
		expect(safeJson(items)).not.toContain(CLIENT_SECRET);
		expect(items[0].json.link_notes).toEqual({
			echoed: 'secret [redacted]',
			'[redacted]': 'as a key',
		});
	});
});

describe('odd values from a server', () => {
	function refusedWithStatus(linkStatus: unknown) {
		server.handle((request, response) => {
			if (request.method === 'POST') {
				return json(response, 400, {
					message: 'link is not active',
					code: 'link_not_active',
					type: 'invalid_request_error',
				});
			}
			json(response, 200, { link_id: 'link_a', link_status: linkStatus });
		});
	}

	it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
		'link_status %j is named as it is, not looked up on Object.prototype',
		async (status) => {
			refusedWithStatus(status);

			const { error } = await cancelThrough(['link_a'], false);

			expect(error?.message).toBe(
				`Cashfree: link is not active. Payment link "link_a" is ${status}; only ACTIVE links can be cancelled`,
			);
		},
	);

	it('a 2 MB error answer is quoted by its first characters only', async () => {
		server.handle((_request, response) =>
			json(response, 400, {
				message: `m${'e'.repeat(2 * 1024 * 1024)}`,
				code: 'x',
				type: 'invalid_request_error',
			}),
		);

		const { error } = await cancelThrough(['link_a'], false);

		expect(error?.message).toBe('Cashfree answered HTTP 400 with a body that is not JSON');
		expect((error as { description?: string }).description).toMatch(
			/body starts with: \{"message":"me+…$/m,
		);
		expect(errorText(error).length).toBeLessThan(20000);
	});

	it('a 30 KB message, a 5 KB code and a 12 KB x-request-id are shortened to a readable length', async () => {
		server.handle((_request, response) =>
			json(
				response,
				400,
				{
					message: `m${'e'.repeat(30 * 1024)}`,
					code: 'c'.repeat(5000),
					type: 'invalid_request_error',
				},
				{
					'x-request-id': 'r'.repeat(12 * 1024),
				},
			),
		);

		const { error } = await cancelThrough(['link_a'], false);
		const cashfree =
			(error as { context?: { cashfree?: Record<string, string> } }).context?.cashfree ?? {};

		expect(error?.message.length).toBeLessThan(MAX_ANSWER_TEXT_LENGTH + 50);
		expect(error?.message).toMatch(/^Cashfree: me+…$/);
		expect(cashfree.requestId).toMatch(/^r+…$/);
		expect(cashfree.requestId.length).toBeLessThanOrEqual(128);
		expect(cashfree.code.length).toBeLessThanOrEqual(100);
		expect(errorText(error).length).toBeLessThan(20000);
	});

	it('control characters in a message cannot forge lines in the error', async () => {
		server.handle((_request, response) =>
			json(response, 400, {
				message: 'bad\nHTTP status: 200 · fake\r\u0000line',
				code: 'x',
				type: 'invalid_request_error',
			}),
		);

		const { error } = await cancelThrough(['link_a'], false);

		expect(error?.message).toBe('Cashfree: bad HTTP status: 200 · fake line');
	});
});
