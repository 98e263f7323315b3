/**
 * Finding 4 of the hardening issue: options were checked late or not at all. Every option is
 * now checked in the read step, for every item, before any request, naming field, item and rule.
 */
import type { INodeParameters } from 'n8n-workflow';

import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	IDEMPOTENCY_KEY_MAX_LENGTH,
	OPTION_LIMITS,
	REQUEST_ID_MAX_LENGTH,
} from '../../nodes/Cashfree/transport/limits';
import { errorText, runCashfree, useHarness } from '../helpers/harness';

const harness = useHarness();

/** Runs three links with `additionalOptions` on every item; expects a refusal and no request. */
async function refused(additionalOptions: INodeParameters) {
	for (const link_id of ['link_a', 'link_b', 'link_c']) harness.simulator.seedLink({ link_id });
	const { error, items } = await runCashfree(harness, ['link_a', 'link_b', 'link_c'], {
		parameters: { additionalOptions },
	});
	expect(items).toEqual([]);
	expect(harness.simulator.requests).toEqual([]);
	expect(error?.name).toBe('NodeOperationError');
	return error as Error & { description?: string; context?: { itemIndex?: number } };
}

describe('Idempotency Key and Request ID are printable ASCII of a length Cashfree accepts', () => {
	it.each([
		['ключ', /"к" \(U\+043A\) at position 1/],
		['键', /"键" \(U\+952E\) at position 1/],
		['订单-2024', /"订" \(U\+8BA2\) at position 1/],
		['tab\there', /a control character \(U\+0009\) at position 4/],
		['two words', /a space at position 4/],
	])('Idempotency Key %j is refused before anything is sent', async (key, where) => {
		const error = await refused({ idempotencyKey: key });

		expect(error.message).toMatch(/^Invalid Idempotency Key in item 0: it contains /);
		expect(error.message).toMatch(where);
		expect(error.description).toBe(
			`Idempotency Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters (letters, digits and symbols such as - _ . :), without spaces. Nothing was sent to Cashfree for this item.`,
		);
	});

	it('a 16 KB Idempotency Key is refused before the first link is touched', async () => {
		const error = await refused({
			idempotencyKey: '=k{{ "x".repeat(16383) }}-{{ $json.link_id }}',
		});

		expect(error.message).toBe(
			`Invalid Idempotency Key in item 0: it is 16391 characters long, the limit is ${IDEMPOTENCY_KEY_MAX_LENGTH}`,
		);
	});

	it('a 1 MB Request ID is refused, and not copied into the error', async () => {
		const error = await refused({ requestId: '={{ "r".repeat(1048576) }}' });

		expect(error.message).toBe(
			`Invalid Request ID in item 0: it is 1048576 characters long, the limit is ${REQUEST_ID_MAX_LENGTH}`,
		);
		expect(errorText(error).length).toBeLessThan(20000);
	});

	it('the same fixed key on two items is refused, naming both items', async () => {
		const error = await refused({
			idempotencyKey: '={{ $json.link_id === "link_a" ? "key-1" : "key-2" }}',
		});

		expect(error.message).toBe(
			'Invalid Idempotency Key in item 2: item 1 has the same key "key-2"',
		);
		expect(error.context?.itemIndex).toBe(2);
		expect(error.description).toMatch(/Each item needs its own Idempotency Key/);
	});

	it('with Continue On Fail, only the item that repeats a key fails; the others are sent', async () => {
		for (const link_id of ['link_a', 'link_b']) harness.simulator.seedLink({ link_id });

		const { items } = await runCashfree(harness, ['link_a', 'link_b'], {
			continueOnFail: true,
			parameters: { additionalOptions: { idempotencyKey: 'one-key' } },
		});

		expect(items[0].json.link_status).toBe('CANCELLED');
		expect(items[1].json.error).toBe(
			'Invalid Idempotency Key in item 1: item 0 has the same key "one-key"',
		);
		expect(harness.simulator.getLink('link_b')?.link_status).toBe('ACTIVE');
	});
});

describe('numbers stay within the limits the editor shows, whatever an expression gives', () => {
	it.each([
		['timeout', '={{ -5 }}', 'the number -5', 'Timeout (Ms)', OPTION_LIMITS.timeout],
		['timeout', '={{ 0 }}', 'the number 0', 'Timeout (Ms)', OPTION_LIMITS.timeout],
		['timeout', '={{ NaN }}', 'the number NaN', 'Timeout (Ms)', OPTION_LIMITS.timeout],
		['timeout', '={{ "soon" }}', '"soon"', 'Timeout (Ms)', OPTION_LIMITS.timeout],
		[
			'maxAttempts',
			'={{ 1e9 }}',
			'the number 1000000000',
			'Max Attempts',
			OPTION_LIMITS.maxAttempts,
		],
		[
			'maxAttempts',
			'={{ Infinity }}',
			'the number Infinity',
			'Max Attempts',
			OPTION_LIMITS.maxAttempts,
		],
		['maxAttempts', '={{ 2.5 }}', 'the number 2.5', 'Max Attempts', OPTION_LIMITS.maxAttempts],
		['concurrency', '={{ 0 }}', 'the number 0', 'Items at Once', OPTION_LIMITS.concurrency],
		['concurrency', '={{ 51 }}', 'the number 51', 'Items at Once', OPTION_LIMITS.concurrency],
		[
			'rateLimitWaitBudget',
			'={{ -1 }}',
			'the number -1',
			'Rate Limit Wait Budget (Seconds)',
			OPTION_LIMITS.rateLimitWaitBudget,
		],
	])('%s %s is refused', async (name, value, got, field, limits) => {
		const error = await refused({ [name]: value });

		expect(error.message).toBe(`Invalid ${field} in item 0: got ${got}`);
		expect(error.description).toBe(
			`${field} must be a whole number from ${limits.min} to ${limits.max}. Nothing was sent to Cashfree for this item.`,
		);
	});

	it('a bad value on the last item stops the run before the first item is sent', async () => {
		const error = await refused({ timeout: '={{ $json.link_id === "link_c" ? -5 : 5000 }}' });

		expect(error.message).toBe('Invalid Timeout (Ms) in item 2: got the number -5');
	});

	it('numbers given as text by an expression are accepted', async () => {
		harness.simulator.seedLink({ link_id: 'link_a' });

		const { error, items } = await runCashfree(harness, ['link_a'], {
			parameters: { additionalOptions: { timeout: '={{ "5000" }}', maxAttempts: '={{ "2" }}' } },
		});

		expect(error).toBeUndefined();
		expect(items[0].json.link_status).toBe('CANCELLED');
	});

	it('Wait Out Rate Limits takes true or false only', async () => {
		const error = await refused({ waitOnRateLimit: '={{ "no" }}' });

		expect(error.message).toBe('Invalid Wait Out Rate Limits in item 0: got "no"');
	});

	it('the editor shows the same limits and defaults the node enforces', () => {
		const source = readFileSync(
			path.join(__dirname, '../../nodes/Cashfree/actions/common/requestOptions.description.ts'),
			'utf8',
		);
		for (const [name, limits] of Object.entries(OPTION_LIMITS)) {
			const field = source.slice(source.indexOf(`name: '${name}'`));
			expect(field.slice(0, 400)).toMatch(new RegExp(`default: ${limits.default},`));
		}
	});
});
