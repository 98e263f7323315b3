import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	cashfreeWorkflow,
	type CashfreeWorkflowOptions,
} from '../../tools/engine/cashfree-workflow';
import { N8nEngine, type N8nLine, type RunResult } from '../../tools/engine/n8n-engine';
import { CashfreeSimulator, type SimulatorOptions } from '../../tools/simulator';

export const CLIENT_ID = 'test_client_id';
/** Distinctive, so a scan for it cannot match anything by chance. */
export const CLIENT_SECRET = 'cfsk_ma_test_Zq8XsecretV4lue_41f9';

export interface Harness {
	engine: N8nEngine;
	simulator: CashfreeSimulator;
	/** Adds a Cashfree credential pointing at the simulator; returns the node's credentials field. */
	credential(overrides?: IDataObject): Promise<INode['credentials']>;
	/** Adds a Cashfree Payouts credential for the simulator's /payout, signing with its public key. */
	payoutsCredential(overrides?: IDataObject): Promise<INode['credentials']>;
	stop(): Promise<void>;
}

/** A simulator and an engine; `line` picks the n8n-core the node runs in (2.x unless asked). */
export async function startHarness(
	options: SimulatorOptions = {},
	line: N8nLine = '2.x',
): Promise<Harness> {
	const simulator = new CashfreeSimulator({
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		...options,
	});
	await simulator.start();
	const engine = await N8nEngine.load(undefined, line);
	let credentialCount = 0;
	return {
		engine,
		simulator,
		credential: async (overrides = {}) =>
			await engine.addCredential({
				id: `cred-${++credentialCount}`,
				data: {
					clientId: CLIENT_ID,
					clientSecret: CLIENT_SECRET,
					environment: 'custom',
					baseUrl: simulator.baseUrl,
					...overrides,
				},
			}),
		payoutsCredential: async (overrides = {}) =>
			await engine.addCredential({
				id: `cred-${++credentialCount}`,
				name: 'Cashfree Payouts account',
				type: 'cashfreePayoutsApi',
				data: { ...payoutsCredentialData(simulator), ...overrides } as Record<string, string>,
			}),
		stop: async () => await simulator.stop(),
	};
}

/** A Payouts credential's data for the simulator: its keys, /payout, and its public key. */
export function payoutsCredentialData(simulator: CashfreeSimulator): Record<string, string> {
	return {
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		environment: 'custom',
		baseUrl: simulator.payoutsBaseUrl,
		secondFactor: simulator.payouts.publicKeyPem ? 'publicKey' : 'ipAllowlist',
		publicKey: simulator.payouts.publicKeyPem ?? '',
	};
}

/**
 * Starts one simulator and engine for a test file (stopped after it) with a fresh simulator
 * state for every test. The returned object reads through to the running harness.
 */
export function useHarness(options: SimulatorOptions = {}, line: N8nLine = '2.x'): Harness {
	let running: Harness | undefined;
	const current = () => {
		if (!running) throw new Error('the harness starts in beforeAll; use it inside a test');
		return running;
	};
	beforeAll(async () => {
		running = await startHarness(options, line);
	});
	afterAll(async () => {
		await running?.stop();
	});
	beforeEach(() => {
		current().simulator.reset();
	});
	return {
		get engine() {
			return current().engine;
		},
		get simulator() {
			return current().simulator;
		},
		credential: async (overrides) => await current().credential(overrides),
		payoutsCredential: async (overrides) => await current().payoutsCredential(overrides),
		stop: async () => await current().stop(),
	};
}

export type CashfreeNodeOptions = CashfreeWorkflowOptions;

export function itemsFor(linkIds: unknown[]): INodeExecutionData[] {
	return linkIds.map((link_id) => ({ json: { link_id } as IDataObject }));
}

/** Runs the Cashfree node on `linkIds` and returns what n8n recorded. */
export async function runCashfree(
	harness: Harness,
	linkIds: unknown[],
	options: Omit<CashfreeNodeOptions, 'credentials'> & {
		credentials?: INode['credentials'];
		cancelAfterMs?: number;
	} = {},
): Promise<RunResult & { items: INodeExecutionData[] }> {
	const credentials = options.credentials ?? (await harness.credential());
	const result = await harness.engine.run(
		cashfreeWorkflow({ ...options, credentials }),
		itemsFor(linkIds),
		{
			cancelAfterMs: options.cancelAfterMs,
		},
	);
	return { ...result, items: result.outputs.Cashfree ?? [] };
}

/**
 * Runs one operation of the Cashfree node on `items` (each item's JSON is what expressions in
 * `parameters` read) and returns what n8n recorded.
 */
export async function runOperation(
	harness: Harness,
	resource: string,
	operation: string,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: Omit<CashfreeNodeOptions, 'credentials' | 'parameters'> & {
		credentials?: INode['credentials'];
	} = {},
): Promise<RunResult & { items: INodeExecutionData[] }> {
	const credentials = options.credentials ?? (await harness.credential());
	const workflow = cashfreeWorkflow({
		...options,
		credentials,
		parameters: { resource, operation, ...parameters },
	});
	// Only the parameters given: the cancel default's Link ID is not a field of other operations.
	if (!('linkId' in parameters)) delete workflow.nodes[0].parameters.linkId;
	const result = await harness.engine.run(
		workflow,
		items.map((json) => ({ json })),
	);
	return { ...result, items: result.outputs.Cashfree ?? [] };
}

/**
 * Runs one operation of the Cashfree Payouts node on `items` with a Payouts credential (signing
 * with the simulator's key unless `credentials` says otherwise); returns what n8n recorded.
 */
export async function runPayouts(
	harness: Harness,
	resource: string,
	operation: string,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
	options: Omit<CashfreeNodeOptions, 'credentials' | 'parameters' | 'nodeType'> & {
		credentials?: INode['credentials'];
	} = {},
): Promise<RunResult & { items: INodeExecutionData[] }> {
	const credentials = options.credentials ?? (await harness.payoutsCredential());
	const nodeName = options.nodeName ?? 'Cashfree Payouts';
	const workflow = cashfreeWorkflow({
		...options,
		nodeName,
		credentials,
		nodeType: 'cashfreePayouts',
		parameters: { resource, operation, ...parameters },
	});
	const result = await harness.engine.run(
		workflow,
		items.map((json) => ({ json })),
	);
	return { ...result, items: result.outputs[nodeName] ?? [] };
}

/** What n8n records of a NodeApiError: the node's error, with Cashfree's details in `context`. */
export type RecordedApiError = Error & {
	description?: string | null;
	httpCode?: string | null;
	context: { itemIndex?: number; cashfree?: IDataObject };
};

/**
 * The one shape every Cashfree failure reaches the user in: a NodeApiError whose message is
 * Cashfree's and whose details carry its code, type, HTTP status and the request id the
 * simulator received. (n8n records the error across a boundary, so `instanceof` cannot tell.)
 */
export function expectCashfreeError(
	harness: Harness,
	error: unknown,
	expected: { status: number; code: string; message: string; type?: string },
): RecordedApiError {
	expect(error).toMatchObject({ name: 'NodeApiError', message: `Cashfree: ${expected.message}` });
	const recorded = error as RecordedApiError;
	const type = expected.type ?? 'invalid_request_error';
	expect(recorded.httpCode).toBe(String(expected.status));
	const sentRequestIds = harness.simulator.requests.map(
		(request) => request.headers['x-request-id'],
	);
	expect(recorded.context.cashfree).toMatchObject({
		httpStatus: expected.status,
		code: expected.code,
		type,
		requestId: expect.stringMatching(/./),
	});
	expect(sentRequestIds).toContain(recorded.context.cashfree?.requestId);
	expect(recorded.description).toMatch(
		new RegExp(`HTTP status: ${expected.status} · code: ${expected.code} · type: ${type} · `),
	);
	return recorded;
}

/** Each request the simulator received for `method` on a path ending in `pathEnd`, in order. */
export function sentRequests(harness: Harness, method: string, pathEnd: string) {
	return harness.simulator.requests.filter(
		(request) => request.method === method && request.path.endsWith(pathEnd),
	);
}

/** The body of each request the simulator received for `method` on a path ending in `pathEnd`. */
export function sentBodies(harness: Harness, method: string, pathEnd: string): IDataObject[] {
	return sentRequests(harness, method, pathEnd).map(
		(request) => JSON.parse(request.body) as IDataObject,
	);
}

/** Everything a user or a log reader could see of an error, as text. */
export function errorText(error: unknown): string {
	if (!error) return '';
	const e = error as Error & {
		description?: unknown;
		context?: unknown;
		messages?: unknown;
		cause?: unknown;
	};
	return [
		e.message,
		String(e.description ?? ''),
		safeJson(e),
		safeJson(e.context),
		safeJson(e.messages),
		e.stack ?? '',
		e.cause instanceof Error ? errorText(e.cause) : safeJson(e.cause),
	].join('\n');
}

export function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, inner: unknown) => {
				if (typeof inner === 'object' && inner !== null) {
					if (seen.has(inner)) return '[circular]';
					seen.add(inner);
				}
				return inner;
			}) ?? ''
		);
	} catch {
		return String(value);
	}
}
