/**
 * Finding 1 of the hardening issue: a base URL (or a proxy) that redirects. n8n's request layer
 * follows redirects and strips only Authorization and Cookie, so the x-client-secret header
 * went to the other host, and after 301/302/303 the cancel arrived there as a GET whose
 * answer was output as a success.
 */
import { CLIENT_SECRET, errorText, runCashfree, useHarness } from '../../helpers/harness';
import { json, startHostileServer, type HostileServer } from '../../helpers/hostile-server';

const harness = useHarness();
let redirecting: HostileServer;
let elsewhere: HostileServer;

beforeAll(async () => {
	redirecting = await startHostileServer();
	elsewhere = await startHostileServer();
});
afterAll(async () => {
	await redirecting.stop();
	await elsewhere.stop();
});

describe('a redirect is never followed', () => {
	it.each([301, 302, 303, 307, 308])(
		'HTTP %i: an error naming where it pointed; the other host gets nothing',
		async (status) => {
			const target = `${elsewhere.baseUrl}/links/link_a/cancel`;
			redirecting.handle((_request, response) => {
				response.writeHead(status, { location: target });
				response.end();
			});
			elsewhere.handle((_request, response) =>
				json(response, 200, { link_id: 'link_a', link_status: 'CANCELLED' }),
			);
			const credentials = await harness.credential({ baseUrl: redirecting.baseUrl });

			const { error, items } = await runCashfree(harness, ['link_a'], { credentials });

			expect(items).toEqual([]);
			expect(error?.message).toBe(
				`Cashfree: the base URL redirects (HTTP ${status}) to ${target}; point the credential at the final URL`,
			);
			expect((error as { description?: string }).description).toMatch(/never follows a redirect/);
			expect(elsewhere.seen).toEqual([]);
			// Not retried either: a redirect will not go away on a second try.
			expect(redirecting.seen.map((request) => `${request.method} ${request.url}`)).toEqual([
				'POST /pg/links/link_a/cancel',
			]);
		},
	);

	it('with Continue On Fail the item carries the redirect as an error, never as a success', async () => {
		redirecting.handle((_request, response) => {
			response.writeHead(302, { location: `${elsewhere.origin}/login` });
			response.end('<html>moved</html>');
		});
		elsewhere.handle((_request, response) => json(response, 200, { link_status: 'CANCELLED' }));
		const credentials = await harness.credential({ baseUrl: redirecting.baseUrl });

		const { items } = await runCashfree(harness, ['link_a', 'link_b'], {
			credentials,
			continueOnFail: true,
		});

		expect(items.map((item) => item.json.httpStatus)).toEqual([302, 302]);
		expect(items.map((item) => item.json.error)).toEqual([
			expect.stringContaining(`redirects (HTTP 302) to ${elsewhere.origin}/login`),
			expect.stringContaining(`redirects (HTTP 302) to ${elsewhere.origin}/login`),
		]);
		expect(items.some((item) => item.json.link_status !== undefined)).toBe(false);
		expect(elsewhere.seen).toEqual([]);
	});

	it('a Location that carries the secret is shown without it', async () => {
		redirecting.handle((_request, response) => {
			response.writeHead(301, { location: `${elsewhere.origin}/steal?secret=${CLIENT_SECRET}` });
			response.end();
		});
		const credentials = await harness.credential({ baseUrl: redirecting.baseUrl });

		const { error } = await runCashfree(harness, ['link_a'], { credentials });

		expect(error?.message).toContain(`${elsewhere.origin}/steal?secret=[redacted]`);
		expect(errorText(error)).not.toContain(CLIENT_SECRET);
	});
});
