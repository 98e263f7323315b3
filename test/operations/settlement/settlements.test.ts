/**
 * Settlements through n8n's engine against the simulator. Get Many is Cashfree's one
 * cursor-paged list: the node asks page after page (200 at a time), passes each answer's
 * cursor back, stops at Limit, and fails rather than ask forever when a server repeats itself.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	CLIENT_ID,
	CLIENT_SECRET,
	expectCashfreeError,
	runOperation,
	sentRequests,
	useHarness,
} from '../../helpers/harness';

const harness = useHarness();

const PAGE_SIZE = 200;

/** Paid orders settle at once in the simulator; returns their cf_settlement_ids, oldest first. */
function seedSettledOrders(count: number): string[] {
	return Array.from({ length: count }, (_, index) => {
		const orderId = `order_${String(index).padStart(4, '0')}`;
		harness.simulator.seedOrder({ order_id: orderId, order_status: 'PAID' });
		return harness.simulator.getSettlement(orderId)!.cf_settlement_id;
	});
}

function toTheSecond(time: string): number {
	return Math.floor(Date.parse(time) / 1000) * 1000;
}

/** A range around now, as a user would pick "today" in the editor. */
function todayFilters() {
	const now = Date.now();
	return {
		startDate: new Date(now - 3_600_000).toISOString(),
		endDate: new Date(now + 3_600_000).toISOString(),
	};
}

function settlementPosts() {
	return sentRequests(harness, 'POST', '/pg/settlements');
}

function pagination(body: string): { limit: number; cursor: string | null } {
	return (JSON.parse(body) as { pagination: { limit: number; cursor: string | null } }).pagination;
}

/** What Cashfree answers for a request body, asked directly (POST /settlements changes nothing). */
async function cursorCashfreeAnswers(body: string): Promise<string | null> {
	const response = await fetch(`${harness.simulator.baseUrl}/settlements`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-client-id': CLIENT_ID,
			'x-client-secret': CLIENT_SECRET,
			'x-api-version': '2025-01-01',
		},
		body,
	});
	return ((await response.json()) as { cursor: string | null }).cursor;
}

describe('Get Many', () => {
	it('Return All over a date range asks page after page, passing each cursor on, and outputs every settlement', async () => {
		const settlementIds = seedSettledOrders(450);
		const filters = todayFilters();

		const { items, error } = await runOperation(harness, 'settlement', 'getAll', {
			filters,
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.cf_settlement_id)).toEqual(settlementIds);
		expect(items.every((item) => item.json.entity === 'settlement')).toBe(true);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);

		const posts = settlementPosts().map((request) => request.body);
		expect(posts).toHaveLength(Math.ceil(450 / PAGE_SIZE));
		for (const body of posts) {
			const sent = JSON.parse(body) as { filters: IDataObject; pagination: IDataObject };
			expect(Object.keys(sent).sort()).toEqual(['filters', 'pagination']);
			// The same moments, written as Cashfree writes times: IST, to the second.
			expect(sent.filters).toEqual({
				start_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+05:30$/),
				end_date: expect.stringMatching(/\+05:30$/),
			});
			expect(Date.parse(String(sent.filters.start_date))).toBe(toTheSecond(filters.startDate));
			expect(Date.parse(String(sent.filters.end_date))).toBe(toTheSecond(filters.endDate));
			expect(sent.pagination.limit).toBe(PAGE_SIZE);
		}
		// The first page has no cursor: left out, not null (Cashfree's schema types it as a string).
		expect(Object.keys(pagination(posts[0]))).toEqual(['limit']);
		for (let page = 1; page < posts.length; page++) {
			const previousAnswer = await cursorCashfreeAnswers(posts[page - 1]);
			expect(previousAnswer).toEqual(expect.any(String));
			expect(pagination(posts[page]).cursor).toBe(previousAnswer);
		}
		expect(await cursorCashfreeAnswers(posts[posts.length - 1])).toBeNull();
	});

	it('Limit 250 outputs exactly 250 settlements in two requests, the second asking for the 50 still wanted', async () => {
		const settlementIds = seedSettledOrders(450);

		const { items, error } = await runOperation(harness, 'settlement', 'getAll', {
			filters: todayFilters(),
			returnAll: false,
			limit: 250,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.cf_settlement_id)).toEqual(settlementIds.slice(0, 250));
		expect(settlementPosts().map((request) => pagination(request.body).limit)).toEqual([
			PAGE_SIZE,
			50,
		]);
	});

	it('a Limit within the first page is asked for as the page size: one request', async () => {
		seedSettledOrders(30);

		const { items } = await runOperation(harness, 'settlement', 'getAll', {
			filters: todayFilters(),
			returnAll: false,
			limit: 5,
		});

		expect(items).toHaveLength(5);
		expect(settlementPosts().map((request) => pagination(request.body))).toEqual([{ limit: 5 }]);
	});

	it.each([
		['Settlement IDs', 'cfSettlementIds', 'cf_settlement_ids', 'cf_settlement_id'],
		['Settlement UTRs', 'settlementUtrs', 'settlement_utrs', 'transfer_utr'],
	])(
		'%s, comma-separated per item, are sent as a list and each item gets just its settlements',
		async (_name, parameter, cashfreeFilter, field) => {
			seedSettledOrders(6);
			const settlements = ['order_0001', 'order_0003', 'order_0004'].map(
				(orderId) => harness.simulator.getSettlement(orderId) as unknown as IDataObject,
			);
			const [first, second, third] = settlements.map((settlement) => String(settlement[field]));

			const { items, error } = await runOperation(
				harness,
				'settlement',
				'getAll',
				{ filters: { [parameter]: '={{ $json.wanted }}' }, returnAll: true },
				[{ wanted: `${first}, ${third}` }, { wanted: second }],
			);

			expect(error).toBeUndefined();
			expect(items.map((item) => [item.json[field], item.pairedItem])).toEqual([
				[first, { item: 0 }],
				[third, { item: 0 }],
				[second, { item: 1 }],
			]);
			const filtersSent = settlementPosts()
				.map((request) => (JSON.parse(request.body) as { filters: IDataObject }).filters)
				.sort(
					(a, b) => (a[cashfreeFilter] as string[]).length - (b[cashfreeFilter] as string[]).length,
				);
			expect(filtersSent).toEqual([
				{ [cashfreeFilter]: [second] },
				{ [cashfreeFilter]: [first, third] },
			]);
		},
	);

	it('a page that fails with a 500 is asked again with the same cursor, and nothing is lost or doubled', async () => {
		const settlementIds = seedSettledOrders(450);
		// The first request passes untouched; the second (page 2) fails once.
		harness.simulator.injectFault({
			fault: { kind: 'delay', ms: 0 },
			pathIncludes: '/settlements',
		});
		harness.simulator.injectFault({
			fault: { kind: 'status', status: 500 },
			pathIncludes: '/settlements',
		});

		const { items, error } = await runOperation(harness, 'settlement', 'getAll', {
			filters: todayFilters(),
			returnAll: true,
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.cf_settlement_id)).toEqual(settlementIds);
		const posts = settlementPosts();
		expect(posts.map((request) => request.status)).toEqual([200, 500, 200, 200]);
		expect(posts[2].body).toBe(posts[1].body);
		// A retry keeps its page's idempotency key; every page has its own (Cashfree refuses a
		// key it saw with another body).
		const keys = posts.map((request) => request.headers['x-idempotency-key']);
		expect(keys[2]).toBe(keys[1]);
		expect(new Set([keys[0], keys[2], keys[3]]).size).toBe(3);
		expect(pagination(posts[1].body).cursor).toEqual(expect.any(String));
	});

	it('a server that answers the same cursor forever cannot keep the node asking: the item fails, no duplicates', async () => {
		seedSettledOrders(1);
		const settlement = harness.simulator.getSettlement('order_0000');
		harness.simulator.injectFault({
			fault: {
				kind: 'status',
				status: 200,
				body: { cursor: 'same', limit: PAGE_SIZE, data: [settlement] },
			},
			method: 'POST',
			pathIncludes: '/settlements',
			times: Infinity,
		});

		const { items, error } = await runOperation(harness, 'settlement', 'getAll', {
			filters: todayFilters(),
			returnAll: true,
		});

		// The second answer repeats the cursor the node just sent back: it stops there, and does
		// not output the same settlement twice as if the list were complete.
		expect(error?.message).toBe(
			"Cashfree's answer repeated a cursor: page 2 gave the same cursor as page 1",
		);
		expect(settlementPosts().map((request) => pagination(request.body).cursor)).toEqual([
			undefined,
			'same',
		]);
		expect(items).toEqual([]);
	});
});

describe('Get for Order', () => {
	it("outputs a paid order's settlement as Cashfree answers it", async () => {
		harness.simulator.seedOrder({
			order_id: 'order_8001',
			order_status: 'PAID',
			order_amount: 250,
		});
		const stored = harness.simulator.getSettlement('order_8001')!;

		const { items, error } = await runOperation(harness, 'settlement', 'getForOrder', {
			orderId: 'order_8001',
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ ...stored });
		expect(items[0].json).toMatchObject({
			order_id: 'order_8001',
			order_amount: 250,
			settlement_amount: 244.1,
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(harness.simulator.requests.map((request) => `${request.method} ${request.url}`)).toEqual(
			['GET /pg/orders/order_8001/settlements'],
		);
	});

	it.each([
		[
			'an order not paid yet',
			'settlement_not_found',
			'this order has no settlement; only paid orders are settled',
		],
		['an unknown order', 'order_not_found', 'no order exists with this order_id'],
	])("%s is a 404 with Cashfree's code", async (_case, code, message) => {
		if (code === 'settlement_not_found') harness.simulator.seedOrder({ order_id: 'order_8002' });

		const { error, items } = await runOperation(harness, 'settlement', 'getForOrder', {
			orderId: 'order_8002',
		});

		expect(items).toEqual([]);
		const apiError = expectCashfreeError(harness, error, { status: 404, code, message });
		expect(apiError.description).toMatch(
			/^Check the order ID, and that the order is PAID: Cashfree settles an order some time after its payment/,
		);
	});
});
