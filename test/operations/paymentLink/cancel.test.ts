import { CLIENT_ID, CLIENT_SECRET, runCashfree, useHarness } from '../../helpers/harness';

const harness = useHarness();

describe('Cancel Payment Link inside n8n', () => {
	it('outputs the link JSON exactly as Cashfree returns it, and the link is cancelled', async () => {
		harness.simulator.seedLink({
			link_id: 'order_1001',
			link_amount: 499.5,
			link_purpose: 'Order 1001',
		});

		const { items, error } = await runCashfree(harness, ['order_1001']);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.link_status).toBe('CANCELLED');
		expect(items[0].json.link_id).toBe('order_1001');
		expect(items[0].json.link_amount).toBe(499.5);
		expect(items[0].json.link_purpose).toBe('Order 1001');
		expect(harness.simulator.getLink('order_1001')?.link_status).toBe('CANCELLED');
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('keeps every field of the response, unchanged and with no additions', async () => {
		harness.simulator.seedLink({
			link_id: 'order_1002',
			link_notes: { invoice: 'INV-1002' },
			link_meta: { return_url: 'https://shop.example/thanks' },
			customer_details: {
				customer_phone: '9999999999',
				customer_name: 'Asha',
				customer_email: 'asha@example.com',
			},
		});
		const viaHttp = await fetch(`${harness.simulator.baseUrl}/links/order_1002`, {
			headers: {
				'x-client-id': CLIENT_ID,
				'x-client-secret': CLIENT_SECRET,
				'x-api-version': '2025-01-01',
			},
		}).then(async (response) => (await response.json()) as Record<string, unknown>);

		const { items } = await runCashfree(harness, ['order_1002']);

		expect(items[0].json).toEqual({ ...viaHttp, link_status: 'CANCELLED' });
		expect(items[0].json.link_notes).toEqual({ invoice: 'INV-1002' });
		expect(items[0].json.customer_details).toEqual({
			customer_phone: '9999999999',
			customer_name: 'Asha',
			customer_email: 'asha@example.com',
		});
	});

	it('sends POST /pg/links/{link_id}/cancel with the credential headers and nothing else secret', async () => {
		harness.simulator.seedLink({ link_id: 'order_1003' });

		await runCashfree(harness, ['order_1003']);

		const sent = harness.simulator.requests;
		expect(sent).toHaveLength(1);
		expect(sent[0].method).toBe('POST');
		expect(sent[0].url).toBe('/pg/links/order_1003/cancel');
		expect(sent[0].headers['x-client-id']).toBe(CLIENT_ID);
		expect(sent[0].headers['x-client-secret']).toBe(CLIENT_SECRET);
		expect(sent[0].headers['x-api-version']).toBe('2025-01-01');
		expect(sent[0].headers['x-request-id']).toMatch(/^n8n-[a-z0-9]{20}$/);
		// Derived per item and execution, so that the node's own retries are safe.
		expect(sent[0].headers['x-idempotency-key']).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(sent[0].headers.accept).toBe('application/json');
	});

	it('passes the Request ID and Idempotency Key options as headers, per item from expressions', async () => {
		harness.simulator.seedLink({ link_id: 'order_1004' });
		harness.simulator.seedLink({ link_id: 'order_1005' });

		const { items } = await runCashfree(harness, ['order_1004', 'order_1005'], {
			parameters: {
				additionalOptions: {
					requestId: '=req-{{ $json.link_id }}',
					idempotencyKey: '=cancel-{{ $json.link_id }}-2026-11-26',
				},
			},
		});

		expect(items.map((item) => item.json.link_status)).toEqual(['CANCELLED', 'CANCELLED']);
		const headers = harness.simulator.requests.map((request) => request.headers);
		expect(headers.map((h) => h['x-request-id'])).toEqual(['req-order_1004', 'req-order_1005']);
		expect(headers.map((h) => h['x-idempotency-key'])).toEqual([
			'cancel-order_1004-2026-11-26',
			'cancel-order_1005-2026-11-26',
		]);
	});

	it('replays the first answer for a repeated idempotency key instead of failing on the cancelled link', async () => {
		harness.simulator.seedLink({ link_id: 'order_1006' });
		const options = { parameters: { additionalOptions: { idempotencyKey: 'cancel-order_1006' } } };

		const first = await runCashfree(harness, ['order_1006'], options);
		const second = await runCashfree(harness, ['order_1006'], options);

		expect(first.items[0].json.link_status).toBe('CANCELLED');
		expect(second.error).toBeUndefined();
		expect(second.items[0].json).toEqual(first.items[0].json);
		expect(harness.simulator.cancelCount('order_1006')).toBe(1);
	});

	it('cancels many items in one run, each output paired with its input item, in order', async () => {
		const linkIds = Array.from(
			{ length: 25 },
			(_, index) => `batch_${String(index).padStart(2, '0')}`,
		);
		for (const link_id of linkIds) harness.simulator.seedLink({ link_id });

		const { items, error } = await runCashfree(harness, linkIds);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.link_id)).toEqual(linkIds);
		expect(items.map((item) => item.pairedItem)).toEqual(linkIds.map((_, item) => ({ item })));
		for (const link_id of linkIds) {
			expect(harness.simulator.getLink(link_id)?.link_status).toBe('CANCELLED');
			expect(harness.simulator.cancelCount(link_id)).toBe(1);
		}
	});

	it.each([
		['2022-09-01', 'number'],
		['2023-08-01', 'string'],
		['2025-01-01', 'string'],
	])(
		'returns the shape of API version %s (cf_link_id is a %s)',
		async (apiVersion, cfLinkIdType) => {
			harness.simulator.seedLink({ link_id: `shape_${apiVersion.replace(/-/g, '_')}` });
			const credentials = await harness.credential({ apiVersion });

			const { items } = await runCashfree(harness, [`shape_${apiVersion.replace(/-/g, '_')}`], {
				credentials,
			});

			expect(harness.simulator.requests[0].headers['x-api-version']).toBe(apiVersion);
			expect(typeof items[0].json.cf_link_id).toBe(cfLinkIdType);
			expect(items[0].json.link_status).toBe('CANCELLED');
		},
	);

	it('gets a link with the Get operation without changing it', async () => {
		harness.simulator.seedLink({ link_id: 'order_1007', link_status: 'PAID' });

		const { items } = await runCashfree(harness, ['order_1007'], {
			parameters: { operation: 'get' },
		});

		expect(items[0].json.link_status).toBe('PAID');
		expect(harness.simulator.requests.map((request) => `${request.method} ${request.url}`)).toEqual(
			['GET /pg/links/order_1007'],
		);
	});
});

describe('Treat Already-Cancelled Links as Success', () => {
	it('outputs the current link, marked alreadyCancelled, instead of an error', async () => {
		harness.simulator.seedLink({
			link_id: 'done_before',
			link_status: 'CANCELLED',
			link_amount: 42,
		});

		const { error, items } = await runCashfree(harness, ['done_before'], {
			parameters: { additionalOptions: { treatAlreadyCancelledAsSuccess: true } },
		});

		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			link_id: 'done_before',
			link_status: 'CANCELLED',
			link_amount: 42,
			alreadyCancelled: true,
		});
		expect(harness.simulator.requests.map((request) => `${request.method} ${request.url}`)).toEqual(
			['POST /pg/links/done_before/cancel', 'GET /pg/links/done_before'],
		);
	});

	it.each(['PAID', 'EXPIRED'] as const)('still fails for a %s link', async (status) => {
		harness.simulator.seedLink({ link_id: 'settled', link_status: status });

		const { error } = await runCashfree(harness, ['settled'], {
			parameters: { additionalOptions: { treatAlreadyCancelledAsSuccess: true } },
		});

		expect(error?.message).toMatch(/only ACTIVE links can be cancelled/);
	});

	it('makes re-running a clean-up harmless', async () => {
		const linkIds = ['rerun_1', 'rerun_2', 'rerun_3'];
		for (const link_id of linkIds) harness.simulator.seedLink({ link_id });
		const options = { parameters: { additionalOptions: { treatAlreadyCancelledAsSuccess: true } } };

		const first = await runCashfree(harness, linkIds, options);
		const second = await runCashfree(harness, linkIds, options);

		expect(first.items.map((item) => item.json.alreadyCancelled)).toEqual([
			undefined,
			undefined,
			undefined,
		]);
		expect(second.error).toBeUndefined();
		expect(second.items.map((item) => item.json.alreadyCancelled)).toEqual([true, true, true]);
		for (const link_id of linkIds) expect(harness.simulator.cancelCount(link_id)).toBe(1);
	});
});
