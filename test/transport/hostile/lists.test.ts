/**
 * List answers from a hostile server: a cursor that never ends must not keep the node asking
 * (and its memory growing) forever, and a list that is not a list of objects is an error, not
 * output items of the wrong shape.
 */
import { MAX_PAGES } from '../../../nodes/Cashfree/actions/common/listing';
import { runOperation, useHarness } from '../../helpers/harness';
import { json, startHostileServer, type HostileServer } from '../../helpers/hostile-server';

const harness = useHarness();
let server: HostileServer;

beforeAll(async () => {
	server = await startHostileServer();
});
afterAll(async () => await server.stop());

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
