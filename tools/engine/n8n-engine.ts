/**
 * Runs workflows with n8n's own engine (n8n-core's WorkflowExecute), the way n8n runs them,
 * minus the database and the HTTP server: the package is loaded from its built `dist` by
 * n8n's PackageDirectoryLoader (through the `n8n` attribute of package.json), credentials
 * are stored encrypted with n8n's Credentials class and resolved like n8n's CredentialsHelper
 * does (defaults applied, the generic `authenticate` block evaluated as expressions), and the
 * credential Test button runs the node's test function as n8n's CredentialsTester does.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// n8n keeps its settings and encryption key in a user folder; give this process a private one
// before n8n-core reads it, so nothing is written to the user's real ~/.n8n. It is removed
// once n8n has read it (see useLocalEncryptionKey).
const privateUserFolder = process.env.N8N_USER_FOLDER
	? undefined
	: (process.env.N8N_USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'cashfree-n8n-')));
process.env.N8N_ENCRYPTION_KEY ??= 'cashfree-node-local-engine-key';
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';

import * as backendCommon from '@n8n/backend-common';
import * as di from '@n8n/di';
import * as n8nCore from 'n8n-core';
import type { ExecutionLifecycleHooks, PackageDirectoryLoader } from 'n8n-core';
import * as n8nWorkflow from 'n8n-workflow';
import {
	ICredentialsHelper,
	type Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialsExpressionResolveValues,
	type ICredentialTestFunction,
	type ICredentialTestFunctions,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeCredentialTestResult,
	type IExecuteData,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRequestOptionsSimplified,
	type IRun,
	type IVersionedNodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { CapturingLogger, type LogRecord } from './capturing-logger';

export type { LogRecord } from './capturing-logger';

/** The project's root, from the TypeScript sources and from their build in build/ alike. */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

function findPackageRoot(start: string): string {
	let dir = start;
	while (dir !== path.dirname(dir)) {
		try {
			const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
				name?: string;
			};
			if (pkg.name === 'n8n-nodes-cashfree') return dir;
		} catch {
			// not here; keep walking up
		}
		dir = path.dirname(dir);
	}
	throw new Error('package.json of n8n-nodes-cashfree not found above ' + start);
}

/**
 * Which n8n the engine runs: the project's n8n-core 2.x, or the n8n-core of the last n8n 1.x
 * (1.123.x), installed under the alias `n8n-core-1` with its own n8n-workflow, @n8n/di and
 * @n8n/backend-common. The package under test is the same built `dist/` for both.
 */
export type N8nLine = '2.x' | '1.x';

/** The n8n modules of one line; 1.x's are typed as 2.x's, and used only where both agree. */
interface LineModules {
	core: typeof n8nCore;
	workflow: typeof n8nWorkflow;
	di: typeof di;
	backendCommon: typeof backendCommon;
}

/**
 * A module as n8n-core-1 sees it, resolved from its own folder, so that its n8n-workflow,
 * container and logger are the ones it was built with, as in an n8n 1.x install.
 */
function requireForLine1(id: string): unknown {
	const from = path.dirname(require.resolve('n8n-core-1'));
	return require(require.resolve(id, { paths: [from] })) as unknown;
}

function lineModules(line: N8nLine): LineModules {
	if (line === '2.x') return { core: n8nCore, workflow: n8nWorkflow, di, backendCommon };
	return {
		core: requireForLine1('n8n-core-1') as typeof n8nCore,
		workflow: requireForLine1('n8n-workflow') as typeof n8nWorkflow,
		di: requireForLine1('@n8n/di') as typeof di,
		backendCommon: requireForLine1('@n8n/backend-common') as typeof backendCommon,
	};
}

/** n8n's instance settings are read (and kept in memory); the folder has served its purpose. */
function removePrivateUserFolder() {
	if (privateUserFolder) rmSync(privateUserFolder, { recursive: true, force: true });
}

/**
 * Credentials are encrypted with the instance key. n8n 1.x uses it directly. n8n 2.x encrypts
 * with a data key that is itself wrapped by the instance key and served by a key provider (a
 * database table in n8n): one key held in memory plays that part.
 */
function useLocalEncryptionKey({ core, di: { Container } }: LineModules) {
	if (!('EncryptionKeyProxy' in core)) {
		Container.get((core as typeof n8nCore).InstanceSettings);
		removePrivateUserFolder();
		return;
	}
	const cipher = Container.get(core.Cipher);
	removePrivateUserFolder();
	const key = {
		id: 'engine-key-1',
		value: cipher.encryptDEKWithInstanceKey(randomBytes(32).toString('hex')),
		algorithm: 'aes-256-gcm',
		format: 'prefixed' as const,
	};
	Container.get(core.EncryptionKeyProxy).setProvider({
		getActiveKey: async () => key,
		getKeyById: async (id) => (id === key.id ? key : null),
		getLegacyKey: async () => key,
	});
}

/**
 * n8n-core 1.x's SSHClientsManager (made for every execute context) starts a 60 s cleanup
 * interval that only n8n's shutdown hook clears, so it would keep this process alive after
 * the last run; n8n 2.x unrefs it, and so does the engine for 1.x.
 */
function releaseCleanupTimer({ di: { Container } }: LineModules) {
	const { SSHClientsManager } = requireForLine1(
		'n8n-core-1/dist/execution-engine/ssh-clients-manager',
	) as { SSHClientsManager: new () => { cleanupTimer?: NodeJS.Timeout } };
	Container.get(SSHClientsManager).cleanupTimer?.unref();
}

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	/** Encrypted, as n8n keeps credential data in its database. */
	encryptedData: string;
}

class PackageNodeTypes implements INodeTypes {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly n8n: LineModules,
	) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.loader.getNode(this.shortName(nodeType)).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return this.n8n.workflow.NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return this.loader.known.nodes as unknown as IDataObject;
	}

	private shortName(nodeType: string): string {
		const prefix = `${this.loader.packageName}.`;
		if (!nodeType.startsWith(prefix)) throw new Error(`Unknown node type "${nodeType}"`);
		return nodeType.slice(prefix.length);
	}
}

/** The parts of n8n's CredentialsHelper that run a node: same order of steps, no database. */
class EngineCredentialsHelper extends ICredentialsHelper {
	readonly stored = new Map<string, StoredCredential>();

	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly n8n: LineModules,
	) {
		super();
	}

	credentialType(type: string): ICredentialType {
		return this.loader.getCredential(type).type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialType(type).properties;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type !== 'generic') return requestOptions as IHttpRequestOptions;
		if (!workflow || !node)
			throw new Error('Workflow and node are required for generic authentication');
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			target[section] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				const resolve = (raw: unknown) =>
					typeof raw === 'string' && raw.startsWith('=')
						? String(
								workflow.expression.getSimpleParameterValue(
									node,
									raw,
									'internal',
									{ $credentials: credentials },
									undefined,
									'',
								) ?? '',
							)
						: raw;
				target[section][String(resolve(key))] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<n8nCore.Credentials> {
		const stored = nodeCredentials.id ? this.stored.get(nodeCredentials.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new Error(
				`Credential "${nodeCredentials.name}" (${nodeCredentials.id ?? 'no id'}) of type ${type} not found`,
			);
		}
		return new this.n8n.core.Credentials(
			{ id: stored.id, name: stored.name },
			stored.type,
			stored.encryptedData,
		);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		_raw?: boolean,
		resolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		const data = this.applyDefaults(type, await credentials.getData());
		if (!resolveValues) return data;
		// Like n8n, a credential field may hold an expression, resolved in the calling item's context.
		return resolveValues.workflow.expression.getParameterValue(
			data as INodeParameters,
			resolveValues.runExecutionData,
			resolveValues.runIndex,
			resolveValues.itemIndex,
			resolveValues.node.name,
			resolveValues.connectionInputData,
			mode,
			this.n8n.core.getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
			executeData,
			false,
			data,
		) as ICredentialDataDecryptedObject;
	}

	/** What n8n does before using stored data: keep the type's fields, defaults for those unset. */
	applyDefaults(
		type: string,
		data: ICredentialDataDecryptedObject,
	): ICredentialDataDecryptedObject {
		return this.n8n.workflow.NodeHelpers.getNodeParameters(
			this.credentialType(type).properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}

export interface RunResult {
	run: IRun;
	/** Output items of each node that ran, by node name (first output, first run). */
	outputs: Record<string, INodeExecutionData[]>;
	/** The error that stopped the workflow, if any. */
	error?: Error;
	/** With `cancelAfterMs`: when the last node's own work ended (n8n reports cancellation at once). */
	nodeSettledAt?: number;
}

/** One HTTP delivery to a webhook trigger: what the sender puts on the wire. */
export interface WebhookDelivery {
	/** Header names in any case; n8n (Node's HTTP server) sees them lower-cased. */
	headers?: Record<string, string | string[]>;
	/** The body exactly as sent. */
	body: string | Buffer;
	method?: string;
	/** The trigger node's name (by default the workflow's first node). */
	node?: string;
	/** 'webhook' for the production URL (default), 'manual' for the editor's test URL. */
	mode?: 'webhook' | 'manual';
}

/** What the sender got back, and what n8n would do next. */
export interface WebhookOutcome {
	/** The HTTP status the sender received. */
	status: number;
	/** The JSON body the node answered with, or n8n's own answer when the node left it to n8n. */
	body: unknown;
	/** The items an execution would start with; undefined when no execution starts. */
	workflowData?: INodeExecutionData[][];
	/** What the node's `webhook()` returned. */
	response: IWebhookResponseData;
}

export interface CredentialInput {
	id?: string;
	name?: string;
	type?: string;
	data: ICredentialDataDecryptedObject;
}

export class N8nEngine {
	/** Every line n8n-core and the node logged, through n8n's Logger or LoggerProxy. */
	readonly logs: LogRecord[] = [];

	/** Every error n8n-core handed to its error reporter (Sentry, in a real n8n). */
	readonly reportedErrors: unknown[] = [];

	private constructor(
		/** The n8n line this engine runs. */
		readonly line: N8nLine,
		private readonly n8n: LineModules,
		readonly loader: PackageDirectoryLoader,
		readonly nodeTypes: PackageNodeTypes,
		readonly credentialsHelper: EngineCredentialsHelper,
	) {}

	/**
	 * Loads the built package from `packageRoot` the way n8n loads a community package, into
	 * the n8n-core of `line` (2.x unless asked).
	 */
	static async load(packageRoot = PACKAGE_ROOT, line: N8nLine = '2.x'): Promise<N8nEngine> {
		const n8n = lineModules(line);
		const { Container } = n8n.di;
		const logger = new CapturingLogger();
		Container.set(n8n.backendCommon.Logger, logger as unknown as backendCommon.Logger);
		n8n.workflow.LoggerProxy.init(logger);
		useLocalEncryptionKey(n8n);
		const loader = new n8n.core.PackageDirectoryLoader(packageRoot);
		await loader.loadAll();
		if (line === '1.x') releaseCleanupTimer(n8n);
		const engine = new N8nEngine(
			line,
			n8n,
			loader,
			new PackageNodeTypes(loader, n8n),
			new EngineCredentialsHelper(loader, n8n),
		);
		logger.sink = engine.logs;
		const report = (error: unknown) => engine.reportedErrors.push(error);
		Container.set(n8n.core.ErrorReporter, {
			error: report,
			warn: report,
			info: report,
		} as unknown as n8nCore.ErrorReporter);
		return engine;
	}

	get packageName(): string {
		return this.loader.packageName;
	}

	/** Stores a credential encrypted, as n8n's database would; returns its reference for a node. */
	async addCredential({
		id = 'cred-1',
		name = 'Cashfree account',
		type = 'cashfreeApi',
		data,
	}: CredentialInput) {
		const credentials = new this.n8n.core.Credentials({ id, name }, type);
		await credentials.setData(data);
		this.credentialsHelper.stored.set(id, {
			id,
			name,
			type,
			encryptedData: credentials.getDataToSave().data as string,
		});
		return { [type]: { id, name } };
	}

	/**
	 * Executes `workflow` from `startNode` (by default its first node) with `items` as that
	 * node's input, like a manual run of the workflow with those items pinned before it.
	 */
	async run(
		workflow: Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>,
		items: INodeExecutionData[] = [{ json: {} }],
		{
			startNode,
			mode = 'manual',
			cancelAfterMs,
		}: { startNode?: string; mode?: WorkflowExecuteMode; cancelAfterMs?: number } = {},
	): Promise<RunResult> {
		const workflowData: IWorkflowBase = {
			id: workflow.id ?? 'workflow-1',
			name: workflow.name ?? 'Cashfree workflow',
			active: false,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			settings: { executionOrder: 'v1' },
			...workflow,
		} as IWorkflowBase;
		const instance = new this.n8n.workflow.Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections: workflowData.connections,
			nodeTypes: this.nodeTypes,
			settings: workflowData.settings,
			active: false,
		});
		const start = instance.getNode(startNode ?? workflowData.nodes[0].name);
		if (!start) throw new Error(`Start node "${startNode}" not in workflow`);

		const executionId = `exec-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
		const hooks = new this.n8n.core.ExecutionLifecycleHooks(mode, executionId, workflowData);
		let resolveFinished: (run: IRun) => void = () => {};
		const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

		const additionalData = this.additionalData(hooks, executionId, workflowData.id);
		const runExecutionData = this.n8n.workflow.createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: start, data: { main: [items] }, source: null }],
			},
		});
		const execution = new this.n8n.core.WorkflowExecute(additionalData, mode, runExecutionData);
		const running = execution.processRunExecutionData(instance);
		if (cancelAfterMs !== undefined) {
			// n8n reports a cancelled run as finished at once; its promise still settles when the
			// running node's own work has ended (it does not reject on cancel).
			let nodeSettledAt: number | undefined;
			const nodeSettled = running.then(() => {
				nodeSettledAt = Date.now();
			});
			setTimeout(() => running.cancel(), cancelAfterMs);
			const run = await finished;
			let giveUp: NodeJS.Timeout | undefined;
			await Promise.race([
				nodeSettled,
				new Promise((resolve) => (giveUp = setTimeout(resolve, 20000))),
			]);
			clearTimeout(giveUp);
			return { run, outputs: {}, error: run.data.resultData.error, nodeSettledAt };
		}
		await running;
		const run = await finished;

		const outputs: Record<string, INodeExecutionData[]> = {};
		for (const [nodeName, taskData] of Object.entries(run.data.resultData.runData ?? {})) {
			const main = taskData[0]?.data?.main?.[0];
			if (main) outputs[nodeName] = main;
		}
		return { run, outputs, error: run.data.resultData.error };
	}

	/**
	 * Delivers one HTTP request to a webhook trigger node as n8n's webhook server does
	 * (WebhookService.runWebhook in packages/cli): the request and response objects go into the
	 * additional data, the node's `webhook()` runs in n8n-core's WebhookContext, and the answer is
	 * the node's own (`noWebhookResponse`) or n8n's "onReceived" 200. Only the HTTP objects are
	 * stand-ins: an express-like request carrying `rawBody` (the Buffer n8n's body parser keeps,
	 * with `body` parsed from it as n8n does for JSON) and a response recording what is sent.
	 */
	async deliverWebhook(
		workflow: Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>,
		delivery: WebhookDelivery,
	): Promise<WebhookOutcome> {
		const workflowId = workflow.id ?? 'workflow-1';
		const instance = new this.n8n.workflow.Workflow({
			id: workflowId,
			name: workflow.name ?? 'Cashfree workflow',
			nodes: workflow.nodes,
			connections: workflow.connections,
			nodeTypes: this.nodeTypes,
			settings: { executionOrder: 'v1' },
			active: true,
			// As n8n's LiveWebhooks does with the stored workflow's: what the trigger changes in
			// it is left in the caller's object, which stands for the database row.
			staticData: workflow.staticData,
		});
		const node = instance.getNode(delivery.node ?? workflow.nodes[0].name);
		if (!node) throw new Error(`Node "${delivery.node}" not in workflow`);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const method = (delivery.method ?? 'POST').toUpperCase();
		const description = nodeType.description.webhooks?.find(
			(webhook) => String(webhook.httpMethod).toUpperCase() === method,
		);
		if (!nodeType.webhook || !description) {
			throw new Error(`Node "${node.name}" has no ${method} webhook`);
		}

		const rawBody = Buffer.isBuffer(delivery.body)
			? delivery.body
			: Buffer.from(delivery.body, 'utf8');
		const headers: Record<string, string | string[]> = {};
		for (const [name, value] of Object.entries(delivery.headers ?? {})) {
			headers[name.toLowerCase()] = value;
		}
		headers['content-length'] ??= String(rawBody.length);
		let body: unknown = {};
		if (String(headers['content-type'] ?? '').includes('json')) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = {};
			}
		}
		const request = {
			method,
			url: `/webhook/${node.webhookId ?? ''}/${String(description.path)}`,
			headers,
			body,
			rawBody,
			query: {},
			params: {},
			readRawBody: async () => {},
			header: (name: string) => headers[name.toLowerCase()],
			get: (name: string) => headers[name.toLowerCase()],
		};
		const sent: { status?: number; body?: unknown; ended: boolean } = { ended: false };
		const response = {
			headersSent: false,
			status(code: number) {
				sent.status = code;
				return response;
			},
			json(value: unknown) {
				sent.body = value;
				sent.ended = true;
				response.headersSent = true;
				return response;
			},
			send(value?: unknown) {
				sent.body = value;
				sent.ended = true;
				response.headersSent = true;
				return response;
			},
			end(value?: unknown) {
				if (value !== undefined) sent.body = value;
				sent.ended = true;
				response.headersSent = true;
				return response;
			},
			setHeader: () => response,
			header: () => response,
			set: () => response,
		};

		const executionId = `webhook-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
		const hooks = new this.n8n.core.ExecutionLifecycleHooks('webhook', executionId, {
			id: workflowId,
		} as IWorkflowBase);
		const additionalData = {
			...this.additionalData(hooks, executionId, workflowId),
			httpRequest: request,
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData: IWebhookData = {
			httpMethod: method as IWebhookData['httpMethod'],
			node: node.name,
			path: this.n8n.workflow.NodeHelpers.getNodeWebhookPath(
				workflowId,
				node,
				String(description.path),
			),
			webhookDescription: description,
			workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new this.n8n.core.WebhookContext(
			instance,
			node,
			additionalData,
			delivery.mode ?? 'webhook',
			webhookData,
			[],
			null,
		);
		const result = (await nodeType.webhook.call(context)) as IWebhookResponseData;
		if (result.noWebhookResponse) {
			return {
				status: sent.status ?? 200,
				body: sent.body,
				workflowData: result.workflowData,
				response: result,
			};
		}
		// responseMode "onReceived": n8n answers 200 once the execution is started (or, with no
		// workflowData, without starting one).
		return {
			status: 200,
			body: result.workflowData
				? { message: 'Workflow was started' }
				: (result.webhookResponse ?? { message: 'Webhook call received' }),
			workflowData: result.workflowData,
			response: result,
		};
	}

	/**
	 * The credential's Test button, as n8n's CredentialsTester runs a test a node provides
	 * (`testedBy`): the function from the node's `methods.credentialTest`, called with n8n-core's
	 * CredentialTestContext and the decrypted data with the type's defaults applied.
	 */
	async testCredential(input: CredentialInput): Promise<INodeCredentialTestResult> {
		const type = input.type ?? 'cashfreeApi';
		const testFunction = this.credentialTestFunction(type);
		if (!testFunction)
			return { status: 'Error', message: 'No testing function found for this credential.' };
		const decrypted: ICredentialsDecrypted = {
			id: input.id ?? 'cred-test',
			name: input.name ?? 'test',
			type,
			data: this.credentialsHelper.applyDefaults(type, input.data),
		};
		return await testFunction.call(this.credentialTestContext(), decrypted);
	}

	/** The `this` n8n gives a credential test function. */
	credentialTestContext(): ICredentialTestFunctions {
		const hooks = new this.n8n.core.ExecutionLifecycleHooks(
			'internal',
			'credential-test',
			{} as IWorkflowBase,
		);
		return new this.n8n.core.CredentialTestContext(
			this.additionalData(hooks, 'credential-test', 'credential-test'),
		);
	}

	/**
	 * CredentialsTester.getCredentialTestFunction: a declarative `test` on the credential type
	 * comes first; otherwise the first node (newest version first) that names this credential
	 * with a `testedBy` string provides the function. The declarative path is not reproduced,
	 * as no credential of this package has one any more.
	 */
	credentialTestFunction(type: string): ICredentialTestFunction | undefined {
		if (this.credentialsHelper.credentialType(type).test) {
			throw new Error(
				`Credential type ${type} has a declarative test; this harness only runs tests named by testedBy`,
			);
		}
		for (const nodeName of this.loader.known.credentials[type]?.supportedNodes ?? []) {
			const node = this.nodeTypes.getByName(`${this.packageName}.${nodeName}`);
			const versions: INodeType[] =
				node instanceof this.n8n.workflow.VersionedNodeType
					? Object.keys(node.nodeVersions)
							.sort()
							.reverse()
							.map((version) => node.nodeVersions[Number(version)])
					: [node as INodeType];
			for (const nodeType of versions) {
				for (const { name, testedBy } of nodeType.description.credentials ?? []) {
					if (name !== type || !testedBy) continue;
					if (typeof testedBy !== 'string') {
						throw new Error(
							`Node ${nodeName} tests ${type} with a request description; this harness only runs test functions`,
						);
					}
					const testFunction = nodeType.methods?.credentialTest?.[testedBy];
					if (testFunction) return testFunction;
				}
			}
		}
		return undefined;
	}

	private additionalData(
		hooks: ExecutionLifecycleHooks,
		executionId: string,
		workflowId: string,
	): IWorkflowExecuteAdditionalData {
		const unsupported = (what: string) => () => {
			throw new Error(`${what} is not available in this engine harness`);
		};
		return {
			hooks,
			executionId,
			workflowId,
			credentialsHelper: this.credentialsHelper,
			executeWorkflow: unsupported('Sub-workflow execution'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('The task runner'),
			logAiEvent: () => {},
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
			mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
	}
}
