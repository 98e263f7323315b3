/**
 * `npm start` as a new user meets it: the built build/tools/start.js in a child process whose
 * environment is this one minus every CASHFREE_* variable, plus the case's own. Needs
 * `npm run build:dev` first, which `npm test` runs.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { CashfreeSimulator } from '../../tools/simulator';

const START_SCRIPT = path.join(__dirname, '..', '..', 'build', 'tools', 'start.js');

const CLIENT_ID = 'start_test_client_id';
/** Distinctive, so that finding it in the output cannot happen by chance. */
const CLIENT_SECRET = 'cfsk_start_test_Vt7qSecretValue_93a1';
const WRONG_SECRET = 'cfsk_start_test_Wr0ngSecretValue_5c2e';
const PROXY_PASSWORD = 'Pr0xyPassw0rd_start_test_71';
const withKeys = {
	CASHFREE_CLIENT_ID: CLIENT_ID,
	CASHFREE_CLIENT_SECRET: CLIENT_SECRET,
	CASHFREE_LINK_ID: 'some_link',
};

interface StartRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runStart(vars: Record<string, string> = {}): Promise<StartRun> {
	// The developer's own keys or settings must not turn a case into another one.
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('CASHFREE_')),
	);
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [START_SCRIPT], {
			env: { ...env, ...vars },
			stdio: ['ignore', 'pipe', 'pipe'],
			// A hung run must end, or Jest would wait for it after the test timed out.
			timeout: 25_000,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** The item start.js prints after "The next workflow step receives this item ($json):". */
function printedItem(run: StartRun): Record<string, unknown> {
	const marker = '($json):\n';
	const at = run.stdout.indexOf(marker);
	if (at < 0) throw new Error(`no item printed; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
	return JSON.parse(run.stdout.slice(at + marker.length)) as Record<string, unknown>;
}

function expectCleanFailure(run: StartRun): void {
	expect(run.code).not.toBe(0);
	// Expected errors are for users: a message, never a stack trace.
	expect(run.stderr).not.toMatch(/^\s+at /m);
}

const simulator = new CashfreeSimulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
let runs: {
	demo: Promise<StartRun>;
	badLinkId: Promise<StartRun>;
	onlyClientId: Promise<StartRun>;
	onlyClientSecret: Promise<StartRun>;
	baseUrl: Promise<StartRun>;
	wrongSecret: Promise<StartRun>;
	malformedBaseUrl: Promise<StartRun>;
	baseUrlWithPassword: Promise<StartRun>;
};

beforeAll(async () => {
	const baseUrl = await simulator.start();
	simulator.seedLink({ link_id: 'start_base_url_link' });
	simulator.seedLink({ link_id: 'start_wrong_secret_link' });
	const server = { CASHFREE_BASE_URL: baseUrl, CASHFREE_CLIENT_ID: CLIENT_ID };
	// Each run loads n8n-core for a second or more; started together, the file takes about
	// as long as the slowest run instead of the sum of all.
	runs = {
		demo: runStart(),
		badLinkId: runStart({ CASHFREE_LINK_ID: 'bad/id' }),
		onlyClientId: runStart({ CASHFREE_CLIENT_ID: CLIENT_ID }),
		onlyClientSecret: runStart({ CASHFREE_CLIENT_SECRET: CLIENT_SECRET }),
		baseUrl: runStart({
			...server,
			CASHFREE_CLIENT_SECRET: CLIENT_SECRET,
			CASHFREE_LINK_ID: 'start_base_url_link',
		}),
		wrongSecret: runStart({
			...server,
			CASHFREE_CLIENT_SECRET: WRONG_SECRET,
			CASHFREE_LINK_ID: 'start_wrong_secret_link',
		}),
		malformedBaseUrl: runStart({ ...withKeys, CASHFREE_BASE_URL: '127.0.0.1:8787/pg' }),
		// Port 9 (discard) has no listener here: refused by the node or by the connection, either way not printed.
		baseUrlWithPassword: runStart({
			...withKeys,
			CASHFREE_BASE_URL: `http://proxy_user:${PROXY_PASSWORD}@127.0.0.1:9/pg`,
		}),
	};
});

afterAll(async () => {
	// Stop the simulator only once every child is done with it (the tests may have failed early).
	if (runs) await Promise.all(Object.values(runs));
	await simulator.stop();
});

test('without keys it cancels the seeded demo link in the embedded simulator and prints the item', async () => {
	const run = await runs.demo;
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	// The lines README shows for this run.
	const [intro, blank, heading] = run.stdout.split('\n');
	expect(intro).toMatch(
		/^Cancelling payment link "n8n_demo_link_1" with the Cashfree node in n8n's engine, against the embedded Cashfree simulator at http:\/\/127\.0\.0\.1:\d+\/pg \(no CASHFREE_CLIENT_ID\/CASHFREE_CLIENT_SECRET given\)$/,
	);
	expect([blank, heading]).toEqual(['', 'The next workflow step receives this item ($json):']);
	expect(printedItem(run)).toMatchObject({
		link_id: 'n8n_demo_link_1',
		link_status: 'CANCELLED',
		link_amount: 1499,
	});
});

test('a link id the simulator cannot seed reaches the node, which refuses it with its own message', async () => {
	const run = await runs.badLinkId;
	expectCleanFailure(run);
	expect(run.stderr).toContain(
		'The Cashfree node failed: Invalid Link ID in item 0: "bad/id" contains "/"',
	);
	expect(run.stderr).toContain('Nothing was sent to Cashfree for this item.');
	expect(run.stderr).not.toContain('seedLink');
});

test.each([
	{
		given: 'CASHFREE_CLIENT_ID',
		missing: 'CASHFREE_CLIENT_SECRET',
		value: CLIENT_ID,
		which: 'onlyClientId',
	},
	{
		given: 'CASHFREE_CLIENT_SECRET',
		missing: 'CASHFREE_CLIENT_ID',
		value: CLIENT_SECRET,
		which: 'onlyClientSecret',
	},
] as const)(
	'only $given set: stops, names the missing $missing and does not print the value given',
	async ({ missing, value, which }) => {
		const run = await runs[which];
		expectCleanFailure(run);
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe(
			`${missing} is not set. Give both CASHFREE_CLIENT_ID and CASHFREE_CLIENT_SECRET to use your own keys, or neither to run the demo against the embedded simulator.\n`,
		);
		expect(run.stderr).not.toContain(value);
	},
);

test('CASHFREE_BASE_URL with both keys cancels the link on the server at that URL', async () => {
	const run = await runs.baseUrl;
	expect(run.stderr).toBe('');
	expect(run.code).toBe(0);
	expect(run.stdout).toContain(
		`against the Cashfree API at ${simulator.baseUrl} (CASHFREE_BASE_URL)`,
	);
	expect(printedItem(run)).toMatchObject({
		link_id: 'start_base_url_link',
		link_status: 'CANCELLED',
	});
	expect(simulator.getLink('start_base_url_link')?.link_status).toBe('CANCELLED');
	expect(run.stdout + run.stderr).not.toContain(CLIENT_SECRET);
});

test("CASHFREE_BASE_URL with a wrong secret fails with the node's 401 message and never prints the secret", async () => {
	const run = await runs.wrongSecret;
	expectCleanFailure(run);
	expect(run.stderr).toContain('The Cashfree node failed:');
	expect(run.stderr).toContain('Cashfree rejected the Client ID or Client Secret');
	expect(run.stderr).toContain('HTTP status: 401');
	expect(run.stdout + run.stderr).not.toContain(WRONG_SECRET);
	expect(simulator.getLink('start_wrong_secret_link')?.link_status).toBe('ACTIVE');
});

test("a malformed CASHFREE_BASE_URL fails with the node's Base URL message", async () => {
	const run = await runs.malformedBaseUrl;
	expectCleanFailure(run);
	expect(run.stderr).toMatch(/^The Cashfree node failed: .*Base URL/m);
});

test('a user and password in CASHFREE_BASE_URL are not printed', async () => {
	const run = await runs.baseUrlWithPassword;
	expectCleanFailure(run);
	expect(run.stdout).toContain(
		'against the Cashfree API at http://***@127.0.0.1:9/pg (CASHFREE_BASE_URL)',
	);
	expect(run.stdout + run.stderr).not.toContain(PROXY_PASSWORD);
});

// Refused before n8n loads, so these take a fraction of a second each.
test.each([
	[
		'a base URL without keys',
		{ CASHFREE_BASE_URL: 'http://127.0.0.1:8787/pg' },
		'CASHFREE_BASE_URL needs CASHFREE_CLIENT_ID and CASHFREE_CLIENT_SECRET',
	],
	[
		'a base URL and CASHFREE_ENV=production',
		{ ...withKeys, CASHFREE_BASE_URL: 'http://127.0.0.1:8787/pg', CASHFREE_ENV: 'production' },
		'CASHFREE_BASE_URL and CASHFREE_ENV=production contradict each other',
	],
	[
		'CASHFREE_ENV=custom without a base URL',
		{ ...withKeys, CASHFREE_ENV: 'custom' },
		'CASHFREE_ENV=custom needs CASHFREE_BASE_URL',
	],
	[
		'an unknown CASHFREE_ENV',
		{ ...withKeys, CASHFREE_ENV: 'staging' },
		'CASHFREE_ENV must be sandbox or production, not "staging"',
	],
])('refuses %s with a clear message', async (_case, vars: Record<string, string>, message) => {
	const run = await runStart(vars);
	expectCleanFailure(run);
	expect(run.stdout).toBe('');
	expect(run.stderr).toContain(message);
	expect(run.stderr).not.toContain(CLIENT_SECRET);
});
