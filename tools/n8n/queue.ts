/**
 * n8n in queue mode on this machine, as the teams that clean up thousands of links run it: a
 * throw-away PostgreSQL cluster and Redis server (Debian's packages, each on a free port on
 * 127.0.0.1, data in a temporary folder), one main instance (`n8n start`: editor, REST API,
 * production webhooks, schedules) and workers (`n8n worker`) that take the executions from
 * Redis. Every process runs in its own process group and is stopped by it, also when the
 * caller dies first (see spawnProcessGroup in instance.ts).
 *
 * Settings read from n8n 2.41.1's source (@n8n/config, n8n/dist/scaling):
 * - EXECUTIONS_MODE=queue, DB_TYPE=postgresdb + DB_POSTGRESDB_*, QUEUE_BULL_REDIS_HOST/PORT, and
 *   one N8N_ENCRYPTION_KEY for all (a worker decrypts the credentials main imported).
 * - OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true: without it an execution started from the editor
 *   or `POST /rest/workflows/:id/run` runs in main even in queue mode (WorkflowRunner); with it
 *   every execution goes through the queue, as scheduled and webhook ones always do.
 * - A worker logs "Worker started execution <id> (job <job>)" (JobProcessor) when it takes an
 *   execution: that is how a test tells which worker ran it. Nothing in the stored execution
 *   names the worker.
 * - A worker that dies holds its job's lock until QUEUE_WORKER_LOCK_DURATION passes; another
 *   worker's stalled-job check (every QUEUE_WORKER_STALLED_INTERVAL) then fails the job (n8n
 *   sets Bull's maxStalledCount to 0: a crashed execution is never run again by itself).
 *   Main's queue recovery (every N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL minutes, 180 by
 *   default) may mark it "crashed", but main, waiting on the job, then records it as "error"
 *   ("failed to be processed too many times") with an empty execution stack, so a Retry of it
 *   runs nothing. The defaults (60 s, 30 s, 3 h) can be shortened (`fastCrashRecovery`) so a test sees that in
 *   seconds. The lock is renewed from the worker's event loop: a worker that blocks it longer
 *   than the lock duration (seen with a 10,000-id list written out in one expression) loses a
 *   job it is still running, which main then marks "crashed" too.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { N8nInstallation } from './install';
import {
	freePort,
	N8nInstance,
	packPackage,
	removeTemporaryFolder,
	spawnProcessGroup,
	stopProcessGroup,
	temporaryFolder,
	type ServeOptions,
} from './instance';

const INSTALL_HINT =
	'run e2e/install-system-packages.sh (Debian packages postgresql, redis-server)';

/** Waits until `pattern` appears in what a child prints, failing if it ends first. */
async function waitForOutput(
	child: ChildProcess,
	pattern: RegExp,
	what: string,
	timeoutMs = 60_000,
): Promise<() => string> {
	let output = '';
	const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`${what} was not ready after ${timeoutMs / 1000} s:\n${output}`));
		}, timeoutMs);
		const check = () => {
			if (!pattern.test(output)) return;
			cleanup();
			resolve();
		};
		const ended = () => {
			cleanup();
			reject(new Error(`${what} ended before it was ready:\n${output}`));
		};
		const cleanup = () => {
			clearTimeout(timer);
			child.stdout?.off('data', check);
			child.stderr?.off('data', check);
			child.off('exit', ended);
		};
		child.stdout?.on('data', check);
		child.stderr?.on('data', check);
		child.once('exit', ended);
	});
	return () => output;
}

/**
 * PostgreSQL's own programs (initdb, postgres, createdb) are not on Debian's PATH: they live
 * in /usr/lib/postgresql/<major>/bin. The newest installed major is used.
 */
function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const majors = existsSync(root)
		? readdirSync(root)
				.filter((name) => existsSync(path.join(root, name, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length === 0) throw new Error(`PostgreSQL is not installed: ${INSTALL_HINT}`);
	return path.join(root, majors[0], 'bin');
}

/** The uid and gid of the `postgres` user Debian's package creates. */
function postgresUser(): { uid: number; gid: number } {
	const id = (flag: string) => {
		const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
		if (result.status !== 0) throw new Error(`no "postgres" user: ${INSTALL_HINT}`);
		return Number(result.stdout.trim());
	};
	return { uid: id('-u'), gid: id('-g') };
}

/**
 * PostgreSQL refuses to run as root; as root its programs run as the `postgres` user
 * (`runuser -u postgres -- ...`), otherwise as the current user.
 */
function asPostgres(program: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', program, ...args]]
		: [program, args];
}

/** A throw-away PostgreSQL cluster: initdb into a temporary folder, one database for n8n. */
export class PostgresServer {
	static readonly DATABASE = 'n8n';
	static readonly USER = 'n8n';

	private constructor(
		readonly folder: string,
		readonly port: number,
		private readonly server: ChildProcess,
	) {}

	static async start(): Promise<PostgresServer> {
		const bin = postgresBinDir();
		const folder = temporaryFolder('n8n-queue-postgres-');
		try {
			if (process.getuid?.() === 0) {
				const { uid, gid } = postgresUser();
				chownSync(folder, uid, gid);
			}
			const dataDir = path.join(folder, 'data');
			const run = (program: string, args: string[]) => {
				const [command, commandArgs] = asPostgres(path.join(bin, program), args);
				const result = spawnSync(command, commandArgs, { cwd: folder, encoding: 'utf8' });
				if (result.status !== 0)
					throw new Error(`${program} failed (${result.status}): ${result.stderr}${result.stdout}`);
			};
			// Trust on loopback and the socket: nothing but this machine's tests can reach it.
			run('initdb', [
				`--pgdata=${dataDir}`,
				`--username=${PostgresServer.USER}`,
				'--auth=trust',
				'--encoding=UTF8',
				'--no-sync',
			]);
			const port = await freePort();
			const [command, args] = asPostgres(path.join(bin, 'postgres'), [
				'-D',
				dataDir,
				'-p',
				String(port),
				'-k',
				folder,
				'-c',
				'listen_addresses=127.0.0.1',
				// A throw-away database: nothing needs to survive a power cut.
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			]);
			const server = spawnProcessGroup(command, args, { cwd: folder, env: process.env, folder });
			const postgres = new PostgresServer(folder, port, server);
			try {
				await waitForOutput(server, /database system is ready to accept connections/, 'PostgreSQL');
				run('createdb', [
					'-h',
					folder,
					'-p',
					String(port),
					'-U',
					PostgresServer.USER,
					PostgresServer.DATABASE,
				]);
			} catch (error) {
				await postgres.stop();
				throw error;
			}
			return postgres;
		} catch (error) {
			removeTemporaryFolder(folder);
			throw error;
		}
	}

	/** n8n's settings for this database. */
	n8nEnv(): NodeJS.ProcessEnv {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: PostgresServer.DATABASE,
			DB_POSTGRESDB_USER: PostgresServer.USER,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	/** SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for clients to disconnect). */
	async stop(): Promise<void> {
		await stopProcessGroup(this.server, { signal: 'SIGINT', graceMs: 10_000 });
		removeTemporaryFolder(this.folder);
	}
}

/** A throw-away Redis server: no persistence, its working folder a temporary one. */
export class RedisServer {
	private constructor(
		readonly folder: string,
		readonly port: number,
		private readonly server: ChildProcess,
	) {}

	static async start(): Promise<RedisServer> {
		if (spawnSync('redis-server', ['--version']).status !== 0)
			throw new Error(`redis-server is not installed: ${INSTALL_HINT}`);
		const folder = temporaryFolder('n8n-queue-redis-');
		const port = await freePort();
		const server = spawnProcessGroup(
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				folder,
				'--daemonize',
				'no',
			],
			{ cwd: folder, env: process.env, folder },
		);
		const redis = new RedisServer(folder, port, server);
		try {
			await waitForOutput(server, /Ready to accept connections/, 'Redis');
		} catch (error) {
			await redis.stop();
			throw error;
		}
		return redis;
	}

	n8nEnv(): NodeJS.ProcessEnv {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}

	async stop(): Promise<void> {
		await stopProcessGroup(this.server, { signal: 'SIGTERM', graceMs: 10_000 });
		removeTemporaryFolder(this.folder);
	}
}

export interface QueueOptions {
	/** How many workers start with main (default 2). */
	workers?: number;
	/**
	 * Executions one worker takes at a time (`n8n worker --concurrency`, default 1): with 1,
	 * two executions queued together go to two workers, which is what the tests look at.
	 */
	workerConcurrency?: number;
	/** Extra environment for every n8n process (main and workers). */
	env?: NodeJS.ProcessEnv;
	/**
	 * Notice a dead worker's execution within about 20 s instead of n8n's minutes: a 10 s job
	 * lock, a stalled-job check every 5 s and queue recovery every 6 s. Only for executions
	 * that never block a worker's event loop for 10 s (see the file comment).
	 */
	fastCrashRecovery?: boolean;
	/**
	 * Called before main and the workers start: import credentials and workflows here (n8n's
	 * CLI, on main). The first CLI command migrates the database, so main and the workers then
	 * start side by side; without `prepare` main starts (and migrates) first.
	 */
	prepare?: (main: N8nInstance) => Promise<void>;
}

export interface WorkerOptions extends ServeOptions {
	/** Node.js's heap cap for this worker's n8n process. */
	maxOldSpaceSizeMb?: number;
}

/** PostgreSQL, Redis, one main n8n and its workers, all with the package installed. */
export class N8nQueue {
	readonly workers: N8nInstance[] = [];
	private readonly encryptionKey = randomBytes(24).toString('hex');
	private mainInstance: N8nInstance | undefined;

	private constructor(
		readonly installation: N8nInstallation,
		readonly postgres: PostgresServer,
		readonly redis: RedisServer,
		/** Holds the packed package until stop(): workers added later install it too. */
		private readonly packDir: string,
		private readonly tarball: string,
		private readonly options: QueueOptions,
	) {}

	get main(): N8nInstance {
		if (!this.mainInstance) throw new Error('main is not created yet');
		return this.mainInstance;
	}

	/**
	 * Starts everything. `npm run build` must have run: the package is packed once, as a user
	 * would get it, and installed into every n8n's user folder.
	 */
	static async start(installation: N8nInstallation, options: QueueOptions = {}): Promise<N8nQueue> {
		const packDir = temporaryFolder('n8n-nodes-cashfree-pack-');
		let postgres: PostgresServer | undefined;
		let redis: RedisServer | undefined;
		let queue: N8nQueue | undefined;
		try {
			const tarball = packPackage(packDir);
			const [database, broker] = await Promise.allSettled([
				PostgresServer.start(),
				RedisServer.start(),
			]);
			if (database.status === 'fulfilled') postgres = database.value;
			if (broker.status === 'fulfilled') redis = broker.value;
			if (database.status === 'rejected') throw database.reason;
			if (broker.status === 'rejected') throw broker.reason;
			queue = new N8nQueue(installation, database.value, broker.value, packDir, tarball, options);
			const main = await queue.createInstance();
			queue.mainInstance = main;
			const workers = () =>
				Array.from({ length: options.workers ?? 2 }, async () => await queue?.addWorker());
			// Never two processes migrating one database side by side (see `prepare`).
			if (options.prepare) {
				await options.prepare(main);
				await Promise.all([main.start(), ...workers()]);
			} else {
				await main.start();
				await Promise.all(workers());
			}
			return queue;
		} catch (error) {
			if (queue) await queue.stop();
			else await Promise.all([postgres?.stop(), redis?.stop()]);
			removeTemporaryFolder(packDir);
			throw error;
		}
	}

	/** What every n8n process of this queue shares. */
	private env(): NodeJS.ProcessEnv {
		return {
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			...this.postgres.n8nEnv(),
			...this.redis.n8nEnv(),
			...(this.options.fastCrashRecovery
				? {
						QUEUE_WORKER_LOCK_DURATION: '10000',
						QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
						QUEUE_WORKER_STALLED_INTERVAL: '5000',
						N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.1',
					}
				: {}),
			...this.options.env,
		};
	}

	private async createInstance(maxOldSpaceSizeMb?: number): Promise<N8nInstance> {
		const instance = await N8nInstance.create(this.installation, {
			env: this.env(),
			maxOldSpaceSizeMb,
		});
		try {
			await instance.installPackage(this.tarball);
		} catch (error) {
			await instance.stop();
			throw error;
		}
		return instance;
	}

	/** Starts one more worker (its own user folder with the package, its own ports). */
	async addWorker({ maxOldSpaceSizeMb, ...serve }: WorkerOptions = {}): Promise<N8nInstance> {
		const worker = await this.createInstance(maxOldSpaceSizeMb);
		this.workers.push(worker);
		await worker.startWorker({ concurrency: this.options.workerConcurrency ?? 1, ...serve });
		return worker;
	}

	/** Stops a worker and forgets it. */
	async removeWorker(worker: N8nInstance): Promise<void> {
		this.workers.splice(this.workers.indexOf(worker), 1);
		await worker.stop();
	}

	/**
	 * The workers whose log says they took this execution ("Worker started execution <id>"),
	 * by their index in `workers` (1 for the first), so a test can say which ran it.
	 */
	workersThatRan(executionId: string): number[] {
		const started = new RegExp(`Worker started execution ${executionId} \\(job `);
		return this.workers
			.map((worker, index) => (started.test(worker.log) ? index + 1 : 0))
			.filter((number) => number > 0);
	}

	/** The end of every process's log, for a failure message. */
	logs(characters = 3000): string {
		return [this.main, ...this.workers]
			.map(
				(instance, index) =>
					`--- ${index === 0 ? 'main' : `worker ${index}`} ---\n${instance.log.slice(-characters)}`,
			)
			.join('\n');
	}

	async stop(): Promise<void> {
		const instances = [this.mainInstance, ...this.workers];
		await Promise.all(instances.map(async (instance) => await instance?.stop()));
		this.workers.length = 0;
		await Promise.all([this.redis.stop(), this.postgres.stop()]);
		removeTemporaryFolder(this.packDir);
	}
}

/**
 * Resident memory of a running process from /proc (bytes): now (VmRSS) and its peak so far
 * (VmHWM); undefined once the process is gone.
 */
export function residentMemory(pid: number): { now: number; peak: number } | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kilobytes = (field: string) =>
			Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status)?.[1] ?? NaN);
		return { now: kilobytes('VmRSS') * 1024, peak: kilobytes('VmHWM') * 1024 };
	} catch {
		return undefined;
	}
}
