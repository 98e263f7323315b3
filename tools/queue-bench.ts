/**
 * `npm run bench:queue`: figures for the package in n8n's queue mode (tools/n8n/queue.ts:
 * PostgreSQL, Redis, main and workers), measured on demand, never as a timed test.
 *
 * Default: N = 1, 2, 4 clean-ups (examples/scheduled-cancellation.json) of M links each, started
 * together on 2 workers (`--concurrency=10`, n8n's default), against one simulator rate limit
 * for the account. Prints, per N, the cancels Cashfree accepted per second against the rate
 * allowed, the 429 answers, and the failed items the clean-ups report.
 *
 * `--memory`: one clean-up of 10,000 links in a single worker whose n8n process runs with
 * `--max-old-space-size=<cap>`, for decreasing caps until one fails; prints which caps complete
 * and the worker's peak resident memory (VmHWM from /proc). No rate limit there. With
 * `--baseline` as well, the same with the Cashfree node disabled (n8n passes the items on):
 * what n8n itself needs for the run, to tell the package's share.
 *
 * The limit is Cashfree's 600 per minute scaled down as `npm run bench:rate` does (200 per 20 s),
 * so a 429's pause (whole seconds) is as long against the window as it is at Cashfree. The
 * rate figure is the ideal time over the time taken, from the first cancel Cashfree saw to the
 * last it accepted: the ideal lets the first window's LIMIT cancels through at once and then
 * LIMIT per window, so 500 cancels ideally take 40 s.
 *
 * Options: --links=M (500), --limit=L allowed requests per window (200), --window-seconds=W
 * (20), --rounds=1,2,4,
 * --caps=256,192,128,96,64, --memory-links=10000.
 */
import { idealMsUnderLimit } from './bench-support';
import {
	cancelAnswers,
	cancelRequests,
	CLEANUP_MANUAL_TRIGGER,
	CLEANUP_CANCEL_NODE,
	cleanupOf,
	cancelledLinks,
	cleanupSummary,
	numberedLinks,
	seedActiveLinks,
	totalsByStatus,
	type CleanupSummary,
} from './n8n/cleanup';
import { importSimulatorSetUp, type WorkflowFile, type WorkflowNode } from './n8n/examples';
import { ensureN8n } from './n8n/install';
import { N8nQueue, residentMemory } from './n8n/queue';
import { N8nRestSession } from './n8n/rest';
import { CashfreeSimulator } from './simulator';

const OWNER = {
	email: 'bench-owner@example.com',
	firstName: 'Queue',
	lastName: 'Bench',
	password: 'Cashfree-bench-1',
};
const SIMULATOR_ACCOUNT = { clientId: 'bench_client_id', clientSecret: 'bench_client_secret' };

function option(name: string, fallback: string): string {
	const prefix = `--${name}=`;
	return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}
const numbers = (text: string) => text.split(',').map(Number);

const LINKS = Number(option('links', '500'));
const LIMIT = Number(option('limit', '200'));
const WINDOW_SECONDS = Number(option('window-seconds', '20'));
const ROUNDS = numbers(option('rounds', '1,2,4'));
const CAPS = numbers(option('caps', '256,192,128,96,64'));
const MEMORY_LINKS = Number(option('memory-links', '10000'));
const MEMORY = process.argv.includes('--memory');
const BASELINE = process.argv.includes('--baseline');
const EXECUTION_TIMEOUT_MS = 20 * 60_000;

function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

async function startQueue(
	simulator: CashfreeSimulator,
	workflows: WorkflowFile[],
	workers: number,
	workerConcurrency: number,
): Promise<{ queue: N8nQueue; rest: N8nRestSession }> {
	say(`starting PostgreSQL, Redis, n8n main and ${workers} worker(s)...`);
	const startedAt = Date.now();
	const queue = await N8nQueue.start(await ensureN8n(), {
		workers,
		workerConcurrency,
		prepare: async (main) =>
			await importSimulatorSetUp(main, SIMULATOR_ACCOUNT, simulator.baseUrl, workflows),
	});
	try {
		await queue.main.setupOwner(OWNER);
		const rest = await N8nRestSession.signIn(queue.main, OWNER.email, OWNER.password);
		say(`  ready in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
		return { queue, rest };
	} catch (error) {
		await queue.stop();
		throw error;
	}
}

const outcome = (summary: CleanupSummary) =>
	`${summary.cancelled.length} cancelled, ${summary.failed.length} failed, ${summary.already_cancelled.length} already cancelled`;

/** N clean-ups of LINKS links each, started together, for each N in ROUNDS. */
async function rateFigures(): Promise<void> {
	const simulator = new CashfreeSimulator({
		host: '127.0.0.1',
		...SIMULATOR_ACCOUNT,
		rateLimitPerWindow: LIMIT,
		rateLimitWindowMs: WINDOW_SECONDS * 1000,
	});
	await simulator.start();
	const rounds = ROUNDS.map((count) =>
		Array.from({ length: count }, (_, index) => {
			const links = numberedLinks(`bench_n${count}_${index + 1}_`, LINKS);
			return { linkIds: links.ids, workflow: cleanupOf(`benchN${count}Run${index + 1}`, links) };
		}),
	);
	for (const round of rounds) for (const { linkIds } of round) seedActiveLinks(simulator, linkIds);
	const { queue, rest } = await startQueue(
		simulator,
		rounds.flat().map(({ workflow }) => workflow),
		2,
		10,
	);
	const rows: string[] = [];
	try {
		for (const round of rounds) {
			const count = round.length;
			say(
				`N=${count}: ${count} clean-up(s) of ${LINKS} links, allowed ${LIMIT} requests per ${WINDOW_SECONDS} s...`,
			);
			// The previous round's cancels leave the window; this round starts with all of it.
			await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000));
			simulator.clearRequests();
			const startedAt = Date.now();
			const executions = await Promise.all(
				round.map(async ({ workflow }) => {
					const id = await rest.startWorkflow(workflow.id, CLEANUP_MANUAL_TRIGGER);
					const execution = await rest.waitForExecution(workflow.id, id, {
						timeoutMs: EXECUTION_TIMEOUT_MS,
					});
					say(
						`  execution ${id} ${execution.status} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s on worker ${queue.workersThatRan(id).join(',') || '?'}`,
					);
					return execution;
				}),
			);
			const wallSeconds = (Date.now() - startedAt) / 1000;
			const cancels = cancelRequests(simulator).map(({ request }) => request);
			const accepted = cancels.filter((request) => request.status === 200);
			// From the first cancel Cashfree saw to the last one it accepted: n8n's own start-up of
			// each execution is not the node's rate.
			const cancelSeconds =
				accepted.length > 1
					? (accepted[accepted.length - 1].receivedAt - cancels[0].receivedAt) / 1000
					: NaN;
			const totals = totalsByStatus(cancelAnswers(simulator));
			const summaries = executions.map((execution) =>
				execution.status === 'success' ? outcome(cleanupSummary(execution)) : execution.status,
			);
			const failed = executions.reduce(
				(sum, execution) =>
					sum + (execution.status === 'success' ? cleanupSummary(execution).failed.length : LINKS),
				0,
			);
			const idealSeconds = idealMsUnderLimit(accepted.length, LIMIT, WINDOW_SECONDS * 1000) / 1000;
			const row =
				`N=${count}: ${accepted.length} cancels in ${cancelSeconds.toFixed(1)} s, ideal ${idealSeconds} s ` +
				`(${((idealSeconds / cancelSeconds) * 100).toFixed(1)} % of the allowed rate), wall ${wallSeconds.toFixed(1)} s, ` +
				`429 answers ${totals[429] ?? 0}, failed items ${failed}; ${summaries.join(' | ')}`;
			say(`  ${row}`);
			rows.push(row);
		}
	} finally {
		await queue.stop();
		await simulator.stop();
	}
	say('\nqueue mode, concurrent clean-ups against one account rate limit:');
	for (const row of rows) say(`  ${row}`);
}

/** One MEMORY_LINKS clean-up per heap cap, in a worker of its own, until a cap fails. */
async function memoryFigures(): Promise<void> {
	const simulator = new CashfreeSimulator({
		host: '127.0.0.1',
		...SIMULATOR_ACCOUNT,
	});
	await simulator.start();
	const runs = CAPS.map((cap) => {
		const links = numberedLinks(`bench_mem${cap}_`, MEMORY_LINKS);
		const disableCashfree = (node: WorkflowNode) => void (node.disabled = BASELINE);
		const workflow = cleanupOf(`benchMemory${cap}`, links, {
			change: { [CLEANUP_CANCEL_NODE]: disableCashfree },
		});
		return { cap, linkIds: links.ids, workflow };
	});
	const { queue, rest } = await startQueue(
		simulator,
		runs.map(({ workflow }) => workflow),
		0,
		1,
	);
	const rows: string[] = [];
	try {
		for (const { cap, linkIds, workflow } of runs) {
			seedActiveLinks(simulator, linkIds);
			say(`cap ${cap} MB: starting a worker with --max-old-space-size=${cap}...`);
			const worker = await queue.addWorker({ maxOldSpaceSizeMb: cap }).catch((error: Error) => {
				say(`  the worker did not start: ${error.message.split('\n')[0]}`);
				return undefined;
			});
			if (!worker) {
				rows.push(`cap ${cap} MB: worker did not start`);
				break;
			}
			const pid = worker.serverPid;
			const idle = pid === undefined ? undefined : residentMemory(pid)?.now;
			const startedAt = Date.now();
			const id = await rest.startWorkflow(workflow.id, CLEANUP_MANUAL_TRIGGER);
			// VmHWM is already the peak; it is sampled because /proc forgets a process that died.
			let peak = 0;
			const samplePeak = () => {
				if (pid !== undefined) peak = Math.max(peak, residentMemory(pid)?.peak ?? 0);
			};
			const sampler = setInterval(samplePeak, 200);
			const finished = rest
				.waitForExecution(workflow.id, id, { timeoutMs: EXECUTION_TIMEOUT_MS })
				.then((execution) => ({ execution }));
			const died = worker.exited().then((exit) => ({ exit }));
			const result = await Promise.race([finished, died]);
			clearInterval(sampler);
			samplePeak();
			const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
			const megabytes = (bytes: number | undefined) =>
				bytes ? `${(bytes / 2 ** 20).toFixed(0)} MB` : 'unknown';
			const peakMb = `${megabytes(peak)} (idle before the run: ${megabytes(idle)})`;
			let row: string;
			let completed = false;
			if ('exit' in result) {
				const oom = /heap out of memory|Allocation failed/i.test(worker.log);
				const cancelled = cancelledLinks(simulator, linkIds).length;
				row = `cap ${cap} MB: worker died after ${seconds} s (${result.exit.signal ?? `exit code ${result.exit.code}`}${oom ? ', JavaScript heap out of memory' : ''}) with ${cancelled} of ${MEMORY_LINKS} links cancelled, peak RSS ${peakMb}`;
				// Its crashed execution would hold the next worker's start: let n8n fail it.
				void finished.catch(() => undefined);
			} else {
				const { execution } = result;
				completed = execution.status === 'success';
				row = `cap ${cap} MB: ${execution.status} in ${seconds} s, ${completed ? outcome(cleanupSummary(execution)) : ''}, peak RSS of the worker ${peakMb}`;
			}
			say(`  ${row}`);
			if (!completed) say(queue.logs(4000));
			rows.push(row);
			await queue.removeWorker(worker);
			if (!completed) break;
		}
	} finally {
		await queue.stop();
		await simulator.stop();
	}
	const what = BASELINE ? ', the Cashfree node disabled (baseline)' : '';
	say(`\nqueue mode, one clean-up of ${MEMORY_LINKS} links in a worker with a heap cap${what}:`);
	for (const row of rows) say(`  ${row}`);
}

async function main(): Promise<void> {
	if (MEMORY) await memoryFigures();
	else await rateFigures();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(
			`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
		);
		process.exit(1);
	},
);
