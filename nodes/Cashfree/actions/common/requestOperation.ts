import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	asNodeError,
	failureOf,
	toNodeApiError,
	type ApiVersion,
	type CashfreeCall,
	type CashfreeClient,
	type CashfreeFailure,
	type ResourceWords,
} from '../../transport';
import type { CashfreeOperation } from '../runOperation';
import { requireApiVersion, type RunInfo } from './apiVersion';
import { fieldReader, type FieldRules } from './fields';
import { validateId, type IdRule } from './ids';
import {
	collectPages,
	limitField,
	readListLimit,
	returnAllField,
	takeWholeList,
	type CursorPaging,
	type ListLimit,
} from './listing';
import {
	callSettings,
	readOperationFlag,
	readRequestOptions,
	type RequestOptions,
} from './readOptions';
import { additionalOptions } from './requestOptions.description';

/** An id that goes into the path, with the editor field that asks for it. */
export interface PathId {
	field: INodeProperties;
	rule: IdRule;
}

export interface ReadRequest {
	ids: string[];
	/** The request body (or, for a GET, the query) built from the fields. */
	fields: IDataObject;
	limit: ListLimit;
	options: RequestOptions;
	/** The operation's own switches in Additional Options, by parameter name. */
	flags: Record<string, boolean>;
}

/** A refusal from Cashfree, handed to the operation's `onRefusal` hook. */
export interface Refusal {
	client: CashfreeClient;
	request: ReadRequest;
	failure: CashfreeFailure;
	itemIndex: number;
}

/**
 * A Get made to explain or settle a refusal, with the item's settings but a request id of its
 * own (the user's stays with the refused call); undefined when it fails, since the refusal is
 * still reported then, only without the extra detail.
 */
export async function lookUpAfterRefusal(
	{ client, request, itemIndex }: Refusal,
	path: string,
	about: ResourceWords,
): Promise<IDataObject | undefined> {
	const settings = callSettings({ ...request.options, requestId: undefined });
	return await client
		.request({ method: 'GET', path, about, ...settings }, itemIndex)
		.catch(() => undefined);
}

/**
 * What an operation makes of a refusal: a result after all (`json`), an explanation that
 * replaces the generic hint, or undefined to report Cashfree's refusal as it is.
 */
export type RefusalOutcome = { json: IDataObject } | { explanation: string } | undefined;

/**
 * Each of Cashfree's calls as one spec: ids into the path, fields into the body (or the query
 * of a GET), the answer out as it came, with hooks for what some calls add (cursor pages, a
 * look-up that explains a refusal). The checks, the options and the list handling are the
 * same for all of them.
 */
export interface RequestSpec {
	resource: string;
	operation: string;
	about: ResourceWords;
	method: IHttpRequestMethods;
	/** The ids in the path, in order; `path` receives them validated. */
	ids: PathId[];
	path: (...ids: string[]) => string;
	fields?: INodeProperties[];
	rules?: FieldRules;
	/** A body that does not depend on the item, e.g. `{ order_status: 'TERMINATED' }`. */
	fixedBody?: IDataObject;
	/**
	 * Cashfree answers a list: one output item per entry, with Return All / Limit. `true` for a
	 * list that comes whole in one answer; cursor paging for one that comes in pages.
	 */
	list?: true | CursorPaging;
	/** The first API version that has the call, and the call as the editor names it ("Terminate Order"). */
	since?: { version: ApiVersion; title: string };
	/** The operation's own switches (boolean options), added to its Additional Options. */
	flags?: INodeProperties[];
	/** Checks across fields and version-specific spellings, after each field passed its own rule. */
	refine?: (
		context: IExecuteFunctions,
		request: ReadRequest,
		itemIndex: number,
		run: RunInfo,
	) => void;
	/** Called when Cashfree refuses the call, before the refusal is reported. */
	onRefusal?: (refusal: Refusal) => Promise<RefusalOutcome>;
	/** For calls that change something: what a failed run reports as carried out by the other items. */
	carriedOut?: {
		singular: string;
		plural: string;
		verb: string;
		id: (request: ReadRequest) => string;
	};
	/** Whether the call changes something at Cashfree (it then shows and sends an Idempotency Key). */
	changesState?: boolean;
}

/** The operation's `read`: ids, fields, list limit, options and switches of one item, checked. */
function readerFor(spec: RequestSpec): CashfreeOperation<ReadRequest>['read'] {
	const readFieldsOf = fieldReader(spec.fields ?? [], spec.rules ?? {});
	return (context, itemIndex, run) => {
		if (spec.since) {
			requireApiVersion(context, spec.since.title, spec.since.version, run, itemIndex);
		}
		const request: ReadRequest = {
			ids: spec.ids.map(({ field, rule }) =>
				validateId(context, rule, context.getNodeParameter(field.name, itemIndex), itemIndex),
			),
			fields: readFieldsOf(context, itemIndex, run),
			limit: spec.list ? readListLimit(context, itemIndex) : undefined,
			options: readRequestOptions(context, itemIndex),
			flags: Object.fromEntries(
				(spec.flags ?? []).map((flag) => [flag.name, readOperationFlag(context, flag, itemIndex)]),
			),
		};
		spec.refine?.(context, request, itemIndex, run);
		return request;
	};
}

/** The operation's `send`: one call, a whole list, or page after page, then the refusal hook. */
function senderFor(
	spec: RequestSpec,
	changesState: boolean,
): CashfreeOperation<ReadRequest>['send'] {
	const callOf = (request: ReadRequest, body: IDataObject): CashfreeCall => ({
		method: spec.method,
		path: spec.path(...request.ids),
		about: spec.about,
		...(spec.method === 'GET'
			? { qs: Object.keys(body).length > 0 ? body : undefined }
			: { body: Object.keys(body).length > 0 ? body : undefined }),
		idempotencyKey: changesState ? request.options.idempotencyKey : undefined,
		...callSettings(request.options),
	});
	const call = async (
		context: IExecuteFunctions,
		client: CashfreeClient,
		request: ReadRequest,
		itemIndex: number,
	) => {
		const body = { ...spec.fixedBody, ...request.fields };
		const paging = spec.list;
		if (paging === undefined) return await client.request(callOf(request, body), itemIndex);
		// The client is the run's: Return All's budget of entries is counted per client.
		if (paging === true) {
			const entries = await client.requestList(callOf(request, body), itemIndex);
			return takeWholeList(context, itemIndex, client, entries, request.limit);
		}
		const fetchPage = async (pageBody: IDataObject) =>
			await client.request(callOf(request, pageBody), itemIndex);
		return await collectPages(context, itemIndex, client, request.limit, paging, fetchPage, body);
	};
	return async (context, client, request, itemIndex) => {
		try {
			return await call(context, client, request, itemIndex);
		} catch (error) {
			const failure = failureOf(error);
			const outcome =
				failure && spec.onRefusal
					? await spec.onRefusal({ client, request, failure, itemIndex })
					: undefined;
			if (outcome === undefined) throw asNodeError(context, error, itemIndex);
			if ('json' in outcome) return outcome.json;
			throw toNodeApiError(context, failure as CashfreeFailure, itemIndex, outcome.explanation);
		}
	};
}

export function requestOperation(spec: RequestSpec): CashfreeOperation<ReadRequest> {
	const changesState = spec.changesState ?? spec.method !== 'GET';
	const properties = [
		...spec.ids.map((id) => id.field),
		...(spec.fields ?? []),
		...(spec.list ? [returnAllField, limitField] : []),
		additionalOptions({ changesState, own: spec.flags ?? [] }),
	];
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			properties,
		),
		read: readerFor(spec),
		send: senderFor(spec, changesState),
		sendsIdempotencyKey: changesState,
		carriedOut: spec.carriedOut,
	};
}

/** The path segment of a validated id. */
export function segment(id: string): string {
	return encodeURIComponent(id);
}
