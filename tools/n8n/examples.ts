/**
 * The example workflows shipped in `examples/`, the credential they point at, the simulator
 * links they name, and reading what `n8n execute --rawOutput` prints.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './install';
import type { N8nInstance } from './instance';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const EXAMPLE_FILES = ['cancel-payment-link.json', 'scheduled-cancellation.json'] as const;
/**
 * The examples that keep their links in an n8n data table. Kept apart from EXAMPLE_FILES,
 * which `npm run n8n` imports as they are: these only run once EXAMPLE_DATA_TABLE exists.
 */
export const DATA_TABLE_EXAMPLE_FILES = [
	'create-links-into-data-table.json',
	'cancel-stale-links-from-data-table.json',
	'cancel-other-links-when-paid.json',
] as const;
/** The subscription examples; each needs its own data table (below) before it runs. */
export const SUBSCRIPTION_EXAMPLE_FILES = [
	'pause-subscription-after-second-failed-payment.json',
	'cancel-subscriptions-at-month-end.json',
] as const;
/** The Payouts examples: a pay run from a data table, and its webhooks writing outcomes back. */
export const PAYOUTS_EXAMPLE_FILES = [
	'pay-approved-vendors-from-data-table.json',
	'write-payout-status-to-data-table.json',
] as const;
export type ExampleFile =
	| (typeof EXAMPLE_FILES)[number]
	| (typeof DATA_TABLE_EXAMPLE_FILES)[number]
	| (typeof SUBSCRIPTION_EXAMPLE_FILES)[number]
	| (typeof PAYOUTS_EXAMPLE_FILES)[number];

/** A column type as n8n's data tables name them. */
export type DataTableColumnType = 'string' | 'number' | 'boolean' | 'date';

export interface DataTableDefinition {
	name: string;
	columns: { name: string; type: DataTableColumnType }[];
}

/**
 * The table the data table examples find by name; docs/examples.md's "scheduled clean-up
 * with a Data Table" tells users to create the same.
 */
export const EXAMPLE_DATA_TABLE: DataTableDefinition = {
	name: 'cashfree_payment_links',
	columns: [
		{ name: 'link_id', type: 'string' },
		{ name: 'link_url', type: 'string' },
		{ name: 'created_at', type: 'date' },
		{ name: 'status', type: 'string' },
		{ name: 'customer_phone', type: 'string' },
	],
};

/**
 * The table of pause-subscription-after-second-failed-payment.json: one row per failed charge
 * (its notification, and the record that stops the same failure reported again);
 * docs/examples.md tells users to create it.
 */
export const SUBSCRIPTION_ALERTS_TABLE: DataTableDefinition = {
	name: 'cashfree_subscription_alerts',
	columns: [
		{ name: 'failure_id', type: 'string' },
		{ name: 'subscription_id', type: 'string' },
		{ name: 'payment_id', type: 'string' },
		{ name: 'failure_reason', type: 'string' },
		{ name: 'failed_charges', type: 'number' },
		{ name: 'subscription_status', type: 'string' },
		{ name: 'pause_error', type: 'string' },
	],
};

/** The table of cancel-subscriptions-at-month-end.json: the list to cancel, and each result. */
export const SUBSCRIPTION_CANCELLATIONS_TABLE: DataTableDefinition = {
	name: 'cashfree_subscription_cancellations',
	columns: [
		{ name: 'subscription_id', type: 'string' },
		{ name: 'status', type: 'string' },
		{ name: 'error', type: 'string' },
		{ name: 'processed_at', type: 'date' },
	],
};

/**
 * The table both Payouts examples share: the rows to pay, each transfer's id and outcome
 * (docs/examples.md, "Payouts", tells users to create the same).
 */
export const VENDOR_PAYOUTS_TABLE: DataTableDefinition = {
	name: 'cashfree_vendor_payouts',
	columns: [
		{ name: 'invoice', type: 'string' },
		{ name: 'vendor_name', type: 'string' },
		{ name: 'bank_account', type: 'string' },
		{ name: 'ifsc', type: 'string' },
		{ name: 'amount', type: 'number' },
		{ name: 'approved', type: 'boolean' },
		{ name: 'transfer_id', type: 'string' },
		{ name: 'batch_transfer_id', type: 'string' },
		{ name: 'status', type: 'string' },
		{ name: 'status_detail', type: 'string' },
		{ name: 'utr', type: 'string' },
		{ name: 'updated_at', type: 'date' },
	],
};

/** The Cashfree Trigger's name in the examples and in cashfreeTriggerWorkflow(). */
export const CASHFREE_TRIGGER = 'Cashfree Trigger';

/** The credential id both examples use; importing a credential with this id wires them up. */
export const EXAMPLE_CREDENTIAL_ID = 'cashfreeExample1';
/** The Payouts examples' credential (a Cashfree Payouts API credential), by id and name. */
export const PAYOUTS_EXAMPLE_CREDENTIAL = {
	id: 'cashfreePayoutsExample1',
	name: 'Cashfree Payouts simulator',
} as const;

/** The examples name the simulator's demo links, in the states that show every outcome of the clean-up. */
export { DEMO_LINKS, seedDemoLinks } from '../simulator/demo-links';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
	executeOnce?: boolean;
	/** A disabled node passes its input items on unchanged. */
	disabled?: boolean;
	/** A webhook node's fixed id: its production URL is `<n8n>/webhook/<webhookId>/<path>`. */
	webhookId?: string;
}

export interface WorkflowFile {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export function readExample(file: ExampleFile): WorkflowFile {
	return JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowFile;
}

/**
 * The production URL of a webhook node that has a `webhookId` (what the Cashfree Trigger's
 * "Production URL" shows once the workflow is published): n8n 2.41.1 puts the node's webhook
 * id before the node's path (`webhook` for the Cashfree Trigger).
 */
export function productionWebhookUrl(
	n8nBaseUrl: string,
	node: WorkflowNode,
	path = 'webhook',
): string {
	if (!node.webhookId) throw new Error(`node "${node.name}" has no webhookId`);
	return `${n8nBaseUrl}/webhook/${node.webhookId}/${path}`;
}

export interface CashfreeCredentialData {
	clientId: string;
	clientSecret: string;
	environment: 'sandbox' | 'production' | 'custom';
	baseUrl?: string;
	apiVersion?: string;
}

/** A Cashfree Payouts API credential's data: the Payouts keys, where, and the second factor. */
export interface CashfreePayoutsCredentialData {
	clientId: string;
	clientSecret: string;
	environment: 'sandbox' | 'production' | 'custom';
	baseUrl?: string;
	secondFactor: 'ipAllowlist' | 'publicKey';
	publicKey?: string;
}

/** One credential as `n8n import:credentials` reads it. */
interface CredentialRecord {
	id: string;
	name: string;
	type: 'cashfreeApi' | 'cashfreePayoutsApi';
	data: object;
}

/**
 * Writes a file for `n8n import:credentials`: plain data in it is encrypted by n8n with the
 * instance's key on import. The file holds the secret, so it belongs in a temporary folder.
 */
function writeCredentialRecord(file: string, credential: CredentialRecord): void {
	writeFileSync(file, JSON.stringify([credential], null, 2), { encoding: 'utf8', mode: 0o600 });
}

/** The examples' Payment Gateway credential, as a file for `n8n import:credentials`. */
export function writeCredentialFile(
	file: string,
	name: string,
	data: CashfreeCredentialData,
): void {
	writeCredentialRecord(file, {
		id: EXAMPLE_CREDENTIAL_ID,
		name,
		type: 'cashfreeApi',
		data: { apiVersion: '2025-01-01', ...data },
	});
}

/** What n8n stores for one run of a workflow (the part the tests read). */
export interface ExecutionResult {
	status: string;
	mode: string;
	finished: boolean;
	data: {
		resultData: {
			runData: Record<
				string,
				{ data?: { main: ({ json: Record<string, unknown>; pairedItem?: unknown }[] | null)[] } }[]
			>;
			lastNodeExecuted?: string;
			error?: {
				message: string;
				description?: string;
				name?: string;
				node?: { name: string };
				[key: string]: unknown;
			};
		};
	};
}

/**
 * Reads the execution that `n8n execute --rawOutput` prints. n8n prints its log lines on the
 * same stream, before the JSON and (on failure) around it; the JSON itself is printed by
 * `JSON.stringify(data, null, 2)`, so it starts with a line "{" and ends with the first line "}".
 */
export function parseExecution(stdout: string): ExecutionResult {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start === -1 || end === -1)
		throw new Error(`no execution JSON in n8n's output:\n${stdout.slice(-4000)}`);
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionResult;
}

/** The items one node passed on (its first output), in order. */
export function nodeItems(execution: ExecutionResult, nodeName: string): Record<string, unknown>[] {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs)
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`,
		);
	return (runs[0].data?.main[0] ?? []).map((item) => item.json);
}

/** Runs `work` with a fresh temporary folder for the files n8n's CLI reads, removed after. */
async function inScratchFolder(
	prefix: string,
	work: (dir: string) => Promise<void>,
): Promise<void> {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	try {
		await work(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** `n8n import:credentials` of the credential `write` puts in the file it is given. */
async function importCredentialFile(
	instance: N8nInstance,
	write: (file: string) => void,
): Promise<void> {
	await inScratchFolder('n8n-credential-', async (dir) => {
		const file = path.join(dir, 'credentials.json');
		write(file);
		await instance.cliOk(['import:credentials', `--input=${file}`]);
	});
}

/** `n8n import:credentials` of the examples' credential, pointing at the simulator. */
export async function importCredential(
	instance: N8nInstance,
	name: string,
	data: CashfreeCredentialData,
): Promise<void> {
	await importCredentialFile(instance, (file) => writeCredentialFile(file, name, data));
}

/** `n8n import:credentials` of the Payouts examples' credential (PAYOUTS_EXAMPLE_CREDENTIAL). */
export async function importPayoutsCredential(
	instance: N8nInstance,
	data: CashfreePayoutsCredentialData,
): Promise<void> {
	await importCredentialFile(instance, (file) =>
		writeCredentialRecord(file, {
			...PAYOUTS_EXAMPLE_CREDENTIAL,
			type: 'cashfreePayoutsApi',
			data,
		}),
	);
}

/** `n8n import:workflow --separate` of several workflows in one command. */
export async function importWorkflows(
	instance: N8nInstance,
	workflows: WorkflowFile[],
): Promise<void> {
	await inScratchFolder('n8n-workflows-', async (dir) => {
		for (const workflow of workflows)
			writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		await instance.cliOk(['import:workflow', '--separate', `--input=${dir}`]);
	});
}

/** Changes to some nodes of a workflow, by node name. */
export type NodeChanges = Record<string, (node: WorkflowNode) => void>;

/** A copy of a workflow with another id and name, and changes to some of its nodes. */
export function variant(workflow: WorkflowFile, id: string, change: NodeChanges): WorkflowFile {
	const copy = structuredClone(workflow);
	copy.id = id;
	copy.name = `${workflow.name} (${id})`;
	return changeNodes(copy, change);
}

/** Makes the changes to the workflow's nodes (in place) and returns it. */
export function changeNodes(workflow: WorkflowFile, change: NodeChanges): WorkflowFile {
	for (const [nodeName, edit] of Object.entries(change)) {
		const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
		if (!node) throw new Error(`no node "${nodeName}" in ${workflow.name}`);
		edit(node);
	}
	return workflow;
}

/**
 * The examples' credential for a simulator account (at `baseUrl`) and `workflows`, imported
 * by n8n's CLI: what every e2e set-up and the queue benchmark start from.
 */
export async function importSimulatorSetUp(
	instance: N8nInstance,
	account: { clientId: string; clientSecret: string },
	baseUrl: string,
	workflows: WorkflowFile[],
): Promise<void> {
	await importCredential(instance, 'Cashfree simulator', {
		...account,
		environment: 'custom',
		baseUrl,
	});
	await importWorkflows(instance, workflows);
}

/**
 * Sets the list a clean-up's "Links to cancel" node hands on (use with variant()): these ids,
 * or what an expression (JavaScript, without `={{ }}`) makes.
 */
export const setLinkIds = (linkIds: string[] | string) => (node: WorkflowNode) => {
	const expression = typeof linkIds === 'string' ? linkIds : JSON.stringify(linkIds);
	(
		node.parameters as { assignments: { assignments: { value: string }[] } }
	).assignments.assignments[0].value = `={{ ${expression} }}`;
};

/**
 * A workflow with only the Cashfree Trigger, its defaults kept but for the events (what a user
 * starts from), with the examples' credential (the simulator signs its webhooks with its
 * client secret) and a fixed webhookId, so its production URL is known before it is published.
 */
export function cashfreeTriggerWorkflow({
	id,
	name,
	webhookId,
	events,
}: {
	id: string;
	name: string;
	webhookId: string;
	events: string[];
}): WorkflowFile {
	return {
		id,
		name,
		nodes: [
			{
				id: '5d1e2f30-0000-4a1b-9c2d-000000000001',
				name: CASHFREE_TRIGGER,
				type: 'n8n-nodes-cashfree.cashfreeTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { events },
				credentials: { cashfreeApi: { id: EXAMPLE_CREDENTIAL_ID, name: 'Cashfree simulator' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
