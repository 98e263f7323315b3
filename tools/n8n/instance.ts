/**
 * One real n8n for a test or for `npm run n8n`: its own temporary user folder, its own free
 * ports on 127.0.0.1 (the editor/API and the task-runner broker), nothing sent to n8n's
 * servers, the package installed the way Settings → Community Nodes installs it, and every
 * process it starts stopped by its process id, whatever happens to the caller.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPO_ROOT, type N8nInstallation } from './install';

export interface CliResult {
	/** null when n8n was ended by a signal (`signal` says which). */
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** The command line, for error messages. */
	command: string;
}

export interface InstanceOptions {
	/** The editor/API port; a free one when not given. */
	port?: number;
	/**
	 * n8n's expression engine. Default 'legacy' (see ARCHITECTURE.md): with n8n 2.41.1's
	 * default 'vm' engine about one `n8n execute` in ten crashes with exit code 139 at exit,
	 * after printing a correct result, inside isolated-vm's teardown.
	 */
	expressionEngine?: 'legacy' | 'vm';
	/** Extra environment for every n8n process of this instance. */
	env?: NodeJS.ProcessEnv;
	/** Node.js's heap cap (`--max-old-space-size`, MB) for n8n's own process, not its task runner. */
	maxOldSpaceSizeMb?: number;
}

export interface ServeOptions {
	timeoutMs?: number;
	/** Called with each chunk the server prints (stdout and stderr). */
	onOutput?: (text: string) => void;
}

/** Process groups (leader pids) this process started and has not seen end yet. */
const liveGroups = new Set<number>();
/** User folders of instances not stopped yet. */
const liveFolders = new Set<string>();

function killAll(): void {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	for (const folder of liveFolders) rmSync(folder, { recursive: true, force: true });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

// Last resort for a caller that exits without stop(): an exit handler may only do sync work,
// so it sends SIGKILL to each group still alive and removes the user folders.
process.on('exit', killAll);

/**
 * A watchdog for a process this one may not live to stop: Jest gives test files a `process`
 * object of their own, whose exit and signal handlers never run, and nothing runs after a
 * SIGKILL. The watchdog (a detached shell) waits while both this process and the group live;
 * if this process goes first, it kills the group by its id and removes the group's folder.
 */
function startReaper(group: number, folder: string): void {
	const script = [
		'while kill -0 "$1" 2>/dev/null && kill -0 "-$2" 2>/dev/null; do sleep 1; done',
		'kill -0 "$1" 2>/dev/null && exit 0',
		'kill -0 "-$2" 2>/dev/null && kill -KILL "-$2"',
		'rm -rf -- "$3"',
	].join('\n');
	const reaper = spawn(
		'sh',
		['-c', script, 'n8n-reaper', String(process.pid), String(group), folder],
		{
			detached: true,
			stdio: 'ignore',
		},
	);
	reaper.unref();
}

let signalHandlersInstalled = false;

/**
 * The n8n modules to turn off with the rest above: the MCP registry, in the n8n versions that
 * have it (n8n 1.x and 2.0 do not, and refuse to start when N8N_DISABLED_MODULES names a
 * module they do not know). Read from the installed n8n's own list of modules.
 */
function disabledModules(installation: N8nInstallation): NodeJS.ProcessEnv {
	const modulesConfig = path.resolve(
		installation.n8nCli,
		'../../../@n8n/backend-common/dist/modules/modules.config.js',
	);
	const known = existsSync(modulesConfig) ? readFileSync(modulesConfig, 'utf8') : '';
	return known.includes("'mcp-registry'") ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {};
}

/**
 * The n8n process groups are detached, so Ctrl-C in a terminal does not reach them, and a
 * process ended by a signal runs no exit handler: on SIGINT, SIGTERM or SIGHUP this process
 * first kills them, then, unless the caller handles the signal itself, ends as it would have.
 */
function installSignalHandlers(): void {
	if (signalHandlersInstalled) return;
	signalHandlersInstalled = true;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		const handler = () => {
			killAll();
			if (process.listenerCount(signal) === 1) {
				process.removeListener(signal, handler);
				process.kill(process.pid, signal);
			}
		};
		process.on(signal, handler);
	}
}

/**
 * Starts `command` in a process group of its own (so that stopping it also stops whatever it
 * starts: n8n's task runner, PostgreSQL's backends) that is killed, and `folder` removed, if
 * this process ends first, by whatever means. stopProcessGroup() ends it in order.
 */
export function spawnProcessGroup(
	command: string,
	args: string[],
	{ cwd, env, folder }: { cwd: string; env: NodeJS.ProcessEnv; folder: string },
): ChildProcess {
	const child = spawn(command, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (child.pid === undefined) throw new Error(`${command} did not start`);
	installSignalHandlers();
	const pid = child.pid;
	liveGroups.add(pid);
	startReaper(pid, folder);
	child.once('exit', () => {
		// The leader is gone; take anything it left behind with it.
		killGroup(pid, 'SIGKILL');
		liveGroups.delete(pid);
	});
	return child;
}

/** Whether a child has not been seen to end yet. */
export function isRunning(child: ChildProcess): boolean {
	return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/**
 * Sends `signal` to a child's process group and waits for the child to end, sending SIGKILL
 * to the group if it has not after `graceMs`.
 */
export async function stopProcessGroup(
	child: ChildProcess,
	{ signal = 'SIGTERM', graceMs = 15_000 }: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
	if (child.pid === undefined || !isRunning(child)) return;
	const pid = child.pid;
	const exited = once(child, 'exit');
	killGroup(pid, signal);
	const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** A temporary folder that is removed when this process exits, if nobody removed it before. */
export function temporaryFolder(prefix: string): string {
	const folder = mkdtempSync(path.join(tmpdir(), prefix));
	liveFolders.add(folder);
	return folder;
}

/** Removes a folder made by temporaryFolder(). */
export function removeTemporaryFolder(folder: string): void {
	rmSync(folder, { recursive: true, force: true });
	liveFolders.delete(folder);
}

export async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const address = server.address();
	server.close();
	await once(server, 'close');
	if (address === null || typeof address === 'string') throw new Error('no port');
	return address.port;
}

async function distinctFreePorts(count: number, taken: number[] = []): Promise<number[]> {
	const ports: number[] = [];
	while (ports.length < count) {
		const port = await freePort();
		if (!ports.includes(port) && !taken.includes(port)) ports.push(port);
	}
	return ports;
}

export class N8nInstance {
	readonly userFolder: string;
	readonly baseUrl: string;
	private server: ChildProcess | undefined;
	private serverLog = '';
	private readonly children = new Set<ChildProcess>();

	private constructor(
		readonly installation: N8nInstallation,
		readonly port: number,
		readonly brokerPort: number,
		private readonly options: InstanceOptions,
	) {
		this.userFolder = temporaryFolder('n8n-cashfree-');
		this.baseUrl = `http://127.0.0.1:${port}`;
	}

	static async create(
		installation: N8nInstallation,
		options: InstanceOptions = {},
	): Promise<N8nInstance> {
		const taken = options.port === undefined ? [] : [options.port];
		const [first, second] = await distinctFreePorts(2, taken);
		return options.port === undefined
			? new N8nInstance(installation, first, second, options)
			: new N8nInstance(installation, options.port, first, options);
	}

	/** The `.n8n` folder n8n keeps its database, settings and community packages in. */
	get n8nFolder(): string {
		return path.join(this.userFolder, '.n8n');
	}

	/**
	 * Everything n8n reads from the environment. Nothing n8n would read is inherited from the
	 * caller: not its N8N_* settings, and not NODE_ENV, which Jest sets to "test" and which
	 * makes n8n's CLI commands print nothing at all.
	 */
	env(): NodeJS.ProcessEnv {
		const inherited = Object.fromEntries(
			Object.entries(process.env).filter(
				([name]) =>
					!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|JEST_|NODE_ENV$|NODE_OPTIONS$)/.test(name),
			),
		);
		return {
			...inherited,
			N8N_USER_FOLDER: this.userFolder,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: this.baseUrl,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// Nothing leaves the machine: telemetry, version checks, templates, banners, license renewal.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			...disabledModules(this.installation),
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_EXPRESSION_ENGINE: this.options.expressionEngine ?? 'legacy',
			N8N_LOG_LEVEL: 'info',
			...this.options.env,
		};
	}

	/**
	 * Installs a packed package (`npm pack` output) into the user folder's `nodes/` directory
	 * with the steps n8n 2.41.1's CommunityPackagesService.downloadPackage takes: unpack into
	 * `nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its package.json,
	 * `npm install` its dependencies there (none for this package), record it in
	 * `nodes/package.json`.
	 */
	async installPackage(
		tarball: string,
	): Promise<{ name: string; version: string; directory: string }> {
		const nodesDir = path.join(this.n8nFolder, 'nodes');
		const manifestText = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], {
			encoding: 'utf8',
		});
		if (manifestText.status !== 0)
			throw new Error(`${tarball} has no package/package.json: ${manifestText.stderr}`);
		const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
			manifestText.stdout,
		) as Record<string, unknown> & { name: string; version: string };
		void [devDependencies, peerDependencies, optionalDependencies];

		const directory = path.join(nodesDir, 'node_modules', manifest.name);
		rmSync(directory, { recursive: true, force: true });
		mkdirSync(directory, { recursive: true });
		const untar = spawnSync('tar', ['-xzf', tarball, '-C', directory, '--strip-components=1'], {
			encoding: 'utf8',
		});
		if (untar.status !== 0) throw new Error(`tar -xzf ${tarball} failed: ${untar.stderr}`);
		writeFileSync(path.join(directory, 'package.json'), JSON.stringify(manifest, null, 2), 'utf8');
		const npmInstall = spawnSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--loglevel=error',
			],
			{ cwd: directory, encoding: 'utf8' },
		);
		if (npmInstall.status !== 0)
			throw new Error(`npm install in ${directory} failed: ${npmInstall.stderr}`);

		const nodesManifest = path.join(nodesDir, 'package.json');
		let installed: { dependencies?: Record<string, string> } = {};
		try {
			installed = JSON.parse(readFileSync(nodesManifest, 'utf8')) as typeof installed;
		} catch {
			// the first package in this user folder
		}
		const record = {
			name: 'installed-nodes',
			private: true,
			...installed,
			dependencies: { ...installed.dependencies, [manifest.name]: manifest.version },
		};
		writeFileSync(nodesManifest, JSON.stringify(record, null, 2), 'utf8');
		return { name: manifest.name, version: manifest.version, directory };
	}

	private spawnN8n(args: string[], extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
		// Its own process group, so that stopping it also stops the task runner it starts.
		const child = spawnProcessGroup(
			this.installation.nodeBinary,
			[...this.nodeArguments(), this.installation.n8nCli, ...args],
			{ cwd: this.userFolder, env: { ...this.env(), ...extraEnv }, folder: this.userFolder },
		);
		this.children.add(child);
		child.once('exit', () => this.children.delete(child));
		return child;
	}

	/**
	 * Options for Node.js itself, on its command line: NODE_OPTIONS would also reach the task
	 * runner n8n starts, and a heap cap is meant for n8n's own process.
	 */
	private nodeArguments(): string[] {
		return this.options.maxOldSpaceSizeMb === undefined
			? []
			: [`--max-old-space-size=${this.options.maxOldSpaceSizeMb}`];
	}

	/** Runs one n8n CLI command (`import:workflow`, `execute`, ...) to its end. */
	async cli(args: string[], { timeoutMs = 120_000 } = {}): Promise<CliResult> {
		const child = this.spawnN8n(args);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(
			() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'),
			timeoutMs,
		);
		const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
		clearTimeout(timer);
		return { code, signal, stdout, stderr, command: `n8n ${args.join(' ')}` };
	}

	/** Like cli(), but a non-zero exit is an error that shows n8n's output. */
	async cliOk(args: string[], options?: { timeoutMs?: number }): Promise<CliResult> {
		const result = await this.cli(args, options);
		if (result.code !== 0) throw new Error(describeFailure(result));
		return result;
	}

	/** `n8n start`; resolves once the database is migrated and the editor answers. */
	async start(options: ServeOptions = {}): Promise<string> {
		return await this.serve(['start'], /Editor is now accessible via/, {}, options);
	}

	/**
	 * `n8n worker` (queue mode: EXECUTIONS_MODE=queue and the queue's settings in `env`), taking
	 * at most `concurrency` executions at a time. Its health server listens on this instance's
	 * port; resolves once the worker says it is ready and its readiness check (database and
	 * Redis) passes.
	 */
	async startWorker({
		concurrency,
		...options
	}: ServeOptions & { concurrency: number }): Promise<string> {
		return await this.serve(
			['worker', `--concurrency=${concurrency}`],
			/n8n worker is now ready/,
			{
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(this.port),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			},
			options,
		);
	}

	private async serve(
		args: string[],
		readyLine: RegExp,
		extraEnv: NodeJS.ProcessEnv,
		{ timeoutMs = 180_000, onOutput }: ServeOptions,
	): Promise<string> {
		if (this.server) throw new Error('already started');
		const child = this.spawnN8n(args, extraEnv);
		this.server = child;
		const collect = (chunk: Buffer) => {
			const text = chunk.toString();
			this.serverLog = (this.serverLog + text).slice(-200_000);
			onOutput?.(text);
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		let exited = false;
		child.once('exit', () => (exited = true));
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (exited)
				throw new Error(
					`n8n ${args[0]} ended before it was ready:\n${this.serverLog.slice(-5000)}`,
				);
			if (readyLine.test(this.serverLog) && (await this.isReady())) return this.baseUrl;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(
			`n8n was not ready after ${timeoutMs / 1000} s:\n${this.serverLog.slice(-5000)}`,
		);
	}

	private async isReady(): Promise<boolean> {
		try {
			const response = await fetch(`${this.baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(2000),
			});
			return response.ok;
		} catch {
			return false;
		}
	}

	/** What `n8n start` (or `n8n worker`) printed so far (the last 200,000 characters). */
	get log(): string {
		return this.serverLog;
	}

	/** The process id of `n8n start` or `n8n worker` while it runs (the leader of its group). */
	get serverPid(): number | undefined {
		return this.server && isRunning(this.server) ? this.server.pid : undefined;
	}

	/**
	 * Ends the server's process group with `signal` at once, as a crash or the kernel's
	 * out-of-memory killer would (SIGKILL: nothing is cleaned up, no execution is finished),
	 * and waits for it to be gone. The user folder stays until stop().
	 */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
		if (!this.server) return;
		await stopProcessGroup(this.server, { signal, graceMs: 5_000 });
		this.server = undefined;
	}

	/** Resolves when the server ends (at once when none runs), with its exit code or signal. */
	async exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
		const server = this.server;
		if (!server || !isRunning(server))
			return { code: server?.exitCode ?? null, signal: server?.signalCode ?? null };
		const [code, signal] = (await once(server, 'exit')) as [number | null, NodeJS.Signals | null];
		return { code, signal };
	}

	/** Creates the instance owner through n8n's REST API (what the setup page posts). */
	async setupOwner(owner: {
		email: string;
		firstName: string;
		lastName: string;
		password: string;
	}): Promise<void> {
		const response = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!response.ok)
			throw new Error(`owner setup failed: HTTP ${response.status} ${await response.text()}`);
	}

	/** Signs in through the REST API; returns the cookie header for further requests. */
	async signIn(email: string, password: string): Promise<string> {
		const response = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		if (!response.ok)
			throw new Error(`sign-in failed: HTTP ${response.status} ${await response.text()}`);
		return response.headers
			.getSetCookie()
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
	}

	/** Stops every n8n process of this instance (SIGTERM, then SIGKILL after 15 s) and removes the user folder. */
	async stop(): Promise<void> {
		await Promise.all([...this.children].map(async (child) => await stopProcessGroup(child)));
		this.server = undefined;
		removeTemporaryFolder(this.userFolder);
	}
}

export function describeFailure(result: CliResult): string {
	const how = result.signal ? `was ended by ${result.signal}` : `exited with code ${result.code}`;
	return `${result.command} ${how}\n--- stdout (end) ---\n${result.stdout.slice(-6000)}\n--- stderr (end) ---\n${result.stderr.slice(-3000)}`;
}

/**
 * `npm pack` of the built package (run `npm run build` first) into `destination`: the tarball
 * a user would get from the registry. Returns its path.
 */
export function packPackage(destination: string): string {
	mkdirSync(destination, { recursive: true });
	const result = spawnSync(
		'npm',
		['pack', '--json', '--pack-destination', destination, '--loglevel=error'],
		{
			cwd: REPO_ROOT,
			encoding: 'utf8',
		},
	);
	if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
	const [packed] = JSON.parse(result.stdout) as { filename: string }[];
	return path.join(destination, packed.filename);
}
