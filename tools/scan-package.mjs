/**
 * `npm run scan:package [-- <package folder>]`: n8n's community-package scanner
 * (`@n8n/scan-community-package`, pinned in devDependencies) run before publishing, on the
 * tarball `npm pack` makes. Exits 1 on any finding.
 *
 * The scanner's own CLI only scans a published version: it asks the registry for the package's
 * metadata and npm provenance, downloads the source the provenance names and the tarball, then
 * lints both with ESLint and n8n's rules. The lint is the part a package can fail on its own
 * merits, so this script runs the scanner's `analyzePackage` (imported, not copied) on the same
 * two legs: the source folder (the scanner's `SOURCE_FILE_PATTERNS`) and the unpacked tarball.
 * Provenance can only exist once published: it comes from `npm publish --provenance` in
 * .github/workflows/publish.yml, which this script checks is still there.
 *
 * An .mjs script, not a TypeScript tool: the scanner is an ES module, and the tools compile to
 * CommonJS, which cannot import it on every Node version the package supports.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNER_PACKAGE = '@n8n/scan-community-package';
const requireFromRepo = createRequire(path.join(REPO_ROOT, 'package.json'));
const SCANNER_DIR = path.dirname(requireFromRepo.resolve(`${SCANNER_PACKAGE}/package.json`));
const SCANNER_MODULE = path.join(SCANNER_DIR, 'scanner', 'scanner.mjs');

/**
 * The patterns the scanner lints the unpacked tarball with. They are written inline in its
 * `analyzePackageByName`, not exported, so `checkTarballPatterns` makes sure the pinned version
 * still uses these before they are trusted.
 */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const PUBLISH_WORKFLOW = path.join('.github', 'workflows', 'publish.yml');

function run(command, args, cwd) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
	}
	return result.stdout;
}

function checkTarballPatterns() {
	const call = `analyzePackage(packageDir, [${TARBALL_PATTERNS.map((p) => `'${p}'`).join(', ')}])`;
	if (!readFileSync(SCANNER_MODULE, 'utf8').includes(call)) {
		throw new Error(
			`${SCANNER_MODULE} no longer calls ${call}: read how this version scans the tarball and update TARBALL_PATTERNS in tools/scan-package.mjs`,
		);
	}
}

/** `npm pack` of `packageDir` into `destination`, unpacked as the scanner unpacks a download. */
function packAndUnpack(packageDir, destination) {
	const packed = JSON.parse(
		run(
			'npm',
			['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', destination],
			packageDir,
		),
	);
	const tarball = path.join(destination, packed[0].filename);
	const unpacked = path.join(destination, 'package');
	mkdirSync(unpacked);
	run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], destination);
	return { tarball, unpacked, fileCount: packed[0].files.length };
}

/** What a leg lints, found as the scanner finds it, and how many rules apply to each kind of file. */
async function describeLeg(scanner, folder, patterns) {
	const requireFromScanner = createRequire(SCANNER_MODULE);
	const glob = requireFromScanner('fast-glob');
	const { ESLint } = requireFromScanner('eslint');
	const files = glob.sync(patterns, {
		cwd: folder,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const eslint = new ESLint({
		cwd: folder,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	// Rules differ by folder too (n8n-nodes-base's node rules apply under nodes/ only): a range.
	const rulesByKind = new Map();
	for (const file of files) {
		const kind = path.basename(file) === 'package.json' ? 'package.json' : path.extname(file);
		const { rules } = await eslint.calculateConfigForFile(path.join(folder, file));
		const enabled = Object.values(rules).filter((setting) => {
			const level = Array.isArray(setting) ? setting[0] : setting;
			return level !== 0 && level !== 'off';
		}).length;
		const [least, most] = rulesByKind.get(kind) ?? [enabled, enabled];
		rulesByKind.set(kind, [Math.min(least, enabled), Math.max(most, enabled)]);
	}
	const counts = [...rulesByKind]
		.map(
			([kind, [least, most]]) => `${least === most ? least : `${least}-${most}`} rules on ${kind}`,
		)
		.join(', ');
	return { files, summary: `${files.length} files (${counts})` };
}

/** Whether the publish workflow still publishes with npm provenance, which n8n's scan requires. */
function publishesWithProvenance(packageDir) {
	try {
		const workflow = readFileSync(path.join(packageDir, PUBLISH_WORKFLOW), 'utf8');
		return /npm publish\b[^\n]*--provenance/.test(workflow);
	} catch {
		return false;
	}
}

async function main() {
	const packageDir = path.resolve(process.argv[2] ?? REPO_ROOT);
	const scannerVersion = JSON.parse(
		readFileSync(path.join(SCANNER_DIR, 'package.json'), 'utf8'),
	).version;
	const scratch = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-cashfree-scan-'));
	try {
		checkTarballPatterns();
		console.log(`${SCANNER_PACKAGE}@${scannerVersion} on ${packageDir}`);
		const { tarball, unpacked, fileCount } = packAndUnpack(packageDir, scratch);
		console.log(`packed ${path.basename(tarball)}: ${fileCount} files`);

		// The scanner makes a temporary folder as it is imported and never removes it: put it in
		// ours, which is removed below.
		process.env.TMPDIR = scratch;
		// eslint-plugin-n8n-nodes-base has a test mode of its own, read once as it loads: under
		// NODE_ENV=test (Jest sets it) its file name rules refuse every file. n8n scans without it.
		delete process.env.NODE_ENV;
		const scanner = await import(pathToFileURL(SCANNER_MODULE).href);

		const legs = [
			{ name: 'source', folder: packageDir, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ name: 'tarball', folder: unpacked, patterns: TARBALL_PATTERNS },
		];
		const findings = [];
		for (const leg of legs) {
			const { files, summary } = await describeLeg(scanner, leg.folder, leg.patterns);
			const result = await scanner.analyzePackage(leg.folder, leg.patterns);
			const passed = result.passed && files.length > 0;
			if (!passed) {
				findings.push(
					`${leg.name}: ${result.message ?? 'no files to lint'}\n${result.details ?? ''}`,
				);
			}
			console.log(`${passed ? 'ok ' : 'FAIL'} ${leg.name} ${leg.patterns.join(' ')}: ${summary}`);
		}

		const withProvenance = publishesWithProvenance(packageDir);
		if (!withProvenance) {
			findings.push(
				`provenance: ${PUBLISH_WORKFLOW} does not run \`npm publish --provenance\`, and n8n's scan refuses a version published without provenance`,
			);
		}
		console.log(
			`${withProvenance ? 'ok ' : 'FAIL'} provenance: ${PUBLISH_WORKFLOW} publishes with --provenance`,
		);

		if (findings.length > 0) {
			console.error(`\nscan:package: ${findings.length} finding(s)\n\n${findings.join('\n\n')}`);
			process.exitCode = 1;
		} else {
			console.log('scan:package: passed');
		}
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`scan:package could not run: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 1;
});
