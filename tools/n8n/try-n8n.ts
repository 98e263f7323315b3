/**
 * `npm run n8n`: the package in a real n8n, to try by hand. Packs the built package and
 * installs it into a fresh n8n user folder the way Settings → Community Nodes does, starts the
 * Cashfree simulator with the examples' links, imports the example workflows and a credential
 * pointing at the simulator, creates the owner login and prints where to go. Ctrl-C stops
 * n8n and the simulator and removes the temporary user folder.
 *
 * With CASHFREE_CLIENT_ID and CASHFREE_CLIENT_SECRET set, the credential is for Cashfree's
 * sandbox instead (and no simulator runs). CASHFREE_N8N_PORT changes the editor port (5678).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CashfreeSimulator } from '../simulator';
import {
	DEMO_LINKS,
	EXAMPLE_FILES,
	EXAMPLES_DIR,
	readExample,
	seedDemoLinks,
	writeCredentialFile,
	type CashfreeCredentialData,
} from './examples';
import { ensureN8n } from './install';
import { N8nInstance, packPackage } from './instance';

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Cashfree',
	lastName: 'Tester',
	password: 'Cashfree-n8n-1',
};

const SIMULATOR_CLIENT_ID = 'sim_client_id';
const SIMULATOR_CLIENT_SECRET = 'sim_client_secret';

function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
	const {
		CASHFREE_CLIENT_ID,
		CASHFREE_CLIENT_SECRET,
		CASHFREE_ENV = 'sandbox',
		CASHFREE_API_VERSION,
	} = process.env;
	const useSandbox = Boolean(CASHFREE_CLIENT_ID && CASHFREE_CLIENT_SECRET);
	if (useSandbox && CASHFREE_ENV !== 'sandbox') {
		throw new Error(
			`npm run n8n only points at Cashfree's sandbox (CASHFREE_ENV=${CASHFREE_ENV}); use your own n8n for production keys`,
		);
	}
	const port = Number(process.env.CASHFREE_N8N_PORT ?? 5678);

	const installation = await ensureN8n();
	const scratch = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-cashfree-try-'));
	let simulator: CashfreeSimulator | undefined;
	let n8n: N8nInstance | undefined;
	let stopping = false;
	const stop = async (exitCode: number) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the simulator...');
		await n8n?.stop().catch(() => undefined);
		await simulator?.stop().catch(() => undefined);
		rmSync(scratch, { recursive: true, force: true });
		process.exit(exitCode);
	};
	process.once('SIGINT', () => void stop(0));
	process.once('SIGTERM', () => void stop(0));

	try {
		let credential: CashfreeCredentialData;
		let credentialName: string;
		if (useSandbox) {
			credentialName = 'Cashfree sandbox';
			credential = {
				clientId: CASHFREE_CLIENT_ID ?? '',
				clientSecret: CASHFREE_CLIENT_SECRET ?? '',
				environment: 'sandbox',
			};
		} else {
			simulator = new CashfreeSimulator({
				host: '127.0.0.1',
				clientId: SIMULATOR_CLIENT_ID,
				clientSecret: SIMULATOR_CLIENT_SECRET,
			});
			seedDemoLinks(simulator);
			await simulator.start();
			credentialName = 'Cashfree simulator';
			credential = {
				clientId: SIMULATOR_CLIENT_ID,
				clientSecret: SIMULATOR_CLIENT_SECRET,
				environment: 'custom',
				baseUrl: simulator.baseUrl,
			};
		}
		if (CASHFREE_API_VERSION) credential.apiVersion = CASHFREE_API_VERSION;

		// A user's n8n runs the default expression engine; so does this one (see ARCHITECTURE.md).
		n8n = await N8nInstance.create(installation, { port, expressionEngine: 'vm' });
		say(
			`Installing the packed package into n8n ${installation.n8nVersion} (Node.js ${installation.nodeVersion}), user folder ${n8n.userFolder}`,
		);
		const installed = await n8n.installPackage(packPackage(scratch));
		const credentialFile = path.join(scratch, 'credentials.json');
		writeCredentialFile(credentialFile, credentialName, credential);
		await n8n.cliOk(['import:credentials', `--input=${credentialFile}`]);
		rmSync(credentialFile);
		for (const file of EXAMPLE_FILES)
			await n8n.cliOk(['import:workflow', `--input=${path.join(EXAMPLES_DIR, file)}`]);
		say('Starting n8n...');
		await n8n.start();
		await n8n.setupOwner(OWNER);

		say();
		say(
			`n8n ${installation.n8nVersion} is running with ${installed.name} ${installed.version} installed as a community package.`,
		);
		say();
		say(`  Editor:    ${n8n.baseUrl}`);
		say(`  Email:     ${OWNER.email}`);
		say(`  Password:  ${OWNER.password}`);
		say();
		say('  Workflows: ' + EXAMPLE_FILES.map((file) => `"${readExample(file).name}"`).join(', '));
		if (simulator) {
			say(`  Credential "${credentialName}" → the Cashfree simulator at ${simulator.baseUrl}`);
			say(
				`  Links:     ${DEMO_LINKS.map((link) => `${link.link_id} (${link.link_status ?? 'ACTIVE'})`).join(', ')}`,
			);
		} else {
			say(
				`  Credential "${credentialName}" → Cashfree's sandbox with your keys; put your own link ids in the workflows.`,
			);
		}
		say();
		say(
			'Open a workflow and click "Execute workflow". Press Ctrl-C to stop n8n and the simulator.',
		);
	} catch (error) {
		process.stderr.write(`npm run n8n: ${(error as Error).message}\n`);
		await stop(1);
	}
}

if (require.main === module) void main();
