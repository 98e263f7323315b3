/**
 * The simulator's Payouts over plain HTTP: the order of its checks, the balance, outcomes that
 * come on their own (for webhooks), events for the trigger, and the rate limit shared with /pg.
 */
import { cashfreePayoutsAuthHeaders } from '../../dist/credentials/CashfreePayoutsApi.credentials';
import { CashfreeSimulator, type PayoutEvent, type SimulatorOptions } from '../../tools/simulator';

const keys = { clientId: 'payout_client', clientSecret: 'payout_secret_Vx81' };

async function withPayouts(
	options: SimulatorOptions,
	test: (simulator: CashfreeSimulator, call: typeof request) => Promise<void>,
) {
	const simulator = new CashfreeSimulator({ ...keys, ...options });
	await simulator.start();
	try {
		await test(simulator, request);
	} finally {
		await simulator.stop();
	}

	async function request(
		path: string,
		init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
	) {
		const headers = {
			...cashfreePayoutsAuthHeaders({
				...keys,
				secondFactor: 'publicKey',
				publicKey: simulator.payouts.publicKeyPem,
			}),
			'content-type': 'application/json',
			...init.headers,
		};
		const response = await fetch(simulator.payoutsBaseUrl + path, {
			method: init.method ?? 'GET',
			headers,
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		const json = (await response.json()) as Record<string, unknown>;
		return { status: response.status, headers: response.headers, json };
	}
}

const transfer = (transfer_id: string, amount: number, vpa = 'ravi@okbank') => ({
	method: 'POST',
	body: {
		transfer_id,
		transfer_amount: amount,
		transfer_mode: 'upi',
		beneficiary_details: {
			beneficiary_name: 'Ravi Kumar',
			beneficiary_instrument_details: { vpa },
		},
	},
});

describe('simulator: Payouts', () => {
	it('checks keys, then version, then the second factor, in that order', async () => {
		await withPayouts({}, async (_simulator, call) => {
			const wrongSecret = await call('/transfers?transfer_id=x', {
				headers: { 'x-client-secret': 'nope', 'x-cf-signature': 'garbage' },
			});
			const wrongVersion = await call('/transfers?transfer_id=x', {
				headers: { 'x-api-version': '2025-01-01', 'x-cf-signature': 'garbage' },
			});
			const badSignature = await call('/transfers?transfer_id=x', {
				headers: { 'x-cf-signature': 'garbage' },
			});
			const signed = await call('/transfers?transfer_id=x');

			expect([wrongSecret.status, wrongVersion.status, badSignature.status, signed.status]).toEqual(
				[401, 400, 403, 404],
			);
			expect(badSignature.json.code).toBe('signature_invalid');
			expect(signed.json).toEqual({
				type: 'invalid_request_error',
				code: 'transfer_id_not_found',
				message: 'transfer_id does not exist',
			});
			expect(signed.headers.get('x-api-version')).toBe('2024-01-01');
		});
	});

	it('draws the balance down, refuses a transfer_id twice, and rejects what the balance cannot pay', async () => {
		await withPayouts({ payouts: { balance: 100 } }, async (simulator, call) => {
			const first = await call('/transfers', transfer('t_1', 60));
			const again = await call('/transfers', transfer('t_1', 60));
			const tooMuch = await call('/transfers', transfer('t_2', 60));

			expect(first.json).toMatchObject({ transfer_id: 't_1', status: 'RECEIVED' });
			expect(again.status).toBe(409);
			expect(again.json.code).toBe('transfer_id_already_exists');
			expect(tooMuch.json).toMatchObject({
				status: 'REJECTED',
				status_code: 'INSUFFICIENT_BALANCE',
			});
			expect(simulator.payouts.balance).toBe(40);
			expect(simulator.payouts.paymentsMade).toBe(1);
		});
	});

	it('decides and reverses transfers on its own, telling onEvent each step (where payout webhooks plug in)', async () => {
		await withPayouts({ payouts: { reversalMs: 20 } }, async (simulator, call) => {
			const events: PayoutEvent[] = [];
			simulator.payouts.onEvent = (event) => events.push(event);
			simulator.payouts.lowBalanceThreshold = 99_995;

			await call('/transfers', transfer('t_rev', 10, 'reverse@okbank'));
			await new Promise((resolve) => setTimeout(resolve, 60));

			expect(
				events.map((event) =>
					event.kind === 'transfer'
						? `${event.transfer.transfer_id} ${event.transfer.status}`
						: event.kind,
				),
			).toEqual(['t_rev RECEIVED', 'lowBalance', 't_rev SUCCESS', 't_rev REVERSED']);
			expect(simulator.payouts.balance).toBe(100_000);
		});
	});

	it('counts Payouts calls in the same rate-limit window as every route', async () => {
		await withPayouts({ rateLimitPerWindow: 2 }, async (_simulator, call) => {
			const answers = [
				await call('/beneficiary?beneficiary_id=a'),
				await call('/beneficiary?beneficiary_id=a'),
				await call('/beneficiary?beneficiary_id=a'),
			];

			expect(answers.map((answer) => answer.status)).toEqual([404, 404, 429]);
			expect(answers[2].headers.get('x-ratelimit-remaining')).toBe('0');
		});
	});
});
