/**
 * Cashfree Payouts V2 (x-api-version 2024-01-01, under /payout), from Cashfree's OpenAPI
 * document payouts-2024-01-01.json: a balance that transfers draw down, transfers that succeed,
 * fail, are rejected or are reversed later, batches, beneficiaries and the second factor.
 * The choices where the documents leave room are in README.md, "Payouts".
 */
import {
	constants,
	generateKeyPairSync,
	privateDecrypt,
	type KeyObject,
	createPrivateKey,
	createPublicKey,
} from 'node:crypto';

import { errorReply, jsonReply, orReject, RequestRejected, type Reply } from './errors';
import { IdSequence, roundToPaise } from './format';
import {
	isJsonObject,
	parseJsonObject,
	readEnum,
	readObject,
	readRequiredAmount,
	readText,
	reject,
	type JsonObject,
} from './input';
import type { PayoutTransfer } from './payout-webhooks';
import type { RequestContext } from './types';

/** The one x-api-version Payouts V2 documents. */
export const PAYOUTS_API_VERSION = '2024-01-01';
export const PAYOUTS_PREFIX = '/payout';

export type TransferStatus = 'RECEIVED' | 'SUCCESS' | 'FAILED' | 'REJECTED' | 'REVERSED';

/** How the account proves calls are its own besides the keys: a signature, or the caller's IP. */
export type SecondFactor =
	| {
			kind: 'signature';
			/** PEM; a fresh 2048-bit key pair is made when absent (its public key: `publicKeyPem`). */
			privateKey?: string;
			/** How far the signed time may be from now; default 300 seconds. */
			toleranceSeconds?: number;
	  }
	| { kind: 'ipAllowlist'; allowedIps: string[] };

export interface PayoutsOptions {
	/** Payouts keys; the simulator's own keys when absent. */
	clientId?: string;
	clientSecret?: string;
	/** Default: a signature with a generated key pair. */
	secondFactor?: SecondFactor;
	/** The account's balance in rupees at start and after reset(); default 1,00,000. */
	balance?: number;
	/** From RECEIVED to the outcome; default 0 (decided on the next read or timer turn). */
	processingMs?: number;
	/** From SUCCESS to REVERSED for a transfer to a `REVERSE…` account; default 50. */
	reversalMs?: number;
}

export interface StoredTransfer {
	transfer_id: string;
	cf_transfer_id: string;
	batch_transfer_id?: string;
	status: TransferStatus;
	status_code: string;
	status_description: string;
	transfer_amount: number;
	transfer_mode: string;
	beneficiary_id?: string;
	instrument: Instrument;
	fundsource_id: string;
	transfer_utr?: string;
	added_on: number;
	updated_on: number;
	/** What the transfer is on its way to, and when it gets there. */
	outcome: 'SUCCESS' | 'FAILED' | 'REVERSED';
	decideAt: number;
	reverseAt?: number;
}

export interface StoredBeneficiary {
	beneficiary_id: string;
	beneficiary_name: string;
	instrument: Instrument;
	contact: JsonObject;
	added_on: number;
}

interface Instrument {
	bank_account_number?: string;
	bank_ifsc?: string;
	vpa?: string;
}

interface StoredBatch {
	batch_transfer_id: string;
	cf_batch_transfer_id: string;
	transferIds: string[];
}

/** A batch as Get Status answers it, without its transfers: what BULK_TRANSFER_REJECTED carries. */
export interface RenderedBatch {
	batch_transfer_id: string;
	cf_batch_transfer_id: string;
	status: string;
}

/** A change the Payouts trigger's webhooks can be made from (see README.md, "Payouts"). */
export type PayoutEvent =
	| { kind: 'transfer'; transfer: StoredTransfer }
	/** A batch was made with some or all of its transfers REJECTED. */
	| { kind: 'batchRejected'; batch: RenderedBatch }
	| { kind: 'lowBalance'; balance: number; threshold: number };

/** Runs `action` after `ms`; the server hands the account its webhook sender's, so outcomes due count as pending webhooks. */
export type Scheduler = (ms: number, action: () => void) => void;

/** What the server hands over of a request under /payout: its path is below /payout (`/transfers`). */
type PayoutRequest = RequestContext;

const TRANSFER_MODES = [
	'banktransfer',
	'imps',
	'neft',
	'rtgs',
	'upi',
	'paytm',
	'amazonpay',
	'card',
	'cardupi',
] as const;

/** Status codes and descriptions, as Cashfree's response-code table words them (shortened). */
const STATUS_TEXT: Record<string, [code: string, description: string]> = {
	RECEIVED: ['RECEIVED', 'The transfer has been received by Cashfree for processing.'],
	SUCCESS: ['COMPLETED', 'The transfer has been credited to the beneficiary.'],
	FAILED: ['INVALID_ACCOUNT_FAIL', 'The beneficiary bank refused the transfer: invalid account.'],
	REVERSED: [
		'INVALID_ACCOUNT_FAIL',
		'The beneficiary bank returned the transfer after crediting it.',
	],
	REJECTED: ['INSUFFICIENT_BALANCE', 'The balance is less than the transfer amount.'],
	REJECTED_INSTRUMENT: [
		'INVALID_MODE_FOR_PYID',
		'The instrument does not take this transfer mode.',
	],
};

/** The magic beneficiaries that choose an outcome (case-insensitive prefix of account or UPI id). */
function outcomeFor(instrument: Instrument): 'SUCCESS' | 'FAILED' | 'REVERSED' | 'REJECTED' {
	const target = (instrument.bank_account_number ?? instrument.vpa ?? '').toUpperCase();
	if (target.startsWith('FAIL')) return 'FAILED';
	if (target.startsWith('REVERSE')) return 'REVERSED';
	if (target.startsWith('REJECT')) return 'REJECTED';
	return 'SUCCESS';
}

const ID_PATTERN = /^[A-Za-z0-9_]+$/;
const BENEFICIARY_ID_PATTERN = /^[A-Za-z0-9_|.-]+$/;
const IFSC_PATTERN = /^[A-Z]{4}0[A-Z0-9]{6}$/;
const VPA_PATTERN = /^[A-Za-z0-9._-]+@[A-Za-z0-9.]+$/;

function payoutError(status: number, code: string, message: string): RequestRejected {
	return new RequestRejected(errorReply(status, code, message));
}

/** The Payouts account: its balance, transfers, batches and beneficiaries. */
export class PayoutsAccount {
	readonly clientId: string;
	readonly clientSecret: string;
	/** PEM of the public key a credential signs with, in signature mode. */
	readonly publicKeyPem?: string;
	/** Called after every state change, for the Payouts trigger's webhooks. */
	onEvent?: (event: PayoutEvent) => void;
	/** A low-balance event is raised when the balance drops below this; 0 (default) for none. */
	lowBalanceThreshold = 0;
	/**
	 * Where outcomes due later are scheduled: the account's own timers unless set. The server sets
	 * its Payouts webhook sender's `later`, so that waiting for webhooks waits for them too.
	 */
	schedule?: Scheduler;

	private readonly secondFactor: SecondFactor;
	private readonly privateKey?: KeyObject;
	private readonly startBalance: number;
	private readonly processingMs: number;
	private readonly reversalMs: number;
	private balanceNow: number;
	private readonly transfers = new Map<string, StoredTransfer>();
	private readonly batches = new Map<string, StoredBatch>();
	private readonly beneficiaries = new Map<string, StoredBeneficiary>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private transferIds = new IdSequence(8_204_311);
	private batchIds = new IdSequence(51_027);
	private paid = 0;

	constructor(options: PayoutsOptions & { clientId: string; clientSecret: string }) {
		this.clientId = options.clientId;
		this.clientSecret = options.clientSecret;
		this.secondFactor = options.secondFactor ?? { kind: 'signature' };
		if (this.secondFactor.kind === 'signature') {
			this.privateKey = this.secondFactor.privateKey
				? createPrivateKey(this.secondFactor.privateKey)
				: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
			this.publicKeyPem = createPublicKey(this.privateKey)
				.export({ type: 'spki', format: 'pem' })
				.toString();
		}
		this.startBalance = options.balance ?? 100_000;
		this.balanceNow = this.startBalance;
		this.processingMs = options.processingMs ?? 0;
		this.reversalMs = options.reversalMs ?? 50;
	}

	// ---- for tests ----

	get balance(): number {
		return this.balanceNow;
	}

	/** Transfers that took money from the balance (not the rejected ones): "how many payments". */
	get paymentsMade(): number {
		return this.paid;
	}

	getTransfer(transferId: string): StoredTransfer | undefined {
		this.settleDue();
		const found = this.transfers.get(transferId);
		return found && structuredClone(found);
	}

	seedBeneficiary(beneficiary: Omit<StoredBeneficiary, 'added_on' | 'contact'>): void {
		this.beneficiaries.set(beneficiary.beneficiary_id, {
			...beneficiary,
			contact: {},
			added_on: Date.now(),
		});
	}

	getBeneficiary(beneficiaryId: string): StoredBeneficiary | undefined {
		const found = this.beneficiaries.get(beneficiaryId);
		return found && structuredClone(found);
	}

	setBalance(balance: number): void {
		this.balanceNow = balance;
	}

	reset(): void {
		this.stopTimers();
		this.transfers.clear();
		this.batches.clear();
		this.beneficiaries.clear();
		this.balanceNow = this.startBalance;
		this.paid = 0;
		this.lowBalanceThreshold = 0;
		this.transferIds = new IdSequence(8_204_311);
		this.batchIds = new IdSequence(51_027);
	}

	stopTimers(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	// ---- the API ----

	/**
	 * The checks before any operation, in Cashfree's order as far as it shows: the keys (401),
	 * the version (400), then the second factor (403). Undefined when the request may go on.
	 */
	refusal(request: PayoutRequest): Reply | undefined {
		if (
			request.header('x-client-id') !== this.clientId ||
			request.header('x-client-secret') !== this.clientSecret
		) {
			return errorReply(
				401,
				'authentication_failed',
				'authentication failed: x-client-id or x-client-secret is missing or wrong',
			);
		}
		const version = request.header('x-api-version');
		if (!version)
			return errorReply(400, 'api_version_missing', 'x-api-version : header is missing');
		if (version !== PAYOUTS_API_VERSION) {
			return errorReply(
				400,
				'api_version_invalid',
				`x-api-version : version ${JSON.stringify(version)} is not supported; use ${PAYOUTS_API_VERSION}`,
			);
		}
		return this.secondFactorRefusal(request);
	}

	/** One request that passed the checks. */
	answer(request: PayoutRequest): Reply {
		this.settleDue();
		const route = `${request.method} ${request.path}`;
		try {
			switch (route) {
				case 'POST /transfers':
					return jsonReply(
						200,
						this.renderTransfer(this.createTransfer(parseJsonObject(request.body))),
					);
				case 'GET /transfers':
					return jsonReply(200, this.renderTransfer(this.findTransfer(request.query)));
				case 'POST /transfers/batch':
					return jsonReply(200, this.createBatch(parseJsonObject(request.body)));
				case 'GET /transfers/batch':
					return jsonReply(200, this.renderBatch(this.findBatch(request.query)));
				case 'POST /beneficiary':
					return jsonReply(
						201,
						this.renderBeneficiary(this.createBeneficiary(parseJsonObject(request.body))),
					);
				case 'GET /beneficiary':
					return jsonReply(200, this.renderBeneficiary(this.findBeneficiary(request.query)));
				case 'DELETE /beneficiary': {
					const removed = this.findBeneficiary(request.query);
					this.beneficiaries.delete(removed.beneficiary_id);
					return jsonReply(200, {
						...this.renderBeneficiary(removed),
						beneficiary_status: 'DELETED',
					});
				}
				default:
					return this.unknownRoute(request);
			}
		} catch (error) {
			if (error instanceof RequestRejected) return error.reply;
			return errorReply(500, 'internal_server_error', "Error at cashfree's server");
		}
	}

	/** Whether the path is one of the Payouts routes (for 404 versus 405). */
	private unknownRoute(request: PayoutRequest): Reply {
		const methods: Record<string, string> = {
			'/transfers': 'GET, POST',
			'/transfers/batch': 'GET, POST',
			'/beneficiary': 'GET, POST, DELETE',
		};
		const allowed = methods[request.path];
		if (allowed)
			return errorReply(405, 'method_not_allowed', `this URL only accepts ${allowed} requests`);
		return errorReply(404, 'url_not_found', 'no API exists at this URL');
	}

	private secondFactorRefusal(request: PayoutRequest): Reply | undefined {
		const factor = this.secondFactor;
		if (factor.kind === 'ipAllowlist') {
			const ip = (request.remoteAddress ?? '').replace(/^::ffff:/, '');
			if (factor.allowedIps.includes(ip)) return undefined;
			return errorReply(403, 'ip_not_whitelisted', `IP not whitelisted: ${ip}`);
		}
		const signature = request.header('x-cf-signature');
		if (!signature)
			return errorReply(403, 'signature_missing', 'x-cf-signature : header is missing');
		let signed: string;
		try {
			signed = privateDecrypt(
				{ key: this.privateKey as KeyObject, padding: constants.RSA_PKCS1_OAEP_PADDING },
				Buffer.from(signature, 'base64'),
			).toString('utf8');
		} catch {
			return errorReply(403, 'signature_invalid', 'x-cf-signature : could not be verified');
		}
		const [clientId, seconds] = [
			signed.slice(0, signed.lastIndexOf('.')),
			Number(signed.slice(signed.lastIndexOf('.') + 1)),
		];
		const tolerance = factor.toleranceSeconds ?? 300;
		if (clientId !== this.clientId)
			return errorReply(403, 'signature_invalid', 'x-cf-signature : signed for another client id');
		if (!Number.isInteger(seconds) || Math.abs(Date.now() / 1000 - seconds) > tolerance)
			return errorReply(
				403,
				'signature_expired',
				'x-cf-signature : the signed time is too old or in the future',
			);
		return undefined;
	}

	private createTransfer(body: JsonObject, label = '', batchId?: string): StoredTransfer {
		const field = (name: string) => `${label}${name}`;
		const transferId = readText(body, 'transfer_id', {
			required: true,
			maxLength: 40,
			pattern: ID_PATTERN,
			patternHint: 'letters, digits and _',
			label: field('transfer_id'),
		});
		const amount = readRequiredAmount(body, 'transfer_amount', 1);
		const mode = readEnum(body, 'transfer_mode', TRANSFER_MODES) ?? 'banktransfer';
		const details = orReject(
			readObject(body, 'beneficiary_details', field('beneficiary_details')),
			() =>
				errorReply(
					400,
					field('beneficiary_details_missing'),
					'beneficiary_details is missing in the request',
				),
		);
		const { beneficiaryId, instrument } = this.readBeneficiary(
			details,
			field('beneficiary_details.'),
			mode,
		);
		if (this.transfers.has(transferId)) {
			throw payoutError(409, `${label}transfer_id_already_exists`, 'transfer_id already exists');
		}
		return this.record({
			transferId,
			amount,
			mode,
			beneficiaryId,
			instrument,
			batchId,
			fundsourceId: readText(body, 'fundsource_id') ?? 'CASHFREE_1',
		});
	}

	/** Who is paid: a saved beneficiary (its id) or the account or UPI id given in the transfer. */
	private readBeneficiary(
		details: JsonObject,
		label: string,
		mode: string,
	): { beneficiaryId?: string; instrument: Instrument } {
		const beneficiaryId = readText(details, 'beneficiary_id', {
			maxLength: 50,
			pattern: BENEFICIARY_ID_PATTERN,
			label: `${label}beneficiary_id`,
		});
		if (beneficiaryId !== undefined) {
			const saved = this.beneficiaries.get(beneficiaryId);
			if (!saved) throw payoutError(404, 'beneficiary_not_found', 'Beneficiary does not exist');
			return { beneficiaryId, instrument: { ...saved.instrument } };
		}
		readText(details, 'beneficiary_name', {
			required: true,
			maxLength: 100,
			pattern: /^[A-Za-z ]+$/,
			patternHint: 'alphabets and whitespaces',
			label: `${label}beneficiary_name`,
		});
		const instrument = this.readInstrument(
			readObject(details, 'beneficiary_instrument_details') ?? {},
			`${label}beneficiary_instrument_details.`,
			{ min: 9, max: 18 },
		);
		if (mode === 'upi' ? !instrument.vpa : !instrument.bank_account_number) {
			reject(
				`${label}beneficiary_instrument_details.${mode === 'upi' ? 'vpa' : 'bank_account_number'}`,
				'missing',
				'is required when beneficiary_id is not given',
			);
		}
		return { instrument };
	}

	private readInstrument(
		source: JsonObject,
		label: string,
		accountLength: { min: number; max: number },
	): Instrument {
		const account = readText(source, 'bank_account_number', {
			minLength: accountLength.min,
			maxLength: accountLength.max,
			pattern: /^[A-Za-z0-9]+$/,
			patternHint: 'letters and digits',
			label: `${label}bank_account_number`,
		});
		const ifsc = readText(source, 'bank_ifsc', {
			pattern: IFSC_PATTERN,
			patternHint: 'a standard IFSC',
			label: `${label}bank_ifsc`,
		});
		if ((account === undefined) !== (ifsc === undefined)) {
			reject(
				`${label}${account === undefined ? 'bank_account_number' : 'bank_ifsc'}`,
				'missing',
				'bank_account_number and bank_ifsc go together',
			);
		}
		const vpa = readText(source, 'vpa', {
			maxLength: 100,
			pattern: VPA_PATTERN,
			patternHint: 'a UPI VPA',
			label: `${label}vpa`,
		});
		return { bank_account_number: account, bank_ifsc: ifsc, vpa };
	}

	/** The transfer is received: the balance pays for it now, or Cashfree rejects it. */
	private record(asked: {
		transferId: string;
		amount: number;
		mode: string;
		beneficiaryId?: string;
		instrument: Instrument;
		batchId?: string;
		fundsourceId: string;
	}): StoredTransfer {
		const now = Date.now();
		const chosen = outcomeFor(asked.instrument);
		const rejected =
			chosen === 'REJECTED'
				? 'REJECTED_INSTRUMENT'
				: asked.amount > this.balanceNow
					? 'REJECTED'
					: undefined;
		const [code, description] = STATUS_TEXT[rejected ?? 'RECEIVED'];
		const transfer: StoredTransfer = {
			transfer_id: asked.transferId,
			cf_transfer_id: this.transferIds.take(),
			batch_transfer_id: asked.batchId,
			status: rejected ? 'REJECTED' : 'RECEIVED',
			status_code: code,
			status_description: description,
			transfer_amount: asked.amount,
			transfer_mode: asked.mode,
			beneficiary_id: asked.beneficiaryId,
			instrument: asked.instrument,
			fundsource_id: asked.fundsourceId,
			added_on: now,
			updated_on: now,
			outcome: chosen === 'REJECTED' ? 'FAILED' : chosen,
			decideAt: now + this.processingMs,
		};
		this.transfers.set(transfer.transfer_id, transfer);
		if (rejected) {
			this.emit({ kind: 'transfer', transfer });
			return transfer;
		}
		this.balanceNow = roundToPaise(this.balanceNow - asked.amount);
		this.paid++;
		this.emit({ kind: 'transfer', transfer });
		if (this.lowBalanceThreshold > 0 && this.balanceNow < this.lowBalanceThreshold) {
			this.emit({
				kind: 'lowBalance',
				balance: this.balanceNow,
				threshold: this.lowBalanceThreshold,
			});
		}
		this.later(this.processingMs);
		return transfer;
	}

	/** Moves every transfer whose time has come: decided, or reversed after its success. */
	private settleDue(now = Date.now()): void {
		for (const transfer of this.transfers.values()) {
			if (transfer.status === 'RECEIVED' && now >= transfer.decideAt) {
				const failed = transfer.outcome === 'FAILED';
				transfer.status = failed ? 'FAILED' : 'SUCCESS';
				[transfer.status_code, transfer.status_description] = STATUS_TEXT[transfer.status];
				transfer.updated_on = now;
				if (failed) this.balanceNow = roundToPaise(this.balanceNow + transfer.transfer_amount);
				else transfer.transfer_utr = `UTR${transfer.cf_transfer_id}`;
				if (transfer.outcome === 'REVERSED') {
					transfer.reverseAt = now + this.reversalMs;
					this.later(this.reversalMs);
				}
				this.emit({ kind: 'transfer', transfer });
			}
			if (
				transfer.status === 'SUCCESS' &&
				transfer.reverseAt !== undefined &&
				now >= transfer.reverseAt
			) {
				transfer.status = 'REVERSED';
				[transfer.status_code, transfer.status_description] = STATUS_TEXT.REVERSED;
				transfer.updated_on = now;
				this.balanceNow = roundToPaise(this.balanceNow + transfer.transfer_amount);
				this.emit({ kind: 'transfer', transfer });
			}
		}
	}

	/** Outcomes come on their own too, not only when read, so that webhooks can tell of them. */
	private later(ms: number): void {
		if (this.schedule) {
			this.schedule(ms, () => this.settleDue());
			return;
		}
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.settleDue();
		}, ms);
		timer.unref();
		this.timers.add(timer);
	}

	private emit(event: PayoutEvent): void {
		this.onEvent?.(structuredClone(event));
	}

	private findTransfer(query: URLSearchParams): StoredTransfer {
		const transferId = query.get('transfer_id');
		const cfTransferId = query.get('cf_transfer_id');
		if (transferId) {
			return orReject(this.transfers.get(transferId), () =>
				errorReply(404, 'transfer_id_not_found', 'transfer_id does not exist'),
			);
		}
		if (cfTransferId) {
			const found = [...this.transfers.values()].find((t) => t.cf_transfer_id === cfTransferId);
			return orReject(found, () =>
				errorReply(404, 'cf_transfer_id_not_found', 'cf_transfer_id does not exist'),
			);
		}
		throw payoutError(
			400,
			'transfer_id_missing',
			'either transfer_id or cf_transfer_id is required',
		);
	}

	private createBatch(body: JsonObject): JsonObject {
		const batchId = readText(body, 'batch_transfer_id', {
			required: true,
			maxLength: 60,
			pattern: ID_PATTERN,
			patternHint: 'letters, digits and _',
		});
		const list = body.transfers;
		if (!Array.isArray(list) || list.length === 0)
			reject('transfers', 'missing', 'at least one transfer is required');
		if (this.batches.has(batchId)) {
			throw payoutError(
				409,
				'batch_transfer_id_already_exists',
				'batch_transfer_id already exists. please pass unique id in each request',
			);
		}
		// Every transfer is checked before any is made: a refused batch pays nothing.
		const seen = new Set<string>();
		list.forEach((entry: unknown, index) => {
			const label = `transfers[${index}].`;
			if (!isJsonObject(entry)) reject(`transfers[${index}]`, 'invalid', 'should be an object');
			const transferId = String(entry.transfer_id ?? '');
			if (this.transfers.has(transferId) || seen.has(transferId)) {
				throw payoutError(409, `${label}transfer_id_already_exists`, 'transfer_id already exists');
			}
			seen.add(transferId);
			const details = readObject(entry, 'beneficiary_details', `${label}beneficiary_details`) ?? {};
			readRequiredAmount(entry, 'transfer_amount', 1);
			this.readBeneficiary(
				details,
				`${label}beneficiary_details.`,
				String(entry.transfer_mode ?? ''),
			);
		});
		const batch: StoredBatch = {
			batch_transfer_id: batchId,
			cf_batch_transfer_id: this.batchIds.take(),
			transferIds: [],
		};
		list.forEach((entry: JsonObject, index) => {
			batch.transferIds.push(
				this.createTransfer(entry, `transfers[${index}].`, batchId).transfer_id,
			);
		});
		this.batches.set(batchId, batch);
		const rejected = batch.transferIds.some((id) => this.transfers.get(id)?.status === 'REJECTED');
		if (rejected) this.emit({ kind: 'batchRejected', batch: this.batchSummary(batch) });
		return {
			batch_transfer_id: batchId,
			cf_batch_transfer_id: batch.cf_batch_transfer_id,
			status: 'RECEIVED',
		};
	}

	private findBatch(query: URLSearchParams): StoredBatch {
		const batchId = query.get('batch_transfer_id');
		const cfBatchId = query.get('cf_batch_transfer_id');
		if (batchId) {
			return orReject(this.batches.get(batchId), () =>
				errorReply(404, 'batch_transfer_id_not_found', 'batch_transfer_id does not exist'),
			);
		}
		if (cfBatchId) {
			const found = [...this.batches.values()].find((b) => b.cf_batch_transfer_id === cfBatchId);
			return orReject(found, () =>
				errorReply(404, 'cf_batch_transfer_id_not_found', 'cf_batch_transfer_id does not exist'),
			);
		}
		throw payoutError(
			400,
			'batch_transfer_id_missing',
			'batch_transfer_id is missing in the request',
		);
	}

	/** The batch without its transfers: PENDING while any is still being worked on, then PROCESSED. */
	private batchSummary(batch: StoredBatch): RenderedBatch {
		const processed = batch.transferIds.every(
			(id) => this.transfers.get(id)?.status !== 'RECEIVED',
		);
		return {
			batch_transfer_id: batch.batch_transfer_id,
			cf_batch_transfer_id: batch.cf_batch_transfer_id,
			status: processed ? 'PROCESSED' : 'PENDING',
		};
	}

	private renderBatch(batch: StoredBatch): JsonObject {
		const transfers = batch.transferIds.map((id) => this.transfers.get(id) as StoredTransfer);
		return {
			...this.batchSummary(batch),
			transfers: transfers.map((transfer) => this.renderTransfer(transfer)),
		};
	}

	private createBeneficiary(body: JsonObject): StoredBeneficiary {
		const beneficiaryId = readText(body, 'beneficiary_id', {
			required: true,
			maxLength: 50,
			pattern: BENEFICIARY_ID_PATTERN,
			patternHint: 'letters, numbers, hyphen, underscore, pipe, and dot',
		});
		const name = readText(body, 'beneficiary_name', {
			required: true,
			maxLength: 100,
			pattern: /^[A-Za-z ]+$/,
			patternHint: 'alphabets and whitespaces',
		});
		const instrument = this.readInstrument(
			readObject(body, 'beneficiary_instrument_details') ?? {},
			'',
			{ min: 4, max: 25 },
		);
		if (this.beneficiaries.has(beneficiaryId)) {
			throw payoutError(
				409,
				'beneficiary_id_already_exists',
				'Beneficiary already exists with the given beneficiary_id',
			);
		}
		const sameAccount = [...this.beneficiaries.values()].some(
			(other) =>
				instrument.bank_account_number !== undefined &&
				other.instrument.bank_account_number === instrument.bank_account_number &&
				other.instrument.bank_ifsc === instrument.bank_ifsc,
		);
		if (sameAccount) {
			throw payoutError(
				409,
				'beneficiary_already_exists',
				'Beneficiary already exists with the given bank_account_number and bank_ifsc',
			);
		}
		const beneficiary: StoredBeneficiary = {
			beneficiary_id: beneficiaryId,
			beneficiary_name: name,
			instrument,
			contact: readObject(body, 'beneficiary_contact_details') ?? {},
			added_on: Date.now(),
		};
		this.beneficiaries.set(beneficiaryId, beneficiary);
		return beneficiary;
	}

	private findBeneficiary(query: URLSearchParams): StoredBeneficiary {
		const beneficiaryId = query.get('beneficiary_id');
		if (!beneficiaryId)
			throw payoutError(
				400,
				'beneficiary_id_missing',
				'beneficiary_id : should be provided with the request',
			);
		return orReject(this.beneficiaries.get(beneficiaryId), () =>
			errorReply(404, 'beneficiary_not_found', 'Beneficiary does not exist'),
		);
	}

	/** CreateTransferResponse: the answered IFSC field is `ifsc`, times in UTC. Also a webhook's `data`. */
	renderTransfer(transfer: StoredTransfer): PayoutTransfer & JsonObject {
		const { bank_account_number, bank_ifsc, vpa } = transfer.instrument;
		return {
			transfer_id: transfer.transfer_id,
			cf_transfer_id: transfer.cf_transfer_id,
			status: transfer.status,
			status_code: transfer.status_code,
			status_description: transfer.status_description,
			beneficiary_details: {
				...(transfer.beneficiary_id ? { beneficiary_id: transfer.beneficiary_id } : {}),
				beneficiary_instrument_details: {
					...(bank_account_number ? { bank_account_number, ifsc: bank_ifsc } : {}),
					...(vpa ? { vpa } : {}),
				},
			},
			transfer_amount: transfer.transfer_amount,
			transfer_service_charge: 0,
			transfer_service_tax: 0,
			transfer_mode: transfer.transfer_mode,
			...(transfer.transfer_utr ? { transfer_utr: transfer.transfer_utr } : {}),
			fundsource_id: transfer.fundsource_id,
			added_on: utc(transfer.added_on),
			updated_on: utc(transfer.updated_on),
		};
	}

	private renderBeneficiary(beneficiary: StoredBeneficiary): JsonObject {
		return {
			beneficiary_id: beneficiary.beneficiary_id,
			beneficiary_name: beneficiary.beneficiary_name,
			beneficiary_instrument_details: Object.fromEntries(
				Object.entries(beneficiary.instrument).filter(([, value]) => value !== undefined),
			),
			beneficiary_contact_details: beneficiary.contact,
			beneficiary_status: 'VERIFIED',
			added_on: utc(beneficiary.added_on),
		};
	}
}

/** Payouts V2 answers times in UTC without fractions, as its examples show: 2021-11-24T13:39:25Z. */
function utc(epochMs: number): string {
	return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
