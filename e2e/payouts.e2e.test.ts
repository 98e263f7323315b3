/**
 * The two Payouts examples of examples/ in a real n8n 2.41.1, against the simulator's /payout:
 *
 * - write-payout-status-to-data-table.json, published, its Cashfree Payouts Trigger's production
 *   URL set as the simulator's one Payouts webhook URL (`simulator.payoutWebhooks.url`), as a
 *   merchant sets it in Cashfree's Payouts dashboard;
 * - pay-approved-vendors-from-data-table.json, run from its Manual Trigger through the REST API
 *   the editor uses (n8n's CLI cannot run Data table nodes, see tools/n8n/rest.ts): twice, the
 *   second run paying nothing; then variants with its "no transfer yet" filter bypassed, to show
 *   that Cashfree's refusal (and Treat Existing Transfers as Success) pay nothing either.
 *
 * The table is created as docs/examples.md tells users to. Steps run in order: each starts from
 * the state the previous one left.
 */
import {
	nodeItems,
	PAYOUTS_EXAMPLE_CREDENTIAL,
	productionWebhookUrl,
	readExample,
	variant,
	VENDOR_PAYOUTS_TABLE,
	type ExecutionResult,
	type WorkflowNode,
} from '../tools/n8n/examples';
import type { N8nInstance } from '../tools/n8n/instance';
import type { DataTableRow, N8nRestSession } from '../tools/n8n/rest';
import type { CashfreeSimulator } from '../tools/simulator';
import {
	expectTablesByName,
	importPayoutsSimulatorCredential,
	SETUP_TIMEOUT_MS,
	startAsOwner,
	startSimulatorAndN8n,
	succeeded,
} from './helpers/n8n';

const payExample = readExample('pay-approved-vendors-from-data-table.json');
const statusExample = readExample('write-payout-status-to-data-table.json');
const MANUAL_TRIGGER = "When clicking 'Execute workflow'";
const PAYOUTS_TRIGGER = 'Cashfree Payouts Trigger';
const APPROVED_ROWS = 'Approved rows without a transfer';
const RECORD_IDS = 'Record each Transfer ID first';
const PAY = 'Pay in one batch';
/** A reversal comes this long after the transfer's success, as a bank's return comes later. */
const REVERSAL_MS = 1500;
/** Settle time after a run that should start nothing, for a webhook that would (wrongly) still come. */
const SETTLE_MS = 1500;

/**
 * The pay run with its "no transfer yet" filter bypassed: it reads the approved rows of today's
 * batch and sends them again as they are (Record each Transfer ID first, disabled, passes them
 * on unchanged), what a user who removed the filter by mistake would do.
 */
function bypassed(id: string, edit: (pay: WorkflowNode) => void = () => {}) {
	return variant(payExample, id, {
		[APPROVED_ROWS]: (node) => {
			(node.parameters.filters as { conditions: unknown[] }).conditions = [
				{ keyName: 'approved', condition: 'isTrue' },
				{
					keyName: 'batch_transfer_id',
					condition: 'eq',
					keyValue: "={{ 'vendors_' + $now.toFormat('yyyy_MM_dd') }}",
				},
			];
		},
		[RECORD_IDS]: (node) => {
			node.disabled = true;
		},
		[PAY]: edit,
	});
}

const sameBatch = bypassed('cashfreeVendorPaySameBatch');
const newBatch = bypassed('cashfreeVendorPayNewBatch', (pay) => {
	pay.parameters.batchTransferId = '={{ $json.batch_transfer_id }}_again';
});
const treatExisting = bypassed('cashfreeVendorPayExisting', (pay) => {
	pay.parameters.additionalOptions = { treatExistingAsSuccess: true };
});

/** The batch id the first run writes: the day's, in the workflow's time zone, which may not be UTC's. */
let firstBatchId: string;
let simulator: CashfreeSimulator;
let n8n: N8nInstance;
let rest: N8nRestSession;
let tableId: string;
let triggerUrl: string;

beforeAll(async () => {
	({ simulator, n8n } = await startSimulatorAndN8n(
		[payExample, statusExample, sameBatch, newBatch, treatExisting],
		{},
		{
			payouts: { reversalMs: REVERSAL_MS },
		},
	));
	await importPayoutsSimulatorCredential(n8n, simulator);
	rest = await startAsOwner(n8n);
	tableId = await rest.createDataTable(VENDOR_PAYOUTS_TABLE);
	triggerUrl = productionWebhookUrl(
		n8n.baseUrl,
		statusExample.nodes.find((node) => node.name === PAYOUTS_TRIGGER)!,
	);
	// What a merchant sets in Cashfree's Payouts dashboard: one webhook URL for the account.
	simulator.payoutWebhooks.url = triggerUrl;
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await simulator?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runPay(workflowId = payExample.id): Promise<ExecutionResult & { id: string }> {
	return await rest.runWorkflow(workflowId, MANUAL_TRIGGER);
}

/** invoice → [transfer_id, status], as the table holds them. */
async function statuses(): Promise<Record<string, [unknown, unknown]>> {
	const rows = await rest.dataTableRows(tableId);
	return Object.fromEntries(rows.map((row) => [row.invoice, [row.transfer_id, row.status]]));
}

/** The Payouts calls the simulator received since it was last cleared: "<method> <path>". */
function payoutCalls(): string[] {
	return simulator.requests
		.filter((request) => request.path.startsWith('/payout/'))
		.map((request) => `${request.method} ${request.path}`);
}

const ran = (execution: ExecutionResult) => Object.keys(execution.data.resultData.runData).sort();

const row = (
	invoice: string,
	vendor_name: string,
	bank_account: string,
	amount: number,
	approved: boolean,
) => ({ invoice, vendor_name, bank_account, ifsc: 'SBIN0001161', amount, approved });

describe('examples/: pay every approved vendor row of a data table in one batch, write each status back from its webhook', () => {
	it('the examples find the table by the one name docs/examples.md gives and name the Payouts credential', () => {
		expectTablesByName([payExample, statusExample], VENDOR_PAYOUTS_TABLE.name);
		for (const workflow of [payExample, statusExample]) {
			const cashfreeNodes = workflow.nodes.filter((node) =>
				node.type.startsWith('n8n-nodes-cashfree.'),
			);
			for (const node of cashfreeNodes)
				expect(node.credentials).toEqual({ cashfreePayoutsApi: PAYOUTS_EXAMPLE_CREDENTIAL });
		}
	});

	it('the status workflow publishes, with a production URL Cashfree Payouts can be given', async () => {
		expect((await rest.activateWorkflow(statusExample.id)).active).toBe(true);
		expect(await rest.waitForWebhook(triggerUrl)).toBe(401);
	});

	it('run once: exactly the approved rows without a transfer are paid, in one batch request; each webhook writes its final status back (REVERSED after the later reversal)', async () => {
		await rest.insertDataTableRows(tableId, [
			row('INV-2001', 'Asha Verma', '1234554321', 1500.5, true),
			row('INV-2002', 'Ravi Kumar', 'FAIL000000001', 800, true),
			row('INV-2003', 'Mira Shah', 'REVERSE00000001', 1200, true),
			row('INV-2004', 'Kiran Rao', '9988776655', 999, false),
			row('INV-2005', 'Dev Patel', '5566778899', 450.25, true),
			// Paid by an earlier run: it has its transfer, so it is not paid again.
			{
				...row('INV-1999', 'Old Vendor', '1122334455', 100, true),
				transfer_id: 'payout_INV_1999',
				batch_transfer_id: 'vendors_2026_11_27',
				status: 'SUCCESS',
			},
		]);
		simulator.clearRequests();
		const balanceBefore = simulator.payouts.balance;

		const execution = succeeded(await runPay(), n8n);

		expect(payoutCalls()).toEqual(['POST /payout/transfers/batch']);
		const sent = JSON.parse(simulator.requests[0].body) as {
			batch_transfer_id: string;
			transfers: { transfer_id: string; transfer_amount: number; beneficiary_details: unknown }[];
		};
		firstBatchId = sent.batch_transfer_id;
		expect(firstBatchId).toMatch(/^vendors_\d{4}_\d{2}_\d{2}$/);
		expect(sent.transfers.map((t) => [t.transfer_id, t.transfer_amount])).toEqual([
			['payout_INV_2001', 1500.5],
			['payout_INV_2002', 800],
			['payout_INV_2003', 1200],
			['payout_INV_2005', 450.25],
		]);
		expect(sent.transfers[0].beneficiary_details).toEqual({
			beneficiary_name: 'Asha Verma',
			beneficiary_instrument_details: {
				bank_account_number: '1234554321',
				bank_ifsc: 'SBIN0001161',
			},
		});
		expect(nodeItems(execution, PAY).map((item) => [item.transfer_id, item.batch_status])).toEqual([
			['payout_INV_2001', 'RECEIVED'],
			['payout_INV_2002', 'RECEIVED'],
			['payout_INV_2003', 'RECEIVED'],
			['payout_INV_2005', 'RECEIVED'],
		]);
		expect(simulator.payouts.paymentsMade).toBe(4);

		// SUCCESS ×3, FAILED, then REVERSED REVERSAL_MS after INV-2003's success.
		await simulator.waitForWebhooks();
		const executions = await rest.waitForExecutions(statusExample.id, 5, { timeoutMs: 60_000 });
		expect(executions.every((listed) => listed.status === 'success')).toBe(true);
		expect(
			simulator.payoutWebhooks.deliveries.map((delivery) => [
				(JSON.parse(delivery.body) as { data: { transfer_id: string } }).data.transfer_id,
				delivery.type,
				delivery.status,
			]),
		).toEqual(
			expect.arrayContaining([
				['payout_INV_2001', 'TRANSFER_SUCCESS', 200],
				['payout_INV_2002', 'TRANSFER_FAILED', 200],
				['payout_INV_2003', 'TRANSFER_SUCCESS', 200],
				['payout_INV_2003', 'TRANSFER_REVERSED', 200],
				['payout_INV_2005', 'TRANSFER_SUCCESS', 200],
			]),
		);
		expect(simulator.payoutWebhooks.deliveries).toHaveLength(5);

		expect(await statuses()).toEqual({
			'INV-2001': ['payout_INV_2001', 'SUCCESS'],
			'INV-2002': ['payout_INV_2002', 'FAILED'],
			'INV-2003': ['payout_INV_2003', 'REVERSED'],
			'INV-2004': [null, null],
			'INV-2005': ['payout_INV_2005', 'SUCCESS'],
			'INV-1999': ['payout_INV_1999', 'SUCCESS'],
		});
		const rows = await rest.dataTableRows(tableId);
		const byInvoice = (invoice: string) => rows.find((r) => r.invoice === invoice) as DataTableRow;
		expect(byInvoice('INV-2001')).toMatchObject({
			batch_transfer_id: firstBatchId,
			status_detail: expect.stringMatching(/^COMPLETED: /),
			utr: simulator.payouts.getTransfer('payout_INV_2001')?.transfer_utr,
		});
		expect(byInvoice('INV-2002').status_detail).toMatch(/^INVALID_ACCOUNT_FAIL: /);
		// The failed and the reversed transfers gave their money back.
		expect(simulator.payouts.balance).toBe(balanceBefore - 1500.5 - 450.25);
	});

	it('run again: it reads no row, pays nothing, and leaves the table as it was', async () => {
		const before = await rest.dataTableRows(tableId);
		const paymentsBefore = simulator.payouts.paymentsMade;
		simulator.clearRequests();

		const execution = succeeded(await runPay(), n8n);

		expect(nodeItems(execution, APPROVED_ROWS)).toEqual([]);
		expect(ran(execution)).not.toContain(PAY);
		expect(payoutCalls()).toEqual([]);
		expect(simulator.payouts.paymentsMade).toBe(paymentsBefore);
		await sleep(SETTLE_MS);
		expect(await rest.executionsOf(statusExample.id)).toHaveLength(5);
		expect(await rest.dataTableRows(tableId)).toEqual(before);
	});

	describe('with the "no transfer yet" filter bypassed, the paid rows sent again', () => {
		let before: DataTableRow[];
		let paymentsBefore: number;

		beforeAll(async () => {
			before = await rest.dataTableRows(tableId);
			paymentsBefore = simulator.payouts.paymentsMade;
		});

		async function runVariant(workflow: ReturnType<typeof bypassed>) {
			simulator.clearRequests();
			return await runPay(workflow.id);
		}

		it('under the same Batch Transfer ID: Cashfree refuses the batch, nothing is paid or written', async () => {
			const execution = await runVariant(sameBatch);

			expect(execution.status).toBe('error');
			expect(execution.data.resultData.error?.message).toMatch(/batch_transfer_id already exists/);
			expect(payoutCalls()).toEqual(['POST /payout/transfers/batch']);
			expect(simulator.payouts.paymentsMade).toBe(paymentsBefore);
			expect(await rest.dataTableRows(tableId)).toEqual(before);
		});

		it('under a new Batch Transfer ID: Cashfree refuses the whole batch for its Transfer IDs, nothing is paid', async () => {
			const execution = await runVariant(newBatch);

			expect(execution.status).toBe('error');
			expect(execution.data.resultData.error?.message).toMatch(/transfer_id already exists/);
			expect(simulator.payouts.paymentsMade).toBe(paymentsBefore);
			expect(await rest.dataTableRows(tableId)).toEqual(before);
		});

		it('with Treat Existing Transfers as Success: each row gets its existing transfer (alreadyExisted), nothing is paid or overwritten', async () => {
			const execution = succeeded(await runVariant(treatExisting), n8n);

			expect(
				nodeItems(execution, PAY).map((item) => [
					item.transfer_id,
					item.status,
					item.alreadyExisted,
				]),
			).toEqual([
				['payout_INV_2001', 'SUCCESS', true],
				['payout_INV_2002', 'FAILED', true],
				['payout_INV_2003', 'REVERSED', true],
				['payout_INV_2005', 'SUCCESS', true],
			]);
			expect(payoutCalls()).toEqual([
				'POST /payout/transfers/batch',
				...Array(4).fill('GET /payout/transfers/batch'),
			]);
			expect(simulator.payouts.paymentsMade).toBe(paymentsBefore);
			// Record RECEIVED only replaces SENDING: the outcomes stay.
			expect(await rest.dataTableRows(tableId)).toEqual(before);
		});
	});
});
