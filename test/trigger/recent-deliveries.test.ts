import { RecentKeys, deliveryKey } from '../../dist/nodes/Cashfree/webhook/recentDeliveries';

describe('the duplicate memory of a trigger node', () => {
	it('remembers a key for the TTL, then forgets it', () => {
		const keys = new RecentKeys(10, 1000);
		expect(keys.checkAndRemember('a', 0)).toBe(false);
		expect(keys.checkAndRemember('a', 1000)).toBe(true);
		expect(keys.checkAndRemember('a', 1001)).toBe(false);
	});

	it('holds at most maxKeys keys, dropping the oldest first', () => {
		const keys = new RecentKeys(3, 1000);
		for (const key of ['a', 'b', 'c', 'd']) expect(keys.checkAndRemember(key, 0)).toBe(false);
		expect(keys.size).toBe(3);
		expect(keys.checkAndRemember('d', 1)).toBe(true);
		expect(keys.checkAndRemember('a', 1)).toBe(false);
	});

	it('drops expired keys as new ones arrive', () => {
		const keys = new RecentKeys(100, 1000);
		for (let i = 0; i < 50; i++) keys.checkAndRemember(`k${i}`, 0);
		keys.checkAndRemember('late', 5000);
		expect(keys.size).toBe(1);
	});

	it('stays bounded at 10,000 keys by default', () => {
		const keys = new RecentKeys();
		for (let i = 0; i < 10_050; i++) keys.checkAndRemember(`k${i}`, 0);
		expect(keys.size).toBe(10_000);
	});

	it('keys on the idempotency key, else on the body', () => {
		const body = Buffer.from('{"a":1}');
		expect(deliveryKey('key-1', body)).toBe(deliveryKey('key-1', Buffer.from('{}')));
		expect(deliveryKey(undefined, body)).toBe(deliveryKey(undefined, Buffer.from('{"a":1}')));
		expect(deliveryKey(undefined, body)).not.toBe(deliveryKey(undefined, Buffer.from('{"a":1.0}')));
	});
});
