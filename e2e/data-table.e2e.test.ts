/**
 * The scheduled clean-up of examples/ as a user runs it in n8n 2.41.1: links created by one
 * workflow are recorded in an n8n data table, and the other workflow reads the table, asks
 * Cashfree about each ACTIVE link, cancels those older than its Settings' 7 days and records
 * every new status. n8n's CLI cannot run Data table nodes (see tools/n8n/rest.ts), so this
 * file starts n8n, creates the table and runs both examples through the REST API the editor
 * uses. The steps below run in order: each one starts from the state the previous one left.
 */
import {
	EXAMPLE_DATA_TABLE,
	nodeItems,
	readExample,
	type ExecutionResult,
} from '../tools/n8n/examples';
import type { N8nInstance } from '../tools/n8n/instance';
import type { N8nRestSession, DataTableRow } from '../tools/n8n/rest';
import type { CashfreeSimulator } from '../tools/simulator';
import {
	expectTablesByName,
	SETUP_TIMEOUT_MS,
	startAsOwner,
	startSimulatorAndN8n,
	succeeded,
} from './helpers/n8n';

const createExample = readExample('create-links-into-data-table.json');
const cleanupExample = readExample('cancel-stale-links-from-data-table.json');
const MANUAL_TRIGGER = "When clicking 'Execute workflow'";

const DAY_MS = 24 * 3600_000;
const INVOICES = ['INV-1001', 'INV-1002', 'INV-1003', 'INV-1004', 'INV-1005'];
const linkOf = (invoice: string) => `invoice_${invoice}`;
/** A row the create workflow did not write: a link this Cashfree account does not know. */
const UNKNOWN_LINK = 'invoice_INV-0999';

let simulator: CashfreeSimulator;
let n8n: N8nInstance;
let rest: N8nRestSession;
let tableId: string;

beforeAll(async () => {
	({ simulator, n8n } = await startSimulatorAndN8n([createExample, cleanupExample]));
	rest = await startAsOwner(n8n);
	tableId = await rest.createDataTable(EXAMPLE_DATA_TABLE);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await n8n?.stop();
	await simulator?.stop();
});

async function run(workflowId: string): Promise<ExecutionResult> {
	return succeeded(await rest.runWorkflow(workflowId, MANUAL_TRIGGER), n8n);
}

/** link_id → status, as the table holds them. */
async function tableStatuses(): Promise<Record<string, unknown>> {
	const rows = await rest.dataTableRows(tableId);
	return Object.fromEntries(rows.map((row) => [row.link_id, row.status]));
}

function withoutStatus({ status, updatedAt, ...row }: DataTableRow): Record<string, unknown> {
	void [status, updatedAt];
	return row;
}

function backdate(linkId: string, days: number): Promise<void> {
	return rest.updateDataTableRows(
		tableId,
		{ link_id: linkId },
		{ created_at: new Date(Date.now() - days * DAY_MS).toISOString() },
	);
}

/** What the simulator was asked for under /pg/links/ since it was last cleared, in order. */
function requested(method: 'GET' | 'POST'): string[] {
	return simulator.requests
		.filter((request) => request.method === method && request.path.startsWith('/pg/links/'))
		.map((request) => decodeURIComponent(request.path.slice('/pg/links/'.length)));
}

describe('examples/ with an n8n data table: links recorded on creation, stale ones cancelled on schedule', () => {
	it('both examples find the table by the one name the README gives', () => {
		expectTablesByName([createExample, cleanupExample], EXAMPLE_DATA_TABLE.name);
	});

	it('create-links-into-data-table.json creates a link per invoice and records each in the table as ACTIVE', async () => {
		simulator.clearRequests();
		await run(createExample.id);

		const creates = simulator.requests.filter((request) => request.path === '/pg/links');
		expect(
			creates.map((request) => (JSON.parse(request.body) as { link_id: string }).link_id).sort(),
		).toEqual(INVOICES.map(linkOf));
		const rows = await rest.dataTableRows(tableId);
		expect(rows.map((row) => row.link_id)).toEqual(INVOICES.map(linkOf));
		for (const row of rows) {
			const link = simulator.getLink(String(row.link_id));
			expect(link).toMatchObject({ link_status: 'ACTIVE', link_currency: 'INR' });
			expect(row).toMatchObject({
				link_url: link?.link_url,
				status: 'ACTIVE',
				customer_phone: link?.customer_details.customer_phone,
			});
			expect(Date.parse(String(row.created_at))).toBe(Date.parse(String(link?.link_created_at)));
		}
		expect(simulator.getLink(linkOf('INV-1002'))).toMatchObject({
			link_amount: 1250.5,
			link_purpose: 'Invoice INV-1002',
			link_notes: { invoice: 'INV-1002' },
			customer_details: { customer_phone: '9999999902', customer_email: 'ravi@example.com' },
		});
	});

	it('cancel-stale-links-from-data-table.json cancels only the links still ACTIVE after 7 days and records every status Cashfree reports', async () => {
		// A week and more later: two links are still unpaid, one was paid, one expired, one is
		// six days old; and the table has a row for a link Cashfree does not know.
		await backdate(linkOf('INV-1001'), 10);
		await backdate(linkOf('INV-1002'), 10);
		await backdate(linkOf('INV-1003'), 6);
		await backdate(linkOf('INV-1004'), 8);
		await backdate(linkOf('INV-1005'), 30);
		simulator.seedLink({ link_id: linkOf('INV-1002'), link_status: 'PAID', link_amount: 1250.5 });
		simulator.seedLink({ link_id: linkOf('INV-1005'), link_status: 'EXPIRED', link_amount: 99 });
		await rest.insertDataTableRows(tableId, [
			{
				link_id: UNKNOWN_LINK,
				link_url: 'https://payments-test.cashfree.com/links/unknown',
				created_at: new Date(Date.now() - 20 * DAY_MS).toISOString(),
				status: 'ACTIVE',
			},
		]);
		const rowsBefore = await rest.dataTableRows(tableId);
		simulator.clearRequests();

		const execution = await run(cleanupExample.id);

		expect(Object.keys(execution.data.resultData.runData)).not.toContain('Every day at 02:00');
		expect(simulator.cancelCount(linkOf('INV-1001'))).toBe(1);
		expect(simulator.cancelCount(linkOf('INV-1004'))).toBe(1);
		for (const invoice of ['INV-1002', 'INV-1003', 'INV-1005'])
			expect(simulator.cancelCount(linkOf(invoice))).toBe(0);
		expect(simulator.getLink(linkOf('INV-1003'))?.link_status).toBe('ACTIVE');
		// Exactly two cancels, each with one key per link and day (a re-run that day is replayed).
		const day = '\\d{4}-\\d{2}-\\d{2}';
		const cancels = simulator.requests.filter((request) => request.method === 'POST');
		expect(cancels).toHaveLength(2);
		expect(
			Object.fromEntries(
				cancels.map((request) => [request.path, request.headers['x-idempotency-key']]),
			),
		).toEqual({
			[`/pg/links/${linkOf('INV-1001')}/cancel`]: expect.stringMatching(
				new RegExp(`^cancel-${linkOf('INV-1001')}-${day}$`),
			),
			[`/pg/links/${linkOf('INV-1004')}/cancel`]: expect.stringMatching(
				new RegExp(`^cancel-${linkOf('INV-1004')}-${day}$`),
			),
		});

		expect(await tableStatuses()).toEqual({
			[linkOf('INV-1001')]: 'CANCELLED',
			[linkOf('INV-1002')]: 'PAID',
			[linkOf('INV-1003')]: 'ACTIVE',
			[linkOf('INV-1004')]: 'CANCELLED',
			[linkOf('INV-1005')]: 'EXPIRED',
			[UNKNOWN_LINK]: 'ACTIVE',
		});
		// Only the status changed: the rest of each row is as the create workflow wrote it.
		expect((await rest.dataTableRows(tableId)).map(withoutStatus)).toEqual(
			rowsBefore.map(withoutStatus),
		);
		// The unknown link's look-up failed on its own, with Cashfree's 404, and the run went on.
		const lookups = nodeItems(execution, 'Get payment link');
		expect(lookups).toHaveLength(6);
		expect(lookups.filter((item) => item.httpStatus === 404)).toHaveLength(1);
	});

	it('run again, the clean-up only looks at the rows still ACTIVE and cancels nothing more', async () => {
		const statusesBefore = await tableStatuses();
		simulator.clearRequests();

		await run(cleanupExample.id);

		expect(requested('POST')).toEqual([]);
		expect(requested('GET').sort()).toEqual([linkOf('INV-1003'), UNKNOWN_LINK].sort());
		expect(simulator.cancelCount(linkOf('INV-1001'))).toBe(1);
		expect(simulator.cancelCount(linkOf('INV-1004'))).toBe(1);
		expect(await tableStatuses()).toEqual(statusesBefore);
	});
});
