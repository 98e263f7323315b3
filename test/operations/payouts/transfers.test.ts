/**
 * Transfer → Create and Get in n8n's engine against the simulator's Payouts: who is paid, what
 * is sent, what the balance says, and that nothing is ever paid twice (re-runs, retries, lost
 * answers), counted by the simulator's payments.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorText, runPayouts, sentBodies, sentRequests, useHarness } from '../../helpers/harness';

const harness = useHarness({ payouts: { balance: 1000 } });

const toSaved = (transferId: string, amount: number, beneficiaryId = 'vendor_1') => ({
	transferId,
	transferAmount: amount,
	payTo: 'beneficiary',
	beneficiaryId,
});

const fromRows = {
	transferId: '={{ $json.transfer_id }}',
	transferAmount: '={{ $json.amount }}',
	payTo: 'beneficiary',
	beneficiaryId: '={{ $json.vendor }}',
};

const rows: IDataObject[] = [
	{ transfer_id: 'payout_inv_1', amount: 100, vendor: 'vendor_1' },
	{ transfer_id: 'payout_inv_2', amount: 50.25, vendor: 'vendor_2' },
	{ transfer_id: 'payout_inv_3', amount: 10, vendor: 'vendor_1' },
];

async function payRows(items: IDataObject[], options: IDataObject = {}) {
	return await runPayouts(
		harness,
		'transfer',
		'create',
		{
			...fromRows,
			additionalOptions: { concurrency: 1, ...options },
		},
		items,
	);
}

/** The next transfer is made, and its answer never arrives (the connection drops). */
function loseNextTransferAnswer() {
	harness.simulator.injectFault({
		method: 'POST',
		pathIncludes: '/payout/transfers',
		fault: { kind: 'dropAfterApply' },
	});
}

beforeEach(() => {
	for (const [id, account] of [
		['vendor_1', '1234554321'],
		['vendor_2', '9988776655'],
	]) {
		harness.simulator.payouts.seedBeneficiary({
			beneficiary_id: id,
			beneficiary_name: 'Asha Verma',
			instrument: { bank_account_number: account, bank_ifsc: 'SBIN0001161' },
		});
	}
});

describe('Transfer → Create', () => {
	it('pays a saved beneficiary: signed request, the balance drawn down, the answer as output', async () => {
		const { items, error } = await runPayouts(
			harness,
			'transfer',
			'create',
			toSaved('payout_1', 120.5),
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			transfer_id: 'payout_1',
			status: 'RECEIVED',
			transfer_amount: 120.5,
			beneficiary_details: { beneficiary_id: 'vendor_1' },
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(harness.simulator.payouts.balance).toBe(879.5);
		expect(harness.simulator.payouts.paymentsMade).toBe(1);
		const [request] = sentRequests(harness, 'POST', '/payout/transfers');
		expect(request.headers['x-api-version']).toBe('2024-01-01');
		expect(request.headers['x-cf-signature']).toEqual(expect.stringMatching(/^[A-Za-z0-9+/]+=*$/));
		expect(sentBodies(harness, 'POST', '/payout/transfers')).toEqual([
			{
				transfer_id: 'payout_1',
				transfer_amount: 120.5,
				beneficiary_details: { beneficiary_id: 'vendor_1' },
			},
		]);
	});

	it('pays a bank account and a UPI ID given in the item, each by its own mode', async () => {
		const bank = await runPayouts(harness, 'transfer', 'create', {
			transferId: 'payout_bank',
			transferAmount: 10,
			payTo: 'bankAccount',
			beneficiaryName: 'Asha Verma',
			bankAccountNumber: '026291800001191',
			bankIfsc: 'YESB0000262',
			additionalFields: { transferMode: 'imps', transferRemarks: 'December invoice' },
		});
		const upi = await runPayouts(harness, 'transfer', 'create', {
			transferId: 'payout_upi',
			transferAmount: 5,
			payTo: 'upi',
			beneficiaryName: 'Ravi Kumar',
			vpa: 'ravi@okbank',
		});

		expect(bank.error).toBeUndefined();
		expect(upi.error).toBeUndefined();
		expect(sentBodies(harness, 'POST', '/payout/transfers')).toEqual([
			{
				transfer_id: 'payout_bank',
				transfer_amount: 10,
				transfer_mode: 'imps',
				transfer_remarks: 'December invoice',
				beneficiary_details: {
					beneficiary_name: 'Asha Verma',
					beneficiary_instrument_details: {
						bank_account_number: '026291800001191',
						bank_ifsc: 'YESB0000262',
					},
				},
			},
			{
				transfer_id: 'payout_upi',
				transfer_amount: 5,
				transfer_mode: 'upi',
				beneficiary_details: {
					beneficiary_name: 'Ravi Kumar',
					beneficiary_instrument_details: { vpa: 'ravi@okbank' },
				},
			},
		]);
		expect(upi.items[0].json.beneficiary_details).toEqual({
			beneficiary_instrument_details: { vpa: 'ravi@okbank' },
		});
		expect(harness.simulator.payouts.paymentsMade).toBe(2);
	});

	it('refuses an empty Transfer ID before anything is sent, saying to build it from the row', async () => {
		// A row without the column: the expression gives nothing (a literal empty one n8n refuses itself).
		const { error } = await payRows([{ amount: 1, vendor: 'vendor_1' }]);

		expect(error?.message).toContain('Invalid Transfer ID in item 0: it is empty');
		expect(errorText(error)).toContain(
			'build it from the row, e.g. payout_{{ $json.invoice }}: an ID Cashfree has seen is never paid again, even when the workflow is retried',
		);
		expect(sentRequests(harness, 'POST', '/payout/transfers')).toHaveLength(0);
		expect(harness.simulator.payouts.paymentsMade).toBe(0);
	});

	it('refuses two items with one Transfer ID before anything is sent, naming both items', async () => {
		const { error } = await payRows([
			rows[0],
			rows[1],
			{ ...rows[2], transfer_id: 'payout_inv_1' },
		]);

		expect(error?.message).toContain(
			'Invalid Transfer ID in item 2: item 0 has the same Transfer ID "payout_inv_1"',
		);
		expect(sentRequests(harness, 'POST', '/payout/transfers')).toHaveLength(0);
		expect(harness.simulator.payouts.paymentsMade).toBe(0);
	});

	it.each([
		[
			'a saved beneficiary without its ID',
			{ payTo: 'beneficiary' },
			'Invalid Beneficiary ID in item 0: it is empty',
		],
		[
			'a UPI transfer by IMPS',
			{
				payTo: 'upi',
				beneficiaryName: 'Ravi',
				vpa: 'ravi@okbank',
				additionalFields: { transferMode: 'imps' },
			},
			'Invalid Transfer Mode in item 0: got "imps"',
		],
		[
			'an amount in fractions of a paisa',
			{ payTo: 'beneficiary', beneficiaryId: 'vendor_1', transferAmount: 10.005 },
			'Invalid Amount in item 0',
		],
		[
			'a Transfer ID with a hyphen',
			{ payTo: 'beneficiary', beneficiaryId: 'vendor_1', transferId: 'payout-1' },
			'Invalid Transfer ID in item 0',
		],
	])('refuses %s before anything is sent', async (_case, parameters, message) => {
		const { error } = await runPayouts(harness, 'transfer', 'create', {
			transferId: 'payout_1',
			transferAmount: 10,
			...parameters,
		});

		expect(error?.message).toContain(message);
		expect(sentRequests(harness, 'POST', '/payout/transfers')).toHaveLength(0);
		expect(harness.simulator.payouts.paymentsMade).toBe(0);
	});

	describe('never twice', () => {
		it('a re-run of the same rows pays nothing: Cashfree refuses the first row again, and the run says so', async () => {
			const first = await payRows(rows);
			expect(first.error).toBeUndefined();
			expect(harness.simulator.payouts.paymentsMade).toBe(3);

			const rerun = await payRows(rows);

			expect(harness.simulator.payouts.paymentsMade).toBe(3);
			expect(harness.simulator.payouts.balance).toBe(1000 - 160.25);
			expect((rerun.error as { httpCode?: string }).httpCode).toBe('409');
			expect(rerun.error?.message).toMatch(/^Cashfree: transfer_id already exists/);
			expect(String((rerun.error as { description?: string }).description)).toContain(
				'Nothing was paid for this item: transfer payout_inv_1 exists already',
			);
		});

		it('with Treat Existing Transfers as Success, the re-run outputs the transfers already made, and pays nothing', async () => {
			await payRows(rows.slice(0, 2));
			const rerun = await payRows(rows, { treatExistingAsSuccess: true });

			expect(rerun.error).toBeUndefined();
			expect(rerun.items.map((item) => [item.json.transfer_id, item.json.alreadyExisted])).toEqual([
				['payout_inv_1', true],
				['payout_inv_2', true],
				['payout_inv_3', undefined],
			]);
			expect(harness.simulator.payouts.paymentsMade).toBe(3);
		});

		it('an existing transfer with another amount is not this row: the item fails, saying how, and nothing is paid', async () => {
			await payRows(rows.slice(0, 1));
			const rerun = await payRows([{ ...rows[0], amount: 101 }], { treatExistingAsSuccess: true });

			expect(String((rerun.error as { description?: string }).description)).toContain(
				'The transfer payout_inv_1 exists already with transfer_amount 100, not 101',
			);
			expect(harness.simulator.payouts.paymentsMade).toBe(1);
		});

		it('an existing transfer to another beneficiary is not this row either', async () => {
			await payRows(rows.slice(0, 1));
			const rerun = await payRows([{ ...rows[0], vendor: 'vendor_2' }], {
				treatExistingAsSuccess: true,
			});

			expect(String((rerun.error as { description?: string }).description)).toContain(
				'beneficiary_id vendor_1, not vendor_2',
			);
			expect(harness.simulator.payouts.paymentsMade).toBe(1);
		});

		it('a retry after a lost answer finds the transfer its first attempt made: output once, paid once', async () => {
			loseNextTransferAnswer();

			const { items, error } = await payRows(rows.slice(0, 1));

			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ transfer_id: 'payout_inv_1', alreadyExisted: true });
			expect(sentRequests(harness, 'POST', '/payout/transfers')).toHaveLength(2);
			expect(harness.simulator.payouts.paymentsMade).toBe(1);
		});

		it('a rate-limit refusal is not an attempt of this item: 429 then 409 is a re-run, paying nothing, not a success', async () => {
			await payRows(rows.slice(0, 1));
			harness.simulator.injectFault({
				method: 'POST',
				pathIncludes: '/payout/transfers',
				fault: { kind: 'status', status: 429 },
			});

			const rerun = await payRows(rows.slice(0, 1));

			expect(rerun.items).toHaveLength(0);
			expect(errorText(rerun.error)).toContain(
				'Nothing was paid for this item: transfer payout_inv_1 exists already',
			);
			expect(sentRequests(harness, 'POST', '/payout/transfers')).toHaveLength(3);
			expect(harness.simulator.payouts.paymentsMade).toBe(1);
		});

		it('an answer lost for good is reported as "may have been carried out", with what to check first', async () => {
			loseNextTransferAnswer();

			const { error } = await payRows(rows.slice(0, 1), { maxAttempts: 1 });

			const text = errorText(error);
			expect(text).toContain('transfer payout_inv_1 may have been carried out');
			expect(text).toContain('Get transfer payout_inv_1 before running it again');
			expect(harness.simulator.payouts.paymentsMade).toBe(1);
		});

		it('with Continue On Fail, the lost answer is an item with outcome "unknown"', async () => {
			loseNextTransferAnswer();

			const { items } = await runPayouts(
				harness,
				'transfer',
				'create',
				{ ...fromRows, additionalOptions: { maxAttempts: 1 } },
				rows.slice(0, 1),
				{ continueOnFail: true },
			);

			expect(items[0].json).toMatchObject({ outcome: 'unknown' });
			expect(String(items[0].json.errorDescription)).toContain('Get transfer payout_inv_1');
		});

		it('stops after the first refusal: later rows are not sent, and the error lists what was paid', async () => {
			const { error } = await payRows([rows[0], { ...rows[1], vendor: 'vendor_unknown' }, rows[2]]);

			expect(error?.message).toContain(
				'1 other transfer was made before the run stopped: payout_inv_1',
			);
			expect(
				sentBodies(harness, 'POST', '/payout/transfers').map((body) => body.transfer_id),
			).toEqual(['payout_inv_1', 'payout_inv_2']);
			expect(harness.simulator.payouts.paymentsMade).toBe(1);
		});
	});
});

describe('Transfer → Get', () => {
	it("finds a transfer by your ID or by Cashfree's, with its outcome once decided", async () => {
		const made = await runPayouts(harness, 'transfer', 'create', toSaved('payout_get', 3));
		const cfTransferId = String(made.items[0].json.cf_transfer_id);

		const byOurs = await runPayouts(harness, 'transfer', 'get', { transferId: 'payout_get' });
		const byCashfrees = await runPayouts(harness, 'transfer', 'get', {
			lookUpBy: 'cashfreeId',
			cfTransferId,
		});

		expect(byOurs.items[0].json).toMatchObject({ transfer_id: 'payout_get', status: 'SUCCESS' });
		expect(byCashfrees.items[0].json).toMatchObject({
			transfer_id: 'payout_get',
			cf_transfer_id: cfTransferId,
		});
		expect(sentRequests(harness, 'GET', '/payout/transfers').map((request) => request.url)).toEqual(
			[
				'/payout/transfers?transfer_id=payout_get',
				`/payout/transfers?cf_transfer_id=${cfTransferId}`,
			],
		);
	});

	it('shows a transfer the bank failed, and one reversed after it succeeded, with the money back', async () => {
		await runPayouts(harness, 'transfer', 'create', {
			transferId: 'payout_fails',
			transferAmount: 7,
			payTo: 'bankAccount',
			beneficiaryName: 'Nobody',
			bankAccountNumber: 'FAIL00000001',
			bankIfsc: 'SBIN0001161',
		});
		await runPayouts(harness, 'transfer', 'create', {
			transferId: 'payout_reversed',
			transferAmount: 9,
			payTo: 'upi',
			beneficiaryName: 'Somebody',
			vpa: 'reverse@okbank',
		});
		await new Promise((resolve) => setTimeout(resolve, 80));

		const { items } = await runPayouts(
			harness,
			'transfer',
			'get',
			{ transferId: '={{ $json.id }}' },
			[{ id: 'payout_fails' }, { id: 'payout_reversed' }],
		);

		expect(items.map((item) => item.json.status)).toEqual(['FAILED', 'REVERSED']);
		expect(harness.simulator.payouts.balance).toBe(1000);
	});

	it("answers a transfer that does not exist with Cashfree's 404 and what to check", async () => {
		const { error } = await runPayouts(harness, 'transfer', 'get', { transferId: 'nope' });

		expect(error?.message).toBe('Cashfree: transfer_id does not exist');
		expect(String((error as { description?: string }).description)).toContain(
			'No transfer has this ID',
		);
	});
});
