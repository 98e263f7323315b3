import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PACKAGE_ROOT = path.join(__dirname, '..', '..');

/** `npm run scan:package` (tools/scan-package.mjs) on a package folder; needs `npm run build`. */
function scanPackage(packageDir: string): { status: number | null; output: string } {
	const result = spawnSync(
		process.execPath,
		[path.join(PACKAGE_ROOT, 'tools', 'scan-package.mjs'), packageDir],
		{ encoding: 'utf8' },
	);
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** What the scan needs of the package: what `npm pack` takes, the sources and the publish workflow. */
const PACKAGE_PARTS = [
	'package.json',
	'README.md',
	'LICENSE',
	'dist',
	'nodes',
	'credentials',
	'.github/workflows/publish.yml',
];

describe("n8n's community-package scan, on the packed tarball", () => {
	let copy: string;

	beforeAll(() => {
		copy = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-cashfree-scan-test-'));
		for (const part of PACKAGE_PARTS) {
			cpSync(path.join(PACKAGE_ROOT, part), path.join(copy, part), { recursive: true });
		}
	});

	afterAll(() => rmSync(copy, { recursive: true, force: true }));

	it('passes the package as it is, having linted the source and the tarball', () => {
		const { status, output } = scanPackage(PACKAGE_ROOT);
		expect(output).toMatch(/^ok {2}source .*: \d+ files/m);
		expect(output).toMatch(/^ok {2}tarball .*: \d+ files/m);
		expect(output).toMatch(/^ok {2}provenance/m);
		expect(output).toContain('scan:package: passed');
		expect(status).toBe(0);
	}, 120_000);

	it('fails a package whose built code, source or publish workflow breaks n8n rules, naming each', () => {
		// Code a build step could have emitted into dist/: n8n Cloud refuses timers in nodes.
		appendFileSync(
			path.join(copy, 'dist/nodes/Cashfree/actions/router.js'),
			'\nsetTimeout(() => undefined, 1);\n',
		);
		appendFileSync(
			path.join(copy, 'nodes/Cashfree/baseUrl.ts'),
			"\nconsole.log('left over from debugging');\n",
		);
		const workflow = path.join(copy, '.github/workflows/publish.yml');
		writeFileSync(
			workflow,
			readFileSync(workflow, 'utf8').replace('npm publish --provenance', 'npm publish'),
		);

		const { status, output } = scanPackage(copy);
		expect(output).toMatch(/^FAIL source /m);
		expect(output).toMatch(/^FAIL tarball /m);
		expect(output).toMatch(/^FAIL provenance/m);
		expect(output).toMatch(
			/package\/dist\/nodes\/Cashfree\/actions\/router\.js\n.*restricted global 'setTimeout'/,
		);
		expect(output).toMatch(/nodes\/Cashfree\/baseUrl\.ts\n.*no-console/);
		expect(output).toContain('3 finding(s)');
		expect(status).toBe(1);
	}, 120_000);
});
