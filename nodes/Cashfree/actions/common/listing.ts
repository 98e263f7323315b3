import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeValue, refuseParameter } from './refuse';

/** n8n's usual pair for lists: Return All, or at most Limit entries. */
export const LIST_LIMIT = { min: 1, max: 1000, default: 50 } as const;

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: LIST_LIMIT.min, maxValue: LIST_LIMIT.max },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** How many entries to output: undefined for all. */
export type ListLimit = number | undefined;

export function readListLimit(context: IExecuteFunctions, itemIndex: number): ListLimit {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as unknown;
	if (returnAll === true || returnAll === 'true') return undefined;
	if (returnAll !== false && returnAll !== 'false') {
		return refuseParameter(
			context,
			'Return All',
			itemIndex,
			`got ${describeValue(returnAll)}`,
			'Return All must be true or false',
		);
	}
	const raw = context.getNodeParameter('limit', itemIndex, LIST_LIMIT.default) as unknown;
	const limit = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (
		typeof limit !== 'number' ||
		!Number.isInteger(limit) ||
		limit < LIST_LIMIT.min ||
		limit > LIST_LIMIT.max
	) {
		return refuseParameter(
			context,
			'Limit',
			itemIndex,
			`got ${describeValue(raw)}`,
			`Limit must be a whole number from ${LIST_LIMIT.min} to ${LIST_LIMIT.max}`,
		);
	}
	return limit;
}

/** For Cashfree's lists that come whole in one answer. */
export function applyListLimit(entries: IDataObject[], limit: ListLimit): IDataObject[] {
	return limit === undefined ? entries : entries.slice(0, limit);
}

/**
 * The most pages Return All asks for. A server that hands out a new cursor with every page
 * would otherwise keep the node asking, and its memory growing, forever; 500 pages of 200
 * is far beyond a merchant's settlements over years.
 */
export const MAX_PAGES = 500;

/** How one of Cashfree's cursor-paged lists is asked for and read, page by page. */
export interface CursorPaging {
	pageSize: number;
	/** The request body for one page: the operation's fields with the cursor and page size. */
	pageBody(fields: IDataObject, cursor: string | undefined, size: number): IDataObject;
	/** One page's answer: its entries and the next cursor (none on the last page). */
	readPage(answer: IDataObject): { entries: IDataObject[]; cursor?: string };
}

/**
 * For Cashfree's cursor-paged lists: asks page after page until the limit is reached or
 * Cashfree gives no next cursor. A cursor that repeats ends the loop too, and more than
 * MAX_PAGES pages fail the item rather than run on.
 */
export async function collectPages(
	context: IExecuteFunctions,
	itemIndex: number,
	limit: ListLimit,
	paging: CursorPaging,
	fetchPage: (body: IDataObject) => Promise<IDataObject>,
	fields: IDataObject,
): Promise<IDataObject[]> {
	const collected: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (let page = 1; ; page++) {
		if (page > MAX_PAGES) {
			throw new NodeOperationError(
				context.getNode(),
				`Cashfree's list went on past ${MAX_PAGES} pages (${collected.length} entries)`,
				{
					itemIndex,
					description:
						'Narrow the filters (e.g. a shorter date range) or set a Limit. The entries read so far are not output.',
				},
			);
		}
		const wanted =
			limit === undefined ? paging.pageSize : Math.min(paging.pageSize, limit - collected.length);
		const answer = await fetchPage(paging.pageBody(fields, cursor, wanted));
		const { entries, cursor: next } = paging.readPage(answer);
		collected.push(...entries);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
		if (!next || entries.length === 0 || seen.has(next)) return collected;
		seen.add(next);
		cursor = next;
	}
}
