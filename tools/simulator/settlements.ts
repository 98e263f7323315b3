import { has2026Shapes, IdSequence, renderNumericId, roundToPaise, toIstTimestamp } from './format';
import {
	type JsonObject,
	readObject,
	readOptional,
	readRequiredObject,
	readTime,
	reject,
} from './input';
import type { ApiVersion, StoredOrder, StoredPayment, StoredSettlement } from './types';

/** A flat fee keeps settlement amounts predictable; Cashfree's real pricing varies by method. */
const SERVICE_CHARGE_RATE = 0.02;
/** GST on the service charge. */
const SERVICE_TAX_RATE = 0.18;
const MAX_PAGE_SIZE = 1000;

export interface SettlementQuery {
	limit: number;
	/** The cf_settlement_id the previous page ended with. */
	after?: number;
	ids?: ReadonlySet<string>;
	utrs?: ReadonlySet<string>;
	from?: number;
	to?: number;
}

export interface SettlementPage {
	data: StoredSettlement[];
	limit: number;
	/** For the next page; null on the last one. */
	cursor: string | null;
}

/** Opaque to clients, like Cashfree's; it only remembers where the last page ended. */
function encodeCursor(lastId: string): string {
	return Buffer.from(JSON.stringify({ after: lastId })).toString('base64');
}

function decodeCursor(cursor: string): number {
	let after: unknown;
	try {
		after = (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { after?: unknown })
			.after;
	} catch {
		after = undefined;
	}
	if (typeof after !== 'string' || !/^\d+$/.test(after))
		reject('pagination.cursor', 'invalid', 'is not a cursor this API returned');
	return Number(after);
}

/** A list filter given as strings or, as 2022-09-01 documents cf_settlement_ids, as integers. */
function readIdList(
	filters: JsonObject,
	field: string,
	allowIntegers: boolean,
): ReadonlySet<string> | undefined {
	const value = filters[field];
	if (value === undefined || value === null) return undefined;
	const fits = (item: unknown): boolean =>
		typeof item === 'string' || (allowIntegers && Number.isInteger(item));
	if (!Array.isArray(value) || !value.every(fits))
		reject(`filters.${field}`, 'invalid', 'should be a list of ids');
	return new Set(value.map(String));
}

/**
 * POST /settlements's body, per FetchSettlementsRequest: pagination is required, and filters
 * too until 2026-01-01, whose schema makes them optional (Go SDK v6's FetchSettlementsRequest
 * has `filters,omitempty`); without filters every settlement is listed.
 */
export function readSettlementQuery(body: JsonObject, version: ApiVersion): SettlementQuery {
	const pagination = readRequiredObject(body, 'pagination');
	const limit = readOptional(pagination, 'limit', 'number', 'pagination.limit');
	if (limit === undefined) reject('pagination.limit', 'missing', 'is required');
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
		reject('pagination.limit', 'invalid', `should be a whole number from 1 to ${MAX_PAGE_SIZE}`);
	}
	// Cashfree's schema types the cursor as a string: a null is refused, as a validating API would.
	if (pagination.cursor === null) reject('pagination.cursor', 'invalid', 'should be a string');
	const cursor = readOptional(pagination, 'cursor', 'string', 'pagination.cursor');
	const filters = has2026Shapes(version)
		? (readObject(body, 'filters') ?? {})
		: readRequiredObject(body, 'filters');
	const query: SettlementQuery = {
		limit,
		after: cursor === undefined ? undefined : decodeCursor(cursor),
		ids: readIdList(filters, 'cf_settlement_ids', true),
		utrs: readIdList(filters, 'settlement_utrs', false),
		from: readTime(filters, 'start_date', 'filters.start_date'),
		to: readTime(filters, 'end_date', 'filters.end_date'),
	};
	if ((query.from === undefined) !== (query.to === undefined)) {
		reject(
			query.from === undefined ? 'filters.start_date' : 'filters.end_date',
			'missing',
			'start_date and end_date go together',
		);
	}
	if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
		reject('filters.start_date', 'invalid', 'should not be after end_date');
	}
	if (!query.ids && !query.utrs && query.from === undefined && !has2026Shapes(version)) {
		reject(
			'filters',
			'invalid',
			'should name cf_settlement_ids, settlement_utrs, or a start_date and end_date',
		);
	}
	return query;
}

/** 2022-09-01 sends both ids as integers; later versions as strings. */
export function renderSettlement(
	settlement: StoredSettlement,
	version: ApiVersion,
): Record<string, unknown> {
	return {
		...settlement,
		cf_payment_id: renderNumericId(settlement.cf_payment_id, version),
		cf_settlement_id: renderNumericId(settlement.cf_settlement_id, version),
	};
}

/**
 * One settlement per paid order, made the moment the payment succeeds (Cashfree settles a day
 * or two later; the simulator settles at once so that tests need no clock).
 */
export class SettlementStore {
	private readonly settlements: StoredSettlement[] = [];
	private readonly ids = new IdSequence(6_121_238_001);
	private readonly transferIds = new IdSequence(238_001);

	settle(order: StoredOrder, payment: StoredPayment, now = Date.now()): StoredSettlement {
		const amount = payment.payment_amount;
		const serviceCharge = roundToPaise(amount * SERVICE_CHARGE_RATE);
		const serviceTax = roundToPaise(serviceCharge * SERVICE_TAX_RATE);
		const transferId = this.transferIds.take();
		const settlement: StoredSettlement = {
			cf_settlement_id: this.ids.take(),
			cf_payment_id: payment.cf_payment_id,
			order_id: order.order_id,
			entity: 'settlement',
			order_amount: order.order_amount,
			order_currency: order.order_currency,
			settlement_currency: payment.payment_currency,
			payment_time: payment.payment_time,
			service_charge: serviceCharge,
			service_tax: serviceTax,
			settlement_amount: roundToPaise(amount - serviceCharge - serviceTax),
			transfer_id: Number(transferId),
			transfer_time: toIstTimestamp(now),
			transfer_utr: `N${transferId}`,
		};
		this.settlements.push(settlement);
		return settlement;
	}

	ofOrder(orderId: string): StoredSettlement | undefined {
		return this.settlements.find((settlement) => settlement.order_id === orderId);
	}

	/** Settlements matching every filter given, oldest first, `limit` at a time after the cursor. */
	page(query: SettlementQuery): SettlementPage {
		const matching = this.settlements.filter((settlement) => {
			const transferredAt = Date.parse(settlement.transfer_time);
			return (
				(query.after === undefined || Number(settlement.cf_settlement_id) > query.after) &&
				(!query.ids || query.ids.has(settlement.cf_settlement_id)) &&
				(!query.utrs || query.utrs.has(settlement.transfer_utr)) &&
				(query.from === undefined || transferredAt >= query.from) &&
				(query.to === undefined || transferredAt <= query.to)
			);
		});
		const data = matching.slice(0, query.limit);
		const more = matching.length > data.length;
		return {
			data,
			limit: query.limit,
			cursor: more ? encodeCursor(data[data.length - 1].cf_settlement_id) : null,
		};
	}

	forgetOrder(orderId: string): void {
		const index = this.settlements.findIndex((settlement) => settlement.order_id === orderId);
		if (index >= 0) this.settlements.splice(index, 1);
	}

	clear(): void {
		this.settlements.length = 0;
	}
}
