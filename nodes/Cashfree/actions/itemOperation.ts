import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeError, NodeOperationError } from 'n8n-workflow';

/**
 * An operation in two steps: `read` takes and checks one item's parameters without any
 * network call, `send` talks to Cashfree. The node reads every item before it sends any,
 * so one bad parameter stops the run before a single link has been touched.
 */
export interface ItemOperation<Request> {
	read(context: IExecuteFunctions, itemIndex: number): Request;
	send(this: IExecuteFunctions, request: Request, itemIndex: number): Promise<IDataObject>;
}

/** Operations throw n8n errors already; anything else (a bug) still reaches n8n as one. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	return error instanceof NodeError
		? error
		: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
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

export async function runItemOperation<Request>(
	context: IExecuteFunctions,
	operation: ItemOperation<Request>,
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

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const item = prepared[itemIndex];
		if ('error' in item) {
			output.push({ json: errorJson(item.error), pairedItem });
			continue;
		}
		try {
			const json = await operation.send.call(context, item.request, itemIndex);
			output.push({ json, pairedItem });
		} catch (error) {
			if (!continueOnFail) throw asNodeError(context, error, itemIndex);
			output.push({ json: errorJson(error as Error), pairedItem });
		}
	}
	return output;
}
