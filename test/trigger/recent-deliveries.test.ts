import {
	DeliveryMemory,
	PROCESS_MAX_ENTRIES,
	RETRY_MEMORY_MS,
	STORED_MAX_ENTRIES,
	deliveryId,
} from '../../dist/nodes/Cashfree/webhook/recentDeliveries';

const HOUR = 60 * 60 * 1000;
const id = (n: number | string) => deliveryId(Buffer.from(`{"event":${JSON.stringify(n)}}`));

describe('the delivery memory of a trigger node', () => {
	it('a delivery is its body: the same bytes are the same delivery, one byte more is another', () => {
		expect(deliveryId(Buffer.from('{"a":1}'))).toBe(deliveryId(Buffer.from('{"a":1}')));
		expect(deliveryId(Buffer.from('{"a":1}'))).not.toBe(deliveryId(Buffer.from('{"a":1.0}')));
		expect(deliveryId(Buffer.from('{"a":1}'))).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it('remembers an event for the retry period, or until its replay window closes if later', () => {
		const memory = new DeliveryMemory(10, 1000);
		memory.remember(id(1), 0, 0);
		memory.remember(id(2), 5000, 0);
		expect(memory.has(id(1), 1000)).toBe(true);
		expect(memory.has(id(1), 1001)).toBe(false);
		expect(memory.has(id(2), 5000)).toBe(true);
		expect(memory.has(id(2), 5001)).toBe(false);
	});

	it('when full, drops the oldest; says how many could still have been replayed', () => {
		const memory = new DeliveryMemory(3, HOUR);
		expect(memory.remember(id('a'), 100, 0)).toBe(0);
		expect(memory.remember(id('b'), 10_000, 0)).toBe(0);
		expect(memory.remember(id('c'), 10_000, 0)).toBe(0);
		// a's window closed at 100: dropping it lets nothing be replayed.
		expect(memory.remember(id('d'), 10_000, 200)).toBe(0);
		expect(memory.has(id('a'), 200)).toBe(false);
		// b's window is still open.
		expect(memory.remember(id('e'), 10_000, 300)).toBe(1);
		expect(memory.size).toBe(3);
		expect(['c', 'd', 'e'].every((key) => memory.has(id(key), 300))).toBe(true);
	});

	it('drops expired entries before older live ones when it needs room', () => {
		const memory = new DeliveryMemory(2, 1000);
		memory.remember(id('long'), 50_000, 0);
		memory.remember(id('short'), 0, 10);
		memory.remember(id('new'), 3000, 2000);
		expect(memory.has(id('long'), 2000)).toBe(true);
		expect(memory.has(id('new'), 2000)).toBe(true);
	});

	it('the stored form reads back, ordered by first sight, malformed entries skipped', () => {
		const memory = new DeliveryMemory(10);
		memory.remember(id(1), 1_700_000_300_000, 1_700_000_000_000);
		memory.remember(id(2), 1_700_000_400_500, 1_700_000_100_000);
		const stored = memory.toJSON();
		expect(stored).toEqual({
			[id(1)]: [1_700_000_000, 1_700_000_300],
			[id(2)]: [1_700_000_100, 1_700_000_401],
		});

		const reordered = { [id(2)]: stored[id(2)], [id(1)]: stored[id(1)] };
		const back = DeliveryMemory.fromJSON(
			{ ...reordered, 'not-an-id': [1, 2], [id(3)]: 'x', [id(4)]: [1.5, 2] },
			1,
		);
		expect(back.size).toBe(1);
		expect(back.has(id(2), 1_700_000_100_000)).toBe(true);
		for (const junk of [undefined, null, 'x', [], 42]) {
			expect(DeliveryMemory.fromJSON(junk, 10).size).toBe(0);
		}
	});

	it("absorbs another memory's newer events, keeping its own bound", () => {
		const stored = new DeliveryMemory(3);
		stored.remember(id('s1'), 0, 1000);
		const process = new DeliveryMemory(10);
		for (let n = 0; n < 5; n++) process.remember(id(n), 0, 2000 + n);
		stored.absorb(process, 3000);
		expect(stored.size).toBe(3);
		expect([2, 3, 4].every((n) => stored.has(id(n), 3000))).toBe(true);
	});

	it('stays bounded: 10,000 in the process, 1,000 in the static data, within 72 KB', () => {
		expect(PROCESS_MAX_ENTRIES).toBe(10_000);
		expect(STORED_MAX_ENTRIES).toBe(1_000);
		expect(RETRY_MEMORY_MS).toBe(24 * HOUR);
		const memory = new DeliveryMemory(STORED_MAX_ENTRIES);
		const now = Date.now();
		for (let n = 0; n < 1_050; n++) memory.remember(id(n), now + 300_000, now);
		expect(memory.size).toBe(1_000);
		expect(JSON.stringify(memory.toJSON()).length).toBeLessThan(72_000);
	});
});
