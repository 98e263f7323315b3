/**
 * `npm start`: cancels a payment link with the Cashfree node inside n8n's engine and prints
 * the JSON a later workflow step receives.
 *
 * - No keys: starts the embedded simulator and cancels a link seeded there
 *   (CASHFREE_LINK_ID, default n8n_demo_link_1).
 * - CASHFREE_CLIENT_ID and CASHFREE_CLIENT_SECRET: calls Cashfree itself (CASHFREE_ENV:
 *   sandbox or production, CASHFREE_LINK_ID: the link to cancel), or, with CASHFREE_BASE_URL,
 *   the server at that URL through the credential's Custom Base URL environment (a proxy,
 *   or the simulator of `npm run simulator`).
 *
 * CASHFREE_API_VERSION picks the credential's API version in every mode. The client secret
 * is never printed.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { cashfreeWorkflow } from './engine/cashfree-workflow';
import { CashfreeSimulator } from './simulator';

const DEMO_LINK_ID = 'n8n_demo_link_1';
const NODE_NAME = 'Cancel Payment Link';

/** A mistake in the environment variables: the message says all there is, no stack trace. */
class UsageError extends Error {}

interface Target {
	credential: ICredentialDataDecryptedObject;
	linkId: string;
	where: string;
	stop: () => Promise<void>;
}

/** An empty variable (`CASHFREE_LINK_ID= npm start`) counts as unset, as the key check always did. */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
	const value = env[name];
	return value === undefined || value === '' ? undefined : value;
}

/** A URL may carry a user and password, as secret as the client secret; it is printed before the node checks it. */
function displayUrl(url: string): string {
	return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i, '$1***@');
}

function apiVersion(env: NodeJS.ProcessEnv): ICredentialDataDecryptedObject {
	const version = read(env, 'CASHFREE_API_VERSION');
	return version ? { apiVersion: version } : {};
}

/** With the user's keys: Cashfree sandbox or production, or the server at CASHFREE_BASE_URL. */
function keysTarget(env: NodeJS.ProcessEnv, clientId: string, clientSecret: string): Target {
	const environment = read(env, 'CASHFREE_ENV');
	const baseUrl = read(env, 'CASHFREE_BASE_URL');
	const linkId = read(env, 'CASHFREE_LINK_ID');
	if (environment !== undefined && !['sandbox', 'production', 'custom'].includes(environment)) {
		throw new UsageError(
			`CASHFREE_ENV must be sandbox or production, not "${environment}" (for any other base URL set CASHFREE_BASE_URL instead)`,
		);
	}
	let connection: ICredentialDataDecryptedObject;
	let where: string;
	if (baseUrl !== undefined) {
		if (environment === 'sandbox' || environment === 'production') {
			throw new UsageError(
				`CASHFREE_BASE_URL and CASHFREE_ENV=${environment} contradict each other: the first sends the request to that URL, the second to Cashfree ${environment}. Unset one of them.`,
			);
		}
		// The URL itself is the node's to judge, as for a credential saved in n8n: a malformed
		// one fails the run with the node's Base URL message, and no second rule here can drift.
		connection = { environment: 'custom', baseUrl };
		where = `the Cashfree API at ${displayUrl(baseUrl)} (CASHFREE_BASE_URL)`;
	} else {
		if (environment === 'custom') {
			throw new UsageError(
				'CASHFREE_ENV=custom needs CASHFREE_BASE_URL, the base URL to call (for example http://127.0.0.1:8787/pg for npm run simulator)',
			);
		}
		connection = { environment: environment ?? 'sandbox' };
		where = `Cashfree ${environment ?? 'sandbox'}`;
	}
	if (!linkId)
		throw new UsageError('Set CASHFREE_LINK_ID to the link_id of an ACTIVE payment link to cancel');
	return {
		credential: { clientId, clientSecret, ...connection, ...apiVersion(env) },
		linkId,
		where,
		stop: async () => {},
	};
}

/** Without keys: the embedded simulator, with the link to cancel seeded ACTIVE. */
async function demoTarget(env: NodeJS.ProcessEnv): Promise<Target> {
	// Without keys the URL would be ignored for the embedded simulator, and the user would
	// watch a different server than the one they meant.
	if (read(env, 'CASHFREE_BASE_URL') !== undefined) {
		throw new UsageError(
			'CASHFREE_BASE_URL needs CASHFREE_CLIENT_ID and CASHFREE_CLIENT_SECRET, the keys the server at that URL accepts (npm run simulator accepts sim_client_id and sim_client_secret unless started with others)',
		);
	}
	const simulator = new CashfreeSimulator();
	const baseUrl = await simulator.start();
	const linkId = read(env, 'CASHFREE_LINK_ID') ?? DEMO_LINK_ID;
	try {
		simulator.seedLink({
			link_id: linkId,
			link_amount: 1499,
			link_currency: 'INR',
			link_purpose: 'Annual plan renewal',
			customer_details: {
				customer_name: 'Asha Verma',
				customer_phone: '9999999999',
				customer_email: 'asha@example.com',
			},
			link_notes: { order_id: 'ORD-2026-1126' },
		});
	} catch {
		// The simulator refuses to seed an id Cashfree would refuse (the rest of the seed is
		// fixed, and the demo run proves it valid). The node still gets the id, so the user sees
		// the node's own validation message, the one they would get in n8n.
	}
	return {
		credential: {
			clientId: 'sim_client_id',
			clientSecret: 'sim_client_secret',
			environment: 'custom',
			baseUrl,
			...apiVersion(env),
		},
		linkId,
		where: `the embedded Cashfree simulator at ${baseUrl} (no CASHFREE_CLIENT_ID/CASHFREE_CLIENT_SECRET given)`,
		stop: async () => await simulator.stop(),
	};
}

async function chooseTarget(env: NodeJS.ProcessEnv): Promise<Target> {
	const clientId = read(env, 'CASHFREE_CLIENT_ID');
	const clientSecret = read(env, 'CASHFREE_CLIENT_SECRET');
	if (clientId !== undefined && clientSecret !== undefined)
		return keysTarget(env, clientId, clientSecret);
	// One key alone is a mistake, not a request for the demo; name only the missing one (never a value).
	const missing =
		clientId !== undefined
			? 'CASHFREE_CLIENT_SECRET'
			: clientSecret !== undefined
				? 'CASHFREE_CLIENT_ID'
				: undefined;
	if (missing) {
		throw new UsageError(
			`${missing} is not set. Give both CASHFREE_CLIENT_ID and CASHFREE_CLIENT_SECRET to use your own keys, or neither to run the demo against the embedded simulator.`,
		);
	}
	return await demoTarget(env);
}

async function main(): Promise<number> {
	const target = await chooseTarget(process.env);
	try {
		// Loaded only now: importing the engine creates n8n's temporary user folder, which only
		// N8nEngine.load() removes, so a usage error above leaves nothing behind (and is quick).
		const { N8nEngine } = await import('./engine/n8n-engine');
		const engine = await N8nEngine.load();
		const credentials = await engine.addCredential({ data: target.credential });
		const workflow = cashfreeWorkflow({
			credentials,
			nodeName: NODE_NAME,
			packageName: engine.packageName,
		});
		process.stdout.write(
			`Cancelling payment link "${target.linkId}" with the Cashfree node in n8n's engine, against ${target.where}\n`,
		);
		const { outputs, error } = await engine.run(workflow, [{ json: { link_id: target.linkId } }]);
		if (error) {
			// The node's errors are written for users (and carry no secret): message and hint, no stack.
			const description = (error as { description?: string }).description;
			process.stderr.write(
				`\nThe Cashfree node failed: ${error.message}\n${description ? `${description}\n` : ''}`,
			);
			return 1;
		}
		const [item] = outputs[NODE_NAME];
		process.stdout.write(
			`\nThe next workflow step receives this item ($json):\n${JSON.stringify(item.json, null, 2)}\n`,
		);
		return 0;
	} finally {
		await target.stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		// A usage error is the user's to fix and says how; anything else is a bug, and its stack helps.
		process.stderr.write(
			error instanceof UsageError ? `${error.message}\n` : `${error.stack ?? error.message}\n`,
		);
		process.exit(1);
	},
);
