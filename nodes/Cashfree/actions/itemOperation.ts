import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from '../transport';

/**
 * An operation in two steps: `read` takes and checks one item's parameters without any
 * network call, `send` talks to Cashfree. The node reads every item before it sends any,
 * so one bad parameter stops the run before a single link has been touched.
 */
export interface ItemOperation<Request> {
	read(context: IExecuteFunctions, itemIndex: number): Request;
	send(this: IExecuteFunctions, request: Request, itemIndex: number): Promise<IDataObject>;
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
	for (const key of ['httpStatus', 'code', 'type', 'requestId', 'networkCode', 'retryAfterSeconds']) {
		if (cashfree[key] !== undefined) json[key] = cashfree[key];
	}
	return json;
}

/**
 * Runs `operation` over the input items, `concurrency` at a time. Output order and
 * pairedItem are those of the input, whatever order the answers come back in. Without
 * Continue On Fail the first failure stops new items from starting (those already sent
 * finish) and fails the run.
 */
export async function runItemOperation<Request>(
	context: IExecuteFunctions,
	operation: ItemOperation<Request>,
	concurrency: number,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const continueOnFail = context.continueOnFail();
	const prepared: Array<Prepared<Request>> = items.map((_, itemIndex) => {
		try {
			return { request: operation.read(context, itemIndex) };
		} catch (error) {
			if (!continueOnFail) throw asNodeError(context, error, itemIndex);
			return { error: error as Error };
		}
	});

	const output: INodeExecutionData[] = new Array(items.length);
	let nextItem = 0;
	let runError: Error | undefined;
	const worker = async () => {
		while (runError === undefined && nextItem < items.length) {
			const itemIndex = nextItem++;
			const pairedItem = { item: itemIndex };
			const item = prepared[itemIndex];
			if ('error' in item) {
				output[itemIndex] = { json: errorJson(item.error), pairedItem };
				continue;
			}
			try {
				output[itemIndex] = { json: await operation.send.call(context, item.request, itemIndex), pairedItem };
			} catch (error) {
				if (!continueOnFail) {
					runError ??= asNodeError(context, error, itemIndex);
					return;
				}
				output[itemIndex] = { json: errorJson(error as Error), pairedItem };
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (runError) throw runError;
	return output;
}
