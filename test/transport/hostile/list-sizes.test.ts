/**
 * Item 4 of the hardening issue, "lists that eat memory": the 8 MB limit counted bytes, not
 * entries. A 7 MB answer of tiny objects became 2.5 M output items per input item, 100,000-entry
 * pages under Return All took the process to 2 GB, and a page of ~120,000 entries failed with
 * "Maximum call stack size exceeded". No list in an answer may now hold more than Cashfree's
 * largest page (1000 entries), and Return All outputs at most 10,000 entries per run.
 */
import { MAX_RETURN_ALL_ENTRIES } from '../../../nodes/Cashfree/actions/common/listing';
import { MAX_JSON_VALUES, MAX_LIST_ENTRIES } from '../../../nodes/Cashfree/transport/answerBody';
import { runOperation, useHarness, type RecordedApiError } from '../../helpers/harness';
import { jsonList, rawJson, settlementPages, useHostileServer } from '../../helpers/hostile-server';

const harness = useHarness();
const server = useHostileServer();

const TOO_MANY = "Cashfree's answer has a list of more than 1000 entries";
const STOPPED = 'Return All stopped at 10000 entries in this run; set Limit or narrow the filters';

const byDates = {
	filters: { startDate: '2026-11-01T00:00:00Z', endDate: '2026-11-30T00:00:00Z' },
	returnAll: true,
};

async function credentials() {
	return await harness.credential({ baseUrl: server.baseUrl });
}

function posts() {
	return server.seen.filter((request) => request.method === 'POST');
}

it("the bounds are Cashfree's largest page, 100 values per entry of it, and ten pages per run", () => {
	expect(MAX_LIST_ENTRIES).toBe(1000);
	expect(MAX_JSON_VALUES).toBe(100_000);
	expect(MAX_RETURN_ALL_ENTRIES).toBe(10000);
});

describe('entries per answer', () => {
	it.each([
		['1001 entries', 1001],
		['130,000 entries (once "Maximum call stack size exceeded")', 130_000],
	])('a settlements page of %s fails with an error that names the bound', async (_case, count) => {
		server.handle(
			settlementPages(
				() => `{"cursor":null,"limit":200,"data":${jsonList(count, { cf_settlement_id: 1 })}}`,
			),
		);

		const { error, items } = await runOperation(harness, 'settlement', 'getAll', byDates, [{}], {
			credentials: await credentials(),
		});

		expect(error?.message).toBe(TOO_MANY);
		expect(error?.name).toBe('NodeApiError');
		expect((error as RecordedApiError).context.itemIndex).toBe(0);
		expect((error as RecordedApiError).description).toMatch(/Base URL/);
		expect(items).toEqual([]);
		expect(posts()).toHaveLength(1);
	});

	it('a settlements page of exactly 1000 entries is read whole', async () => {
		server.handle(
			settlementPages(() => ({
				cursor: null,
				limit: 1000,
				data: Array.from({ length: 1000 }, (_, index) => ({ cf_settlement_id: index })),
			})),
		);

		const { error, items } = await runOperation(harness, 'settlement', 'getAll', byDates, [{}], {
			credentials: await credentials(),
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1000);
	});

	it.each([
		[1000, undefined],
		[1001, TOO_MANY],
	])('Get Many Payments: a list of %i entries in one answer gives %s', async (count, expected) => {
		server.handle((_request, response) =>
			rawJson(response, 200, jsonList(count, { cf_payment_id: '1' })),
		);

		const { error, items } = await runOperation(
			harness,
			'payment',
			'getAll',
			{ orderId: 'order_1', returnAll: true },
			[{}],
			{ credentials: await credentials() },
		);

		expect(error?.message).toBe(expected);
		expect(items).toHaveLength(expected === undefined ? count : 0);
	});

	it('four items each answered 50,000 tiny objects: four error items, not 200,000 output items', async () => {
		server.handle((_request, response) => rawJson(response, 200, jsonList(50_000)));

		const { error, items } = await runOperation(
			harness,
			'payment',
			'getAll',
			{ orderId: '={{ $json.order }}', returnAll: true },
			[{ order: 'order_1' }, { order: 'order_2' }, { order: 'order_3' }, { order: 'order_4' }],
			{ credentials: await credentials(), continueOnFail: true },
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.error, item.pairedItem])).toEqual(
			[0, 1, 2, 3].map((item) => [TOO_MANY, { item }]),
		);
	});
});

describe('values per answer', () => {
	/** An order with `keys` keys: `keys` + 1 values (the object and each key's value). */
	const wideOrder = (keys: number) =>
		`{"order_id":"order_1"${Array.from({ length: keys - 1 }, (_, index) => `,"k${index}":${index}`).join('')}}`;

	it.each([
		[99_999, undefined],
		[100_000, "Cashfree's answer has more than 100000 values"],
	])('Get Order: one object of %i keys gives %s', async (keys, expected) => {
		server.handle((_request, response) => rawJson(response, 200, wideOrder(keys)));

		const { error, items } = await runOperation(
			harness,
			'order',
			'get',
			{ orderId: 'order_1' },
			[{}],
			{ credentials: await credentials() },
		);

		expect(error?.message).toBe(expected);
		expect(items).toHaveLength(expected === undefined ? 1 : 0);
	});
});

describe('entries per run under Return All', () => {
	it('a server with endless fresh cursors and full pages is stopped at 10,000 entries, never asked past them', async () => {
		server.handle(
			settlementPages(({ page, limit }) => ({
				cursor: `cursor-${page}`,
				limit,
				data: Array.from({ length: limit }, (_, index) => ({
					cf_settlement_id: page * 1000 + index,
				})),
			})),
		);

		const { error, items } = await runOperation(harness, 'settlement', 'getAll', byDates, [{}], {
			credentials: await credentials(),
		});

		expect(error?.message).toBe(STOPPED);
		expect((error as RecordedApiError).context.itemIndex).toBe(0);
		expect((error as RecordedApiError).description).toMatch(
			/at most 10000 entries through Return All, all items together/,
		);
		expect(items).toEqual([]);
		// 50 pages of 200 hold the 10,000; the 51st is not asked for.
		expect(posts()).toHaveLength(50);
	});

	it('the bound is for the run: 11 items of 1000 payments each fail at the 11th, 10 items pass, twice', async () => {
		server.handle((_request, response) =>
			rawJson(response, 200, jsonList(1000, { cf_payment_id: '1' })),
		);
		const orders = (count: number) =>
			Array.from({ length: count }, (_, index) => ({ order: `order_${index}` }));
		const getMany = async (count: number, parameters = {}) =>
			await runOperation(
				harness,
				'payment',
				'getAll',
				{ orderId: '={{ $json.order }}', returnAll: true, ...parameters },
				orders(count),
				{ credentials: await credentials() },
			);

		const eleven = await getMany(11);
		expect(eleven.error?.message).toBe(STOPPED);
		expect(eleven.items).toEqual([]);

		for (let run = 0; run < 2; run++) {
			const ten = await getMany(10);
			expect(ten.error).toBeUndefined();
			expect(ten.items).toHaveLength(10_000);
		}

		// Limit is the user's own bound per item, and is not counted.
		const limited = await getMany(11, { returnAll: false, limit: 1000 });
		expect(limited.error).toBeUndefined();
		expect(limited.items).toHaveLength(11_000);
	});
});
