/**
 * Runs the Cashfree simulator on its own, seeded with demo links, for trying the node by hand:
 *
 *   node build/tools/simulator/cli.js [--port 8787] [--client-id ID] [--client-secret SECRET] [--rate-limit N]
 *     [--rate-limit-window-ms MS] [--endpoint-rate-limits production|sandbox] [--latency-ms MS] [--bulk-links N]
 *
 * --latency-ms adds a network-like delay to every answer; --bulk-links seeds N more ACTIVE
 * links named bulk_000000, bulk_000001, ... (the benchmark runs the simulator this way, in a
 * process of its own, so that it does not share a CPU core with the n8n engine it measures).
 *
 * Environment: CASHFREE_SIMULATOR_PORT, CASHFREE_SIMULATOR_CLIENT_ID, CASHFREE_SIMULATOR_CLIENT_SECRET.
 */
import { parseArgs } from 'node:util';

import { CASHFREE_PRODUCTION_RATE_LIMITS, CASHFREE_SANDBOX_RATE_LIMITS } from './rate-limit';
import { CashfreeSimulator } from './server';
import type { EndpointRateLimits } from './types';
import { DEMO_LINKS, seedDemoLinks } from './demo-links';

const DEFAULT_PORT = 8787;
const DEFAULT_CLIENT_ID = 'sim_client_id';
const DEFAULT_CLIENT_SECRET = 'sim_client_secret';

/** Cashfree's documented per-minute limits per endpoint; they assume the default 60000 ms window. */
const ENDPOINT_RATE_LIMITS: Partial<Record<string, EndpointRateLimits>> = {
	production: CASHFREE_PRODUCTION_RATE_LIMITS,
	sandbox: CASHFREE_SANDBOX_RATE_LIMITS,
};

function parseNonNegativeInteger(text: string, what: string): number {
	if (!/^\d+$/.test(text))
		throw new Error(`${what} must be a non-negative integer, got ${JSON.stringify(text)}`);
	return Number(text);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			'client-id': { type: 'string' },
			'client-secret': { type: 'string' },
			'rate-limit': { type: 'string' },
			'rate-limit-window-ms': { type: 'string' },
			'endpoint-rate-limits': { type: 'string' },
			'latency-ms': { type: 'string' },
			'bulk-links': { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		process.stdout.write(
			'Usage: cli.js [--port N] [--client-id ID] [--client-secret SECRET] [--rate-limit REQUESTS_PER_WINDOW]\n' +
				'              [--rate-limit-window-ms MS (default 60000)] [--endpoint-rate-limits production|sandbox]\n' +
				'              [--latency-ms MS] [--bulk-links N]\n',
		);
		return;
	}
	const port = parseNonNegativeInteger(
		values.port ?? process.env.CASHFREE_SIMULATOR_PORT ?? String(DEFAULT_PORT),
		'port',
	);
	const clientId =
		values['client-id'] ?? process.env.CASHFREE_SIMULATOR_CLIENT_ID ?? DEFAULT_CLIENT_ID;
	const givenSecret = values['client-secret'] ?? process.env.CASHFREE_SIMULATOR_CLIENT_SECRET;
	const rateLimitPerMinute = parseNonNegativeInteger(values['rate-limit'] ?? '0', 'rate-limit');
	const rateLimitWindowMs = parseNonNegativeInteger(
		values['rate-limit-window-ms'] ?? '60000',
		'rate-limit-window-ms',
	);
	const endpointLimitsName = values['endpoint-rate-limits'];
	const endpointRateLimits =
		endpointLimitsName === undefined ? undefined : ENDPOINT_RATE_LIMITS[endpointLimitsName];
	if (endpointLimitsName !== undefined && !endpointRateLimits) {
		throw new Error(
			`endpoint-rate-limits must be one of ${Object.keys(ENDPOINT_RATE_LIMITS).join(', ')}`,
		);
	}
	const latencyMs = parseNonNegativeInteger(values['latency-ms'] ?? '0', 'latency-ms');
	const bulkLinks = parseNonNegativeInteger(values['bulk-links'] ?? '0', 'bulk-links');

	const simulator = new CashfreeSimulator({
		host: '127.0.0.1',
		port,
		clientId,
		clientSecret: givenSecret ?? DEFAULT_CLIENT_SECRET,
		rateLimitPerWindow: rateLimitPerMinute,
		rateLimitWindowMs: rateLimitWindowMs || 60_000,
		endpointRateLimits,
	});
	seedDemoLinks(simulator);
	for (let index = 0; index < bulkLinks; index++) {
		simulator.seedLink({ link_id: `bulk_${String(index).padStart(6, '0')}` });
	}
	if (latencyMs > 0)
		simulator.injectFault({
			fault: { kind: 'delay', ms: latencyMs },
			times: Number.POSITIVE_INFINITY,
		});
	const baseUrl = await simulator.start();

	// A secret the user chose is theirs to keep out of terminal logs; the built-in one is public anyway.
	const secretShown =
		givenSecret === undefined ? `${DEFAULT_CLIENT_SECRET} (default)` : '(as given, not shown)';
	const lines = [
		'Cashfree simulator listening',
		`  base URL:      ${baseUrl}`,
		`  client id:     ${clientId}`,
		`  client secret: ${secretShown}`,
		`  rate limit:    ${rateLimitPerMinute > 0 ? `${rateLimitPerMinute} requests per ${rateLimitWindowMs || 60_000} ms` : 'unlimited'}`,
		...(endpointLimitsName === undefined
			? []
			: [`  per endpoint:  Cashfree's ${endpointLimitsName} limits per window`]),
		...(latencyMs > 0 ? [`  latency:       ${latencyMs} ms added to every answer`] : []),
		`  payouts URL:   ${simulator.payoutsBaseUrl} (same keys; Second Factor: Public Key, the key below)`,
		`  payouts balance: ${simulator.payouts.balance}`,
		'  payouts public key:',
		...(simulator.payouts.publicKeyPem ?? '')
			.trim()
			.split('\n')
			.map((line) => `    ${line}`),
		...(bulkLinks > 0
			? [
					`  bulk links:    ${bulkLinks} ACTIVE, bulk_000000 to bulk_${String(bulkLinks - 1).padStart(6, '0')}`,
				]
			: []),
		'  seeded links:',
		...DEMO_LINKS.map(({ link_id }) => {
			const link = simulator.getLink(link_id);
			return `    ${link_id.padEnd(22)}${String(link?.link_status).padEnd(16)}${link?.link_currency} ${link?.link_amount}`;
		}),
		`  process id:    ${process.pid}`,
		// `npm run simulator` runs this script under npm and a shell: killing npm's process id
		// ends npm and the shell but leaves this process serving, so name the one to stop.
		`Press Ctrl+C to stop, or run: kill ${process.pid} (stopping npm's own process leaves the simulator running).`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	const shutdown = (signal: NodeJS.Signals): void => {
		simulator.stop().then(
			() => process.stdout.write(`Stopped on ${signal}.\n`),
			(error: Error) => {
				process.stderr.write(`Error while stopping: ${error.message}\n`);
				process.exitCode = 1;
			},
		);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((error: Error) => {
		process.stderr.write(`cashfree simulator: ${error.message}\n`);
		process.exitCode = 1;
	});
}
