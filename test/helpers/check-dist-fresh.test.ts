/**
 * The check that stops a Jest run when dist/ is older than the sources (jest.config.js's
 * globalSetup), on a scratch folder whose files get planted modification times.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const { checkDistFresh, staleSources } = require('./check-dist-fresh') as {
	checkDistFresh: (root: string) => void;
	staleSources: (root: string) => Array<{ source: string; compiled: string }>;
};

/** Seconds since the epoch; each file gets one of these as its modification time. */
const EARLY = 1_700_000_000;
const LATER = EARLY + 60;

let root: string;

beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'dist-fresh-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function plant(file: string, seconds: number, content = ''): void {
	const full = path.join(root, file);
	mkdirSync(path.dirname(full), { recursive: true });
	writeFileSync(full, content);
	utimesSync(full, seconds, seconds);
}

/** A built package: sources at EARLY, each compiled counterpart at LATER. */
function plantBuilt(): void {
	plant('nodes/Cashfree/Cashfree.node.ts', EARLY);
	plant('nodes/Cashfree/Cashfree.node.json', EARLY);
	plant('nodes/Cashfree/cashfree.svg', EARLY);
	plant('nodes/Cashfree/actions/runOperation.ts', EARLY);
	plant('credentials/CashfreeApi.credentials.ts', EARLY);
	plant('dist/nodes/Cashfree/Cashfree.node.js', LATER);
	plant('dist/nodes/Cashfree/Cashfree.node.json', LATER);
	plant('dist/nodes/Cashfree/cashfree.svg', LATER);
	plant('dist/nodes/Cashfree/actions/runOperation.js', LATER);
	plant('dist/credentials/CashfreeApi.credentials.js', LATER);
}

const RERUN = 'run `npm run build` (npm test does it)';

it('passes when every source has a compiled counterpart at least as new', () => {
	plantBuilt();
	expect(() => checkDistFresh(root)).not.toThrow();
});

it('stops the run when dist/ is missing', () => {
	plant('nodes/Cashfree/Cashfree.node.ts', EARLY);
	expect(() => checkDistFresh(root)).toThrow(
		`dist/ is missing: the tests run the compiled package; ${RERUN}`,
	);
});

it('stops the run when a source changed after its compiled file was built, naming it', () => {
	plantBuilt();
	plant('nodes/Cashfree/actions/runOperation.ts', LATER + 1);
	expect(() => checkDistFresh(root)).toThrow(
		`dist/ is older than the sources (newest: nodes/Cashfree/actions/runOperation.ts, which changed after dist/nodes/Cashfree/actions/runOperation.js was built); ${RERUN}`,
	);
});

it('compares file by file: a fresh dist/ file does not hide a stale one', () => {
	plantBuilt();
	// The newest file in dist/ is newer than every source, yet one source is newer than its own.
	plant('credentials/CashfreeApi.credentials.ts', LATER + 1);
	plant('dist/nodes/Cashfree/Cashfree.node.js', LATER + 100);
	expect(() => checkDistFresh(root)).toThrow(
		'newest: credentials/CashfreeApi.credentials.ts, which changed after dist/credentials/CashfreeApi.credentials.js was built',
	);
});

it('stops the run when a source has no compiled file yet', () => {
	plantBuilt();
	plant('nodes/Cashfree/actions/paymentLink/cancel.operation.ts', EARLY);
	expect(() => checkDistFresh(root)).toThrow(
		`dist/ is older than the sources (newest: nodes/Cashfree/actions/paymentLink/cancel.operation.ts, which has no dist/nodes/Cashfree/actions/paymentLink/cancel.operation.js); ${RERUN}`,
	);
});

it('holds icons and JSON files to their copies in dist/, and names the newest of several', () => {
	plantBuilt();
	plant('nodes/Cashfree/Cashfree.node.json', LATER + 1);
	plant('nodes/Cashfree/cashfree.svg', LATER + 2, '<svg>changed</svg>');
	expect(staleSources(root).map(({ source }) => source)).toEqual([
		'nodes/Cashfree/cashfree.svg',
		'nodes/Cashfree/Cashfree.node.json',
	]);
	expect(() => checkDistFresh(root)).toThrow(
		'(newest: nodes/Cashfree/cashfree.svg, which changed after dist/nodes/Cashfree/cashfree.svg was built, and 1 more)',
	);
});

it("accepts a copy whose time is its source's cut to milliseconds, as gulp copies icons", () => {
	plantBuilt();
	plant('nodes/Cashfree/cashfree.svg', EARLY + 0.0127);
	plant('dist/nodes/Cashfree/cashfree.svg', EARLY + 0.012);
	expect(() => checkDistFresh(root)).not.toThrow();
});

it('accepts an icon copy that is the same bytes though a millisecond older, as gulp sometimes leaves it', () => {
	plantBuilt();
	plant('nodes/Cashfree/cashfree.svg', EARLY + 0.0131, '<svg/>');
	plant('dist/nodes/Cashfree/cashfree.svg', EARLY + 0.012, '<svg/>');
	expect(() => checkDistFresh(root)).not.toThrow();
});

it('ignores files that are not built, such as notes beside the sources', () => {
	plantBuilt();
	plant('nodes/Cashfree/NOTES.md', LATER + 1);
	expect(() => checkDistFresh(root)).not.toThrow();
});

it('is the globalSetup of the unit tests, so every `npx jest` runs it first', () => {
	const config = require('../../jest.config.js') as { globalSetup?: string };
	expect(config.globalSetup).toBe('<rootDir>/test/helpers/check-dist-fresh.js');
});
