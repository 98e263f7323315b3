/**
 * Batch Transfer → Create and Get Status: every row of one run is one transfer of one batch,
 * sent in one request; a re-run of the same rows pays nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { errorText, runPayouts, sentBodies, sentRequests, useHarness } from '../../helpers/harness';

const harness = useHarness({ payouts: { balance: 500 } });

const fromRows = {
	batchTransferId: 'vendors_2026_12',
	transferId: '={{ $json.transfer_id }}',
	transferAmount: '={{ $json.amount }}',
	payTo: 'bankAccount',
	beneficiaryName: '={{ $json.name }}',
	bankAccountNumber: '={{ $json.account }}',
	bankIfsc: 'SBIN0001161',
};

const approvedVendors: IDataObject[] = [
	{ transfer_id: 'dec_vendor_1', amount: 100, name: 'Asha Verma', account: '1234554321' },
	{ transfer_id: 'dec_vendor_2', amount: 20.5, name: 'Ravi Kumar', account: '9988776655' },
	{ transfer_id: 'dec_vendor_3', amount: 30, name: 'Mira Shah', account: '5566778899' },
];

async function payBatch(rows: IDataObject[], parameters: IDataObject = {}) {
	return await runPayouts(harness, 'batchTransfer', 'create', { ...fromRows, ...parameters }, rows);
}

/** The next `times` batches are made, and their answers never arrive (the connection drops). */
function loseBatchAnswers(times: number) {
	harness.simulator.injectFault({
		method: 'POST',
		pathIncludes: '/payout/transfers/batch',
		fault: { kind: 'dropAfterApply' },
		times,
	});
}

describe('Batch Transfer → Create', () => {
	it('sends every row as one transfer of one batch, in one request, and outputs each row its transfer', async () => {
		const { items, error } = await payBatch(approvedVendors);

		expect(error).toBeUndefined();
		expect(sentRequests(harness, 'POST', '/payout/transfers/batch')).toHaveLength(1);
		const [body] = sentBodies(harness, 'POST', '/payout/transfers/batch');
		expect(body.batch_transfer_id).toBe('vendors_2026_12');
		expect((body.transfers as IDataObject[]).map((transfer) => transfer.transfer_id)).toEqual([
			'dec_vendor_1',
			'dec_vendor_2',
			'dec_vendor_3',
		]);
		expect(
			items.map((item) => [item.json.transfer_id, item.json.batch_status, item.pairedItem]),
		).toEqual([
			['dec_vendor_1', 'RECEIVED', { item: 0 }],
			['dec_vendor_2', 'RECEIVED', { item: 1 }],
			['dec_vendor_3', 'RECEIVED', { item: 2 }],
		]);
		expect(harness.simulator.payouts.paymentsMade).toBe(3);
		expect(harness.simulator.payouts.balance).toBe(349.5);
	});

	it('a re-run of the same rows pays nothing: Cashfree refuses the batch ID again', async () => {
		await payBatch(approvedVendors);
		const rerun = await payBatch(approvedVendors);

		expect(rerun.error?.message).toMatch(/^Cashfree: batch_transfer_id already exists/);
		expect(harness.simulator.payouts.paymentsMade).toBe(3);
	});

	it('a re-run under a new batch ID still pays nothing: the rows keep their Transfer IDs, and the batch is refused whole', async () => {
		await payBatch(approvedVendors);
		const newVendor = {
			transfer_id: 'dec_vendor_4',
			amount: 5,
			name: 'New Vendor',
			account: '1112223334',
		};
		const rerun = await payBatch([newVendor, ...approvedVendors], {
			batchTransferId: 'vendors_2026_12_again',
		});

		expect(rerun.error?.message).toContain('transfer_id already exists');
		// The whole batch is refused: not even the new row is paid.
		expect(harness.simulator.payouts.paymentsMade).toBe(3);
	});

	it('with Treat Existing Transfers as Success, the re-run outputs the batch already sent, row by row', async () => {
		await payBatch(approvedVendors);
		const rerun = await payBatch(approvedVendors, {
			additionalOptions: { treatExistingAsSuccess: true },
		});

		expect(rerun.error).toBeUndefined();
		expect(rerun.items.map((item) => [item.json.transfer_id, item.json.alreadyExisted])).toEqual([
			['dec_vendor_1', true],
			['dec_vendor_2', true],
			['dec_vendor_3', true],
		]);
		expect(harness.simulator.payouts.paymentsMade).toBe(3);
	});

	it('refuses, before sending, rows that name different batches or repeat a Transfer ID', async () => {
		const twoBatches = await payBatch(approvedVendors.slice(0, 2), {
			batchTransferId: '={{ "batch_" + $json.transfer_id }}',
		});
		const repeated = await payBatch([approvedVendors[0], approvedVendors[0]]);

		expect(twoBatches.error?.message).toContain('Invalid Batch Transfer ID in item 1');
		expect(repeated.error?.message).toContain(
			'Invalid Transfer ID in item 1: item 0 has the same Transfer ID "dec_vendor_1"',
		);
		expect(sentRequests(harness, 'POST', '/payout/transfers/batch')).toHaveLength(0);
	});

	it('refuses an empty Batch Transfer ID before anything is sent, saying why', async () => {
		// A pay run without its id: the expression gives nothing (a literal empty one n8n refuses itself).
		const { error } = await payBatch(approvedVendors, { batchTransferId: '={{ $json.pay_run }}' });

		expect(error?.message).toContain('Invalid Batch Transfer ID in item 0: it is empty');
		expect(errorText(error)).toContain('even when the workflow is retried');
		expect(sentRequests(harness, 'POST', '/payout/transfers/batch')).toHaveLength(0);
		expect(harness.simulator.payouts.paymentsMade).toBe(0);
	});

	it('a retry after a lost answer finds the batch its first attempt made, with the switch off: output as made, paid once', async () => {
		loseBatchAnswers(1);

		const { items, error } = await payBatch(approvedVendors);

		expect(error).toBeUndefined();
		expect(sentRequests(harness, 'POST', '/payout/transfers/batch')).toHaveLength(2);
		expect(items.map((item) => [item.json.transfer_id, item.pairedItem])).toEqual([
			['dec_vendor_1', { item: 0 }],
			['dec_vendor_2', { item: 1 }],
			['dec_vendor_3', { item: 2 }],
		]);
		expect(items[0].json.batch_transfer_id).toBe('vendors_2026_12');
		expect(harness.simulator.payouts.paymentsMade).toBe(3);
	});

	it('a lost answer says every transfer of the batch may have been made, and to get its status first', async () => {
		loseBatchAnswers(Infinity);

		const { error } = await payBatch(approvedVendors, { additionalOptions: { maxAttempts: 1 } });

		const text = errorText(error);
		expect(text).toContain('Get Status of batch vendors_2026_12 before running it again');
		expect(text).toContain(
			'2 other transfers may have been sent in the batch (the answer was lost)',
		);
		expect(harness.simulator.payouts.paymentsMade).toBe(3);
	});
});

describe('Batch Transfer → Get Status', () => {
	it("gives the batch and each of its transfers, by your ID or by Cashfree's", async () => {
		const sent = await payBatch(approvedVendors.slice(0, 2));
		const cfBatchId = String(sent.items[0].json.cf_batch_transfer_id);

		const byOurs = await runPayouts(harness, 'batchTransfer', 'get', {
			batchTransferId: 'vendors_2026_12',
		});
		const byCashfrees = await runPayouts(harness, 'batchTransfer', 'get', {
			lookUpBy: 'cashfreeId',
			cfBatchTransferId: cfBatchId,
		});

		expect(byOurs.items[0].json).toMatchObject({
			batch_transfer_id: 'vendors_2026_12',
			status: 'PROCESSED',
			transfers: [
				{ transfer_id: 'dec_vendor_1', status: 'SUCCESS' },
				{ transfer_id: 'dec_vendor_2', status: 'SUCCESS' },
			],
		});
		expect(byCashfrees.items[0].json.batch_transfer_id).toBe('vendors_2026_12');
	});
});
