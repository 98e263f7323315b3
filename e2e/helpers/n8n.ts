/**
 * What every e2e file needs: the cached n8n (installed on first use), n8n instances with the
 * package installed as `npm pack` makes it, the simulator with the examples' links.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	seedDemoLinks,
	writeCredentialFile,
	type CashfreeCredentialData,
	type WorkflowFile,
} from '../../tools/n8n/examples';
import { ensureN8n } from '../../tools/n8n/install';
import { N8nInstance, packPackage, type InstanceOptions } from '../../tools/n8n/instance';
import { CashfreeSimulator } from '../../tools/simulator';

export const CLIENT_ID = 'e2e_client_id';
export const CLIENT_SECRET = 'e2e_client_secret_5Yq2';

/** The owner an e2e file sets up: the editor test through n8n's setup page, others through its API. */
export const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'Asha',
	lastName: 'Verma',
	password: 'Cashfree-e2e-2041',
};

/** Long enough for a cold install of n8n inside the first beforeAll (the npm script installs first). */
export const SETUP_TIMEOUT_MS = 30 * 60_000;

/** An n8n with the package, packed by `npm pack`, installed into its user folder's nodes/ directory. */
export async function createInstance(options: InstanceOptions = {}): Promise<N8nInstance> {
	const installation = await ensureN8n();
	const instance = await N8nInstance.create(installation, options);
	const packDir = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-cashfree-pack-'));
	try {
		await instance.installPackage(packPackage(packDir));
	} catch (error) {
		await instance.stop();
		throw error;
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	return instance;
}

export async function startSimulator(): Promise<CashfreeSimulator> {
	const simulator = new CashfreeSimulator({
		host: '127.0.0.1',
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
	});
	seedDemoLinks(simulator);
	await simulator.start();
	return simulator;
}

/** Resets the simulator to the examples' links, as freshly started. */
export function reseed(simulator: CashfreeSimulator): void {
	simulator.reset();
	seedDemoLinks(simulator);
}

/** `n8n import:credentials` of the examples' credential, pointing at the simulator. */
export async function importCredential(
	instance: N8nInstance,
	name: string,
	data: CashfreeCredentialData,
): Promise<void> {
	const dir = mkdtempSync(path.join(tmpdir(), 'n8n-credential-'));
	try {
		const file = path.join(dir, 'credentials.json');
		writeCredentialFile(file, name, data);
		await instance.cliOk(['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** `n8n import:workflow --separate` of several workflows in one command. */
export async function importWorkflows(
	instance: N8nInstance,
	workflows: WorkflowFile[],
): Promise<void> {
	const dir = mkdtempSync(path.join(tmpdir(), 'n8n-workflows-'));
	try {
		for (const workflow of workflows)
			writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		await instance.cliOk(['import:workflow', '--separate', `--input=${dir}`]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** A copy of a workflow with another id and name, and changes to some of its nodes. */
export function variant(
	workflow: WorkflowFile,
	id: string,
	change: Record<string, (node: WorkflowFile['nodes'][number]) => void>,
): WorkflowFile {
	const copy = structuredClone(workflow);
	copy.id = id;
	copy.name = `${workflow.name} (${id})`;
	for (const [nodeName, edit] of Object.entries(change)) {
		const node = copy.nodes.find((candidate) => candidate.name === nodeName);
		if (!node) throw new Error(`no node "${nodeName}" in ${workflow.name}`);
		edit(node);
	}
	return copy;
}

/**
 * The set-up every e2e file starts from: the simulator with the examples' links, an n8n with the
 * package, the examples' credential pointing at the simulator, and `workflows` imported.
 */
export async function startSimulatorAndN8n(
	workflows: WorkflowFile[],
	options: InstanceOptions = {},
): Promise<{ simulator: CashfreeSimulator; n8n: N8nInstance }> {
	const simulator = await startSimulator();
	const n8n = await createInstance(options);
	await importCredential(n8n, 'Cashfree simulator', {
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		environment: 'custom',
		baseUrl: simulator.baseUrl,
	});
	await importWorkflows(n8n, workflows);
	return { simulator, n8n };
}
