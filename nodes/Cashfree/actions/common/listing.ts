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
 * would otherwise keep the node asking forever, even with pages of one entry each; 500 pages
 * of 200 is far beyond a merchant's settlements over years.
 */
export const MAX_PAGES = 500;

/** How one of Cashfree's cursor-paged lists is asked for and read, page by page. */
export interface CursorPaging {
	pageSize: number;
	/** What the list holds, for errors: "settlements". */
	noun: string;
	/** The request body for one page: the operation's fields with the cursor and page size. */
	pageBody(fields: IDataObject, cursor: string | undefined, size: number): IDataObject;
	/** Where a page's answer has its entries and the next cursor: `{ data: [...], cursor }`. */
	listField: string;
	cursorField: string;
}

/** What a value is, for a message about Cashfree's answer: "an object", "null", "text". */
function kindOf(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return 'text';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * One page's entries and next cursor (undefined on the last page), or an error naming what
 * in Cashfree's answer is not a page: a list that is not a list of objects, a cursor that is
 * not text. Such an answer used to give fewer items, or none, as if the list had ended.
 */
function readPage(
	context: IExecuteFunctions,
	itemIndex: number,
	paging: CursorPaging,
	answer: IDataObject,
): { entries: IDataObject[]; cursor?: string } {
	const notAPage = (why: string) =>
		new NodeOperationError(
			context.getNode(),
			`Cashfree's answer is not a page of ${paging.noun}: ${why}`,
			{
				itemIndex,
				description:
					'Cashfree answers a page as { cursor, limit, data: [entries] }. Something between n8n and Cashfree (a proxy or gateway) answered instead of Cashfree, or the Base URL is wrong. The entries read so far are not output.',
			},
		);
	const list: unknown = answer[paging.listField];
	if (!Array.isArray(list)) {
		throw notAPage(`"${paging.listField}" is ${kindOf(list)}, not a list`);
	}
	const wrong = list.findIndex(
		(entry: unknown) => entry === null || typeof entry !== 'object' || Array.isArray(entry),
	);
	if (wrong >= 0) throw notAPage(`entry ${wrong + 1} is ${kindOf(list[wrong])}`);
	const cursor: unknown = answer[paging.cursorField];
	if (cursor !== undefined && cursor !== null && typeof cursor !== 'string') {
		throw notAPage(`its cursor is ${kindOf(cursor)}, not text or null`);
	}
	return { entries: list as IDataObject[], cursor: cursor || undefined };
}

/**
 * For Cashfree's cursor-paged lists: asks page after page until the limit is reached or
 * Cashfree gives no next cursor. A cursor that Cashfree gave before (the same one again, or a
 * loop) fails the item: following it would output entries twice, and stopping there would
 * pass a partial list off as complete. More than MAX_PAGES pages fail the item too.
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
	/** Each cursor Cashfree gave, with the page that gave it. */
	const givenBy = new Map<string, number>();
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
		const { entries, cursor: next } = readPage(context, itemIndex, paging, answer);
		// One by one: a spread of a page into push() passes every entry on the stack.
		for (const entry of entries) collected.push(entry);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
		if (!next || entries.length === 0) return collected;
		const earlier = givenBy.get(next);
		if (earlier !== undefined) {
			throw new NodeOperationError(
				context.getNode(),
				`Cashfree's answer repeated a cursor: page ${page} gave the same cursor as page ${earlier}`,
				{
					itemIndex,
					description: `Following it would output the same ${paging.noun} again, and stopping would pass part of the list off as all of it. Narrow the filters or set a Limit, and tell Cashfree if it happens again. The entries read so far are not output.`,
				},
			);
		}
		givenBy.set(next, page);
		cursor = next;
	}
}
