/**
 * `npm run bench:http-node`: bulk cancels in a real n8n (the one the e2e suite caches), the way
 * a user would build them: the clean-up example with n8n's own HTTP Request node (its defaults:
 * every item at once) in place of the Cashfree node, against the Cashfree node with Items at
 * Once not set (it adapts from 10 up to 50) and set to 10 (the old behaviour). Each figure is
 * the node's own execution time as n8n records it (runData[node][0].executionTime), the median
 * of BENCH_RUNS runs (default 3) with the three workflows alternated, against the simulator
 * with 0 and 50 ms added to every answer. On demand, never a timed test.
 *
 * Environment: BENCH_RUNS, BENCH_ITEMS (default 200).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { median } from './bench-support';
import { CLEANUP_CANCEL_NODE, cleanupOf, numberedLinks, seedActiveLinks } from './n8n/cleanup';
import {
	importSimulatorSetUp,
	parseExecution,
	type WorkflowFile,
	type WorkflowNode,
} from './n8n/examples';
import { ensureN8n } from './n8n/install';
import { describeFailure, N8nInstance, packPackage } from './n8n/instance';
import { CashfreeSimulator } from './simulator';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 200);
const LATENCIES = [0, 50];
const ACCOUNT = { clientId: 'bench_http_node', clientSecret: 'bench_http_node_secret_7Qx' };

type Kind = 'httpRequest' | 'cashfreeAuto' | 'cashfree10';
const KINDS: Kind[] = ['httpRequest', 'cashfreeAuto', 'cashfree10'];
const LABELS: Record<Kind, string> = {
	httpRequest: "n8n's HTTP Request node (defaults)",
	cashfreeAuto: 'Cashfree node, Items at Once not set',
	cashfree10: 'Cashfree node, Items at Once 10',
};

/** The Cashfree node of the clean-up replaced by an HTTP Request node doing the same call. */
function asHttpRequest(baseUrl: string) {
	return (node: WorkflowNode) => {
		node.type = 'n8n-nodes-base.httpRequest';
		node.typeVersion = 4.2;
		delete node.credentials;
		node.parameters = {
			method: 'POST',
			url: `=${baseUrl}/links/{{ $json.link_id }}/cancel`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'x-client-id', value: ACCOUNT.clientId },
					{ name: 'x-client-secret', value: ACCOUNT.clientSecret },
					{ name: 'x-api-version', value: '2025-01-01' },
					{ name: 'x-idempotency-key', value: '=cancel-{{ $json.link_id }}' },
				],
			},
			options: {},
		};
	};
}

/** Items at Once as the kind wants it: left out, or 10. */
function withItemsAtOnce(kind: Kind) {
	return (node: WorkflowNode) => {
		const options = node.parameters.additionalOptions as Record<string, unknown>;
		if (kind === 'cashfree10') options.concurrency = 10;
		else delete options.concurrency;
	};
}

interface Planned {
	kind: Kind;
	latency: number;
	workflow: WorkflowFile;
	linkIds: string[];
}

function plan(baseUrl: string): Planned[] {
	const planned: Planned[] = [];
	for (const latency of LATENCIES) {
		for (let run = 1; run <= RUNS; run++) {
			for (const kind of KINDS) {
				const id = `benchHttp${kind}L${latency}R${run}`;
				const links = numberedLinks(`${id}_`, ITEMS);
				const edit = kind === 'httpRequest' ? asHttpRequest(baseUrl) : withItemsAtOnce(kind);
				const workflow = cleanupOf(id, links, { change: { [CLEANUP_CANCEL_NODE]: edit } });
				planned.push({ kind, latency, workflow, linkIds: links.ids });
			}
		}
	}
	return planned;
}

async function main() {
	const simulator = new CashfreeSimulator({ host: '127.0.0.1', ...ACCOUNT });
	await simulator.start();
	const planned = plan(simulator.baseUrl);
	for (const { linkIds } of planned) seedActiveLinks(simulator, linkIds);

	process.stderr.write('starting n8n with the packed package...\n');
	const n8n = await N8nInstance.create(await ensureN8n());
	const packDir = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-cashfree-pack-'));
	const times = new Map<string, number[]>();
	try {
		await n8n.installPackage(packPackage(packDir));
		await importSimulatorSetUp(
			n8n,
			ACCOUNT,
			simulator.baseUrl,
			planned.map(({ workflow }) => workflow),
		);
		for (const { kind, latency, workflow } of planned) {
			simulator.clearFaults();
			if (latency > 0) {
				simulator.injectFault({ fault: { kind: 'delay', ms: latency }, times: Infinity });
			}
			const result = await n8n.cli(['execute', `--id=${workflow.id}`, '--rawOutput'], {
				timeoutMs: 300_000,
			});
			if (result.code !== 0) throw new Error(describeFailure(result));
			const run = parseExecution(result.stdout).data.resultData.runData[CLEANUP_CANCEL_NODE][0];
			const ms = (run as unknown as { executionTime: number }).executionTime;
			const key = `${kind}@${latency}`;
			times.set(key, [...(times.get(key) ?? []), ms]);
			process.stderr.write(`  ${LABELS[kind]}, ${latency} ms: ${ms} ms\n`);
		}
	} finally {
		rmSync(packDir, { recursive: true, force: true });
		await n8n.stop();
		await simulator.stop();
	}

	const lines = [
		`${ITEMS} cancels in n8n, the node's execution time (median of ${RUNS}):`,
		'',
		`| latency | ${KINDS.map((kind) => LABELS[kind]).join(' | ')} | Cashfree (not set) / HTTP Request |`,
		`|---|${KINDS.map(() => '---|').join('')}---|`,
	];
	for (const latency of LATENCIES) {
		const of = (kind: Kind) => median(times.get(`${kind}@${latency}`) ?? []);
		const ratio = of('cashfreeAuto') / of('httpRequest');
		lines.push(
			`| ${latency} ms | ${KINDS.map((kind) => `${of(kind).toFixed(0)} ms`).join(' | ')} | ${ratio.toFixed(2)}× |`,
		);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench:http-node failed: ${String(error)}\n`);
	process.exitCode = 1;
});
