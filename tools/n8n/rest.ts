/**
 * A started n8n's internal REST API (`/rest/...`, what its editor calls), signed in as a user.
 *
 * It is how the e2e suite handles data tables, which n8n 2.41.1's CLI cannot: `n8n execute`
 * does not start n8n's backend modules (only `start`, `webhook` and `worker` do), so a
 * Data table node run from the CLI fails with "Attempted to use Data table node but the module
 * is disabled", and no CLI command creates a table. So the table is created as the editor's
 * "Create data table" does (`POST /rest/projects/:projectId/data-tables`, in the owner's
 * personal project, where `n8n import:workflow` puts workflows), and workflows that use it run
 * as the editor's "Execute workflow" runs them (`POST /rest/workflows/:id/run`). Workflows with
 * a trigger are published (activated) as the editor's Publish button does, and the executions
 * their triggers start are read back (`GET /rest/executions`). The public API
 * (`/api/v1/data-tables`) could create the table as well, but needs an API key and cannot run
 * a workflow.
 */
import { createRequire } from 'node:module';

import type { DataTableDefinition, ExecutionResult } from './examples';
import type { N8nInstance } from './instance';
import { pollUntil } from './poll';

/** A data table row: the table's columns plus n8n's own `id`, `createdAt` and `updatedAt`. */
export type DataTableRow = Record<string, unknown> & { id: number };

/** A stored execution as n8n lists it. */
export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	finished?: boolean;
	[key: string]: unknown;
}

/** Execution statuses after which n8n no longer changes an execution. */
const FINAL_STATUSES = ['success', 'error', 'canceled', 'crashed'];

/** Whether n8n no longer changes this execution (its status is a final one). */
export function isFinished(execution: Pick<ExecutionSummary, 'status'>): boolean {
	return FINAL_STATUSES.includes(execution.status);
}

/**
 * One entry per execution id, in the list's order, keeping the finished copy when an id comes
 * twice. n8n 2.41.1's `GET /rest/executions` reads the running and the finished executions in
 * two queries side by side and concatenates them (findCurrentAndCompleted in
 * dist/executions/execution-list-v1.service.js), so an execution that ends between the two is
 * listed twice: once "running", once finished. Every count and wait of the e2e suite reads
 * executions through executionsOf(), which applies this.
 */
export function distinctExecutions<T extends Pick<ExecutionSummary, 'id' | 'status'>>(
	list: T[],
): T[] {
	const byId = new Map<string, T>();
	for (const execution of list) {
		const kept = byId.get(execution.id);
		if (kept === undefined || (!isFinished(kept) && isFinished(execution)))
			byId.set(execution.id, execution);
	}
	return [...byId.values()];
}
/** n8n's own limit on `take` for lists. */
const PAGE_SIZE = 250;

export class N8nRestSession {
	private personalProject: string | undefined;

	private constructor(
		readonly instance: N8nInstance,
		private readonly cookie: string,
	) {}

	/** Signs in (the owner must be set up: N8nInstance.setupOwner). */
	static async signIn(
		instance: N8nInstance,
		email: string,
		password: string,
	): Promise<N8nRestSession> {
		return new N8nRestSession(instance, await instance.signIn(email, password));
	}

	/** One call; n8n wraps every answer in `{ data }`, which this unwraps. */
	async request<T>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.instance.baseUrl}/rest${route}`, {
			method,
			headers: {
				cookie: this.cookie,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text.slice(0, 2000)}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** The signed-in user's personal project: the one imported workflows and their tables share. */
	async personalProjectId(): Promise<string> {
		this.personalProject ??= (await this.request<{ id: string }>('GET', '/projects/personal')).id;
		return this.personalProject;
	}

	private async tableRoute(tableId?: string): Promise<string> {
		const tables = `/projects/${await this.personalProjectId()}/data-tables`;
		return tableId === undefined ? tables : `${tables}/${tableId}`;
	}

	async createDataTable(table: DataTableDefinition): Promise<string> {
		const created = await this.request<{ id: string }>('POST', await this.tableRoute(), {
			name: table.name,
			columns: table.columns,
		});
		return created.id;
	}

	/** Every row, in the order they were inserted. */
	async dataTableRows(tableId: string): Promise<DataTableRow[]> {
		const rows: DataTableRow[] = [];
		for (;;) {
			const query = new URLSearchParams({
				skip: String(rows.length),
				take: String(PAGE_SIZE),
				sortBy: 'id:asc',
			});
			const page = await this.request<{ count: number; data: DataTableRow[] }>(
				'GET',
				`${await this.tableRoute(tableId)}/rows?${query}`,
			);
			rows.push(...page.data);
			if (page.data.length === 0 || rows.length >= page.count) return rows;
		}
	}

	async insertDataTableRows(tableId: string, rows: Record<string, unknown>[]): Promise<void> {
		await this.request('POST', `${await this.tableRoute(tableId)}/insert`, { data: rows });
	}

	/** Sets `data` on every row whose columns equal all of `match`. */
	async updateDataTableRows(
		tableId: string,
		match: Record<string, string | number | boolean>,
		data: Record<string, unknown>,
	): Promise<void> {
		const filters = Object.entries(match).map(([columnName, value]) => ({
			columnName,
			condition: 'eq',
			value,
		}));
		await this.request('PATCH', `${await this.tableRoute(tableId)}/rows`, {
			filter: { type: 'and', filters },
			data,
		});
	}

	/**
	 * Runs a saved workflow from one of its triggers, as "Execute workflow" in the editor does,
	 * and waits for the execution to end. The execution is what n8n stored (mode "manual").
	 */
	async runWorkflow(
		workflowId: string,
		triggerName: string,
		{ timeoutMs = 90_000 } = {},
	): Promise<ExecutionResult & { id: string }> {
		const executionId = await this.startWorkflow(workflowId, triggerName);
		return await this.waitForExecution(workflowId, executionId, { timeoutMs });
	}

	/** Starts a saved workflow as runWorkflow() does; returns the execution id at once. */
	async startWorkflow(workflowId: string, triggerName: string): Promise<string> {
		const started = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${workflowId}/run`,
			{ triggerToStartFrom: { name: triggerName } },
		);
		if (started.executionId === undefined)
			throw new Error(
				`workflow ${workflowId} did not start from "${triggerName}": ${JSON.stringify(started)}`,
			);
		return started.executionId;
	}

	/**
	 * Waits until an execution of a workflow has one of `statuses` (default: any final one) and
	 * returns it with its data. It watches the workflow's list of executions, which comes
	 * without their data: a clean-up of thousands of links stores megabytes.
	 */
	async waitForExecution(
		workflowId: string,
		executionId: string,
		{ timeoutMs = 90_000, statuses = FINAL_STATUSES } = {},
	): Promise<ExecutionResult & { id: string }> {
		await pollUntil(
			async () => (await this.executionsOf(workflowId)).find(({ id }) => id === executionId),
			(listed) => listed !== undefined && statuses.includes(listed.status),
			{
				timeoutMs,
				timedOut: (listed) =>
					`execution ${executionId} of workflow ${workflowId} ${listed ? `still "${listed.status}"` : 'not listed'} after ${timeoutMs / 1000} s, expected ${statuses.join(' or ')}`,
			},
		);
		return await this.execution(executionId);
	}

	/**
	 * Publishes (activates) a saved workflow, as the editor's Publish button does
	 * (`POST /rest/workflows/:id/activate`, n8n 2.x): its triggers start listening at once, in
	 * this running n8n. Throws with n8n's reason when the workflow cannot be activated.
	 */
	async activateWorkflow(
		workflowId: string,
	): Promise<{ active: boolean; activeVersionId?: string | null }> {
		// n8n 2.41.1 requires the version to publish; the current one is what the editor shows.
		const { versionId } = await this.request<{ versionId: string }>(
			'GET',
			`/workflows/${workflowId}`,
		);
		return await this.request('POST', `/workflows/${workflowId}/activate`, { versionId });
	}

	/** Unpublishes a workflow (the editor's Unpublish): its triggers stop. */
	async deactivateWorkflow(workflowId: string): Promise<void> {
		await this.request('POST', `/workflows/${workflowId}/deactivate`, {});
	}

	/**
	 * Waits until a trigger's production URL answers something other than n8n's 404: on a cold
	 * start the activate call returned before the webhook was registered, and the first
	 * delivery got a 404 (Cashfree, like the simulator, then retries: two deliveries for one
	 * event). The probe is an empty, unsigned POST, which a verifying trigger refuses with 401
	 * without starting an execution.
	 */
	async waitForWebhook(url: string, timeoutMs = 30_000): Promise<number> {
		return await pollUntil(
			async () => {
				const response = await fetch(url, {
					method: 'POST',
					body: '{}',
					headers: { 'content-type': 'application/json' },
				});
				await response.arrayBuffer();
				return response.status;
			},
			(status) => status !== 404,
			{ timeoutMs, everyMs: 200, timedOut: () => `${url} still answers 404 after ${timeoutMs} ms` },
		);
	}

	/** One stored execution, with its data. */
	async execution(executionId: string): Promise<ExecutionResult & { id: string }> {
		const execution = await this.request<{
			id: string;
			status: string;
			mode: string;
			finished: boolean;
			data: string;
		}>('GET', `/executions/${executionId}`);
		return {
			id: execution.id,
			status: execution.status,
			mode: execution.mode,
			finished: execution.finished,
			data: this.parseExecutionData(execution.data),
		};
	}

	/**
	 * A workflow's stored executions (running ones first, then the newest, at most 100),
	 * without their data: each id once (distinctExecutions), whatever n8n's list repeats.
	 */
	async executionsOf(workflowId: string): Promise<ExecutionSummary[]> {
		const query = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '100' });
		const page = await this.request<{ results: ExecutionSummary[] }>('GET', `/executions?${query}`);
		return distinctExecutions(page.results);
	}

	/**
	 * Waits until a workflow has `count` stored executions, all ended, then returns them, oldest
	 * first. Fails if there are more, or if they are not there after `timeoutMs`.
	 */
	async waitForExecutions(
		workflowId: string,
		count: number,
		{ timeoutMs = 30_000 } = {},
	): Promise<ExecutionSummary[]> {
		const executions = await pollUntil(
			async () => await this.executionsOf(workflowId),
			(found) => {
				if (found.length > count)
					throw new Error(
						`workflow ${workflowId} has ${found.length} executions, expected ${count}: ${JSON.stringify(found)}`,
					);
				return found.length === count && found.every(isFinished);
			},
			{
				timeoutMs,
				timedOut: (found) =>
					`workflow ${workflowId}: ${found.length} executions after ${timeoutMs / 1000} s, expected ${count}: ${JSON.stringify(found)}`,
			},
		);
		return executions.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * n8n stores and sends execution data in the `flatted` format (JSON that can hold cycles);
	 * it is read with the copy of flatted that n8n itself uses.
	 */
	private parseExecutionData(text: string): ExecutionResult['data'] {
		const flatted = createRequire(this.instance.installation.n8nCli)('flatted') as {
			parse(text: string): unknown;
		};
		return flatted.parse(text) as ExecutionResult['data'];
	}
}
