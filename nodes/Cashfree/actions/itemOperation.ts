import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestOptions } from '../requestOptions';
import { RunStoppedError } from '../runControl';
import { apiVersionOf, asNodeError, configureRun, runControlOf } from '../transport';
import type { RunInfo } from './common/apiVersion';

/**
 * An operation in two steps: `read` takes and checks one item's parameters without any
 * network call, `send` talks to Cashfree. The node reads every item before it sends any,
 * so one bad parameter stops the run before anything at Cashfree has been touched.
 */
export interface ItemOperation<Request extends { options: RequestOptions }> {
	read(context: IExecuteFunctions, itemIndex: number, run: RunInfo): Request;
	/** One output item, or one per entry of a list Cashfree answered (all paired to this item). */
	send(
		this: IExecuteFunctions,
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

/** An operation as the router sees it: its editor fields and how to run it over the items. */
export interface CashfreeOperation {
	description: INodeProperties[];
	execute(context: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/** Pairs an operation's fields with its implementation; the request type stays inside. */
export function defineOperation<Request extends { options: RequestOptions }>(
	description: INodeProperties[],
	operation: ItemOperation<Request>,
): CashfreeOperation {
	return { description, execute: async (context) => await runItemOperation(context, operation) };
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
	]) {
		if (cashfree[key] !== undefined) json[key] = cashfree[key];
	}
	return json;
}

/** Shown ids are capped so that a run of thousands still gets a readable message. */
const MAX_IDS_IN_MESSAGE = 10;

/** "3 other links were cancelled before the run stopped: a, b, c", or that none was. */
function carriedOutSentence<Request extends { options: RequestOptions }>(
	operation: ItemOperation<Request>,
	ids: string[],
): string | undefined {
	const done = operation.carriedOut;
	if (!done) return undefined;
	if (ids.length === 0) return `No other ${done.singular} was ${done.verb} before the run stopped.`;
	const noun = ids.length === 1 ? `${done.singular} was` : `${done.plural} were`;
	const shown = ids.slice(0, MAX_IDS_IN_MESSAGE).join(', ');
	const more =
		ids.length > MAX_IDS_IN_MESSAGE ? ` and ${ids.length - MAX_IDS_IN_MESSAGE} more` : '';
	return `${ids.length} other ${noun} ${done.verb} before the run stopped: ${shown}${more}.`;
}

/** The same fixed key on two items: Cashfree would answer the second with the first's result. */
function repeatedKeyError<Request extends { options: RequestOptions }>(
	context: IExecuteFunctions,
	prepared: Array<Prepared<Request>>,
	itemIndex: number,
	firstItem: Map<string, number>,
): Error | undefined {
	const item = prepared[itemIndex];
	const key = 'request' in item ? item.request.options.idempotencyKey : undefined;
	if (key === undefined) return undefined;
	const first = firstItem.get(key);
	if (first === undefined) {
		firstItem.set(key, itemIndex);
		return undefined;
	}
	return new NodeOperationError(
		context.getNode(),
		`Invalid Idempotency Key in item ${itemIndex}: item ${first} has the same key "${key}"`,
		{
			itemIndex,
			description:
				"Each item needs its own Idempotency Key: Cashfree answers a repeated key with the first request's result (or refuses it), so the second item would not be carried out. Build the key from the item, e.g. cancel-{{ $json.link_id }} or refund-{{ $json.ticket }}, or leave it empty for a key derived per item. Nothing was sent to Cashfree.",
		},
	);
}

/**
 * Runs `operation` over the input items, Items at Once at a time. Output order and pairedItem
 * are those of the input, whatever order the answers come back in. Without Continue On Fail
 * the first failure stops the run at once (see RunControl): requests already sent finish,
 * nothing else starts, and the error says what the other items carried out before it stopped.
 */
export async function runItemOperation<Request extends { options: RequestOptions }>(
	context: IExecuteFunctions,
	operation: ItemOperation<Request>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	if (items.length === 0) return [];
	const continueOnFail = context.continueOnFail();
	const run: RunInfo = { apiVersion: await apiVersionOf(context) };
	const prepared: Array<Prepared<Request>> = items.map((_, itemIndex) => {
		try {
			return { request: operation.read(context, itemIndex, run) };
		} catch (error) {
			if (!continueOnFail) throw asNodeError(context, error, itemIndex);
			return { error: error as Error };
		}
	});
	if (operation.sendsIdempotencyKey) {
		const firstItem = new Map<string, number>();
		prepared.forEach((_, itemIndex) => {
			const error = repeatedKeyError(context, prepared, itemIndex, firstItem);
			if (!error) return;
			if (!continueOnFail) throw error;
			prepared[itemIndex] = { error };
		});
	}

	// Run-wide settings come from the first item, as n8n nodes usually do for node-level options.
	const first = prepared.find((item): item is { request: Request } => 'request' in item)?.request
		.options;
	configureRun(context, {
		stopOnFailure: !continueOnFail,
		rateLimitWaitBudget: first?.rateLimitWaitBudget ?? 0,
	});
	const control = runControlOf(context);

	const output: INodeExecutionData[][] = new Array(items.length);
	let nextItem = 0;
	let runError: Error | undefined;
	let failedItem: number | undefined;
	const worker = async () => {
		while (!control.stopped && runError === undefined && nextItem < items.length) {
			const itemIndex = nextItem++;
			const pairedItem = { item: itemIndex };
			const item = prepared[itemIndex];
			if ('error' in item) {
				output[itemIndex] = [{ json: errorJson(item.error), pairedItem }];
				continue;
			}
			try {
				const answer = await operation.send.call(context, item.request, itemIndex);
				output[itemIndex] = (Array.isArray(answer) ? answer : [answer]).map((json) => ({
					json,
					pairedItem,
				}));
				control.settle(itemIndex, false);
			} catch (error) {
				// Not sent because another item had already failed: that item's error is the run's.
				if (error instanceof RunStoppedError) return;
				control.settle(itemIndex, true);
				if (!continueOnFail) {
					if (runError === undefined) {
						runError = asNodeError(context, error, itemIndex);
						failedItem = itemIndex;
					}
					return;
				}
				output[itemIndex] = [{ json: errorJson(error as Error), pairedItem }];
			}
		}
	};
	const workers = Math.max(1, Math.min(first?.concurrency ?? 1, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (runError) {
		const ids = prepared.flatMap((item, itemIndex) =>
			'request' in item &&
			output[itemIndex] !== undefined &&
			itemIndex !== failedItem &&
			operation.carriedOut
				? [operation.carriedOut.id(item.request)]
				: [],
		);
		// With one item there is nothing else to account for.
		const sentence = items.length > 1 ? carriedOutSentence(operation, ids) : undefined;
		if (sentence) {
			const described = runError as Error & { description?: string | null };
			runError.message = `${runError.message.replace(/\.?\s*$/, '.')} ${sentence}`;
			described.description = described.description
				? `${described.description}\n${sentence}`
				: sentence;
		}
		throw runError;
	}
	return output.flat();
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
