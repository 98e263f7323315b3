/**
 * The whole Payouts loop inside n8n's engine: the Cashfree Payouts node pays through the
 * simulator's /payout, and every state change of the transfer comes back as the signed Payouts V2
 * webhook the simulator sends to its one Payouts webhook URL (`simulator.payoutWebhooks.url`),
 * which the Cashfree Payouts Trigger must accept. A small HTTP receiver hands each delivery to the
 * trigger through the engine and answers with the trigger's status.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import type { IDataObject, INode } from 'n8n-workflow';

import { runPayouts, useHarness } from '../../helpers/harness';
import { startTriggerReceiver, triggerWorkflow } from '../deliveries';
import { PAYOUTS_TRIGGER } from './payout-deliveries';

const harness = useHarness({ payouts: { reversalMs: 40 }, webhooks: { retryDelaysMs: [20] } });

let receiver: http.Server;
let receiverUrl: string;
let credentials: INode['credentials'];
/** The item of each execution the trigger started, in arrival order. */
let started: IDataObject[];
let statuses: number[];
/** A trigger node of its own per test: its duplicate memory is not the previous test's. */
let nodeId: string;

beforeAll(async () => {
	// The trigger verifies with the same Payouts credential the node pays with.
	credentials = await harness.payoutsCredential();
	({ url: receiverUrl, server: receiver } = await startTriggerReceiver(
		harness.engine,
		() =>
			triggerWorkflow({
				type: PAYOUTS_TRIGGER,
				typeVersion: 1,
				nodeId,
				workflowId: 'wf-payouts-from-node',
				credentials,
			}),
		(outcome) => {
			statuses.push(outcome.status);
			if (outcome.workflowData) started.push(outcome.workflowData[0][0].json);
		},
	));
});

afterAll(async () => {
	await new Promise((resolve) => receiver?.close(resolve));
});

beforeEach(() => {
	harness.simulator.payoutWebhooks.url = receiverUrl;
	started = [];
	statuses = [];
	nodeId = randomUUID();
});

/** A vendor's row: the account number's prefix chooses the simulator's outcome (FAIL…, REVERSE…). */
function vendor(invoice: string, account: string, amount = 250) {
	return { invoice, account, amount, name: 'Asha Verma' };
}

const toBankAccount = {
	transferAmount: '={{ $json.amount }}',
	payTo: 'bankAccount',
	beneficiaryName: '={{ $json.name }}',
	bankAccountNumber: '={{ $json.account }}',
	bankIfsc: 'SBIN0001161',
};

/** "<transfer_id or batch_transfer_id> <event>" for each execution the trigger started. */
const events = () =>
	started.map((item) => {
		const data = item.data as IDataObject;
		return `${String(data.transfer_id ?? data.batch_transfer_id)} ${String(item.event)}`;
	});

/** Transfer Create by the node for one vendor row, then every webhook it leads to delivered. */
async function payOne(invoice: string, account: string) {
	const run = await runPayouts(
		harness,
		'transfer',
		'create',
		{ transferId: '=payout_{{ $json.invoice }}', ...toBankAccount },
		[vendor(invoice, account)],
	);
	await harness.simulator.waitForWebhooks();
	return run;
}

describe('a transfer made by the Cashfree Payouts node reaches the Cashfree Payouts Trigger', () => {
	it('a transfer that succeeds starts one execution with TRANSFER_SUCCESS, signed with the Payouts secret', async () => {
		const { error } = await payOne('INV_1', '1234554321');
		expect(error).toBeUndefined();

		expect(events()).toEqual(['payout_INV_1 TRANSFER_SUCCESS']);
		expect(started[0]).toMatchObject({
			type: 'TRANSFER_SUCCESS',
			data: {
				transfer_id: 'payout_INV_1',
				status: 'SUCCESS',
				status_code: 'COMPLETED',
				transfer_amount: 250,
				transfer_utr: expect.any(String),
			},
			webhookVersion: null,
			attempt: 1,
		});
		expect(statuses).toEqual([200]);
		// Nothing about the RECEIVED answer itself: Payouts V2 has no event for it.
		expect(harness.simulator.payoutWebhooks.deliveries.map((d) => d.type)).toEqual([
			'TRANSFER_SUCCESS',
		]);
	});

	it('a transfer to a REVERSE… account: TRANSFER_SUCCESS, then TRANSFER_REVERSED later, each one execution', async () => {
		await payOne('INV_2', 'REVERSE0001');

		expect(events()).toEqual(['payout_INV_2 TRANSFER_SUCCESS', 'payout_INV_2 TRANSFER_REVERSED']);
		expect(started[1]).toMatchObject({ data: { status: 'REVERSED', transfer_amount: 250 } });
		// The reversal came on its own, after the success: no read of the transfer caused it.
		const [success, reversed] = harness.simulator.payoutWebhooks.deliveries;
		expect(reversed.sentAt - success.sentAt).toBeGreaterThanOrEqual(30);
		expect(harness.simulator.payouts.balance).toBe(100_000);
	});

	it('a batch from the node: each transfer its own event, and a rejected one also BULK_TRANSFER_REJECTED', async () => {
		const { error } = await runPayouts(
			harness,
			'batchTransfer',
			'create',
			{
				batchTransferId: 'vendors_run_1',
				transferId: '=payout_{{ $json.invoice }}',
				...toBankAccount,
			},
			[
				vendor('INV_3', '1234554321'),
				vendor('INV_4', 'FAIL00000001'),
				vendor('INV_5', 'REJECT0000001'),
			],
		);
		expect(error).toBeUndefined();
		await harness.simulator.waitForWebhooks();

		expect(events().sort()).toEqual(
			[
				'payout_INV_3 TRANSFER_SUCCESS',
				'payout_INV_4 TRANSFER_FAILED',
				'payout_INV_5 TRANSFER_REJECTED',
				'vendors_run_1 BULK_TRANSFER_REJECTED',
			].sort(),
		);
		expect(started.find((item) => item.event === 'BULK_TRANSFER_REJECTED')?.data).toEqual({
			batch_transfer_id: 'vendors_run_1',
			cf_batch_transfer_id: expect.any(String),
			status: 'PENDING',
		});
		expect(statuses.every((status) => status === 200)).toBe(true);
	});

	it('without a Payouts webhook URL nothing is sent', async () => {
		harness.simulator.payoutWebhooks.url = undefined;
		await payOne('INV_6', '1234554321');
		expect(harness.simulator.payouts.getTransfer('payout_INV_6')?.status).toBe('SUCCESS');
		expect(harness.simulator.payoutWebhooks.deliveries).toEqual([]);
		expect(started).toEqual([]);
	});
});
