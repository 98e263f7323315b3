/**
 * The package in n8n 2.41.1's queue mode, as the teams with nightly clean-ups of thousands of
 * links run it: PostgreSQL, Redis, one main instance and two workers (tools/n8n/queue.ts), the
 * packed package installed into every one of them, all fed by one Cashfree simulator whose
 * rate limit counts per account, as Cashfree's does, not per n8n process.
 *
 * Which process ran an execution is read from the workers' logs ("Worker started execution
 * <id>"): n8n stores no worker name with an execution. Each worker takes one execution at a
 * time (`--concurrency=1`), so two executions queued together run on two workers. The tests
 * run in order; the worker crash comes last, as it leaves one worker.
 */
import {
	CASHFREE_TRIGGER,
	cashfreeTriggerWorkflow,
	productionWebhookUrl,
	readExample,
	type WorkflowFile,
} from '../tools/n8n/examples';
import {
	cancelAnswers,
	cancelledLinks,
	CLEANUP_MANUAL_TRIGGER,
	cleanupOf,
	cleanupSummary,
	numberedLinks,
	seedActiveLinks,
	totalsByStatus,
	type CancelAnswers,
} from '../tools/n8n/cleanup';
import { pollUntil } from '../tools/n8n/poll';
import type { N8nQueue } from '../tools/n8n/queue';
import { isFinished, N8nRestSession, type ExecutionSummary } from '../tools/n8n/rest';
import type { CashfreeSimulator } from '../tools/simulator';
import { OWNER, SETUP_TIMEOUT_MS, startSimulatorAndQueue } from './helpers/n8n';

/** The simulator's limit for the account: requests per window (all endpoints together). */
const RATE_LIMIT = 100;
const RATE_WINDOW_MS = 1000;
/** Links per clean-up in the concurrent case, as the issue asks. */
const LINKS_PER_RUN = 500;
/** Links in the clean-up whose worker is killed, and how many are cancelled before the kill. */
const CRASH_LINKS = 300;
const CANCELLED_BEFORE_KILL = 100;

/**
 * Per test: a clean-up of hundreds of links at 100 cancels/s, a crash noticed after n8n's lock
 * and recovery intervals, on a 2-core machine that others share.
 */
const TEST_TIMEOUT_MS = 5 * 60_000;

const cleanupExample = readExample('scheduled-cancellation.json');

/** The example's schedule, firing every `seconds` instead of daily at 02:00. */
const scheduleEvery = (seconds: number) => ({
	'Every day at 02:00': (node: WorkflowFile['nodes'][number]) => {
		node.parameters.rule = { interval: [{ field: 'seconds', secondsInterval: seconds }] };
	},
});

const scheduled = numberedLinks('queue_scheduled_', 2);
const everySecond = cleanupOf('queueScheduled01', scheduled, { change: scheduleEvery(1) });
const scheduledLinks = scheduled.ids;

const concurrent = {
	first: numberedLinks('queue_a_', LINKS_PER_RUN),
	second: numberedLinks('queue_b_', LINKS_PER_RUN),
};
const concurrentRuns = {
	first: cleanupOf('queueConcurrent1', concurrent.first),
	second: cleanupOf('queueConcurrent2', concurrent.second),
};
const concurrentLinks = { first: concurrent.first.ids, second: concurrent.second.ids };

const crash = numberedLinks('queue_crash_', CRASH_LINKS);
const crashLinks = crash.ids;
/**
 * The nightly run whose worker dies, as a scheduled run (every 15 s leaves time to unpublish it
 * after its first run). Without the example's per-link key, so that the run after the crash
 * asks Cashfree again instead of getting the first answers replayed (see cleanupOf).
 */
const crashRun = cleanupOf('queueCrash00001', crash, {
	ownIdempotencyKey: false,
	change: scheduleEvery(15),
});

const triggerWorkflow = cashfreeTriggerWorkflow({
	id: 'queueTrigger0001',
	name: 'Cashfree Trigger (queue mode)',
	webhookId: '7b9e0c41-2d3f-4a5b-8c6d-7e8f9a0b1c2d',
	events: ['PAYMENT_SUCCESS_WEBHOOK'],
});

const WORKFLOWS: WorkflowFile[] = [
	cleanupExample,
	everySecond,
	concurrentRuns.first,
	concurrentRuns.second,
	crashRun,
	triggerWorkflow,
];

let simulator: CashfreeSimulator;
let queue: N8nQueue;
let rest: N8nRestSession;

beforeAll(async () => {
	({ simulator, queue } = await startSimulatorAndQueue(WORKFLOWS, {
		workers: 2,
		workerConcurrency: 1,
		// The crash test waits for n8n to notice the killed worker: seconds, not minutes.
		fastCrashRecovery: true,
		simulator: { rateLimitPerWindow: RATE_LIMIT, rateLimitWindowMs: RATE_WINDOW_MS },
	}));
	await queue.main.setupOwner(OWNER);
	rest = await N8nRestSession.signIn(queue.main, OWNER.email, OWNER.password);
	seedActiveLinks(simulator, [
		...scheduledLinks,
		...concurrentLinks.first,
		...concurrentLinks.second,
		...crashLinks,
	]);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await queue?.stop();
	await simulator?.stop();
});

/** The one worker (1 or 2) whose log says it ran the execution; fails with every log otherwise. */
function workerThatRan(executionId: string): number {
	const workers = queue.workersThatRan(executionId);
	if (workers.length !== 1)
		throw new Error(
			`execution ${executionId} was started by workers [${workers.join(', ')}], expected exactly one:\n${queue.logs()}`,
		);
	return workers[0];
}

function answersFor(linkIds: string[]): CancelAnswers[] {
	const answers = cancelAnswers(simulator);
	return linkIds.map((linkId) => answers.get(linkId) ?? {});
}

/** Statuses of the simulator's cancel answers for these links, added up: for the test log. */
function answerTotals(linkIds: string[]): CancelAnswers {
	const answers = cancelAnswers(simulator);
	return totalsByStatus(new Map(linkIds.map((linkId) => [linkId, answers.get(linkId) ?? {}])));
}

describe('n8n 2.41.1 in queue mode (PostgreSQL, Redis, main + 2 workers) with the packed package', () => {
	it(
		'the scheduled clean-up example runs on a worker, not on main, with the outcome it has everywhere',
		async () => {
			const execution = await rest.runWorkflow(cleanupExample.id, CLEANUP_MANUAL_TRIGGER);

			expect(execution.status).toBe('success');
			expect([1, 2]).toContain(workerThatRan(execution.id));
			expect(cleanupSummary(execution)).toMatchObject({
				summary: '2 cancelled, 1 failed, 1 already cancelled',
				cancelled: ['demo_active_1', 'demo_active_2'],
				already_cancelled: ['demo_cancelled'],
			});
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'published, its schedule fires in main and every scheduled run executes on a worker',
		async () => {
			const executions = await firstScheduledRuns(everySecond.id);
			// The runs that started before the schedule stopped, each to its end.
			const finished = await waitFor(
				async () => await rest.executionsOf(everySecond.id),
				(found) => found.every(isFinished),
				'the scheduled executions to end',
			);
			expect(finished.length).toBeGreaterThanOrEqual(executions.length);
			for (const execution of finished) {
				expect(execution).toMatchObject({ mode: 'trigger', status: 'success' });
				expect([1, 2]).toContain(workerThatRan(execution.id));
			}
			// A second scheduled run gets the first cancel replayed (the example's per-link key).
			expect(scheduledLinks.map((linkId) => simulator.cancelCount(linkId))).toEqual([1, 1]);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		`two clean-ups of ${LINKS_PER_RUN} links started together run on the two workers, within one account rate limit, each link cancelled once`,
		async () => {
			simulator.clearRequests();
			const startedAt = Date.now();
			const [first, second] = await Promise.all(
				[concurrentRuns.first, concurrentRuns.second].map(
					async (workflow) =>
						await rest.runWorkflow(workflow.id, CLEANUP_MANUAL_TRIGGER, { timeoutMs: 150_000 }),
				),
			);
			const seconds = (Date.now() - startedAt) / 1000;
			const allLinks = [...concurrentLinks.first, ...concurrentLinks.second];
			const totals = answerTotals(allLinks);
			console.log(
				`queue mode, 2 concurrent clean-ups of ${LINKS_PER_RUN} links: ${JSON.stringify(totals)} cancel answers by status ` +
					`in ${seconds.toFixed(1)} s (${((totals[200] ?? 0) / seconds).toFixed(1)} cancels/s, allowed ${(RATE_LIMIT * 1000) / RATE_WINDOW_MS}/s); ` +
					`workers ${workerThatRan(first.id)} and ${workerThatRan(second.id)}`,
			);

			expect([first.status, second.status]).toEqual(['success', 'success']);
			expect([workerThatRan(first.id), workerThatRan(second.id)].sort()).toEqual([1, 2]);
			for (const [execution, linkIds] of [
				[first, concurrentLinks.first],
				[second, concurrentLinks.second],
			] as const)
				expect(cleanupSummary(execution)).toMatchObject({
					summary: `${LINKS_PER_RUN} cancelled, 0 failed, 0 already cancelled`,
					cancelled: linkIds,
				});
			expect(cancelledLinks(simulator, allLinks)).toEqual(allLinks);
			// Exactly one accepted cancel per link: no link cancelled twice, none refused.
			expect(answersFor(allLinks).filter((answers) => answers[200] !== 1 || answers[400])).toEqual(
				[],
			);
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'a webhook delivered to main runs the Cashfree Trigger workflow on a worker',
		async () => {
			await rest.activateWorkflow(triggerWorkflow.id);
			const url = productionWebhookUrl(queue.main.baseUrl, triggerWorkflow.nodes[0]);
			expect(url.startsWith(queue.main.baseUrl)).toBe(true);
			expect(await rest.waitForWebhook(url)).toBe(401);
			const order = simulator.seedOrder({
				order_id: 'queue_webhook_order_1',
				order_amount: 170,
				order_meta: { notify_url: url },
			});
			const from = simulator.webhookDeliveries.length;

			const payment = simulator.payOrder(order.order_id);
			await simulator.waitForWebhooks();

			expect(simulator.webhookDeliveries.slice(from).map((d) => `${d.type}: ${d.status}`)).toEqual([
				'PAYMENT_SUCCESS_WEBHOOK: 200',
			]);
			const [execution] = await rest.waitForExecutions(triggerWorkflow.id, 1);
			expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
			expect([1, 2]).toContain(workerThatRan(execution.id));
			const stored = await rest.execution(execution.id);
			const [item] = stored.data.resultData.runData[CASHFREE_TRIGGER][0].data?.main[0] ?? [];
			expect(item.json).toMatchObject({
				event: 'PAYMENT_SUCCESS_WEBHOOK',
				data: { payment: { cf_payment_id: payment.cf_payment_id, payment_status: 'SUCCESS' } },
			});
		},
		TEST_TIMEOUT_MS,
	);

	it(
		'a worker killed (SIGKILL) mid scheduled clean-up: n8n fails the execution; the next run, on the other worker, cancels the rest, no link twice',
		async () => {
			simulator.clearRequests();
			const scheduled = await firstScheduledRuns(crashRun.id);
			expect(scheduled).toHaveLength(1);
			const executionId = scheduled[0].id;
			const killedWorker = await waitFor(
				async () => queue.workersThatRan(executionId),
				(workers) => workers.length === 1,
				`a worker to take execution ${executionId}`,
			).then(([number]) => number);
			await waitFor(
				async () => cancelledLinks(simulator, crashLinks).length,
				(count) => count >= CANCELLED_BEFORE_KILL,
				`${CANCELLED_BEFORE_KILL} cancels`,
				20,
			);
			await queue.workers[killedWorker - 1].kill('SIGKILL');

			// n8n's own handling (tools/n8n/queue.ts): the job's lock expires, the other worker
			// fails the stalled job, main's queue recovery marks the execution "crashed", then
			// main records the failed job over it as an error with the execution's data replaced
			// (an empty stack: a Retry runs nothing). Nothing runs the rest by itself.
			const failed = await rest.waitForExecution(crashRun.id, executionId, {
				statuses: ['error'],
				timeoutMs: 90_000,
			});
			expect(failed.data.resultData.error?.message).toMatch(
				/failed to be processed too many times and will no longer retry/,
			);
			// Seconds after the kill: whatever the dead worker had sent has long been answered.
			const cancelledByKilledRun = cancelledLinks(simulator, crashLinks);
			expect(cancelledByKilledRun.length).toBeGreaterThanOrEqual(CANCELLED_BEFORE_KILL);
			expect(cancelledByKilledRun.length).toBeLessThan(CRASH_LINKS);

			// The next run (what the next night's schedule, or Execute workflow, does).
			const rerun = await rest.runWorkflow(crashRun.id, CLEANUP_MANUAL_TRIGGER);
			const answers = answersFor(crashLinks);
			console.log(
				`queue mode, worker ${killedWorker} killed after ${cancelledByKilledRun.length} of ${CRASH_LINKS} links; ` +
					`execution ${executionId} ${failed.status}; next run ${rerun.id} ${rerun.status} on worker ${workerThatRan(rerun.id)}: ` +
					`${cleanupSummary(rerun).summary}; cancel answers by status ${JSON.stringify(answerTotals(crashLinks))}`,
			);

			expect(rerun.status).toBe('success');
			expect(workerThatRan(rerun.id)).not.toBe(killedWorker);
			const remaining = crashLinks.filter((linkId) => !cancelledByKilledRun.includes(linkId));
			expect(cleanupSummary(rerun)).toMatchObject({
				summary: `${remaining.length} cancelled, 0 failed, ${cancelledByKilledRun.length} already cancelled`,
				cancelled: remaining,
				already_cancelled: cancelledByKilledRun,
			});
			expect(cancelledLinks(simulator, crashLinks)).toEqual(crashLinks);
			// Each link accepted once; the ones the killed run cancelled were refused once, by the next.
			expect(answers.filter((counts) => counts[200] !== 1)).toEqual([]);
			expect(answers.filter((counts) => (counts[400] ?? 0) > 1)).toEqual([]);
		},
		TEST_TIMEOUT_MS,
	);
});

/**
 * Publishes a workflow, waits for its schedule to start it, and unpublishes it at once: the
 * scheduled executions that started meanwhile (newest first).
 */
async function firstScheduledRuns(workflowId: string): Promise<ExecutionSummary[]> {
	await rest.activateWorkflow(workflowId);
	try {
		return await waitFor(
			async () => await rest.executionsOf(workflowId),
			(found) => found.length > 0,
			`a scheduled execution of ${workflowId}`,
		);
	} finally {
		await rest.deactivateWorkflow(workflowId);
	}
}

/** Polls `read` until `done` holds for what it returns (every `everyMs`), at most `timeoutMs`. */
async function waitFor<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	what: string,
	everyMs = 250,
	timeoutMs = 90_000,
): Promise<T> {
	return await pollUntil(read, done, {
		timeoutMs,
		everyMs,
		timedOut: (value) =>
			`no ${what} after ${timeoutMs / 1000} s: ${JSON.stringify(value).slice(0, 500)}\n${queue.logs()}`,
	});
}
