import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	asNodeError,
	AUTO_CONCURRENCY,
	createCashfreeClient,
	failureOf,
	RunStoppedError,
	type ApiVersion,
	type CashfreeClient,
	type CashfreeProduct,
} from '../transport';
import type { RunInfo } from './common/apiVersion';
import type { RequestOptions } from './common/readOptions';

/** What every operation's `read` gives back: at least the item's checked Additional Options. */
export interface OperationRequest {
	options: RequestOptions;
}

/**
 * One operation of the node (Payment Link → Cancel, Order → Get, …): its editor fields and
 * two steps. `read` takes and checks one item's parameters without any network call; `send`
 * talks to Cashfree through the run's client. Every item is read before any is sent, so one
 * bad parameter stops the run before anything at Cashfree has been touched.
 */
export interface CashfreeOperation<Request extends OperationRequest = OperationRequest> {
	description: INodeProperties[];
	read(context: IExecuteFunctions, itemIndex: number, run: RunInfo): Request;
	/** One output item, or one per entry of a list Cashfree answered (all paired to this item). */
	send(
		context: IExecuteFunctions,
		client: CashfreeClient,
		request: Request,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[]>;
	/**
	 * For operations that change something at Cashfree: how to name what a successful item
	 * did, so that a failed run can say what else was carried out before it stopped.
	 */
	carriedOut?: { singular: string; plural: string; verb: string; id(request: Request): string };
	/** Whether this operation sends the Idempotency Key (a key may then not repeat across items). */
	sendsIdempotencyKey?: boolean;
}

type Prepared<Request> = { request: Request } | { error: Error };

/** The error as an output item: the message and every detail a later step may branch on. */
function errorJson(error: Error): IDataObject {
	const { description, context } = error as Error & {
		description?: string | null;
		context?: { cashfree?: IDataObject };
	};
	const cashfree = context?.cashfree ?? {};
	const json: IDataObject = { error: error.message };
	if (description) json.errorDescription = description;
	for (const key of [
		'httpStatus',
		'code',
		'type',
		'requestId',
		'networkCode',
		'retryAfterSeconds',
		'idempotencyKey',
	]) {
		if (cashfree[key] !== undefined) json[key] = cashfree[key];
	}
	// Three outcomes, not two: a state change whose answer was lost may have happened.
	if (cashfree.outcomeUnknown === true) json.outcome = 'unknown';
	return json;
}

/** Shown ids are capped so that a run of thousands still gets a readable message. */
const MAX_IDS_IN_MESSAGE = 10;

/** "a, b, c" or "a, b, … and 3 more": a run of thousands still gets a readable message. */
function idList(ids: string[]): string {
	const shown = ids.slice(0, MAX_IDS_IN_MESSAGE).join(', ');
	const more =
		ids.length > MAX_IDS_IN_MESSAGE ? ` and ${ids.length - MAX_IDS_IN_MESSAGE} more` : '';
	return `${shown}${more}`;
}

/**
 * "3 other links were cancelled before the run stopped: a, b, c", or that none was; then the
 * items whose answer was lost: "1 other refund may have been created (its answer was lost): r;
 * check with Get before running them again".
 */
function carriedOutSentence<Request extends OperationRequest>(
	operation: CashfreeOperation<Request>,
	ids: string[],
	unknownIds: string[],
): string | undefined {
	const done = operation.carriedOut;
	if (!done) return undefined;
	const count = (n: number) => (n === 1 ? `${done.singular} was` : `${done.plural} were`);
	const sentences = [
		ids.length === 0
			? `No other ${done.singular} was ${done.verb} before the run stopped.`
			: `${ids.length} other ${count(ids.length)} ${done.verb} before the run stopped: ${idList(ids)}.`,
	];
	if (unknownIds.length > 0) {
		const noun = unknownIds.length === 1 ? done.singular : done.plural;
		sentences.push(
			`${unknownIds.length} other ${noun} may have been ${done.verb} (the answer was lost): ${idList(unknownIds)}; check with Get before running ${unknownIds.length === 1 ? 'it' : 'them'} again.`,
		);
	}
	return sentences.join(' ');
}

/** The same fixed key on two items: Cashfree would answer the second with the first's result. */
function refuseRepeatedKeys<Request extends OperationRequest>(
	context: IExecuteFunctions,
	prepared: Array<Prepared<Request>>,
	continueOnFail: boolean,
): void {
	const firstItem = new Map<string, number>();
	prepared.forEach((item, itemIndex) => {
		const key = 'request' in item ? item.request.options.idempotencyKey : undefined;
		if (key === undefined) return;
		const first = firstItem.get(key);
		if (first === undefined) return void firstItem.set(key, itemIndex);
		const error = new NodeOperationError(
			context.getNode(),
			`Invalid Idempotency Key in item ${itemIndex}: item ${first} has the same key "${key}"`,
			{
				itemIndex,
				description:
					"Each item needs its own Idempotency Key: Cashfree answers a repeated key with the first request's result (or refuses it), so the second item would not be carried out. Build the key from the item, e.g. cancel-{{ $json.link_id }} or refund-{{ $json.ticket }}, or leave it empty for a key derived per item. Nothing was sent to Cashfree.",
			},
		);
		if (!continueOnFail) throw error;
		prepared[itemIndex] = { error };
	});
}

/** Every item read and checked, before anything is sent; without Continue On Fail the first bad one stops the run. */
function readItems<Request extends OperationRequest>(
	context: IExecuteFunctions,
	operation: CashfreeOperation<Request>,
	run: RunInfo,
	continueOnFail: boolean,
): Array<Prepared<Request>> {
	const prepared = context.getInputData().map((_, itemIndex): Prepared<Request> => {
		try {
			return { request: operation.read(context, itemIndex, run) };
		} catch (error) {
			if (!continueOnFail) throw asNodeError(context, error, itemIndex);
			return { error: error as Error };
		}
	});
	if (operation.sendsIdempotencyKey) refuseRepeatedKeys(context, prepared, continueOnFail);
	return prepared;
}

/** One run of an operation over the items, as its items are sent. */
interface ItemRun<Request extends OperationRequest> {
	context: IExecuteFunctions;
	client: CashfreeClient;
	operation: CashfreeOperation<Request>;
	prepared: Array<Prepared<Request>>;
	continueOnFail: boolean;
	/** Each item's output items, in input order whatever order the answers came in. */
	output: INodeExecutionData[][];
	/** The first failure, which stops the run (without Continue On Fail). */
	failure?: { error: Error; itemIndex: number };
	/** Items (other than the run's error) whose state change may have happened: answer lost. */
	unknownItems: Set<number>;
}

/** Sends one item and records what came of it. */
async function sendItem<Request extends OperationRequest>(
	run: ItemRun<Request>,
	itemIndex: number,
): Promise<void> {
	const { context, client, operation } = run;
	const pairedItem = { item: itemIndex };
	const item = run.prepared[itemIndex];
	if ('error' in item) {
		run.output[itemIndex] = [{ json: errorJson(item.error), pairedItem }];
		return;
	}
	try {
		const answer = await operation.send(context, client, item.request, itemIndex);
		const entries = Array.isArray(answer) ? answer : [answer];
		run.output[itemIndex] = entries.map((json) => ({ json, pairedItem }));
		client.run.settle(itemIndex, false);
	} catch (error) {
		// Not sent because another item had already failed: that item's error is the run's.
		if (error instanceof RunStoppedError) return;
		client.run.settle(itemIndex, true);
		if (run.continueOnFail) {
			run.output[itemIndex] = [{ json: errorJson(error as Error), pairedItem }];
		} else if (run.failure === undefined) {
			run.failure = { error: asNodeError(context, error, itemIndex), itemIndex };
		} else if (failureOf(error)?.outcomeUnknown) {
			run.unknownItems.add(itemIndex);
		}
	}
}

/** The run's error, completed with what the other items carried out before it stopped. */
function withCarriedOut<Request extends OperationRequest>(
	run: ItemRun<Request>,
	{ error: runError, itemIndex: failedItem }: { error: Error; itemIndex: number },
): Error {
	const { operation, prepared } = run;
	const idsWhere = (included: (itemIndex: number) => boolean) =>
		prepared.flatMap((item, itemIndex) =>
			'request' in item && itemIndex !== failedItem && operation.carriedOut && included(itemIndex)
				? [operation.carriedOut.id(item.request)]
				: [],
		);
	const ids = idsWhere((itemIndex) => run.output[itemIndex] !== undefined);
	const unknownIds = idsWhere((itemIndex) => run.unknownItems.has(itemIndex));
	// With one item there is nothing else to account for: its own error says it all.
	if (prepared.length === 1) return runError;
	const others = carriedOutSentence(operation, ids, unknownIds);
	const failed = prepared[failedItem];
	const own =
		failureOf(runError)?.outcomeUnknown && operation.carriedOut && 'request' in failed
			? `This item's ${operation.carriedOut.singular} (${operation.carriedOut.id(failed.request)}) may have been ${operation.carriedOut.verb}: check with Get before running it again.`
			: undefined;
	const sentence = [own, others].filter(Boolean).join(' ') || undefined;
	if (sentence) {
		const described = runError as Error & { description?: string | null };
		runError.message = `${runError.message.replace(/\.?\s*$/, '.')} ${sentence}`;
		described.description = described.description
			? `${described.description}\n${sentence}`
			: sentence;
	}
	return runError;
}

/**
 * Runs `operation` over the input items, Items at Once at a time, with one client for the
 * product made for the run. Output order and pairedItem are those of the input, whatever order
 * the answers come back in. Without Continue On Fail the first failure stops the run at once
 * (see RunControl): requests already sent finish, nothing else starts, and the error says
 * what the other items carried out (or may have) before it stopped.
 */
export async function runOperation<Request extends OperationRequest>(
	context: IExecuteFunctions,
	operation: CashfreeOperation<Request>,
	product: CashfreeProduct,
): Promise<INodeExecutionData[]> {
	if (context.getInputData().length === 0) return [];
	const continueOnFail = context.continueOnFail();
	const client = await createCashfreeClient(context, product);
	const info: RunInfo = { apiVersion: client.apiVersion as ApiVersion };
	const prepared = readItems(context, operation, info, continueOnFail);
	// Run-wide settings come from the first item, as n8n nodes usually do for node-level options.
	const first = prepared.find((item): item is { request: Request } => 'request' in item)?.request
		.options;
	client.configure({
		stopOnFailure: !continueOnFail,
		rateLimitWaitBudget: first?.rateLimitWaitBudget ?? 0,
	});
	const run: ItemRun<Request> = {
		context,
		client,
		operation,
		prepared,
		continueOnFail,
		output: new Array(prepared.length),
		unknownItems: new Set(),
	};
	// Items at Once as set, or from the default up while Cashfree shows room (AUTO_CONCURRENCY).
	const fixed = first?.concurrency;
	const ceiling = Math.min(fixed ?? AUTO_CONCURRENCY.max, prepared.length);
	const workers: Array<Promise<void>> = [];
	let nextItem = 0;
	const worker = async () => {
		while (!client.run.stopped && run.failure === undefined && nextItem < prepared.length) {
			await sendItem(run, nextItem++);
			// As many more as Cashfree shows room for, one per item still waiting.
			while (
				workers.length < ceiling &&
				workers.length < prepared.length - nextItem &&
				client.hasRoomFor(workers.length + 1)
			) {
				workers.push(worker());
			}
		}
	};
	const initial = Math.max(1, Math.min(fixed ?? AUTO_CONCURRENCY.start, prepared.length));
	for (let started = 0; started < initial; started++) workers.push(worker());
	// The list grows while it is awaited: every worker started on the way is waited for too.
	for (let index = 0; index < workers.length; index++) await workers[index];
	if (run.failure) throw withCarriedOut(run, run.failure);
	return run.output.flat();
}

/**
 * Runs the operation the node's Resource and Operation name, for `product`: the one router of
 * every Cashfree node (resource → operation → CashfreeOperation).
 */
export async function runChosenOperation(
	context: IExecuteFunctions,
	operationsByResource: Record<string, Record<string, CashfreeOperation>>,
	product: CashfreeProduct,
): Promise<INodeExecutionData[]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	// Own properties only: "constructor" or "__proto__" is not an operation of ours.
	const implementation = Object.hasOwn(operationsByResource, resource)
		? Object.hasOwn(operationsByResource[resource], operation)
			? operationsByResource[resource][operation]
			: undefined
		: undefined;
	if (!implementation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return await runOperation(context, implementation, product);
}

/** A resource's editor fields: its Operation selector, then each operation's own fields. */
export function resourceProperties(
	operationField: INodeProperties,
	operations: Record<string, CashfreeOperation>,
): INodeProperties[] {
	return [
		operationField,
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}
