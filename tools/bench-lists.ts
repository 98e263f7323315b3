/**
 * `npm run bench:lists`: the heap the worst hostile list answers need, measured on demand,
 * never as a timed test. Each shape runs through n8n-core's engine in a child process started
 * with `--max-old-space-size=<cap>`, against a hostile server in this process (so that its own
 * memory is not counted), for decreasing caps. Prints, per cap and shape, how the run ended
 * (the clear error expected, or the output expected, or the child dying), the child's peak
 * resident memory (getrusage maxRSS) and its peak V8 heap (sampled every 5 ms), and the lowest
 * cap under which every shape ended as expected.
 *
 * Shapes (item 4 of the hardening issue, "lists that eat memory", and the largest answers the
 * bounds still let through):
 * - huge-pages: Settlements Return All, endless pages of 100,000 entries with fresh cursors;
 * - fresh-cursors: Settlements Return All, endless fresh cursors, pages of 1000 entries of 8 KB
 *   (8 MB answers, each within every per-answer bound), until Return All's run budget;
 * - deep-nesting: Payments Get Many, 4 items, each answer 2,500 levels deep;
 * - tiny-objects: Payments Get Many, 4 items, each answer a 7 MB list of `{}`;
 * - fat-lists: Payments Get Many, 4 items, each answer 1000 entries of 8 KB (accepted: 4000
 *   output items, 32 MB of text);
 * - wide-object: Order Get, 4 items, each answer one 7 MB object of 400,000 keys;
 * - wide-within: the same with 99,999 keys, just within the values bound (accepted).
 * The 4-item shapes run with Continue On Fail and Items at Once 10, so that all four answers
 * are read at the same time.
 *
 * Options: --caps=256,192,160,128,112,96,80 (MB), --shapes=a,b (all), --compare=<package root>
 * (another built copy of this package, e.g. the commit before the bounds, measured the same way).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';

import { benchCredential } from './bench-support';
import { cashfreeWorkflow } from './engine/cashfree-workflow';
import { N8nEngine, PACKAGE_ROOT } from './engine/n8n-engine';

function option(name: string, fallback: string): string {
	const prefix = `--${name}=`;
	return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length) ?? fallback;
}

const RUN_TIMEOUT_MS = 240_000;
const FAT_TEXT = 'x'.repeat(8 * 1024 - 40);
const RETURN_ALL_STOPPED = /^Return All stopped at \d+ entries in this run/;
const TOO_MANY = /^Cashfree's answer has a list of more than \d+ entries/;
const TOO_DEEP = /^Cashfree's answer is nested more than \d+ levels deep/;
const TOO_MANY_VALUES = /^Cashfree's answer has more than \d+ values/;

interface Shape {
	name: string;
	/** What the run should end with: an error matching this, or this many output items. */
	expect: RegExp | number;
	parameters: Record<string, unknown>;
	items: number;
	/**
	 * Builds the answers (in the server's process only): the answer to each request, `page`
	 * counting the requests of this run.
	 */
	answers(): (page: number) => Buffer;
}

const byDates = { startDate: '2026-11-01T00:00:00Z', endDate: '2026-11-30T00:00:00Z' };
const fourOrders = { orderId: '={{ $json.order }}' };
const options = { additionalOptions: { concurrency: 10 } };

/** Built once: the text of a list of `count` copies of `entry`. */
function listText(count: number, entry: (index: number) => string): string {
	return `[${Array.from({ length: count }, (_, index) => entry(index)).join(',')}]`;
}

const page = (body: string, cursor: number) =>
	Buffer.from(`{"cursor":"cursor-${cursor}","limit":1000,"data":${body}}`);

/** The shapes; their answers are built only when the server needs them. */
function shapes(): Shape[] {
	const settlements = { resource: 'settlement', operation: 'getAll', filters: byDates };
	const payments = { resource: 'payment', operation: 'getAll', ...fourOrders };
	return [
		{
			name: 'huge-pages',
			expect: TOO_MANY,
			parameters: { ...settlements, returnAll: true },
			items: 1,
			answers: () => {
				const data = listText(100_000, (index) => `{"cf_settlement_id":${index}}`);
				return (count) => page(data, count);
			},
		},
		{
			name: 'fresh-cursors',
			expect: RETURN_ALL_STOPPED,
			parameters: { ...settlements, returnAll: true },
			items: 1,
			answers: () => {
				const data = listText(
					1000,
					(index) => `{"cf_settlement_id":${index},"note":"${FAT_TEXT}"}`,
				);
				return (count) => page(data, count);
			},
		},
		{
			name: 'deep-nesting',
			expect: TOO_DEEP,
			parameters: { ...payments, returnAll: true },
			items: 4,
			answers: () => {
				const deep = `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`;
				const body = Buffer.from(`[{"cf_payment_id":"1","x":${deep}}]`);
				return () => body;
			},
		},
		{
			name: 'tiny-objects',
			expect: TOO_MANY,
			parameters: { ...payments, returnAll: true },
			items: 4,
			answers: () => {
				const body = Buffer.from(listText(Math.floor((7 * 2 ** 20) / 3), () => '{}'));
				return () => body;
			},
		},
		{
			name: 'fat-lists',
			expect: 4000,
			parameters: { ...payments, returnAll: true },
			items: 4,
			answers: () => {
				const body = Buffer.from(
					listText(1000, (index) => `{"cf_payment_id":"${index}","note":"${FAT_TEXT}"}`),
				);
				return () => body;
			},
		},
		{
			name: 'wide-object',
			expect: TOO_MANY_VALUES,
			parameters: { resource: 'order', operation: 'get', ...fourOrders },
			items: 4,
			answers: () => {
				const keys = Array.from({ length: 400_000 }, (_, index) => `"k${index}":${index}`);
				const body = Buffer.from(`{"order_id":"order_1",${keys.join(',')}}`);
				return () => body;
			},
		},
		{
			name: 'wide-within',
			expect: 4,
			parameters: { resource: 'order', operation: 'get', ...fourOrders },
			items: 4,
			answers: () => {
				const keys = Array.from({ length: 99_998 }, (_, index) => `"k${index}":${index}`);
				const body = Buffer.from(`{"order_id":"order_1",${keys.join(',')}}`);
				return () => body;
			},
		},
	];
}

/** What a child reports of its run. */
interface ChildResult {
	/** The run's error, or the distinct errors of Continue On Fail's error items. */
	errors: string[];
	items: number;
	ms: number;
	maxRssMb: number;
	peakHeapMb: number;
}

/** In the child: load the engine, run the shape's workflow once against `baseUrl`, report. */
async function runChild(baseUrl: string, shape: Shape): Promise<void> {
	const engine = await N8nEngine.load(process.env.BENCH_PACKAGE_ROOT ?? PACKAGE_ROOT);
	const credentials = await benchCredential(engine, baseUrl);
	const workflow = cashfreeWorkflow({
		credentials,
		packageName: engine.packageName,
		continueOnFail: shape.items > 1,
		parameters: { ...shape.parameters, ...options },
	});
	delete workflow.nodes[0].parameters.linkId;
	let peakHeap = 0;
	const sample = () => (peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size));
	const sampler = setInterval(sample, 5);
	const startedAt = performance.now();
	const { outputs, error } = await engine.run(
		workflow,
		Array.from({ length: shape.items }, (_, index) => ({ json: { order: `order_${index}` } })),
	);
	const ms = performance.now() - startedAt;
	sample();
	clearInterval(sampler);
	const items = outputs.Cashfree ?? [];
	const itemErrors = items.flatMap((item) => (item.json.error ? [String(item.json.error)] : []));
	const result: ChildResult = {
		errors: [...new Set(error ? [error.message] : itemErrors)],
		items: items.length,
		ms,
		maxRssMb: process.resourceUsage().maxRSS / 1024,
		peakHeapMb: peakHeap / 2 ** 20,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The hostile server, in this process: every request gets the current shape's next answer. */
async function startServer(): Promise<{
	baseUrl: string;
	use(shape: Shape): void;
	stop(): Promise<void>;
}> {
	let answer: ((page: number) => Buffer) | undefined;
	let count = 0;
	const server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const body = answer?.(++count) ?? Buffer.from('{}');
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(body);
		});
	});
	server.keepAliveTimeout = 1;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/pg`,
		use(shape) {
			answer = shape.answers();
			count = 0;
		},
		async stop() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

type Outcome = { ok: boolean; text: string; result?: ChildResult };

/** One shape under one cap, in a child process of its own. */
async function measure(
	cap: number,
	shape: Shape,
	baseUrl: string,
	packageRoot: string,
): Promise<Outcome> {
	const child = spawn(
		process.execPath,
		[`--max-old-space-size=${cap}`, __filename, '--child', baseUrl, shape.name],
		{ stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BENCH_PACKAGE_ROOT: packageRoot } },
	);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
	const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
		(resolve) => child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	clearTimeout(timer);
	const line = stdout.trim().split('\n').pop() ?? '';
	if (exit.code !== 0 || !line.startsWith('{')) {
		const oom = /heap out of memory|Allocation failed/i.test(stderr);
		const how = exit.signal ?? `exit code ${exit.code}`;
		return {
			ok: false,
			text: `died (${how}${oom ? ', JavaScript heap out of memory' : ''})`,
		};
	}
	const result = JSON.parse(line) as ChildResult;
	const ok =
		typeof shape.expect === 'number'
			? result.errors.length === 0 && result.items === shape.expect
			: result.errors.length > 0 &&
				result.errors.every(
					(message) => shape.expect instanceof RegExp && shape.expect.test(message),
				);
	const ended =
		result.errors.length > 0
			? `error: ${result.errors.join(' | ').slice(0, 90)}`
			: `${result.items} items`;
	return { ok, text: `${ok ? 'as expected' : 'NOT as expected'}, ${ended}`, result };
}

async function main(): Promise<void> {
	const caps = option('caps', '256,192,160,128,112,96,80').split(',').map(Number);
	const wanted = option('shapes', '');
	const all = shapes().filter((shape) => !wanted || wanted.split(',').includes(shape.name));
	const compare = option('compare', '');
	const builds = [{ name: 'this build', root: PACKAGE_ROOT }];
	if (compare) builds.push({ name: 'compare', root: path.resolve(compare) });
	const server = await startServer();
	const rows: string[] = [];
	const lowest = new Map<string, number>();
	try {
		for (const build of builds) {
			for (const cap of caps) {
				let allOk = true;
				for (const shape of all) {
					server.use(shape);
					process.stderr.write(`${build.name}, cap ${cap} MB, ${shape.name}...\n`);
					const outcome = await measure(cap, shape, server.baseUrl, build.root);
					allOk &&= outcome.ok;
					const result = outcome.result;
					const figures = result
						? `${result.maxRssMb.toFixed(0)} | ${result.peakHeapMb.toFixed(0)} | ${(result.ms / 1000).toFixed(1)}`
						: '- | - | -';
					const row = `| ${build.name} | ${cap} | ${shape.name} | ${outcome.text} | ${figures} |`;
					process.stderr.write(`  ${row}\n`);
					rows.push(row);
				}
				if (!allOk) break;
				lowest.set(build.name, cap);
			}
		}
	} finally {
		await server.stop();
	}
	const table = [
		'| build | cap (MB) | shape | ended | peak RSS (MB) | peak heap (MB) | run (s) |',
		'|---|---|---|---|---|---|---|',
		...rows,
	].join('\n');
	process.stdout.write(`\n${table}\n\n`);
	for (const build of builds) {
		const cap = lowest.get(build.name);
		process.stdout.write(
			`${build.name}: ${cap === undefined ? `no cap of ${caps.join(', ')} MB held every shape` : `every shape ended as expected down to --max-old-space-size=${cap}`}\n`,
		);
	}
}

if (process.argv[2] === '--child') {
	const shape = shapes().find((each) => each.name === process.argv[4]);
	if (!shape) throw new Error(`no shape ${process.argv[4]}`);
	runChild(process.argv[3], shape).then(
		() => process.exit(0),
		(error: Error) => {
			process.stderr.write(`${error.stack ?? error.message}\n`);
			process.exit(1);
		},
	);
} else {
	main().then(
		() => process.exit(0),
		(error: Error) => {
			process.stderr.write(`bench:lists failed: ${error.stack ?? error.message}\n`);
			process.exit(1);
		},
	);
}
