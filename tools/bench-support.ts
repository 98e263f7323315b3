/** What the benchmark scripts (`npm run bench`, `npm run bench:rate`) share. */
import { cashfreeWorkflow } from './engine/cashfree-workflow';
import type { N8nEngine } from './engine/n8n-engine';

export const BENCH_CLIENT_ID = 'sim_client_id';
export const BENCH_CLIENT_SECRET = 'sim_client_secret';

export const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The shortest time `requests` can take under a sliding-window limit of `limit` per
 * `windowMs`: the first `limit` at once, then a whole window for each further `limit`.
 */
export const idealMsUnderLimit = (requests: number, limit: number, windowMs: number) =>
	(Math.ceil(requests / limit) - 1) * windowMs;

/** The ids of the links the simulator's `--bulk-links` seeds: bulk_000000, bulk_000001, ... */
export const linkIds = (count: number, first = 0) =>
	Array.from({ length: count }, (_, index) => `bulk_${String(first + index).padStart(6, '0')}`);

/** A Cashfree credential with the bench's keys, pointing at `baseUrl`: its node reference. */
export async function benchCredential(engine: N8nEngine, baseUrl: string) {
	return await engine.addCredential({
		id: `bench-${Math.random()}`,
		data: {
			clientId: BENCH_CLIENT_ID,
			clientSecret: BENCH_CLIENT_SECRET,
			environment: 'custom',
			baseUrl,
		},
	});
}

/** One execution of the Cancel Payment Link node over `ids`, Continue On Fail on. */
export async function cancelWithNode(
	engine: N8nEngine,
	baseUrl: string,
	ids: string[],
	/** Items at Once; undefined leaves the option out, as a user who never set it. */
	concurrency: number | undefined,
) {
	const credentials = await benchCredential(engine, baseUrl);
	const workflow = cashfreeWorkflow({
		credentials,
		packageName: engine.packageName,
		continueOnFail: true,
		parameters: { additionalOptions: concurrency === undefined ? {} : { concurrency } },
	});
	const startedAt = performance.now();
	const { outputs, error } = await engine.run(
		workflow,
		ids.map((link_id) => ({ json: { link_id } })),
	);
	const ms = performance.now() - startedAt;
	if (error) throw error;
	const items = outputs.Cashfree ?? [];
	const failed = items.filter((item) => item.json.link_status !== 'CANCELLED').length;
	return { ms, failed, items };
}
