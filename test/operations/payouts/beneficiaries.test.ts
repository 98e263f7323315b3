/** Beneficiary → Create, Get and Remove, and paying a beneficiary once it is added. */
import { runPayouts, sentBodies, sentRequests, useHarness } from '../../helpers/harness';

const harness = useHarness();

const asha = {
	beneficiaryId: 'vendor.asha|42',
	beneficiaryName: 'Asha Verma',
	bankAccountNumber: '00111122233',
	bankIfsc: 'HDFC0000001',
	additionalFields: { beneficiaryEmail: 'asha@example.com', beneficiaryPostalCode: '560001' },
};

describe('Beneficiary', () => {
	it('Create adds a beneficiary that a transfer can then pay by its ID', async () => {
		const created = await runPayouts(harness, 'beneficiary', 'create', asha);
		const paid = await runPayouts(harness, 'transfer', 'create', {
			transferId: 'pay_asha_1',
			transferAmount: 12,
			payTo: 'beneficiary',
			beneficiaryId: 'vendor.asha|42',
		});

		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({
			beneficiary_id: 'vendor.asha|42',
			beneficiary_status: 'VERIFIED',
		});
		expect(sentBodies(harness, 'POST', '/payout/beneficiary')).toEqual([
			{
				beneficiary_id: 'vendor.asha|42',
				beneficiary_name: 'Asha Verma',
				beneficiary_instrument_details: {
					bank_account_number: '00111122233',
					bank_ifsc: 'HDFC0000001',
				},
				beneficiary_contact_details: {
					beneficiary_email: 'asha@example.com',
					beneficiary_postal_code: '560001',
				},
			},
		]);
		expect(paid.items[0].json).toMatchObject({
			transfer_id: 'pay_asha_1',
			beneficiary_details: {
				beneficiary_id: 'vendor.asha|42',
				beneficiary_instrument_details: { bank_account_number: '00111122233', ifsc: 'HDFC0000001' },
			},
		});
	});

	it('Get and Remove name the beneficiary in the query, encoded; a removed one cannot be paid', async () => {
		await runPayouts(harness, 'beneficiary', 'create', asha);

		const got = await runPayouts(harness, 'beneficiary', 'get', {
			beneficiaryId: 'vendor.asha|42',
		});
		const removed = await runPayouts(harness, 'beneficiary', 'remove', {
			beneficiaryId: 'vendor.asha|42',
		});
		const paid = await runPayouts(harness, 'transfer', 'create', {
			transferId: 'pay_asha_2',
			transferAmount: 12,
			payTo: 'beneficiary',
			beneficiaryId: 'vendor.asha|42',
		});

		expect(got.items[0].json.beneficiary_name).toBe('Asha Verma');
		expect(removed.items[0].json.beneficiary_status).toBe('DELETED');
		expect(sentRequests(harness, 'DELETE', '/payout/beneficiary')[0].url).toBe(
			'/payout/beneficiary?beneficiary_id=vendor.asha%7C42',
		);
		expect(paid.error?.message).toBe('Cashfree: Beneficiary does not exist');
		expect(harness.simulator.payouts.paymentsMade).toBe(0);
	});

	it('refuses an account number without its IFSC, and an ID with a slash, before sending', async () => {
		const noIfsc = await runPayouts(harness, 'beneficiary', 'create', { ...asha, bankIfsc: '' });
		const slash = await runPayouts(harness, 'beneficiary', 'get', { beneficiaryId: 'a/b' });

		expect(noIfsc.error?.message).toBe('Invalid Bank IFSC in item 0: it is empty');
		expect(slash.error?.message).toContain('Invalid Beneficiary ID in item 0');
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('Treat Existing Beneficiaries as Success outputs the same beneficiary added before, not another', async () => {
		await runPayouts(harness, 'beneficiary', 'create', asha);

		const again = await runPayouts(harness, 'beneficiary', 'create', {
			...asha,
			additionalOptions: { treatExistingAsSuccess: true },
		});
		const otherAccount = await runPayouts(harness, 'beneficiary', 'create', {
			...asha,
			bankAccountNumber: '99999999999',
			additionalOptions: { treatExistingAsSuccess: true },
		});

		expect(again.items[0].json).toMatchObject({
			beneficiary_id: 'vendor.asha|42',
			alreadyExisted: true,
		});
		expect(String((otherAccount.error as { description?: string }).description)).toContain(
			'bank_account_number 00111122233, not 99999999999',
		);
	});
});
