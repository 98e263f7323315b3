/**
 * `npm start`: cancels a payment link with the Cashfree node inside n8n's engine and prints
 * the JSON a later workflow step receives. Without Cashfree keys it starts the embedded
 * simulator and cancels a link seeded there; with CASHFREE_CLIENT_ID and
 * CASHFREE_CLIENT_SECRET it calls Cashfree itself (CASHFREE_ENV: sandbox or production,
 * CASHFREE_LINK_ID: the link to cancel).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { cashfreeWorkflow } from './engine/cashfree-workflow';
import { N8nEngine } from './engine/n8n-engine';
import { CashfreeSimulator } from './simulator';

const DEMO_LINK_ID = 'n8n_demo_link_1';

interface Target {
	credential: ICredentialDataDecryptedObject;
	linkId: string;
	where: string;
	stop: () => Promise<void>;
}

async function chooseTarget(env: NodeJS.ProcessEnv): Promise<Target> {
	const { CASHFREE_CLIENT_ID, CASHFREE_CLIENT_SECRET, CASHFREE_ENV = 'sandbox', CASHFREE_LINK_ID } = env;
	if (CASHFREE_CLIENT_ID && CASHFREE_CLIENT_SECRET) {
		if (!['sandbox', 'production'].includes(CASHFREE_ENV)) {
			throw new Error(`CASHFREE_ENV must be sandbox or production, not "${CASHFREE_ENV}"`);
		}
		if (!CASHFREE_LINK_ID) throw new Error('Set CASHFREE_LINK_ID to the link_id of an ACTIVE payment link to cancel');
		return {
			credential: {
				clientId: CASHFREE_CLIENT_ID,
				clientSecret: CASHFREE_CLIENT_SECRET,
				environment: CASHFREE_ENV,
				...(env.CASHFREE_API_VERSION ? { apiVersion: env.CASHFREE_API_VERSION } : {}),
			},
			linkId: CASHFREE_LINK_ID,
			where: `Cashfree ${CASHFREE_ENV}`,
			stop: async () => {},
		};
	}
	const simulator = new CashfreeSimulator();
	const baseUrl = await simulator.start();
	const linkId = CASHFREE_LINK_ID ?? DEMO_LINK_ID;
	simulator.seedLink({
		link_id: linkId,
		link_amount: 1499,
		link_currency: 'INR',
		link_purpose: 'Annual plan renewal',
		customer_details: { customer_name: 'Asha Verma', customer_phone: '9999999999', customer_email: 'asha@example.com' },
		link_notes: { order_id: 'ORD-2026-1126' },
	});
	return {
		credential: {
			clientId: 'sim_client_id',
			clientSecret: 'sim_client_secret',
			environment: 'custom',
			baseUrl,
			...(env.CASHFREE_API_VERSION ? { apiVersion: env.CASHFREE_API_VERSION } : {}),
		},
		linkId,
		where: `the embedded Cashfree simulator at ${baseUrl} (no CASHFREE_CLIENT_ID/CASHFREE_CLIENT_SECRET given)`,
		stop: async () => await simulator.stop(),
	};
}

async function main(): Promise<number> {
	const target = await chooseTarget(process.env);
	try {
		const engine = await N8nEngine.load();
		const credentials = await engine.addCredential({ data: target.credential });
		const workflow = cashfreeWorkflow({ credentials, nodeName: 'Cancel Payment Link', packageName: engine.packageName });
		process.stdout.write(`Cancelling payment link "${target.linkId}" with the Cashfree node in n8n's engine, against ${target.where}\n`);
		const { outputs, error } = await engine.run(workflow, [{ json: { link_id: target.linkId } }]);
		if (error) {
			const description = (error as { description?: string }).description;
			process.stderr.write(`\nThe Cashfree node failed: ${error.message}\n${description ? `${description}\n` : ''}`);
			return 1;
		}
		const [item] = outputs['Cancel Payment Link'];
		process.stdout.write(`\nThe next workflow step receives this item ($json):\n${JSON.stringify(item.json, null, 2)}\n`);
		return 0;
	} finally {
		await target.stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	},
);
