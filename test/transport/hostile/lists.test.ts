/**
 * List answers from a hostile server: a cursor that never ends must not keep the node asking
 * (and its memory growing) forever, a cursor that repeats or loops is an error rather than a
 * list that looks complete, and a list or page that is not a list of objects is an error, not
 * output items of the wrong shape (or none at all).
 */
import { MAX_PAGES } from '../../../nodes/Cashfree/actions/common/listing';
import { runOperation, useHarness, type RecordedApiError } from '../../helpers/harness';
import { json, settlementPages, useHostileServer } from '../../helpers/hostile-server';

const harness = useHarness();
const server = useHostileServer();

const byDates = {
	filters: { startDate: '2026-11-01T00:00:00Z', endDate: '2026-11-30T00:00:00Z' },
	returnAll: true,
};

describe('cursor paging against a server that never stops', () => {
	it(`stops after ${MAX_PAGES} pages of fresh cursors with an error saying what to do`, async () => {
		let page = 0;
		server.handle((_request, response) => {
			page++;
			json(response, 200, {
				cursor: `cursor-${page}`,
				limit: 1,
				data: [{ cf_settlement_id: page }],
			});
		});
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error } = await runOperation(harness, 'settlement', 'getAll', byDates, [{}], {
			credentials,
		});

		expect(error?.message).toBe(
			`Cashfree's list went on past ${MAX_PAGES} pages (${MAX_PAGES} entries)`,
		);
		expect((error as { description?: string }).description).toMatch(
			/Narrow the filters .* or set a Limit/,
		);
		expect(page).toBe(MAX_PAGES);
	});
});

/** Two items, each with its own Settlement ID filter, so that a test can answer them differently. */
const twoItems = {
	filters: { cfSettlementIds: '={{ $json.id }}' },
	returnAll: true,
};
const twoInputs = [{ id: 'good' }, { id: 'bad' }];

/** Which item a request is for: its Settlement ID filter. */
function itemOf(filters: Record<string, unknown>): string {
	return (filters.cf_settlement_ids as string[])[0];
}

/** A one-page answer for the item whose ID is 'good'; `bad` answers the other. */
function goodOr(bad: (cursor: string | null) => unknown) {
	return settlementPages(({ filters, cursor }) =>
		itemOf(filters) === 'good'
			? { cursor: null, limit: 200, data: [{ cf_settlement_id: 1 }] }
			: bad(cursor),
	);
}

async function runTwoItems() {
	const credentials = await harness.credential({ baseUrl: server.baseUrl });
	return await runOperation(harness, 'settlement', 'getAll', twoItems, twoInputs, {
		credentials,
	});
}

function itemIndexOf(error: unknown): number | undefined {
	return (error as RecordedApiError).context?.itemIndex;
}

describe('cursors that repeat or loop are errors, not the end of the list', () => {
	it('a page that hands back the cursor it was asked with fails its item, with no duplicates output', async () => {
		server.handle(
			goodOr((cursor) => ({ cursor: 'same', limit: 200, data: [{ cf_settlement_id: cursor }] })),
		);

		const { error, items } = await runTwoItems();

		expect(error?.message).toBe(
			"Cashfree's answer repeated a cursor: page 2 gave the same cursor as page 1",
		);
		expect(itemIndexOf(error)).toBe(1);
		expect((error as RecordedApiError).description).toMatch(/not output/);
		expect(items).toEqual([]);
	});

	it('a loop A → B → A fails instead of ending as if the list were complete', async () => {
		const next: Record<string, string> = { first: 'A', A: 'B', B: 'A' };
		server.handle(
			goodOr((cursor) => ({
				cursor: next[cursor ?? 'first'],
				limit: 200,
				data: [{ cf_settlement_id: cursor ?? 'first' }],
			})),
		);

		const { error } = await runTwoItems();

		expect(error?.message).toBe(
			"Cashfree's answer repeated a cursor: page 3 gave the same cursor as page 1",
		);
		expect(itemIndexOf(error)).toBe(1);
		const asked = server.seen.filter((request) => request.method === 'POST').length;
		expect(asked).toBe(4);
	});

	it('a cursor that is not text fails instead of ending the list', async () => {
		server.handle(goodOr(() => ({ cursor: 12345, limit: 200, data: [{ cf_settlement_id: 2 }] })));

		const { error } = await runTwoItems();

		expect(error?.message).toBe(
			"Cashfree's answer is not a page of settlements: its cursor is a number, not text or null",
		);
		expect(itemIndexOf(error)).toBe(1);
	});

	it('with Continue On Fail the good item still outputs its settlement, the looping one an error item', async () => {
		server.handle(goodOr(() => ({ cursor: 'same', limit: 200, data: [{ cf_settlement_id: 2 }] })));
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error, items } = await runOperation(
			harness,
			'settlement',
			'getAll',
			twoItems,
			twoInputs,
			{ credentials, continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ cf_settlement_id: 1 }, { item: 0 }],
			[
				expect.objectContaining({
					error: "Cashfree's answer repeated a cursor: page 2 gave the same cursor as page 1",
				}),
				{ item: 1 },
			],
		]);
	});
});

describe('settlement pages of the wrong shape', () => {
	it.each([
		['`data` is an object', { data: { cf_settlement_id: 1 } }, '"data" is an object, not a list'],
		['`data` is null', { data: null }, '"data" is null, not a list'],
		['`data` is missing', { cursor: null, limit: 200 }, '"data" is missing, not a list'],
		['`data` is text', { data: 'none' }, '"data" is text, not a list'],
		['an entry is a number', { data: [{ cf_settlement_id: 1 }, 7] }, 'entry 2 is a number'],
		['an entry is null', { data: [null] }, 'entry 1 is null'],
		['an entry is a list', { data: [[{ cf_settlement_id: 1 }]] }, 'entry 1 is a list'],
	])(
		'a page whose %s fails its item instead of giving fewer or no items',
		async (_case, page, why) => {
			server.handle(goodOr(() => ({ cursor: null, limit: 200, ...page })));

			const { error, items } = await runTwoItems();

			expect(error?.message).toBe(`Cashfree's answer is not a page of settlements: ${why}`);
			expect(itemIndexOf(error)).toBe(1);
			expect((error as RecordedApiError).description).toMatch(/Base URL/);
			expect(items).toEqual([]);
		},
	);
});

describe('list answers of the wrong shape', () => {
	it.each([
		['an object', { data: [] }],
		['a list with a number in it', [{ cf_payment_id: '1' }, 7]],
		['a list with a nested list', [[{ cf_payment_id: '1' }]]],
	])('Get Many Payments refuses %s', async (_case, body) => {
		server.handle((_request, response) => json(response, 200, body));
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error, items } = await runOperation(
			harness,
			'payment',
			'getAll',
			{ orderId: 'order_1', returnAll: true },
			[{}],
			{
				credentials,
			},
		);

		expect(error?.message).toBe('Cashfree answered with JSON that is not a list of objects');
		expect(items).toEqual([]);
	});

	it('Get Order refuses a list where an object belongs', async () => {
		server.handle((_request, response) => json(response, 200, [{ order_id: 'order_1' }]));
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error } = await runOperation(harness, 'order', 'get', { orderId: 'order_1' }, [{}], {
			credentials,
		});

		expect(error?.message).toBe('Cashfree answered with JSON that is not an object');
	});
});

describe('whose words a headline is', () => {
	it("a Cashfree message that itself starts with 'Cashfree' keeps the 'Cashfree:' prefix", async () => {
		server.handle((_request, response) =>
			json(response, 400, {
				message: 'Cashfree is refusing this order',
				code: 'order_invalid',
				type: 'invalid_request_error',
			}),
		);
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error } = await runOperation(harness, 'order', 'get', { orderId: 'order_1' }, [{}], {
			credentials,
		});

		expect(error?.message).toBe('Cashfree: Cashfree is refusing this order');
	});
});
