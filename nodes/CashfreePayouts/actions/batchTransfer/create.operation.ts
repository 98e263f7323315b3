import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RunInfo } from '../../../Cashfree/actions/common/apiVersion';
import { isOn, treatExistingFlag } from '../../../Cashfree/actions/common/existing';
import { idFieldRule } from '../../../Cashfree/actions/common/ids';
import { callSettings } from '../../../Cashfree/actions/common/readOptions';
import { refuseParameter } from '../../../Cashfree/actions/common/refuse';
import {
	lookUpAfterRefusal,
	requestOperation,
	type ReadRequest,
} from '../../../Cashfree/actions/common/requestOperation';
import type { CashfreeOperation } from '../../../Cashfree/actions/runOperation';
import {
	asNodeError,
	earlierAttemptMayHaveBeenCarriedOut,
	failureOf,
	toNodeApiError,
	type CashfreeClient,
	type CashfreeFailure,
} from '../../../Cashfree/transport';
import { BATCH_TRANSFER_ID, batchWords } from '../common';
import { unknownOutcomeExplanation } from '../transfer/common';
import { ID_FROM_THE_ROW, refineTransfer, transferFields, transferRules } from '../transfer/fields';
import { BATCH_PATH, batchByIdPath } from './common';

/**
 * Batch Transfer V2 (POST /transfers/batch, CreateBatchTransferRequest in
 * payouts-2024-01-01.json): every input item is one transfer, and one run of the node sends them
 * all as one batch. Each item is read and checked like a Transfer Create item; the first item to
 * be sent sends the batch, the others wait for that one answer, and every item outputs it with
 * its own transfer, paired to its row.
 */

const batchIdField: INodeProperties = {
	displayName: 'Batch Transfer ID',
	name: 'batchTransferId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'vendors_2026_12',
	description:
		'Your ID for the whole batch, the same for every item, up to 60 letters, digits and "_": build it from the pay run (e.g. vendors_ followed by the month). Cashfree refuses a second batch with the same ID, so neither a retry nor a re-run of the workflow can pay twice.',
};

const rows = requestOperation({
	resource: 'batchTransfer',
	operation: 'create',
	about: batchWords,
	method: 'POST',
	ids: [],
	path: () => BATCH_PATH,
	fields: [batchIdField, ...transferFields],
	rules: {
		batchTransferId: {
			...idFieldRule('batch_transfer_id', BATCH_TRANSFER_ID),
			requiredBecause: `build it from the pay run, e.g. vendors_{{ $now.toFormat('yyyy_MM') }}: ${ID_FROM_THE_ROW}`,
		},
		...transferRules,
	},
	refine: refineTransfer,
	flags: [treatExistingFlag('transfer', 'Batch Transfer ID and Transfer ID', ['transfer_amount'])],
});

/** One run's batch: what its items asked for and the one answer they all share. */
class Batch {
	readonly transfers = new Map<number, IDataObject>();

	/** The batch's answer, or Cashfree's refusal with what the items make of it. */
	outcome?: Promise<IDataObject>;

	constructor(
		readonly id: string,
		readonly firstItem: number,
	) {}

	body(): IDataObject {
		const ordered = [...this.transfers.entries()].sort(([a], [b]) => a - b);
		return { batch_transfer_id: this.id, transfers: ordered.map(([, transfer]) => transfer) };
	}
}

interface BatchRequest extends ReadRequest {
	batch: Batch;
}

/** Each run gets its own batch: RunInfo is made once per run of the node. */
const batches = new WeakMap<RunInfo, Batch>();

function read(context: IExecuteFunctions, itemIndex: number, run: RunInfo): BatchRequest {
	const request = rows.read(context, itemIndex, run);
	// Required, so checked and present: the batch's id, not a field of this item's transfer.
	const batchId = String(request.fields.batch_transfer_id);
	delete request.fields.batch_transfer_id;
	let batch = batches.get(run);
	if (!batch) {
		batch = new Batch(batchId, itemIndex);
		batches.set(run, batch);
	}
	if (batch.id !== batchId) {
		refuseParameter(
			context,
			'Batch Transfer ID',
			itemIndex,
			`it is "${batchId}", item ${batch.firstItem}'s is "${batch.id}"`,
			'One run of the node makes one batch: give every item the same Batch Transfer ID',
		);
	}
	batch.transfers.set(itemIndex, request.fields);
	return { ...request, batch };
}

/**
 * The batch as Cashfree holds it, when this run's batch id exists already and either the switch
 * is on or an earlier attempt of this very request may have made it (its answer was lost): the
 * same rule as Transfer Create's, so a paid batch is not reported as failed.
 */
async function existingBatch(
	client: CashfreeClient,
	request: BatchRequest,
	failure: CashfreeFailure,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	if (failure.httpStatus !== 409) return undefined;
	if (!isOn(request) && !earlierAttemptMayHaveBeenCarriedOut(failure)) return undefined;
	return await lookUpAfterRefusal(
		{ client, request, failure, itemIndex },
		batchByIdPath(request.batch.id),
		batchWords,
	);
}

/** What this item outputs from the batch Cashfree holds already, or why it cannot. */
function fromExisting(existing: IDataObject, transfer: IDataObject): IDataObject | string {
	const { transfers, ...batch } = existing;
	const found = (Array.isArray(transfers) ? (transfers as IDataObject[]) : []).find(
		(entry) => entry.transfer_id === transfer.transfer_id,
	);
	if (!found)
		return `The batch ${String(batch.batch_transfer_id)} exists already without transfer ${String(transfer.transfer_id)}: it is not this run's batch, so nothing was output for this item`;
	if (String(found.transfer_amount) !== String(transfer.transfer_amount))
		return `Transfer ${String(transfer.transfer_id)} exists already in batch ${String(batch.batch_transfer_id)} with transfer_amount ${String(found.transfer_amount)}, not ${String(transfer.transfer_amount)}: it is not this item's transfer, so nothing was output for it`;
	return { ...batch, batch_status: batch.status, ...found, alreadyExisted: true };
}

async function send(
	context: IExecuteFunctions,
	client: CashfreeClient,
	request: BatchRequest,
	itemIndex: number,
): Promise<IDataObject> {
	const { batch } = request;
	// The first item to get here sends the batch; the others share its answer or its failure.
	batch.outcome ??= client.request(
		{
			method: 'POST',
			path: BATCH_PATH,
			about: batchWords,
			body: batch.body(),
			idempotencyKey: request.options.idempotencyKey,
			...callSettings(request.options),
		},
		itemIndex,
	);
	const transfer = batch.transfers.get(itemIndex) ?? {};
	const own = { transfer_id: transfer.transfer_id, transfer_amount: transfer.transfer_amount };
	try {
		const answer = await batch.outcome;
		return { ...answer, batch_status: answer.status, ...own };
	} catch (error) {
		const failure = failureOf(error);
		if (!failure) throw asNodeError(context, error, itemIndex);
		if (failure.outcomeUnknown) {
			throw toNodeApiError(
				context,
				failure,
				itemIndex,
				`${unknownOutcomeExplanation(String(transfer.transfer_id))} The whole batch ${batch.id} may have been received: Get Status of batch ${batch.id} before running it again.`,
			);
		}
		const existing = await existingBatch(client, request, failure, itemIndex);
		if (!existing) throw toNodeApiError(context, failure, itemIndex, undefined);
		const outcome = fromExisting(existing, transfer);
		if (typeof outcome === 'string') throw toNodeApiError(context, failure, itemIndex, outcome);
		return outcome;
	}
}

export const create: CashfreeOperation<BatchRequest> = {
	description: rows.description,
	read,
	send,
	// The batch sends one key (the first sent item's): a key repeated across items is right here.
	sendsIdempotencyKey: false,
	carriedOut: {
		singular: 'transfer',
		plural: 'transfers',
		verb: 'sent in the batch',
		id: (request) => String(request.fields.transfer_id),
	},
};
