/**
 * Makes a real n8n available for the end-to-end suite and `npm run n8n`: Node.js 24 and the
 * exact n8n pinned in `e2e/node24/` and `e2e/n8n/` (package.json + committed lock file),
 * installed into a cache folder outside the repository and reused while the lock files stay
 * the same. `CASHFREE_N8N_VERSION` picks another pinned n8n, for the compatibility runs: the
 * spec folder under e2e/ whose lock file pins that version (e2e/n8n-oldest, e2e/n8n-1x).
 *
 *   node build/tools/n8n/install.js                                  installs when needed, prints where
 *   CASHFREE_N8N_VERSION=1.123.81 node build/tools/n8n/install.js    the same for n8n 1.123.81
 *
 * Cache: `$CASHFREE_N8N_CACHE`, else `$XDG_CACHE_HOME/n8n-nodes-cashfree`, else
 * `~/.cache/n8n-nodes-cashfree`. Each install lives in a folder named after what it was built
 * from (the lock file hashes, see `installKey`); a folder counts only once its marker file is
 * written, which happens last, after an atomic rename from a `.partial-*` folder.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The repository root, found from here both in `tools/n8n/` (ts-jest) and in `build/tools/n8n/`. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
	for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (
			existsSync(manifest) &&
			(JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name ===
				'n8n-nodes-cashfree'
		) {
			return dir;
		}
	}
	throw new Error(`no n8n-nodes-cashfree package.json above ${from}`);
}
/** The default n8n, which CI and `npm run n8n` use. */
const DEFAULT_N8N_SPEC_DIR = path.join(REPO_ROOT, 'e2e', 'n8n');
const NODE24_SPEC_DIR = path.join(REPO_ROOT, 'e2e', 'node24');

/** Bump when the install steps change, so that caches made by older steps are not reused. */
const RECIPE_VERSION = 1;
const MARKER = '.installed.json';
/** Debian's SQLite headers (libsqlite3-dev): sqlite3 then builds in ~15 s instead of 2+ minutes. */
const SYSTEM_SQLITE_HEADER = '/usr/include/sqlite3.h';

export interface N8nInstallation {
	/** The Node.js 24 binary n8n runs on. */
	nodeBinary: string;
	nodeVersion: string;
	/** n8n's CLI script (`node_modules/n8n/bin/n8n`), run with `nodeBinary`. */
	n8nCli: string;
	n8nVersion: string;
	cacheDir: string;
	/** Whether this call installed anything (false: everything came from the cache). */
	installed: boolean;
}

type Log = (line: string) => void;

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.CASHFREE_N8N_CACHE) return path.resolve(env.CASHFREE_N8N_CACHE);
	return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'n8n-nodes-cashfree');
}

function sha(...parts: (string | Buffer)[]): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part).update('\0');
	return hash.digest('hex').slice(0, 16);
}

function readJson<T>(file: string): T {
	return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function pinnedVersion(specDir: string, dependency: string): string {
	const lock = readJson<{ packages: Record<string, { version?: string }> }>(
		path.join(specDir, 'package-lock.json'),
	);
	const version = lock.packages[`node_modules/${dependency}`]?.version;
	if (!version) throw new Error(`${specDir}/package-lock.json does not pin ${dependency}`);
	return version;
}

/**
 * The spec folder of the n8n to run: e2e/n8n by default, or the folder under e2e/ whose lock
 * file pins `CASHFREE_N8N_VERSION`, so that every version run is installed from a committed
 * lock file.
 */
export function n8nSpecDir(env: NodeJS.ProcessEnv = process.env): string {
	const wanted = env.CASHFREE_N8N_VERSION?.trim();
	if (!wanted) return DEFAULT_N8N_SPEC_DIR;
	const e2eDir = path.join(REPO_ROOT, 'e2e');
	const pinned = readdirSync(e2eDir)
		.filter((entry) => entry === 'n8n' || entry.startsWith('n8n-'))
		.map((entry) => path.join(e2eDir, entry))
		.filter((dir) => existsSync(path.join(dir, 'package-lock.json')))
		.map((dir) => ({ dir, version: pinnedVersion(dir, 'n8n') }));
	const match = pinned.find(({ version }) => version === wanted);
	if (!match) {
		throw new Error(
			`CASHFREE_N8N_VERSION=${wanted}: no spec folder under e2e/ pins it (pinned: ${pinned.map(({ dir, version }) => `${version} in ${path.relative(REPO_ROOT, dir)}`).join(', ')})`,
		);
	}
	return match.dir;
}

/** The n8n version the e2e suite runs: CASHFREE_N8N_VERSION's, or the default's. */
export function n8nVersionToRun(env: NodeJS.ProcessEnv = process.env): string {
	return pinnedVersion(n8nSpecDir(env), 'n8n');
}

/** The cache folder names: what the install is, and a hash of everything it was built from. */
export function installKey(n8nSpec = n8nSpecDir()): {
	node: string;
	n8n: string;
	n8nKind: string;
	sqlite: 'system' | 'bundled';
} {
	const nodeLock = readFileSync(path.join(NODE24_SPEC_DIR, 'package-lock.json'));
	const n8nLock = readFileSync(path.join(n8nSpec, 'package-lock.json'));
	const sqlite = existsSync(SYSTEM_SQLITE_HEADER) ? 'system' : 'bundled';
	const nodeVersion = pinnedVersion(NODE24_SPEC_DIR, nodePackageName());
	const n8nVersion = pinnedVersion(n8nSpec, 'n8n');
	const nodeKey = sha(String(RECIPE_VERSION), process.platform, process.arch, nodeLock);
	// One kind per n8n version: a new install of one version replaces only that version's
	// older folders, never another version's.
	const n8nKind = `n8n-${n8nVersion}`;
	return {
		node: `node-${nodeVersion}-${nodeKey}`,
		n8n: `${n8nKind}-${sha(String(RECIPE_VERSION), nodeKey, n8nLock, sqlite)}`,
		n8nKind,
		sqlite,
	};
}

function nodePackageName(): string {
	const pkg = readJson<{ dependencies: Record<string, string> }>(
		path.join(NODE24_SPEC_DIR, 'package.json'),
	);
	const [name] = Object.keys(pkg.dependencies);
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`e2e/node24 pins ${name} (Linux x64) but this machine is ${process.platform}-${process.arch}: pin node-${process.platform}-${process.arch} there`,
		);
	}
	return name;
}

function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; log: Log; progress?: string },
): Promise<void> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		// npm prints nothing for minutes while it installs n8n: say every 20 s that it still works.
		const heartbeat = options.progress
			? setInterval(
					() =>
						options.log(
							`  ${options.progress}: still running (${Math.round((Date.now() - started) / 1000)} s)`,
						),
					20_000,
				)
			: undefined;
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		const keep = (chunk: Buffer) => {
			output = (output + chunk.toString()).slice(-20_000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		child.on('error', (error) => {
			clearInterval(heartbeat);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearInterval(heartbeat);
			if (code === 0) return resolve();
			options.log(output);
			reject(
				new Error(
					`${command} ${args.join(' ')} (in ${options.cwd}) failed: ${signal ?? `exit code ${code}`}`,
				),
			);
		});
	});
}

/** The npm that runs this script (npm sets npm_execpath), else the one on PATH. */
function npm(): { command: string; prefixArgs: string[] } {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath))
		return { command: process.execPath, prefixArgs: [execPath] };
	return { command: 'npm', prefixArgs: [] };
}

async function runNpm(
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; log: Log; progress?: string },
): Promise<void> {
	const { command, prefixArgs } = npm();
	await run(command, [...prefixArgs, ...args], options);
}

function isComplete(dir: string): boolean {
	return existsSync(path.join(dir, MARKER));
}

/**
 * Builds `finalDir` through `build(partialDir)` in a sibling folder and renames it into place,
 * so that an interrupted install never looks complete. Afterwards removes older installs of the
 * same kind (a new lock file makes the old 2.7 GB n8n folder useless).
 */
async function installOnce(
	root: string,
	name: string,
	kind: string,
	log: Log,
	build: (dir: string) => Promise<void>,
): Promise<boolean> {
	const finalDir = path.join(root, name);
	if (isComplete(finalDir)) return false;
	mkdirSync(root, { recursive: true });
	const partial = path.join(root, `${name}.partial-${process.pid}-${Date.now()}`);
	const started = Date.now();
	try {
		await build(partial);
		writeFileSync(
			path.join(partial, MARKER),
			`${JSON.stringify({ name, installedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
		);
		rmSync(finalDir, { recursive: true, force: true });
		renameSync(partial, finalDir);
	} catch (error) {
		rmSync(partial, { recursive: true, force: true });
		throw error;
	}
	log(`  ${kind}: installed in ${((Date.now() - started) / 1000).toFixed(0)} s into ${finalDir}`);
	for (const entry of readdirSync(root)) {
		if (entry === name || !entry.startsWith(`${kind}-`)) continue;
		const stale = path.join(root, entry);
		const abandoned =
			entry.includes('.partial-') && Date.now() - statSync(stale).mtimeMs > 3 * 3600_000;
		if (abandoned || (!entry.includes('.partial-') && isComplete(stale))) {
			log(`  ${kind}: removing the outdated ${stale}`);
			rmSync(stale, { recursive: true, force: true });
		}
	}
	return true;
}

export async function ensureN8n(
	log: Log = (line) => process.stderr.write(`${line}\n`),
): Promise<N8nInstallation> {
	const root = cacheRoot();
	const n8nSpec = n8nSpecDir();
	const key = installKey(n8nSpec);
	const nodePackage = nodePackageName();
	const nodeVersion = pinnedVersion(NODE24_SPEC_DIR, nodePackage);
	const n8nVersion = pinnedVersion(n8nSpec, 'n8n');
	const nodeDir = path.join(root, key.node);
	const nodeHome = path.join(nodeDir, 'node_modules', nodePackage);
	const nodeBinary = path.join(nodeHome, 'bin', 'node');
	const n8nDir = path.join(root, key.n8n);

	const npmFlags = [
		'--ignore-scripts',
		'--no-audit',
		'--no-fund',
		'--prefer-offline',
		'--loglevel=error',
	];
	const copySpec = (from: string, to: string) => {
		mkdirSync(to, { recursive: true });
		for (const file of ['package.json', 'package-lock.json'])
			writeFileSync(path.join(to, file), readFileSync(path.join(from, file)));
	};

	const nodeInstalled = await installOnce(root, key.node, 'node', log, async (dir) => {
		log(
			`  node: installing Node.js ${nodeVersion} (${nodePackage}) from the lock file in e2e/node24`,
		);
		copySpec(NODE24_SPEC_DIR, dir);
		await runNpm(['ci', ...npmFlags], { cwd: dir, log, progress: 'node: npm ci' });
	});

	const n8nInstalled = await installOnce(root, key.n8n, key.n8nKind, log, async (dir) => {
		log(
			`  n8n: installing n8n ${n8nVersion} from the lock file in ${path.relative(REPO_ROOT, n8nSpec)} (a few minutes, about 2.7 GB)`,
		);
		copySpec(n8nSpec, dir);
		// Install scripts stay off: one of them (Kafka's) downloads at install time and fails here.
		await runNpm(['ci', ...npmFlags], { cwd: dir, log, progress: 'n8n: npm ci' });
		// The one native module n8n needs that ships no prebuilt binary: sqlite3, for n8n's own
		// database. Built for Node 24 from its headers (--nodedir), never downloaded (--build-from-source).
		log(
			`  n8n: building sqlite3 against ${key.sqlite === 'system' ? "Debian's libsqlite3" : 'its bundled SQLite (install libsqlite3-dev to make this faster)'}`,
		);
		await runNpm(
			[
				'rebuild',
				'sqlite3',
				'--ignore-scripts=false',
				'--build-from-source',
				`--nodedir=${nodeHome}`,
				...(key.sqlite === 'system' ? ['--sqlite=/usr'] : []),
				'--loglevel=error',
			],
			{
				cwd: dir,
				env: {
					...process.env,
					PATH: `${path.dirname(nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`,
				},
				log,
				progress: 'n8n: building sqlite3',
			},
		);
		if (
			!existsSync(
				path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
			)
		) {
			throw new Error('sqlite3 was not built');
		}
	});

	return {
		nodeBinary,
		nodeVersion,
		n8nCli: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nVersion,
		cacheDir: root,
		installed: nodeInstalled || n8nInstalled,
	};
}

if (require.main === module) {
	const started = Date.now();
	process.stderr.write(
		`n8n and Node.js 24 for the e2e tests and npm run n8n (cache: ${cacheRoot()})\n`,
	);
	ensureN8n().then(
		(installation) => {
			const seconds = ((Date.now() - started) / 1000).toFixed(0);
			process.stderr.write(
				`  ready: n8n ${installation.n8nVersion} on Node.js ${installation.nodeVersion} (${installation.installed ? `installed in ${seconds} s` : 'from the cache'})\n`,
			);
		},
		(error: Error) => {
			process.stderr.write(`n8n install failed: ${error.message}\n`);
			process.exitCode = 1;
		},
	);
}
