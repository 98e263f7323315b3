import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readRequestOptions, type RequestOptions } from '../../requestOptions';
import {
	cashfreeApiListRequest,
	cashfreeApiRequest,
	transportOptions,
	type ResourceWords,
} from '../../transport';
import { defineOperation, type CashfreeOperation } from '../itemOperation';
import { requireApiVersion, type ApiVersion, type RunInfo } from './apiVersion';
import { fieldReader, type FieldRules } from './fields';
import { validateId, type IdRule } from './ids';
import {
	applyListLimit,
	limitField,
	readListLimit,
	returnAllField,
	type ListLimit,
} from './listing';
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
}

/**
 * Most of Cashfree's calls are one request: ids into the path, fields into the body (or the
 * query of a GET), the answer out as it came. One spec per operation says which; the checks,
 * the options and the list handling are the same for all of them.
 */
export interface RequestOperationSpec {
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
	/** Cashfree answers a list: one output item per entry, with Return All / Limit. */
	list?: boolean;
	/** The first API version that has the call. */
	since?: ApiVersion;
	/** Checks across fields and version-specific spellings, after each field passed its own rule. */
	refine?: (
		context: IExecuteFunctions,
		request: ReadRequest,
		itemIndex: number,
		run: RunInfo,
	) => void;
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

export function defineRequestOperation(spec: RequestOperationSpec): CashfreeOperation {
	const changesState = spec.changesState ?? spec.method !== 'GET';
	const fields = spec.fields ?? [];
	const properties = [
		...spec.ids.map((id) => id.field),
		...fields,
		...(spec.list ? [returnAllField, limitField] : []),
		additionalOptions({ changesState }),
	];
	const readFieldsOf = fieldReader(fields, spec.rules ?? {});
	const read = (context: IExecuteFunctions, itemIndex: number, run: RunInfo): ReadRequest => {
		if (spec.since) {
			const what = `The ${spec.about.noun} operation "${spec.operation}"`;
			requireApiVersion(context, what, spec.since, run, itemIndex);
		}
		const request: ReadRequest = {
			ids: spec.ids.map(({ field, rule }) =>
				validateId(context, rule, context.getNodeParameter(field.name, itemIndex), itemIndex),
			),
			fields: readFieldsOf(context, itemIndex, run),
			limit: spec.list ? readListLimit(context, itemIndex) : undefined,
			options: readRequestOptions(context, itemIndex),
		};
		spec.refine?.(context, request, itemIndex, run);
		return request;
	};
	async function send(this: IExecuteFunctions, request: ReadRequest, itemIndex: number) {
		const body = { ...spec.fixedBody, ...request.fields };
		const call = {
			method: spec.method,
			path: spec.path(...request.ids),
			about: spec.about,
			...(spec.method === 'GET'
				? { qs: Object.keys(body).length > 0 ? body : undefined }
				: { body: Object.keys(body).length > 0 ? body : undefined }),
			idempotencyKey: changesState ? request.options.idempotencyKey : undefined,
			...transportOptions(request.options),
		};
		if (!spec.list) return await cashfreeApiRequest.call(this, call, itemIndex);
		return applyListLimit(await cashfreeApiListRequest.call(this, call, itemIndex), request.limit);
	}
	return defineOperation(
		updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			properties,
		),
		{ read, send, sendsIdempotencyKey: changesState, carriedOut: spec.carriedOut },
	);
}

/** The path segment of a validated id. */
export function segment(id: string): string {
	return encodeURIComponent(id);
}
