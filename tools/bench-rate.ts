/**
 * `npm run bench:rate`: how close several executions of a clean-up, running at the same time
 * against ONE Cashfree rate limit, get to the rate it allows, and whether any item fails.
 * Cashfree counts its limit per account; in n8n's queue mode each worker runs its executions
 * with a governor of their own, which knows only what Cashfree's headers tell it. Here each
 * execution is a child process of its own (one n8n engine each, like a worker), the simulator
 * runs in this process and counts every answer.
 *
 * The limit is Cashfree's 600 per minute scaled down to 200 per 20 s, as `npm run bench` step 3
 * does, with 600 links in all: the fastest possible run sends 200, waits a window, 200 more,
 * another window, the last 200, so 40 s. The links are split evenly between the executions.
 *
 * Environment: BENCH_RUNS (runs per scenario, median taken, default 1), BENCH_LATENCY_MS
 * (network delay added to every answer, default 20), BENCH_COMPARE_PACKAGE (the root of another
 * built copy of this package, e.g. the commit before a governor change, measured in the same
 * run, alternated with this one).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { DEFAULT_CONCURRENCY } from '../nodes/Cashfree/transport/limits';
import {
	BENCH_CLIENT_ID,
	BENCH_CLIENT_SECRET,
	cancelWithNode,
	idealMsUnderLimit,
	linkIds,
	median,
} from './bench-support';
import { N8nEngine, PACKAGE_ROOT } from './engine/n8n-engine';
import { CashfreeSimulator } from './simulator';

const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const LIMIT = 200;
const WINDOW_MS = 20_000;
const ITEMS = 600;
const WARM_UP_ITEMS = 20;
const IDEAL_MS = idealMsUnderLimit(ITEMS, LIMIT, WINDOW_MS);

const SCENARIOS = [
	{ executions: 1, concurrency: DEFAULT_CONCURRENCY },
	{ executions: 2, concurrency: DEFAULT_CONCURRENCY },
	{ executions: 4, concurrency: DEFAULT_CONCURRENCY },
	{ executions: 4, concurrency: 50 },
];

/** What one execution (one child process) is told to do. */
interface ExecutionJob {
	packageRoot: string;
	baseUrl: string;
	/** An unlimited simulator for a first run that is not measured. */
	warmUpUrl: string;
	concurrency: number;
	first: number;
	count: number;
}

interface ExecutionResult {
	ms: number;
	failed: number;
}

interface Measurement {
	ms: number;
	failed: number;
	/** Answers 429 from the simulator, all executions together. */
	rejected: number;
	/** Links whose cancel Cashfree accepted more or less than once. */
	notCancelledOnce: number;
	/** The fastest and the slowest execution, ms. */
	executionMs: [number, number];
	/**
	 * How long the first LIMIT cancels took: the ideal counts them as sent at once, so a run
	 * cannot beat IDEAL_MS plus about this (the node's own speed on this machine).
	 */
	firstWindowMs: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Starts one execution in a child process and resolves `ready` once its engine is loaded;
 * `go` starts the run, `result` is what it reports. Loading n8n takes seconds and is not
 * part of what is measured.
 */
function startExecution(job: ExecutionJob) {
	const child = spawn(process.execPath, [__filename, '--execution', JSON.stringify(job)], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const lines = createInterface({ input: child.stdout });
	const exited = new Promise<never>((_, reject) =>
		child.once('exit', (code) => reject(new Error(`an execution exited with ${code}`))),
	);
	const nextLine = async () =>
		await Promise.race([new Promise<string>((resolve) => lines.once('line', resolve)), exited]);
	const ready = nextLine();
	return {
		ready,
		go: () => child.stdin.write('go\n'),
		result: ready.then(async () => JSON.parse(await nextLine()) as ExecutionResult),
		stop: () => {
			if (child.exitCode === null) child.kill('SIGTERM');
		},
	};
}

/** In the child: load the engine, say ready, wait for go, cancel its share of the links. */
async function runExecution(job: ExecutionJob) {
	const engine = await N8nEngine.load(job.packageRoot);
	// A first run in a fresh process spends about a second on things done once (loading the
	// node's modules, the first request); a worker that has run before does not.
	const warmUpIds = linkIds(Math.min(job.count, WARM_UP_ITEMS), job.first);
	await cancelWithNode(engine, job.warmUpUrl, warmUpIds, job.concurrency);
	const lines = createInterface({ input: process.stdin });
	const go = new Promise((resolve) => lines.once('line', resolve));
	process.stdout.write('ready\n');
	await go;
	const { ms, failed } = await cancelWithNode(
		engine,
		job.baseUrl,
		linkIds(job.count, job.first),
		job.concurrency,
	);
	process.stdout.write(`${JSON.stringify({ ms, failed } satisfies ExecutionResult)}\n`);
	lines.close();
}

/** A simulator with every link of the run, limited to `perWindow` requests per WINDOW_MS (0: none). */
async function startSimulator(perWindow: number): Promise<CashfreeSimulator> {
	const simulator = new CashfreeSimulator({
		clientId: BENCH_CLIENT_ID,
		clientSecret: BENCH_CLIENT_SECRET,
		rateLimitPerWindow: perWindow,
		rateLimitWindowMs: WINDOW_MS,
	});
	for (const link_id of linkIds(ITEMS)) simulator.seedLink({ link_id });
	if (LATENCY_MS > 0)
		simulator.injectFault({
			fault: { kind: 'delay', ms: LATENCY_MS },
			times: Number.POSITIVE_INFINITY,
		});
	await simulator.start();
	return simulator;
}

/** One run: a fresh simulator with one rate limit, `executions` child processes sharing it. */
async function measure(
	packageRoot: string,
	{ executions, concurrency }: { executions: number; concurrency: number },
): Promise<Measurement> {
	const simulator = await startSimulator(LIMIT);
	const warmUp = await startSimulator(0);
	const baseUrl = simulator.baseUrl;
	const ids = linkIds(ITEMS);
	const share = ITEMS / executions;
	const running = Array.from({ length: executions }, (_, index) =>
		startExecution({
			packageRoot,
			baseUrl,
			warmUpUrl: warmUp.baseUrl,
			concurrency,
			first: index * share,
			count: share,
		}),
	);
	try {
		await Promise.all(running.map(async (execution) => await execution.ready));
		await warmUp.stop();
		const startedAt = performance.now();
		const progress = setInterval(() => {
			const answered = simulator.requests.filter((request) => request.status === 200).length;
			log(`    ${((performance.now() - startedAt) / 1000).toFixed(0)} s: ${answered} cancelled`);
		}, 10_000);
		try {
			for (const execution of running) execution.go();
			const results = await Promise.all(running.map(async (execution) => await execution.result));
			const ms = performance.now() - startedAt;
			const executionMs = results.map((result) => result.ms);
			const accepted = simulator.requests.filter((request) => request.status === 200);
			const firstWindowMs =
				accepted.length >= LIMIT ? accepted[LIMIT - 1].receivedAt - accepted[0].receivedAt : 0;
			return {
				ms,
				failed: results.reduce((sum, result) => sum + result.failed, 0),
				rejected: simulator.requests.filter((request) => request.status === 429).length,
				notCancelledOnce: ids.filter((id) => simulator.cancelCount(id) !== 1).length,
				executionMs: [Math.min(...executionMs), Math.max(...executionMs)],
				firstWindowMs,
			};
		} finally {
			clearInterval(progress);
		}
	} finally {
		for (const execution of running) execution.stop();
		await Promise.all([simulator.stop(), warmUp.stop()]);
	}
}

async function main() {
	const builds = [{ name: 'this build', root: PACKAGE_ROOT }];
	const comparePackage = process.env.BENCH_COMPARE_PACKAGE;
	if (comparePackage) builds.unshift({ name: 'compare', root: path.resolve(comparePackage) });
	log(
		`${ITEMS} cancels under ${LIMIT} per ${WINDOW_MS / 1000} s (ideal ${IDEAL_MS / 1000} s), ` +
			`${LATENCY_MS} ms latency, ${RUNS} run(s) per scenario${comparePackage ? `, compare: ${comparePackage}` : ''}`,
	);
	const rows: string[] = [];
	const raw: Record<string, unknown>[] = [];
	for (const scenario of SCENARIOS) {
		const runsByBuild = new Map<string, Measurement[]>(builds.map((build) => [build.name, []]));
		// Alternated, so that the machine's other load falls on every build alike.
		for (let run = 0; run < RUNS; run++) {
			for (const build of builds) {
				log(
					`${scenario.executions} execution(s), Items at Once ${scenario.concurrency}, ${build.name}, run ${run + 1}/${RUNS}...`,
				);
				const measured = await measure(build.root, scenario);
				log(
					`  ${(measured.ms / 1000).toFixed(1)} s, ${measured.failed} failed, ${measured.rejected} answered 429`,
				);
				runsByBuild.get(build.name)?.push(measured);
			}
		}
		for (const build of builds) {
			const runs = runsByBuild.get(build.name) ?? [];
			const ms = median(runs.map((run) => run.ms));
			const rate = IDEAL_MS / ms;
			const failed = Math.max(...runs.map((run) => run.failed + run.notCancelledOnce));
			const met = rate >= 0.9 && failed === 0;
			rows.push(
				`| ${scenario.executions} | ${scenario.concurrency} | ${build.name} | ${(rate * 100).toFixed(1)} % | ${failed} | ` +
					`${median(runs.map((run) => run.rejected))} | ${(ms / 1000).toFixed(1)} s | ` +
					`${runs.map((run) => run.executionMs.map((each) => (each / 1000).toFixed(1)).join('-')).join(', ')} s | ` +
					`${(median(runs.map((run) => run.firstWindowMs)) / 1000).toFixed(1)} s | ${met ? 'yes' : 'no'} |`,
			);
			raw.push({ ...scenario, build: build.name, root: build.root, runs });
		}
	}
	const table = [
		`| executions | Items at Once | build | achieved / allowed rate | failed items | 429 answers | time (median) | fastest-slowest execution | first ${LIMIT} cancels took | goal met (≥ 90 %, 0 failed) |`,
		'|---|---|---|---|---|---|---|---|---|---|',
		...rows,
	].join('\n');
	process.stdout.write(`\n${table}\n`);
	const outputDir = path.join(PACKAGE_ROOT, '.bench');
	mkdirSync(outputDir, { recursive: true });
	const outputFile = path.join(outputDir, 'rate.json');
	writeFileSync(
		outputFile,
		JSON.stringify(
			{
				measuredAt: new Date().toISOString(),
				limit: LIMIT,
				windowMs: WINDOW_MS,
				items: ITEMS,
				idealMs: IDEAL_MS,
				latencyMs: LATENCY_MS,
				raw,
			},
			null,
			2,
		),
	);
	process.stdout.write(`\nJSON: ${path.relative(process.cwd(), outputFile)}\n`);
}

const run =
	process.argv[2] === '--execution'
		? runExecution(JSON.parse(process.argv[3]) as ExecutionJob)
		: main();
run.then(
	() => process.exit(0),
	(error: Error) => {
		process.stderr.write(`bench:rate failed: ${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);
