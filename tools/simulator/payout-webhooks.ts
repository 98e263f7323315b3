/**
 * Cashfree Payouts V2 webhooks: the bodies, after the transfer entity of Cashfree's Payouts
 * OpenAPI document (CreateTransferResponse and FetchBatchTransferResponse in
 * ../shared/cashfree-openapi/payouts-2024-01-01.json) and the event list of its "Webhooks Version
 * V2" page, signed and sent by the Payment Gateway's WebhookDispatcher (webhooks.ts): Payouts V2
 * signs the same way, with the Payouts client secret. A transfer store calls `notify` (or builds
 * the event with `payoutWebhookFor` and `send`s it) whenever a transfer or batch changes state.
 * Choices where the documents leave room: tools/simulator/README.md, "Payout webhooks".
 */
import { toIstTimestamp } from './format';
import {
	WebhookDispatcher,
	type SignedEvent,
	type WebhookDelivery,
	type WebhookFault,
	type WebhookOptions,
} from './webhooks';

/** The transfer events of Payouts V2, each named after the status it reports. */
export const TRANSFER_WEBHOOK_TYPES = {
	ACKNOWLEDGED: 'TRANSFER_ACKNOWLEDGED',
	SUCCESS: 'TRANSFER_SUCCESS',
	FAILED: 'TRANSFER_FAILED',
	REVERSED: 'TRANSFER_REVERSED',
	REJECTED: 'TRANSFER_REJECTED',
} as const;

export type TransferWebhookType =
	(typeof TRANSFER_WEBHOOK_TYPES)[keyof typeof TRANSFER_WEBHOOK_TYPES];
export type PayoutWebhookType = TransferWebhookType | 'BULK_TRANSFER_REJECTED';
export type PayoutWebhookEvent = SignedEvent<PayoutWebhookType>;

/**
 * A transfer as Cashfree's V2 API answers it (CreateTransferResponse); only transfer_id,
 * cf_transfer_id, status and transfer_amount are required here, the rest is sent when present.
 */
export interface PayoutTransfer {
	transfer_id: string;
	cf_transfer_id: string;
	status: string;
	status_code?: string;
	status_description?: string;
	beneficiary_details?: {
		beneficiary_id?: string;
		beneficiary_instrument_details?: Record<string, string>;
	};
	transfer_amount: number;
	transfer_service_charge?: number;
	transfer_service_tax?: number;
	transfer_mode?: string;
	transfer_utr?: string;
	fundsource_id?: string;
	added_on?: string;
	updated_on?: string;
}

/** A batch as Cashfree's V2 API answers it (FetchBatchTransferResponse), without its transfers. */
export interface PayoutBatch {
	batch_transfer_id: string;
	cf_batch_transfer_id: string;
	status: string;
	status_code?: string;
	status_description?: string;
}

/** The order of the transfer entity's fields in Cashfree's document, kept in the body. */
const TRANSFER_FIELDS: ReadonlyArray<keyof PayoutTransfer> = [
	'transfer_id',
	'cf_transfer_id',
	'status',
	'status_code',
	'status_description',
	'beneficiary_details',
	'transfer_amount',
	'transfer_service_charge',
	'transfer_service_tax',
	'transfer_mode',
	'transfer_utr',
	'fundsource_id',
	'added_on',
	'updated_on',
];

const BATCH_FIELDS: ReadonlyArray<keyof PayoutBatch> = [
	'batch_transfer_id',
	'cf_batch_transfer_id',
	'status',
	'status_code',
	'status_description',
];

/** The event a transfer in `status` is reported with; undefined for RECEIVED, PENDING and the like. */
export function transferWebhookTypeFor(status: string): TransferWebhookType | undefined {
	return Object.hasOwn(TRANSFER_WEBHOOK_TYPES, status)
		? TRANSFER_WEBHOOK_TYPES[status as keyof typeof TRANSFER_WEBHOOK_TYPES]
		: undefined;
}

function pick<T extends object>(
	entity: T,
	fields: ReadonlyArray<keyof T>,
): Record<string, unknown> {
	const data: Record<string, unknown> = {};
	for (const field of fields) {
		if (entity[field] !== undefined) data[field as string] = structuredClone(entity[field]);
	}
	return data;
}

/**
 * The body Cashfree would send for `type`: `{data, event_time, type}`, the envelope of Cashfree's
 * header-signed webhooks; `data` is the transfer (or, for BULK_TRANSFER_REJECTED, the batch) as
 * the V2 API answers it. Amounts are plain JSON numbers, as in the document's examples (1, 0.18).
 */
export function payoutWebhookFor(
	type: TransferWebhookType,
	transfer: PayoutTransfer,
	now?: number,
): PayoutWebhookEvent;
export function payoutWebhookFor(
	type: 'BULK_TRANSFER_REJECTED',
	batch: PayoutBatch,
	now?: number,
): PayoutWebhookEvent;
export function payoutWebhookFor(
	type: PayoutWebhookType,
	entity: PayoutTransfer | PayoutBatch,
	now = Date.now(),
): PayoutWebhookEvent {
	const data =
		type === 'BULK_TRANSFER_REJECTED'
			? pick(entity as PayoutBatch, BATCH_FIELDS)
			: pick(entity as PayoutTransfer, TRANSFER_FIELDS);
	return { type, body: JSON.stringify({ data, event_time: toIstTimestamp(now), type }) };
}

export interface PayoutWebhookOptions extends Omit<WebhookOptions, 'version'> {
	/** The URL set in the Payouts dashboard (Developers → Webhooks, version V2); none: nothing is sent. */
	url?: string;
}

/**
 * The Payouts webhooks of one simulated account: one URL for every event (Payouts has no
 * per-transfer notify URL), signed with the Payouts client secret, retried and faulted like the
 * Payment Gateway's.
 */
export class PayoutWebhooks {
	/** Where events go; set or change it at any time (tests start their receiver late). */
	url: string | undefined;

	private readonly dispatcher: WebhookDispatcher<PayoutWebhookType>;

	constructor(clientSecret: string, options: PayoutWebhookOptions = {}) {
		const { url, ...dispatch } = options;
		this.url = url;
		this.dispatcher = new WebhookDispatcher<PayoutWebhookType>(clientSecret, {
			...dispatch,
			version: null,
		});
	}

	/** Sends the event of the transfer's status, if that status has one; returns its type. */
	notify(transfer: PayoutTransfer): TransferWebhookType | undefined {
		const type = transferWebhookTypeFor(transfer.status);
		if (type !== undefined) this.send(payoutWebhookFor(type, transfer));
		return type;
	}

	/** Sends BULK_TRANSFER_REJECTED for the batch. */
	notifyBatchRejected(batch: PayoutBatch): void {
		this.send(payoutWebhookFor('BULK_TRANSFER_REJECTED', batch));
	}

	/** Sends `event` after the current call stack (the API answers first); nothing without a URL. */
	send(event: PayoutWebhookEvent): void {
		if (this.url !== undefined) this.dispatcher.send(event, this.url);
	}

	/** Runs `action` after `ms` as pending work (a transfer settling or reversed later). */
	later(ms: number, action: () => void): void {
		this.dispatcher.later(ms, action);
	}

	get deliveries(): WebhookDelivery<PayoutWebhookType>[] {
		return structuredClone(this.dispatcher.deliveries);
	}

	injectFault(fault: WebhookFault): void {
		this.dispatcher.injectFault(fault);
	}

	waitForWebhooks(): Promise<void> {
		return this.dispatcher.waitForWebhooks();
	}

	/** Drops pending deliveries, retries and faults and forgets the log; the URL stays. */
	reset(): void {
		this.dispatcher.reset();
	}

	/** Cancels everything pending and waits until no timer or socket is left. */
	async stop(): Promise<void> {
		this.dispatcher.cancel();
		await this.dispatcher.waitForWebhooks();
	}
}
