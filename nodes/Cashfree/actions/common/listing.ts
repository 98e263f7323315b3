import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../transport';
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

/**
 * The most entries Return All outputs in one run, all items together: ten of Cashfree's
 * largest pages (1000, MAX_LIST_ENTRIES). Pages may be 8 MB each, and every entry becomes an
 * output item that n8n keeps for the whole execution: Return All once read 100,000-entry pages
 * until the process reached 2 GB and died, taking every workflow on the instance with it. A
 * merchant settled daily has about 365 settlements a year. Limit (at most 1000 per item) is
 * the user's own bound per item and is not counted.
 */
export const MAX_RETURN_ALL_ENTRIES = 10_000;

/** What Return All has output so far in one run, shared by its items. */
interface ReturnAllBudget {
	used: number;
}

/** One budget per run: the run's client is made once per execution of the node. */
const budgets = new WeakMap<object, ReturnAllBudget>();

function returnAllBudget(run: object): ReturnAllBudget {
	let budget = budgets.get(run);
	if (!budget) {
		budget = { used: 0 };
		budgets.set(run, budget);
	}
	return budget;
}

function returnAllStopped(context: IExecuteFunctions, itemIndex: number, read: number) {
	return new NodeOperationError(
		context.getNode(),
		`Return All stopped at ${MAX_RETURN_ALL_ENTRIES} entries in this run; set Limit or narrow the filters`,
		{
			itemIndex,
			description: `A run outputs at most ${MAX_RETURN_ALL_ENTRIES} entries through Return All, all items together, so that one list cannot take the memory every workflow on this n8n needs. Set Limit (up to ${LIST_LIMIT.max} per item), narrow the filters (e.g. a shorter date range), or send fewer items per run. This item had read ${read} entries; they are not output.`,
		},
	);
}

/**
 * Takes `count` entries from the run's Return All budget, or fails the item when they would
 * pass it.
 */
function takeFromBudget(
	context: IExecuteFunctions,
	itemIndex: number,
	budget: ReturnAllBudget,
	count: number,
	read: number,
): void {
	if (budget.used + count > MAX_RETURN_ALL_ENTRIES) {
		throw returnAllStopped(context, itemIndex, read + count);
	}
	budget.used += count;
}

/**
 * For Cashfree's lists that come whole in one answer (at most MAX_LIST_ENTRIES, checked as the
 * answer is read): the first Limit entries, or all of them within the run's Return All budget.
 */
export function takeWholeList(
	context: IExecuteFunctions,
	itemIndex: number,
	run: object,
	entries: IDataObject[],
	limit: ListLimit,
): IDataObject[] {
	if (limit !== undefined) return entries.slice(0, limit);
	takeFromBudget(context, itemIndex, returnAllBudget(run), entries.length, 0);
	return entries;
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
 * pass a partial list off as complete. Return All stops at the run's budget
 * (MAX_RETURN_ALL_ENTRIES) and at MAX_PAGES pages.
 */
export async function collectPages(
	context: IExecuteFunctions,
	itemIndex: number,
	run: object,
	limit: ListLimit,
	paging: CursorPaging,
	fetchPage: (body: IDataObject) => Promise<IDataObject>,
	fields: IDataObject,
): Promise<IDataObject[]> {
	const budget = limit === undefined ? returnAllBudget(run) : undefined;
	const collected: IDataObject[] = [];
	/** Each cursor Cashfree gave, with the page that gave it. */
	const givenBy = new Map<string, number>();
	let cursor: string | undefined;
	try {
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
			let wanted =
				limit === undefined ? paging.pageSize : Math.min(paging.pageSize, limit - collected.length);
			if (budget) {
				// Not one page more than the run may still output: a full budget with more to come fails here.
				const left = MAX_RETURN_ALL_ENTRIES - budget.used;
				if (left <= 0) throw returnAllStopped(context, itemIndex, collected.length);
				wanted = Math.min(wanted, left);
			}
			const answer = await fetchPage(paging.pageBody(fields, cursor, wanted));
			const { entries, cursor: next } = readPage(context, itemIndex, paging, answer);
			if (budget) takeFromBudget(context, itemIndex, budget, entries.length, collected.length);
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
	} catch (error) {
		// Not output, so not counted against the other items of the run.
		if (budget) budget.used -= Math.min(budget.used, collected.length);
		throw asNodeError(context, error, itemIndex);
	}
}
