/**
 * `npm start` and `npm run simulator` run this first: it runs `npm run build` and
 * `npm run build:dev` only when a source changed since they last succeeded, so a second
 * `npm start` takes about 3 s instead of recompiling every time (9 to 43 s on 2 cores, with the
 * machine's load).
 *
 * "Changed" means: a file or folder under nodes/, credentials/, tools/ or test/, or one of the
 * build's inputs listed in INPUTS (the TypeScript configs, the icon task, the manifests, what
 * npm installed), is newer than the stamp file, or an output the scripts load is missing. A
 * folder's time counts too, so a deleted or renamed file triggers a build. The stamp is
 * written only after both builds succeeded, with the time the build started, so a file saved
 * during a build makes the next run build again.
 *
 * `CASHFREE_BUILD=always` builds every time, as before. An .mjs script, not a TypeScript
 * tool: it decides whether the tools need compiling, so it cannot be one of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(ROOT, 'build', '.built-from-sources');
const SOURCE_DIRS = ['nodes', 'credentials', 'tools', 'test'];
const INPUTS = [
	'tsconfig.json',
	'tsconfig.dev.json',
	'gulpfile.js',
	'package.json',
	'package-lock.json',
	'node_modules/.package-lock.json',
];
/** What `npm start` and `npm run simulator` load; a build that lost one of them is redone. */
const OUTPUTS = [
	'dist/nodes/Cashfree/Cashfree.node.js',
	'dist/credentials/CashfreeApi.credentials.js',
	'build/tools/start.js',
	'build/tools/simulator/cli.js',
];

/** The newest modification time (ms) of `entry` and, for a folder, everything inside it. */
function newest(entry) {
	const stats = statSync(entry, { throwIfNoEntry: false });
	if (!stats) return 0;
	let latest = stats.mtimeMs;
	if (stats.isDirectory()) {
		for (const child of readdirSync(entry))
			latest = Math.max(latest, newest(path.join(entry, child)));
	}
	return latest;
}

/** Why a build is needed, or undefined when dist/ and build/ are up to date. */
function reasonToBuild() {
	if (process.env.CASHFREE_BUILD === 'always') return 'CASHFREE_BUILD=always';
	const missing = OUTPUTS.find((output) => !existsSync(path.join(ROOT, output)));
	if (missing) return `${missing} is missing`;
	const stamp = statSync(STAMP, { throwIfNoEntry: false });
	if (!stamp) return 'no successful build recorded yet';
	const changed = [...SOURCE_DIRS, ...INPUTS].find(
		(entry) => newest(path.join(ROOT, entry)) > stamp.mtimeMs,
	);
	return changed ? `${changed} changed since the last build` : undefined;
}

/** The npm that runs this script (npm sets npm_execpath), else the one on PATH. */
function runNpmScript(script) {
	const execPath = process.env.npm_execpath;
	const [command, args] =
		execPath && /npm-cli\.js$/.test(execPath)
			? [process.execPath, [execPath, 'run', script]]
			: ['npm', ['run', script]];
	const result = spawnSync(command, args, {
		cwd: ROOT,
		stdio: 'inherit',
		shell: process.platform === 'win32' && command === 'npm',
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const reason = reasonToBuild();
if (reason === undefined) {
	process.stderr.write(
		'dist/ and build/ are up to date with the sources: not compiling (CASHFREE_BUILD=always to force)\n',
	);
} else {
	process.stderr.write(`Compiling: ${reason}\n`);
	const started = new Date();
	runNpmScript('build');
	runNpmScript('build:dev');
	mkdirSync(path.dirname(STAMP), { recursive: true });
	writeFileSync(
		STAMP,
		"npm run build and npm run build:dev succeeded from the sources as of this file's time\n",
	);
	utimesSync(STAMP, started, started);
}
