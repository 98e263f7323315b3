/**
 * `npm run bench`: figures for the Cashfree node, measured on demand (never as a timed test).
 * The simulator runs in a child process of its own, like a remote Cashfree, so that it does not
 * compete with the n8n engine for the same core. Ratios compare runs made in this one process,
 * on this machine, minutes apart; each figure is the median of BENCH_RUNS runs (default 3).
 *
 * Environment: BENCH_RUNS, BENCH_ITEMS (default 2000), BENCH_LATENCY_MS (network delay added by
 * the simulator for the concurrency figure, default 20 ms: a short round trip; Cashfree from
 * outside India is 100 ms or more), BENCH_COMPARE_PACKAGE (the root of
 * another built copy of this package, e.g. an older commit, measured alongside), BENCH_ONLY=rate-limit
 * (only the rate-limited runs, about 4 minutes).
 */
import axios from 'axios';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { DEFAULT_CONCURRENCY } from '../nodes/Cashfree/transport/limits';
import {
	BENCH_CLIENT_ID as CLIENT_ID,
	BENCH_CLIENT_SECRET as CLIENT_SECRET,
	cancelWithNode,
	idealMsUnderLimit,
	linkIds,
	median,
} from './bench-support';
import { N8nEngine, PACKAGE_ROOT } from './engine/n8n-engine';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);

interface Simulator {
	baseUrl: string;
	stop: () => Promise<void>;
}

/** Starts `node build/tools/simulator/cli.js` with `args` and waits for its base URL. */
async function startSimulator(args: string[]): Promise<Simulator> {
	const child: ChildProcess = spawn(
		process.execPath,
		[path.join(PACKAGE_ROOT, 'build', 'tools', 'simulator', 'cli.js'), '--port', '0', ...args],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const baseUrl = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /base URL:\s+(\S+)/.exec(output);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) =>
			reject(new Error(`simulator exited with ${code} before listening`)),
		);
	});
	return {
		baseUrl,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** One cancel as hand-written code sends it: axios with the keys in the headers. */
async function axiosCancel(baseUrl: string, id: string, agent: http.Agent) {
	return await axios.post(`${baseUrl}/links/${id}/cancel`, undefined, {
		httpAgent: agent,
		headers: {
			accept: 'application/json',
			'x-client-id': CLIENT_ID,
			'x-client-secret': CLIENT_SECRET,
			'x-api-version': '2025-01-01',
			'x-request-id': `bench-${id}`,
			'x-idempotency-key': `bench-${id}`,
		},
	});
}

/** The baseline: what a user writing code would do, one request after another with axios. */
async function cancelWithAxios(baseUrl: string, ids: string[], keepAlive: boolean) {
	const agent = new http.Agent({ keepAlive });
	const startedAt = performance.now();
	for (const id of ids) {
		const response = await axiosCancel(baseUrl, id, agent);
		if (response.data.link_status !== 'CANCELLED')
			throw new Error(`axios baseline: ${id} not cancelled`);
	}
	agent.destroy();
	return performance.now() - startedAt;
}

const benchStartedAt = Date.now();
let measurementsDone = 0;
let lastProgressAt = benchStartedAt;

/** One measurement against a fresh simulator started with `simulatorArgs`. */
async function once<T>(
	simulatorArgs: string[],
	measure: (baseUrl: string) => Promise<T>,
): Promise<T> {
	const simulator = await startSimulator(simulatorArgs);
	try {
		return await measure(simulator.baseUrl);
	} finally {
		await simulator.stop();
		// A whole bench takes about 10 minutes on 2 cores: show that it moves, every 15 s at most.
		measurementsDone++;
		if (Date.now() - lastProgressAt >= 15_000) {
			lastProgressAt = Date.now();
			const seconds = Math.round((lastProgressAt - benchStartedAt) / 1000);
			process.stderr.write(`  ${measurementsDone} measurements done, ${seconds} s so far\n`);
		}
	}
}

/** Runs `measure` RUNS times, each against a fresh simulator started with `simulatorArgs`. */
async function repeat<T>(
	simulatorArgs: string[],
	measure: (baseUrl: string) => Promise<T>,
): Promise<T[]> {
	const results: T[] = [];
	for (let run = 0; run < RUNS; run++) results.push(await once(simulatorArgs, measure));
	return results;
}

interface Row {
	figure: string;
	value: string;
	goal: string;
	met?: boolean;
	detail: string;
}

async function main() {
	const rows: Row[] = [];
	const raw: Record<string, unknown> = {
		runs: RUNS,
		items: ITEMS,
		latencyMs: LATENCY_MS,
		node: process.version,
	};
	const engine = await N8nEngine.load();
	const ids = linkIds(ITEMS);
	const seeded = ['--bulk-links', String(ITEMS)];
	const log = (line: string) => process.stderr.write(`${line}\n`);
	if (process.env.BENCH_ONLY === 'rate-limit') {
		printTable(await rateLimitedRows(engine, raw), raw);
		return;
	}

	// 1. Overhead of the node in n8n's engine against hand-written axios, one request at a time.
	log(`1/6 node vs bare axios, ${ITEMS} cancels one at a time, ${RUNS} runs each...`);
	const comparePackage = process.env.BENCH_COMPARE_PACKAGE;
	const other = comparePackage ? await N8nEngine.load(path.resolve(comparePackage)) : undefined;
	const nodeSequential: number[] = [];
	const otherSequential: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		// Alternated with the other build, so that warm-up and the machine's other load fall
		// on both alike: measured one after the other, the second build always looked faster.
		const sequentialWith = async (which: N8nEngine) =>
			await once(seeded, async (url) => (await cancelWithNode(which, url, ids, 1)).ms);
		nodeSequential.push(await sequentialWith(engine));
		if (other) otherSequential.push(await sequentialWith(other));
	}
	const axiosKeepAlive = await repeat(seeded, async (url) => await cancelWithAxios(url, ids, true));
	const axiosNewConnection = await repeat(
		seeded,
		async (url) => await cancelWithAxios(url, ids, false),
	);
	const overhead = median(nodeSequential) / median(axiosKeepAlive);
	const overheadSameConnections = median(nodeSequential) / median(axiosNewConnection);
	raw.sequential = {
		nodeMs: nodeSequential,
		axiosKeepAliveMs: axiosKeepAlive,
		axiosNewConnectionMs: axiosNewConnection,
	};
	rows.push({
		figure: 'node in n8n engine / bare axios loop (one at a time)',
		value: `${overhead.toFixed(2)}×`,
		goal: '≤ 1.2×',
		met: overhead <= 1.2,
		detail: `node ${(median(nodeSequential) / ITEMS).toFixed(2)} ms/cancel, axios (keep-alive) ${(median(axiosKeepAlive) / ITEMS).toFixed(2)} ms/cancel`,
	});
	rows.push({
		figure: 'node / axios opening a connection per request, as n8n does',
		value: `${overheadSameConnections.toFixed(2)}×`,
		goal: '(context)',
		detail: `axios (no keep-alive) ${(median(axiosNewConnection) / ITEMS).toFixed(2)} ms/cancel`,
	});
	if (comparePackage) {
		raw.comparePackage = { root: comparePackage, nodeMs: otherSequential };
		rows.push({
			figure: `compare: ${comparePackage} (one at a time, runs alternated)`,
			value: `${(median(otherSequential) / ITEMS).toFixed(2)} ms/cancel`,
			goal: '(context)',
			detail: `this build ${(median(nodeSequential) / ITEMS).toFixed(2)} ms/cancel`,
		});
	}

	// 2. Default concurrency against one at a time, with a network-like delay on every answer.
	log(`2/6 default concurrency vs one at a time, ${LATENCY_MS} ms latency...`);
	const withLatency = [...seeded, '--latency-ms', String(LATENCY_MS)];
	const oneAtATime = await repeat(
		withLatency,
		async (url) => (await cancelWithNode(engine, url, ids, 1)).ms,
	);
	const concurrent = await repeat(
		withLatency,
		async (url) => (await cancelWithNode(engine, url, ids, DEFAULT_CONCURRENCY)).ms,
	);
	const concurrentNoLatency = await repeat(
		seeded,
		async (url) => (await cancelWithNode(engine, url, ids, DEFAULT_CONCURRENCY)).ms,
	);
	const axiosWithLatency = await repeat(
		withLatency,
		async (url) => await cancelWithAxios(url, ids, true),
	);
	const speedUp = median(oneAtATime) / median(concurrent);
	raw.concurrency = {
		oneAtATimeMs: oneAtATime,
		concurrentMs: concurrent,
		concurrentNoLatencyMs: concurrentNoLatency,
		axiosWithLatencyMs: axiosWithLatency,
	};
	rows.push({
		figure: `node / bare axios loop (one at a time), ${LATENCY_MS} ms latency`,
		value: `${(median(oneAtATime) / median(axiosWithLatency)).toFixed(2)}×`,
		goal: '(context)',
		detail: `node ${(median(oneAtATime) / ITEMS).toFixed(2)} ms/cancel, axios ${(median(axiosWithLatency) / ITEMS).toFixed(2)} ms/cancel`,
	});
	rows.push({
		figure: `speed-up, ${DEFAULT_CONCURRENCY} at once (default) vs 1, ${LATENCY_MS} ms latency`,
		value: `${speedUp.toFixed(2)}×`,
		goal: '≥ 5×',
		met: speedUp >= 5,
		detail: `${(median(oneAtATime) / 1000).toFixed(1)} s vs ${(median(concurrent) / 1000).toFixed(1)} s for ${ITEMS}`,
	});
	rows.push({
		figure: `node at ${DEFAULT_CONCURRENCY} at once (default) / bare axios loop, no added latency`,
		value: `${(median(concurrentNoLatency) / median(axiosKeepAlive)).toFixed(2)}×`,
		goal: '(context)',
		detail: 'what a workflow gets by default against hand-written sequential code',
	});
	rows.push({
		figure: `speed-up with no added latency (CPU-bound)`,
		value: `${(median(nodeSequential) / median(concurrentNoLatency)).toFixed(2)}×`,
		goal: '(context)',
		detail: `${(median(concurrentNoLatency) / ITEMS).toFixed(2)} ms/cancel at ${DEFAULT_CONCURRENCY} at once`,
	});

	// 2b. A bulk run as n8n's HTTP Request node does it: every item at once. n8n-nodes-base is
	// not installed here, so the stand-in is an unbounded Promise.all of bare axios requests
	// (no n8n engine at all: the HTTP Request node can only be slower).
	const BULK = 200;
	const bulkIds = ids.slice(0, BULK);
	const allAtOnce = async (url: string) => {
		const agent = new http.Agent({ keepAlive: true });
		const startedAt = performance.now();
		await Promise.all(bulkIds.map(async (id) => await axiosCancel(url, id, agent)));
		agent.destroy();
		return performance.now() - startedAt;
	};
	for (const latency of [0, 50]) {
		log(`2b ${BULK} cancels: Items at Once not set vs all at once (bare axios), ${latency} ms...`);
		const args = [...seeded, '--latency-ms', String(latency)];
		const auto = await repeat(
			args,
			async (url) => (await cancelWithNode(engine, url, bulkIds, undefined)).ms,
		);
		const fixedTen = await repeat(
			args,
			async (url) => (await cancelWithNode(engine, url, bulkIds, 10)).ms,
		);
		const unbounded = await repeat(args, allAtOnce);
		raw[`bulk${latency}ms`] = { autoMs: auto, tenMs: fixedTen, allAtOnceMs: unbounded };
		rows.push({
			figure: `${BULK} cancels at ${latency} ms: node (Items at Once not set) / all at once (bare axios)`,
			value: `${(median(auto) / median(unbounded)).toFixed(2)}×`,
			goal: '(context)',
			detail: `node ${median(auto).toFixed(0)} ms (Items at Once 10: ${median(fixedTen).toFixed(0)} ms), all at once ${median(unbounded).toFixed(0)} ms`,
		});
	}

	// 3. Under a rate limit, Items at Once not set (as a workflow gets it by default: the run
	// adapts to the limit). Cashfree's window is a minute; the first measurement scales it to
	// 20 s so a run takes ~40 s, the second keeps the minute. x-ratelimit-retry counts whole
	// seconds, so each window boundary costs up to a second: 3× the share at 20 s as at 60 s.
	rows.push(...(await rateLimitedRows(engine, raw)));

	// 4. Memory: peak RSS growth while the node cancels 10,000 links.
	log('4/6 peak RSS over 10,000 items...');
	// Each run in a fresh process: RSS never shrinks, so a second run in this one would
	// start from a heap the first had already grown, and report nothing.
	const memory = await repeat(['--bulk-links', '10000'], async (url) => {
		const output = execFileSync(
			process.execPath,
			['--expose-gc', __filename, '--memory-run', url],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		return JSON.parse(output) as { peakRssGrowthMb: number; retainedHeapMb: number };
	});
	const rssGrowth = memory.map((run) => run.peakRssGrowthMb);
	raw.memory = memory;
	rows.push({
		figure: 'peak RSS growth, 10,000 items',
		value: `${median(rssGrowth).toFixed(1)} MB`,
		goal: '≤ 50 MB',
		met: median(rssGrowth) <= 50,
		detail: `runs: ${rssGrowth.map((mb) => mb.toFixed(1)).join(', ')} MB (output items included)`,
	});
	rows.push({
		figure: 'heap retained after the run, 10,000 items (after GC)',
		value: `${median(memory.map((run) => run.retainedHeapMb)).toFixed(1)} MB`,
		goal: '(context)',
		detail: 'the 10,000 output items held; the rest of the peak is garbage not yet collected',
	});

	// 5. Packed tarball.
	log('5/6 npm pack --dry-run...');
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: PACKAGE_ROOT,
			encoding: 'utf8',
		}),
	) as Array<{ size: number; unpackedSize: number; entryCount: number }>;
	raw.pack = pack;
	rows.push({
		figure: 'packed tarball',
		value: `${(pack.size / 1024).toFixed(1)} kB`,
		goal: '(context)',
		detail: `${(pack.unpackedSize / 1024).toFixed(1)} kB unpacked, ${pack.entryCount} files`,
	});

	// 6. Load time of the built node and credential, in fresh processes.
	log('6/6 module load time...');
	const loadScript = (preloadWorkflow: boolean) =>
		[
			preloadWorkflow ? "require('n8n-workflow');" : '',
			'const t = process.hrtime.bigint();',
			`require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist/nodes/Cashfree/Cashfree.node.js'))});`,
			`require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist/credentials/CashfreeApi.credentials.js'))});`,
			'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));',
		].join('');
	const loadMs = (preload: boolean) =>
		Array.from({ length: Math.max(RUNS, 5) }, () =>
			Number(
				execFileSync(process.execPath, ['-e', loadScript(preload)], {
					cwd: PACKAGE_ROOT,
					encoding: 'utf8',
				}),
			),
		);
	const withN8nLoaded = loadMs(true);
	const cold = loadMs(false);
	raw.loadMs = { withN8nWorkflowLoaded: withN8nLoaded, includingN8nWorkflow: cold };
	rows.push({
		figure: 'load node + credential modules',
		value: `${median(withN8nLoaded).toFixed(1)} ms`,
		goal: '(context)',
		detail: `n8n-workflow already loaded, as in n8n; ${median(cold).toFixed(0)} ms when it is loaded too`,
	});

	printTable(rows, raw);
}

/** The figures as a Markdown table on stdout, and every raw measurement in .bench/latest.json. */
function printTable(rows: Row[], raw: Record<string, unknown>) {
	const table = [
		'| figure | value | goal | met | detail |',
		'|---|---|---|---|---|',
		...rows.map(
			(row) =>
				`| ${row.figure} | ${row.value} | ${row.goal} | ${row.met === undefined ? '' : row.met ? 'yes' : 'no'} | ${row.detail} |`,
		),
	].join('\n');
	process.stdout.write(`\n${table}\n`);
	const outputDir = path.join(PACKAGE_ROOT, '.bench');
	mkdirSync(outputDir, { recursive: true });
	const outputFile = path.join(outputDir, 'latest.json');
	writeFileSync(
		outputFile,
		JSON.stringify({ measuredAt: new Date().toISOString(), rows, raw }, null, 2),
	);
	process.stdout.write(`\nJSON: ${path.relative(process.cwd(), outputFile)}\n`);
}

async function rateLimitedRows(engine: N8nEngine, raw: Record<string, unknown>) {
	process.stderr.write(
		'3/6 rate limited: 600 cancels under 200 per 20 s, then 400 under 200 per 60 s...\n',
	);
	return [
		...(await measureUnderLimit(engine, 600, 200, 20_000, raw, 'rateLimited')),
		...(await measureUnderLimit(engine, 400, 200, 60_000, raw, 'rateLimitedMinute')),
	];
}

/**
 * `items` cancels under `limit` requests per `windowMs`: failed items (must be 0) and the rate
 * achieved against the ideal, the limit filled at every window (the last window's requests
 * count as instant).
 */
async function measureUnderLimit(
	engine: N8nEngine,
	items: number,
	limit: number,
	windowMs: number,
	raw: Record<string, unknown>,
	name: string,
): Promise<Row[]> {
	const args = ['--bulk-links', String(items), '--rate-limit', String(limit)];
	const runs = await repeat([...args, '--rate-limit-window-ms', String(windowMs)], async (url) => {
		const { ms, failed } = await cancelWithNode(engine, url, linkIds(items), undefined);
		return { ms, failed };
	});
	const idealMs = idealMsUnderLimit(items, limit, windowMs);
	const shares = runs.map((run) => idealMs / run.ms);
	const failed = Math.max(...runs.map((run) => run.failed));
	raw[name] = { limit, windowMs, items, idealMs, runs };
	const window = `${limit}/${windowMs / 1000} s`;
	return [
		{
			figure: `rate limited (${items} at ${window}): failed items`,
			value: String(failed),
			goal: '0',
			met: failed === 0,
			detail: `worst of ${RUNS} runs`,
		},
		{
			figure: `rate limited (${items} at ${window}): achieved rate / allowed rate`,
			value: `${(median(shares) * 100).toFixed(1)} %`,
			goal: '≥ 98 %',
			met: median(shares) >= 0.98,
			detail: `ideal ${(idealMs / 1000).toFixed(0)} s, runs ${runs.map((run) => (run.ms / 1000).toFixed(1)).join(', ')} s`,
		},
	];
}

/** One memory measurement, in a process of its own: `bench.js --memory-run <base URL>`. */
async function memoryRun(baseUrl: string) {
	const engine = await N8nEngine.load();
	const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
	collectGarbage();
	const before = process.memoryUsage();
	let peak = before.rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	const result = await cancelWithNode(engine, baseUrl, linkIds(10_000), DEFAULT_CONCURRENCY);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	collectGarbage();
	// Measured while `result.items` (all 10,000 output items) is still held.
	const retained = process.memoryUsage().heapUsed - before.heapUsed;
	if (result.failed || result.items.length !== 10_000)
		throw new Error(`${result.failed} of 10,000 not cancelled`);
	process.stdout.write(
		JSON.stringify({
			peakRssGrowthMb: (peak - before.rss) / 1024 / 1024,
			retainedHeapMb: retained / 1024 / 1024,
		}),
	);
}

const run = process.argv[2] === '--memory-run' ? memoryRun(process.argv[3]) : main();
run.then(
	() => process.exit(0),
	(error: Error) => {
		process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
		process.exit(1);
	},
);
