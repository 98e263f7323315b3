/**
 * What the simulator's own tests share: its answers held to the schemas in test/schemas
 * (derived from Cashfree's OpenAPI documents), and plain HTTP calls with the credential headers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv from 'ajv';

import { CashfreeSimulator, type ApiVersion, type SimulatorOptions } from '../../tools/simulator';

const ajv = new Ajv({ allErrors: true });
const schemaDirectory = join(__dirname, '..', 'schemas');
for (const file of readdirSync(schemaDirectory).filter((name) => name.endsWith('.json'))) {
	ajv.addSchema(JSON.parse(readFileSync(join(schemaDirectory, file), 'utf8')));
}

/**
 * 2023-08-01 has no document of its own; it answers in the 2025-01-01 shapes. Neither has
 * 2026-01-01 (Cashfree publishes it through its Go SDK v6): its answers are 2025-01-01's plus
 * fields that appear only when a request set them, which the tests of those fields check.
 */
export function schemaVersion(version: ApiVersion): string {
	return version === '2022-09-01' ? '2022-09-01' : '2025-01-01';
}

export function expectMatchesSchema(schemaId: string, value: unknown): void {
	const validate = ajv.getSchema(schemaId);
	if (!validate) throw new Error(`no schema ${schemaId}`);
	validate(value);
	expect(validate.errors ?? []).toEqual([]);
}

export interface CallOptions {
	method?: string;
	body?: unknown;
	/** A header set to `undefined` is left out of the request. */
	headers?: Record<string, string | undefined>;
	version?: string;
}

export interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	/** Tests hold answers to their schemas first, then read fields without casts. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

/**
 * For one set of keys: `call(simulator, path, options)` sends them (and, unless told otherwise,
 * `defaultVersion`); `withSimulator(options, test)` runs `test` against a simulator of its own.
 */
export function simulatorKit(
	clientId: string,
	clientSecret: string,
	defaultVersion: ApiVersion = '2025-01-01',
) {
	async function withSimulator(
		options: SimulatorOptions,
		test: (simulator: CashfreeSimulator) => Promise<void>,
	): Promise<void> {
		const simulator = new CashfreeSimulator({ clientId, clientSecret, ...options });
		await simulator.start();
		try {
			await test(simulator);
		} finally {
			await simulator.stop();
		}
	}

	async function call(
		simulator: CashfreeSimulator,
		path: string,
		options: CallOptions = {},
	): Promise<CallResult> {
		const headers: Record<string, string | undefined> = {
			'x-client-id': clientId,
			'x-client-secret': clientSecret,
			'x-api-version': options.version ?? defaultVersion,
			...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
			...options.headers,
		};
		const response = await fetch(simulator.baseUrl + path, {
			method: options.method ?? 'GET',
			headers: Object.fromEntries(
				Object.entries(headers).filter(
					(entry): entry is [string, string] => entry[1] !== undefined,
				),
			),
			body:
				options.body === undefined
					? undefined
					: typeof options.body === 'string'
						? options.body
						: JSON.stringify(options.body),
		});
		const text = await response.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	/** One simulator for the test file: started before its tests, reset before each, stopped after. */
	function useSimulator(): CashfreeSimulator {
		const simulator = new CashfreeSimulator({ clientId, clientSecret });
		beforeAll(async () => await simulator.start());
		afterAll(async () => await simulator.stop());
		beforeEach(() => simulator.reset());
		return simulator;
	}

	return { call, withSimulator, useSimulator };
}
