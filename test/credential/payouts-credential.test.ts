/**
 * The Cashfree Payouts credential: the x-cf-signature second factor (made per request with the
 * public key, checked by the simulator with its private key), the IP allow-list, the Test button
 * that passes only on Cashfree's own answer, and the secrets (client secret and public key) never
 * shown in outputs, errors or logs.
 */
import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';

import {
	CLIENT_ID,
	CLIENT_SECRET,
	errorText,
	payoutsCredentialData,
	runPayouts,
	safeJson,
	startHarness,
	useHarness,
	type Harness,
} from '../helpers/harness';

const pair = () =>
	generateKeyPairSync('rsa', {
		modulusLength: 2048,
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	});
const accountKeys = pair();
const someoneElsesKeys = pair();

const harness = useHarness({
	payouts: { secondFactor: { kind: 'signature', privateKey: accountKeys.privateKey } },
});

const credential = (overrides: Record<string, string> = {}) => ({
	type: 'cashfreePayoutsApi',
	data: { ...payoutsCredentialData(harness.simulator), ...overrides },
});

function decryptSignature(signature: unknown): string {
	return privateDecrypt(
		{ key: accountKeys.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING },
		Buffer.from(String(signature), 'base64'),
	).toString('utf8');
}

/** 12-character runs of the public key's base64 lines: what the redaction must catch. */
function keyFragments(pem: string): string[] {
	return pem
		.split('\n')
		.filter((line) => line && !line.startsWith('-----'))
		.flatMap((line) => [line.slice(0, 12), line.slice(-12)]);
}

describe('Cashfree Payouts credential', () => {
	it('signs every request with the public key: client id and the time in seconds, afresh each time', async () => {
		const data = credential().data;
		const authenticate = async () =>
			await harness.engine.credentialsHelper.authenticate(data, 'cashfreePayoutsApi', {
				url: '/transfers',
				headers: { accept: 'application/json' },
			});

		const [first, second] = [await authenticate(), await authenticate()];

		expect(first.headers).toMatchObject({
			'x-client-id': CLIENT_ID,
			'x-client-secret': CLIENT_SECRET,
			'x-api-version': '2024-01-01',
		});
		const [clientId, seconds] = decryptSignature(first.headers?.['x-cf-signature']).split('.');
		expect(clientId).toBe(CLIENT_ID);
		expect(Math.abs(Number(seconds) - Date.now() / 1000)).toBeLessThan(5);
		// OAEP is randomised: a signature is made per request, never reused.
		expect(second.headers?.['x-cf-signature']).not.toBe(first.headers?.['x-cf-signature']);
		expect(safeJson(first.headers)).not.toContain('BEGIN PUBLIC KEY');
	});

	it('sends no signature with the IP allow-list: there is nothing to send', async () => {
		const { headers } = await harness.engine.credentialsHelper.authenticate(
			credential({ secondFactor: 'ipAllowlist' }).data,
			'cashfreePayoutsApi',
			{ url: '/transfers', headers: {} },
		);

		expect(headers).not.toHaveProperty('x-cf-signature');
	});

	it("the Test passes on Cashfree's 404 for a beneficiary that does not exist, with the signed headers", async () => {
		const result = await harness.engine.testCredential(credential());

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = harness.simulator.requests;
		expect(request.url).toBe('/payout/beneficiary?beneficiary_id=n8n.credential.check');
		expect(decryptSignature(request.headers['x-cf-signature'])).toMatch(
			new RegExp(`^${CLIENT_ID}\\.\\d+$`),
		);
	});

	it("the Test fails with a public key that is not the account's, naming the second factor", async () => {
		const result = await harness.engine.testCredential(
			credential({ publicKey: someoneElsesKeys.publicKey }),
		);

		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'Cashfree accepted the keys but refused the request (HTTP 403',
		);
		expect(result.message).toContain('check that the key is the one Cashfree gave for these keys');
	});

	it('the Test fails with a wrong secret as the PG credential does', async () => {
		const result = await harness.engine.testCredential(
			credential({ clientSecret: 'cfsk_not_the_secret' }),
		);

		expect(result.message).toBe(
			'Cashfree rejected the Client ID or Client Secret. Check that both keys belong to the selected environment.',
		);
	});

	it('a public key that is not PEM is refused before anything is sent, by the Test and by the node', async () => {
		const broken = { publicKey: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA-not-a-key' };

		const tested = await harness.engine.testCredential(credential(broken));
		const ran = await runPayouts(harness, 'transfer', 'get', { transferId: 'payout_1' }, [{}], {
			credentials: await harness.payoutsCredential(broken),
		});

		expect(tested.message).toContain('Public Key is not a PEM public key');
		expect(ran.error?.message).toContain(
			'The Cashfree credential is not usable: Public Key is not a PEM public key',
		);
		expect(errorText(ran.error)).not.toContain(broken.publicKey);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('a transfer signed with the wrong key is refused by Cashfree (403) and pays nothing', async () => {
		const { error } = await runPayouts(
			harness,
			'transfer',
			'create',
			{
				transferId: 'payout_1',
				transferAmount: 5,
				payTo: 'upi',
				beneficiaryName: 'Ravi',
				vpa: 'ravi@ok',
			},
			[{}],
			{ credentials: await harness.payoutsCredential({ publicKey: someoneElsesKeys.publicKey }) },
		);

		expect((error as { httpCode?: string }).httpCode).toBe('403');
		expect(String((error as { description?: string }).description)).toContain(
			"Cashfree refused the second factor: with IP Allow-List, allow-list the n8n server's public IP in the Payouts Dashboard",
		);
		expect(harness.simulator.payouts.paymentsMade).toBe(0);
	});

	it('never shows the client secret or the public key, even when an answer repeats them', async () => {
		harness.simulator.injectFault({
			pathIncludes: '/payout/transfers',
			fault: {
				kind: 'status',
				status: 400,
				body: {
					message: `bad request from ${CLIENT_SECRET} signed with ${accountKeys.publicKey}`,
					code: 'request_invalid',
					type: 'invalid_request_error',
				},
			},
		});

		const { error } = await runPayouts(harness, 'transfer', 'get', { transferId: 'payout_1' });
		harness.simulator.injectFault({
			pathIncludes: '/payout/beneficiary',
			fault: {
				kind: 'status',
				status: 400,
				body: {
					message: `no: ${CLIENT_SECRET} ${accountKeys.publicKey}`,
					code: 'request_invalid',
					type: 'invalid_request_error',
				},
			},
		});
		const testedEcho = await harness.engine.testCredential(credential());

		const seen = [errorText(error), safeJson(testedEcho), safeJson(harness.engine.logs)].join('\n');
		expect(error?.message).toContain('bad request from');
		expect(seen).not.toContain(CLIENT_SECRET);
		for (const fragment of keyFragments(accountKeys.publicKey))
			expect(seen).not.toContain(fragment);
	});
});

describe('Cashfree Payouts with the IP allow-list', () => {
	async function withAllowList(allowedIps: string[], check: (h: Harness) => Promise<void>) {
		const started = await startHarness({
			payouts: { secondFactor: { kind: 'ipAllowlist', allowedIps } },
		});
		try {
			await check(started);
		} finally {
			await started.stop();
		}
	}

	it('passes the Test and pays when the caller is allow-listed', async () => {
		await withAllowList(['127.0.0.1'], async (allowed) => {
			const data = payoutsCredentialData(allowed.simulator);
			expect(data.secondFactor).toBe('ipAllowlist');
			const tested = await allowed.engine.testCredential({ type: 'cashfreePayoutsApi', data });
			const paid = await runPayouts(allowed, 'transfer', 'create', {
				transferId: 'payout_ip',
				transferAmount: 5,
				payTo: 'upi',
				beneficiaryName: 'Ravi',
				vpa: 'ravi@ok',
			});

			expect(tested.status).toBe('OK');
			expect(paid.error).toBeUndefined();
			expect(allowed.simulator.payouts.paymentsMade).toBe(1);
		});
	});

	it('is refused (403) from an address that is not allow-listed, and the Test says what to allow-list', async () => {
		await withAllowList(['10.9.8.7'], async (refused) => {
			const data = payoutsCredentialData(refused.simulator);
			const tested = await refused.engine.testCredential({ type: 'cashfreePayoutsApi', data });

			expect(tested.message).toContain('IP not whitelisted');
			expect(tested.message).toContain("allow-list the n8n server's public IP");
		});
	});
});
