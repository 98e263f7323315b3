import { runCashfree, useHarness } from '../../helpers/harness';

const harness = useHarness();

beforeEach(() => {
	harness.simulator.seedLink({ link_id: 'valid_link' });
});

const badLinkIds: Array<[string, unknown, RegExp]> = [
	['empty', '', /it is empty/],
	['all spaces', '   ', /only spaces/],
	['51 characters', 'a'.repeat(51), /51 characters long, the limit is 50/],
	['a slash', 'abc/def', /"\/" \(U\+002F\) at position 4/],
	['a parent path', '..', /"\." \(U\+002E\) at position 1/],
	['a path that climbs out', '../../orders', /"\." \(U\+002E\) at position 1/],
	['an encoded slash', 'abc%2Fdef', /"%" \(U\+0025\) at position 4/],
	['a query', 'abc?status=PAID', /"\?" \(U\+003F\) at position 4/],
	['a fragment', 'abc#x', /"#" \(U\+0023\) at position 4/],
	['a space inside', 'abc def', /a space at position 4/],
	['a leading space', ' abc', /a space at position 1/],
	['a newline', 'abc\n', /control character \(U\+000A\) at position 4/],
	['a non-ASCII letter', 'café_link', /"é" \(U\+00E9\) at position 4/],
	['a lookalike character', 'аbc', /"а" \(U\+0430\) at position 1/],
	['an emoji', 'link_🎉', /U\+1F389/],
	['a backslash', 'abc\\def', /"\\" \(U\+005C\) at position 4/],
	['a decimal number', 12.5, /expected text or a whole number, got the number 12.5/],
	['a negative number', -7, /got the number -7/],
	['null', null, /expected text or a whole number, got null/],
	['an object', { id: 'x' }, /expected text or a whole number, got object/],
];

describe('Link ID validation', () => {
	it.each(badLinkIds)(
		'refuses a link id with %s, naming field, rule and item, sending nothing',
		async (_case, linkId, problem) => {
			const { error, items } = await runCashfree(harness, [linkId]);

			expect(error).toBeDefined();
			expect(error?.message).toMatch(/^Invalid Link ID in item 0: /);
			expect(error?.message).toMatch(problem);
			expect((error as { description?: string }).description).toMatch(
				/Link ID must be 1 to 50 characters, each a letter A-Z or a-z, a digit 0-9, "-" or "_"/,
			);
			expect(error?.name).toBe('NodeOperationError');
			expect(items).toEqual([]);
			expect(harness.simulator.requests).toEqual([]);
		},
	);

	it('accepts the longest and most varied valid id', async () => {
		const longest = `Ab9-_${'z'.repeat(45)}`;
		harness.simulator.seedLink({ link_id: longest });

		const { error, items } = await runCashfree(harness, [longest]);

		expect(error).toBeUndefined();
		expect(items[0].json.link_id).toBe(longest);
		expect(harness.simulator.requests.map((request) => request.url)).toEqual([
			`/pg/links/${longest}/cancel`,
		]);
	});

	it('accepts a whole number, as a spreadsheet column of numeric ids gives', async () => {
		harness.simulator.seedLink({ link_id: '12345' });

		const { error, items } = await runCashfree(harness, [12345]);

		expect(error).toBeUndefined();
		expect(items[0].json.link_status).toBe('CANCELLED');
		expect(harness.simulator.requests.map((request) => request.url)).toEqual([
			'/pg/links/12345/cancel',
		]);
	});

	it('checks every item before sending any, so one bad id stops the run with no link touched', async () => {
		const { error } = await runCashfree(harness, ['valid_link', 'bad/id']);

		expect(error?.message).toMatch(/^Invalid Link ID in item 1: /);
		expect(harness.simulator.requests).toEqual([]);
		expect(harness.simulator.getLink('valid_link')?.link_status).toBe('ACTIVE');
	});

	it('with Continue On Fail, reports the bad item and still cancels the good ones', async () => {
		const { error, items } = await runCashfree(harness, ['bad/id', 'valid_link', ''], {
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.error).toMatch(/^Invalid Link ID in item 0: /);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.link_status).toBe('CANCELLED');
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[2].json.error).toMatch(/^Invalid Link ID in item 2: it is empty/);
		expect(items[2].pairedItem).toEqual({ item: 2 });
		expect(harness.simulator.requests.map((request) => request.url)).toEqual([
			'/pg/links/valid_link/cancel',
		]);
	});
});
