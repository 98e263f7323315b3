/**
 * Item 4 of the hardening issue: an answer nested 2,500 levels deep failed with "Maximum call
 * stack size exceeded". Cashfree's answers are a few levels deep; the depth of every answer is
 * now counted in its text before it is parsed (brackets inside strings do not count), and an
 * answer deeper than 64 levels is refused with an error that says so.
 */
import { MAX_JSON_DEPTH } from '../../../nodes/Cashfree/transport/answerBody';
import { runOperation, useHarness, type RecordedApiError } from '../../helpers/harness';
import {
	jsonList,
	nestedJson,
	rawJson,
	settlementPages,
	useHostileServer,
} from '../../helpers/hostile-server';

const harness = useHarness();
const server = useHostileServer();

const TOO_DEEP = "Cashfree's answer is nested more than 64 levels deep";

async function getOrder() {
	const credentials = await harness.credential({ baseUrl: server.baseUrl });
	return await runOperation(harness, 'order', 'get', { orderId: 'order_1' }, [{}], {
		credentials,
	});
}

it('the bound is 64 levels', () => {
	expect(MAX_JSON_DEPTH).toBe(64);
});

describe('answers nested 2,500 levels deep', () => {
	it.each([
		['objects', 'object' as const],
		['lists', 'list' as const],
	])('Get Order: %s 2,500 deep inside the order fail with the depth named', async (_case, kind) => {
		server.handle((_request, response) =>
			rawJson(response, 200, `{"order_id":"order_1","x":${nestedJson(2500, kind)}}`),
		);

		const { error, items } = await getOrder();

		expect(error?.message).toBe(TOO_DEEP);
		expect(error?.name).toBe('NodeApiError');
		expect((error as RecordedApiError).context.itemIndex).toBe(0);
		expect(items).toEqual([]);
	});

	it('Get Many Payments: an entry 2,500 deep fails the same way', async () => {
		server.handle((_request, response) =>
			rawJson(response, 200, `[{"cf_payment_id":"1","x":${nestedJson(2500)}}]`),
		);
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error } = await runOperation(
			harness,
			'payment',
			'getAll',
			{ orderId: 'order_1', returnAll: true },
			[{}],
			{ credentials },
		);

		expect(error?.message).toBe(TOO_DEEP);
	});

	it('Get Many Settlements: a page with an entry 2,500 deep fails the same way', async () => {
		server.handle(
			settlementPages(() => `{"cursor":null,"limit":200,"data":[{"x":${nestedJson(2500)}}]}`),
		);
		const credentials = await harness.credential({ baseUrl: server.baseUrl });

		const { error } = await runOperation(
			harness,
			'settlement',
			'getAll',
			{
				filters: { startDate: '2026-11-01T00:00:00Z', endDate: '2026-11-30T00:00:00Z' },
				returnAll: true,
			},
			[{}],
			{ credentials },
		);

		expect(error?.message).toBe(TOO_DEEP);
	});

	it('a refusal (HTTP 400) nested 2,500 deep is reported as such', async () => {
		server.handle((_request, response) =>
			rawJson(response, 400, `{"message":"bad","x":${nestedJson(2500)}}`),
		);

		const { error } = await getOrder();

		expect(error?.message).toBe(
			'Cashfree answered HTTP 400 with JSON that is nested more than 64 levels deep',
		);
		expect((error as RecordedApiError).context.cashfree).toMatchObject({ httpStatus: 400 });
	});
});

describe('the depth bound itself', () => {
	it('64 levels (the order object counted) are read; 65 are refused', async () => {
		// The order object is level 1, so 63 more objects inside it make 64.
		server.handle((_request, response) =>
			rawJson(response, 200, `{"order_id":"order_1","x":${nestedJson(63)}}`),
		);
		const deepest = await getOrder();
		expect(deepest.error).toBeUndefined();
		expect(deepest.items).toHaveLength(1);

		server.handle((_request, response) =>
			rawJson(response, 200, `{"order_id":"order_1","x":${nestedJson(64)}}`),
		);
		const tooDeep = await getOrder();
		expect(tooDeep.error?.message).toBe(TOO_DEEP);
	});

	it('brackets and escaped quotes inside strings do not count', async () => {
		const note = `"\\"${'[{'.repeat(500)}\\\\"`;
		const order = `{"order_id":"order_1","note":${note},"list":${jsonList(3)}}`;
		server.handle((_request, response) => rawJson(response, 200, order));

		const { error, items } = await getOrder();

		expect(error).toBeUndefined();
		expect(items[0].json).toEqual(JSON.parse(order));
	});
});
