/**
 * What every e2e file needs: the cached n8n (installed on first use), n8n instances with the
 * package installed as `npm pack` makes it, the simulator with the examples' links.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	importPayoutsCredential,
	importSimulatorSetUp,
	seedDemoLinks,
	type ExecutionResult,
	type WorkflowFile,
} from '../../tools/n8n/examples';
import { ensureN8n } from '../../tools/n8n/install';
import { N8nInstance, packPackage, type InstanceOptions } from '../../tools/n8n/instance';
import { N8nQueue, type QueueOptions } from '../../tools/n8n/queue';
import { N8nRestSession } from '../../tools/n8n/rest';
import { CashfreeSimulator, type SimulatorOptions } from '../../tools/simulator';

export { importCredential, importWorkflows, variant } from '../../tools/n8n/examples';

export const CLIENT_ID = 'e2e_client_id';
export const CLIENT_SECRET = 'e2e_client_secret_5Yq2';
const SIMULATOR_ACCOUNT = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

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

/** The simulator with the examples' links; `options` adds rate limits, webhook settings, ... */
export async function startSimulator(
	options: Omit<SimulatorOptions, 'host' | 'clientId' | 'clientSecret'> = {},
): Promise<CashfreeSimulator> {
	const simulator = new CashfreeSimulator({
		...options,
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

/**
 * The set-up every e2e file starts from: the simulator with the examples' links, an n8n with the
 * package, the examples' credential pointing at the simulator, and `workflows` imported.
 */
export async function startSimulatorAndN8n(
	workflows: WorkflowFile[],
	options: InstanceOptions = {},
	simulatorOptions: Parameters<typeof startSimulator>[0] = {},
): Promise<{ simulator: CashfreeSimulator; n8n: N8nInstance }> {
	const simulator = await startSimulator(simulatorOptions);
	let n8n: N8nInstance | undefined;
	try {
		n8n = await createInstance(options);
		await importSimulatorSetUp(n8n, SIMULATOR_ACCOUNT, simulator.baseUrl, workflows);
		return { simulator, n8n };
	} catch (error) {
		// The caller never gets them to stop: a simulator left listening keeps Jest from exiting.
		await n8n?.stop();
		await simulator.stop();
		throw error;
	}
}

/**
 * The Payouts examples' credential (a Cashfree Payouts API credential) for the simulator's
 * /payout: the same keys, Second Factor Public Key with the simulator's key. Import before start.
 */
export async function importPayoutsSimulatorCredential(
	n8n: N8nInstance,
	simulator: CashfreeSimulator,
): Promise<void> {
	await importPayoutsCredential(n8n, {
		...SIMULATOR_ACCOUNT,
		environment: 'custom',
		baseUrl: simulator.payoutsBaseUrl,
		secondFactor: 'publicKey',
		publicKey: simulator.payouts.publicKeyPem,
	});
}

/**
 * Every Data table node of the workflows names `tableName` by name (not by an id that differs
 * from one n8n to the next): the one name docs/examples.md tells users to create.
 */
export function expectTablesByName(workflows: WorkflowFile[], tableName: string): void {
	for (const workflow of workflows) {
		const tables = workflow.nodes
			.filter((node) => node.type === 'n8n-nodes-base.dataTable')
			.map((node) => node.parameters.dataTableId);
		expect(tables.length).toBeGreaterThan(0);
		for (const table of tables)
			expect(table).toEqual({ __rl: true, mode: 'name', value: tableName });
	}
}

/** Starts an imported n8n, sets up OWNER and signs in as OWNER: the REST session the tests use. */
export async function startAsOwner(n8n: N8nInstance): Promise<N8nRestSession> {
	await n8n.start();
	await n8n.setupOwner(OWNER);
	return await N8nRestSession.signIn(n8n, OWNER.email, OWNER.password);
}

/**
 * The execution, if it succeeded; otherwise an error with n8n's reason and the end of its log,
 * which is what a failing e2e step needs to be understood.
 */
export function succeeded<T extends ExecutionResult>(execution: T, n8n: N8nInstance): T {
	if (execution.status !== 'success')
		throw new Error(
			`execution ended "${execution.status}": ${JSON.stringify(execution.data.resultData.error ?? {}, null, 2).slice(0, 4000)}\nn8n log (end):\n${n8n.log.slice(-4000)}`,
		);
	return execution;
}

/**
 * The same set-up in queue mode (tools/n8n/queue.ts): PostgreSQL, Redis, main and workers,
 * the credential and `workflows` imported before they start.
 */
export async function startSimulatorAndQueue(
	workflows: WorkflowFile[],
	{
		simulator: simulatorOptions,
		...queueOptions
	}: QueueOptions & { simulator?: Parameters<typeof startSimulator>[0] } = {},
): Promise<{ simulator: CashfreeSimulator; queue: N8nQueue }> {
	const simulator = await startSimulator(simulatorOptions);
	try {
		const queue = await N8nQueue.start(await ensureN8n(), {
			...queueOptions,
			prepare: async (main) =>
				await importSimulatorSetUp(main, SIMULATOR_ACCOUNT, simulator.baseUrl, workflows),
		});
		return { simulator, queue };
	} catch (error) {
		await simulator.stop();
		throw error;
	}
}
